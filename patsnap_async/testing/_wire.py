"""The emulator's answers on the wire: envelopes, errors, faults, token answers.

Functions of their arguments, shared by the emulator's steps; `_emulator.py` decides
which one a request gets.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, Final
from urllib.parse import parse_qsl

import attrs
from aiohttp import BodyPartReader, web

from . import _codes
from . import _endpoints as ep
from ._faults import ODD_KINDS, Fault, odd_body
from ._log import Served

_REDACTED: Final = "<redacted>"
_SENSITIVE_KEYS: Final = ("secret", "token", "password")


@attrs.define
class Pending:
    """What is known so far about the request being answered; frozen into a Served."""

    time: float
    method: str
    path: str
    query: dict[str, str]
    auth: str
    apikey: str | None
    body: Any = None
    ids: tuple[str, ...] = ()
    http_status: int = 0
    error_code: int = 0
    fault: str | None = None
    result_count: int = 0

    def freeze(self) -> Served:
        """Return the log entry."""
        return Served(**attrs.asdict(self, recurse=False))


def redact(values: Mapping[str, Any]) -> dict[str, Any]:
    """Copy *values*, hiding any value whose key mentions a secret or token."""
    return {
        key: _REDACTED if any(word in key.lower() for word in _SENSITIVE_KEYS) else value
        for key, value in values.items()
    }


def first_values(query: Mapping[str, str]) -> dict[str, str]:
    """Return the first value of each query parameter."""
    values: dict[str, str] = {}
    for key, value in query.items():
        values.setdefault(key, value)
    return values


async def read_body(request: web.Request) -> tuple[Any, bool]:
    """Return ``(body, readable)``: parsed JSON, form fields or None, and False if unparsable.

    A ``multipart/form-data`` body gives its fields: text as text, a file as
    ``{"filename": ..., "size": ...}``.
    """
    if request.content_type == "multipart/form-data":
        try:
            return await _multipart(request), True
        except (ValueError, web.HTTPException):
            return None, False
    raw = await request.read()
    if not raw.strip():
        return None, True
    if request.content_type == "application/x-www-form-urlencoded":
        return dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True)), True
    try:
        return json.loads(raw), True
    except ValueError:
        return None, False


async def _multipart(request: web.Request) -> dict[str, Any]:
    """The fields of a ``multipart/form-data`` body."""
    fields: dict[str, Any] = {}
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name is None:
            continue  # a nested multipart: no parameter of the platform's
        content = await part.read()
        if part.filename:
            fields[part.name] = {"filename": part.filename, "size": len(content)}
        else:
            fields[part.name] = content.decode("utf-8", "replace")
    return fields


def json_response(
    pending: Pending,
    payload: Any,
    *,
    http_status: int = 200,
    error_code: int = 0,
    result_count: int = 0,
) -> web.Response:
    """Answer *payload* as JSON and record the outcome in *pending*."""
    pending.http_status = http_status
    pending.error_code = error_code
    pending.result_count = result_count
    text = json.dumps(payload, ensure_ascii=False)
    return web.Response(status=http_status, text=text, content_type="application/json")


def error_response(pending: Pending, code: int, *, http_status: int = 200) -> web.Response:
    """Answer the platform's error envelope for *code*."""
    payload = {"status": False, "error_code": code, "error_msg": _codes.message_for(code)}
    return json_response(pending, payload, http_status=http_status, error_code=code)


def success_response(pending: Pending, answer: ep.Answer) -> web.Response:
    """Answer the platform's success envelope around *answer* (beside it, if flat)."""
    if answer.flat and isinstance(answer.data, dict):
        payload = {**answer.data, "status": True, "error_code": 0}
    else:
        payload = {"data": answer.data, "status": True, "error_code": 0}
    return json_response(pending, payload, result_count=answer.result_count)


def stream_response(pending: Pending, stream: ep.EventStream) -> web.Response:
    """Answer *stream* as ``text/event-stream``: one ``data:`` event a success envelope."""
    pending.http_status = 200
    pending.result_count = len(stream.events)
    text = "".join(
        "data: "
        + json.dumps({"data": data, "status": True, "error_code": 0}, ensure_ascii=False)
        + "\n\n"
        for data in stream.events
    )
    return web.Response(text=text, content_type="text/event-stream")


def gateway_page(status: int) -> str:
    """Return the HTML page a gateway sends with a bare HTTP error."""
    try:
        title = f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        title = f"{status} Error"
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>"


def basic_credentials(encoded: str) -> tuple[str, str] | None:
    """Return ``(login, password)`` of an HTTP Basic credential, or None if garbled."""
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    login, colon, password = decoded.partition(":")
    return (login, password) if colon else None


def url_host(host: str) -> str:
    """Return *host* as it appears in a URL (IPv6 addresses bracketed)."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def token_payload(token: str, ttl: float, style: str) -> dict[str, Any]:
    """Return the token answer in *style*."""
    # Whole seconds like the platform; sub-second test TTLs stay visible as floats.
    expires_in: float = int(ttl) if ttl == int(ttl) else ttl
    if style == "nested":
        return {
            "status": True,
            "error_code": 0,
            "data": {"token": token, "expires_in": expires_in},
        }
    key = "access_token" if style == "access_token" else "token"
    return {
        key: token,
        "token_type": "BearerToken",
        "expires_in": str(expires_in) if style == "string_expires" else expires_in,
        "status": "approved",
        "issued_at": str(int(time.time() * 1000)),
    }


def fault_response(
    request: web.Request,
    pending: Pending,
    fault: Fault,
    retry_after: float | None,
    *,
    array: bool | None = None,
) -> web.Response:
    """Answer a request with *fault* instead of its normal answer.

    *array*: whether the endpoint's ``data`` is an array (None: as ``odd_body`` knows).
    """
    pending.fault = fault.kind
    if fault.kind == "drop":
        # Close the socket before answering: the client sees ServerDisconnected,
        # and aiohttp quietly discards the response returned below.
        if request.transport is not None:
            request.transport.close()
        return web.Response()
    pending.http_status = fault.http_status
    if fault.kind in ODD_KINDS:
        body, headers = odd_body(fault.kind, pending.path, array=array)
        return web.Response(
            status=fault.http_status,
            body=body,
            headers=headers,
            content_type="application/json",
        )
    if fault.error_code is None:
        page = gateway_page(fault.http_status)
        response = web.Response(status=fault.http_status, text=page, content_type="text/html")
    else:
        response = error_response(pending, fault.error_code, http_status=fault.http_status)
    if fault.http_status == 429 and retry_after is not None:
        response.headers["Retry-After"] = f"{retry_after:g}"
    return response
