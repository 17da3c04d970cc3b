"""Names a package exports but imports only when first used, so that importing the package
(or the command line's ``--help``) stays cheap."""

from __future__ import annotations

import importlib
from collections.abc import Callable


def lazy_exports(namespace: dict, where: dict[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` that imports ``name`` from ``where[name]`` on first use."""

    def __getattr__(name: str) -> object:
        if name in where:
            value = getattr(importlib.import_module(where[name]), name)
            namespace[name] = value
            return value
        raise AttributeError(f"module {namespace['__name__']!r} has no attribute {name!r}")

    return __getattr__
