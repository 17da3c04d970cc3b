"""Dotted keys: one way to name a value in a scenario, for ``--set``, sweeps, priors and
reading values back. A list element is named by its index, or by its ``type`` (strategies)
or ``name`` (neighbourhoods): ``strategies.narrow.slots``, ``world.neighbourhoods.Donderberg.households``."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from pydantic import BaseModel

from sim.errors import InputError

MISSING = object()


def list_index(items: list, part: str) -> int | None:
    """The element a key part names in a list: its index, or the one element whose ``type``
    (a strategy) or ``name`` (a neighbourhood) it is. Works on scenario objects and on the raw
    data of a file alike, so ``--set``, sweeps, priors and reading back agree."""
    if part.lstrip("-").isdigit():
        idx = int(part)
        return idx if -len(items) <= idx < len(items) else None
    matches = [i for i, el in enumerate(items) if part in (_attr(el, "type"), _attr(el, "name"))]
    return matches[0] if len(matches) == 1 else None


def _attr(element: Any, name: str) -> Any:
    return element.get(name) if isinstance(element, dict) else getattr(element, name, None)


def _list_hint(items: list) -> str:
    names = [str(_attr(el, "type") or _attr(el, "name")) for el in items if _attr(el, "type") or _attr(el, "name")]
    unique = [n for n in dict.fromkeys(names) if names.count(n) == 1]
    return f"allowed: an index 0-{len(items) - 1}" + (f" or one of {', '.join(unique)}" if unique else "")


def _no_element(items: list, part: str) -> str:
    """Why ``part`` names no element: none has that name, or several have."""
    named = [i for i, el in enumerate(items) if part in (_attr(el, "type"), _attr(el, "name"))]
    if len(named) > 1:
        return f"{part!r} names {len(named)} elements ({', '.join(map(str, named))}); give the index"
    return f"no list element {part!r}"


def get_path(obj: Any, dotted: str) -> Any:
    """Follow a dotted key through models, dicts and lists; ``MISSING`` when there is nothing."""
    node = obj
    for part in dotted.split("."):
        if isinstance(node, BaseModel):
            if part not in type(node).model_fields:
                return MISSING
            node = getattr(node, part)
        elif isinstance(node, dict):
            if part not in node:
                return MISSING
            node = node[part]
        elif isinstance(node, list):
            idx = list_index(node, part)
            if idx is None:
                return MISSING
            node = node[idx]
        else:
            return MISSING
    return node


def schema_location(scenario: Any, dotted: str) -> tuple:
    """A dotted key as a location in the schema: list elements become their index, a strategy
    is followed by its type (the tag that picks its settings)."""
    loc: list = []
    node = scenario
    for part in dotted.split("."):
        if isinstance(node, list):
            idx = list_index(node, part)
            if idx is None:
                return (*loc, part)
            loc.append(idx)
            node = node[idx]
            tag = _attr(node, "type")
            if isinstance(tag, str):
                loc.append(tag)
            continue
        loc.append(part)
        node = getattr(node, part, None) if isinstance(node, BaseModel) else (
            node.get(part) if isinstance(node, dict) else None)
    return tuple(loc)


def get_value(scenario: Any, dotted: str) -> Any:
    """The value at a dotted key; raises KeyError when there is none."""
    value = get_path(scenario, dotted)
    if value is MISSING:
        raise KeyError(dotted)
    return value


def with_values(scenario: Any, values: dict[str, Any], file: str = "<parameters>") -> Any:
    """A copy of the scenario with dotted keys set to new values, validated like a file."""
    from sim.config.load import validate_dict

    data = apply_overrides(scenario.model_dump(mode="python"), values, file)
    new = validate_dict(data, file)
    new._source_path = scenario._source_path
    new._overrides = {**scenario._overrides, **values}
    return new


def parse_override(text: str, file: str = "--set") -> tuple[str, Any]:
    """Parse ``KEY=VALUE``; the value is read as YAML so numbers, booleans and lists work."""
    if "=" not in text:
        raise InputError(file, text, "missing '='", "write KEY=VALUE, e.g. policy.fee_eur=0")
    key, _, value = text.partition("=")
    key = key.strip()
    if not key:
        raise InputError(file, text, "empty key", "write KEY=VALUE, e.g. policy.fee_eur=0")
    from sim.config.load import parse_yaml  # load.py imports this module

    try:
        # the loader of the files, so a date that does not exist is refused here as it is there
        parsed = parse_yaml(value, file, (key,))
    except yaml.YAMLError:
        raise InputError(file, key, f"value {value!r} is not valid YAML",
                         "a number, true/false, a date or text") from None
    return key, parsed


def apply_overrides(data: dict, overrides: dict[str, Any], file: str = "--set") -> dict:
    """Set values by dotted key (``list_index`` names list elements)."""
    data = copy.deepcopy(data)
    for dotted, value in overrides.items():
        parts = str(dotted).split(".")
        node: Any = data
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if isinstance(node, list):
                idx = list_index(node, part)
                if idx is None:
                    raise InputError(file, dotted, _no_element(node, part), _list_hint(node))
                if last:
                    node[idx] = value
                else:
                    node = node[idx]
            elif isinstance(node, dict):
                if last:
                    node[part] = value
                else:
                    if part not in node or node[part] is None:
                        node[part] = {}
                    node = node[part]
            else:
                raise InputError(
                    file, dotted, f"{'.'.join(parts[:i])} is a value, not a section", "override a leaf key")
    return data
