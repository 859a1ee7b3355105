"""`PatsnapClient`: configuration, the session, and the endpoint families."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

import aiohttp
import attrs

from ._auth import ApiKey, ClientCredentials, Credentials
from ._errors import ConfigurationError
from ._pacing import MAX_MARGIN, Limiter, Pacer
from ._paths import Paths
from ._protocol import ParamValue, build_request
from ._resources import Patents, Search, Sequences
from ._retry import RetryPolicy
from ._session import ClientStats, Session

__all__ = ["DEFAULT_BASE_URL", "PatsnapClient"]

DEFAULT_BASE_URL = "https://connect.patsnap.com"
# The documented worst-case answer time; it sizes the default number of requests in
# flight (Q per second for 10 seconds), so that connections never cap the rate.
_MAX_RESPONSE_SECONDS = 10


class PatsnapClient:
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
        qps: the account's limit in requests per second; every HTTP attempt (first
            tries, retries, token calls) is paced under it. Default 5. Set too high,
            the client finds the rate the account accepts from the platform's
            67200002 answers, paces at it, logs a warning and reports it in
            `stats.accepted_qps`; rate-limited attempts never fail a call. Set too
            low, the client stays at it.
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

    Raises:
        ConfigurationError: no usable credentials, or a bad value (names the value).
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
        network_jitter: float = 0.0,
    ) -> None:
        credentials = _credentials(api_key, client_id, client_secret)
        base_url = _base_url(base_url or os.environ.get("PATSNAP_BASE_URL"))
        qps = _positive("qps", qps)
        if (
            isinstance(network_jitter, bool)
            or not isinstance(network_jitter, int | float)
            or not 0 <= network_jitter <= MAX_MARGIN
        ):
            raise ConfigurationError(
                f"network_jitter must be between 0 and {MAX_MARGIN} seconds, got {network_jitter!r}"
            )
        if max_concurrency is None:
            max_concurrency = max(10, math.ceil(qps * _MAX_RESPONSE_SECONDS))
        max_concurrency = _count("max_concurrency", max_concurrency, minimum=1)
        timeout = _positive("timeout", timeout)
        retry = retry or RetryPolicy()
        if max_retries is not None:
            retry = attrs.evolve(retry, max_retries=_count("max_retries", max_retries, minimum=0))
        if limiter is not None and not isinstance(limiter, Limiter):
            raise ConfigurationError(
                f"limiter must have acquire() and slow_down(), got {type(limiter).__name__}"
            )
        self._qps = qps
        if session is not None and not isinstance(session, aiohttp.ClientSession):
            raise ConfigurationError(
                f"session must be an aiohttp.ClientSession, got {type(session).__name__}"
            )
        self.paths = Paths.of(paths)
        self._session = Session(
            base_url=base_url,
            credentials=credentials,
            pacer=limiter if limiter is not None else Pacer(qps, jitter=network_jitter),
            max_concurrency=max_concurrency,
            retry=retry,
            timeout=timeout,
            session=session,
            token_path=self.paths.token,
        )
        self.search = Search(self)
        self.patents = Patents(self)
        self.sequences = Sequences(self)

    def __repr__(self) -> str:
        s = self._session
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
    def stats(self) -> ClientStats:
        """Counters of what this client has sent so far."""
        stats = self._session.stats
        if isinstance(self._session.pacer, Pacer):
            stats.accepted_qps = self._session.pacer.accepted_qps  # a probe may have moved it
        return stats

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, ParamValue | None] | None = None,
        json: Any = None,
    ) -> Any:
        """Call any endpoint, paced, authenticated and retried; return the answer's `data`.

        Every wrapped endpoint goes through here; it is public for endpoints this
        package does not wrap yet.

        Args:
            method: `GET` or `POST` (any HTTP method).
            path: the path below `base_url`, starting with `/`.
            params: query parameters; `None` values are left out.
            json: the JSON body.

        Raises:
            APIError: the platform answered with an error (a subclass per code family).
            TransportError: no usable answer after the retries.
        """
        return await self._session.call(build_request(method, path, params=params, json=json))

    async def close(self) -> None:
        """Close the HTTP session this client opened (a caller's session stays open)."""
        await self._session.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()


def _credentials(
    api_key: str | None, client_id: str | None, client_secret: str | None
) -> Credentials:
    """Explicit arguments first, then the environment; an API key wins over a pair."""
    if api_key is not None and (client_id is not None or client_secret is not None):
        raise ConfigurationError("pass either api_key or client_id/client_secret, not both")
    if api_key is not None:
        return ApiKey(_credential("api_key", api_key))
    if client_id is None and client_secret is None:
        env_key = os.environ.get("PATSNAP_API_KEY")
        if env_key:
            return ApiKey(env_key.strip())
    client_id = client_id if client_id is not None else os.environ.get("PATSNAP_CLIENT_ID")
    client_secret = (
        client_secret if client_secret is not None else os.environ.get("PATSNAP_CLIENT_SECRET")
    )
    if not client_id and not client_secret:
        raise ConfigurationError(
            "no credentials: pass api_key=, or client_id= and client_secret= "
            "(or set PATSNAP_API_KEY, or PATSNAP_CLIENT_ID and PATSNAP_CLIENT_SECRET)"
        )
    if not client_secret:
        raise ConfigurationError("client_id is set but client_secret is missing")
    if not client_id:
        raise ConfigurationError("client_secret is set but client_id is missing")
    return ClientCredentials(
        _credential("client_id", client_id), _credential("client_secret", client_secret)
    )


def _credential(name: str, value: object) -> str:
    # The value itself is never echoed: it may be a secret.
    if not isinstance(value, str) or not value.strip():
        raise ConfigurationError(f"{name} must be a non-empty string")
    if any(c.isspace() for c in value.strip()):
        raise ConfigurationError(f"{name} must not contain whitespace")
    return value.strip()


def _base_url(value: str | None) -> str:
    url = (value or DEFAULT_BASE_URL).strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigurationError(
            f"base_url must be an http(s) URL like {DEFAULT_BASE_URL!r}, got {value!r}"
        )
    if parts.query or parts.fragment:
        raise ConfigurationError(f"base_url must not carry a query or fragment, got {value!r}")
    return url


def _positive(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigurationError(f"{name} must be a positive number, got {value!r}")
    if not (math.isfinite(value) and value > 0):
        raise ConfigurationError(f"{name} must be a positive number, got {value!r}")
    return float(value)


def _count(name: str, value: object, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ConfigurationError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return value
