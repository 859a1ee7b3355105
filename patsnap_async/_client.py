"""`PatsnapClient`: configuration, the session, and the endpoint families."""

from __future__ import annotations

import asyncio
import copy
import math
import os
from collections.abc import AsyncGenerator, Callable, Iterable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar, overload

import attrs

from . import _validate as check
from ._batch import BatchResult, ChunkCallback, ProgressCallback
from ._cache import RecordCache
from ._config import DEFAULT_BASE_URL, base_url_setting, credentials_setting
from ._endpoints import IdParam, Listing, Lookup, Paging, record_identity
from ._engines import Engines, WithRawResponse
from ._errors import ConfigurationError
from ._families import Families
from ._hooks import Hooks
from ._limiter import Limiter
from ._limits import MAX_IDS_PER_REQUEST, MAX_QPS
from ._pacing import MAX_MARGIN, Pacer
from ._pager import Pager
from ._paths import Paths
from ._protocol import Request, build_request
from ._resources import Patents, Search, Sequences, Tasks
from ._retry import RetryPolicy
from ._secret import hide
from ._session import DEFAULT_MAX_RESPONSE_BYTES, ClientStats, Session
from ._transports.base import Transport
from ._validate import ParamValue

if TYPE_CHECKING:
    import aiohttp
    from opentelemetry.metrics import MeterProvider
    from opentelemetry.trace import TracerProvider

__all__ = ["DEFAULT_BASE_URL", "PatsnapClient"]

R = TypeVar("R")
I = TypeVar("I")  # noqa: E741 - an item

# The documented worst-case answer time; it sizes the default number of requests in
# flight (Q per second for 10 seconds), so that connections never cap the rate.
_MAX_RESPONSE_SECONDS = 10


class PatsnapClient(Families):
    """An asyncio client for the PatSnap Open Platform.

    Use it as `async with PatsnapClient(...) as client:`, or call `await client.close()`.
    One client holds one HTTP session and one limiter: share it across the tasks of a
    process instead of opening one per request.

    Args:
        api_key: a dashboard key (`sk-...`), sent as the bearer token. Default:
            `PATSNAP_API_KEY`.
        client_id: the enterprise client id. Default: `PATSNAP_CLIENT_ID`.
        client_secret: the enterprise client secret. Default: `PATSNAP_CLIENT_SECRET`.
        base_url: scheme and host. Default: `PATSNAP_BASE_URL`, else
            `https://connect.patsnap.com` (`https://connect.zhihuiya.com` in China).
            An empty value (argument or variable) is refused, never read as the
            default host.
        qps: the account's limit in requests per second; every HTTP attempt (first
            tries, retries, token calls) is paced under it. Default 5. Set too high,
            the client finds the rate the account accepts from the platform's
            67200002 answers, paces at it, logs a warning and reports it in
            `stats.accepted_qps`; rate-limited attempts never fail a call. Set too
            low, the client stays at it. At most 1 000 000.
        network_jitter: seconds by which your network path may bunch requests on
            their way (the spread of its one-way delay, e.g. 0.03). The pacer keeps
            its requests that much further apart from the start, instead of learning
            it from the first 67200002 answers. Default 0: learned.
        max_concurrency: HTTP attempts in flight at once. Default: enough for `qps`
            requests a second that each take the documented worst case of 10 s.
        max_retries: retries after a retryable failure. Default 5 (or `retry`'s).
        timeout: seconds one attempt may take in total. Default 30.
        session: a caller's `aiohttp.ClientSession`; used, never closed. Its connector
            limit then also bounds concurrency. aiohttp may silently resend a request
            once on such a session when a kept-alive connection was closed; the
            client's own session has that turned off so every attempt is paced. On
            its own session the client also tells the pacer when each request was
            actually sent (after opening a connection, say); on yours, requests count
            from when the pacer let them go.
        retry: a full `RetryPolicy` (delays, jitter, sleep) instead of the default.
        limiter: paces every HTTP attempt instead of an in-process `Pacer(qps)`: e.g.
            a `patsnap_async.redis.RedisLimiter` shared by several processes. It is
            not closed with the client. `qps` then only sizes `max_concurrency`.
        paths: endpoint paths to override, by name (see `Paths`), e.g.
            `{"cited_by": "/basic-patent-data/forward-citation/v4"}`.
        max_response_bytes: the most bytes an answer may hold once decompressed;
            a larger one raises `MalformedResponseError` while it is being read.
            Default 64 MiB, far above any real answer. (A `transport=` of your own
            caps bodies as it will.)
        transport: sends every HTTP attempt instead of the aiohttp transport, e.g.
            `patsnap_async.testing.MockTransport(handler)` in tests (see
            `patsnap_async.Transport`). It is closed with the client. Not with
            `session=`.
        cache: a record cache (`patsnap_async.cache.RecordCache`), or the path of its
            file: every lookup answers what it holds fresh without a request, sends
            only the rest, and stores each answer as it arrives (`stats.cache_hits`,
            `stats.billed_saved`; a result's `cached`). A cache opened from a path is
            closed with the client; a `RecordCache` of yours is not. None: no cache.
        hooks: callbacks on what the client does (request sent, answer received,
            rate limited, retry scheduled, token refreshed): a `Hooks`.
        tracer_provider: an OpenTelemetry `TracerProvider` for the client's spans.
            Default: the global one, when the application configured one (nothing
            is emitted, and OpenTelemetry is not imported, until then).
        meter_provider: an OpenTelemetry `MeterProvider` for the client's metrics.
            Default: the global one, as `tracer_provider`.

    Raises:
        ConfigurationError: no usable credentials, or a bad value (names the setting
            and the value). Numbers must be finite and in range; integers must be
            ints, and a bool is no number.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        base_url: str | None = None,
        qps: float = 5,
        max_concurrency: int | None = None,
        max_retries: int | None = None,
        timeout: float = 30.0,
        session: aiohttp.ClientSession | None = None,
        retry: RetryPolicy | None = None,
        paths: Paths | Mapping[str, str] | None = None,
        limiter: Limiter | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        network_jitter: float = 0.0,
        transport: Transport | None = None,
        cache: RecordCache | str | os.PathLike[str] | None = None,
        hooks: Hooks | None = None,
        tracer_provider: TracerProvider | None = None,
        meter_provider: MeterProvider | None = None,
    ) -> None:
        # Hidden at once: a traceback of an error raised here records no secret.
        api_key, client_id, client_secret = hide(api_key), hide(client_id), hide(client_secret)
        credentials = credentials_setting(api_key, client_id, client_secret)
        base_url = base_url_setting(base_url)
        qps = check.number("qps", qps, above=0, maximum=MAX_QPS, setting=True)
        network_jitter = check.number(
            "network_jitter", network_jitter, minimum=0, maximum=MAX_MARGIN, setting=True
        )
        if max_concurrency is None:
            max_concurrency = max(10, math.ceil(qps * _MAX_RESPONSE_SECONDS))
        max_concurrency = check.integer("max_concurrency", max_concurrency, minimum=1, setting=True)
        timeout = check.number("timeout", timeout, above=0, setting=True)
        max_response_bytes = check.integer(
            "max_response_bytes", max_response_bytes, minimum=1, setting=True
        )
        retry = _retry_setting(retry, max_retries)
        _check_plugins(limiter, transport, session, hooks)
        self._qps = qps
        self.paths = Paths.of(paths)
        if transport is None:
            transport = _aiohttp_transport(session, max_concurrency, max_response_bytes)
        self._session = Session(
            base_url=base_url,
            credentials=credentials,
            pacer=limiter if limiter is not None else Pacer(qps, jitter=network_jitter),
            transport=transport,
            max_concurrency=max_concurrency,
            retry=retry,
            timeout=timeout,
            token_path=self.paths.token,
            hooks=hooks,
            tracer_provider=tracer_provider,
            meter_provider=meter_provider,
        )
        # Last: a file opened before a refused setting would be left open.
        self._cache, self._owns_cache = _cache_setting(cache)
        self._attach()

    def __repr__(self) -> str:
        s = getattr(self, "_session", None)
        if s is None:  # a traceback of a refused setting shows the half-built client
            return "<PatsnapClient (not built)>"
        return (
            f"<PatsnapClient {s.base_url} auth={s.credentials.kind} qps={self._qps:g} "
            f"max_concurrency={s.max_concurrency}>"
        )

    @property
    def base_url(self) -> str:
        """The scheme and host every path is sent to."""
        return self._session.base_url

    @property
    def qps(self) -> float:
        """The account limit this client paces under."""
        return self._qps

    @property
    def max_concurrency(self) -> int:
        """HTTP attempts this client keeps in flight at most."""
        return self._session.max_concurrency

    @property
    def cache(self) -> RecordCache | None:
        """The record cache lookups are answered from, if any."""
        return self._cache

    @property
    def stats(self) -> ClientStats:
        """Counters of what this client has sent so far."""
        return self._session.stats

    @property
    def with_raw_response(self) -> Any:
        """This client, its calls returning a `RawResponse`: the result and its answers.

        `raw = await client.with_raw_response.patents.family(ids)`: `raw.parsed` is
        what `client.patents.family(ids)` returns; `raw.http_status`, `raw.headers`,
        `raw.status`, `raw.error_code` and `raw.error_msg` are those of the answer
        (the last one, for a call of several requests), and `raw.answers` holds one
        `RawAnswer` per request, e.g. per 100 ids of a batch. Every coroutine method
        of the client and of its families is there (`.request`, `.call`, `.lookup`,
        `.patents.family`, `.sequences.wait`, ...); a listing has no raw form.
        """
        return WithRawResponse(self)

    def with_options(
        self,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        cache: RecordCache | Literal[False] | None = None,
    ) -> PatsnapClient:
        """This client with other options, sharing its session, limiter, token and stats.

        For one call or a group of calls:
        `await client.with_options(timeout=120).patents.family(ids)`. Closing the copy
        closes nothing; the original client owns the connections.

        Args:
            timeout: seconds one attempt may take in total.
            max_retries: retries after a retryable failure.
            cache: another record cache (e.g. `client.cache.with_options(refresh=True)`
                to fetch afresh and store), or False for none: read and store nothing.

        Raises:
            ConfigurationError: a bad value, naming it.
        """
        if timeout is not None:
            timeout = check.number("timeout", timeout, above=0, setting=True)
        retry = None
        if max_retries is not None:
            check.integer("max_retries", max_retries, minimum=0, setting=True)
            retry = attrs.evolve(self._session.retry, max_retries=max_retries)
        other = copy.copy(self)
        other._session = self._session.with_options(timeout=timeout, retry=retry)
        other._owns_cache = False
        if cache is False:
            other._cache = None
        elif cache is not None:
            if not isinstance(cache, RecordCache):
                # A path would open a file that nothing closes: the copy closes nothing.
                raise ConfigurationError(
                    f"with_options(cache=) takes a RecordCache or False, got {type(cache).__name__}"
                )
            other._cache = cache
        other._attach()
        return other

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, ParamValue | None] | None = None,
        json: Any = None,
    ) -> Any:
        """Call any endpoint, paced, authenticated and retried; return the answer's `data`.

        The wrapped endpoints take the same way (`_call`); this one is for endpoints
        this package does not wrap yet. It returns whatever `data` the answer carries
        (None when it carries none), while the wrapped calls also require `data` of
        their endpoint's shape and retry an answer without it.

        Args:
            method: `GET` or `POST` (any HTTP method).
            path: the path below `base_url`, starting with `/`.
            params: query parameters; `None` values are left out.
            json: the JSON body.

        Raises:
            APIError: the platform answered with an error (a subclass per code family).
            TransportError: no usable answer after the retries.
        """
        return await self._call(build_request(method, path, params=params, json=json))

    def _attach(self) -> None:
        """The engines over this client's session, and the endpoint families on them."""
        window = max(2, min(self._session.max_concurrency, 64))
        self._engines = Engines(self._session, self.paths, window, self._cache)
        self.search = Search(self._engines)
        self.patents = Patents(self._engines)
        self.sequences = Sequences(self._engines)
        self.tasks = Tasks(self._engines)
        self._attach_families(self._engines)

    async def _call(self, request: Request) -> Any:
        """Send a built request."""
        return await self._engines.send(request)

    @overload
    async def lookup(
        self,
        endpoint: Lookup[R],
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
    ) -> BatchResult[R]: ...

    @overload
    async def lookup(
        self,
        endpoint: str,
        ids: Iterable[str],
        *,
        by: str | None = None,
        params: Mapping[str, Any] | None = None,
        chunk_size: int | None = None,
        progress: ProgressCallback | None = None,
        on_chunk: ChunkCallback[dict[str, Any]] | None = None,
        max_billed: int | None = None,
        keep: bool = True,
        concurrency: int | None = None,
        first_alone: bool = False,
    ) -> BatchResult[dict[str, Any]]: ...

    async def lookup(
        self,
        endpoint: Lookup[Any] | str,
        ids: Iterable[str],
        *,
        by: str | None = None,
        params: Mapping[str, Any] | None = None,
        chunk_size: int | None = None,
        progress: ProgressCallback | None = None,
        on_chunk: ChunkCallback[Any] | None = None,
        max_billed: int | None = None,
        keep: bool = True,
        concurrency: int | None = None,
        first_alone: bool = False,
    ) -> BatchResult[Any]:
        """Any id-keyed batch endpoint, for any number of ids (the batch engine).

        Duplicates are sent once, the rest `endpoint.batch_size` a request, all
        requests concurrently under the client's QPS; each answer's records are matched
        back to the ids and billed once in `stats.billed_results`.

        Args:
            endpoint: a `Lookup` declaration (e.g. `patsnap_async.endpoints.FAMILY`), or
                a lookup of the catalog by its code or name (`"P018"`, `"claim"`),
                whose records are then the platform's dicts.
            ids: the ids, any number.
            by: the parameter the ids go in (e.g. `"patent_id"`); None: the default.
            params: other query parameters (GET) or body fields (POST) of each request;
                for a catalog operation, checked against its parameters first.
            chunk_size: ids a request, at most the endpoint's `batch_size`.
            progress: called as `progress(ids_done, ids_total)` after each request.
            on_chunk: called with each request's own `BatchResult` as it completes.
            max_billed: send no request that could take this call's billed records
                past it (one a requested id); the ids left are in `.unsent`.
            keep: False holds no record in the returned result (use `on_chunk`).
            concurrency: requests in flight at most; None: `max_concurrency`.
            first_alone: send the first request before the others, so that a wrong
                key or an exhausted quota costs one request, not one a request in
                flight (at the price of one answer's latency).

        Raises:
            PatsnapError: a fatal error (`error.fatal`) stopped the call; `.result`
                holds what was fetched, and `.result.unsent` the ids never sent.
            BatchError: some requests failed after retries; `.result` holds the rest.
            TypeError / ValueError: a bad id or argument, before anything is sent.
        """
        return await self._engines.lookup(
            endpoint,
            ids,
            by=by,
            params=params,
            chunk_size=chunk_size,
            progress=progress,
            on_chunk=on_chunk,
            max_billed=max_billed,
            keep=keep,
            concurrency=concurrency,
            first_alone=first_alone,
        )

    async def batch(
        self,
        path: str,
        ids: Iterable[str],
        *,
        param: str,
        key: str,
        method: str = "GET",
        params: Mapping[str, ParamValue | None] | None = None,
        chunk_size: int = MAX_IDS_PER_REQUEST,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[dict[str, Any]]:
        """Call a batch endpoint this package does not wrap, for any number of ids.

        `lookup` with a declaration made on the fly: duplicates are sent once, the
        rest `chunk_size` a request, comma-joined in `param`, all requests concurrently
        under the client's QPS; the records of each answer (its `data`, a list of
        objects) are matched back to the ids by their field `key`.

        Args:
            path: the endpoint's path, starting with `/`.
            ids: the ids, any number.
            param: the parameter the comma-joined ids go in (`patent_number`, ...).
            key: the field of a record naming the id it answers (`pn`, ...).
            method: `GET` sends the ids in the query string, `POST` in the JSON body.
            params: other query parameters (GET) or body fields (POST) of every request.
            chunk_size: ids per request (PatSnap's batch endpoints take 100).
            progress: called as `progress(ids_done, ids_total)` after each request.

        Returns:
            A `BatchResult` mapping each id as you spelled it to its record (a dict).

        Raises:
            BatchError: some requests failed after retries; `.result` holds the rest.
            ValueError: a bad id or argument, before anything is sent.
        """
        method = check.choice("method", method, {"GET", "POST"})
        endpoint = Lookup[dict[str, Any]](
            code="",
            name="batch",
            path=path,
            ids=(IdParam(param, key),),
            method=method,  # type: ignore[arg-type]
        )
        return await self.lookup(
            endpoint, ids, params=params, chunk_size=chunk_size, progress=progress
        )

    @overload
    def listing(
        self,
        endpoint: Listing[Any, I],
        *,
        params: Mapping[str, Any] | None = None,
        json: Mapping[str, Any] | None = None,
        page_size: int | None = None,
        start: int = 0,
        limit: int | None = None,
        window: int | None = None,
        expand: Callable[[Sequence[I]], AsyncGenerator[I, None]] | None = None,
    ) -> Pager[I]: ...

    @overload
    def listing(
        self,
        endpoint: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Mapping[str, Any] | None = None,
        page_size: int | None = None,
        start: int = 0,
        limit: int | None = None,
        window: int | None = None,
        expand: Callable[[Sequence[dict[str, Any]]], AsyncGenerator[dict[str, Any], None]]
        | None = None,
    ) -> Pager[dict[str, Any]]: ...

    def listing(
        self,
        endpoint: Listing[Any, Any] | str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Mapping[str, Any] | None = None,
        page_size: int | None = None,
        start: int = 0,
        limit: int | None = None,
        window: int | None = None,
        expand: Callable[[Sequence[Any]], AsyncGenerator[Any, None]] | None = None,
    ) -> Pager[Any]:
        """Every item of a paged list (the page engine); nothing is sent until read.

        Args:
            endpoint: a `Listing` declaration, or a listing of the catalog by its code
                or name (`"P008"`), whose items are then the platform's dicts.
            params: the query parameters of every request.
            json: the JSON body of every request (POST); each page's window joins it.
                For a catalog operation, both are checked against its parameters.
            page_size: items a request; None: the most the endpoint serves.
            start: skip the first `start` items (to resume).
            limit: read no item at or past this position.
            window: pages in flight at most; None: sized to the client.
            expand: a step over each page's items, yielding them (changed or not) in
                order before they are yielded (sequence hits fetch all their patents).
        """
        return self._engines.listing(
            endpoint,
            params=params,
            json=json,
            page_size=page_size,
            start=start,
            limit=limit,
            window=window,
            expand=expand,
        )

    async def call(
        self, operation: str, arguments: Mapping[str, Any] | None = None, **values: Any
    ) -> Any:
        """One request of any operation of the catalog, by its code or name; its `data`.

        `await client.call("P001", {"query_text": "TACD: graphene"})`, or with the
        arguments as keywords. Each is checked against the operation's parameters (its
        name, type, choices and bounds) and sent where the operation takes it: the
        query, the JSON body, the path, a header, or a multipart file (bytes,
        `(filename, bytes)` or a `pathlib.Path`). Paced, authenticated and retried as
        every call. A lookup is better run by `lookup` (any number of ids), a list by
        `listing` (every page). The few operations that answer no `data` (C034's plant
        variety lists, the landscape job's status) give the fields beside the
        envelope's, as an object without `status`, `error_code` and `error_msg`.

        The 5 operations that answer a stream of server-sent events (the chats AI07,
        AI20, AI50, AI68-2 and T001.task-aicc) give the list of its events, each the
        JSON of its `data:` lines (PatSnap's envelope, `data` inside), or their text
        where it is not JSON. The whole stream is read before the call returns, no
        more than `max_response_bytes` of it; events are not handed over as they
        come. An event that is an error envelope raises its `APIError`.

        Raises:
            KeyError: no operation has that code or name (the closest are named).
            TypeError / ValueError: a bad argument (named), before anything is sent.
            APIError / TransportError: as `request`.
        """
        return await self._engines.call(operation, {**(arguments or {}), **values})

    def paginate(
        self,
        method: str,
        path: str,
        *,
        paging: Paging,
        items: str,
        total: str,
        params: Mapping[str, ParamValue | None] | None = None,
        json: Mapping[str, Any] | None = None,
        page_size: int | None = None,
        start: int = 0,
        key: str | None = None,
    ) -> Pager[Any]:
        """Every item of a paginated endpoint this package does not wrap.

        `listing` with a declaration made on the fly, as `iter_patents` does it: the
        first page says how many items there are, the other pages are fetched
        concurrently and their items yielded in order, as the platform sent them
        (dicts), in bounded memory. A page shorter than the total makes it, or with
        another total, is retried and then fails the iteration; a longer one is cut;
        an item is yielded once (see `Pager`).

        Args:
            method: `GET` (paging in the query string) or `POST` (paging in the body).
            path: the endpoint's path, starting with `/`.
            paging: how the endpoint pages: `PAGE_PAGING` (`page` from 1, `size` up
                to 100), `OFFSET_PAGING` (`offset`, `limit` up to 1000, 20 000 at
                most), or a `Paging` of your own.
            items: the field of `data` holding a page's list.
            total: the field of `data` holding the list's length.
            params: the query parameters of every request.
            json: the JSON body of every request (POST).
            page_size: items per request; None: the most `paging` allows.
            start: skip the first `start` items (to resume).
            key: the field naming an item, to yield an item sent twice once; None:
                items equal in every field are the same item.

        Returns:
            A `Pager` of the items; `total` is known once the first page arrived.

        Raises:
            TypeError / ValueError: a bad argument, named, before anything is sent.
        """
        method = check.choice("method", method, {"GET", "POST"})
        if not isinstance(paging, Paging):
            raise TypeError(f"paging must be a Paging, got {paging!r}")
        if key is not None:
            check.text("key", key)
        endpoint = Listing[dict[str, Any], Any](
            code="",
            name="paginate",
            path=path,
            paging=paging,
            items=items,
            total=total,
            method=method,  # type: ignore[arg-type]
            key=record_identity(key),
        )
        return self.listing(endpoint, params=params, json=json, page_size=page_size, start=start)

    async def cached(
        self,
        endpoint: Lookup[Any] | str,
        ids: Iterable[str],
        *,
        by: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> tuple[str, ...]:
        """The ids, as spelled, that `lookup` would answer from the record cache now
        (their record, or their absence), reading no record and sending nothing.

        What a run would cost: `len(ids) - len(await client.cached(...))` ids to send.
        Empty without a cache.

        Args:
            endpoint, ids, by, params: as `lookup`.

        Raises:
            TypeError / ValueError: a bad id or argument, named.
        """
        return await self._engines.cached(endpoint, ids, by=by, params=params)

    async def close(self) -> None:
        """Close the HTTP session this client opened (a caller's session stays open),
        and the record cache it opened from a path."""
        try:
            await self._session.aclose()
        finally:
            if self._owns_cache and self._cache is not None:
                # Its thread is joined and the file closed: not on the event loop.
                await asyncio.to_thread(self._cache.close)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()


def _retry_setting(retry: object, max_retries: int | None) -> RetryPolicy:
    if retry is not None and not isinstance(retry, RetryPolicy):
        raise ConfigurationError(f"retry must be a RetryPolicy, got {type(retry).__name__}")
    retry = retry or RetryPolicy()
    return retry if max_retries is None else attrs.evolve(retry, max_retries=max_retries)


def _cache_setting(cache: object) -> tuple[RecordCache | None, bool]:
    """The record cache, and whether the client opened it (from a path) and owns it."""
    if cache is None or isinstance(cache, RecordCache):
        return cache, False
    if isinstance(cache, str | os.PathLike):
        return RecordCache(cache), True
    raise ConfigurationError(
        f"cache must be a RecordCache or the path of its file, got {type(cache).__name__}"
    )


def _check_plugins(limiter: object, transport: object, session: object, hooks: object) -> None:
    if limiter is not None and not isinstance(limiter, Limiter):
        raise ConfigurationError(
            f"limiter must have acquire() and slow_down(), got {type(limiter).__name__}"
        )
    if transport is not None and session is not None:
        raise ConfigurationError("pass either transport= or session=, not both")
    if transport is not None and not isinstance(transport, Transport):
        raise ConfigurationError(
            f"transport must have send() and aclose(), got {type(transport).__name__}"
        )
    if hooks is not None and not isinstance(hooks, Hooks):
        raise ConfigurationError(f"hooks must be a Hooks, got {type(hooks).__name__}")


def _aiohttp_transport(
    session: aiohttp.ClientSession | None, max_connections: int, max_response_bytes: int
) -> Transport:
    """The aiohttp transport, on `session` when given (imported only here)."""
    from ._transports.aiohttp import AiohttpTransport

    return AiohttpTransport(
        session, max_connections=max_connections, max_response_bytes=max_response_bytes
    )
