"""The seam between the session and the network: one HTTP exchange, as data.

The session describes each attempt as an `HttpRequest` and hands it to a `Transport`
with the limiter's ticket; the transport sends it, stamps the ticket when the request
is really on the wire, and returns the whole answer as an `HttpResponse`. It turns
network failures into `TransportError` or `APITimeoutError` and nothing else: what the
status and body mean is for the protocol layer. `patsnap_async._transports.aiohttp`
is the transport of every client; `patsnap_async.testing.MockTransport` answers from
a function, for tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable
from urllib.parse import urlsplit

import attrs

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "HttpRequest", "HttpResponse", "Ticket", "Transport"]

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
        data: a form body (the token purchase), or None.
        timeout: seconds the whole exchange may take; None: no limit of ours.
    """

    method: str
    url: str
    params: Mapping[str, str] = attrs.field(factory=dict)
    headers: Mapping[str, str] = attrs.field(factory=dict, repr=False)  # may carry secrets
    json: Any = None
    data: Mapping[str, str] | None = attrs.field(default=None, repr=False)
    timeout: float | None = None

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


class Ticket(Protocol):
    """What the transport may tell the limiter: when the request was on the wire."""

    def left(self, at: float) -> None:
        """The request was written at `at` (the event loop's clock)."""


@runtime_checkable
class Transport(Protocol):
    """Sends one `HttpRequest` and returns its `HttpResponse`; pass one as `transport=`."""

    async def send(self, request: HttpRequest, ticket: Ticket | None) -> HttpResponse:
        """Send `request`; stamp `ticket` (when given) once it is on the wire.

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
