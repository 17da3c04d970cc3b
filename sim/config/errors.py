"""Pydantic's validation errors as one line: ``FILE: KEY: what is wrong; what is allowed``."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ValidationError

from sim.config.strategies import strategy_specs
from sim.errors import InputError
from sim.renamed import new_key


def _is_tag(loc: tuple, i: int) -> bool:
    """Whether ``loc[i]`` is the type tag pydantic puts after a strategy's index, not a key that
    happens to share a strategy's name (``behaviour.network``)."""
    return i >= 2 and loc[i] in strategy_specs() and isinstance(loc[i - 1], int) and loc[i - 2] == "strategies"


def _allowed_keys(model_cls: type[BaseModel], loc: tuple) -> list[str] | None:
    """Walk the schema along a pydantic error location and list the keys allowed at its parent."""
    import typing

    cls: Any = model_cls
    for i, part in enumerate(loc[:-1]):
        if isinstance(part, int) or _is_tag(loc, i):
            continue
        if typing.get_origin(cls) is dict:  # ``part`` is a key of a mapping (a parameter, a prior)
            cls = _unwrap(typing.get_args(cls)[1], loc, part)
            continue
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            field = cls.model_fields.get(str(part))
            if field is None:
                # discriminated union: the tag names the class
                return None
            cls = _unwrap(field.annotation, loc, part)
        else:
            return None
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return sorted(cls.model_fields)
    return None


def _unwrap(annotation, loc, part):
    import typing

    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        return _unwrap(args[0], loc, part)
    if origin in (list, tuple):
        return _unwrap(args[0], loc, part)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        classes = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if classes and all(c in strategy_specs().values() for c in classes):
            idx = loc.index(part) + 2  # strategies, i, <type tag>
            tag = loc[idx] if idx < len(loc) else None
            return strategy_specs().get(tag, classes[0])
        return classes[0] if len(classes) == 1 else None
    return annotation


def bounds(model_cls: type[BaseModel], loc: tuple) -> tuple[float | None, float | None]:
    """The lower and upper bound declared for the field at ``loc`` (also inside dict values)."""
    import typing

    import annotated_types as at

    cls: Any = model_cls
    annotation = None
    metadata: list = []
    for i, part in enumerate(loc):
        if isinstance(part, int) or _is_tag(loc, i):
            if _is_tag(loc, i):
                cls = strategy_specs()[part]
            continue
        if isinstance(cls, type) and issubclass(cls, BaseModel) and str(part) in cls.model_fields:
            field = cls.model_fields[str(part)]
            metadata = list(field.metadata)
            annotation = field.annotation
            cls = _unwrap(annotation, loc, part)
        elif typing.get_origin(annotation) is dict:
            value_type = typing.get_args(annotation)[1]
            metadata = list(getattr(value_type, "__metadata__", ()))
            for m in metadata:
                metadata = metadata + list(getattr(m, "metadata", ()))
            cls = value_type
        else:
            break
    low = high = None
    for m in metadata:
        if isinstance(m, (at.Ge, at.Gt)):
            low = getattr(m, "ge", getattr(m, "gt", None))
        if isinstance(m, (at.Le, at.Lt)):
            high = getattr(m, "le", getattr(m, "lt", None))
    return low, high


def format_validation_error(file: str, exc: ValidationError, model_cls=None) -> InputError:
    if model_cls is None:
        from sim.config.scenario import Scenario

        model_cls = Scenario
    err = exc.errors(include_url=False)[0]
    loc = tuple(p for p in err["loc"])
    # the discriminator tag of strategies appears in loc; drop it from the shown key
    shown = [str(p) for i, p in enumerate(loc) if not _is_tag(loc, i)]
    key = ".".join(shown) if shown else None
    etype = err["type"]
    ctx = err.get("ctx", {}) or {}
    if etype == "extra_forbidden":
        if key and new_key(key):
            return InputError(file, key, "is an old name", f"renamed: write {new_key(key)}")
        keys = _allowed_keys(model_cls, loc)
        return InputError(
            file, key, "unknown key",
            f"allowed keys here: {', '.join(keys)}" if keys else "see docs/MODEL.md for the scenario keys",
        )
    if etype == "missing":
        return InputError(file, key, "required key is missing", "add it")
    if etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        value = err.get("input")
        low, high = bounds(model_cls, loc)
        if low == 0 and high == 1:
            allowed = "allowed: a probability in [0, 1]"
        elif low is not None and high is not None:
            allowed = f"allowed: a number from {low} to {high}"
        else:
            ops = {"greater_than_equal": ">=", "less_than_equal": "<=", "greater_than": ">", "less_than": "<"}
            allowed = f"allowed: a number {ops[etype]} {next(iter(ctx.values()), '?')}"
        return InputError(file, key, f"value {value!r} is out of range", allowed)
    if etype == "literal_error":
        return InputError(
            file, key, f"value {err.get('input')!r} is not allowed", f"allowed: {ctx.get('expected', '')}")
    if etype == "union_tag_invalid":
        return InputError(
            file, key, f"unknown strategy type {ctx.get('tag')!r}", f"allowed: {ctx.get('expected_tags')}")
    if etype == "union_tag_not_found":
        return InputError(file, key, "strategy has no 'type'", f"allowed: {', '.join(strategy_specs())}")
    if etype == "value_error":
        problem, _, allowed = str(ctx.get("error", err["msg"])).partition("; allowed: ")
        named = re.match(r"([\w.-]+): (.*)", problem)
        if key is None and named:  # a check across fields names the key it is about
            key, problem = named.group(1), named.group(2)
        return InputError(file, key, problem, f"allowed: {allowed}" if allowed else "see docs/MODEL.md for the format")
    if etype in ("too_short", "too_long"):
        n = ctx.get("min_length", ctx.get("max_length"))
        what = "at least" if etype == "too_short" else "at most"
        return InputError(
            file, key, "too short" if etype == "too_short" else "too long", f"allowed: {what} {n} items or characters")
    expected = _expected(etype)
    shown_value = repr(err.get("input"))
    if len(shown_value) > 60:
        shown_value = shown_value[:57] + "..."
    return InputError(file, key, f"{err['msg'].lower()} (got {shown_value})", f"allowed: {expected}")


_EXPECTED = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "date": "a date like 2010-06-10",
    "datetime": "a date like 2010-06-10",
    "string": "text",
    "dict": "a mapping of keys to values",
    "model": "a mapping of keys to values",
    "list": "a list",
    "enum": "one of the listed values",
}


def _expected(etype: str) -> str:
    for prefix, text in _EXPECTED.items():
        if etype.startswith(prefix):
            return text
    return "see docs/MODEL.md for the format"
