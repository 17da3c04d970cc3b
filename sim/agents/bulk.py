"""Registering many agents with Mesa at once.

``mesa.Agent.__init__`` registers one agent at a time and emits a signal for each; for the
thousands of households of a city that is most of the cost of building the world. Here the
world builder makes the objects itself and registers them in one go, with the same unique ids
in the same order. Where anything listens (a signal subscriber, a batch of signals, a data
set tracking the agent type) or Mesa's internals are not the ones expected, each agent is
registered the ordinary way instead.
"""

from __future__ import annotations

from mesa.agentset import _HardKeyAgentSet
from mesa.experimental.mesa_signals import ModelSignals


def _listened(model, cls) -> bool:
    """Whether anything would notice agents being added one by one (or we cannot tell)."""
    if getattr(cls, "_datasets", None):
        return True
    try:
        if model._suppress:
            return False
        return model._batch_context is not None or bool(model.subscribers.get(("agents", ModelSignals.AGENT_ADDED)))
    except AttributeError:  # not the Mesa this was written for: register the ordinary way
        return True


def register_many(model, agents: list) -> None:
    """Do what ``mesa.Agent.__init__`` does for each of ``agents`` (all of one class, made
    with ``cls.__new__``, ``model`` and ``pos`` set, not yet registered): hand out the next
    unique ids in order, and add them to ``model.agents`` and ``model.agents_by_type``."""
    if not agents:
        return
    cls = type(agents[0])
    all_agents = getattr(model, "_all_agents", None)
    by_type = getattr(model, "_agents_by_type", None)
    known = all_agents is not None and hasattr(all_agents, "_agents") and isinstance(by_type, dict)
    if not known or _listened(model, cls):
        for a in agents:
            model.register_agent(a)
            for dataset in getattr(cls, "_datasets", ()):
                model.data_registry[dataset].add_agent(a)
        return
    uid = model.agent_id_counter
    for a in agents:
        a.unique_id = uid
        uid += 1
    model.agent_id_counter = uid
    keys = dict.fromkeys(agents)
    assert all_agents is not None and isinstance(by_type, dict)  # as checked above, for the type checker
    all_agents._agents.update(keys)
    same_type = by_type.get(cls)
    if same_type is None:
        by_type[cls] = _HardKeyAgentSet(agents, random=model.random)
    else:
        same_type._agents.update(keys)
