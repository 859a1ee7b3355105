"""A hostile platform: whatever the wire sends, the caller sees a `PatsnapError`.

The session's boundary is total (a redirect to an unreadable place, a `Retry-After` no
calendar holds, a token no header may carry, any status, header or body a fuzzer
makes), the batcher keeps what it fetched whatever a chunk met, an error that concerns
the account stops the call at once, and a closed client fails its waiting calls at
once. Everything runs on `MockTransport` and the virtual clock.
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from patsnap_async import (
    AuthenticationError,
    BatchError,
    ClientClosedError,
    ConfigurationError,
    HttpRequest,
    HttpResponse,
    MalformedResponseError,
    NotFoundError,
    PatsnapClient,
    PatsnapError,
    PermissionDeniedError,
    QuotaExceededError,
    RetryPolicy,
    TransportError,
)
from patsnap_async.testing import MockTransport

from .virtual_time import run

FAST = RetryPolicy(initial_delay=0.01, max_delay=0.05, rate_limit_delay=0.01, jitter=False)
FAMILY = "/basic-patent-data/patent-family"


def ok(data: Any = None) -> HttpResponse:
    body = {"status": True, "error_code": 0, "data": data}
    return HttpResponse(200, {}, json.dumps(body).encode())


def refused(code: int) -> HttpResponse:
    body = {"status": False, "error_code": code, "error_msg": "refused"}
    return HttpResponse(200, {}, json.dumps(body).encode())


def family_records(request: HttpRequest) -> HttpResponse:
    numbers = request.params["patent_number"].split(",")
    return ok([{"pn": n, "patent_id": f"id-{n}"} for n in numbers])


def client_with(handler: Callable[[HttpRequest], Any], **options: Any) -> PatsnapClient:
    options.setdefault("retry", FAST)
    options.setdefault("qps", 1000)
    if "client_id" not in options:
        options.setdefault("api_key", "sk-secret")
    return PatsnapClient(base_url="https://api.test", transport=MockTransport(handler), **options)


def outcome(
    handler: Callable[[HttpRequest], Any],
    *,
    call: Callable[[PatsnapClient], Awaitable[Any]] | None = None,
    **options: Any,
) -> BaseException | Any:
    """What `call` (by default `client.request("GET", "/x")`) returned, or the exception
    it raised (whatever it is)."""

    async def main() -> Any:
        async with client_with(handler, **options) as client:
            try:
                if call is not None:
                    return await call(client)
                return await client.request("GET", "/x")
            except BaseException as error:  # the point: see exactly what escapes
                return error

    return run(main)


# --- the boundary is total ---------------------------------------------------------------


@pytest.mark.parametrize(
    "location",
    [
        "http://h:abc/",
        "http://h:99999/",
        "http://[::1/x",
        "http://[zz]:80/",
        "http://h:-1/",
        "\x00\r\n",
        "",
    ],
)
@pytest.mark.parametrize("credentials", ["api-key", "client-credentials"])
def test_a_redirect_to_an_unreadable_location_is_a_transport_error(
    location: str, credentials: str
) -> None:
    # Also from /oauth/token, which client credentials call first.
    redirect = HttpResponse(302, {"Location": location}, b"")
    options: dict[str, Any] = {}
    if credentials == "client-credentials":
        options = {"client_id": "cid", "client_secret": "csecret"}
    error = outcome(lambda request: redirect, **options)
    assert type(error) is TransportError, error
    assert "redirect" in str(error) and not error.retryable
    assert "\x00" not in str(error) and "\r" not in str(error)


def test_a_retry_after_date_no_calendar_holds_is_ignored_and_the_call_resent() -> None:
    answers = [
        HttpResponse(429, {"Retry-After": "Mon, 01 Jan 2020 00:00:00 +99999999999999"}, b""),
        ok("done"),
    ]
    assert outcome(lambda request: answers.pop(0)) == "done"


@pytest.mark.parametrize("token", ["tok\r\nX-Evil: 1", "tok\nen", "tok\x00en", "tok en", "tøk"])
def test_a_token_no_header_may_carry_is_a_malformed_answer(token: str) -> None:
    sent: list[HttpRequest] = []

    def handler(request: HttpRequest) -> HttpResponse:
        sent.append(request)
        body = json.dumps({"token": token, "expires_in": 1799})
        return HttpResponse(200, {}, body.encode())

    error = outcome(handler, client_id="cid", client_secret="csecret")
    assert isinstance(error, MalformedResponseError), error
    assert "token" in str(error) and token not in str(error)
    # Retried (a second purchase may bring a good token), never sent with the call.
    assert all(r.url.endswith("/oauth/token") for r in sent)
    assert len(sent) == FAST.max_retries + 1


@pytest.mark.parametrize("qps", [1e308, 1e7, math.inf, math.nan, 0, -3])
def test_a_qps_past_any_account_is_refused_by_name(qps: float) -> None:
    with pytest.raises(ConfigurationError, match="qps"):
        PatsnapClient(api_key="sk-x", qps=qps)


locations = st.one_of(
    st.text(max_size=40),
    st.builds(
        "{}://{}{}{}".format,
        st.sampled_from(["http", "https", "ftp", ""]),
        st.sampled_from(["h", "[::1]", "[::1", "[zz]", "user:pw@h", "", "h h"]),
        st.one_of(
            st.just(""), st.text(max_size=8).map(":{}".format), st.integers().map(":{}".format)
        ),
        st.text(max_size=10),
    ),
)
retry_afters = st.one_of(
    st.text(max_size=40),
    st.floats().map(str),
    st.integers().map(str),
    st.builds(
        "{}, {:02d} {} {} {:02d}:{:02d}:{:02d} {}".format,
        st.sampled_from(["Mon", "Tue", "Xyz"]),
        st.integers(-5, 40),
        st.sampled_from(["Jan", "Feb", "Dec", "Foo"]),
        st.integers(-10, 10**6),
        st.integers(0, 99),
        st.integers(0, 99),
        st.integers(0, 99),
        st.one_of(st.sampled_from(["GMT", "+0000", "-9999"]), st.integers().map("{:+d}".format)),
    ),
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "Location": locations,
        "Retry-After": retry_afters,
        "Content-Type": st.text(max_size=30),
    },
)
tokens = st.fixed_dictionaries(
    {},
    optional={
        "token": st.one_of(st.text(max_size=30), st.integers(), st.none()),
        "access_token": st.text(max_size=30),
        "expires_in": st.one_of(
            st.floats(),
            st.integers(),
            st.integers(10**300, 10**400),  # past a float's range: OverflowError
            st.text(max_size=8),
            st.none(),
        ),
        "error_code": st.one_of(st.integers(), st.text(max_size=10)),
    },
).map(lambda value: json.dumps(value).encode())
bodies = st.one_of(
    st.binary(max_size=200),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=12,
    ).map(lambda value: json.dumps(value).encode()),
    st.fixed_dictionaries(
        {},
        optional={
            "status": st.none() | st.booleans() | st.text(max_size=5),
            "error_code": st.none()
            | st.integers()
            | st.text(max_size=12)
            | st.sampled_from([67200002, 67200003, "67200005", 68300008, 53000002]),
            "error_msg": st.none() | st.text(max_size=20) | st.integers(),
            "data": st.none() | st.integers() | st.lists(st.integers(), max_size=3),
        },
    ).map(lambda value: json.dumps(value).encode()),
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(status=st.integers(100, 599), headers=headers, body=bodies)
def test_whatever_the_wire_sends_the_caller_sees_an_answer_or_a_patsnap_error(
    status: int, headers: dict[str, str], body: bytes
) -> None:
    answer = HttpResponse(status, headers, body)
    result = outcome(lambda request: answer, retry=RetryPolicy(max_retries=1, jitter=False))
    if isinstance(result, BaseException):
        assert isinstance(result, PatsnapError), repr(result)


event_lines = st.lists(
    st.one_of(
        st.builds(
            "data:{}{}".format,
            st.sampled_from(["", " ", "  "]),
            st.one_of(
                st.text(max_size=20),
                bodies.map(lambda body: body.decode("utf-8", "replace")),
                st.sampled_from(["[DONE]", '{"status": false}', '{"error_code": "67200002"}']),
            ),
        ),
        st.sampled_from(["", ":ping", "event: answer", "id: 3", "data", "retry: x"]),
        st.text(max_size=20),
    ),
    max_size=8,
)
event_streams = st.one_of(
    bodies,
    st.builds(
        lambda lines, end, head: head + end.join(lines).encode("utf-8", "surrogatepass"),
        event_lines,
        st.sampled_from(["\n", "\r\n", "\r", "\n\n"]),
        st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff"]),
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(status=st.integers(100, 599), headers=headers, body=event_streams)
@example(status=200, headers={}, body=b"data: \xff\n\n")  # not UTF-8
@example(status=200, headers={}, body=b"data: " + b"[" * 5000 + b"\n\n")  # nested too deep
def test_whatever_a_stream_answers_the_caller_sees_its_events_or_a_patsnap_error(
    status: int, headers: dict[str, str], body: bytes
) -> None:
    answer = HttpResponse(status, headers, body)
    result = outcome(
        lambda request: answer,
        call=lambda client: client.call("AI07", prompt="hi"),
        retry=RetryPolicy(max_retries=1, jitter=False),
    )
    if isinstance(result, BaseException):
        assert isinstance(result, PatsnapError), repr(result)
    else:
        assert isinstance(result, list) and result, result


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(status=st.integers(100, 599), headers=headers, body=st.one_of(bodies, tokens))
@example(status=100, headers={}, body=b'{"status": null, "error_code": "\\u00b9"}')  # int("¹")
@example(status=200, headers={}, body=b'{"token": "t", "expires_in": 1' + b"0" * 400 + b"}")
def test_whatever_the_token_desk_sends_the_caller_sees_an_answer_or_a_patsnap_error(
    status: int, headers: dict[str, str], body: bytes
) -> None:
    def handler(request: HttpRequest) -> HttpResponse:
        if request.url.endswith("/oauth/token"):
            return HttpResponse(status, headers, body)
        return ok("fine")

    result = outcome(
        handler,
        client_id="cid",
        client_secret="csecret",
        retry=RetryPolicy(max_retries=1, jitter=False),
    )
    if isinstance(result, BaseException):
        assert isinstance(result, PatsnapError), repr(result)


# --- the batcher keeps what it fetched -----------------------------------------------------


def test_a_chunk_meeting_an_odd_answer_fails_alone_and_the_others_are_kept() -> None:
    def handler(request: HttpRequest) -> HttpResponse:
        if "US1100B2" in request.params["patent_number"]:  # the second chunk of three
            return HttpResponse(302, {"Location": "http://h:abc/"}, b"")
        return family_records(request)

    async def main() -> BatchError:
        async with client_with(handler) as client:
            with pytest.raises(BatchError) as info:
                await client.patents.family([f"US{1000 + i}B2" for i in range(250)])
            return info.value

    error = run(main)
    assert len(error.result) == 150
    assert len(error.result.failed) == 100 and not error.result.missing
    assert {type(e) for e in error.errors.values()} == {TransportError}


def test_a_chunk_meeting_a_bug_keeps_the_others_and_names_the_bug() -> None:
    # A transport of the caller's that raises something else: still a PatsnapError
    # for the call, the cause chained, the other chunks' records kept.
    def handler(request: HttpRequest) -> HttpResponse:
        if "US1100B2" in request.params["patent_number"]:
            raise KeyError("a bug in the caller's transport")
        return family_records(request)

    async def main() -> BatchError:
        async with client_with(handler) as client:
            with pytest.raises(BatchError) as info:
                await client.patents.family([f"US{1000 + i}B2" for i in range(250)])
            return info.value

    error = run(main)
    assert len(error.result) == 150 and len(error.result.failed) == 100
    assert isinstance(error.__cause__, KeyError)


# --- errors that concern the account stop the call -----------------------------------------


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (67200003, AuthenticationError),
        (67200004, PermissionDeniedError),
        (67200005, QuotaExceededError),
        (67200101, NotFoundError),
    ],
)
def test_an_account_error_stops_the_batch_and_is_raised_as_itself(
    code: int, kind: type[PatsnapError]
) -> None:
    async def main() -> tuple[PatsnapError, int]:
        transport = MockTransport(lambda request: refused(code))
        async with PatsnapClient(
            api_key="sk-wrong", base_url="https://api.test", transport=transport, qps=10
        ) as client:
            with pytest.raises(kind) as info:  # `except AuthenticationError` works
                await client.patents.family([f"US{1000 + i}B2" for i in range(2_000)])
        return info.value, len(transport.requests)

    error, requests = run(main)
    assert error.fatal
    # The first answer came back at once: nothing else was sent, instead of 20 requests.
    assert requests == 1
    result = error.result
    assert len(result.failed) == 100 and len(result.unsent) == 1_900
    assert not result.missing and not len(result)


def test_account_errors_keep_what_the_requests_on_the_wire_fetched() -> None:
    # Three requests go out before the first answer: one refused, two answered.
    async def main() -> tuple[AuthenticationError, int]:
        async def handler(request: HttpRequest) -> HttpResponse:
            number = len(transport.requests)
            await asyncio.sleep(0.25 if number == 1 else 0.3)
            return refused(67200003) if number == 1 else family_records(request)

        transport = MockTransport(handler)
        async with PatsnapClient(
            api_key="sk-x", base_url="https://api.test", transport=transport, qps=10
        ) as client:
            with pytest.raises(AuthenticationError) as info:
                await client.patents.family([f"US{1000 + i}B2" for i in range(2_000)])
        return info.value, len(transport.requests)

    error, requests = run(main)
    assert requests == 3  # sent 0.1 s apart; the refusal came at 0.25 s
    assert len(error.result) == 200 and len(error.result.failed) == 100
    assert len(error.result.unsent) == 1_700


def test_a_refused_client_secret_buys_one_token_for_the_whole_batch() -> None:
    sent: list[HttpRequest] = []

    def handler(request: HttpRequest) -> HttpResponse:
        sent.append(request)
        return refused(67200003)

    async def main() -> AuthenticationError:
        async with client_with(handler, client_id="cid", client_secret="wrong", qps=10) as client:
            with pytest.raises(AuthenticationError) as info:
                await client.patents.family([f"US{1000 + i}B2" for i in range(2_000)])
            return info.value

    error = run(main)
    assert [r.url.rsplit("/", 1)[-1] for r in sent] == ["token"]
    assert len(error.result.unsent) + len(error.result.failed) == 2_000


def test_an_error_that_concerns_the_request_does_not_stop_the_others() -> None:
    def handler(request: HttpRequest) -> HttpResponse:
        if "US1100B2" in request.params["patent_number"]:
            return refused(68300004)  # invalid parameter: this request only
        return family_records(request)

    async def main() -> BatchError:
        async with client_with(handler) as client:
            with pytest.raises(BatchError) as info:
                await client.patents.family([f"US{1000 + i}B2" for i in range(250)])
            return info.value

    error = run(main)  # the refused request halved down to its one bad id
    assert error.result.failed == ("US1100B2",) and len(error.result) == 249


# --- closing --------------------------------------------------------------------------------


def test_calls_waiting_in_the_pacer_fail_at_once_when_the_client_closes() -> None:
    async def main() -> tuple[list[BaseException | None], float, int]:
        transport = MockTransport(lambda request: ok("x"))
        client = PatsnapClient(
            api_key="sk-x", base_url="https://api.test", transport=transport, qps=5
        )
        calls = [asyncio.ensure_future(client.request("GET", "/x")) for _ in range(55)]
        await asyncio.sleep(1.0)  # five or so went out
        loop = asyncio.get_running_loop()
        closed_at = loop.time()
        await client.close()
        outcomes = await asyncio.gather(*calls, return_exceptions=True)
        errors = [o if isinstance(o, BaseException) else None for o in outcomes]
        return errors, loop.time() - closed_at, len(transport.requests)

    errors, took, sent = run(main)
    failed = [e for e in errors if e is not None]
    assert len(failed) == 55 - sent
    assert all(isinstance(e, ClientClosedError) for e in failed)
    assert took < 0.01  # at once, not at their paced turns (10 s at qps=5)


def test_a_caller_cancelling_a_call_still_cancels_it() -> None:
    async def main() -> bool:
        async with client_with(lambda request: ok("x"), qps=1) as client:
            await client.request("GET", "/x")
            call = asyncio.ensure_future(client.request("GET", "/x"))  # waits ~1 s
            await asyncio.sleep(0.1)
            call.cancel()
            await asyncio.gather(call, return_exceptions=True)
            return call.cancelled()

    assert run(main)
