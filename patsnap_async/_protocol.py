"""PatSnap's wire protocol, with no I/O: build a request, decipher an answer.

Everything here is a pure function of its arguments, so it is tested on recorded bodies.
The session sends what `build_request` describes and hands what came back to
`decipher_response`, which either returns the envelope's `data` or raises the right
`APIError`. PatSnap reports most errors as HTTP 200 with `"status": false` and an
`error_code`, and some as a bare HTTP status: both are checked here, in one place.
"""

from __future__ import annotations

import email.utils
import json
import math
import time
from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import urlsplit, urlunsplit

import attrs

from ._errors import (
    APIError,
    AuthenticationError,
    MalformedResponseError,
    PatsnapError,
    RateLimitError,
    TransportError,
    error_for_code,
    error_for_status,
)

__all__ = [
    "ARRAY",
    "OBJECT",
    "Expect",
    "Request",
    "TokenGrant",
    "build_request",
    "decipher_response",
    "parse_token_grant",
    "retry_after_seconds",
    "screen_http",
]

ParamValue = str | int | float | bool

# Codes that mean "success" when they come with "status": true (the pages list 0 and 201).
_OK_CODES = frozenset({0, 200, 201})


@attrs.frozen
class Expect:
    """What an endpoint's `data` must be for its answer to say anything.

    An answer whose `data` is absent or of another shape says nothing about the ids or
    the page that were asked for: it is a malformed answer (retried), never "no
    records".

    Attributes:
        array: a JSON array (a batch's records, a submitted job); else a JSON object.
        keys: keys the object must carry with a non-null value (a page's `total`).
    """

    array: bool = False
    keys: tuple[str, ...] = ()

    def problem(self, data: Any) -> str | None:
        """What is wrong with `data` for this endpoint, or None when nothing is."""
        if self.array:
            return None if isinstance(data, list) else f"data is {_kind(data)}, not an array"
        if not isinstance(data, Mapping):
            return f"data is {_kind(data)}, not an object"
        absent = [key for key in self.keys if data.get(key) is None]
        return f"data carries no {', '.join(absent)}" if absent else None


#: `data` must be a JSON array.
ARRAY: Final = Expect(array=True)
#: `data` must be a JSON object.
OBJECT: Final = Expect()


@attrs.frozen
class Request:
    """One HTTP call, as data: method, path, query parameters, JSON body, expected data."""

    method: str
    path: str
    params: Mapping[str, str] = attrs.field(factory=dict)
    json: Any = None
    expect: Expect | None = None


def build_request(
    method: str,
    path: str,
    *,
    params: Mapping[str, ParamValue | None] | None = None,
    json: Any = None,
    expect: Expect | None = None,
) -> Request:
    """Describe a call to `path`; `None` parameters are left out, the rest become strings.

    Args:
        expect: what the answer's `data` must be; None accepts any `data`, or none.
    """
    method = method.upper()
    if method not in {"GET", "POST", "PUT", "PATCH", "DELETE"}:
        raise ValueError(f"unsupported HTTP method {method!r}")
    if not path.startswith("/"):
        raise ValueError(f"path must start with '/': {path!r}")
    query = {key: _param(value) for key, value in (params or {}).items() if value is not None}
    return Request(method=method, path=path, params=query, json=json, expect=expect)


def _param(value: ParamValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def decipher_response(http_status: int, body: bytes, expect: Expect | None = None) -> Any:
    """Return the `data` of a successful answer, or raise the `APIError` it stands for.

    Args:
        http_status: the HTTP status code.
        body: the raw body.
        expect: what `data` must be; None accepts any `data`, or none.

    Raises:
        APIError: a subclass chosen by `error_code` (or by HTTP status when the body has
            none). A 200 whose body is not the JSON envelope (not JSON, torn, nested
            too deep), or whose `data` is absent or not what `expect` says, raises
            `MalformedResponseError`, which is retryable.
    """
    envelope = _load_json(body)
    if not isinstance(envelope, Mapping):
        if http_status >= 400:
            raise error_for_status(http_status)
        raise _malformed(http_status, "body is not a JSON object")
    code, message = _code(envelope), _message(envelope)
    if code is not None and code not in _OK_CODES:
        raise error_for_code(code, message, http_status=http_status)
    if http_status >= 400:
        raise error_for_status(http_status, message)
    if envelope.get("status") is False:
        raise APIError(code, message or "request failed", http_status=http_status)
    if "status" not in envelope and "data" not in envelope:
        raise _malformed(http_status, "JSON without PatSnap's envelope")
    if expect is None:
        return envelope.get("data")
    if "data" not in envelope:
        raise _malformed(http_status, "the envelope carries no data")
    data = envelope["data"]
    problem = expect.problem(data)
    if problem is not None:
        raise _malformed(http_status, problem)
    return data


@attrs.frozen
class TokenGrant:
    """An access token and how many seconds the platform says it lives."""

    token: str = attrs.field(repr=False)
    expires_in: float


def parse_token_grant(http_status: int, body: bytes) -> TokenGrant:
    """Read the `/oauth/token` answer, in every shape public clients have met.

    The documented answer is flat (`{"token": ..., "expires_in": 1799, ...}`); clients
    also meet `access_token` instead of `token`, the whole grant nested under `data`,
    and `expires_in` as a string.
    """
    payload = _load_json(body)
    if not isinstance(payload, Mapping):
        if http_status >= 400:
            raise error_for_status(http_status)
        raise _malformed(http_status, "token answer is not a JSON object")
    grant: Any = payload.get("data") if isinstance(payload.get("data"), Mapping) else payload
    token = grant.get("token") or grant.get("access_token")
    if isinstance(token, str) and token and http_status < 400:
        return TokenGrant(token=token, expires_in=_seconds(grant.get("expires_in")))
    code = _code(payload)
    if code is not None and code not in _OK_CODES:
        raise error_for_code(code, _message(payload), http_status=http_status)
    if http_status >= 400:
        raise error_for_status(http_status, _message(payload))
    raise AuthenticationError(None, "token answer carries no token", http_status=http_status)


def screen_http(
    method: str, path: str, status: int, headers: Mapping[str, str], body: bytes
) -> None:
    """Raise for what the HTTP status alone says: a redirect, or 429 (with Retry-After).

    Redirects are not followed (each hop would be an unpaced request carrying the
    token): a 3xx is an error naming where it pointed, without a query that may carry
    a key. An HTTP 429 is a `RateLimitError` carrying the seconds `Retry-After` asked.
    """
    if 300 <= status < 400:
        parts = urlsplit(_header(headers, "Location") or "")
        # Host and path only: user info and a query may carry credentials.
        host = parts.hostname or ""
        if host and parts.port is not None:
            host = f"{host}:{parts.port}"
        shown = urlunsplit((parts.scheme, host, parts.path, "", "")) or "nowhere"
        raise TransportError(
            f"{method} {path}: HTTP {status} redirect to {shown} not followed "
            "(PatSnap's API does not redirect; check base_url)",
            retryable=False,
        )
    if status == 429:
        try:
            decipher_response(status, body)
        except RateLimitError as error:
            error.retry_after = retry_after_seconds(_header(headers, "Retry-After"))
            raise
        except PatsnapError:
            raise
        raise RateLimitError(429, "too many requests", http_status=status)  # pragma: no cover


def retry_after_seconds(retry_after: str | None, *, now: float | None = None) -> float | None:
    """`Retry-After` in seconds from `now` (Unix time): a number of seconds or an HTTP date."""
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
        seconds = when.timestamp() - (time.time() if now is None else now)
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    """A header's value by its name in any case (aiohttp's headers ignore case already)."""
    value = headers.get(name)
    if value is None:
        lowered = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == lowered), None)
    return value


def _seconds(value: object) -> float:
    """`expires_in` as seconds; the documented 1799 when absent or unreadable."""
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1799.0
    return seconds if seconds > 0 else 1799.0


def _load_json(body: bytes) -> Any:
    # RecursionError: arrays or objects nested thousands deep; such a body is no answer.
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    return "a boolean" if isinstance(value, bool) else "a number"


def _code(envelope: Mapping[str, Any]) -> int | None:
    code = envelope.get("error_code")
    if isinstance(code, bool):
        return None
    if isinstance(code, int):
        return code
    if isinstance(code, str) and code.strip().lstrip("-").isdigit():
        return int(code)
    return None


def _message(envelope: Mapping[str, Any]) -> str | None:
    message = envelope.get("error_msg") or envelope.get("message")
    return message if isinstance(message, str) and message else None


def _malformed(http_status: int, why: str) -> MalformedResponseError:
    return MalformedResponseError(None, f"malformed answer: {why}", http_status=http_status)
