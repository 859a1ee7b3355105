"""The two engines of one client, over its session: what the resources call.

`Engines` binds the batch engine (`_batch.lookup`) and the page engine
(`_pager.listing`) to a client's session, its paths and its drain window. The client
hands one to each resource and calls it for `lookup`, `listing`, `call` and `request`
itself, so a call goes down the floors (client or resource, engines, session,
transport) and comes back up once: no resource climbs back into the client.

An endpoint is a declaration (`Lookup`, `Listing`), or an operation of the catalog
named by its code or name (`"P018"`, `"claim"`): the catalog is imported on the first
such call, and the caller's arguments are checked against the operation's parameters
(`_arguments.py`) before anything is sent. A client given a record cache hands it to
every lookup here.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from . import _validate as check
from ._arguments import arguments
from ._batch import BatchResult, ChunkCallback, ProgressCallback, cached_ids, lookup
from ._cache import RecordCache
from ._endpoints import Listing, Lookup, record_identity
from ._errors import PatsnapError
from ._operations import Operation
from ._pager import Pager, listing
from ._paths import Paths
from ._protocol import EVENTS, Expect, Request, build_request
from ._raw import RawResponse, collected
from ._session import Session
from ._telemetry import CallWatch
from ._validate import ParamValue

__all__ = ["Engines", "Resource", "WithRawResponse", "resolve"]

R = TypeVar("R")
I = TypeVar("I")  # noqa: E741 - an item


@attrs.frozen
class Engines:
    """A client's session, paths and drain window, with the two engines over them."""

    session: Session
    paths: Paths
    #: Pages a drain keeps in flight: enough to cover latency at the client's rate.
    window: int
    #: Answers lookups where it can, and stores their answers; None: no cache.
    cache: RecordCache | None = None

    async def send(self, request: Request, *, code: str = "", name: str = "") -> Any:
        """Send one built request (paced, authenticated, retried); its `data`.

        Args:
            code, name: the endpoint's, for its telemetry (`""`: a path of the caller's).
        """
        with self.watch("call" if code or name else "request", code, name, request.path):
            return await self.session.call(request)

    def watch(self, kind: str, code: str, name: str, path: str) -> CallWatch:
        """The telemetry of one SDK call (see `Telemetry.call`)."""
        return self.session.telemetry.call(kind, code, name, path)

    async def call(self, operation: str | Operation, values: Mapping[str, Any]) -> Any:
        """One request of any operation of the catalog, its arguments checked; its `data`.

        A stream operation (server-sent events) gives the list of its events, each the
        JSON of its `data:` lines: the whole stream is read first (no more than the
        client's `max_response_bytes`), none is handed over as it comes
        (`_protocol.read_events`).

        Raises:
            KeyError: no operation has that code or name.
            ValueError / TypeError: a bad argument (named).
        """
        op = resolve(operation)
        args = arguments(op, values)
        request = build_request(
            op.method,
            self.paths.of_operation(op, args.path),
            params=args.query,
            json=args.body,
            expect=EVENTS if op.kind == "stream" else None,
            form=args.form,
            headers=args.headers,
        )
        with self.watch("call", op.code, op.name, op.path):
            return await self.session.call(request)

    async def lookup(
        self,
        endpoint: Lookup[R] | str,
        ids: Iterable[str],
        *,
        by: str | None = None,
        params: Mapping[str, Any] | None = None,
        chunk_size: int | None = None,
        progress: ProgressCallback | None = None,
        on_chunk: ChunkCallback[R] | None = None,
        max_billed: int | None = None,
        keep: bool = True,
        concurrency: int | None = None,
        first_alone: bool = False,
    ) -> BatchResult[R]:
        """`endpoint` for every id, through the batch engine (see `PatsnapClient.lookup`)."""
        endpoint, path, params = self._lookup_of(endpoint, params)
        with self.watch("lookup", endpoint.code, endpoint.name, path) as watch:
            try:
                result = await lookup(
                    self.session,
                    endpoint,
                    ids,
                    path=path,
                    by=by,
                    params=params,
                    chunk_size=chunk_size,
                    progress=progress,
                    on_chunk=on_chunk,
                    max_billed=max_billed,
                    keep=keep,
                    concurrency=concurrency,
                    first_alone=first_alone,
                    cache=self.cache,
                    watch=watch,
                )
            except PatsnapError as error:
                _told(watch, error.result)
                raise
            _told(watch, result)
            return result

    async def cached(
        self,
        endpoint: Lookup[Any] | str,
        ids: Iterable[str],
        *,
        by: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> tuple[str, ...]:
        """The ids `lookup` would answer from the cache now (see `PatsnapClient.cached`)."""
        endpoint, path, params = self._lookup_of(endpoint, params)
        if self.cache is None:
            return ()
        return await cached_ids(
            self.session, endpoint, ids, path=path, cache=self.cache, by=by, params=params
        )

    def _lookup_of(
        self, endpoint: Lookup[R] | str, params: Mapping[str, Any] | None
    ) -> tuple[Lookup[R], str, Mapping[str, Any] | None]:
        """The declaration, path and parameters of a lookup, or of the catalog's by code
        (its records then the platform's dicts, its parameters checked)."""
        if isinstance(endpoint, str):
            op = resolve(endpoint, kind="lookup")
            assert isinstance(op.endpoint, Lookup)
            declared: Lookup[Any] = attrs.evolve(op.endpoint, model=None)
            ways = {way.param for way in declared.ids}
            params = arguments(op, params or {}, filled=ways).query
            return declared, self.paths.of_operation(op, op.path), params
        if not isinstance(endpoint, Lookup):
            raise TypeError(f"endpoint must be a Lookup or an operation's code, got {endpoint!r}")
        return endpoint, self.paths.of_endpoint(endpoint), params

    def listing(
        self,
        endpoint: Listing[Any, I] | str,
        *,
        params: Mapping[str, ParamValue | None] | None = None,
        json: Mapping[str, Any] | None = None,
        page_size: int | None = None,
        start: int = 0,
        limit: int | None = None,
        window: int | None = None,
        expand: Callable[[Sequence[I]], AsyncGenerator[I, None]] | None = None,
    ) -> Pager[I]:
        """Every item of `endpoint`'s list, through the page engine (see `client.listing`)."""
        path = None
        if isinstance(endpoint, str):
            op = resolve(endpoint, kind="listing")
            assert isinstance(op.endpoint, Listing)
            endpoint = op.endpoint
            if endpoint.model is not None:
                # By code: the platform's dicts, an item sent twice known by all its fields.
                endpoint = attrs.evolve(endpoint, model=None, key=record_identity(None))
            paging = {endpoint.paging.position, endpoint.paging.size}
            args = arguments(op, {**(params or {}), **(json or {})}, filled=paging)
            params, json = args.query, args.body
            path = self.paths.of_operation(op, args.path)
        if not isinstance(endpoint, Listing):
            raise TypeError(f"endpoint must be a Listing or an operation's code, got {endpoint!r}")
        if window is not None:
            check.integer("window", window, minimum=1)
        path = path or self.paths.of_endpoint(endpoint)
        return listing(
            self.session,
            endpoint,
            path=path,
            watch=self.watch("listing", endpoint.code, endpoint.name, path),
            window=window or self.window,
            params=params,
            json=json,
            page_size=page_size,
            start=start,
            limit=limit,
            expand=expand,
        )


def _told(watch: CallWatch, result: BatchResult[Any] | None) -> None:
    """What a lookup's telemetry holds of its result (also of a failed call's)."""
    if result is not None:
        watch.set("missing", len(result.missing))
        watch.set("failed", len(result.failed))
        watch.set("unsent", len(result.unsent))


def resolve(operation: str | Operation, *, kind: str | None = None) -> Operation:
    """The catalog's operation by code (`"P018"`) or name (`"claim"`); of `kind`, if given.

    Raises:
        KeyError: none has that code or name (the message names the closest).
        ValueError: it is of another kind (the message says which call runs it).
    """
    if isinstance(operation, Operation):
        op = operation
    else:
        if not isinstance(operation, str):
            raise TypeError(f"an operation is named by its code or name, got {operation!r}")
        from . import catalog  # 356 operations: imported on the first call by code

        try:
            op = catalog.by_code(operation)
        except KeyError:
            op = catalog.by_name(operation)
    if kind is not None and op.kind != kind:
        runs = {"lookup": "lookup", "listing": "listing"}.get(op.kind, "call")
        raise ValueError(f"{op.code} ({op.name}) is a {op.kind}, not a {kind}: use client.{runs}")
    return op


class Resource:
    """A thin family of calls on the client's engines (`Engines`)."""

    def __init__(self, engines: Engines) -> None:
        self._engines = engines

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._engines.session!r}>"

    @property
    def _paths(self) -> Paths:
        return self._engines.paths

    async def _request(
        self,
        method: str,
        path: str,
        *,
        expect: Expect,
        params: Mapping[str, ParamValue | None] | None = None,
        json: Any = None,
        code: str = "",
        name: str = "",
    ) -> Any:
        """One call, with the shape `data` must have: anything else is retried.

        Args:
            code, name: the endpoint's (`"P002"`, `"search"`), for its telemetry.
        """
        request = build_request(method, path, params=params, json=json, expect=expect)
        return await self._engines.send(request, code=code, name=name)


class WithRawResponse:
    """A client, or one of its families, whose calls return a `RawResponse`.

    `client.with_raw_response.patents.family(ids)`: each coroutine method runs as
    usual and returns its result with the answers its requests used (`_raw.py`). A
    listing yields its items as they come (`Pager`) and has no raw form.
    """

    __slots__ = ("_target",)

    def __init__(self, target: object) -> None:
        self._target = target

    def __repr__(self) -> str:
        return f"<with_raw_response of {self._target!r}>"

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if isinstance(value, Resource):
            return WithRawResponse(value)
        if inspect.iscoroutinefunction(value):
            return _raw_call(value)
        raise AttributeError(
            f"with_raw_response.{name}: only calls that send requests and return have a "
            "raw answer (a listing yields its items as they come)"
        )


def _raw_call(method: Callable[..., Awaitable[R]]) -> Callable[..., Awaitable[RawResponse[R]]]:
    @functools.wraps(method)
    async def raw(*args: Any, **kwargs: Any) -> RawResponse[R]:
        return await collected(method(*args, **kwargs))

    return raw
