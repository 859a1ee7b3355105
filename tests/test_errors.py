"""The exception module: one home for every exception class, all of them in its tree."""

from __future__ import annotations

import builtins
import importlib
import pkgutil

import patsnap_async
from patsnap_async import _errors


def public_exceptions() -> set[type[BaseException]]:
    """Every exception class a user can reach: the package's and its public modules'."""
    modules = [patsnap_async]
    for info in pkgutil.iter_modules(patsnap_async.__path__, "patsnap_async."):
        if not info.name.rsplit(".", 1)[1].startswith("_"):
            try:
                modules.append(importlib.import_module(info.name))
            except ImportError:  # an optional extra that is not installed
                continue
    return {
        value
        for module in modules
        for name in getattr(module, "__all__", ())
        if isinstance(value := getattr(module, name), type) and issubclass(value, BaseException)
    }


def test_every_public_exception_is_defined_in_the_errors_module() -> None:
    elsewhere = {cls.__qualname__: cls.__module__ for cls in public_exceptions()}
    elsewhere = {name: mod for name, mod in elsewhere.items() if mod != _errors.__name__}
    assert elsewhere == {}


def test_the_tree_draws_every_exception_class() -> None:
    doc = _errors.__doc__ or ""
    classes = [
        name
        for name in _errors.__all__
        if isinstance(value := getattr(_errors, name), type) and issubclass(value, Exception)
    ]
    assert [name for name in classes if f" {name} " not in doc] == []
    assert "LimiterUnavailableError" in classes


def test_no_exception_shadows_a_builtin_name() -> None:
    names = {cls.__name__ for cls in public_exceptions()}
    assert sorted(names & set(dir(builtins))) == []
