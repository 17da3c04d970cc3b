"""What partner organisations and key figures share: engagement that grows with the coaches'
presence and fades without it ("een proces van lange adem", 000:1029-1030), and the names they pass on.

Engagement is hot state (every name source, every week), so it lives in arrays of a
``NameSourceTable``; each agent reads and writes its own element."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

import mesa
import numpy as np

from sim.agents.household import need_no_course
from sim.agents.state import Stage


class Uniforms:
    """Uniforms of the model's generator, drawn in blocks and read in order. ``give_back``
    returns those not read (a PCG64 generator steps back), so the stream is as if each had been
    drawn alone. The name sources of a week read one after another from the same blocks: one
    step back a week instead of one per source (stepping back costs more than drawing)."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self._advance = getattr(rng.bit_generator, "advance", None)
        self.draws: list[float] = []
        self.used = 0

    def more(self, block: int) -> list[float]:
        """The next ``block`` uniforms, once those before are read (one at a time from a
        generator that cannot step back)."""
        self.draws = self.rng.random(block if self._advance is not None else 1).tolist()
        self.used = 0
        return self.draws

    def give_back(self) -> None:
        left = len(self.draws) - self.used
        if left and self._advance is not None:
            self._advance(-left)
        self.draws, self.used = [], 0


class NameSource(mesa.Agent):
    """Base for agents that pass on names of motivated people to the coaches."""

    def __init__(self, model, neighbourhood: str, engagement: float):
        super().__init__(model)
        self.neighbourhood = neighbourhood
        self._table: NameSourceTable | None = None
        self._i = -1
        self._engagement = engagement
        self.clients: list = []
        self._client_weights: list[float] | None = None
        self._motivations: list[tuple[list, int]] = []
        self.names_passed = 0
        self.x = 0.0
        self.y = 0.0

    # engagement and this week's presence hours live in the table once it exists
    @property
    def engagement(self) -> float:
        return float(self._table.engagement[self._i]) if self._table is not None else self._engagement

    @engagement.setter
    def engagement(self, value: float) -> None:
        if self._table is not None:
            self._table.engagement[self._i] = value
        else:
            self._engagement = value

    def add_hours(self, hours: float) -> None:
        table = self._table
        assert table is not None, "a name source books hours once the model has its table"
        table.hours[self._i] += hours

    def base_name_rate(self) -> float:
        """Names a week at full engagement."""
        return self.model.behaviour.network.names_per_week

    def select_names(self, n: int, uniforms: Uniforms | None = None) -> list:
        """Up to ``n`` clients not yet reached, drawn in proportion to how ready the source
        thinks they are: motivation to the power ``name_selectivity``, times a small factor
        for those who need no course. ``uniforms``: the draws, shared by the name sources of a week."""
        nb = self.model.behaviour.network
        clients = self.clients
        if not clients:
            return []
        if self._client_weights is None:
            # partners know their clients: those who speak Dutch, feel integrated or already follow
            # a course are rarely put forward (assumption; 000:1026 'namen van gemotiveerde mensen')
            misjudged = nb.name_misjudgement
            self._client_weights = [misjudged if no else 1.0 for no in need_no_course(clients)]
            self._motivations = [(h._c["motivation"], h._i) for h in clients]  # column and row
        factors = self._client_weights
        motivations = self._motivations
        k = nb.name_selectivity
        rng = self.model.rng
        m = len(clients)
        chosen: list = []
        picked: set[int] = set()
        # Rejection sampling: a client is accepted with probability factor * motivation**k (<= 1),
        # which draws exactly in proportion to those weights, without scanning every client.
        # Motivation is read now: word of mouth may have raised it since.
        # The uniforms come in blocks, read like a list (``Uniforms``).
        own = uniforms is None
        if uniforms is None:
            uniforms = Uniforms(rng)
        block = 40 * n + 24
        draws, used = uniforms.draws, uniforms.used
        end = len(draws)
        unaware, approached = Stage.UNAWARE, Stage.APPROACHED  # ``Stage.open``, by identity: it is hot
        tries, limit, found = 0, 64 + 32 * n, 0
        while found < n and tries < limit:
            tries += 1
            if used == end:
                draws = uniforms.more(block)
                used, end = 0, len(draws)
            i = int(draws[used] * m)
            used += 1
            h = clients[i]
            if h.route is not None or i in picked:
                continue
            stage = h.stage
            if stage is not unaware and stage is not approached:
                continue
            if used == end:
                draws = uniforms.more(block)
                used, end = 0, len(draws)
            column, row = motivations[i]
            motivation = column[row]
            if motivation < 1e-6:  # max(), without the call: this loop is hot
                motivation = 1e-6
            accept = draws[used] < factors[i] * motivation ** k
            used += 1
            if accept:
                picked.add(i)
                chosen.append(h)
                found += 1
        uniforms.draws, uniforms.used = draws, used
        if own or len(chosen) < n:
            uniforms.give_back()  # the exact draw below reads the generator itself
        if len(chosen) < n:
            chosen += self._scan(n - len(chosen), picked)
        self.names_passed += len(chosen)
        return chosen

    def _scan(self, n: int, picked: set[int]) -> list:
        """The exact draw over all available clients, for when few are left."""
        nb = self.model.behaviour.network
        k = nb.name_selectivity
        clients, factors = self.clients, self._client_weights or []
        idx = [
            i for i, h in enumerate(clients)
            if i not in picked and h.stage.open and h.route is None and factors[i] > 0
        ]
        out: list = []
        rng = self.model.rng
        while idx and len(out) < n:
            cum = list(accumulate(factors[i] * max(clients[i].motivation, 1e-6) ** k for i in idx))
            j = min(bisect_right(cum, rng.random() * cum[-1]), len(idx) - 1)
            out.append(clients[idx.pop(j)])
        return out


class NameSourceTable:
    """Engagement, presence hours and name rates of all name sources, as arrays."""

    def __init__(self, model, sources: list[NameSource]):
        self.model = model
        self.sources = sources
        self.engagement = np.array([r._engagement for r in sources], dtype=float)
        self.hours = np.zeros(len(sources))
        self.presence = np.zeros(len(sources))
        self.base_rate = np.array([r.base_name_rate() for r in sources], dtype=float)
        # which strategy's names each source delivers: the network's partners and key figures
        # (code 0), ambassadors, pre-school locations, ...
        self.channels: dict[str, int] = {"network": 0}
        self.channel = np.zeros(len(sources), dtype=np.int16)
        self._members: dict[int, tuple] = {}  # positions of each channel's name sources, and the sources
        for i, r in enumerate(sources):
            r._table, r._i = self, i

    def update_engagement(self) -> None:
        """Weekly: presence raises engagement towards 1; without it, engagement fades."""
        nb = self.model.behaviour.network
        e = self.engagement
        hours = self.hours
        gain = 1.0 - np.exp(-nb.engagement_gain_per_hour * hours)
        e += gain * (1.0 - e) - nb.engagement_decay_per_week * e
        # np.clip, without its overhead on small arrays
        np.minimum(np.maximum(e, 0.0, out=e), 1.0, out=e)
        self.presence += hours
        hours.fill(0.0)

    def add(self, source: NameSource, channel: str) -> None:
        """A name source that joins during the run (an ambassador) or belongs to one strategy."""
        source._table, source._i = self, len(self.sources)
        self.sources.append(source)
        self.engagement = np.append(self.engagement, source._engagement)
        self.hours = np.append(self.hours, 0.0)
        self.presence = np.append(self.presence, 0.0)
        self.base_rate = np.append(self.base_rate, source.base_name_rate())
        code = self.channels.setdefault(channel, len(self.channels))
        self.channel = np.append(self.channel, np.int16(code))
        self._members.pop(code, None)

    def pass_names(self, channel: str = "network", weeks: float = 1.0) -> list:
        """This week's names from the name sources of one channel (the network's partners and key
        figures, the ambassadors, ...), in proportion to their engagement."""
        code = self.channels.get(channel)
        if code is None:
            return []
        members = self._members.get(code)
        if members is None:
            members = self._members[code] = self._positions(code)
        where, group = members
        rates = self.engagement[where] * self.base_rate[where]
        if weeks != 1.0:
            rates *= weeks
        # Poisson draws of rate 0 take nothing from the generator, so drawing for this
        # channel's name sources only gives the draws of drawing for all of them
        counts = self.model.rng.poisson(rates)
        names = []
        uniforms = Uniforms(self.model.rng)
        for j in counts.nonzero()[0].tolist():
            names.extend(group[j].select_names(int(counts[j]), uniforms))
        uniforms.give_back()
        return names

    def _positions(self, code: int) -> tuple[slice | np.ndarray, list[NameSource]]:
        """Where a channel's name sources sit in the arrays (a slice when they sit together,
        which reads faster), and the sources themselves."""
        idx = np.flatnonzero(self.channel == code)
        group = [self.sources[i] for i in idx.tolist()]
        if len(idx) and idx[-1] - idx[0] + 1 == len(idx):
            return slice(int(idx[0]), int(idx[-1]) + 1), group
        return idx, group

    def mean_engagement(self) -> float:
        return float(self.engagement.mean()) if len(self.engagement) else 0.0
