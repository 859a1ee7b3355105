"""The public surface: one sorted `__all__` a module, and every name exported once.

As httpx's `test_exported_members.py`: what the package's namespace holds is what its
`__all__` says, in order; a name lives in one public module only; a name that moved
to a submodule still imports from the top, with a `DeprecationWarning`.
"""

from __future__ import annotations

import collections
import importlib
import types

import pytest

import patsnap_async

PUBLIC = [
    "patsnap_async",
    "patsnap_async.cache",
    "patsnap_async.catalog",
    "patsnap_async.endpoints",
    "patsnap_async.export",
    "patsnap_async.harvest",
    "patsnap_async.interfaces",
    "patsnap_async.mcp",
    "patsnap_async.records",
    "patsnap_async.redis",
    "patsnap_async.testing",
    "patsnap_async.usage",
]


def isort_order(names: list[str]) -> list[str]:
    """Ruff's RUF022 order: CONSTANTS, then Classes, then functions, each alphabetical."""

    def rank(name: str) -> tuple[int, str]:
        if name.isupper() or (name.upper() == name and "_" in name):
            return (0, name)
        return (1, name) if name[:1].isupper() else (2, name)

    return sorted(names, key=rank)


def test_the_package_exports_exactly_its_public_names_in_order() -> None:
    public = {
        name
        for name, value in vars(patsnap_async).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert set(patsnap_async.__all__) == public | {"__version__"}
    assert patsnap_async.__all__ == isort_order(patsnap_async.__all__)


def test_every_name_is_exported_by_one_public_module() -> None:
    where: dict[str, list[str]] = collections.defaultdict(list)
    for module_name in PUBLIC:
        module = importlib.import_module(module_name)
        assert module.__all__ == isort_order(module.__all__), module_name
        for name in module.__all__:
            where[name].append(module_name)
    assert {name: mods for name, mods in where.items() if len(mods) > 1} == {}


@pytest.mark.parametrize(
    ("name", "home"),
    [
        ("Limiter", "patsnap_async.interfaces"),
        ("Ticket", "patsnap_async.interfaces"),
        ("Transport", "patsnap_async.interfaces"),
        ("Paging", "patsnap_async.endpoints"),
        ("PAGE_PAGING", "patsnap_async.endpoints"),
        ("OFFSET_PAGING", "patsnap_async.endpoints"),
    ],
)
def test_a_moved_name_still_imports_from_the_top_with_a_warning(name: str, home: str) -> None:
    with pytest.warns(DeprecationWarning, match=home):
        moved = getattr(patsnap_async, name)
    assert moved is getattr(importlib.import_module(home), name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="nothing_here"):
        patsnap_async.nothing_here  # noqa: B018
