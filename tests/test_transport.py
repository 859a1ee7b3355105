"""The session over `MockTransport`, on a virtual clock: pacing, retries, tokens, options.

No server and no sleeping: `virtual_time.run` runs each test on a loop whose clock
jumps to the next timer, so waits are asserted to the microsecond.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import logging
from collections.abc import Callable
from typing import Any

import pytest

from patsnap_async import (
    APIError,
    AuthenticationError,
    ConfigurationError,
    HttpRequest,
    HttpResponse,
    InvalidParameterError,
    PatsnapClient,
    PermissionDeniedError,
    RateLimitError,
    RetryPolicy,
    ServerError,
    TransportError,
)
from patsnap_async._auth import TokenCache
from patsnap_async._protocol import TokenGrant
from patsnap_async.testing import MockTransport

from .virtual_time import run

NO_JITTER = RetryPolicy(initial_delay=0.5, max_delay=30, rate_limit_delay=0.5, jitter=False)


def ok(data: Any = None) -> HttpResponse:
    body = {"status": True, "error_code": 0, "data": data}
    return HttpResponse(200, {"Content-Type": "application/json"}, json.dumps(body).encode())


def refused(code: int, status: int = 200) -> HttpResponse:
    body = {"status": False, "error_code": code, "error_msg": "refused"}
    return HttpResponse(status, {}, json.dumps(body).encode())


def now() -> float:
    return asyncio.get_running_loop().time()


class Script:
    """A handler answering from a list, in order, and keeping when each request came."""

    def __init__(self, *answers: HttpResponse | Exception) -> None:
        self.answers = list(answers)
        self.times: list[float] = []

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.times.append(now())
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


def client_with(handler: Callable[[HttpRequest], Any], **options: Any) -> PatsnapClient:
    options.setdefault("retry", NO_JITTER)
    options.setdefault("qps", 1000)
    return PatsnapClient(
        api_key="sk-secret",
        base_url="https://api.test",
        transport=MockTransport(handler),
        **options,
    )


def test_the_transport_receives_the_request_as_the_credentials_shaped_it() -> None:
    transport = MockTransport(lambda request: ok({"n": 1}))

    async def main() -> Any:
        async with PatsnapClient(
            api_key="sk-secret", base_url="https://api.test", transport=transport
        ) as client:
            return await client.request("GET", "/x/v1", params={"a": 1, "b": None})

    assert run(main) == {"n": 1}
    [request] = transport.requests
    assert (request.method, request.url, dict(request.params)) == (
        "GET",
        "https://api.test/x/v1",
        {"a": "1"},
    )
    assert request.headers["Authorization"] == "Bearer sk-secret"
    assert request.timeout == 30.0
    assert "sk-secret" not in repr(request)
    assert transport.closed  # the client closes the transport it was given


def test_client_credentials_buy_a_token_once_and_send_it_with_the_apikey() -> None:
    def handler(request: HttpRequest) -> HttpResponse:
        if request.url.endswith("/oauth/token"):
            return HttpResponse(200, {}, b'{"token": "tok-1", "expires_in": 100}')
        return ok([])

    transport = MockTransport(handler)

    async def main() -> None:
        async with PatsnapClient(
            client_id="cid",
            client_secret="csecret",
            base_url="https://api.test",
            transport=transport,
        ) as client:
            await asyncio.gather(*(client.request("GET", "/x") for _ in range(3)))
            assert client.stats.token_requests == 1

    run(main)
    purchase, *calls = transport.requests
    assert purchase.method == "POST" and purchase.data == {"grant_type": "client_credentials"}
    assert purchase.headers["Authorization"] == "Basic " + base64.b64encode(b"cid:csecret").decode()
    assert [dict(c.params) for c in calls] == [{"apikey": "cid"}] * 3
    assert {c.headers["Authorization"] for c in calls} == {"Bearer tok-1"}


def test_a_token_is_bought_again_a_tenth_of_its_life_before_it_expires() -> None:
    bought: list[float] = []

    def handler(request: HttpRequest) -> HttpResponse:
        if request.url.endswith("/oauth/token"):
            bought.append(now())
            return HttpResponse(200, {}, b'{"token": "t%d", "expires_in": 100}' % len(bought))
        return ok([])

    async def main() -> None:
        async with PatsnapClient(
            client_id="cid",
            client_secret="csecret",
            base_url="https://api.test",
            transport=MockTransport(handler),
            qps=1000,
        ) as client:
            start = now()
            for at in (0.0, 50.0, 89.9, 90.1, 150.0, 179.0, 181.0):
                await asyncio.sleep(start + at - now())
                await client.request("GET", "/x")

    run(main)
    # bought at 0, refreshed at 90 (100 - 10), then at 180
    assert [round(t - bought[0], 1) for t in bought] == [0.0, 90.1, 181.0]


def test_a_refused_token_is_bought_again_once_and_the_request_replayed() -> None:
    tokens: list[str] = []

    def handler(request: HttpRequest) -> HttpResponse:
        if request.url.endswith("/oauth/token"):
            tokens.append(f"t{len(tokens) + 1}")
            return HttpResponse(
                200, {}, b'{"token": "%s", "expires_in": 1800}' % tokens[-1].encode()
            )
        if request.headers["Authorization"] == "Bearer t1":
            return refused(67200003)
        return ok("with t2")

    async def main() -> Any:
        async with PatsnapClient(
            client_id="cid",
            client_secret="csecret",
            base_url="https://api.test",
            transport=MockTransport(handler),
            max_retries=0,
        ) as client:
            return await client.request("GET", "/x"), client.stats

    data, stats = run(main)
    assert data == "with t2"
    assert tokens == ["t1", "t2"]
    assert (stats.requests, stats.token_requests, stats.retries) == (4, 2, 0)


def test_an_errors_attempts_count_the_replay_with_a_new_token() -> None:
    tokens: list[str] = []
    answers = [refused(67200003), refused(68300004)]
    sent: list[str | None] = []

    def handler(request: HttpRequest) -> HttpResponse:
        if request.url.endswith("/oauth/token"):
            tokens.append(f"t{len(tokens) + 1}")
            return HttpResponse(
                200, {}, b'{"token": "%s", "expires_in": 1800}' % tokens[-1].encode()
            )
        sent.append(request.headers["Authorization"])
        return answers.pop(0)

    async def main() -> APIError:
        async with PatsnapClient(
            client_id="cid",
            client_secret="csecret",
            base_url="https://api.test",
            transport=MockTransport(handler),
        ) as client:
            with pytest.raises(InvalidParameterError) as caught:
                await client.request("GET", "/x")
            return caught.value

    error = run(main)
    # the refused token was dropped only for the replay, which carried a new one
    assert sent == ["Bearer t1", "Bearer t2"]
    assert error.attempts == 2


def test_backoff_waits_double_without_jitter_and_then_gives_up() -> None:
    script = Script(refused(0, 500))

    async def main() -> APIError:
        async with client_with(script, max_retries=3) as client:
            with pytest.raises(ServerError) as caught:
                await client.request("GET", "/x")
            return caught.value

    error = run(main)
    gaps = [b - a for a, b in itertools.pairwise(script.times)]
    assert gaps == pytest.approx([0.5, 1.0, 2.0], abs=1e-6)
    assert error.attempts == 4


def test_a_network_failure_is_retried_and_then_answers() -> None:
    script = Script(TransportError("dropped"), TransportError("dropped"), ok("done"))

    async def main() -> Any:
        async with client_with(script) as client:
            return await client.request("GET", "/x"), client.stats

    data, stats = run(main)
    assert data == "done"
    assert (stats.requests, stats.retries) == (3, 2)
    assert script.times[2] - script.times[0] == pytest.approx(1.5, abs=1e-6)


def test_rate_limited_attempts_do_not_use_up_max_retries() -> None:
    script = Script(*[refused(67200002)] * 7, ok("through"))

    async def main() -> Any:
        async with client_with(script, max_retries=1) as client:
            return await client.request("GET", "/x"), client.stats

    data, stats = run(main)
    assert data == "through"
    assert stats.rate_limited == 7
    # each waits the policy's rate_limit_delay, at least
    assert all(b - a >= 0.5 for a, b in itertools.pairwise(script.times))


def test_a_429_retry_after_holds_the_whole_pacer() -> None:
    first = Script(HttpResponse(429, {"retry-after": "3"}, b""), ok("a"))
    second = Script(ok("b"))

    def handler(request: HttpRequest) -> HttpResponse:
        return (first if request.url.endswith("/a") else second)(request)

    async def main() -> list[Any]:
        async with client_with(handler, qps=10) as client:
            task = asyncio.ensure_future(client.request("GET", "/a"))
            await asyncio.sleep(1.0)  # the 429 came back; /b asks during the pause
            return [await client.request("GET", "/b"), await task]

    assert run(main) == ["b", "a"]
    start = first.times[0]
    assert first.times[1] - start == pytest.approx(3.0, abs=0.01)
    assert second.times[0] - start >= 3.0 - 1e-9  # held, though asked at 1 s


def test_an_http_429_retry_after_is_honoured_by_the_pacer_not_one_call() -> None:
    # The session's own wait is recorded, not slept: what holds the retry, and a call
    # asked meanwhile, is the pacer's pause.
    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(seconds)

    first = Script(HttpResponse(429, {"Retry-After": "0.25"}, b""), ok("a"))
    second = Script(ok("b"))

    def handler(request: HttpRequest) -> HttpResponse:
        return (first if request.url.endswith("/a") else second)(request)

    async def main() -> Any:
        retry = RetryPolicy(rate_limit_delay=0.0, sleep=record)
        async with client_with(handler, retry=retry) as client:
            task = asyncio.ensure_future(client.request("GET", "/a"))
            await asyncio.sleep(0.1)  # the 429 came back; /b asks during the pause
            return [await client.request("GET", "/b"), await task], client.stats

    answers, stats = run(main)
    assert answers == ["b", "a"]
    assert len(first.times) == 2  # a 429, then the answer
    assert waits == [0.25]
    assert stats.rate_limited == 1
    start = first.times[0]
    # everyone held, not one
    assert first.times[1] - start == pytest.approx(0.25, abs=0.01)
    assert second.times[0] - start >= 0.25 - 1e-9


def test_a_429_error_carries_retry_after_when_it_gives_up() -> None:
    script = Script(HttpResponse(429, {"Retry-After": "7"}, b""))

    async def main() -> RateLimitError:
        async with client_with(script, max_retries=0) as client:
            with pytest.raises(RateLimitError) as caught:
                await client.request("GET", "/x")
            return caught.value

    assert run(main).retry_after == 7.0


def test_a_redirect_is_an_error_naming_where_without_the_query() -> None:
    script = Script(HttpResponse(302, {"Location": "https://else.test/p?apikey=sk-secret"}))

    async def main() -> TransportError:
        async with client_with(script) as client:
            with pytest.raises(TransportError) as caught:
                await client.request("GET", "/x")
            return caught.value

    error = run(main)
    assert "https://else.test/p" in str(error) and "sk-secret" not in str(error)
    assert len(script.times) == 1  # not retried, not followed


def test_a_redirect_never_shows_the_user_and_password_of_its_location() -> None:
    location = "https://PWLEAK:QTOKEN@else.test:8443/p?token=t"
    script = Script(HttpResponse(302, {"Location": location}))

    async def main() -> TransportError:
        async with client_with(script) as client:
            with pytest.raises(TransportError) as caught:
                await client.request("GET", "/x")
            return caught.value

    error = run(main)
    assert "https://else.test:8443/p" in str(error)
    assert "PWLEAK" not in repr(error) and "QTOKEN" not in repr(error)


def test_a_retry_after_longer_than_the_policys_longest_wait_is_cut_to_it() -> None:
    # An hour's Retry-After would hold every request of the client for an hour.
    script = Script(HttpResponse(429, {"Retry-After": "3600"}, b""), ok("a"))

    async def main() -> Any:
        retry = RetryPolicy(max_delay=5.0, jitter=False)
        async with client_with(script, retry=retry) as client:
            return await client.request("GET", "/a")

    assert run(main) == "a"
    assert script.times[1] - script.times[0] == pytest.approx(5.0, abs=0.01)


def selves(error: BaseException) -> list[str]:
    """The reprs of the objects whose methods `error` went through, as a traceback's
    captured locals show them (`self` of each frame)."""
    shown = []
    frame = error.__traceback__
    while frame is not None:
        if "self" in frame.tb_frame.f_locals:
            shown.append(repr(frame.tb_frame.f_locals["self"]))
        frame = frame.tb_next
    return shown


def test_no_secret_in_logs_reprs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="patsnap_async")
    secret, token = "s3cr3t-client-secret-value", "TOKEN-the-platform-issued-42"
    good = "Basic " + base64.b64encode(f"cid-1:{secret}".encode()).decode()
    answers = [refused(68300008), refused(67200004)]

    def handler(request: HttpRequest) -> HttpResponse:
        if request.url.endswith("/oauth/token"):
            if request.headers["Authorization"] != good:
                return refused(67200003)
            body = {"token": token, "expires_in": 1800}
            return HttpResponse(200, {}, json.dumps(body).encode())
        return answers.pop(0)

    def client(client_id: str) -> PatsnapClient:
        return PatsnapClient(
            client_id=client_id,
            client_secret=secret,
            base_url="https://api.test",
            transport=MockTransport(handler),
            retry=NO_JITTER,
        )

    async def main() -> list[str]:
        async with client("cid-1") as ours:
            with pytest.raises(PermissionDeniedError) as denied:
                await ours.request("GET", "/x")
            texts = [repr(ours), str(denied.value), repr(denied.value), *selves(denied.value)]
        async with client("x") as bad:
            with pytest.raises(AuthenticationError) as refused_secret:
                await bad.request("GET", "/x")
        error = refused_secret.value
        texts += [str(error), repr(error), *selves(error), repr(bad)]
        key_client = PatsnapClient(api_key="sk-very-secret-api-key", base_url="https://api.test")
        texts.append(repr(key_client))
        await key_client.close()
        return texts

    texts = [*run(main), caplog.text]
    for text in texts:
        assert secret not in text
        assert token not in text
        assert "sk-very-secret-api-key" not in text
    # the session and the token cache were among the reprs
    assert any(text.startswith("<Session") for text in texts)
    assert any(text.startswith("<TokenCache") for text in texts)
    assert "retry 1/5" in caplog.text  # the retry decision and its wait are logged
    assert "not retrying: 67200004" in caplog.text


def test_the_token_cache_shows_no_token_it_holds() -> None:
    async def buy() -> TokenGrant:
        return TokenGrant("TOKEN-the-platform-issued-42", 1800)

    async def main() -> str:
        cache = TokenCache(buy, clock=now)
        assert await cache.get() == "TOKEN-the-platform-issued-42"
        return repr(cache)

    assert run(main) == "<TokenCache token cached>"


def test_an_answer_s_repr_shows_neither_its_body_nor_its_headers() -> None:
    answer = HttpResponse(200, {"Set-Cookie": "s=COOKIE"}, b'{"token": "TOKENABC"}')
    assert "TOKENABC" not in repr(answer) and "COOKIE" not in repr(answer)


def test_the_pacer_spaces_requests_on_the_virtual_clock() -> None:
    script = Script(ok())

    async def main() -> None:
        async with client_with(script, qps=5) as client:
            await asyncio.gather(*(client.request("GET", "/x") for _ in range(20)))

    run(main)
    times = script.times
    assert len(times) == 20
    # never more than 5 in any window of the server's second plus the pacer's margin
    assert max(sum(1 for t in times if s <= t < s + 1.02) for s in times) == 5
    # evenly spaced at 0.98 * 5 per second, no burst at the start
    assert min(b - a for a, b in itertools.pairwise(times)) >= 1 / 4.9 - 1e-6
    assert times[-1] - times[0] == pytest.approx(19 / 4.9, abs=0.3)


def test_with_options_shares_the_session_and_applies_its_own() -> None:
    # One connection slot, one pacer, one token, one transport and one set of counters
    # for the client and its copy, each seen from the outside: the copy's request waits
    # for the original's slot, both ask the same limiter, the copy buys no token of its
    # own, and both requests reach the same transport.
    answers = [refused(0, 500), ok("slow"), ok("fine")]
    limiter = PriorityLimiter()

    async def handler(request: HttpRequest) -> HttpResponse:
        if request.url.endswith("/oauth/token"):
            return HttpResponse(200, {}, b'{"token": "tok-1", "expires_in": 1800}')
        if request.path.endswith("/patent-family"):
            return ok([])
        answer = answers.pop(0)
        if answer.body.endswith(b'"slow"}'):
            await asyncio.sleep(1.0)
        return answer

    transport = MockTransport(handler)

    async def main() -> None:
        async with PatsnapClient(
            client_id="cid",
            client_secret="csecret",
            base_url="https://api.test",
            transport=transport,
            limiter=limiter,
            retry=NO_JITTER,
            max_retries=4,
            timeout=30,
            max_concurrency=1,
        ) as client:
            quick = client.with_options(timeout=120, max_retries=0)
            assert quick.stats is client.stats
            with pytest.raises(ServerError) as caught:
                await quick.request("GET", "/x")
            assert caught.value.attempts == 1  # max_retries=0 applied
            assert transport.requests[-1].timeout == 120
            await quick.close()  # closes nothing: the original owns the transport
            slow = asyncio.ensure_future(client.request("GET", "/x"))
            await asyncio.sleep(0)
            started = now()
            assert await quick.request("GET", "/x") == "fine"
            assert now() - started == pytest.approx(1.0, abs=1e-6)  # waited for the slot
            assert await slow == "slow"
            assert transport.requests[-2].timeout == 30
            assert transport.requests[-1].timeout == 120
            # the resources of each speak with its own options
            await quick.patents.family(["US1B2"])
            assert transport.requests[-1].timeout == 120
            await client.patents.family(["US1B2"])
            assert transport.requests[-1].timeout == 30
            assert client.stats.requests == 6
            assert client.stats.token_requests == 1  # the copy used the original's token

    run(main)
    purchase, *calls = transport.requests
    assert purchase.url.endswith("/oauth/token")
    assert {call.headers["Authorization"] for call in calls} == {"Bearer tok-1"}
    # the same limiter paced them all: the purchase a first try waited for went first
    assert limiter.priorities == [False, True, False, False, False, False]


def test_bad_transport_and_options_are_refused_before_anything_is_sent() -> None:
    with pytest.raises(ConfigurationError, match="transport must have send"):
        PatsnapClient(api_key="k", transport=object())  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="not both"):
        PatsnapClient(api_key="k", transport=MockTransport(ok), session=object())  # type: ignore[arg-type]
    client = PatsnapClient(api_key="k", transport=MockTransport(ok))
    with pytest.raises(ConfigurationError, match=r"timeout.*-1"):
        client.with_options(timeout=-1)
    with pytest.raises(ConfigurationError, match=r"max_retries.*1\.5"):
        client.with_options(max_retries=1.5)  # type: ignore[arg-type]


class PlainLimiter:
    """A limiter of the two-method protocol: admits at once, counts slow-downs."""

    def __init__(self) -> None:
        self.slowed = 0

    async def acquire(self) -> None:
        pass

    def slow_down(self) -> None:
        self.slowed += 1


class PriorityLimiter(PlainLimiter):
    """A limiter that takes `priority=` and says which attempts had it."""

    def __init__(self) -> None:
        super().__init__()
        self.priorities: list[bool] = []

    async def acquire(self, *, priority: bool = False) -> None:  # type: ignore[override]
        self.priorities.append(priority)


def test_a_limiter_without_tickets_hears_of_a_refusal_through_slow_down() -> None:
    limiter = PlainLimiter()
    script = Script(refused(67200002), refused(67200002), ok("in"))

    async def main() -> Any:
        async with client_with(script, limiter=limiter) as client:
            return await client.request("GET", "/x")

    assert run(main) == "in"
    assert limiter.slowed == 2


def test_retries_and_token_purchases_ask_the_limiter_for_priority() -> None:
    limiter = PriorityLimiter()

    def handler(request: HttpRequest) -> HttpResponse:
        if request.url.endswith("/oauth/token"):
            return HttpResponse(200, {}, b'{"token": "t", "expires_in": 1800}')
        return refused(0, 503) if len(limiter.priorities) < 4 else ok("in")

    async def main() -> Any:
        async with PatsnapClient(
            client_id="c",
            client_secret="s",
            base_url="https://api.test",
            transport=MockTransport(handler),
            limiter=limiter,
            retry=NO_JITTER,
        ) as client:
            return await client.request("GET", "/x")

    assert run(main) == "in"
    # the first try, the token purchase it waits for, then two retries
    assert limiter.priorities == [False, True, True, True]
