"""Spans, metrics, hooks and raw answers of a client, read with OpenTelemetry's SDK.

The platform is a `MockTransport` on a virtual clock, with client credentials, so that
a token and `apikey=` exist in every run: a batch of three requests, one retried after
68300008, one resent after 67200002 and one replayed after its token was refused
(67200003). Providers are given to each client (`tracer_provider=`, `meter_provider=`)
rather than set globally, so tests do not share them; the global provider is set only
in subprocesses.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from opentelemetry import trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from patsnap_async import (
    AnswerReceived,
    ConfigurationError,
    Hooks,
    HttpRequest,
    HttpResponse,
    Pacer,
    PatsnapClient,
    PatsnapError,
    RateLimited,
    RawResponse,
    RequestSent,
    RetryPolicy,
    RetryScheduled,
    TokenRefreshed,
)
from patsnap_async.endpoints import PAGE_PAGING
from patsnap_async.testing import MockTransport

from .conftest import ServeFactory
from .virtual_time import run

CLIENT_ID = "id-SECRET-41"
CLIENT_SECRET = "secret-SECRET-42"
TOKENS = ("tok-SECRET-43", "tok-SECRET-44", "tok-SECRET-45")
SECRETS = (CLIENT_ID, CLIENT_SECRET, *TOKENS, "apikey", "SECRET")
FAMILY = "/basic-patent-data/patent-family"
IDS = [f"US{n}B2" for n in range(1_000_000, 1_000_250)] + ["UNKNOWN1"]
NO_JITTER = RetryPolicy(initial_delay=0.5, rate_limit_delay=0.5, jitter=False)


def answer(data: Any = None, *, code: int = 0, status: int = 200) -> HttpResponse:
    body = {"status": code == 0, "error_code": code, "error_msg": None if code == 0 else "no"}
    if code == 0:
        body["data"] = data
    return HttpResponse(status, {"Content-Type": "application/json"}, json.dumps(body).encode())


class Platform:
    """Tokens, and families whose first answer to each chunk is scripted.

    The chunk starting with the first id is refused once as 68300008 (a retry), the
    second as 67200002 (a rate-limited resend), the third as 67200003 (a stale token:
    a replay with a new one).
    """

    def __init__(self) -> None:
        self.tokens = iter(TOKENS)
        self.first = {IDS[0]: 68300008, IDS[100]: 67200002, IDS[200]: 67200003}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/oauth/token":
            grant = {"token": next(self.tokens), "expires_in": 1799}
            return HttpResponse(200, {}, json.dumps(grant).encode())
        ids = str(request.params.get("patent_number", "")).split(",")
        code = self.first.pop(ids[0], 0)
        if code:
            return answer(code=code)
        return answer([{"pn": pn} for pn in ids if not pn.startswith("UNKNOWN")])


class Telemetry:
    """An in-memory tracer and meter provider, and what they hold."""

    def __init__(self) -> None:
        self.spans_exporter = InMemorySpanExporter()
        self.tracer_provider = TracerProvider()
        self.tracer_provider.add_span_processor(SimpleSpanProcessor(self.spans_exporter))
        self.reader = InMemoryMetricReader()
        self.meter_provider = MeterProvider(metric_readers=[self.reader])

    @property
    def spans(self) -> list[ReadableSpan]:
        return list(self.spans_exporter.get_finished_spans())

    def named(self, prefix: str) -> list[ReadableSpan]:
        return [s for s in self.spans if s.name.startswith(prefix)]

    def metrics(self) -> dict[str, list[Any]]:
        """Each metric's data points, by name."""
        found: dict[str, list[Any]] = {}
        data = self.reader.get_metrics_data()
        for resource in data.resource_metrics if data else ():
            for scope in resource.scope_metrics:
                for metric in scope.metrics:
                    found.setdefault(metric.name, []).extend(metric.data.data_points)
        return found

    def total(self, name: str) -> float:
        return sum(point.value for point in self.metrics().get(name, []))


@pytest.fixture
def otel() -> Telemetry:
    return Telemetry()


def client_for(
    handler: Callable[[HttpRequest], HttpResponse], otel: Telemetry | None, **options: Any
) -> PatsnapClient:
    options.setdefault("retry", NO_JITTER)
    options.setdefault("qps", 1000)
    if otel is not None:
        options |= {"tracer_provider": otel.tracer_provider, "meter_provider": otel.meter_provider}
    return PatsnapClient(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        base_url="https://api.test",
        transport=MockTransport(handler),
        **options,
    )


def batch_under_a_route(otel: Telemetry, **options: Any) -> PatsnapClient:
    """The batch, called under a span of the caller's (a web framework's route)."""
    route = otel.tracer_provider.get_tracer("app")

    async def main() -> PatsnapClient:
        async with client_for(Platform(), otel, **options) as client:
            with route.start_as_current_span("GET /families"):
                result = await client.patents.family(IDS)
            assert len(result) == 250 and result.missing == ("UNKNOWN1",)
            return client

    return run(main)


def test_a_batch_is_one_span_under_the_callers_with_a_child_per_attempt(otel: Telemetry) -> None:
    batch_under_a_route(otel)
    (route,) = otel.named("GET /families")
    (call,) = otel.named("patsnap.lookup")
    assert call.name == "patsnap.lookup P014 family"
    assert call.parent is not None and call.parent.span_id == route.context.span_id
    assert call.kind == trace.SpanKind.INTERNAL
    assert call.attributes is not None
    assert {k: v for k, v in call.attributes.items() if k != "patsnap.endpoint.path"} == {
        "patsnap.call.kind": "lookup",
        "patsnap.endpoint.code": "P014",
        "patsnap.endpoint.name": "family",
        "patsnap.ids": 251,
        "patsnap.records": 250,
        "patsnap.missing": 1,
        "patsnap.billed": 250,
        "patsnap.failed": 0,
        "patsnap.unsent": 0,
        "patsnap.requests": 6,  # three chunks, a retry, a resend, a replay
        "patsnap.retries": 2,  # the retry and the resend (a replay is no retry)
        "patsnap.rate_limited": 1,
    }
    attempts = [s for s in otel.spans if s.kind == trace.SpanKind.CLIENT]
    assert all(s.parent is not None and s.parent.span_id == call.context.span_id for s in attempts)
    kinds = sorted(str((s.attributes or {})["patsnap.attempt.kind"]) for s in attempts)
    assert kinds == sorted(
        ["token", "first", "first", "first", "retry", "rate_limited_resend", "token",
         "token_replay"]
    )  # fmt: skip


def test_an_attempt_span_follows_the_http_client_conventions(otel: Telemetry) -> None:
    batch_under_a_route(otel)
    by_kind = {(s.attributes or {})["patsnap.attempt.kind"]: s for s in otel.named(f"GET {FAMILY}")}
    retry = by_kind["retry"]
    assert retry.name == f"GET {FAMILY}"
    attributes = dict(retry.attributes or {})
    assert attributes.pop("patsnap.slot.wait") >= 0
    assert attributes.pop("patsnap.pacer.wait") >= 0
    assert attributes == {
        "http.request.method": "GET",
        "url.path": FAMILY,  # no `url.template`: it is the path itself
        "server.address": "api.test",
        "server.port": 443,
        "http.request.resend_count": 1,
        "http.response.status_code": 200,
        "patsnap.attempt.kind": "retry",
        "patsnap.endpoint.code": "P014",
    }
    failed = [
        s for s in otel.named(f"GET {FAMILY}") if (s.attributes or {}).get("patsnap.error_code")
    ]
    codes = {s.attributes["patsnap.error_code"]: s for s in failed if s.attributes}
    assert sorted(codes) == [67200002, 67200003, 68300008]
    retried = dict(codes[68300008].attributes or {})
    assert retried == retried | {
        "error.type": "ServerError",
        "patsnap.retry.action": "retry",
        "patsnap.retry.wait": 0.5,
    }
    assert codes[68300008].status.status_code == trace.StatusCode.ERROR
    limited = codes[67200002]
    assert [e.name for e in limited.events] == ["patsnap.rate_limited"]
    assert dict(limited.events[0].attributes or {}) == {
        "patsnap.error_code": 67200002,
        "http.response.status_code": 200,
    }
    assert (limited.attributes or {})["patsnap.retry.action"] == "resend"
    assert (codes[67200003].attributes or {})["patsnap.retry.action"] == "replay"


def test_the_time_waited_in_the_pacer_is_on_each_attempt(otel: Telemetry) -> None:
    # Two requests a second: the pacer's log holds two in any 1.02 s (its 20 ms margin),
    # the token purchase at 0 and the first lookup at 0.5, so on the virtual clock the
    # second lookup waits 0.52 s for the pacer, to the microsecond.
    async def main() -> None:
        async with client_for(Platform(), otel, qps=2 / 0.98) as client:
            await client.lookup("P014", IDS[:100])
            await client.lookup("P014", IDS[150:200])

    run(main)
    waits = [(s.attributes or {})["patsnap.pacer.wait"] for s in otel.named(f"GET {FAMILY}")]
    assert waits[1] == pytest.approx(0.52, abs=1e-6)


def test_a_429_tells_its_retry_after(otel: Telemetry) -> None:
    answers = iter([answer(code=0, status=429), answer([{"pn": "US1B2"}])])

    def platform(request: HttpRequest) -> HttpResponse:
        if request.path == "/oauth/token":
            return HttpResponse(200, {}, json.dumps({"token": TOKENS[0]}).encode())
        first = next(answers)
        if first.status == 429:
            return HttpResponse(429, {"Retry-After": "2"}, b"")
        return first

    async def main() -> None:
        async with client_for(platform, otel) as client:
            await client.patents.family(["US1B2"])

    run(main)
    (limited,) = [s for s in otel.named(f"GET {FAMILY}") if s.events]
    assert [(e.name, dict(e.attributes or {})) for e in limited.events] == [
        ("patsnap.rate_limited", {"http.response.status_code": 429}),
        ("patsnap.retry_after", {"patsnap.retry_after": 2.0}),
    ]
    assert (limited.attributes or {})["error.type"] == "429"


def test_metrics_match_the_client_stats(otel: Telemetry) -> None:
    client = batch_under_a_route(otel)
    stats = client.stats
    assert otel.total("patsnap.client.requests") == stats.requests == 8
    assert otel.total("patsnap.client.retries") == stats.retries == 2
    assert otel.total("patsnap.client.rejections") == stats.rate_limited == 1
    assert otel.total("patsnap.client.token_requests") == stats.token_requests == 2
    assert otel.total("patsnap.client.billed_records") == stats.billed_results == 250
    assert otel.total("http.client.active_requests") == 0  # every one landed
    durations = otel.metrics()["http.client.request.duration"]
    assert sum(point.count for point in durations) == stats.requests
    (limited,) = otel.metrics()["patsnap.client.rejections"]
    assert limited.attributes["patsnap.error_code"] == 67200002


def test_ids_answered_from_the_record_cache_are_counted_not_billed(
    otel: Telemetry, tmp_path: Path
) -> None:
    # A real SQLite cache (its reads go through a thread): on a real event loop.
    platform = Platform()
    platform.first.clear()

    async def main() -> PatsnapClient:
        async with client_for(platform, otel, cache=tmp_path / "records.sqlite3") as client:
            await client.patents.family(IDS)  # fetched and stored
            again = await client.patents.family(IDS)  # all from the cache
            assert len(again.cached) == len(IDS)
            return client

    stats = asyncio.run(main()).stats
    first, second = otel.named("patsnap.lookup")
    assert first.attributes is not None and second.attributes is not None
    assert first.attributes["patsnap.billed"] == 250
    assert "patsnap.cache_hits" not in first.attributes
    assert second.attributes["patsnap.cache_hits"] == 251  # the missing id too
    assert second.attributes["patsnap.billed_saved"] == 250
    assert "patsnap.billed" not in second.attributes and "patsnap.requests" not in second.attributes
    assert otel.total("patsnap.client.cache_hits") == stats.cache_hits == 251
    assert otel.total("patsnap.client.billed_records") == stats.billed_results == 250
    (hits,) = otel.metrics()["patsnap.client.cache_hits"]
    assert hits.attributes["patsnap.endpoint.code"] == "P014"


def test_the_pacer_gauges_read_the_pacer_while_the_client_is_open(otel: Telemetry) -> None:
    pacer = Pacer(40)

    async def main() -> dict[str, list[Any]]:
        async with client_for(Platform(), otel, limiter=pacer) as client:
            await client.patents.family(IDS[:10])
            return otel.metrics()

    metrics = run(main)
    (rate,) = metrics["patsnap.pacer.rate"]
    assert rate.value == pytest.approx(pacer.current_rate())
    assert rate.attributes == {"server.address": "api.test"}
    assert "patsnap.pacer.accepted_qps" not in metrics  # no lower limit found
    assert "patsnap.pacer.rate" not in otel.metrics()  # closed: the client left


def walk(value: Any) -> Iterator[str]:
    """Every string (and repr) inside an attribute value."""
    if isinstance(value, str | bytes):
        yield str(value)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from walk(item)
    else:
        yield repr(value)


def test_no_secret_in_any_span_event_metric_or_hook(otel: Telemetry) -> None:
    seen: list[object] = []
    hooks = Hooks(
        request_sent=seen.append,
        answer_received=seen.append,
        rate_limited=seen.append,
        retry_scheduled=seen.append,
        token_refreshed=seen.append,
    )
    transport_log: list[HttpRequest] = []
    platform = Platform()

    def logged(request: HttpRequest) -> HttpResponse:
        transport_log.append(request)
        return platform(request)

    async def main() -> None:
        async with client_for(logged, otel, hooks=hooks) as client:
            await client.patents.family(IDS)
            await client.with_raw_response.request("GET", FAMILY, params={"patent_number": "US1"})

    run(main)
    # The secrets were there to leak: on the wire, in every business request.
    business = [r for r in transport_log if r.path != "/oauth/token"]
    assert all(r.params.get("apikey") == CLIENT_ID for r in business)
    texts: list[str] = []
    for span in otel.spans:
        texts += [span.name, span.status.description or ""]
        texts += [t for key, v in (span.attributes or {}).items() for t in (key, *walk(v))]
        for event in span.events:
            texts.append(event.name)
            texts += [t for k, v in (event.attributes or {}).items() for t in (k, *walk(v))]
        texts += [t for k, v in span.resource.attributes.items() for t in (k, *walk(v))]
    for name, points in otel.metrics().items():
        texts.append(name)
        texts += [t for p in points for k, v in p.attributes.items() for t in (k, *walk(v))]
    texts += [repr(event) for event in seen]
    assert len(otel.spans) >= 9 and len(seen) > 20
    leaks = [text for text in texts if any(secret in text for secret in SECRETS)]
    assert leaks == []


def test_hooks_are_called_in_order() -> None:
    events: list[object] = []
    hooks = Hooks(
        request_sent=events.append,
        answer_received=events.append,
        rate_limited=events.append,
        retry_scheduled=events.append,
        token_refreshed=events.append,
    )
    answers = iter([answer(code=67200002), answer([{"pn": "US1B2"}])])

    def platform(request: HttpRequest) -> HttpResponse:
        if request.path == "/oauth/token":
            return HttpResponse(200, {}, json.dumps({"token": TOKENS[0]}).encode())
        return next(answers)

    async def main() -> None:
        async with client_for(platform, None, hooks=hooks) as client:
            await client.patents.family(["US1B2"])

    run(main)
    assert [type(e).__name__ for e in events] == [
        "RequestSent",  # the token purchase
        "AnswerReceived",
        "TokenRefreshed",
        "RequestSent",
        "AnswerReceived",
        "RateLimited",
        "RetryScheduled",
        "RequestSent",
        "AnswerReceived",
    ]
    token_sent, _, bought, sent, refused, limited, retry, resent, answered = events
    assert isinstance(token_sent, RequestSent) and token_sent.kind == "token"
    assert isinstance(bought, TokenRefreshed) and bought.expires_in == 1799.0
    assert sent == RequestSent("GET", FAMILY, 1, "first", "P014", sent.pacer_wait)  # type: ignore[union-attr]
    assert isinstance(refused, AnswerReceived) and refused.error_code == 67200002
    assert limited == RateLimited("GET", FAMILY, 1, "P014", 67200002, 200, None)
    assert isinstance(retry, RetryScheduled)
    assert (retry.action, retry.wait, retry.attempt) == ("resend", 0.5, 1)
    assert isinstance(resent, RequestSent) and resent.kind == "rate_limited_resend"
    assert isinstance(answered, AnswerReceived) and answered.error is None
    assert answered.http_status == 200 and answered.attempt == 2


def test_a_hook_that_raises_is_logged_and_never_breaks_the_call(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(event: object) -> None:
        raise RuntimeError("a bug in the hook")

    hooks = Hooks(request_sent=broken, answer_received=broken, retry_scheduled=broken)
    caplog.set_level(logging.WARNING, logger="patsnap_async")

    async def main() -> int:
        async with client_for(Platform(), None, hooks=hooks) as client:
            return len(await client.patents.family(IDS))

    assert run(main) == 250
    warnings = [r for r in caplog.records if "hook" in r.getMessage()]
    assert warnings and all(r.exc_info and r.exc_info[0] is RuntimeError for r in warnings)
    assert "broken raised on RequestSent; the call goes on" in warnings[0].getMessage()


async def not_a_plain_function(event: object) -> None:
    pass


@pytest.mark.parametrize("hook", [not_a_plain_function, "print"])
def test_a_hook_must_be_a_plain_function(hook: Any) -> None:
    with pytest.raises(ConfigurationError, match="request_sent"):
        Hooks(request_sent=hook)
    with pytest.raises(ConfigurationError, match="hooks must be a Hooks"):
        PatsnapClient(api_key="sk-x", hooks=print)  # type: ignore[arg-type]


def test_a_drain_is_one_span_from_its_first_page_to_its_end(otel: Telemetry) -> None:
    def platform(request: HttpRequest) -> HttpResponse:
        if request.path == "/oauth/token":
            return HttpResponse(200, {}, json.dumps({"token": TOKENS[0]}).encode())
        page = request.json["page"]
        items = [{"pn": f"US{page}{i}B2"} for i in range(100 if page < 3 else 50)]
        return answer({"patents": items, "total": 250})

    async def main() -> int:
        async with client_for(platform, otel) as client:
            pager = client.paginate(
                "POST", "/list", paging=PAGE_PAGING, items="patents", total="total", key="pn"
            )
            return len([item async for item in pager])

    assert run(main) == 250
    (drain,) = otel.named("patsnap.listing")
    assert drain.name == "patsnap.listing paginate"
    attributes = drain.attributes or {}
    assert (attributes["patsnap.items"], attributes["patsnap.pages"]) == (250, 3)
    assert (attributes["patsnap.list.total"], attributes["patsnap.list.truncated"]) == (250, False)
    pages = otel.named("POST /list")
    assert len(pages) == 3
    assert all(p.parent is not None and p.parent.span_id == drain.context.span_id for p in pages)


def test_a_drain_left_early_is_no_error(otel: Telemetry) -> None:
    def platform(request: HttpRequest) -> HttpResponse:
        if request.path == "/oauth/token":
            return HttpResponse(200, {}, json.dumps({"token": TOKENS[0]}).encode())
        return answer({"patents": [{"pn": f"US{i}"} for i in range(100)], "total": 1000})

    async def main() -> None:
        async with client_for(platform, otel) as client:
            pager = client.paginate(
                "POST", "/list", paging=PAGE_PAGING, items="patents", total="total"
            )
            async with pager:
                async for _ in pager:
                    break

    run(main)
    (drain,) = otel.named("patsnap.listing")
    assert drain.status.status_code == trace.StatusCode.UNSET
    assert (drain.attributes or {})["patsnap.items"] == 1


def test_a_job_wait_is_one_span_over_its_polls(otel: Telemetry) -> None:
    states = iter(["RUNNING", "RUNNING", "SUCCESS"])

    def platform(request: HttpRequest) -> HttpResponse:
        if request.path == "/oauth/token":
            return HttpResponse(200, {}, json.dumps({"token": TOKENS[0]}).encode())
        return answer({"status": next(states), "job_id": "J1"})

    async def main() -> None:
        async with client_for(platform, otel) as client:
            await client.sequences.wait("J1", poll_interval=5)

    run(main)
    (wait,) = otel.named("patsnap.wait")
    assert wait.name == "patsnap.wait B003/4-0 job_status"
    assert (wait.attributes or {})["patsnap.job.polls"] == 3
    assert (wait.attributes or {})["patsnap.job.status"] == "SUCCESS"
    polls = otel.named("patsnap.call B003/4-0")
    assert len(polls) == 3
    assert all(p.parent is not None and p.parent.span_id == wait.context.span_id for p in polls)


def test_the_raw_answer_of_a_call_and_of_each_request_of_a_batch() -> None:
    async def main() -> tuple[RawResponse[Any], RawResponse[Any]]:
        async with client_for(Platform(), None) as client:
            one = await client.with_raw_response.request(
                "GET", FAMILY, params={"patent_number": "US7B2"}
            )
            batch = await client.with_raw_response.patents.family(IDS)
            with pytest.raises(AttributeError, match="listing"):
                getattr(client.with_raw_response.search, "iter_query")  # noqa: B009
            return one, batch

    one, batch = run(main)
    assert one.parsed == [{"pn": "US7B2"}]
    assert (one.http_status, one.status, one.error_code, one.error_msg) == (200, True, 0, None)
    assert one.headers == {"Content-Type": "application/json"}
    assert len(batch.parsed) == 250
    assert [a.http_status for a in batch.answers] == [200, 200, 200]
    assert sorted(a.attempt for a in batch.answers) == [2, 2, 2]  # each after its refusal
    assert "headers" not in repr(batch.answers[0])


def test_a_failed_call_keeps_every_answer_it_received() -> None:
    def refusing(request: HttpRequest) -> HttpResponse:
        if request.path == "/oauth/token":
            return HttpResponse(200, {}, json.dumps({"token": "t", "expires_in": 1799}).encode())
        # A refusal for pacing, then one of the parameters (not retried).
        code = 67200002 if refusing.calls == 0 else 68300004  # type: ignore[attr-defined]
        refusing.calls += 1  # type: ignore[attr-defined]
        return answer(code=code)

    refusing.calls = 0  # type: ignore[attr-defined]

    async def main() -> PatsnapError:
        async with client_for(refusing, None) as client:
            with pytest.raises(PatsnapError) as info:
                await client.with_raw_response.request("GET", FAMILY, params={"pn": "x"})
            with pytest.raises(PatsnapError) as without:
                await client.request("GET", FAMILY, params={"pn": "x"})
            assert without.value.answers == ()  # only a with_raw_response call collects
            return info.value

    error = run(main)
    assert [(a.attempt, a.error_code, a.status) for a in error.answers] == [
        (1, 67200002, False),
        (2, 68300004, False),
    ]
    assert error.answers[-1].headers["Content-Type"] == "application/json"


async def test_the_raw_headers_are_aiohttps_case_insensitive_ones(serve: ServeFactory) -> None:
    async with (
        serve() as (_, url),
        PatsnapClient(api_key="sk-test-api-key", base_url=url) as client,
    ):
        raw = await client.with_raw_response.patents.family(["US11205304B2"])
    assert raw.headers["content-type"].startswith("application/json")
    assert raw.headers["CONTENT-TYPE"] == raw.headers["Content-Type"]


def run_script(script: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PATSNAP_", "OTEL_"))}
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=environment | env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


CALL = """
import asyncio, json
from patsnap_async import Hooks, HttpResponse, PatsnapClient
from patsnap_async.testing import MockTransport

def platform(request):
    body = {"status": True, "error_code": 0, "data": [{"pn": "US1B2"}]}
    return HttpResponse(200, {}, json.dumps(body).encode())

async def call(**options):
    events = []
    transport = MockTransport(platform)
    async with PatsnapClient(api_key="sk-x", transport=transport, hooks=Hooks(
        request_sent=events.append), **options) as client:
        await client.patents.family(["US1B2"])
        raw = await client.with_raw_response.patents.family(["US1B2"])
    return len(events), raw.http_status
"""


def test_without_opentelemetry_nothing_is_imported_and_the_rest_works() -> None:
    script = f"""
import sys

class NoOpenTelemetry:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "opentelemetry":
            raise ImportError(name + " is not installed")

sys.meta_path.insert(0, NoOpenTelemetry())
{CALL}
print(asyncio.run(call()))
print(sorted(m for m in sys.modules if m.startswith("opentelemetry")))
"""
    assert run_script(script).splitlines() == ["(2, 200)", "[]"]


def test_unconfigured_nothing_is_imported_and_a_late_global_provider_is_seen() -> None:
    script = f"""
import sys, time
{CALL}
asyncio.run(call())
print(sorted(m for m in sys.modules if m.startswith("opentelemetry")))

from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

exporter = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(exporter))

async def later() -> list[int]:
    seen = []
    async with PatsnapClient(api_key="sk-x", transport=MockTransport(platform)) as client:
        for wait in (0, 0, 1.05):
            await asyncio.sleep(wait)
            await client.patents.family(["US1B2"])
            seen.append(len(exporter.get_finished_spans()))
            if len(seen) == 1:
                trace.set_tracer_provider(provider)
    return seen

# The API imported, no provider set: nothing to export to. Set after the first call,
# the global provider is seen by the client within a second, with no setting on it.
print(asyncio.run(later()))
exporter.clear()
asyncio.run(call())  # a new client: at once
print(sorted(span.name for span in exporter.get_finished_spans()))
"""
    lines = run_script(script).splitlines()
    assert lines[0] == "[]"
    assert lines[1] == "[0, 0, 2]"
    assert lines[2] == str(
        sorted(["GET /basic-patent-data/patent-family", "patsnap.lookup P014 family"] * 2)
    )
