"""The emulator's answers to every operation of the catalog (`patsnap_async.catalog`).

The eight endpoints the emulator answers by hand (`_endpoints`, `_jobs`) keep their
routes; `CatalogDesk` answers every other operation of PatSnap's OpenAPI at its method
and path (path parameters where the OpenAPI has them), its answer synthesised from the
operation's answer schema (`_shapes`, `_synth`), by kind:

- **lookup**: the comma-joined ids of `patent_number` or `patent_id` (1 to 100), one
  record a known patent, as P014 (`_endpoints.patent_batch`: unknown ids left out,
  a number sent as an id and the other way round unknown); each record is the
  patent's own (`_synth`: the same pn, patent_id and shared fields everywhere).
- **listing**: the page its `Paging` asks for (offset/limit or page/size, from
  `Paging.first`): a position before the first, a size past `max_size` or a window
  past `max_items` answer 68300004, as P002's do. The list's length is
  `listing_totals[code]`, else drawn from the request (0 to 1000); its items are
  drawn one by one (an item naming a patent is a patent of its own, numbered by its
  place in the list), at `Listing.items`, the total at `Listing.total`.
- **task**: a create answers a new handle, a poll "running" then "done"
  (`_tasks`, `_shapes.status_rule`), a step its synthetic answer.
- **stream**: `text/event-stream`: three `data:` events, each the success envelope
  around a `data` drawn from the schema.
- **single**: its synthetic answer; one naming the one patent the request names (by
  `patent_number`, `pn` or `patent_id`) is that patent's. The five single calls shaped
  like a lookup but sent as a POST (P100-P103, D201: ids in the query string, a list of
  patents' records back) are answered as a lookup.

Before any of them, the operation's parameters are checked as the catalog states them:
one required and missing, a value not among its choices, an integer out of its range
or a text over its length answer 68300004.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, Final

import attrs

from .._endpoints import Listing
from .._operations import Operation, Param
from . import _codes, _data, _shapes
from ._endpoints import (
    Answer,
    ApiError,
    EventStream,
    as_int,
    build_records,
    invalid,
    patent_batch,
)
from ._shapes import Schema
from ._synth import Patent, Synth
from ._tasks import TaskBook

__all__ = ["CatalogDesk", "Route", "catalog_loaded", "load_catalog", "route_table"]

#: Events a stream answers.
STREAM_EVENTS: Final = 3
#: Items a listing serves a page when the request does not say.
DEFAULT_PAGE_SIZE: Final = 10
#: The default length of a list is drawn from 0 to this.
MAX_DRAWN_TOTAL: Final = 1000
_ID_PARAMS: Final = ("patent_number", "patent_id")
_TEMPLATE_PART: Final = re.compile(r"\{(\w+)\}")


def load_catalog() -> None:
    """Load the catalog and the answer schemas, once per process (about 0.1 s)."""
    import patsnap_async.catalog  # noqa: F401 - 356 operations: not loaded on import

    _shapes.load()


def catalog_loaded() -> bool:
    """Whether `load_catalog` has nothing left to do."""
    return "patsnap_async.catalog" in sys.modules and _shapes.load.cache_info().currsize > 0


@attrs.frozen
class Route:
    """An operation a request is for, and the path parameters it carries."""

    op: Operation
    params: Mapping[str, str] = attrs.field(factory=dict)


def route_table(
    operations: Iterable[Operation], skip: Collection[tuple[str, str]]
) -> tuple[dict[tuple[str, str], Operation], list[tuple[str, re.Pattern[str], Operation]]]:
    """The operations by (method, path), and those whose path has parameters.

    Args:
        operations: every operation of the catalog.
        skip: the (method, path) pairs answered by hand.
    """
    exact: dict[tuple[str, str], Operation] = {}
    templates: list[tuple[str, re.Pattern[str], Operation]] = []
    for op in operations:
        if (op.method, op.path) in skip:
            continue
        if "{" not in op.path:
            exact[op.method, op.path] = op
            continue
        parts = _TEMPLATE_PART.split(op.path)  # text, name, text, name, ..., text
        pattern = "".join(
            f"(?P<{part}>[^/]+)" if odd else re.escape(part) for odd, part in _alternate(parts)
        )
        templates.append((op.method, re.compile(pattern), op))
    return exact, templates


def _alternate(parts: list[str]) -> Iterable[tuple[bool, str]]:
    return ((index % 2 == 1, part) for index, part in enumerate(parts))


class CatalogDesk:
    """Answers the catalog's operations (see the module's docstring).

    Building one loads the catalog and the answer schemas (once per process).
    """

    def __init__(
        self,
        *,
        skip: Collection[tuple[str, str]],
        unknown_ids: frozenset[str],
        respelled: Mapping[str, str],
        listing_totals: Mapping[str, int],
        polls_until_done: int,
    ) -> None:
        from .. import catalog  # 356 operations: see `load_catalog`

        self._shapes = _shapes.load()
        self._synth = Synth(self._shapes.resolve)
        self._exact, self._templates = route_table(catalog.OPERATIONS.values(), skip)
        self._unknown_ids = unknown_ids
        self._respelled = respelled
        self._totals = listing_totals
        self._tasks = TaskBook(polls_until_done)

    def find(self, method: str, path: str) -> Route | None:
        """The operation `method` `path` is for; None if none is."""
        op = self._exact.get((method, path))
        if op is not None:
            return Route(op)
        for verb, pattern, op in self._templates:
            found = pattern.fullmatch(path) if verb == method else None
            if found is not None:
                return Route(op, found.groupdict())
        return None

    def request_ids(self, route: Route, query: Mapping[str, str]) -> tuple[str, ...]:
        """The ids a request asks about, for `Served.ids`: a lookup's, a task's handle."""
        if self._batch(route.op):
            return tuple(
                part for key in _ID_PARAMS if key in query for part in query[key].split(",")
            )
        step = route.op.step
        handle = None if step is None else {**query, **route.params}.get(step.handle)
        return () if handle is None else (handle,)

    def answers_array(self, route: Route) -> bool:
        """Whether the operation's `data` is an array (a lookup's is)."""
        return self._shapes.answer(route.op)[0].get("type") == "array"

    async def answer(
        self, route: Route, headers: Mapping[str, str], query: Mapping[str, str], body: Any
    ) -> Answer | EventStream:
        """Answer one request for `route` (raises `ApiError` as the platform would)."""
        op = route.op
        values = gather(op, route.params, headers, query, body)
        check_params(op, values)
        handle = self._handle(op, values)
        if self._batch(op):
            return await patent_batch(query, self._unknown_ids, self._record(op), self._respelled)
        if isinstance(op.endpoint, Listing):
            return await self._listing(op, op.endpoint, values)
        seed = f"{op.code}\x1f{fingerprint(values)}"
        if op.kind == "stream":
            schema, _ = self._shapes.answer(op)
            events = [self._synth.value(schema, f"{seed}\x1f{n}") for n in range(STREAM_EVENTS)]
            return EventStream(tuple(events))
        if op.step is not None:
            return self._task(op, seed, values, handle)
        schema, flat = self._shapes.answer(op)
        data = self._synth.value(schema, seed, subject=subject(values))
        return Answer(data, 1, flat=flat)

    def _batch(self, op: Operation) -> bool:
        """Whether `op` answers as a lookup: a lookup, or a single call shaped as one."""
        if op.kind == "lookup":
            return True
        if op.kind != "single" or not any(p.name in _ID_PARAMS for p in op.params):
            return False
        schema, _ = self._shapes.answer(op)
        items = self._shapes.resolve(schema.get("items")) if schema.get("type") == "array" else {}
        fields = items.get("properties") or {}
        return all(p.where == "query" for p in op.params) and "pn" in fields

    def _handle(self, op: Operation, values: Mapping[str, Any]) -> str | None:
        """The task a later step of a task names: 68300004 if none, 53000002 if unknown."""
        if op.step is None or op.step.role == "create":
            return None
        handle = values.get(op.step.handle)
        if handle is None:
            raise invalid(f"{op.step.handle} is required")
        if not self._tasks.known(op.step.flow, str(handle)):
            raise ApiError(_codes.JOB_NOT_FOUND, f"no {op.step.flow} task {handle!r}")
        return str(handle)

    def _record(self, op: Operation) -> Callable[[str, str], dict[str, Any]]:
        """Makes the record of one patent for lookup `op`."""
        schema, _ = self._shapes.answer(op)
        record = self._shapes.resolve(schema.get("items")) if schema.get("type") == "array" else {}

        def make(pn: str, patent_id: str) -> dict[str, Any]:
            value = self._synth.value(record, pn, subject=Patent(pn, patent_id))
            return value if isinstance(value, dict) else {"pn": pn, "patent_id": patent_id}

        return make

    async def _listing(
        self, op: Operation, listing: Listing[Any, Any], values: Mapping[str, Any]
    ) -> Answer:
        """One page of a list (see the module's docstring)."""
        paging = listing.paging
        position = as_int(values.get(paging.position), paging.position, paging.first)
        size = as_int(values.get(paging.size), paging.size, min(DEFAULT_PAGE_SIZE, paging.max_size))
        if position < paging.first:
            raise invalid(f"{paging.position} {position} < {paging.first}")
        if not 1 <= size <= paging.max_size:
            raise invalid(f"{paging.size} {size} not in 1..{paging.max_size}")
        start = position if paging.by == "offset" else (position - paging.first) * size
        if paging.max_items is not None and start + size > paging.max_items:
            raise invalid(f"items {start}..{start + size} past {paging.max_items}")
        query = {k: v for k, v in values.items() if k not in (paging.position, paging.size)}
        seed = f"{op.code}\x1f{fingerprint(query)}"
        total = self._totals.get(op.code, _data.stable_hash("total", seed) % (MAX_DRAWN_TOTAL + 1))
        schema, _ = self._shapes.answer(op)
        item = self._shapes.field(schema, listing.items) or {}
        items = await build_records(
            lambda index: self._item(item, seed, index),
            ((i,) for i in range(start, min(start + size, total))),
        )
        data = self._synth.value(schema, seed)
        data = data if isinstance(data, dict) else {}
        for name, value in ((paging.position, position), (paging.size, size)):
            if name in data:
                data[name] = value
        data[listing.items], data[listing.total] = items, total
        return Answer(data, len(items))

    def _item(self, array: Schema, seed: str, index: int) -> Any:
        """Item `index` of a list: a patent of its own where the item names one."""
        base = 10_000_000 + _data.stable_hash("list", seed) % 80_000_000
        country = ("CN", "US", "EP", "JP")[base % 4]
        patent = Patent.numbered(f"{country}{base + index}A")
        return self._synth.value(array.get("items"), f"{seed}\x1f{index}", subject=patent)

    def _task(
        self, op: Operation, seed: str, values: Mapping[str, Any], handle: str | None
    ) -> Answer:
        """A create (a new handle), a poll (running, then done) or a step of a task."""
        assert op.step is not None
        schema, flat = self._shapes.answer(op)
        step, shapes = op.step, self._shapes
        if handle is None:  # a create
            shape = shapes.field(schema, step.handle) or {}
            chosen = values.get(step.handle)
            example = shape.get("example")
            handle = self._tasks.create(step.flow, seed, example, chosen and str(chosen))
            seed = f"{seed}\x1f{handle}"
        else:
            seed = f"{op.code}\x1f{handle}"
        data = self._synth.value(schema, seed)
        if not isinstance(data, dict):  # a create answering the bare handle
            return Answer(handle if step.role == "create" else data, 1, flat=flat)
        if step.handle in data:
            kind = (shapes.field(schema, step.handle) or {}).get("type")
            data[step.handle] = int(handle) if kind == "integer" and handle.isdigit() else handle
        rule = _shapes.status_rule(shapes, schema) if step.role != "create" else None
        if rule is not None:
            done = step.role == "step" or self._tasks.poll(op.code, handle)
            if not done:
                data = {k: v for k, v in data.items() if k == step.handle}
            data[rule.field] = rule.done if done else rule.running
        return Answer(data, 1, flat=flat)


def gather(
    op: Operation,
    path_params: Mapping[str, str],
    headers: Mapping[str, str],
    query: Mapping[str, str],
    body: Any,
) -> dict[str, Any]:
    """The values of `op`'s parameters a request sent, each from where the spec says."""
    if body is not None and not isinstance(body, dict):
        raise invalid(f"the body must be a JSON object, got {type(body).__name__}")
    form = body or {}
    values: dict[str, Any] = {}
    for param in op.params:
        where: Mapping[str, Any] = {
            "query": query,
            "path": path_params,
            "header": headers,
            "body": form,
        }[param.where]
        value = where.get(param.name)
        if value is not None and value != "" and value != []:
            values[param.name] = value
    return values


def check_params(op: Operation, values: Mapping[str, Any]) -> None:
    """68300004 for a parameter missing, not among its choices, or out of its range."""
    for param in op.params:
        value = values.get(param.name)
        if value is None:
            if param.required:
                raise invalid(f"{param.name} is required")
            continue
        if param.enum is not None:
            _check_choice(param, value)
        if param.type == "integer":
            _check_range(param, as_int(value, param.name))
        too_long = param.max_length is not None and isinstance(value, str)
        if too_long and len(value) > (param.max_length or 0):
            raise invalid(f"{param.name} is over {param.max_length} characters")


def _check_choice(param: Param, value: Any) -> None:
    assert param.enum is not None
    allowed = {str(choice) for choice in param.enum}
    for one in value if isinstance(value, list) else [value]:
        if str(one) not in allowed:
            raise invalid(f"{param.name} {one!r} is none of {sorted(allowed)}")


def _check_range(param: Param, number: int) -> None:
    if param.minimum is not None and number < param.minimum:
        raise invalid(f"{param.name} {number} < {param.minimum}")
    if param.maximum is not None and number > param.maximum:
        raise invalid(f"{param.name} {number} > {param.maximum}")


def fingerprint(values: Mapping[str, Any]) -> str:
    """A short digest of parameter values, the same in every process."""
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def subject(values: Mapping[str, Any]) -> Patent | None:
    """The one patent a request names (by `patent_number`, `pn` or `patent_id`), if any."""
    for name, identify in (
        ("patent_number", _data.identity_by_number),
        ("pn", _data.identity_by_number),
        ("patent_id", _data.identity_by_id),
    ):
        value = values.get(name)
        if isinstance(value, str) and "," not in value:
            identity = identify(value)
            if identity is not None:
                return Patent(*identity)
    return None
