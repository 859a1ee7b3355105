"""The two ways to authenticate, and the token cache of the client-credentials scheme.

* API key: a dashboard key (`sk-...`) sent as `Authorization: Bearer <key>`; nothing to
  exchange, nothing to refresh.
* Client credentials: `client_id` and `client_secret` buy a token at `/oauth/token`. The
  token is cached and bought again ahead of its expiry; however many requests wait for
  a new one, exactly one purchase is in flight. Every business call also carries the
  query parameter `apikey=<client_id>`.

No secret or token appears in a repr, a log line or an exception message, and none is
held in a plain `str`: each is a `Secret` (repr `'***'`), also inside the headers and
parameters built here, so that a traceback recording its frames' locals (an error
tracker, `pytest -l`) records none.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import time
from collections.abc import Awaitable, Callable

import attrs

from ._protocol import TokenGrant
from ._secret import Secret
from ._transports.base import HttpRequest

__all__ = ["ApiKey", "ClientCredentials", "Credentials", "TokenCache"]

log = logging.getLogger("patsnap_async")


@attrs.frozen
class ApiKey:
    """A dashboard API key, sent as the bearer token of every call."""

    key: Secret = attrs.field(repr=False, converter=Secret)

    @property
    def kind(self) -> str:
        return "api-key"

    def token_request(self, url: str) -> HttpRequest | None:
        """None: an API key is sent as it is, no token to buy."""
        return None

    def apply(self, request: HttpRequest, token: str | None) -> HttpRequest:
        """`request` carrying the key as its bearer token."""
        return attrs.evolve(
            request, headers={**request.headers, "Authorization": Secret(f"Bearer {self.key}")}
        )


@attrs.frozen
class ClientCredentials:
    """An enterprise client id and secret, exchanged for a 30-minute token."""

    # The client id travels as `apikey=` in every URL: hidden like the secret.
    client_id: Secret = attrs.field(repr=False, converter=Secret)
    client_secret: Secret = attrs.field(repr=False, converter=Secret)

    @property
    def kind(self) -> str:
        return "client-credentials"

    def token_request(self, url: str) -> HttpRequest | None:
        """The request that buys a token at `url` (HTTP Basic, client_credentials grant)."""
        pair = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode())
        return HttpRequest(
            "POST",
            url,
            headers={"Authorization": Secret("Basic " + pair.decode("ascii"))},
            data={"grant_type": "client_credentials"},
        )

    def apply(self, request: HttpRequest, token: str | None) -> HttpRequest:
        """`request` carrying `token` as its bearer token and `apikey=<client_id>`."""
        return attrs.evolve(
            request,
            params={**request.params, "apikey": self.client_id},
            headers={**request.headers, "Authorization": Secret(f"Bearer {token}")},
        )


Credentials = ApiKey | ClientCredentials


@attrs.define
class _Token:
    value: Secret = attrs.field(repr=False)
    refresh_at: float


class TokenCache:
    """Holds the current token and buys a new one, once, when it is due.

    Args:
        fetch: buys a token (one HTTP call to `/oauth/token`, paced like any other).
        clock: monotonic seconds; injectable for tests.
    """

    def __init__(
        self,
        fetch: Callable[[], Awaitable[TokenGrant]],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self._clock = clock
        self._token: _Token | None = None
        self._refresh: asyncio.Task[_Token] | None = None

    def __repr__(self) -> str:
        state = "no token" if self._token is None else "token cached"
        return f"<TokenCache {state}>"

    async def get(self) -> Secret:
        """The current token, buying one first if there is none or it is due."""
        token = self._token
        if token is not None and self._clock() < token.refresh_at:
            return token.value
        if self._refresh is None:
            self._refresh = asyncio.get_running_loop().create_task(self._buy())
            self._refresh.add_done_callback(self._refresh_done)
        # shield: a waiter that is cancelled must not cancel the purchase the others share.
        return (await asyncio.shield(self._refresh)).value

    def invalidate(self, value: str) -> bool:
        """Forget `value` if it is still the cached token; True when it was.

        Many requests fail together when a token expires on the server; only the first
        of them drops it, so the refresh that follows is shared rather than repeated.
        """
        if self._token is not None and self._token.value == value:
            self._token = None
            return True
        return False

    async def aclose(self) -> None:
        """Cancel a purchase still in flight."""
        task, self._refresh = self._refresh, None
        if task is not None and not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def _buy(self) -> _Token:
        started = self._clock()
        log.debug("requesting an access token")
        grant = await self._fetch()
        # Refresh a tenth of the lifetime early (at most a minute), counted from when we
        # asked: the platform's clock and the network delay can only make it live shorter.
        margin = min(60.0, grant.expires_in / 10)
        token = _Token(value=grant.token, refresh_at=started + grant.expires_in - margin)
        self._token = token
        log.debug("access token cached; refresh in %.0f s", token.refresh_at - started)
        return token

    def _refresh_done(self, task: asyncio.Task[_Token]) -> None:
        if self._refresh is task:
            self._refresh = None
        # Retrieve the outcome so that a purchase nobody waits for any more (all its
        # waiters were cancelled) does not warn "exception was never retrieved".
        if not task.cancelled():
            task.exception()
