"""An operation's arguments, checked against its parameters before anything is sent.

The catalog knows each operation's parameters (`Operation.params`): where each goes
(the query, the JSON body, the path, a header, a multipart file), its JSON type, and
what its description states of its choices and bounds. `arguments` sorts the values a
caller gave by where they go and checks each: a name the operation does not take, a
required one missing, a value of the wrong type, a choice not listed or a number out
of bounds raises an error naming the parameter and the operation, so no request is
paid for that the platform would refuse. Values are the caller's; `None` leaves a
parameter out.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import attrs

from . import _validate as check
from ._operations import Operation, Param

__all__ = ["Arguments", "arguments"]


@attrs.frozen
class Arguments:
    """An operation's checked arguments, sorted by where they go."""

    path: str
    query: dict[str, Any] = attrs.field(factory=dict)
    body: dict[str, Any] | None = None
    form: dict[str, str | tuple[str, bytes]] | None = None
    headers: dict[str, str] = attrs.field(factory=dict)


def arguments(
    operation: Operation, values: Mapping[str, Any], *, filled: Collection[str] = ()
) -> Arguments:
    """`values` (by parameter name) sorted and checked for `operation`.

    Args:
        filled: parameters the engine fills itself (a lookup's ids, a list's paging):
            refused when given.

    Raises:
        TypeError: a parameter the operation does not take, or a value of another type.
        ValueError: a required parameter missing, a choice not listed, a value out of
            its bounds (each message names the parameter and the operation).
    """
    known = {param.name: param for param in operation.params}
    for name in values:
        if name not in known or name in filled:
            raise TypeError(_unknown(operation, name, [n for n in known if n not in filled]))
    path = operation.path
    query: dict[str, Any] = {}
    body: dict[str, Any] = {}
    headers: dict[str, str] = {}
    for param in operation.params:
        value = values.get(param.name)
        if value is None:
            if param.required and param.name not in filled:
                raise ValueError(f"{operation.code} needs {param.name!r} ({param.description})")
            continue
        value = _checked(operation, param, value)
        if param.where == "path":
            path = path.replace("{" + param.name + "}", quote(str(value), safe=""))
        elif param.where == "header":
            headers[param.name] = str(value)
        elif param.where == "query":
            query[param.name] = value
        else:
            body[param.name] = value
    if operation.content_type == "multipart/form-data":
        return Arguments(path, query, form=_form(body), headers=headers)
    return Arguments(path, query, body=body or None, headers=headers)


def _checked(operation: Operation, param: Param, value: Any) -> Any:
    """`value` as `param` takes it, or the error that names it."""
    name = f"{operation.code} {param.name}"
    kind = param.type
    if kind == "integer":
        if isinstance(value, bool):
            value = int(value)  # replace_by_related=True
        check.integer(name, value, minimum=-(2**63))
    elif kind == "number":
        check.number(name, value)
    elif kind == "boolean" and not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    elif kind == "string":
        if isinstance(value, int | float) and not isinstance(value, bool):
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError(f"{name} must be finite, got {value!r}")
            value = str(value)
        check.text(name, value, max_length=param.max_length)
    elif kind == "array":
        if not isinstance(value, list | tuple):
            raise TypeError(f"{name} must be a list, got {value!r}")
        value = check.json_body(name, list(value))
    elif kind == "object":
        if not isinstance(value, Mapping):
            raise TypeError(f"{name} must be a mapping, got {value!r}")
        value = check.json_body(name, dict(value))
    elif kind == "file":
        return _file(name, value)
    _bounds(name, param, value)
    return value


def _bounds(name: str, param: Param, value: Any) -> None:
    # A list's choices are its items' (B007 `country`: ["US", "CN"]).
    chosen = value if isinstance(value, list) else [value]
    if param.enum is not None and not {str(v) for v in chosen} <= {str(c) for c in param.enum}:
        raise ValueError(f"{name} must be one of {list(param.enum)}, got {value!r}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = param.minimum, param.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            low_text = "-inf" if low is None else low
            high_text = "inf" if high is None else high
            raise ValueError(f"{name} must be from {low_text} to {high_text}, got {value!r}")


def _file(name: str, value: Any) -> tuple[str, bytes]:
    """A file to upload: `(filename, bytes)`, bytes, or a path to read."""
    if isinstance(value, Path):
        return value.name, value.read_bytes()
    if isinstance(value, bytes | bytearray):
        return "upload", bytes(value)
    if (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], bytes | bytearray)
    ):
        return value[0], bytes(value[1])
    raise TypeError(f"{name} must be a file: bytes, (filename, bytes) or a Path, got {value!r}")


def _form(body: Mapping[str, Any]) -> dict[str, str | tuple[str, bytes]]:
    """A multipart body: files as they are, every other field as text (JSON if not text)."""
    form: dict[str, str | tuple[str, bytes]] = {}
    for name, value in body.items():
        if isinstance(value, tuple | str):
            form[name] = value
        else:
            form[name] = json.dumps(value)
    return form


def _unknown(operation: Operation, name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    listed = ", ".join(known) or "none"
    return f"{operation.code} takes no parameter {name!r}{hint}; it takes: {listed}"
