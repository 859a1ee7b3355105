"""`MockTransport`: answer a client's requests from a function, with no network."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable

from .._errors import ClientClosedError
from .._transports.base import HttpRequest, HttpResponse

__all__ = ["MockTransport"]

Handler = Callable[[HttpRequest], HttpResponse | Awaitable[HttpResponse]]


class MockTransport:
    """A transport that hands every request to `handler` and returns what it answers.

    Pass it as `PatsnapClient(transport=MockTransport(handler))`. The handler takes the
    `HttpRequest` the client would send (method, url, params, headers, JSON body) and
    returns an `HttpResponse`, directly or from a coroutine; it may raise
    `TransportError` or `APITimeoutError` to stand for a network failure. The request
    counts as sent when the handler is called. Every request is also kept, in order,
    in `requests`.

    Args:
        handler: answers one request.
    """

    def __init__(self, handler: Handler) -> None:
        if not callable(handler):
            raise TypeError(f"handler must be callable, got {type(handler).__name__}")
        self.handler = handler
        self.requests: list[HttpRequest] = []
        self.closed = False

    def __repr__(self) -> str:
        return f"<MockTransport {len(self.requests)} requests>"

    async def send(self, request: HttpRequest) -> HttpResponse:
        """Call the handler with `request`; its answer."""
        if self.closed:
            raise ClientClosedError()
        request.sent(asyncio.get_running_loop().time())
        self.requests.append(request)
        answer = self.handler(request)
        if inspect.isawaitable(answer):
            answer = await answer
        if not isinstance(answer, HttpResponse):
            raise TypeError(f"the handler must return an HttpResponse, got {answer!r}")
        return answer

    async def aclose(self) -> None:
        """Refuse requests from now on."""
        self.closed = True
