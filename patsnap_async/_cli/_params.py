"""`get` and `list`: the operation a command names, and its `--param NAME=VALUE`s typed.

A command line gives every value as text; the catalog knows each parameter's JSON
type, so `--param replace_by_related=1` becomes the integer 1 and `--param
country=US,CN` a list. What the text cannot be is refused here, naming the flag; what
the value may be (a name the operation takes, its choices and bounds, a required
one) is the catalog's check, run by the harvest's job before anything is sent.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Sequence
from typing import Any, Final

from .._harvest._operation import find_operation
from .._operations import Operation
from ._options import OptionError

__all__ = ["command_operation", "pair", "param_values"]

#: The commands made for an operation of each kind (`{code}`: its code).
_RUNS: Final = {
    "lookup": "patsnap-async get {code} -i FILE -o OUT.jsonl harvests it",
    "listing": "patsnap-async list {code} -o OUT.jsonl drains it",
    "task": "it is a step of a task: call it from Python, client.call({code!r}, ...)",
    "single": "call it from Python: client.call({code!r}, ...)",
    "stream": "it answers a stream of server-sent events, nothing to harvest: call it from "
    "Python, client.call({code!r}, ...)",
}
#: The commands made for one endpoint, beside `get` and `list`.
_DEDICATED: Final = {
    "P002": "search",
    "P014": "family",
    "P015": "cited-by",
    "B005": "sequence-patents",
    "B004": "sequence-search",
}
_TRUE: Final = {"true", "1", "yes", "on"}
_FALSE: Final = {"false", "0", "no", "off"}


def command_operation(command: str, name: str, kind: str) -> Operation:
    """The operation `name` of `command` (`get`: a lookup; `list`: a listing).

    Raises:
        OptionError: no operation has that code or name, or it is of another kind
            (the message says which command runs it).
    """
    try:
        op = find_operation(name)
    except KeyError as error:
        raise OptionError(f"{command}: {error.args[0]}") from None
    if op.kind != kind:
        runs = _RUNS[op.kind].format(code=op.code)
        if op.code in _DEDICATED:
            runs += f" (so does patsnap-async {_DEDICATED[op.code]})"
        raise OptionError(f"{command}: {op.code} ({op.name}) is a {op.kind}, not a {kind}: {runs}")
    return op


def pair(text: str) -> tuple[str, str]:
    """An argparse type: `NAME=VALUE`, split at the first `=`."""
    name, equals, value = text.partition("=")
    if not equals or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value


def param_values(op: Operation, pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """The `--param` pairs as values of `op`'s parameters' types.

    A list parameter given twice gathers both values; any other given twice is
    refused. A name `op` does not take is kept as text, for the catalog's check to
    refuse with the names it takes.

    Raises:
        OptionError: a value its parameter's type cannot read (named with its flag).
    """
    types = {param.name: param.type for param in op.params}
    values: dict[str, Any] = {}
    for name, text in pairs:
        kind = types.get(name, "string")
        try:
            value = _typed(kind, text)
        except ValueError as error:
            raise OptionError(f"--param {name}={text}: {op.code} {name} {error}") from None
        if name not in values:
            values[name] = value
        elif kind == "array":
            values[name] = [*values[name], *value]
        else:
            raise OptionError(f"--param {name} is given twice; {op.code} {name} takes one value")
    return values


def _typed(kind: str, text: str) -> Any:
    """`text` as a value of the JSON type `kind`; ValueError saying what it must be."""
    if kind == "integer":
        try:
            return int(text)
        except ValueError:
            raise ValueError("is an integer") from None
    if kind == "number":
        try:
            value = float(text)
        except ValueError:
            raise ValueError("is a number") from None
        if not math.isfinite(value):
            raise ValueError("is a finite number")
        return value
    if kind == "boolean":
        if text.strip().lower() in _TRUE | _FALSE:
            return text.strip().lower() in _TRUE
        raise ValueError("is true or false")
    if kind == "array":
        if text.lstrip().startswith("["):
            return _json(text, list, "is a list: a JSON array, or values separated by commas")
        return [item.strip() for item in text.split(",") if item.strip()]
    if kind == "object":
        return _json(text, dict, "is an object: a JSON object")
    return text


def _json(text: str, kind: type, what: str) -> Any:
    try:
        value = json.loads(text)
    except ValueError:
        raise ValueError(what) from None
    if not isinstance(value, kind):
        raise ValueError(what)
    return value
