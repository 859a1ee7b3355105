"""Every operation of the PatSnap Open Platform, from PatSnap's published OpenAPI.

    from patsnap_async import catalog

    claims = catalog.by_code("P018")          # an Operation: path, params, kind, ...
    catalog.by_name("claim") is claims        # True
    records = await client.lookup(catalog.LOOKUPS["P018"], ids)

Each `Operation` says what the OpenAPI states (method, path, parameters with their
bounds and choices, answer schema) and which engine runs it (`kind`): a `lookup`
(`Operation.endpoint` is its `Lookup`, for `client.lookup`), a `listing` (its
`Listing`, for `client.listing`), a `task` step, a `stream` or a `single` call. The
records of the lookups and the items of the listings are typed in
`patsnap_async.records`. The list of every operation is docs/endpoints.md.

This module is not imported by `import patsnap_async`: importing it builds the whole
catalog (356 operations, 1 500 parameters), about 10 ms once its bytecode is cached.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from ._catalog import ALL_OPERATIONS
from ._endpoints import Listing, Lookup
from ._operations import KINDS, Kind, Operation, Param, Step

__all__ = [
    "FLOWS",
    "KINDS",
    "LISTINGS",
    "LOOKUPS",
    "OPERATIONS",
    "Kind",
    "Operation",
    "Param",
    "Step",
    "by_code",
    "by_name",
]

#: Every operation by its code (`P018`; `P055.export` where PatSnap reuses a code).
OPERATIONS: Final[Mapping[str, Operation]] = MappingProxyType(
    {op.code: op for op in ALL_OPERATIONS}
)
_BY_NAME: Final = {op.name: op for op in ALL_OPERATIONS}
#: The `Lookup` of every lookup, by code.
LOOKUPS: Final[Mapping[str, Lookup[Any]]] = MappingProxyType(
    {op.code: op.endpoint for op in ALL_OPERATIONS if isinstance(op.endpoint, Lookup)}
)
#: The `Listing` of every listing, by code.
LISTINGS: Final[Mapping[str, Listing[Any, Any]]] = MappingProxyType(
    {op.code: op.endpoint for op in ALL_OPERATIONS if isinstance(op.endpoint, Listing)}
)


def _flows() -> dict[str, tuple[Operation, ...]]:
    flows: dict[str, list[Operation]] = {}
    for op in ALL_OPERATIONS:
        if op.step is not None:
            flows.setdefault(op.step.flow, []).append(op)
    return {flow: tuple(ops) for flow, ops in flows.items()}


#: The operations of each task, by the task's name (`P055`, `AI35`), in code order.
FLOWS: Final[Mapping[str, tuple[Operation, ...]]] = MappingProxyType(_flows())


def by_code(code: str) -> Operation:
    """The operation PatSnap calls `code` (`"P018"`, `"[B003/4-1]"`, `"p055.export"`).

    Raises:
        KeyError: no operation has that code, or PatSnap gives it to several (the
            message names their keys), or names the closest codes.
    """
    key = code.strip().strip("[]").upper()
    for candidate in (code, key):
        if candidate in OPERATIONS:
            return OPERATIONS[candidate]
    for op in ALL_OPERATIONS:
        if op.code.upper() == key:
            return op
    shared = [op.code for op in ALL_OPERATIONS if op.code.upper().startswith(key + ".")]
    if shared:
        raise KeyError(f"PatSnap gives the code {code!r} to {len(shared)} operations: {shared}")
    raise KeyError(_unknown("code", code, list(OPERATIONS)))


def by_name(name: str) -> Operation:
    """The operation whose Python name is `name` (`"claim"`, `"family"`).

    Raises:
        KeyError: no operation has that name (the message names the closest).
    """
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(_unknown("name", name, list(_BY_NAME))) from None


def _unknown(what: str, value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"no operation has the {what} {value!r}{hint}"
