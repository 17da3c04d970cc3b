"""The one registry of strategies. Each strategy module declares its settings (a pydantic
class), its runtime class and what the rest of the package needs to know about it, and
registers them here; the schema, the recorder, the labels, the world and the app iterate the
registry. Adding a method from the guide is one new module (plus its scenario and docs)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, Field


@dataclass(frozen=True)
class StrategyInfo:
    name: str  # the ``type`` a scenario gives, and the prefix of the strategy's outcomes
    spec: type[BaseModel]  # the settings
    runtime: type  # the class that plans the coaches' hours (``sim.strategies.base.Strategy``)
    label_en: str
    label_nl: str
    # the outcome the success rate divides starts by (000:1035-1061): conversations for visits
    success_denominator: str = "conversations"
    # settings that grow with a generic city's size (``world.city.scale_staff``)
    scaled: tuple[str, ...] = ("hours_per_week",)
    scaled_whole: tuple[str, ...] = ()  # of those, the ones that stay whole numbers (at least 1)


REGISTRY: dict[str, StrategyInfo] = {}


def register(info: StrategyInfo) -> StrategyInfo:
    if info.name in REGISTRY and REGISTRY[info.name] != info:
        raise ValueError(f"strategy {info.name!r} registered twice")
    if info.spec.model_fields["type"].default != info.name:
        raise ValueError(f"strategy {info.name!r}: its settings' type is {info.spec.model_fields['type'].default!r}")
    REGISTRY[info.name] = info
    return info


def spec_union() -> Any:
    """The settings of any registered strategy, told apart by ``type``."""
    from typing import Union

    return Annotated[Union[tuple(i.spec for i in REGISTRY.values())], Field(discriminator="type")]  # noqa: UP007
