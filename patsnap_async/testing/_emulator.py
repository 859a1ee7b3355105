"""The emulator: an ``aiohttp.web`` application playing the PatSnap Open Platform.

Every request goes through the same steps, in this order:

1. arrival: after the network's one-way delay (``network_delay`` plus a seeded draw of
   up to ``network_jitter``), its time is taken and counted in the QPS window
   (``67200002`` when the window is over ``qps``, at once, or after the latency with
   ``slow_refusals=True``; rejected arrivals count in the window unless
   ``count_rejected=False``);
2. latency: sleep ``latency`` seconds (or a seeded uniform draw from a range);
3. routing: unknown method + path -> HTTP 404 with ``67200101``. The eight endpoints
   the SDK wraps are answered by hand (``_endpoints``, ``_jobs``); every other
   operation of the catalog by ``_catalog_routes`` (loaded by ``serve()``);
4. authentication: ``/oauth/token`` checks HTTP Basic, business calls the Bearer API
   key or a live token plus ``apikey`` (HTTP 401 without ``Authorization``);
5. faults: an injected fault, else (business calls only) a seeded random one;
6. the endpoint itself (validation, then synthetic data).

Each request is appended to :attr:`Emulator.log` as a :class:`Served` on arrival
(``http_status`` 0), and that entry is replaced by the final one once answered.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import functools
import inspect
import logging
import random
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from typing import Any, Final

import attrs
from aiohttp import web

from .. import _validate as check
from . import _codes
from . import _endpoints as ep
from ._catalog_routes import CatalogDesk, catalog_loaded, load_catalog
from ._desk import TokenDesk
from ._faults import FaultPlan, FaultRates, injected_fault
from ._jobs import JobStore
from ._log import Served, max_arrivals
from ._statement import STATEMENT_PATH, statement
from ._wire import (
    Pending,
    error_response,
    fault_response,
    first_values,
    read_body,
    redact,
    stream_response,
    success_response,
    url_host,
)

__all__ = ["Emulator"]

logger = logging.getLogger("patsnap_async.testing")

QPS_WINDOW: Final = 1.0
# Bound on the waits at shutdown; handlers still running are cancelled first, so a
# test that gave up on a slow request does not wait for its latency to elapse.
_SHUTDOWN_TIMEOUT: Final = 0.5

Handler = Callable[[Mapping[str, str], Any], ep.Answer | Awaitable[ep.Answer]]
Reply = ep.Answer | ep.EventStream
#: An endpoint's answer to (headers, query, body).
Respond = Callable[[Mapping[str, str], Mapping[str, str], Any], Reply | Awaitable[Reply]]


class Emulator:
    """An in-process PatSnap Open Platform for tests, benchmarks and demos.

    Serve it with ``async with emu.serve() as url`` and point a client at ``url``;
    inspect :attr:`log` afterwards. All data is synthetic and deterministic (see
    ``patsnap_async.testing._data``); only latency jitter and random faults use
    ``seed``.
    """

    def __init__(
        self,
        *,
        client_id: str = "test-client-id",
        client_secret: str = "test-client-secret",
        api_key: str = "sk-test-api-key",
        qps: float | None = None,
        latency: float | tuple[float, float] = 0.0,
        token_ttl: float = 1799.0,
        token_style: str = "flat",
        fault_rates: FaultRates | None = None,
        seed: int = 0,
        unknown_ids: Iterable[str] = (),
        respelled: Mapping[str, str] | None = None,
        search_totals: Mapping[str, int] | None = None,
        search_dates: tuple[str, str] = ("20000101", "20231231"),
        sequence_patent_totals: Mapping[str, int] | None = None,
        listing_totals: Mapping[str, int] | None = None,
        job_hits: int = 30,
        job_polls_until_done: int = 1,
        network_delay: float = 0.0,
        network_jitter: float = 0.0,
        count_rejected: bool = True,
        slow_refusals: bool = False,
        retry_after: float | None = None,
    ) -> None:
        """Configure the emulated platform.

        Args:
            client_id: Client id of the client-credentials flow (and the ``apikey``
                query parameter token-authenticated calls must send).
            client_secret: Its secret.
            api_key: Key accepted directly as ``Authorization: Bearer <api_key>``.
            qps: Most requests (any path, rejected ones included) accepted in a
                sliding 1 s window; the rest get ``67200002``. None means unlimited.
            latency: Seconds to wait before answering, or a ``(low, high)`` range to
                draw uniformly from.
            token_ttl: Seconds an issued token stays valid (server clock).
            token_style: Shape of the token answer: ``"flat"`` (documented),
                ``"access_token"``, ``"nested"`` or ``"string_expires"``.
            fault_rates: Random fault rates on business calls; None means none.
            seed: Seeds latency jitter and random faults.
            unknown_ids: Extra patent ids/numbers the platform has no record for
                (compared stripped and case-insensitively; a patent listed by either
                of its ids is unknown by both; any number starting with "UNKNOWN" is
                unknown too). Every other patent number of up to 20 letters, digits
                and ``-./_`` is known, and its ``patent_id`` finds the same patent.
            respelled: Patent numbers answered under another spelling (requested ->
                returned), as the platform answers a number without its kind code;
                the client cannot match such a record to the id it asked for.
            search_totals: ``query_text`` -> total hit count of P002, overriding the
                hash-derived 0..5000.
            search_dates: ``(first, last)`` publication dates (``YYYYMMDD``) a
                query's results are spread over, evenly, in result order. A query
                text ``(QUERY) AND PBD:[YYYYMMDD TO YYYYMMDD]`` gets the results of
                QUERY published in that range; no other query syntax is understood.
            sequence_patent_totals: ``seq_id`` -> patent count of B005, overriding
                ``int(seq_id) % 300``.
            listing_totals: catalog code -> the length of that listing's list, for
                any query (e.g. ``{"P008": 25}``), overriding the 0..1000 drawn from
                the query.
            job_hits: Hits a sequence job produces (capped by the job's ``limit``).
            job_polls_until_done: Status polls answered QUEUEING/RUNNING before a job
                reports its outcome; for the catalog's tasks, polls answered with
                their running status before their done one.
            network_delay: Seconds every request travels before it is stamped on
                arrival (the one-way delay of the path).
            network_jitter: Up to this many seconds more, drawn uniformly (seeded) per
                request: requests sent evenly arrive bunched, as on a real path.
            count_rejected: Whether requests answered ``67200002`` count in the QPS
                window (they do on a strict platform: over-sending starves itself).
            slow_refusals: Answer ``67200002`` after the latency, like any other
                answer (a gateway that queues before it counts), instead of at once:
                a client then hears of its refusals a latency late.
            retry_after: Seconds sent as ``Retry-After`` with injected HTTP 429 answers;
                None sends no such header.

        Raises:
            ConfigurationError: a setting out of range, NaN or of the wrong type.
        """
        if qps is not None:
            qps = check.number("qps", qps, above=0, setting=True)
        if retry_after is not None:
            retry_after = check.number("retry_after", retry_after, minimum=0, setting=True)
        self._desk = TokenDesk(client_id, client_secret, api_key, token_ttl, token_style)
        self._qps = qps
        self._latency = _latency(latency)
        self._faults = FaultPlan(fault_rates, seed)
        self._latency_rng = random.Random(f"latency:{seed}")
        self._network = _network(network_delay, network_jitter)
        self._network_rng = random.Random(f"network:{seed}")
        self._count_rejected = count_rejected
        self._slow_refusals = slow_refusals
        self._retry_after = retry_after
        self._unknown_ids = frozenset(raw.strip().upper() for raw in unknown_ids)
        self._search_totals = dict(search_totals or {})
        self._respelled = {k.strip().upper(): v for k, v in (respelled or {}).items()}
        self._search_dates = _date_range(search_dates)
        self._patent_totals = {str(k): v for k, v in (sequence_patent_totals or {}).items()}
        self._listing_totals = _lengths("listing_totals", listing_totals)
        self._jobs = JobStore(
            hits=job_hits, polls_until_done=job_polls_until_done, patent_totals=self._patent_totals
        )
        self._arrivals: deque[float] = deque()
        self._url: str | None = None
        # Handler tasks still running. A client that gave up leaves its handler sleeping
        # (aiohttp does not cancel it): serve() cancels them on exit, not to outlive it.
        self._in_flight: set[asyncio.Task[Any]] = set()
        self._app: web.Application | None = None
        self._app_loop: asyncio.AbstractEventLoop | None = None
        self._routes = self._route_table()
        #: One entry per HTTP request received, in arrival order; an entry is
        #: replaced by its final form when the request has been answered.
        self.log: list[Served] = []

    def _route_table(self) -> dict[tuple[str, str], Handler]:
        """Each endpoint served: (method, path) -> its handler of (query, body)."""
        return {
            ("POST", ep.QUERY_SEARCH_PATH): lambda q, b: ep.query_search(
                b, self._search_totals, self._search_dates
            ),
            ("GET", ep.FAMILY_PATH): lambda q, b: ep.family(q, self._unknown_ids, self._respelled),
            ("GET", ep.CITED_BY_PATH): lambda q, b: ep.cited_by(
                q, self._unknown_ids, self._respelled
            ),
            ("POST", ep.SEQUENCE_JOB_PATH): lambda q, b: self._jobs.submit_blast(b),
            ("POST", ep.MOTIF_JOB_PATH): lambda q, b: self._jobs.submit_motif(b),
            ("GET", ep.JOB_STATUS_PATH): lambda q, b: self._jobs.status(q),
            ("POST", ep.JOB_RESULT_PATH): lambda q, b: self._jobs.results(b),
            ("POST", ep.SEQUENCE_PATENT_PATH): lambda q, b: ep.sequence_patents(
                b, self._patent_totals
            ),
            ("POST", STATEMENT_PATH): lambda q, b: self._statement(b),
        }

    @functools.cached_property
    def _catalog(self) -> CatalogDesk:
        """The answers to the catalog's operations, built on first use (see `serve`)."""
        return CatalogDesk(
            skip=set(self._routes),
            unknown_ids=self._unknown_ids,
            respelled=self._respelled,
            listing_totals=self._listing_totals,
            polls_until_done=self._jobs.polls_until_done,
        )

    def _endpoint(
        self, method: str, pending: Pending, query: Mapping[str, str]
    ) -> _Endpoint | None:
        """The endpoint a request is for (its ids logged in *pending*); None: no such API."""
        handler = self._routes.get((method, pending.path))
        if handler is not None:
            return _Endpoint(lambda headers, q, b: handler(q, b))
        desk = self._catalog
        route = desk.find(method, pending.path)
        if route is None:
            return None
        pending.ids = desk.request_ids(route, query)
        return _Endpoint(functools.partial(desk.answer, route), array=desk.answers_array(route))

    def _statement(self, body: Any) -> ep.Answer:
        """The statement of account, from this emulator's log (see `_statement`)."""
        clock = time.time() - asyncio.get_running_loop().time()
        account = (self.client_id, self.client_secret)
        return statement(body, self.log, credentials=account, clock=clock)

    # --- public surface -----------------------------------------------------------

    @property
    def client_id(self) -> str:
        """Return the client id of the client-credentials flow."""
        return self._desk.client_id

    @property
    def client_secret(self) -> str:
        """Return the client secret of the client-credentials flow."""
        return self._desk.client_secret

    @property
    def api_key(self) -> str:
        """Return the API key accepted as a Bearer credential."""
        return self._desk.api_key

    @property
    def url(self) -> str:
        """Return the base URL while serving, e.g. ``http://127.0.0.1:54321``.

        Raises:
            RuntimeError: The emulator is not serving.
        """
        if self._url is None:
            raise RuntimeError("the emulator is not serving; use `async with emu.serve()`")
        return self._url

    @property
    def app(self) -> web.Application:
        """Return the ``aiohttp.web.Application`` (built on first use)."""
        if self._app is None:
            self._app = web.Application()
            self._app.router.add_route("*", "/{tail:.*}", self._handle)
        return self._app

    @contextlib.asynccontextmanager
    async def serve(self, host: str = "127.0.0.1", port: int = 0) -> AsyncIterator[str]:
        """Serve the emulator over HTTP while the context lasts; yield its base URL.

        The first ``serve()`` of a process loads the catalog and the answer schemas
        (about 0.1 s, in a worker thread) before it binds, so that no request waits
        for them.

        Args:
            host: Interface to bind.
            port: Port to bind; 0 picks a free one.
        """
        if self._url is not None:
            raise RuntimeError("the emulator is already serving")
        if not catalog_loaded():
            await asyncio.to_thread(load_catalog)
        self._catalog  # noqa: B018 - built now, not on the first request
        loop = asyncio.get_running_loop()
        # An aiohttp Application is bound to the first loop that runs it.
        if self._app_loop is not None and self._app_loop is not loop:
            self._app = None
        self._app_loop = loop
        runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=_SHUTDOWN_TIMEOUT)
        await runner.setup()
        try:
            site = web.TCPSite(runner, host, port)
            await site.start()
            self._url = f"http://{url_host(host)}:{runner.addresses[0][1]}"
            yield self._url
        finally:
            self._url = None
            await self._cancel_in_flight()
            await runner.cleanup()

    async def _cancel_in_flight(self) -> None:
        """Cancel the handlers still running (logged with ``http_status`` 0)."""
        tasks = list(self._in_flight)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=_SHUTDOWN_TIMEOUT)

    def inject(
        self,
        *,
        error_code: int | None = None,
        http_status: int | None = None,
        kind: str = "error",
        times: int = 1,
        path: str | None = None,
    ) -> None:
        """Answer the next *times* matching requests with a fault.

        Injected faults take priority over random ones and are consumed in the order
        they were queued.

        Args:
            error_code: For ``kind="error"``: answer ``{"status": false, "error_code":
                error_code, "error_msg": <documented message>}``.
            http_status: HTTP status of the answer (default 200). With
                ``kind="error"`` and no *error_code*, the body is an HTML page.
            kind: ``"error"``, ``"drop"`` (close the connection without answering), or
                an odd answer of HTTP 200: ``"malformed"`` (JSON cut short),
                ``"empty"`` (no ``data``), ``"wrong_shape"``, ``"wrong_types"``,
                ``"deep"`` or ``"gzip_bomb"`` (see ``patsnap_async.testing._faults``).
            times: How many requests the fault answers.
            path: Path prefix the fault applies to; None means any business endpoint
                (never ``/oauth/token``), while an explicit prefix may match it.
        """
        self._faults.inject(injected_fault(kind, error_code, http_status), times=times, path=path)

    def expire_tokens(self) -> None:
        """Revoke every token issued so far: business calls with them get 67200003."""
        self._desk.tokens.clear()

    def reset_log(self) -> None:
        """Forget the requests logged so far (the QPS window is not affected)."""
        self.log.clear()

    def max_arrivals_in_window(self, window: float = 1.0, *, path_prefix: str | None = None) -> int:
        """Return the most logged arrivals within any ``window`` seconds.

        Args:
            window: Window length in seconds; windows are half-open ``(t - window, t]``.
            path_prefix: Count only requests whose path starts with it; None counts all.
        """
        times = [
            served.time
            for served in self.log
            if path_prefix is None or served.path.startswith(path_prefix)
        ]
        return max_arrivals(times, window)

    # --- request pipeline -------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        """Answer one request and log it."""
        delay, jitter = self._network
        if jitter:
            delay += self._network_rng.uniform(0.0, jitter)
        if delay > 0:
            await asyncio.sleep(delay)
        arrival = asyncio.get_running_loop().time()
        throttled = self._arrive(arrival)
        query = first_values(request.query)
        pending = Pending(
            time=arrival,
            method=request.method,
            path=request.path,
            query=redact(query),
            auth=self._desk.auth_kind(request),
            apikey=query.get("apikey"),
        )
        # Log the arrival at once (http_status 0 until answered), then replace the entry.
        placeholder = pending.freeze()
        slot = len(self.log)
        self.log.append(placeholder)
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            return await self._answer(request, pending, query, throttled=throttled)
        except Exception:
            pending.http_status = 500
            raise
        finally:
            if task is not None:
                self._in_flight.discard(task)
            # reset_log() may have dropped the entry meanwhile: then leave it out.
            if slot < len(self.log) and self.log[slot] is placeholder:
                self.log[slot] = pending.freeze()
            logger.info(
                "%s %s -> HTTP %s, error_code %s%s",
                pending.method,
                pending.path,
                pending.http_status,
                pending.error_code,
                f" (fault: {pending.fault})" if pending.fault else "",
            )

    async def _answer(
        self, request: web.Request, pending: Pending, query: dict[str, str], *, throttled: bool
    ) -> web.StreamResponse:
        """Run the pipeline described in the module docstring."""
        body, readable = await read_body(request)
        pending.body = redact(body) if isinstance(body, dict) else body
        pending.ids = ep.request_ids(pending.path, query, body)
        if throttled:
            if self._slow_refusals:
                await self._sleep_latency()
            return error_response(pending, _codes.QPS_EXCEEDED)
        await self._sleep_latency()
        if (request.method, pending.path) == ("POST", ep.TOKEN_PATH):
            fault = self._faults.pick(pending.path, business=False)
            if fault is not None:
                return fault_response(request, pending, fault, self._retry_after)
            return self._desk.token(request, pending, query, body)
        endpoint = self._endpoint(request.method, pending, query)
        if endpoint is None:
            return error_response(pending, _codes.NO_SUCH_API, http_status=404)
        denied = self._desk.check_bearer(request, query)
        if denied is not None:
            http_status, code = denied
            return error_response(pending, code, http_status=http_status)
        fault = self._faults.pick(pending.path, business=True)
        if fault is not None:
            return fault_response(request, pending, fault, self._retry_after, array=endpoint.array)
        if not readable:
            return error_response(pending, _codes.BAD_REQUEST)
        try:
            answer = endpoint.respond(request.headers, query, body)
            if inspect.isawaitable(answer):
                answer = await answer
        except ep.ApiError as exc:
            logger.debug("%s %s rejected: %s", request.method, pending.path, exc)
            return error_response(pending, exc.code, http_status=exc.http_status)
        if isinstance(answer, ep.EventStream):
            return stream_response(pending, answer)
        return success_response(pending, answer)

    def _arrive(self, now: float) -> bool:
        """Count an arrival in the QPS window; tell whether it is over the limit."""
        if self._qps is None:
            return False
        window = self._arrivals
        while window and window[0] <= now - QPS_WINDOW:
            window.popleft()
        if len(window) >= self._qps:
            if self._count_rejected:
                window.append(now)
            return True
        window.append(now)
        return False

    async def _sleep_latency(self) -> None:
        """Wait the configured latency (a seeded draw when it is a range)."""
        low, high = self._latency
        delay = low if low == high else self._latency_rng.uniform(low, high)
        if delay > 0:
            await asyncio.sleep(delay)


@attrs.frozen
class _Endpoint:
    """What answers a request, and whether its ``data`` is an array (None: as known)."""

    respond: Respond
    array: bool | None = None


def _latency(latency: float | tuple[float, float]) -> tuple[float, float]:
    """Seconds before answering, as a (low, high) range; checked."""
    low, high = (latency, latency) if isinstance(latency, int | float) else latency
    low = check.number("latency", low, minimum=0, setting=True)
    return low, check.number("latency", high, minimum=low, setting=True)


def _lengths(name: str, lengths: Mapping[str, int] | None) -> dict[str, int]:
    """`lengths` by their keys as text, each checked to be an int >= 0."""
    return {
        str(key): check.integer(f"{name}[{key!r}]", length, minimum=0, setting=True)
        for key, length in (lengths or {}).items()
    }


def _network(delay: float, jitter: float) -> tuple[float, float]:
    """The one-way delay of the path and its jitter, in seconds; checked."""
    delay = check.number("network_delay", delay, minimum=0, setting=True)
    return delay, check.number("network_jitter", jitter, minimum=0, setting=True)


def _date_range(dates: tuple[str, str]) -> tuple[datetime.date, datetime.date]:
    """`(first, last)` publication dates as dates, in order."""
    first, last = (datetime.datetime.strptime(d, "%Y%m%d").date() for d in dates)
    if last < first:
        raise ValueError(f"search_dates must be in order, got {dates!r}")
    return first, last
