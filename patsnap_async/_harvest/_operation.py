"""Which operation of the catalog a `get` or `list` harvest runs, and its parameters.

Both are checked before the output is opened: an operation named by its code or
name, of the kind the harvest runs (a lookup for `harvest.lookup`, a listing for
`harvest.listing`), and its parameters checked against the catalog as the engines
check them (`_arguments.arguments`), so a run that the platform would refuse is
refused before it costs anything. The parameters are saved in the output's manifest,
so they must be JSON values.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Collection, Mapping
from typing import Any

from .._arguments import arguments
from .._operations import Operation
from ._args import ArgumentError, Name

__all__ = ["RUNS", "checked_params", "find_operation", "operation"]

#: What runs an operation of each kind from Python, for a refusal to say.
RUNS = {
    "lookup": "harvest.lookup runs it",
    "listing": "harvest.listing runs it",
    "task": "client.call runs each of its steps",
    "single": "client.call runs it",
    "stream": "it answers a stream of server-sent events, nothing to harvest: client.call runs it",
}


def find_operation(name: str) -> Operation:
    """The catalog's operation whose code (`"P018"`) or name (`"claim"`; `"cited-by"` for
    `cited_by`) is `name`.

    Raises:
        KeyError: none is; the message names the closest codes and names, or the
            operations that share a code.
    """
    from .. import catalog  # 356 operations: loaded by the harvests that run one

    try:
        return catalog.by_code(name)
    except KeyError as error:
        said = str(error.args[0])
    try:
        # `cited-by`, as the command line spells its commands, is `cited_by`.
        return catalog.by_name(name.strip().replace("-", "_"))
    except KeyError:
        pass
    if said.startswith("PatSnap gives"):  # `P055`: the message names both
        raise KeyError(said)
    codes = [op.code for op in catalog.OPERATIONS.values()]
    names = [op.name for op in catalog.OPERATIONS.values()]
    close = difflib.get_close_matches(name.strip().upper(), codes, n=3, cutoff=0.6)
    close += difflib.get_close_matches(name.strip().lower(), names, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close[:3])}?" if close else ""
    raise KeyError(f"no operation has the code or name {name!r}{hint}")


def operation(name: object, kind: str) -> Operation:
    """The operation `name` (a code or a name), which must be a `kind`.

    Raises:
        ArgumentError: `name` is not a string, names no operation, or one of another
            kind (the message says what runs it).
    """
    if not isinstance(name, str) or not name.strip():
        raise ArgumentError(Name("endpoint"), f" must be an operation's code or name, got {name!r}")
    try:
        op = find_operation(name)
    except KeyError as error:
        raise ArgumentError(Name("endpoint"), f": {error.args[0]}") from None
    if op.kind != kind:
        raise ArgumentError(
            Name("endpoint"),
            f" {op.code} ({op.name}) is a {op.kind}, not a {kind}: {RUNS[op.kind]}",
        )
    return op


def checked_params(op: Operation, params: object, *, filled: Collection[str]) -> dict[str, Any]:
    """`params` (by parameter name; None values left out), checked for `op`.

    Args:
        filled: the parameters the engine fills itself (a lookup's ids, a list's paging).

    Raises:
        ArgumentError: not a mapping of names, a parameter `op` does not take (or that
            the engine fills), a required one missing, a value of the wrong type, out
            of its bounds or not among its choices, or a value that is not JSON.
    """
    if params is None:
        params = {}
    if not isinstance(params, Mapping) or not all(isinstance(k, str) for k in params):
        raise ArgumentError(
            Name("params"), f" must be a mapping of parameter names to values, got {params!r}"
        )
    values = {name: value for name, value in params.items() if value is not None}
    try:
        arguments(op, values, filled=filled)
    except (TypeError, ValueError) as error:
        raise ArgumentError(Name("params"), f": {error}") from None
    try:
        # As the manifest will hold them (tuples as lists), to compare with a resume's.
        saved: dict[str, Any] = json.loads(json.dumps(values, allow_nan=False))
    except (TypeError, ValueError):
        raise ArgumentError(
            Name("params"), " must hold JSON values (text, numbers, True/False, lists, "
            f"mappings): they are saved in the output's manifest, got {values!r}",
        ) from None  # fmt: skip
    return saved
