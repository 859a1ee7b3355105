"""The session: the only code that touches aiohttp, the pacer, the clock and the token.

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
4. the send. On the client's own aiohttp session, the request tells the pacer when it
   was actually written, which is later than its admission when a connection had to
   be opened first or the event loop was busy.

A 67200002 (or HTTP 429) is the platform pacing us, not a failure of the call: the
pacer learns from it, and the request is sent again without counting against
`max_retries` (up to `MAX_RATE_LIMITED` times, so that nothing loops forever). An HTTP
429's `Retry-After` holds the whole pacer. Redirects are not followed: each hop would
be an unpaced request carrying the token.
"""

from __future__ import annotations

import asyncio
import base64
import builtins
import contextvars
import email.utils
import logging
import math
import time
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import aiohttp
import attrs
from aiohttp.connector import Connection

from ._auth import ClientCredentials, Credentials, TokenCache
from ._errors import (
    APITimeoutError,
    AuthenticationError,
    MalformedResponseError,
    PatsnapError,
    RateLimitError,
    TransportError,
)
from ._pacing import Departure, Limiter, Pacer
from ._protocol import Request, TokenGrant, decipher_response, parse_token_grant
from ._retry import RetryPolicy, describe, should_retry
from ._version import __version__

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "ClientStats", "Session"]

log = logging.getLogger("patsnap_async")

USER_AGENT = f"patsnap-async/{__version__}"

#: The most bytes an answer's body may inflate to (64 MiB): a full batch of 100 records
#: is well under 1 MiB, so only a broken or hostile answer comes near it.
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024

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
        pacer: admits every HTTP attempt.
        max_concurrency: HTTP attempts in flight at once.
        retry: the retry policy.
        timeout: seconds one attempt may take in total.
        token_path: where client credentials are exchanged for a token.
        session: a caller's aiohttp session, used and never closed.
        max_response_bytes: the most bytes a body may hold once decompressed.
    """

    def __init__(
        self,
        *,
        base_url: str,
        credentials: Credentials,
        pacer: Limiter,
        max_concurrency: int,
        retry: RetryPolicy,
        timeout: float,
        token_path: str = "/oauth/token",
        session: aiohttp.ClientSession | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.credentials = credentials
        self.pacer = pacer
        self.retry = retry
        self.stats = ClientStats()
        self.max_concurrency = max_concurrency
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._max_body = max_response_bytes
        self._token_path = token_path
        self._slots = asyncio.Semaphore(max_concurrency)
        self._http = session
        self._owns_http = session is None
        self._closed = False
        self._tokens = (
            TokenCache(self._fetch_token) if isinstance(credentials, ClientCredentials) else None
        )
        # The headers every request carries: our own session's defaults, so that aiohttp
        # does not merge them into each request again; added to each request on a
        # caller's session.
        self._fixed_headers = {"User-Agent": USER_AGENT}
        if not isinstance(credentials, ClientCredentials):
            self._fixed_headers["Authorization"] = f"Bearer {credentials.key}"

    def __repr__(self) -> str:
        return f"<Session {self.base_url} {self.credentials.kind}>"

    async def call(self, request: Request) -> Any:
        """Send `request` until it succeeds or fails for good; return the answer's `data`."""
        bounds: Iterator[float] | None = None  # the backoff schedule, made on a first retry
        retries = 0
        rate_limited = 0
        replayed = False
        again = False  # not a first try: goes first in the pacer
        while True:
            token: str | None = None
            departure: Departure | None = None
            sent = False  # else the token purchase failed, and reported its own refusal
            try:
                async with self._slots:
                    departure = await self._admit(priority=again)
                    try:
                        token = await self._tokens.get() if self._tokens is not None else None
                        sent = True
                        status, body = await self._send(request, token, departure)
                    finally:
                        if departure is not None:
                            departure.settle()
                return decipher_response(status, body, request.expect)
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
                if isinstance(error, RateLimitError) and sent:
                    self._rate_limited(error, departure)
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
                    await self.retry.sleep(wait)
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
                await self.retry.sleep(wait)

    async def _admit(self, *, priority: bool) -> Departure | None:
        """Wait for the pacer; its log entry for this attempt when it keeps one."""
        if isinstance(self.pacer, Pacer):
            return await self.pacer.admit(priority=priority)
        await self.pacer.acquire()
        return None

    def _rate_limited(self, error: RateLimitError, departure: Departure | None) -> None:
        """Tell the pacer the platform refused an attempt for pacing."""
        self.stats.rate_limited += 1
        if isinstance(self.pacer, Pacer):
            if error.retry_after is not None:
                self.pacer.pause(error.retry_after)
            if departure is not None:
                self.pacer.rejected(departure)
            self.stats.accepted_qps = self.pacer.accepted_qps
        else:
            self.pacer.slow_down()

    def _token_went_stale(self, error: PatsnapError, token: str | None) -> bool:
        """A refused token is dropped and the request replayed once with a fresh one."""
        if token is None or self._tokens is None or not isinstance(error, AuthenticationError):
            return False
        if error.code not in _STALE_TOKEN_CODES and error.http_status != 401:
            return False
        self._tokens.invalidate(token)
        return True

    async def _send(
        self, request: Request, token: str | None, departure: Departure | None
    ) -> tuple[int, bytes]:
        params: Mapping[str, str] = request.params
        headers = None
        if isinstance(self.credentials, ClientCredentials):
            params = {**params, "apikey": self.credentials.client_id}
            headers = {"Authorization": f"Bearer {token}"}
        return await self._exchange(
            request.method,
            request.path,
            departure,
            params=params,
            json=request.json,
            headers=headers,
        )

    async def _fetch_token(self) -> TokenGrant:
        assert isinstance(self.credentials, ClientCredentials)
        self.stats.token_requests += 1
        departure = await self._admit(priority=True)
        try:
            status, body = await self._exchange(
                "POST",
                self._token_path,
                departure,
                data={"grant_type": "client_credentials"},
                headers={"Authorization": _basic(self.credentials)},
            )
            return parse_token_grant(status, body)
        except RateLimitError as error:
            self._rate_limited(error, departure)
            raise
        finally:
            if departure is not None:
                departure.settle()

    async def _exchange(
        self,
        method: str,
        path: str,
        departure: Departure | None,
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> tuple[int, bytes]:
        """One HTTP attempt the pacer admitted: the request, the whole body.

        The caller holds a connection slot, except when this buys a token. `headers` go
        on top of the fixed ones (user agent, API key). `departure` is the pacer's log
        entry, moved to when the request is written on our own session.
        """
        http = self._session()
        if not self._owns_http:
            headers = {**self._fixed_headers, **(headers or {})}
        departing = _departure.set(departure if self._owns_http else None)
        self.stats.requests += 1
        log.debug("%s %s (attempt #%d)", method, path, self.stats.requests)
        try:
            async with http.request(
                method,
                self.base_url + path,
                params=params,
                json=json,
                data=data,
                headers=headers,
                timeout=self._timeout,
                allow_redirects=False,
            ) as response:
                if 300 <= response.status < 400:
                    raise _redirected(method, path, response.status, response.headers)
                body = await _read_capped(response, self._max_body)
                if response.status == 429:
                    raise _too_many(response.status, body, response.headers.get("Retry-After"))
                return response.status, body
        except builtins.TimeoutError as exc:
            raise APITimeoutError(
                f"{method} {path}: no complete answer within {self._timeout.total} s"
            ) from exc
        except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError) as exc:
            raise TransportError(f"{method} {path}: {type(exc).__name__}: {exc}") from exc
        except aiohttp.ClientError as exc:
            raise TransportError(
                f"{method} {path}: {type(exc).__name__}: {exc}", retryable=False
            ) from exc
        finally:
            _departure.reset(departing)

    def _session(self) -> aiohttp.ClientSession:
        if self._closed:
            raise RuntimeError("the client is closed")
        if self._http is None:
            connector = aiohttp.TCPConnector(limit=self.max_concurrency)
            self._http = aiohttp.ClientSession(
                connector=connector, headers=self._fixed_headers, request_class=_DepartingRequest
            )
            # aiohttp silently sends an idempotent request again when a kept-alive
            # connection turns out to be closed. That resend would pass no pacer and no
            # retry policy, so our own session leaves every resend to the retry loop.
            if hasattr(self._http, "_retry_connection"):
                self._http._retry_connection = False
        return self._http

    async def aclose(self) -> None:
        """Close the aiohttp session if we opened it; a caller's session is left open."""
        if self._closed:
            return
        self._closed = True
        if self._tokens is not None:
            await self._tokens.aclose()
        if self._owns_http and self._http is not None:
            await self._http.close()


#: The pacer's log entry of the attempt this task is about to send (see `_exchange`).
_departure: contextvars.ContextVar[Departure | None] = contextvars.ContextVar(
    "patsnap_async_departure", default=None
)


class _DepartingRequest(aiohttp.ClientRequest):
    """Tells the pacer when the request is written, not when it was admitted.

    `send` runs once a connection is ready: a GET is written right there, and a body
    (a POST's JSON) by a task of its own, which may run a loop turn later. An aiohttp
    `TraceConfig` would say the same, at the price of about 35 us a request.
    """

    async def send(self, conn: Connection) -> aiohttp.ClientResponse:
        departure = _departure.get()
        if departure is None:
            return await super().send(conn)
        _departure.set(None)  # one entry, one request (a redirect is another one)
        loop = asyncio.get_running_loop()
        departure.left(loop.time())
        response = await super().send(conn)
        body_writer = getattr(self, "_writer", None)
        if isinstance(body_writer, asyncio.Task) and not body_writer.done():
            body_writer.add_done_callback(lambda _: departure.left(loop.time()))
        return response


async def _read_capped(response: aiohttp.ClientResponse, limit: int) -> bytes:
    """The decoded body, read as it arrives; past `limit` bytes, the answer is refused.

    Reading chunk by chunk keeps a small gzip body that inflates to gigabytes from
    ever being held whole (a chunk inflates to at most about a thousand times its size).
    """
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_any():
        size += len(chunk)
        if size > limit:
            raise MalformedResponseError(
                None,
                f"{response.method} {response.url.path}: the answer is larger than "
                f"max_response_bytes={limit} once decompressed; refused",
                http_status=response.status,
                retryable=False,
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _basic(credentials: ClientCredentials) -> str:
    pair = f"{credentials.client_id}:{credentials.client_secret}".encode()
    return "Basic " + base64.b64encode(pair).decode("ascii")


def _redirected(method: str, path: str, status: int, headers: Mapping[str, str]) -> TransportError:
    """A 3xx as an error naming where it pointed, without a query that may carry a key."""
    location = headers.get("Location", "")
    parts = urlsplit(location)
    shown = urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")) or "nowhere"
    return TransportError(
        f"{method} {path}: HTTP {status} redirect to {shown} not followed "
        "(PatSnap's API does not redirect; check base_url)",
        retryable=False,
    )


def _too_many(status: int, body: bytes, retry_after: str | None) -> PatsnapError:
    """An HTTP 429 as its error, carrying the seconds `Retry-After` asked for."""
    try:
        decipher_response(status, body)
    except RateLimitError as error:
        error.retry_after = _seconds(retry_after)
        return error
    except PatsnapError as error:
        return error
    return RateLimitError(429, "too many requests", http_status=status)  # pragma: no cover


def _seconds(retry_after: str | None) -> float | None:
    """`Retry-After` in seconds from now: a number of seconds or an HTTP date."""
    if retry_after is None:
        return None
    value = retry_after.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - time.time()
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _what(request: Request, error: BaseException) -> tuple[str, str, str]:
    return request.method, request.path, describe(error)
