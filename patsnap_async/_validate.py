"""Argument checks run before any request is sent: quota costs money.

Each check raises `ValueError` (or `TypeError` for a wrong type) naming the argument
and the bad value.
"""

from __future__ import annotations

from collections.abc import Collection

__all__ = ["choice", "integer", "text"]


def text(name: str, value: object, *, max_length: int | None = None) -> str:
    """A non-empty string (surrounding spaces dropped), at most `max_length` long."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {value!r}")
    stripped = value.strip()
    if not stripped:
        raise ValueError(f"{name} must not be empty, got {value!r}")
    if max_length is not None and len(stripped) > max_length:
        raise ValueError(
            f"{name} is {len(stripped)} characters long; the platform accepts at most "
            f"{max_length}: {stripped[:40]!r}..."
        )
    return stripped


def integer(name: str, value: object, *, minimum: int, maximum: int | None = None) -> int:
    """An int (not a bool) within [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
        raise ValueError(f"{name} must be {bound}, got {value!r}")
    return value


def choice(name: str, value: object, choices: Collection[str], *, upper: bool = True) -> str:
    """One of `choices`, compared case-insensitively; returned in the documented case."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {sorted(choices)}, got {value!r}")
    normalized = value.strip().upper() if upper else value.strip().lower()
    if normalized not in choices:
        raise ValueError(f"{name} must be one of {sorted(choices)}, got {value!r}")
    return normalized
