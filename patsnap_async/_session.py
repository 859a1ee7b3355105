"""The session: orchestration of one call: slot, ticket, token, send, decipher, retry.

Data flows one way: a resource builds a `Request` (pure), `Session.call` paces,
authenticates, sends and retries it, and `decipher_response` (pure) turns the answer
into `data` or an exception. This module owns the one retry loop of the package:
nothing above it retries, so retries never multiply.

Order inside one attempt, and why:
1. a connection slot (`max_concurrency`), so that a request admitted by the pacer is
   sent at once instead of queueing behind slow answers and bunching up later;
2. the pacer. Retries go first (`priority`): they were admitted once already;
3. the token, taken only once the pacer has admitted the attempt: a request that
   waited minutes in the queue must not carry a token that expired meanwhile. Buying
   one is an HTTP attempt of its own that takes no slot and passes the pacer first, so
   it never waits behind the requests that want it. A refused token is dropped (once,
   however many requests carried it) and the request replayed at once, first in line;
4. the send, through the transport (`_transports/base.Transport`), which calls the
   request's `on_sent` hook (the ticket's `left`) when the request is actually
   written: later than its admission when a connection had to be opened first or the
   event loop was busy.

A 67200002 (or HTTP 429) is the platform pacing us, not a failure of the call: the
pacer learns from it, and the request is sent again without counting against
`max_retries` (up to `MAX_RATE_LIMITED` times, so that nothing loops forever). An HTTP
429's `Retry-After` holds the whole pacer. Redirects are not followed: each hop would
be an unpaced request carrying the token.

The session knows no concrete limiter, credentials or HTTP library: the limiter's
tickets, the credentials' `apply` and `token_request`, and the transport's `send` are
all it calls. Its one clock and sleep are injected.
"""

from __future__ import annotations

import asyncio
import copy
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ._auth import Credentials, TokenCache
from ._errors import (
    AuthenticationError,
    ClientClosedError,
    MalformedResponseError,
    PatsnapError,
    RateLimitError,
    Stopped,
)
from ._hooks import AttemptKind, Hooks
from ._limiter import Limiter, Ticket, ticket_source
from ._protocol import Request, TokenGrant, decipher_response, parse_token_grant, screen_http
from ._retry import Attempts, Decision, RetryPolicy, decide
from ._scope import Calls, CallScope, Waiting, current_scope, waiting
from ._secret import Secret
from ._telemetry import AttemptWatch, Telemetry
from ._transports.base import DEFAULT_MAX_RESPONSE_BYTES, HttpRequest, HttpResponse, Transport

if TYPE_CHECKING:
    from opentelemetry.metrics import MeterProvider
    from opentelemetry.trace import TracerProvider

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "ClientStats", "Session"]

log = logging.getLogger("patsnap_async")

T = TypeVar("T")

#: The kind of the attempt that follows each decision of the retry loop.
_NEXT: dict[str, AttemptKind] = {
    "replay": "token_replay",
    "resend": "rate_limited_resend",
    "retry": "retry",
}

# Codes after which a cached token is dropped and the request replayed once.
_STALE_TOKEN_CODES = frozenset({67200003, 67200009, None})


@attrs.define
class ClientStats:
    """Counters of what the client sent, for summaries and tests.

    Attributes:
        requests: HTTP attempts sent (first tries, retries, replays and token calls).
        retries: attempts that were a retry after a retryable failure.
        token_requests: calls to `/oauth/token`.
        rate_limited: 67200002 / HTTP 429 answers received.
        billed_results: records returned by batch calls (PatSnap bills each one).
        cache_hits: ids a lookup answered from the record cache (a record, or an
            absence the platform had answered), with no request.
        billed_saved: records served from the record cache that the platform would
            have billed (records of lookups billed per record).
    """

    requests: int = 0
    retries: int = 0
    token_requests: int = 0
    rate_limited: int = 0
    billed_results: int = 0
    cache_hits: int = 0
    billed_saved: int = 0
    _limit: Callable[[], float | None] = attrs.field(
        default=lambda: None, repr=False, eq=False, alias="limit"
    )

    @property
    def accepted_qps(self) -> float | None:
        """Requests per second the account accepts, when found below `qps`; else None.

        The client then paces at it. Read from the limiter each time: a probe may
        have moved it.
        """
        return self._limit()


class Session:
    """Paces, authenticates, sends and retries requests to one PatSnap host.

    Args:
        base_url: scheme and host, e.g. `https://connect.patsnap.com`.
        credentials: an `ApiKey` or `ClientCredentials`.
        pacer: admits every HTTP attempt (a `Limiter`).
        transport: sends each attempt.
        max_concurrency: HTTP attempts in flight at once.
        retry: the retry policy; its `sleep` is the session's sleep.
        timeout: seconds one attempt may take in total.
        token_path: where client credentials are exchanged for a token.
        clock: monotonic seconds (the token cache's); the event loop's clock by
            default, so that a loop on a virtual clock drives it too.
        hooks: callbacks on what the session does (`Hooks`).
        tracer_provider, meter_provider: OpenTelemetry providers instead of the
            global ones (see `_telemetry.py`).
    """

    def __init__(
        self,
        *,
        base_url: str,
        credentials: Credentials,
        pacer: Limiter,
        transport: Transport,
        max_concurrency: int,
        retry: RetryPolicy,
        timeout: float,
        token_path: str = "/oauth/token",
        clock: Callable[[], float] | None = None,
        hooks: Hooks | None = None,
        tracer_provider: TracerProvider | None = None,
        meter_provider: MeterProvider | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.credentials = credentials
        self.pacer = pacer
        self.transport = transport
        self.retry = retry
        self.timeout = timeout
        self.stats = ClientStats(limit=self.accepted_qps)
        self.telemetry = Telemetry(
            hooks=hooks,
            base_url=self.base_url,
            tracer_provider=tracer_provider,
            meter_provider=meter_provider,
            pacer=self.pacing,
        )
        self.max_concurrency = max_concurrency
        self._acquire = ticket_source(pacer)
        self._slots = asyncio.Semaphore(max_concurrency)
        self._owner = True
        self._calls = Calls()
        self._token_request = credentials.token_request(self.base_url + token_path)
        self._tokens = (
            TokenCache(self._fetch_token, clock=clock or _loop_time)
            if self._token_request is not None
            else None
        )

    def __repr__(self) -> str:
        return f"<Session {self.base_url} {self.credentials.kind}>"

    @property
    def sleep(self) -> Callable[[float], Awaitable[None]]:
        """How the session waits between attempts (the retry policy's `sleep`)."""
        return self.retry.sleep

    def accepted_qps(self) -> float | None:
        """The rate the limiter found the account accepts, if it finds one."""
        found = getattr(self.pacer, "accepted_qps", None)
        return found if isinstance(found, int | float) else None

    def pacing(self) -> tuple[float | None, float | None]:
        """The limiter's rate now and the rate it found the account accepts, if known."""
        rate = getattr(self.pacer, "current_rate", None)
        now = rate() if callable(rate) else None
        return (now if isinstance(now, int | float) else None), self.accepted_qps()

    def with_options(
        self, *, timeout: float | None = None, retry: RetryPolicy | None = None
    ) -> Session:
        """A session with other options sharing this one's slots, limiter, token and transport.

        It is not the owner: closing it closes nothing.
        """
        other = copy.copy(self)
        other._owner = False
        if timeout is not None:
            other.timeout = timeout
        if retry is not None:
            other.retry = retry
        return other

    async def call(self, request: Request) -> Any:
        """Send `request` until it succeeds or fails for good; return the answer's `data`.

        Raises:
            PatsnapError: the answer's error, or the transport's, after the retries;
                `ClientClosedError` when the client is closed while the call waits or
                is on the wire (at once, not at its paced turn); in a batch, `Stopped`
                when another request of it met a fatal error first.
        """
        scope = current_scope()
        try:
            if self._calls.closed:
                raise ClientClosedError()
            async with self._calls.member(scope):
                return await self._retrying(request, scope)
        except PatsnapError as error:
            if error.fatal and scope is not None:
                scope.stop(error)
            raise

    async def _retrying(self, request: Request, scope: CallScope | None) -> Any:
        """The retry loop of one call: attempts, and what `decide` says after each."""
        attempts = Attempts()
        kind: AttemptKind = "first"  # why the next attempt is sent (any other goes first)
        while True:
            if scope is not None and scope.error is not None:
                raise Stopped(scope.error)
            tried = _Tried(attempts.number, kind)
            with self.telemetry.attempt(request.method, request.path, tried.number, kind) as seen:
                try:
                    return await self._attempt(request, scope, tried, seen)
                except PatsnapError as error:
                    decision = self._decide(request, error, attempts, tried)
                    seen.decided(error, decision)
                    if decision.action == "raise":
                        raise
            kind = _NEXT[decision.action]
            if decision.action != "replay":
                await waiting(scope, self.sleep(decision.wait))

    def _decide(
        self, request: Request, error: PatsnapError, attempts: Attempts, tried: _Tried
    ) -> Decision:
        """What to do after a failed attempt (`decide`), counted in `attempts` and stats."""
        stale = not attempts.replayed and self._token_went_stale(error, tried.token)
        decision = decide(self.retry, error, attempts, stale_token=stale)
        log.debug("%s %s: %s", request.method, request.path, decision.why)
        error.attempts = attempts.number  # this attempt's number: the call's HTTP attempts
        if decision.action == "replay":
            if self._tokens is not None and tried.token is not None:
                self._tokens.invalidate(tried.token)
            attempts.replayed = True
            attempts.replays += 1
            return decision
        # A refused fresh token raises; once a token got past the server's auth
        # check, a later refusal (it expired while we retried) may refresh again.
        attempts.replayed = attempts.replayed and isinstance(error, AuthenticationError)
        if decision.action == "resend":
            attempts.rate_limited += 1
        elif decision.action == "retry":
            attempts.retries += 1
        if decision.action != "raise":
            self.stats.retries += 1
        return decision

    async def _attempt(
        self,
        request: Request,
        scope: CallScope | None,
        tried: _Tried,
        seen: AttemptWatch,
    ) -> Any:
        """One attempt: a slot, a ticket, a token, the send, and the answer's `data`.

        What the attempt carried (its token) is left in `tried` for the retry loop;
        what happens to it is told to `seen`, its telemetry.
        """
        ticket: Ticket | None = None
        try:
            async with Waiting(scope, self._slots):
                seen.slotted()
                ticket = await waiting(scope, self._acquire(tried.kind != "first"))
                seen.admitted()
                try:
                    if self._tokens is not None:
                        tried.token = await waiting(scope, self._tokens.get())
                    if scope is not None and scope.error is not None:
                        raise Stopped(scope.error)  # stopped while this one waited
                    tried.sent = True
                    response = await self._send(request, tried, ticket, seen)
                finally:
                    ticket.settle()
            return decipher(request, response, seen)
        except RateLimitError as error:
            # A refused token purchase reported its own refusal to the limiter.
            if tried.sent and ticket is not None:
                self._rate_limited(error, ticket, seen)
            raise

    def _rate_limited(self, error: RateLimitError, ticket: Ticket, seen: AttemptWatch) -> None:
        """Tell the limiter the platform refused an attempt for pacing."""
        if error.retry_after is not None:
            # Obeyed up to the policy's longest wait: a Retry-After of an hour would
            # otherwise hold every request of the client for an hour.
            error.retry_after = min(error.retry_after, self.retry.longest_wait)
        self.stats.rate_limited += 1
        seen.rate_limited(error)
        ticket.rate_limited(error.retry_after)

    def _token_went_stale(self, error: PatsnapError, token: str | None) -> bool:
        """Whether `error` refused the cached `token` the attempt carried (no side effect).

        Such a token is dropped, and the request replayed once with a fresh one, when
        `decide` says "replay".
        """
        if token is None or self._tokens is None or not isinstance(error, AuthenticationError):
            return False
        return error.code in _STALE_TOKEN_CODES or error.http_status == 401

    async def _send(
        self, request: Request, tried: _Tried, ticket: Ticket, seen: AttemptWatch
    ) -> HttpResponse:
        http = HttpRequest(
            request.method,
            self.base_url + request.path,
            params=request.params,
            headers=request.headers,
            json=request.json,
            data=request.form,
            timeout=self.timeout,
        )
        log.debug("%s %s (attempt #%d)", request.method, request.path, tried.number)
        return await self._exchange(self.credentials.apply(http, tried.token), ticket, seen)

    async def _fetch_token(self) -> TokenGrant:
        assert self._token_request is not None
        self.stats.token_requests += 1
        request = attrs.evolve(self._token_request, timeout=self.timeout)
        with self.telemetry.attempt(request.method, request.path, 1, "token") as seen:
            ticket = await self._acquire(True)
            seen.admitted()
            try:
                log.debug("%s %s (attempt #1)", request.method, request.path)
                response = await self._exchange(request, ticket, seen)
                grant = _granted(request, response, seen)
            except RateLimitError as error:
                self._rate_limited(error, ticket, seen)
                raise
            finally:
                ticket.settle()
            seen.token_bought(grant.expires_in)
            return grant

    async def _exchange(
        self, request: HttpRequest, ticket: Ticket, seen: AttemptWatch
    ) -> HttpResponse:
        """One HTTP attempt the limiter admitted; a redirect or a 429 raises.

        The caller holds a connection slot, except when this buys a token. Whatever
        the transport or the answer holds, what leaves here is an answer or a
        `PatsnapError`.
        """
        if self._calls.closed:
            raise ClientClosedError()
        self.stats.requests += 1
        seen.sending()
        response = await self.transport.send(attrs.evolve(request, on_sent=ticket.left))
        try:
            screen_http(
                request.method, request.path, response.status, response.headers, response.body
            )
        except PatsnapError as error:
            seen.answered(response, error)
            raise
        except Exception as error:  # a bug of ours must still not escape as a raw error
            unreadable = _unreadable(request.method, request.path, error)
            seen.answered(response, unreadable)
            raise unreadable from error
        return response

    async def aclose(self) -> None:
        """Fail every call still waiting or on the wire, and close the transport.

        The calls fail at once with `ClientClosedError`, rather than each at its paced
        turn. A copy from `with_options` closes nothing.
        """
        if self._calls.closed or not self._owner:
            return
        self._calls.close()
        self.telemetry.close()
        if self._tokens is not None:
            await self._tokens.aclose()
        await self.transport.aclose()


@attrs.define
class _Tried:
    """What one attempt carried, for the retry loop to judge its failure."""

    #: The attempt's number within its call, from 1.
    number: int
    kind: AttemptKind
    token: Secret | None = attrs.field(default=None, repr=False)
    #: False when the token purchase failed before the request could be sent.
    sent: bool = False


def decipher(request: Request, response: HttpResponse, seen: AttemptWatch) -> Any:
    """The answer's `data`, or the `PatsnapError` it stands for, and nothing else."""
    return _read(
        request.method,
        request.path,
        response,
        seen,
        lambda: decipher_response(response.status, response.body, request.expect),
    )


def _granted(request: HttpRequest, response: HttpResponse, seen: AttemptWatch) -> TokenGrant:
    """The token the answer grants, or the `PatsnapError` it stands for, and nothing else."""
    return _read(
        request.method,
        request.path,
        response,
        seen,
        lambda: parse_token_grant(response.status, response.body),
    )


def _read(
    method: str, path: str, response: HttpResponse, seen: AttemptWatch, read: Callable[[], T]
) -> T:
    """What `read` makes of the answer, or the `PatsnapError` it stands for, and nothing
    else; either is told to `seen`."""
    try:
        value = read()
    except PatsnapError as error:
        seen.answered(response, error)
        raise
    except Exception as error:  # a bug of ours must still not escape as a raw error
        unreadable = _unreadable(method, path, error)
        seen.answered(response, unreadable)
        raise unreadable from error
    seen.answered(response, None)
    return value


def _unreadable(method: str, path: str, error: Exception) -> MalformedResponseError:
    return MalformedResponseError(
        None,
        f"{method} {path}: the answer could not be read ({type(error).__name__})",
        retryable=False,
    )


def _loop_time() -> float:
    return asyncio.get_running_loop().time()
