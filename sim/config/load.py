"""Reading scenario files: safe YAML, ``extends:``, validation, overrides, and writing a
scenario back as the YAML a run actually used, with its SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from sim.config.errors import format_validation_error
from sim.config.keys import apply_overrides, with_values
from sim.config.scenario import Scenario
from sim.errors import InputError


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader: YAML object tags (``!!python/...``) are refused."""


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


def parse_yaml(text: str, file: str, prefix: tuple = ()) -> Any:
    """YAML text as data, read with the safe loader. A date that does not exist and a key given
    twice in one mapping are InputErrors naming the key's path (after ``prefix``); other YAML
    errors are left to the caller, which knows what the text was meant to be."""
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_nodes(loader, node, file, prefix)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _check_nodes(loader: _SafeLoader, root: yaml.Node, file: str, prefix: tuple) -> None:
    """Walk the parsed nodes before they become data: the date constructor raises a bare
    ValueError for 2009-02-30, and building a dict keeps only the last of two equal keys."""
    seen: set[int] = set()  # an alias points at a node already walked (and may point at itself)
    stack: list[tuple[yaml.Node, tuple]] = [(root, prefix)]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _TIMESTAMP:
                _scalar(loader, node, file, path)
            continue
        if isinstance(node, yaml.SequenceNode):
            children: list[tuple[yaml.Node, tuple]] = [(item, (*path, i)) for i, item in enumerate(node.value)]
        else:  # a mapping
            children = []
            first_line: dict[Any, int] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE:  # keys of its own may override a ``<<:`` merge
                    children.append((value_node, path))
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    children.append((value_node, path))
                    continue  # the constructor refuses a mapping or list as a key
                key = _scalar(loader, key_node, file, path)
                line = key_node.start_mark.line + 1
                if key in first_line:
                    raise InputError(file, _dotted((*path, key)),
                                     f"key given twice (lines {first_line[key]} and {line})",
                                     "each key once in a mapping")
                first_line[key] = line
                children.append((value_node, (*path, key)))
        stack.extend(reversed(children))  # the first problem in the file is the one reported


def _scalar(loader: _SafeLoader, node: yaml.ScalarNode, file: str, path: tuple) -> Any:
    if node.tag != _TIMESTAMP:
        return loader.construct_object(node)
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError as exc:
        where = _dotted(path) if path else f"line {node.start_mark.line + 1}"
        raise InputError(file, where, f"date {node.value} does not exist ({exc})",
                         "allowed: a date YYYY-MM-DD that exists, like 2010-06-10") from None


def _dotted(path: tuple) -> str:
    return ".".join(str(part) for part in path)


def read_yaml(path: str | Path, what: str = "scenario") -> Any:
    """Read a YAML file safely, turning every failure into an InputError naming the file. A
    bare name that is no file is looked up among the shipped files (``bundled``)."""
    path = bundled(path, what)
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, None, "file not found", f"give the path of a {what} YAML file") from None
    except IsADirectoryError:
        raise InputError(name, None, "is a directory", f"give the path of a {what} YAML file") from None
    except OSError as exc:
        raise InputError(name, None, f"cannot be read ({exc.strerror})", f"give a readable {what} YAML file") from None
    if b"\x00" in raw:
        raise InputError(name, None, "is a binary file", f"give a {what} YAML text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(name, None, "is not UTF-8 text", f"give a {what} YAML text file") from None
    try:
        data = parse_yaml(text, name)
    except yaml.constructor.ConstructorError as exc:
        where = f"line {exc.problem_mark.line + 1}" if exc.problem_mark else "a tag"
        raise InputError(
            name, where, f"YAML tag not allowed ({exc.problem})", "plain YAML data only, no object tags") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark else None
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise InputError(name, line, f"not valid YAML ({problem})", "a YAML mapping of keys to values") from None
    if data is None:
        raise InputError(name, None, "file is empty", f"a YAML mapping of {what} keys")
    if not isinstance(data, dict):
        raise InputError(name, None, f"top level is a {type(data).__name__}", f"a YAML mapping of {what} keys")
    return data


def read_with_extends(path: str | Path, what: str = "scenario", _chain: tuple = ()) -> dict:
    """Read a YAML file; ``extends: OTHER.yaml`` (relative to the file) takes that file as the
    base and lays this one over it: mappings merge key by key, anything else is replaced."""
    path = bundled(path, what)
    data = read_yaml(path, what)
    base_name = data.pop("extends", None)
    if base_name is None:
        return data
    if not isinstance(base_name, str) or not base_name:
        raise InputError(
            str(path), "extends", f"{base_name!r} is not a file name", "the path of a YAML file, relative to this one")
    base_path = (path.parent / base_name).resolve()
    if base_path in _chain or base_path == path.resolve():
        raise InputError(
            str(path), "extends", f"{base_name} extends itself in a loop", "a chain of files without loops")
    if not base_path.is_file():
        raise InputError(
            str(path), "extends", f"{base_name} not found", "the path of a YAML file, relative to this one")
    base = read_with_extends(base_path, what, (*_chain, path.resolve()))
    return merge(base, data)


def merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        out[key] = merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def validate_dict(data: dict, file: str = "<scenario>") -> Scenario:
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise format_validation_error(file, exc) from None


def load_scenario(path: str | Path, overrides: dict[str, Any] | None = None) -> Scenario:
    """Load and validate a scenario file, or a shipped scenario by name (``roermond_pilot``);
    ``overrides`` maps dotted keys to values (like ``--set``)."""
    path = bundled(path, "scenario")
    data = read_with_extends(path, "scenario")
    if overrides:
        data = apply_overrides(data, overrides)
    scenario = validate_dict(data, str(path))
    scenario._source_path = str(path)
    scenario._overrides = dict(overrides or {})
    return scenario


# The scenarios, experiments and calibration targets that ship in the package (the folders of
# the same names at the repository root point here).
DATA_DIR = Path(__file__).resolve().parents[1] / "data"
SCENARIO_DIR = DATA_DIR / "scenarios"
DATA_KINDS = {"scenario": "scenarios", "experiment": "experiments", "targets": "calibration"}


def bundled(path: str | Path, what: str = "scenario") -> Path:
    """A file path as given, or, when no such file exists and the name has no folder, the
    shipped file of that name (``roermond_pilot`` or ``roermond_pilot.yaml``)."""
    path = Path(path)
    if path.exists() or len(path.parts) != 1 or what not in DATA_KINDS:
        return path
    name = path.name if path.suffix in (".yaml", ".yml") else f"{path.name}.yaml"
    shipped = DATA_DIR / DATA_KINDS[what] / name
    return shipped if shipped.is_file() else path


def shipped(what: str = "scenario") -> list[Path]:
    """The shipped files of one kind, by name."""
    return sorted((DATA_DIR / DATA_KINDS[what]).glob("*.yaml"))


def resolve_scenario(scenario: Scenario | str | Path, overrides: dict[str, Any] | None = None) -> Scenario:
    """A Scenario object, a scenario file, or the name of a shipped scenario (``roermond_pilot``),
    with dotted overrides applied and validated."""
    if isinstance(scenario, Scenario):
        return with_values(scenario, overrides) if overrides else scenario
    return load_scenario(scenario, overrides or None)


def scenario_sha256(scenario: Scenario) -> str:
    return hashlib.sha256(scenario_yaml(scenario).encode()).hexdigest()


def scenario_yaml(scenario: Scenario) -> str:
    """The scenario with every default filled in, as YAML: what a run actually used."""
    return yaml.safe_dump(scenario.model_dump(mode="json"), sort_keys=False, allow_unicode=True)
