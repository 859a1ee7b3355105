"""The shapes of PatSnap's answers: the OpenAPI schema of each operation's `data`.

The catalog (`patsnap_async.catalog`) names each operation's answer schema
(`Operation.response`) but does not carry it; the schemas are read from the
repository's copy of PatSnap's OpenAPI (`generator/patsnap-openapi.json`), once per
process, on first use. Where that file is absent (an installed wheel carries no
`generator/`), each operation gets a small schema made from the catalog alone
(`fallback`): a lookup's records and a listing's items name their patent (`pn`,
`patent_id`), a task step names its handle and a status, anything else is an empty
object.

A task's poll answers a status: `status_rule` finds its field (`status`, else the first
field ending in `_status`) and its values (`1` running and `2` done where the field is
an integer, as every integer status of the spec describes them; else the words its
description lists, such as `SUCCEED,RUNNING,FAILED`, in the example's case).
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

if TYPE_CHECKING:
    from .._operations import Operation

__all__ = ["SPEC_PATH", "Shapes", "StatusRule", "load", "status_rule"]

Schema = Mapping[str, Any]

#: The answer schemas of PatSnap's OpenAPI, shipped with the package (written by
#: generator/generate_catalog.py from the repository's copy of the spec).
SPEC_PATH: Final = Path(__file__).resolve().parent / "_schemas.json.gz"
_REF_PREFIX: Final = "#/components/schemas/"
#: Words a string status takes, best first: those of a finished task, a running one.
_DONE_WORDS: Final = ("SUCCESS", "SUCCEED", "SUCCEEDED", "COMPLETED", "FINISHED", "DONE")
_RUNNING_WORDS: Final = ("RUNNING", "PROCESSING", "PENDING", "QUEUEING", "STARTED", "EXPORTING")
_WORD: Final = re.compile(r"[A-Za-z_]+")


@attrs.frozen
class Shapes:
    """The answer schemas of the operations, by the name the catalog gives them.

    Attributes:
        schemas: `components.schemas` of PatSnap's OpenAPI; empty when not found.
    """

    schemas: Mapping[str, Schema]

    def resolve(self, node: Schema | None) -> Schema:
        """`node`, its `$ref` followed (an unknown reference: an empty schema)."""
        seen = 0
        while node is not None and "$ref" in node and seen < 32:
            node = self.schemas.get(str(node["$ref"]).removeprefix(_REF_PREFIX))
            seen += 1
        return node or {}

    def answer(self, op: Operation) -> tuple[Schema, bool]:
        """The schema of `op`'s `data`, and whether the answer is flat.

        A flat answer has no `data`: its schema's fields sit beside `status` and
        `error_code` (four operations of the spec answer so).
        """
        if not self.schemas or op.response is None:
            return fallback(op), False
        whole = self.resolve({"$ref": _REF_PREFIX + op.response})
        fields = whole.get("properties") or {}
        if "data" in fields:
            return self.resolve(fields["data"]), False
        if fields:
            return whole, True
        return {"type": "object"}, False

    def field(self, schema: Schema, name: str) -> Schema | None:
        """The schema of field `name` of an object schema; None if it has none."""
        fields = self.resolve(schema).get("properties") or {}
        return self.resolve(fields[name]) if name in fields else None


@functools.cache
def load() -> Shapes:
    """The answer schemas, read once per process (`SPEC_PATH`; none if it is absent)."""
    try:
        schemas = json.loads(gzip.decompress(SPEC_PATH.read_bytes()))
    except FileNotFoundError:
        return Shapes({})
    return Shapes(schemas)


_PATENT: Final[Schema] = {
    "type": "object",
    "properties": {"pn": {"type": "string"}, "patent_id": {"type": "string"}},
}


def fallback(op: Operation) -> Schema:
    """A schema of `op`'s `data` from the catalog alone, for when the spec is absent."""
    from .._endpoints import Listing  # the catalog's declarations

    if op.kind == "lookup":
        return {"type": "array", "items": _PATENT}
    if isinstance(op.endpoint, Listing):
        fields = {
            op.endpoint.items: {"type": "array", "items": _PATENT},
            op.endpoint.total: {"type": "integer"},
        }
        return {"type": "object", "properties": fields}
    if op.step is not None:
        fields = {op.step.handle: {"type": "string"}, "status": {"type": "string"}}
        return {"type": "object", "properties": fields}
    return {"type": "object"}


@attrs.frozen
class StatusRule:
    """Where a task's poll answers its status, and the values it takes.

    Attributes:
        field: the field of `data` holding the status.
        running: its value while the task runs.
        done: its value once the task is done.
    """

    field: str
    running: str | int
    done: str | int


def status_rule(shapes: Shapes, data: Schema) -> StatusRule | None:
    """How the answer `data` of a task's poll reports its status; None: it does not."""
    fields = {
        name: schema
        for name, schema in ((k, shapes.resolve(v)) for k, v in _fields(shapes, data).items())
        if schema.get("type") in ("string", "integer")  # not a boolean `status`: a success
    }
    names = [name for name in fields if name == "status"] or [
        name for name in fields if name.endswith("_status")
    ]
    if not names:
        return None
    schema = fields[names[0]]
    if schema.get("type") == "integer":
        return StatusRule(names[0], 1, 2)
    words = _WORD.findall(str(schema.get("description", "")))
    example = schema.get("example")
    done = _pick(words, _DONE_WORDS) or (str(example) if _is_done(example) else "SUCCESS")
    running = _pick(words, _RUNNING_WORDS) or "RUNNING"
    if isinstance(example, str) and example.islower():
        done, running = done.lower(), running.lower()
    elif isinstance(example, str) and example.isupper():
        done, running = done.upper(), running.upper()
    return StatusRule(names[0], running, done)


def _fields(shapes: Shapes, schema: Schema) -> Mapping[str, Schema]:
    fields = shapes.resolve(schema).get("properties")
    return fields if isinstance(fields, Mapping) else {}


def _pick(words: list[str], wanted: tuple[str, ...]) -> str | None:
    """The first of `wanted` (any case) among `words`, as `words` spell it."""
    spelled = {word.upper(): word for word in reversed(words)}
    return next((spelled[w] for w in wanted if w in spelled), None)


def _is_done(example: object) -> bool:
    return isinstance(example, str) and example.upper() in _DONE_WORDS
