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
        data = yaml.load(text, Loader=_SafeLoader)
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
