"""The aiohttp transport: the only module of the package that imports aiohttp.

It owns the `ClientSession` it opens (or uses a caller's, never closing it), the
connector and its limit, the fixed headers, the capped read of a body, and the
mapping of aiohttp's exceptions to `TransportError` and `APITimeoutError`. Redirects
are not followed: each hop would be an unpaced request carrying the token; the
protocol layer turns the 3xx into an error.
"""

from __future__ import annotations

import asyncio
import builtins
import contextvars

import aiohttp
from aiohttp.connector import Connection

from .._errors import (
    APITimeoutError,
    ClientClosedError,
    ConfigurationError,
    MalformedResponseError,
    TransportError,
)
from .._transport import DEFAULT_MAX_RESPONSE_BYTES, HttpRequest, HttpResponse, Ticket
from .._version import __version__

__all__ = ["USER_AGENT", "AiohttpTransport"]

USER_AGENT = f"patsnap-async/{__version__}"


class AiohttpTransport:
    """Sends requests with aiohttp, on its own session or on a caller's.

    Args:
        session: a caller's `aiohttp.ClientSession`, used and never closed. On it,
            aiohttp may resend a request once by itself, and requests are not stamped
            when written (their ticket keeps the admission time).
        max_connections: the connector's limit of the session this transport opens.
        max_response_bytes: the most bytes a body may hold once decompressed.
    """

    def __init__(
        self,
        session: aiohttp.ClientSession | None = None,
        *,
        max_connections: int = 100,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        if session is not None and not isinstance(session, aiohttp.ClientSession):
            raise ConfigurationError(
                f"session must be an aiohttp.ClientSession, got {type(session).__name__}"
            )
        self._http = session
        self._owns_http = session is None
        self._max_connections = max_connections
        self._max_body = max_response_bytes
        self._closed = False
        self._fixed_headers = {"User-Agent": USER_AGENT}

    def __repr__(self) -> str:
        whose = "own session" if self._owns_http else "caller's session"
        return f"<AiohttpTransport {whose}>"

    async def send(self, request: HttpRequest, ticket: Ticket | None) -> HttpResponse:
        """Send `request`, stamping `ticket` when it is written; the whole answer."""
        http = self._session()
        headers = request.headers
        if not self._owns_http:
            headers = {**self._fixed_headers, **headers}
        departing = _ticket.set(ticket if self._owns_http else None)
        what = f"{request.method} {request.path}"
        timeout = aiohttp.ClientTimeout(total=request.timeout)
        try:
            async with http.request(
                request.method,
                request.url,
                params=request.params,
                json=request.json,
                data=request.data,
                headers=headers,
                timeout=timeout,
                allow_redirects=False,
            ) as response:
                body = await _read_capped(response, what, self._max_body)
                return HttpResponse(response.status, response.headers, body)
        except builtins.TimeoutError as exc:
            raise APITimeoutError(
                f"{what}: no complete answer within {request.timeout} s"
            ) from _detached(exc)
        except aiohttp.InvalidURL as exc:
            # The URL is built from a checked base_url and path: sending it again fails again.
            raise TransportError(f"{what}: invalid URL", retryable=False) from _detached(exc)
        except aiohttp.ClientResponseError as exc:
            # A garbled answer (bad status line, bad chunk size, a flood of headers): a
            # second try may get a whole one. Its text quotes the whole URL, query
            # (apikey) included: status and message only.
            raise TransportError(
                f"{what}: {type(exc).__name__}: {exc.status}, {str(exc.message)[:200]}"
            ) from _detached(exc)
        except aiohttp.ClientError as exc:
            text = str(exc)[:300]
            raise TransportError(f"{what}: {type(exc).__name__}: {text}") from _detached(exc)
        except RuntimeError as exc:  # "Session is closed": the client closed meanwhile
            if self._closed:
                raise ClientClosedError() from None
            raise TransportError(
                f"{what}: aiohttp could not send the request ({type(exc).__name__})",
                retryable=False,
            ) from _detached(exc)
        except (ValueError, TypeError, UnicodeError, OverflowError) as exc:
            # aiohttp refused to build or read the request (a header it will not send).
            # Not its text, which may quote a header's value.
            raise TransportError(
                f"{what}: aiohttp could not send the request ({type(exc).__name__})",
                retryable=False,
            ) from _detached(exc)
        finally:
            _ticket.reset(departing)

    def _session(self) -> aiohttp.ClientSession:
        if self._closed:
            raise ClientClosedError()
        if self._http is None:
            connector = aiohttp.TCPConnector(limit=self._max_connections)
            # The fixed headers as the session's defaults, so that aiohttp does not
            # merge them into each request again.
            self._http = aiohttp.ClientSession(
                connector=connector, headers=self._fixed_headers, request_class=_StampingRequest
            )
            # aiohttp silently sends an idempotent request again when a kept-alive
            # connection turns out to be closed. That resend would pass no pacer and no
            # retry policy, so our own session leaves every resend to the retry loop.
            if hasattr(self._http, "_retry_connection"):
                self._http._retry_connection = False
        return self._http

    async def aclose(self) -> None:
        """Close the aiohttp session if this transport opened it."""
        if self._closed:
            return
        self._closed = True
        if self._owns_http and self._http is not None:
            await self._http.close()


def _detached(error: BaseException) -> BaseException:
    """`error` without its traceback, to chain as a cause.

    Its frames are aiohttp's, whose locals hold the request's headers (the token) and
    URL (the `apikey`): a traceback recording locals would record them. The type and
    message say what went wrong.
    """
    return error.with_traceback(None)


#: The ticket of the request this task is about to send (see `send`).
_ticket: contextvars.ContextVar[Ticket | None] = contextvars.ContextVar(
    "patsnap_async_ticket", default=None
)


class _StampingRequest(aiohttp.ClientRequest):
    """Stamps the request's ticket when it is written, not when it was admitted.

    `send` runs once a connection is ready: a GET is written right there, and a body
    (a POST's JSON) by a task of its own, which may run a loop turn later. An aiohttp
    `TraceConfig` would say the same, at the price of about 35 us a request.
    """

    async def send(self, conn: Connection) -> aiohttp.ClientResponse:
        ticket = _ticket.get()
        if ticket is None:
            return await super().send(conn)
        _ticket.set(None)  # one ticket, one request
        loop = asyncio.get_running_loop()
        ticket.left(loop.time())
        response = await super().send(conn)
        body_writer = getattr(self, "_writer", None)
        if isinstance(body_writer, asyncio.Task) and not body_writer.done():
            body_writer.add_done_callback(lambda _: ticket.left(loop.time()))
        return response


async def _read_capped(response: aiohttp.ClientResponse, what: str, limit: int) -> bytes:
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
                f"{what}: the answer is larger than max_response_bytes={limit} once "
                "decompressed; refused",
                http_status=response.status,
                retryable=False,
            )
        chunks.append(chunk)
    return b"".join(chunks)
