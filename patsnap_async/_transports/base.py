"""The seam between the session and the network: one HTTP exchange, as data.

The session describes each attempt as an `HttpRequest` and hands it to a `Transport`,
which sends it and returns the whole answer as an `HttpResponse`
(`send(request) -> response`, as httpx's `handle_async_request`). What rides along
travels on the request, not in the signature: `on_sent`, a hook the transport calls
when the request is really on the wire (httpx's `extensions["trace"]`), tells the
pacer when the request left, later than its admission when a connection had to be
opened first. A transport turns network failures into `TransportError` or
`APITimeoutError` and nothing else: what the status and body mean is for the protocol
layer. `_transports/aiohttp.py` is the transport of every client;
`patsnap_async.testing.MockTransport` answers from a function, for tests.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol, runtime_checkable
from urllib.parse import urlsplit

import attrs

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "HttpRequest",
    "HttpResponse",
    "Transport",
]

#: The most bytes an answer's body may inflate to (64 MiB): a full batch of 100 records
#: is well under 1 MiB, so only a broken or hostile answer comes near it.
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024


@attrs.frozen
class HttpRequest:
    """One HTTP request, ready to send.

    Attributes:
        method: `GET`, `POST`, ...
        url: the full URL, without the query string.
        params: the query parameters.
        headers: the request's own headers (the transport may add fixed ones, such as
            the user agent).
        json: the JSON body, or None.
        data: a form body (the token purchase), or None; with a `(filename, bytes)`
            value, a multipart body with that file.
        timeout: seconds the whole exchange may take; None: no limit of ours.
        on_sent: called with the event loop's time when the request is written (its
            headers sent); None: nobody asks.
    """

    method: str
    url: str
    params: Mapping[str, str] = attrs.field(factory=dict)
    headers: Mapping[str, str] = attrs.field(factory=dict, repr=False)  # may carry secrets
    json: Any = None
    data: Mapping[str, str | tuple[str, bytes]] | None = attrs.field(default=None, repr=False)
    timeout: float | None = None
    on_sent: Callable[[float], None] | None = attrs.field(default=None, repr=False, eq=False)

    def sent(self, at: float) -> None:
        """Tell `on_sent`, if anyone asked, that the request was written at `at`."""
        if self.on_sent is not None:
            self.on_sent(at)

    @property
    def path(self) -> str:
        """The URL's path, for messages (never the query, which may carry a key)."""
        return urlsplit(self.url).path


@attrs.frozen
class HttpResponse:
    """A whole HTTP answer: status, headers and the decoded body."""

    status: int
    # Left out of the repr: a token answer's body is the token, a header may be a cookie.
    headers: Mapping[str, str] = attrs.field(factory=dict, repr=False)
    body: bytes = attrs.field(default=b"", repr=False)


@runtime_checkable
class Transport(Protocol):
    """Sends one `HttpRequest` and returns its `HttpResponse`; pass one as `transport=`."""

    async def send(self, request: HttpRequest) -> HttpResponse:
        """Send `request`, calling `request.sent(loop.time())` once it is on the wire.

        Raises:
            TransportError: no answer (refused, dropped, unreadable); `retryable`
                says whether sending it again may help.
            APITimeoutError: no whole answer within `request.timeout`.
            MalformedResponseError: a body the transport refused to hold.
        """
        ...

    async def aclose(self) -> None:
        """Release what the transport opened (a caller's session stays open)."""
        ...
