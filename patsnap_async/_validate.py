"""Every check of an argument or a setting, run before any request is sent: quota costs money.

Two kinds of values go through here, each with its own errors:

- arguments of a call (`page=`, `limit=`, the ids of a batch): a wrong type raises
  `TypeError`, a wrong value `ValueError`;
- settings of an object (`PatsnapClient`, `RetryPolicy`, `Pacer`, `RedisLimiter`, the
  emulator): both raise `ConfigurationError`, which is a `ValueError`.

Each message names the argument or setting and the bad value. Numbers are checked in
one place, `integer` and `number`: a `bool` is never a number, NaN and infinity are
refused, and an integer setting refuses `2.5`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Mapping
from typing import Any

from ._errors import ConfigurationError
from ._limits import ID_CHARACTERS, MAX_ID_LENGTH

__all__ = [
    "MAX_ID_LENGTH",
    "callback",
    "check_id",
    "choice",
    "integer",
    "json_body",
    "number",
    "params",
    "text",
]

#: What a query parameter may be: `None` values are left out.
ParamValue = str | int | float | bool


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


def check_id(value: object, name: str = "id") -> str:
    """A patent number, PatSnap id, sequence id or job id, stripped of surrounding spaces.

    Only ASCII letters, digits and `.`, `_`, `/`, `-` are accepted, at most
    `MAX_ID_LENGTH` of them: an id with an inner space, a control character, a comma,
    an `&` or anything else that no id contains would cost a request and come back
    empty or as an error. The message shows the value shortened, and the first bad
    character with its position in the value.

    Args:
        value: the id.
        name: how the message calls it, e.g. `patent_numbers[3]`.

    Raises:
        TypeError: not a string.
        ValueError: empty, too long, or holding a character no id holds.
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {_short(value)}")
    stripped = value.strip()
    if not stripped:
        raise ValueError(f"{name} is empty: {value!r}")
    if len(stripped) > MAX_ID_LENGTH:
        raise ValueError(
            f"{name} is {len(stripped)} characters long; no id is longer than "
            f"{MAX_ID_LENGTH}: {_short(stripped)}"
        )
    if ID_CHARACTERS.fullmatch(stripped) is None:
        index, char = next((i, c) for i, c in enumerate(stripped) if not ID_CHARACTERS.match(c))
        what = "a comma" if char == "," else f"{char!r} (U+{ord(char):04X})"
        raise ValueError(
            f"{name} contains {what} at character {index + 1}, which no id contains: "
            f"{_short(stripped)}"
        )
    return stripped


def integer(
    name: str, value: object, *, minimum: int, maximum: int | None = None, setting: bool = False
) -> int:
    """An int (not a bool) within [minimum, maximum].

    Args:
        setting: raise `ConfigurationError` (a setting) rather than `TypeError` /
            `ValueError` (an argument of a call).
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise _error(setting, TypeError, f"{name} must be an integer, got {_short(value)}")
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
        raise _error(setting, ValueError, f"{name} must be an integer {bound}, got {value!r}")
    return value


def number(
    name: str,
    value: object,
    *,
    minimum: float | None = None,
    above: float | None = None,
    maximum: float | None = None,
    setting: bool = False,
) -> float:
    """A finite int or float (not a bool, NaN or infinity) within the bounds, as a float.

    Args:
        minimum: the least value allowed.
        above: the value must be greater than this.
        maximum: the greatest value allowed.
        setting: raise `ConfigurationError` rather than `TypeError` / `ValueError`.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _error(setting, TypeError, f"{name} must be a number, got {_short(value)}")
    if (
        not math.isfinite(value)
        or (minimum is not None and value < minimum)
        or (above is not None and value <= above)
        or (maximum is not None and value > maximum)
    ):
        bound = _bounds(minimum, above, maximum)
        raise _error(setting, ValueError, f"{name} must be a finite number{bound}, got {value!r}")
    return float(value)


def _bounds(minimum: float | None, above: float | None, maximum: float | None) -> str:
    """` >= 0`, ` > 0`, ` within [0, 1]`, ` within (0, 1]`, ` <= 1` or nothing."""
    low = f"[{minimum:g}" if minimum is not None else f"({above:g}" if above is not None else ""
    if low and maximum is not None:
        return f" within {low}, {maximum:g}]"
    if low:
        return f" {'>=' if low[0] == '[' else '>'} {low[1:]}"
    return f" <= {maximum:g}" if maximum is not None else ""


def choice(name: str, value: object, choices: Collection[str], *, upper: bool = True) -> str:
    """One of `choices`, compared case-insensitively; returned in the documented case."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {sorted(choices)}, got {value!r}")
    normalized = value.strip().upper() if upper else value.strip().lower()
    if normalized not in choices:
        raise ValueError(f"{name} must be one of {sorted(choices)}, got {value!r}")
    return normalized


def callback(name: str, value: object) -> None:
    """None, or something to call: found before the requests are sent, not after."""
    if value is not None and not callable(value):
        raise TypeError(f"{name} must be callable (or None), got {_short(value)}")


def params(name: str, value: object) -> dict[str, ParamValue]:
    """Query parameters: names to strings, numbers or bools; `None` values left out.

    Raises:
        TypeError: not a mapping, a name that is not a string, or a value that is a
            list, a dict or anything else a query string cannot carry.
        ValueError: an empty name, or a NaN or infinite number.
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping of names to values, got {_short(value)}")
    checked: dict[str, ParamValue] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not key.strip():
            raise TypeError(f"{name} must have non-empty string names, got {_short(key)}")
        if item is None:
            continue
        if isinstance(item, float):
            number(f"{name}[{key!r}]", item)
        elif not isinstance(item, str | int):  # a bool is an int
            raise TypeError(
                f"{name}[{key!r}] must be a string, number or bool, got {_short(item)}; "
                "join a list yourself, e.g. ','.join(ids)"
            )
        checked[key] = item
    return checked


def json_body(name: str, value: Any) -> Any:
    """A JSON body the platform can read: no NaN or infinity, nothing JSON cannot hold.

    Raises:
        ValueError: a NaN or infinite number (JSON has none; `json.dumps` would send
            `NaN`, which no JSON parser reads).
        TypeError: a value JSON cannot hold (a set, bytes, an object).
    """
    if value is None:
        return None
    try:
        json.dumps(value, allow_nan=False)
    except ValueError as error:
        if "circular" in str(error).lower():
            raise ValueError(f"{name} refers to itself (a circular reference)") from None
        raise ValueError(f"{name} holds NaN or infinity, which JSON cannot carry") from None
    except TypeError as error:
        raise TypeError(f"{name} holds a value JSON cannot carry: {error}") from None
    except RecursionError:
        raise ValueError(f"{name} is nested too deep to be sent as JSON") from None
    return value


def _error(setting: bool, kind: type[Exception], message: str) -> Exception:
    return ConfigurationError(message) if setting else kind(message)


def _short(value: object) -> str:
    """`repr(value)`, its middle cut out when long."""
    text = repr(value)
    if len(text) <= 50:
        return text
    size = f", {len(value)} characters" if isinstance(value, str) else ""
    return f"{text[:40]}...{text[-6:]} (shortened{size})"
