"""The session: the only code that touches aiohttp, the pacer, the clock and the token.

Data flows one way: a resource builds a `Request` (pure), `Session.call` paces,
authenticates, sends and retries it, and `decipher_response` (pure) turns the answer
into `data` or an exception. This module owns the one retry loop of the package:
nothing above it retries, so retries never multiply.

Order inside one attempt, and why:
1. a connection slot (`max_concurrency`), so that a request admitted by the pacer is
   sent at once instead of queueing behind slow answers and bunching up later;
2. the token, taken only once the slot is held: a request that waited minutes for
   its slot must not carry a token that expired meanwhile. Buying one is an HTTP
   attempt of its own that takes no slot, so it never waits behind the requests
   that want it (they hold the slots);
3. the pacer, then the send. On the client's own aiohttp session, the request tells
   the pacer when it was actually written, which is later than its admission when a
   connection had to be opened first or the event loop was busy.
"""

from __future__ import annotations

import asyncio
import base64
import builtins
import contextvars
import logging
from collections.abc import Iterator, Mapping
from typing import Any

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


@attrs.define
class ClientStats:
    """Counters of what the client sent, for summaries and tests.

    Attributes:
        requests: HTTP attempts sent (first tries, retries, replays and token calls).
        retries: attempts that were a retry after a retryable failure.
        token_requests: calls to `/oauth/token`.
        rate_limited: 67200002 / HTTP 429 answers received.
        billed_results: records returned by batch calls (PatSnap bills each one).
        accepted_qps: the rate the platform accepted, when the pacer found it lower than
            the configured qps; None otherwise.
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
        replayed = False
        while True:
            token: str | None = None
            try:
                async with self._slots:
                    token = await self._tokens.get() if self._tokens is not None else None
                    status, body = await self._send(request, token)
                return decipher_response(status, body, request.expect)
            except PatsnapError as error:
                if not replayed and self._token_went_stale(error, token):
                    replayed = True
                    log.debug("%s %s: token refused (%s); refreshing once", *_what(request, error))
                    continue
                # A refused fresh token raises; once a token got past the server's auth
                # check, a later refusal (it expired while we retried) may refresh again.
                replayed = replayed and isinstance(error, AuthenticationError)
                if isinstance(error, RateLimitError):
                    self.stats.rate_limited += 1
                    self.pacer.slow_down()
                error.attempts = retries + 1
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

    def _token_went_stale(self, error: PatsnapError, token: str | None) -> bool:
        """A refused token is dropped and the request replayed once with a fresh one."""
        if token is None or self._tokens is None or not isinstance(error, AuthenticationError):
            return False
        if error.code not in _STALE_TOKEN_CODES and error.http_status != 401:
            return False
        self._tokens.invalidate(token)
        return True

    async def _send(self, request: Request, token: str | None) -> tuple[int, bytes]:
        params: Mapping[str, str] = request.params
        headers = None
        if isinstance(self.credentials, ClientCredentials):
            params = {**params, "apikey": self.credentials.client_id}
            headers = {"Authorization": f"Bearer {token}"}
        return await self._exchange(
            request.method, request.path, params=params, json=request.json, headers=headers
        )

    async def _fetch_token(self) -> TokenGrant:
        assert isinstance(self.credentials, ClientCredentials)
        self.stats.token_requests += 1
        status, body = await self._exchange(
            "POST",
            self._token_path,
            data={"grant_type": "client_credentials"},
            headers={"Authorization": _basic(self.credentials)},
        )
        return parse_token_grant(status, body)

    async def _exchange(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> tuple[int, bytes]:
        """One HTTP attempt: the pacer, the request, the whole body.

        The caller holds a connection slot, except when this buys a token. `headers` go
        on top of the fixed ones (user agent, API key).
        """
        http = self._session()
        if not self._owns_http:
            headers = {**self._fixed_headers, **(headers or {})}
        departure = None
        if isinstance(self.pacer, Pacer) and self._owns_http:
            departure = await self.pacer.admit()
            departing = _departure.set(departure)
        else:
            await self.pacer.acquire()
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
            ) as response:
                return response.status, await _read_capped(response, self._max_body)
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
            if departure is not None:
                _departure.reset(departing)
                departure.settle()

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


def _what(request: Request, error: BaseException) -> tuple[str, str, str]:
    return request.method, request.path, describe(error)
