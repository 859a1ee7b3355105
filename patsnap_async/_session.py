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
4. the send, through the transport (`_transport.Transport`), which stamps the ticket
   when the request is actually written: later than its admission when a connection
   had to be opened first or the event loop was busy.

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
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import attrs

from ._auth import Credentials, TokenCache
from ._errors import AuthenticationError, PatsnapError, RateLimitError
from ._limiter import Limiter, Ticket, ticket_source
from ._protocol import Request, TokenGrant, decipher_response, parse_token_grant, screen_http
from ._retry import RetryPolicy, describe, should_retry
from ._transport import DEFAULT_MAX_RESPONSE_BYTES, HttpRequest, HttpResponse, Transport

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "ClientStats", "Session"]

log = logging.getLogger("patsnap_async")

# Codes after which a cached token is dropped and the request replayed once.
_STALE_TOKEN_CODES = frozenset({67200003, 67200009, None})
#: Rate-limited attempts of one call before it fails: a bound, not a policy (the pacer
#: adapts long before), so that a platform that never accepts does not loop forever.
MAX_RATE_LIMITED = 100


@attrs.define
class ClientStats:
    """Counters of what the client sent, for summaries and tests.

    Attributes:
        requests: HTTP attempts sent (first tries, retries, replays and token calls).
        retries: attempts that were a retry after a retryable failure.
        token_requests: calls to `/oauth/token`.
        rate_limited: 67200002 / HTTP 429 answers received.
        billed_results: records returned by batch calls (PatSnap bills each one).
        accepted_qps: requests per second the account was found to accept, when that
            is below the configured `qps` (the client paces at it); None otherwise.
    """

    requests: int = 0
    retries: int = 0
    token_requests: int = 0
    rate_limited: int = 0
    billed_results: int = 0
    accepted_qps: float | None = None


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
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.credentials = credentials
        self.pacer = pacer
        self.transport = transport
        self.retry = retry
        self.timeout = timeout
        self.stats = ClientStats()
        self.max_concurrency = max_concurrency
        self._acquire = ticket_source(pacer)
        self._slots = asyncio.Semaphore(max_concurrency)
        self._owner = True
        self._closed = False
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
        """Send `request` until it succeeds or fails for good; return the answer's `data`."""
        bounds: Iterator[float] | None = None  # the backoff schedule, made on a first retry
        retries = 0
        rate_limited = 0
        replayed = False
        again = False  # not a first try: goes first in the pacer
        while True:
            token: str | None = None
            ticket: Ticket | None = None
            sent = False  # else the token purchase failed, and reported its own refusal
            try:
                async with self._slots:
                    ticket = await self._acquire(again)
                    try:
                        token = await self._tokens.get() if self._tokens is not None else None
                        sent = True
                        response = await self._send(request, token, ticket)
                    finally:
                        ticket.settle()
                return decipher_response(response.status, response.body, request.expect)
            except PatsnapError as error:
                again = True
                if not replayed and self._token_went_stale(error, token):
                    replayed = True
                    log.debug("%s %s: token refused (%s); refreshing once", *_what(request, error))
                    continue
                # A refused fresh token raises; once a token got past the server's auth
                # check, a later refusal (it expired while we retried) may refresh again.
                replayed = replayed and isinstance(error, AuthenticationError)
                error.attempts = retries + rate_limited + 1
                if isinstance(error, RateLimitError) and error.retry_after is not None:
                    # Obeyed up to the policy's longest wait: a Retry-After of an hour
                    # would otherwise hold every request of the client for an hour.
                    longest = max(self.retry.max_delay, self.retry.rate_limit_delay)
                    error.retry_after = min(error.retry_after, longest)
                if isinstance(error, RateLimitError) and sent and ticket is not None:
                    self._rate_limited(error, ticket)
                if isinstance(error, RateLimitError) and self.retry.max_retries > 0:
                    if rate_limited >= MAX_RATE_LIMITED:
                        log.debug(
                            "%s %s: rate limited %d times, giving up",
                            request.method,
                            request.path,
                            rate_limited,
                        )
                        raise
                    rate_limited += 1
                    self.stats.retries += 1
                    wait = max(self.retry.rate_limit_delay, error.retry_after or 0.0)
                    log.debug(
                        "%s %s: rate limited (%d), again in %.2f s",
                        request.method,
                        request.path,
                        rate_limited,
                        wait,
                    )
                    await self.sleep(wait)
                    continue
                if not should_retry(error):
                    log.debug("%s %s: not retrying: %s", *_what(request, error))
                    raise
                if retries >= self.retry.max_retries:
                    log.debug(
                        "%s %s: giving up after %d retries: %s",
                        request.method,
                        request.path,
                        retries,
                        describe(error),
                    )
                    raise
                retries += 1
                self.stats.retries += 1
                bounds = bounds or self.retry.delays()
                wait = self.retry.wait_for(next(bounds), error)
                log.debug(
                    "%s %s: retry %d/%d in %.2f s after %s",
                    request.method,
                    request.path,
                    retries,
                    self.retry.max_retries,
                    wait,
                    describe(error),
                )
                await self.sleep(wait)

    def _rate_limited(self, error: RateLimitError, ticket: Ticket) -> None:
        """Tell the limiter the platform refused an attempt for pacing."""
        self.stats.rate_limited += 1
        ticket.rate_limited(error.retry_after)
        self.stats.accepted_qps = self.accepted_qps()

    def _token_went_stale(self, error: PatsnapError, token: str | None) -> bool:
        """A refused token is dropped and the request replayed once with a fresh one."""
        if token is None or self._tokens is None or not isinstance(error, AuthenticationError):
            return False
        if error.code not in _STALE_TOKEN_CODES and error.http_status != 401:
            return False
        self._tokens.invalidate(token)
        return True

    async def _send(self, request: Request, token: str | None, ticket: Ticket) -> HttpResponse:
        http = HttpRequest(
            request.method,
            self.base_url + request.path,
            params=request.params,
            json=request.json,
            timeout=self.timeout,
        )
        return await self._exchange(self.credentials.apply(http, token), ticket)

    async def _fetch_token(self) -> TokenGrant:
        assert self._token_request is not None
        self.stats.token_requests += 1
        ticket = await self._acquire(True)
        try:
            request = attrs.evolve(self._token_request, timeout=self.timeout)
            response = await self._exchange(request, ticket)
            return parse_token_grant(response.status, response.body)
        except RateLimitError as error:
            self._rate_limited(error, ticket)
            raise
        finally:
            ticket.settle()

    async def _exchange(self, request: HttpRequest, ticket: Ticket) -> HttpResponse:
        """One HTTP attempt the limiter admitted; a redirect or a 429 raises.

        The caller holds a connection slot, except when this buys a token.
        """
        if self._closed:
            raise RuntimeError("the client is closed")
        self.stats.requests += 1
        log.debug("%s %s (attempt #%d)", request.method, request.path, self.stats.requests)
        response = await self.transport.send(request, ticket)
        screen_http(request.method, request.path, response.status, response.headers, response.body)
        return response

    async def aclose(self) -> None:
        """Cancel a token purchase and close the transport (a copy closes nothing)."""
        if self._closed or not self._owner:
            return
        self._closed = True
        if self._tokens is not None:
            await self._tokens.aclose()
        await self.transport.aclose()


def _loop_time() -> float:
    return asyncio.get_running_loop().time()


def _what(request: Request, error: BaseException) -> tuple[str, str, str]:
    return request.method, request.path, describe(error)
