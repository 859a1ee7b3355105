"""The checks of a harvest's arguments, all run before the first request.

Each refusal is an `ArgumentError` (a `HarvestError` and a `ValueError`) whose message
names the argument as Python spells it (`max_billed`). The message is kept in pieces,
the argument names apart, so that the command line can show the same message with its
own names (`--max-billed`) without rewriting text.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

from .. import _validate as check
from ._input import HarvestError, key

__all__ = [
    "ArgumentError",
    "Name",
    "NamedError",
    "choice",
    "flag",
    "id_list",
    "number",
    "text",
    "text_list",
    "whole",
]


class Name(str):
    """An argument's Python name inside a message; the command line shows its flag."""

    __slots__ = ()


class NamedError(HarvestError):
    """A harvest refusal whose message names arguments (`Name` pieces)."""

    def __init__(self, *pieces: str) -> None:
        self.pieces = pieces
        super().__init__("".join(pieces))

    def naming(self, spell: Callable[[str], str]) -> str:
        """The message with each argument name spelled by `spell` (e.g. as its flag)."""
        return "".join(spell(p) if isinstance(p, Name) else p for p in self.pieces)


class ArgumentError(NamedError, ValueError):
    """A bad argument of a harvest function, refused before anything is sent."""


def _refuse(name: str, error: Exception) -> ArgumentError:
    # The SDK's checks start their messages with the name they were given.
    return ArgumentError(Name(name), str(error).removeprefix(name))


def whole(name: str, value: object, *, minimum: int, maximum: int | None = None) -> int:
    """An int (not a bool) within [minimum, maximum]."""
    try:
        return check.integer(name, value, minimum=minimum, maximum=maximum)
    except (TypeError, ValueError) as error:
        raise _refuse(name, error) from None


def number(name: str, value: object, *, minimum: float | None = None,
           above: float | None = None) -> float:  # fmt: skip
    """A finite number (not a bool), at least `minimum` or above `above`."""
    try:
        return check.number(name, value, minimum=minimum, above=above)
    except (TypeError, ValueError) as error:
        raise _refuse(name, error) from None


def choice(name: str, value: object, choices: Collection[str]) -> str:
    """One of `choices`, case-insensitively; returned upper-cased."""
    try:
        return check.choice(name, value, choices)
    except (TypeError, ValueError) as error:
        raise _refuse(name, error) from None


def flag(name: str, value: object) -> bool:
    """True or False, nothing else (a string "no" would be true)."""
    if not isinstance(value, bool):
        raise ArgumentError(Name(name), f" must be True or False, got {value!r}")
    return value


def text(name: str, value: object, *, max_length: int | None = None) -> str:
    """A non-empty string, stripped, of at most `max_length` characters."""
    try:
        return check.text(name, value, max_length=max_length)
    except (TypeError, ValueError) as error:
        raise _refuse(name, error) from None


def _listed(name: str, values: object, what: str) -> list[Any]:
    if isinstance(values, str | bytes):
        raise ArgumentError(
            Name(name), f" must be a list of {what}, not one string: {values[:60]!r}"
        )
    if not isinstance(values, Iterable):
        raise ArgumentError(Name(name), f" must be a list of {what}, got {values!r}")
    return list(values)


def id_list(name: str, values: object) -> list[str]:
    """Each id checked (`patsnap_async.check_id`), stripped, and kept once (first spelling)."""
    first: dict[str, str] = {}
    for index, value in enumerate(_listed(name, values, "ids")):
        try:
            value = check.check_id(value, f"{name}[{index}]")
        except (TypeError, ValueError) as error:
            raise _refuse(name, error) from None
        first.setdefault(key(value), value)
    return list(first.values())


def text_list(name: str, values: object, *, max_length: int) -> list[str]:
    """Non-empty strings of at most `max_length` characters, each kept once."""
    first: dict[str, str] = {}
    for index, value in enumerate(_listed(name, values, "strings")):
        try:
            value = check.text(f"{name}[{index}]", value, max_length=max_length)
        except (TypeError, ValueError) as error:
            raise _refuse(name, error) from None
        first.setdefault(key(value), value)
    return list(first.values())
