"""Names of a week are drawn from uniforms shared by the name sources: the same names and the
same random stream as when each source draws its own."""

import numpy as np

from sim.agents.name_source import Uniforms
from sim.model import OutreachModel


def test_uniforms_given_back_leave_the_stream_as_if_drawn_one_at_a_time():
    rng, alone = np.random.default_rng(11), np.random.default_rng(11)
    u = Uniforms(rng)
    block = u.more(50)
    u.used = 7  # seven of the block read
    u.give_back()
    assert block[:7] == [alone.random() for _ in range(7)]
    assert rng.random() == alone.random()


def test_a_week_of_names_draws_as_each_source_alone():
    shared, alone = OutreachModel("roermond_pilot", 3), OutreachModel("roermond_pilot", 3)
    for m in (shared, alone):
        m.name_source_table.engagement[:] = 1.0  # many names, so that blocks run out and scans happen
        m.name_source_table.base_rate[:] = 3.0
    table = alone.name_source_table
    where, group = table._positions(0)
    for _ in range(6):
        by_week = shared.name_source_table.pass_names("network")
        counts = alone.rng.poisson(table.engagement[where] * table.base_rate[where])
        by_source = [h for j in counts.nonzero()[0] for h in group[j].select_names(int(counts[j]))]
        assert [h.unique_id for h in by_week] == [h.unique_id for h in by_source]
        for h in by_week:
            h.name_for("network")
        for h in by_source:
            h.name_for("network")
        assert shared.rng.random() == alone.rng.random()
