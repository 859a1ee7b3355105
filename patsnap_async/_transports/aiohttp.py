"""The aiohttp transport: the only module of the package that imports aiohttp.

It owns the `ClientSession` it opens (or uses a caller's, never closing it), the
connector and its limit, the fixed headers, the capped read of a body, and the
mapping of aiohttp's exceptions to `TransportError` and `APITimeoutError`. Redirects
are not followed: each hop would be an unpaced request carrying the token; the
protocol layer turns the 3xx into an error.

The moment a request is written reaches its `on_sent` hook through aiohttp's public
tracing (`TraceConfig.on_request_headers_sent`, the request riding in its
`trace_request_ctx`); it costs about 60 µs of CPU a request (benchmarks/README.md,
the overhead of one id a request).
One private switch has no public twin: `ClientSession._retry_connection`, which stops
aiohttp from resending an idempotent request on its own, unpaced, when a kept-alive
connection turns out to be closed. It is set where it exists, and
`tests/test_transport_aiohttp.py` fails the day aiohttp renames or drops it.
"""

from __future__ import annotations

import asyncio
import builtins
import types
from collections.abc import Mapping

import aiohttp

from .._errors import (
    APITimeoutError,
    ClientClosedError,
    ConfigurationError,
    MalformedResponseError,
    TransportError,
)
from .._version import __version__
from .base import DEFAULT_MAX_RESPONSE_BYTES, HttpRequest, HttpResponse

__all__ = ["USER_AGENT", "AiohttpTransport"]

USER_AGENT = f"patsnap-async/{__version__}"


class AiohttpTransport:
    """Sends requests with aiohttp, on its own session or on a caller's.

    Args:
        session: a caller's `aiohttp.ClientSession`, used and never closed. On it,
            aiohttp may resend a request once by itself, and `on_sent` is not called
            (the pacer counts the request from its admission).
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

    async def send(self, request: HttpRequest) -> HttpResponse:
        """Send `request`, calling its `on_sent` when it is written; the whole answer."""
        http = self._session()
        headers = request.headers
        if not self._owns_http:
            headers = {**self._fixed_headers, **headers}
        what = f"{request.method} {request.path}"
        timeout = aiohttp.ClientTimeout(total=request.timeout)
        try:
            async with http.request(
                request.method,
                request.url,
                params=request.params,
                json=request.json,
                data=_body(request.data),
                headers=headers,
                timeout=timeout,
                allow_redirects=False,
                trace_request_ctx={"request": request} if self._owns_http else None,
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

    def _session(self) -> aiohttp.ClientSession:
        if self._closed:
            raise ClientClosedError()
        if self._http is None:
            connector = aiohttp.TCPConnector(limit=self._max_connections)
            # The fixed headers as the session's defaults, so that aiohttp does not
            # merge them into each request again.
            self._http = aiohttp.ClientSession(
                connector=connector, headers=self._fixed_headers, trace_configs=[_SENT]
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


def _body(
    data: Mapping[str, str | tuple[str, bytes]] | None,
) -> Mapping[str, str] | aiohttp.FormData | None:
    """A form as aiohttp sends it: url-encoded, or multipart when it holds a file."""
    if data is None or not any(isinstance(v, tuple) for v in data.values()):
        return data  # type: ignore[return-value]
    form = aiohttp.FormData()
    for name, value in data.items():
        if isinstance(value, tuple):
            filename, content = value
            form.add_field(name, content, filename=filename)
        else:
            form.add_field(name, value)
    return form


async def _headers_sent(
    session: aiohttp.ClientSession,
    context: types.SimpleNamespace,
    params: aiohttp.TraceRequestHeadersSentParams,
) -> None:
    """The request is on the wire: tell its `on_sent` hook, with the loop's clock."""
    request = (context.trace_request_ctx or {}).get("request")
    if isinstance(request, HttpRequest):
        request.sent(asyncio.get_running_loop().time())


_SENT = aiohttp.TraceConfig()
# aiohttp 3.11's annotation of the signal's callbacks is wrong (fixed in later releases).
_SENT.on_request_headers_sent.append(_headers_sent)  # type: ignore[arg-type,unused-ignore]
_SENT.freeze()


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
