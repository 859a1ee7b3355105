"""The pure protocol layer, on recorded bodies."""

from __future__ import annotations

import json

import pytest

from patsnap_async import (
    APIError,
    AuthenticationError,
    InvalidParameterError,
    MalformedResponseError,
    NotFoundError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ServerError,
)
from patsnap_async._protocol import EVENTS, build_request, decipher_response, parse_token_grant


def body(**fields: object) -> bytes:
    return json.dumps(fields).encode()


def test_success_returns_data() -> None:
    data = {"results": [{"pn": "US11205304B2"}], "result_count": 1}
    assert decipher_response(200, body(data=data, status=True, error_code=0)) == data


def test_success_with_created_code() -> None:
    assert decipher_response(200, body(data=[1], status=True, error_code=201)) == [1]


@pytest.mark.parametrize(
    ("code", "cls", "retryable"),
    [
        (67200002, RateLimitError, True),
        (67200100, ServerError, True),
        (68300005, ServerError, True),
        (68300008, ServerError, True),
        (68300004, InvalidParameterError, False),
        (68300007, InvalidParameterError, False),
        (68300010, InvalidParameterError, False),
        (68300006, PermissionDeniedError, False),
        (67200004, PermissionDeniedError, False),
        (67200012, PermissionDeniedError, False),
        (67200000, QuotaExceededError, False),
        (67200001, QuotaExceededError, False),
        (67200005, QuotaExceededError, False),
        (67200006, QuotaExceededError, False),
        (67200007, QuotaExceededError, False),
        (67200003, AuthenticationError, False),
        (67200008, AuthenticationError, False),
        (67200009, AuthenticationError, False),
        (53000002, NotFoundError, False),
        (67200101, NotFoundError, False),
    ],
)
def test_status_false_in_a_200_raises_by_code(
    code: int, cls: type[APIError], retryable: bool
) -> None:
    with pytest.raises(cls) as info:
        decipher_response(200, body(status=False, error_code=code, error_msg="boom"))
    error = info.value
    assert type(error) is cls
    assert (error.code, error.message, error.http_status, error.retryable) == (
        code,
        "boom",
        200,
        retryable,
    )


def test_every_documented_code_has_a_class_of_its_own() -> None:
    from patsnap_async._errors import DOCUMENTED_CODES, error_for_code

    assert len(DOCUMENTED_CODES) == 20
    for code in DOCUMENTED_CODES:
        assert type(error_for_code(code)) is not APIError, code
        assert error_for_code(code).message  # the documented message


def test_unknown_code_is_a_plain_api_error() -> None:
    with pytest.raises(APIError) as info:
        decipher_response(200, body(status=False, error_code=99999999, error_msg="new"))
    assert type(info.value) is APIError
    assert info.value.code == 99999999
    assert not info.value.retryable


def test_error_code_as_string_and_missing_message() -> None:
    with pytest.raises(RateLimitError) as info:
        decipher_response(200, body(status=False, error_code="67200002"))
    assert "too fast" in info.value.message


@pytest.mark.parametrize(
    ("status", "cls", "retryable"),
    [
        (401, AuthenticationError, False),
        (403, PermissionDeniedError, False),
        (404, NotFoundError, False),
        (429, RateLimitError, True),
        (500, ServerError, True),
        (502, ServerError, True),
        (503, ServerError, True),
        (418, APIError, False),
    ],
)
def test_http_status_without_envelope(status: int, cls: type[APIError], retryable: bool) -> None:
    with pytest.raises(cls) as info:
        decipher_response(status, b"<html>gateway</html>")
    assert info.value.http_status == status
    assert info.value.retryable is retryable


def test_http_error_with_envelope_code_uses_the_code() -> None:
    with pytest.raises(NotFoundError) as info:
        decipher_response(404, body(status=False, error_code=67200101, error_msg="no path"))
    assert (info.value.code, info.value.http_status) == (67200101, 404)


@pytest.mark.parametrize("raw", [b"", b"not json", b'{"data": [1', b"[1, 2]", b'{"other": 1}'])
def test_malformed_200_is_retryable(raw: bytes) -> None:
    with pytest.raises(MalformedResponseError) as info:
        decipher_response(200, raw)
    assert info.value.retryable


def test_status_false_without_code() -> None:
    with pytest.raises(APIError) as info:
        decipher_response(200, body(status=False, error_msg="odd"))
    assert info.value.message == "odd"


@pytest.mark.parametrize(
    "payload",
    [
        {"token": "tok", "token_type": "BearerToken", "expires_in": 1799, "status": "approved"},
        {"access_token": "tok", "expires_in": 1799},
        {"status": True, "error_code": 0, "data": {"token": "tok", "expires_in": "1799"}},
        {"data": {"access_token": "tok", "expires_in": 1799}},
        {"token": "tok", "expires_in": "1799", "issued_at": "1692347672874"},
    ],
)
def test_token_variants(payload: dict[str, object]) -> None:
    grant = parse_token_grant(200, json.dumps(payload).encode())
    assert grant.token == "tok"
    assert grant.expires_in == 1799
    assert "tok" not in repr(grant)


@pytest.mark.parametrize(
    "expires_in",
    [b"1" + b"0" * 400, b"1e999", b"-1e999", b"-5", b"0", b"null", b'"soon"', b"[]"],
    ids=["int past a float", "infinity", "minus infinity", "negative", "zero", "null",
         "text", "array"],
)  # fmt: skip
def test_an_expires_in_no_clock_can_add_is_the_documented_1799(expires_in: bytes) -> None:
    grant = parse_token_grant(200, b'{"token": "tok", "expires_in": ' + expires_in + b"}")
    assert grant.expires_in == 1799


def test_token_refused() -> None:
    with pytest.raises(AuthenticationError) as info:
        parse_token_grant(200, body(status=False, error_code=67200003))
    assert info.value.code == 67200003


def test_token_answer_without_token() -> None:
    with pytest.raises(AuthenticationError):
        parse_token_grant(200, body(status="approved"))


def test_build_request_drops_none_and_stringifies() -> None:
    request = build_request("get", "/p", params={"a": 1, "b": None, "c": True, "d": "x"})
    assert request.method == "GET"
    assert dict(request.params) == {"a": "1", "c": "true", "d": "x"}


@pytest.mark.parametrize(("method", "path"), [("GET", "no-slash"), ("FETCH", "/p")])
def test_build_request_rejects(method: str, path: str) -> None:
    with pytest.raises(ValueError, match=r"path|method"):
        build_request(method, path)


# --- server-sent events (the stream operations) -------------------------------------------


def sse(*events: object) -> bytes:
    """An event stream of PatSnap's: one `data:` line an event, each a JSON value."""
    return b"".join(b"data: " + json.dumps(event).encode() + b"\n\n" for event in events)


def ok(data: object) -> dict[str, object]:
    return {"data": data, "status": True, "error_code": 0}


@pytest.mark.parametrize(
    ("raw", "events"),
    [
        (sse(ok("a"), ok("b"), ok({"c": 1})), [ok("a"), ok("b"), ok({"c": 1})]),
        (b'data: {"a":\ndata:  1}\n\n', [{"a": 1}]),  # joined by "\n"; one space dropped
        (b"data: [DONE]\n\ndata\n\ndata:\n\n", ["[DONE]", "", ""]),  # not JSON: its text
        (b": ping\nevent: answer\nid: 7\nretry: 10\ndata: 1\n\n: bye\n\n", [1]),
        (b"\xef\xbb\xbfdata: 1\r\n\r\ndata: 2\r\rdata: 3", [1, 2, 3]),  # BOM, CRLF, CR, EOF
        (body(status=True, error_code=0, data="whole"), [ok("whole")]),  # the stream turned off
        (sse(ok(1), {"text": "no envelope"}), [ok(1), {"text": "no envelope"}]),
    ],
    ids=["three events", "multi-line data", "not JSON", "comments and fields", "line ends",
         "one JSON envelope", "an event without envelope"],
)  # fmt: skip
def test_an_event_stream_gives_its_events(raw: bytes, events: list[object]) -> None:
    assert decipher_response(200, raw, EVENTS) == events


@pytest.mark.parametrize(
    ("status", "raw", "cls", "code"),
    [
        (200, body(status=False, error_code=68300004, error_msg="bad"), InvalidParameterError,
         68300004),
        (200, sse(ok(1), {"status": False, "error_code": 67200002}, ok(2)), RateLimitError,
         67200002),
        (200, sse(ok(1), {"status": False, "error_msg": "odd"}), APIError, None),
        (200, sse({"status": True, "error_code": "53000002"}), NotFoundError, 53000002),
        (500, sse(ok(1)), ServerError, None),
        (403, body(status=False, error_code=67200004), PermissionDeniedError, 67200004),
        (200, b"", MalformedResponseError, None),
        (200, b": only a comment\n\nevent: x\n\n", MalformedResponseError, None),
        (200, b"<html>gateway</html>", MalformedResponseError, None),
        (200, b"data: \xff\xfe\n\n", MalformedResponseError, None),
        (200, b'{"text": "no envelope"}', MalformedResponseError, None),
    ],
    ids=["an error envelope", "a failure mid-stream", "status false", "a code of failure",
         "HTTP 500", "HTTP 403 with a code", "empty", "no data line", "garbage", "not UTF-8",
         "JSON without envelope"],
)  # fmt: skip
def test_an_event_stream_that_says_an_error_raises_it(
    status: int, raw: bytes, cls: type[APIError], code: int | None
) -> None:
    with pytest.raises(cls) as info:
        decipher_response(status, raw, EVENTS)
    assert (type(info.value), info.value.code, info.value.http_status) == (cls, code, status)
