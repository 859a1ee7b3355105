"""The catalog's side of the MCP `lookup` tool: the lookups an agent may name, described.

Every lookup of the catalog (`catalog.LOOKUPS`: claims, bibliography, legal status,
valuation, ...) may be named by its code (`P018`) or its name (`claim`): both are the
tool's `endpoint` enum. Its description holds one line per lookup: code, name, title,
the fields of its records (the TypedDict of `patsnap_async.records`, or the hand-wrapped
model's) and its other parameters, so an agent can pick one without a second call.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import attrs

from . import catalog, records
from ._endpoints import Lookup
from ._operations import Operation

__all__ = ["LOOKUP_CHOICES", "lookup_table"]

#: Fields that name the patent, in every record: left out of the table.
_NAMING: Final = ("pn", "patent_id")
#: Fields of a record shown in the table at most.
SHOWN_FIELDS: Final = 6


def _lookups() -> list[Operation]:
    return [catalog.by_code(code) for code in catalog.LOOKUPS]


#: What the tool's `endpoint` takes: every lookup's code, then every lookup's name.
LOOKUP_CHOICES: Final[tuple[str, ...]] = tuple(
    [op.code for op in _lookups()] + [op.name for op in _lookups()]
)


def _record_types() -> dict[str, type]:
    """The TypedDict of each lookup's records, by code (generated as "One record of P018
    (Claim). ...")."""
    found = {}
    for name in records.__all__:
        kind = getattr(records, name)
        doc = kind.__doc__ or ""
        if doc.startswith("One record of "):
            found[doc.removeprefix("One record of ").split(" ", 1)[0]] = kind
    return found


def _fields(op: Operation, types: Mapping[str, type]) -> list[str]:
    endpoint = op.endpoint
    assert isinstance(endpoint, Lookup)
    if endpoint.model is not None and attrs.has(endpoint.model):
        names = [field.name for field in attrs.fields(endpoint.model)]
    else:
        annotations: dict[str, Any] = getattr(types.get(op.code), "__annotations__", {})
        names = list(annotations)
    return [name for name in names if name not in _NAMING]


def lookup_table() -> str:
    """One line per lookup: `P018 claim: Claim; records: claims, claim_count, ...;
    params: replace_by_related`."""
    types = _record_types()
    lines = []
    for op in _lookups():
        endpoint = op.endpoint
        assert isinstance(endpoint, Lookup)
        title = op.summary.removeprefix(op.code).strip() or op.name
        line = f"{op.code} {op.name}: {title}"
        fields = _fields(op, types)
        if fields:
            more = ", ..." if len(fields) > SHOWN_FIELDS else ""
            line += f"; records: {', '.join(fields[:SHOWN_FIELDS])}{more}"
        ways = {way.param for way in endpoint.ids}
        others = [param.name for param in op.params if param.name not in ways]
        if others:
            line += f"; params: {', '.join(others)}"
        lines.append(line)
    return "\n".join(lines)
