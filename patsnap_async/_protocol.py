"""PatSnap's wire protocol, with no I/O: build a request, decipher an answer.

Everything here is a pure function of its arguments, so it is tested on recorded bodies.
The session sends what `build_request` describes and hands what came back to
`decipher_response`, which either returns the envelope's `data` (for the few answers
without one, the fields beside the envelope's; for an answer of server-sent events, the
events) or raises the right `APIError`. PatSnap reports most errors as HTTP 200 with
`"status": false` and an `error_code`, and some as a bare HTTP status: both are checked
here, in one place.
"""

from __future__ import annotations

import email.utils
import json
import math
import re
import time
from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import urlsplit, urlunsplit

import attrs

from . import _validate as check
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
from ._secret import Secret
from ._validate import ParamValue

__all__ = [
    "ARRAY",
    "EVENTS",
    "OBJECT",
    "Envelope",
    "Expect",
    "PageCheck",
    "Request",
    "TokenGrant",
    "build_request",
    "decipher_response",
    "page_holds",
    "parse_token_grant",
    "read_envelope",
    "read_events",
    "retry_after_seconds",
    "screen_http",
]


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
        events: the answer is a stream of server-sent events (`text/event-stream`):
            `decipher_response` gives the events, not a `data` (see `read_events`).
    """

    array: bool = False
    keys: tuple[str, ...] = ()
    page: PageCheck | None = None
    events: bool = False

    def problem(self, data: Any) -> str | None:
        """What is wrong with `data` for this endpoint, or None when nothing is."""
        if self.array:
            return None if isinstance(data, list) else f"data is {_kind(data)}, not an array"
        if not isinstance(data, Mapping):
            return f"data is {_kind(data)}, not an object"
        absent = [key for key in self.keys if data.get(key) is None]
        if absent:
            return f"data carries no {', '.join(absent)}"
        return None if self.page is None else self.page.problem(data)


@attrs.frozen
class PageCheck:
    """What one page of a list must hold, given the list's total (see `_pager.py`).

    Attributes:
        items: the key of `data` holding the page's items.
        total: the key of `data` holding the list's length.
        index: the list position of the page's first item.
        count: items asked for.
        reach: no item at or past this position is read (a cap); None: no cap.
        total_was: the total the list's first page said; None for the first page.
        label: how messages name the page.
    """

    items: str
    total: str
    index: int
    count: int
    reach: int | None
    total_was: int | None
    label: str

    def wanted(self, total: int) -> int:
        """Items the page must hold in a list of `total` (`page_holds`)."""
        return page_holds(self.index, self.count, self.reach, total)

    def problem(self, data: Mapping[str, Any]) -> str | None:
        """Why the page does not add up (short, or another total), or None."""
        total, items = data.get(self.total), data.get(self.items)
        if not isinstance(total, int) or isinstance(total, bool):
            return None  # the page's model says what is wrong with it
        if items is not None and not isinstance(items, list):
            return f"{self.label}: {self.items} is {_kind(items)}, not an array"
        if self.total_was is not None and total != self.total_was:
            return (
                f"{self.label}: the list's total changed from {self.total_was} to {total} "
                "while it was read (items moved between pages); read it again"
            )
        wanted = self.wanted(total)
        got = len(items) if items is not None else 0
        if got < wanted:
            return (
                f"{self.label}: {got} items where a list of {total} holds {wanted} (a short page)"
            )
        return None


def page_holds(index: int, count: int, reach: int | None, total: int) -> int:
    """Items a page of `count` from `index` holds in a list of `total`: all it asked
    for, but none at or past the list's end or `reach` (a cap; None: none)."""
    served = total if reach is None else min(total, reach)
    return max(0, min(count, served - index))


#: `data` must be a JSON array.
ARRAY: Final = Expect(array=True)
#: `data` must be a JSON object.
OBJECT: Final = Expect()
#: The answer is a stream of server-sent events: its events.
EVENTS: Final = Expect(events=True)


@attrs.frozen
class Request:
    """One HTTP call, as data: method, path, query, body, headers, the `data` expected.

    Attributes:
        form: a multipart body instead of `json`: field names to text, or to
            `(filename, bytes)` for a file.
        headers: headers of the operation's own (`X-Site-Lang`); never credentials.
    """

    method: str
    path: str
    params: Mapping[str, str] = attrs.field(factory=dict)
    json: Any = None
    expect: Expect | None = None
    form: Mapping[str, str | tuple[str, bytes]] | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict)


def build_request(
    method: str,
    path: str,
    *,
    params: Mapping[str, ParamValue | None] | None = None,
    json: Any = None,
    expect: Expect | None = None,
    form: Mapping[str, str | tuple[str, bytes]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Request:
    """Describe a call to `path`; `None` parameters are left out, the rest become strings.

    Args:
        expect: what the answer's `data` must be; None accepts any `data`, or none.
        form: a multipart body (instead of `json`).
        headers: the operation's own headers.

    Raises:
        TypeError / ValueError: a method, path, parameter or body that could not be
            sent as it is (a list as a parameter, NaN in the body), named.
    """
    if not isinstance(method, str):
        raise TypeError(f"method must be a string such as 'GET', got {method!r}")
    method = method.strip().upper()
    if method not in {"GET", "POST", "PUT", "PATCH", "DELETE"}:
        raise ValueError(f"unsupported HTTP method {method!r}")
    if not isinstance(path, str):
        raise TypeError(f"path must be a string, got {path!r}")
    if not path.startswith("/") or _UNSAFE_PATH.search(path):
        raise ValueError(
            f"path must start with '/' and hold no space, control character, '?' or '#': {path!r}"
        )
    query = {key: _param(value) for key, value in check.params("params", params).items()}
    if form is not None and json is not None:
        raise ValueError("pass either json= or form=, not both")
    return Request(
        method=method,
        path=path,
        params=query,
        json=check.json_body("json", json),
        expect=expect,
        form=form,
        headers=dict(headers or {}),
    )


_UNSAFE_PATH: Final = re.compile(r"[\x00-\x20\x7f?#]")


def _param(value: ParamValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def decipher_response(http_status: int, body: bytes, expect: Expect | None = None) -> Any:
    """Return the `data` of a successful answer, or raise the `APIError` it stands for.

    A few operations answer with no `data`, their fields beside the envelope's
    (`{"status": true, "error_code": 0, "job_status": "COMPLETED"}`: C034's two plant
    variety lists, the landscape job's status). With no `expect`, such an answer gives
    those fields as an object: the envelope without `status`, `error_code` and
    `error_msg`. A successful answer with neither `data` nor any other field gives None.
    With an `expect` of `events`, the answer's events (`read_events`).

    Args:
        http_status: the HTTP status code.
        body: the raw body.
        expect: what `data` must be; None accepts any `data`, the fields beside the
            envelope, or nothing.

    Raises:
        APIError: a subclass chosen by `error_code` (or by HTTP status when the body has
            none). A 200 whose body is not the JSON envelope (not JSON, torn, nested
            too deep), or whose `data` is absent or not what `expect` says, raises
            `MalformedResponseError`, which is retryable.
    """
    if expect is not None and expect.events:
        return read_events(http_status, body)
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
        return envelope["data"] if "data" in envelope else _beside(envelope)
    if "data" not in envelope:
        raise _malformed(http_status, "the envelope carries no data")
    data = envelope["data"]
    problem = expect.problem(data)
    if problem is not None:
        raise _malformed(http_status, problem)
    return data


def read_events(http_status: int, body: bytes) -> list[Any]:
    """The events of an answer of server-sent events, or the `APIError` it stands for.

    Each event is the JSON value of its `data:` lines (several joined by a line feed,
    as the SSE standard has it), or their text where it is not JSON (`[DONE]`); other
    fields (`event:`, `id:`, `retry:`) and comments are not kept. The whole body has
    been read, so an event it ends on without the blank line after is kept: nothing
    more was coming. A body that is one JSON object is the platform's envelope, as a
    refusal (or a stream turned off) answers: an error raises, a success is the one
    event.

    Raises:
        APIError: an HTTP status of 400 or more, an envelope of an error, or an event
            that is one (`"status": false`, an `error_code` of failure), by its code.
            A 200 whose body is not UTF-8 or holds no event is a
            `MalformedResponseError`, which is retryable.
    """
    whole = _load_json(body)
    if http_status >= 400 or isinstance(whole, Mapping):
        decipher_response(http_status, body)  # raises for any error
        return [whole]
    try:
        text = body.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise _malformed(http_status, "the event stream is not UTF-8") from None
    events = [_event_value(data) for data in _event_data(text)]
    if not events:
        raise _malformed(http_status, "neither JSON nor an event stream with a data: line")
    for event in events:
        if isinstance(event, Mapping):
            _raise_failure(http_status, event)
    return events


def _event_data(text: str) -> list[str]:
    """The data of each event of `text` (`text/event-stream`), in order."""
    events: list[str] = []
    data: list[str] | None = None  # the `data:` lines of the event being read
    for line in _LINES.split(text):
        if not line:  # a blank line ends an event
            if data is not None:
                events.append("\n".join(data))
            data = None
            continue
        field, colon, value = line.partition(":")
        if field == "data":  # a comment's field is "", others are not kept
            data = [] if data is None else data
            data.append(value.removeprefix(" ") if colon else "")
    if data is not None:
        events.append("\n".join(data))
    return events


#: What ends a line of an event stream: CRLF, LF or CR.
_LINES: Final = re.compile(r"\r\n|\r|\n")


def _event_value(data: str) -> Any:
    """An event's data as JSON; as text where it is not JSON."""
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return data


def _raise_failure(http_status: int, envelope: Mapping[str, Any]) -> None:
    """Raise the `APIError` of an envelope that says the request failed."""
    code, message = _code(envelope), _message(envelope)
    if code is not None and code not in _OK_CODES:
        raise error_for_code(code, message, http_status=http_status)
    if envelope.get("status") is False:
        raise APIError(code, message or "request failed", http_status=http_status)


@attrs.frozen
class Envelope:
    """PatSnap's envelope of an answer, as it came: `status`, `error_code`, `error_msg`.

    Each is None when the answer does not carry it (or carries something else there).
    """

    status: bool | None
    error_code: int | None
    error_msg: str | None


def read_envelope(body: bytes) -> Envelope:
    """The envelope of `body`, for the raw answer (`with_raw_response`); never raises."""
    envelope = _load_json(body)
    if not isinstance(envelope, Mapping):
        return Envelope(None, None, None)
    status = envelope.get("status")
    return Envelope(
        status if isinstance(status, bool) else None, _code(envelope), _message(envelope)
    )


@attrs.frozen
class TokenGrant:
    """An access token and how many seconds the platform says it lives."""

    token: Secret = attrs.field(repr=False, converter=Secret)
    expires_in: float


def parse_token_grant(http_status: int, body: bytes) -> TokenGrant:
    """Read the `/oauth/token` answer, in every shape public clients have met.

    The documented answer is flat (`{"token": ..., "expires_in": 1799, ...}`); clients
    also meet `access_token` instead of `token`, the whole grant nested under `data`,
    and `expires_in` as a string. A token that could not go in an HTTP header (a
    control character, a space, a character that is not ASCII) is a malformed answer.

    The answer is read in a helper that returns rather than raises, so that no frame
    of a traceback from here holds the token in a local.
    """
    outcome = _read_grant(http_status, body)
    del body  # it may hold the token: not a local of the traceback's frames
    if isinstance(outcome, TokenGrant):
        return outcome
    raise outcome


def _read_grant(http_status: int, body: bytes) -> TokenGrant | APIError:
    payload = _load_json(body)
    if not isinstance(payload, Mapping):
        if http_status >= 400:
            return error_for_status(http_status)
        return _malformed(http_status, "token answer is not a JSON object")
    grant: Any = payload.get("data") if isinstance(payload.get("data"), Mapping) else payload
    token = grant.get("token") or grant.get("access_token")
    if isinstance(token, str) and token and http_status < 400:
        if _TOKEN.fullmatch(token) is None:
            # Not echoed: it may be the token. CR or LF in a header would also split it.
            return _malformed(http_status, "the token holds characters no HTTP header may carry")
        return TokenGrant(token=token, expires_in=_seconds(grant.get("expires_in")))
    code = _code(payload)
    if code is not None and code not in _OK_CODES:
        return error_for_code(code, _message(payload), http_status=http_status)
    if http_status >= 400:
        return error_for_status(http_status, _message(payload))
    return AuthenticationError(None, "token answer carries no token", http_status=http_status)


#: What a bearer token may hold: printable ASCII, no space (RFC 6750's b64token and more).
_TOKEN: Final = re.compile(r"[\x21-\x7e]{1,8192}")


def screen_http(
    method: str, path: str, status: int, headers: Mapping[str, str], body: bytes
) -> None:
    """Raise for what the HTTP status alone says: a redirect, or 429 (with Retry-After).

    Redirects are not followed (each hop would be an unpaced request carrying the
    token): a 3xx is an error naming where it pointed, without a query that may carry
    a key. An HTTP 429 is a `RateLimitError` carrying the seconds `Retry-After` asked.
    """
    if 300 <= status < 400:
        raise TransportError(
            f"{method} {path}: HTTP {status} redirect to {_where(headers)} not followed "
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
            seconds = when.timestamp() - (time.time() if now is None else now)
        except Exception:  # any date the parser chokes on (an absurd offset overflows)
            return None
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _where(headers: Mapping[str, str]) -> str:
    """A redirect's `Location`, host and path only: user info and a query may carry keys."""
    location = _header(headers, "Location")
    if not location:
        return "nowhere"
    try:
        parts = urlsplit(location)
        host = parts.hostname or ""
        if host and parts.port is not None:  # .port raises for a port that is no number
            host = f"{host}:{parts.port}"
        shown = urlunsplit((parts.scheme, host, parts.path, "", ""))
    except ValueError:  # a bad port, a bad IPv6 bracket
        return "an unreadable Location"
    return _printable(shown)[:200] or "nowhere"


def _printable(text: str) -> str:
    """`text` with every character that is not printable ASCII escaped, for a message."""
    return text.encode("ascii", "backslashreplace").decode("ascii").translate(_CONTROLS)


_CONTROLS: Final = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)}


def _header(headers: Mapping[str, str], name: str) -> str | None:
    """A header's value by its name in any case (aiohttp's headers ignore case already)."""
    value = headers.get(name)
    if value is None:
        lowered = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == lowered), None)
    return value


def _seconds(value: object) -> float:
    """`expires_in` as seconds; the documented 1799 when absent or unreadable.

    Unreadable includes what no clock can add: an integer past a float's range
    (`OverflowError`), infinity and NaN.
    """
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return 1799.0
    return seconds if 0 < seconds < math.inf else 1799.0


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
    # isdecimal, not isdigit: "¹" is a digit that int() refuses.
    if isinstance(code, str) and code.strip().lstrip("-").isdecimal():
        return int(code)
    return None


#: The envelope's own fields: not the answer's, where an answer has no `data`.
_ENVELOPE: Final = frozenset({"status", "error_code", "error_msg"})


def _beside(envelope: Mapping[str, Any]) -> dict[str, Any] | None:
    """The fields of an answer without `data` beside the envelope's; None if it has none."""
    fields = {key: value for key, value in envelope.items() if key not in _ENVELOPE}
    return fields or None


def _message(envelope: Mapping[str, Any]) -> str | None:
    # `error_message`: the landscape job's status answers its failure so.
    message = envelope.get("error_msg") or envelope.get("message") or envelope.get("error_message")
    return message if isinstance(message, str) and message else None


def _malformed(http_status: int, why: str) -> MalformedResponseError:
    return MalformedResponseError(None, f"malformed answer: {why}", http_status=http_status)
