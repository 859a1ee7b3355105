"""`Secret`: a string whose repr never shows it.

Error trackers (Sentry by default) and `pytest -l` record the locals of every frame a
traceback passes through, by their `repr`. A client secret, a token or an API key held
in a plain `str` local (or in a dict of headers) would be recorded with them. Held as a
`Secret`, it is still a `str` for everything that sends it (aiohttp, yarl, `in`,
slicing), but its repr, and the repr of any container holding it, shows `'***'`.
String operations (`"Bearer " + secret`, f-strings, `.strip()`) return plain strings:
wrap their result again where it is kept.
"""

from __future__ import annotations

from typing import TypeVar, cast

__all__ = ["Secret", "hide"]

T = TypeVar("T")


class Secret(str):
    """A `str` whose `repr` is `'***'`; it compares, hashes and sends as its value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'***'"


def hide(value: T) -> T:
    """`value` as a `Secret` when it is a string; anything else unchanged (for checks)."""
    hidden: object = value
    if isinstance(value, str) and not isinstance(value, Secret):
        hidden = Secret(value)
    return cast(T, hidden)
