"""What the pacer learns from the platform: the network's jitter and the account's limit.

The logic runs on a controlled clock; the behaviour runs against the emulator over
127.0.0.1, with a jittery network, a limit below the client's `qps`, and short tokens.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from patsnap_async import PatsnapClient, RetryPolicy, TransportError
from patsnap_async._learners import (
    FIRST_STEP,
    MARGIN,
    MARGIN_STEP,
    MAX_MARGIN,
    MEMORY,
    NARROW_AFTER,
    NARROW_RATE,
    PROBE_AFTER,
)
from patsnap_async._pacing import Departure, Pacer, _Lane
from patsnap_async._protocol import retry_after_seconds as _seconds
from patsnap_async.testing import Emulator

from .conftest import ServeFactory, business, client_for

FAMILY = "/basic-patent-data/patent-family"
RATE_LIMITED = 67200002


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def log_sends(pacer: Pacer, times: list[float], *, answered: bool = True) -> list[Departure]:
    """Departures at `times` in the pacer's log, as if it had admitted them now.

    Answered (settled) unless told not to: then still on their way.
    """
    entries = [Departure(at, pacer._epoch) for at in times]
    for entry in entries:
        entry.settled = answered
    pacer._sent.extend(entries)
    return entries


def full_pace(pacer: Pacer, end: float) -> list[float]:
    """The send times of the second before `end` at the pacer's full rate."""
    rate = pacer.current_rate()
    count = int(rate)
    return [end - (count - i) / rate for i in range(count)]


# --- the logic, on a controlled clock ----------------------------------------------


def test_a_lone_rejection_although_spaced_widens_the_margin_a_little_for_a_while() -> None:
    clock = Clock()
    pacer = Pacer(20, clock=clock)
    assert pacer.margin == MARGIN
    sends = log_sends(pacer, [*full_pace(pacer, 100.0), 100.0])
    pacer.rejected(sends[-1])
    # One answer may be a one-off (a pause of the server or of this process): a small step.
    assert pacer.margin == pytest.approx(MARGIN + FIRST_STEP)
    assert pacer.current_rate() == pytest.approx(19.6)  # the rate itself stays
    assert pacer.accepted_qps is None
    # Sent before the margin changed: its rejection says nothing new.
    pacer.rejected(sends[-2])
    assert pacer.margin == pytest.approx(MARGIN + FIRST_STEP)
    clock.now += NARROW_AFTER
    assert pacer.margin == pytest.approx(MARGIN + FIRST_STEP)
    clock.now += 2
    assert pacer.margin == pytest.approx(MARGIN + FIRST_STEP - 2 * NARROW_RATE)
    clock.now += 1_000
    assert pacer.margin == MARGIN


def refuse_at_full_pace(pacer: Pacer, clock: Clock) -> None:
    """The second before `clock.now` sent at the full pace, and its last send refused."""
    pacer.rejected(log_sends(pacer, [*full_pace(pacer, clock.now), clock.now])[-1])


def test_a_second_rejection_within_memory_widens_fully_and_sets_a_floor() -> None:
    clock = Clock()
    pacer = Pacer(20, clock=clock)
    refuse_at_full_pace(pacer, clock)
    clock.now += NARROW_AFTER + 2
    refused_at = pacer.margin
    assert MARGIN < refused_at < MARGIN + FIRST_STEP
    refuse_at_full_pace(pacer, clock)
    # Not a one-off: the path bunches arrivals by more than `refused_at`.
    assert pacer.margin == pytest.approx(refused_at + MARGIN_STEP)
    # Narrowing stops just above the margin that was refused...
    clock.now += NARROW_AFTER + MARGIN_STEP / NARROW_RATE
    assert pacer.margin == pytest.approx(refused_at + FIRST_STEP)
    clock.now += MEMORY - NARROW_AFTER - MARGIN_STEP / NARROW_RATE
    assert pacer.margin == pytest.approx(refused_at + FIRST_STEP)
    # ...until MEMORY seconds pass with no such answer; then it goes on narrowing.
    clock.now += 3
    assert pacer.margin == pytest.approx(refused_at + FIRST_STEP - 3 * NARROW_RATE)
    clock.now += 1_000
    assert pacer.margin == MARGIN
    # Long after, a rejection is a first one again: a small step.
    refuse_at_full_pace(pacer, clock)
    assert pacer.margin == pytest.approx(MARGIN + FIRST_STEP)


def test_rejections_in_a_row_widen_up_to_the_most_a_path_may_bunch() -> None:
    clock = Clock()
    pacer = Pacer(20, clock=clock)
    margins = []
    for _ in range(8):
        refuse_at_full_pace(pacer, clock)
        margins.append(pacer.margin)
        clock.now += 1
    assert margins[:3] == pytest.approx(
        [
            MARGIN + FIRST_STEP,
            MARGIN + FIRST_STEP + MARGIN_STEP,
            MARGIN + FIRST_STEP + 2 * MARGIN_STEP,
        ]
    )
    assert margins[-1] == MAX_MARGIN
    clock.now += 10_000
    assert pacer.margin == MARGIN


def test_refusals_at_the_widest_margin_find_a_limit_and_the_margin_they_widened_goes() -> None:
    clock = Clock()
    pacer = Pacer(20, clock=clock)
    while pacer.margin < MAX_MARGIN:
        refuse_at_full_pace(pacer, clock)
        clock.now += 1
    # No path bunches arrivals that much: the account takes less than 20. Those
    # refusals were the limit's doing, not the network's.
    for _ in range(3):
        refuse_at_full_pace(pacer, clock)
        clock.now += 1
    assert pacer.accepted_qps == 19
    assert pacer.margin == MARGIN
    # a refusal now is a first one again: a small step
    refuse_at_full_pace(pacer, clock)
    assert pacer.margin == pytest.approx(MARGIN + FIRST_STEP)


def test_a_declared_jitter_is_the_margin_from_the_start_and_its_floor() -> None:
    clock = Clock()
    pacer = Pacer(20, jitter=0.08, clock=clock)
    assert pacer.margin == 0.08
    refuse_at_full_pace(pacer, clock)
    assert pacer.margin == pytest.approx(0.08 + FIRST_STEP)
    clock.now += 1
    refuse_at_full_pace(pacer, clock)
    assert pacer.margin == pytest.approx(0.08 + FIRST_STEP + MARGIN_STEP)
    clock.now += 10_000
    assert pacer.margin == 0.08


@pytest.mark.parametrize("jitter", [-0.01, 0.5, float("nan")])
def test_pacer_rejects_a_bad_jitter(jitter: float) -> None:
    with pytest.raises(ValueError, match="jitter"):
        Pacer(10, jitter=jitter)


def find_limit(pacer: Pacer, clock: Clock, accepted: int) -> None:
    """`accepted` requests in the last 0.25 s went through, then three in a row refused."""
    log_sends(pacer, [clock.now - 0.25 + i * 0.25 / accepted for i in range(accepted)])
    for _ in range(3):
        (refused,) = log_sends(pacer, [clock.now])
        pacer.rejected(refused)
        clock.now += 0.03


def test_rejections_that_keep_coming_bring_the_rate_to_what_the_account_accepts(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    pacer = Pacer(40, clock=clock)
    log_sends(pacer, [clock.now - 0.25 + i * 0.025 for i in range(10)])
    with caplog.at_level(logging.WARNING, logger="patsnap_async"):
        for _ in range(2):
            pacer.rejected(log_sends(pacer, [clock.now])[0])
            # one or two may be another process's burst: only a streak finds a limit
            assert pacer.accepted_qps is None
            clock.now += 0.03
        refused, in_flight = log_sends(pacer, [clock.now, clock.now + 0.01])
        pacer.rejected(refused)
        assert pacer.accepted_qps == 10
        assert pacer.current_rate() == pytest.approx(9.8)
        assert pacer._window_size == 10
        # the refusal of a request sent before the change teaches nothing more
        pacer.rejected(in_flight)
        assert pacer.current_rate() == pytest.approx(9.8)
        assert pacer.margin == MARGIN
        clock.now += 5
        find_limit(pacer, clock, 5)  # a later, lower finding lowers it; one warning only
    assert pacer.accepted_qps == 5
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "accepts about 10 requests/s" in warnings[0] and "qps=40" in warnings[0]


def test_refusals_that_keep_coming_at_the_limit_found_cut_it() -> None:
    clock = Clock()
    pacer = Pacer(40, clock=clock)
    find_limit(pacer, clock, 10)
    # At the limit found and spaced as it should be: bunching, the margin widens...
    clock.now += 2
    find_limit(pacer, clock, 10)
    assert pacer.accepted_qps == 10
    assert pacer.margin > MARGIN
    margins = []
    while pacer.accepted_qps == 10 and len(margins) < 10:
        margins.append(pacer.margin)
        clock.now += 2
        find_limit(pacer, clock, 10)
    # ... up to the widest; then 10 went through and yet: the count says nothing new
    assert margins[-1] == MAX_MARGIN
    assert pacer.accepted_qps == pytest.approx(7)
    # The refusals were the limit's doing: the margin they widened is forgotten.
    assert pacer.margin == MARGIN


def test_a_spaced_refusal_while_refusals_keep_coming_is_not_jitter() -> None:
    clock = Clock()
    pacer = Pacer(40, clock=clock)
    # 10 went through, then a refusal: fewer than the pace allows, the account's doing.
    log_sends(pacer, [clock.now - 0.25 + i * 0.025 for i in range(10)])
    pacer.rejected(log_sends(pacer, [clock.now])[0])
    # A second at the full pace, answered (or not yet) without a refusal, and the
    # latest refused: spaced as it should be, but refusals were already coming. It
    # may be the limit's doing: the margin stays.
    clock.now += 1
    refuse_at_full_pace(pacer, clock)
    assert pacer.margin == MARGIN
    # Once they stopped coming, such a refusal is the network's bunching again.
    clock.now += 5
    refuse_at_full_pace(pacer, clock)
    assert pacer.margin == pytest.approx(MARGIN + FIRST_STEP)


def test_a_limit_counted_while_refusals_were_on_their_way_is_counted_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # qps=40 against an account taking 10 that answers refusals as slowly as the rest:
    # of the 20 requests sent before the first refusal came back, 10 went through and
    # 10 did not, but none of those answers is in yet: they count as accepted.
    clock = Clock()
    pacer = Pacer(40, clock=clock)
    on_their_way = log_sends(
        pacer, [clock.now - 0.5 + i * 0.025 for i in range(20)], answered=False
    )
    with caplog.at_level(logging.WARNING, logger="patsnap_async"):
        for _ in range(3):
            pacer.rejected(log_sends(pacer, [clock.now])[0])
            clock.now += 0.03
        assert pacer.accepted_qps == 20
        pacer._review(clock.now)
        assert pacer.accepted_qps == 20  # not all answered yet
        for i, departure in enumerate(on_their_way):
            if i >= 10:
                pacer.rejected(departure)  # under the old pace: it changes nothing more
            departure.settle()
        pacer._review(clock.now)
    assert pacer.accepted_qps == 10
    assert pacer.current_rate() == pytest.approx(9.8)
    # the warning waited for the figure it gives
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "accepts about 10 requests/s" in warnings[0]


def test_a_full_pace_mostly_refused_is_a_limit_not_jitter() -> None:
    # A platform that counts refused calls starves a client above its limit: whatever
    # the spacing, nearly everything of the last second was refused.
    clock = Clock()
    pacer = Pacer(20, clock=clock)
    sends = log_sends(pacer, full_pace(pacer, clock.now))
    for refused in sends[6:]:
        refused.rejected = True
    for _ in range(3):
        pacer.rejected(log_sends(pacer, [clock.now])[0])
        clock.now += 0.01
    assert pacer.margin == MARGIN
    assert pacer.accepted_qps == 6


def test_a_rejection_now_and_then_finds_no_limit() -> None:
    clock = Clock()
    pacer = Pacer(40, clock=clock)
    for _ in range(5):
        pacer.rejected(log_sends(pacer, [clock.now])[0])
        clock.now += 5  # far apart: never a streak
    assert pacer.accepted_qps is None
    assert pacer.current_rate() == pytest.approx(39.2)


def test_it_probes_a_tenth_higher_and_backs_off_when_refused() -> None:
    clock = Clock()
    pacer = Pacer(40, clock=clock)
    find_limit(pacer, clock, 10)
    assert pacer.current_rate() == pytest.approx(9.8)
    clock.now += PROBE_AFTER
    pacer._probe(clock.now)
    assert pacer.current_rate() == pytest.approx(11 * 0.98)
    assert pacer.accepted_qps == 10  # a probe is not a finding
    # refused: back to the limit found, and twice as long before the next probe
    pacer.rejected(log_sends(pacer, [clock.now])[0])
    assert pacer.current_rate() == pytest.approx(9.8)
    clock.now += PROBE_AFTER
    pacer._probe(clock.now)
    assert pacer.current_rate() == pytest.approx(9.8)
    clock.now += PROBE_AFTER
    pacer._probe(clock.now)
    assert pacer.current_rate() == pytest.approx(11 * 0.98)
    # this probe holds: the account accepts 11, and the next probe tries a tenth more
    clock.now += 2 * PROBE_AFTER
    pacer._probe(clock.now)
    assert pacer.accepted_qps == 11
    assert pacer.current_rate() == pytest.approx(12.1 * 0.98)


def test_probing_back_to_the_configured_qps_forgets_the_finding() -> None:
    clock = Clock()
    pacer = Pacer(11, clock=clock)
    find_limit(pacer, clock, 5)
    for _ in range(6):  # 6, 7, ... 11: each probe holds
        clock.now += PROBE_AFTER
        pacer._probe(clock.now)
    clock.now += PROBE_AFTER
    pacer._probe(clock.now)
    assert pacer.accepted_qps is None
    assert pacer.current_rate() == pytest.approx(11 * 0.98)


async def test_the_lane_lets_priority_waiters_go_first_each_group_in_order() -> None:
    lane = _Lane()
    order: list[str] = []
    await lane.acquire(False)

    async def wait(name: str, priority: bool) -> None:
        await lane.acquire(priority)
        order.append(name)
        lane.release()

    tasks = [
        asyncio.create_task(wait(name, priority))
        for name, priority in [("a", False), ("b", False), ("retry-1", True), ("retry-2", True)]
    ]
    cancelled = asyncio.create_task(wait("gone", True))
    await asyncio.sleep(0)
    cancelled.cancel()
    await asyncio.sleep(0)
    lane.release()
    await asyncio.gather(*tasks)
    assert order == ["retry-1", "retry-2", "a", "b"]
    await lane.acquire(False)  # free again: taken at once
    lane.release()


def test_retry_after_in_seconds_or_as_an_http_date() -> None:
    assert _seconds("3") == 3.0
    assert _seconds(" 0.5 ") == 0.5
    assert _seconds("-2") == 0.0
    assert _seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert _seconds("Fri, 01 Jan 2100 00:00:00 GMT") > 3600  # type: ignore[operator]
    assert _seconds("soon") is None
    assert _seconds(None) is None


# --- against the emulator ------------------------------------------------------------


async def family(client: PatsnapClient, pn: str) -> object:
    return await client.request("GET", FAMILY, params={"patent_number": pn})


def rejected(emu: Emulator) -> list[object]:
    return [s for s in emu.log if s.error_code == RATE_LIMITED]


async def test_without_a_declared_jitter_the_pacer_learns_it(serve: ServeFactory) -> None:
    async with serve(qps=20, network_jitter=0.1, seed=5) as (emu, _):
        async with client_for(emu, api_key=True, qps=20) as client:
            # 3 s of requests: the bunching shows, and is learned, in the first second.
            await asyncio.gather(*(family(client, f"US{i}B2") for i in range(60)))
            pacer = client._session.pacer
            assert isinstance(pacer, Pacer)
            if rejected(emu):  # the arrivals were bunched: the margin widened
                assert pacer.margin > MARGIN
        served = {s.query["patent_number"] for s in business(emu) if s.error_code == 0}
        assert len(served) == 60
        assert len(rejected(emu)) <= 6
        assert client.stats.accepted_qps is None  # jitter, not a lower limit


async def test_a_refused_token_is_bought_again_once_and_replays_go_first(
    serve: ServeFactory,
) -> None:
    async with serve(qps=20) as (emu, _):
        async with client_for(emu, qps=20) as client:
            await family(client, "US0B2")
            emu.expire_tokens()
            await asyncio.gather(*(family(client, f"US{i}B2") for i in range(1, 30)))
        assert [s.path for s in emu.log].count("/oauth/token") == 2
        calls = business(emu)
        refused = [i for i, s in enumerate(calls) if s.error_code == 67200003]
        assert refused
        first_tries = {}
        for i, s in enumerate(calls):
            first_tries.setdefault(s.query["patent_number"], i)
        # a replay waits in no queue again: it goes before the first tries still waiting
        replays = [
            i
            for i, s in enumerate(calls)
            if s.error_code == 0 and first_tries[s.query["patent_number"]] in refused
        ]
        later = sorted(first_tries.values())[-5:]
        assert max(replays) < min(later)


async def test_an_http_429_retry_after_is_honoured(serve: ServeFactory) -> None:
    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(seconds)

    retry = RetryPolicy(rate_limit_delay=0.0, sleep=record)
    async with serve(retry_after=0.25) as (emu, _):
        emu.inject(http_status=429)
        async with client_for(emu, api_key=True, retry=retry) as client:
            await family(client, "US1B2")
            pacer = client._session.pacer
            assert isinstance(pacer, Pacer)
            assert pacer._paused_until > emu.log[0].time + 0.2  # everyone held, not one
        assert [s.http_status for s in emu.log] == [429, 200]
        assert waits == [0.25]
        assert client.stats.rate_limited == 1


@pytest.fixture
async def redirecting() -> AsyncIterator[tuple[str, list[str]]]:
    """A server that redirects every request, with a key in the Location's query."""
    seen: list[str] = []

    async def handle(request: web.Request) -> web.Response:
        seen.append(request.path)
        raise web.HTTPFound("https://elsewhere.example/v2/family?apikey=SECRET-ID&x=1")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}", seen
    finally:
        await runner.cleanup()


async def test_a_redirect_is_an_error_saying_where_it_pointed(
    redirecting: tuple[str, list[str]],
) -> None:
    url, seen = redirecting
    async with PatsnapClient(client_id="id-1", client_secret="s3cret", base_url=url) as client:
        with pytest.raises(TransportError) as raised:
            await family(client, "US1B2")
    message = str(raised.value)
    assert "HTTP 302" in message and "https://elsewhere.example/v2/family" in message
    assert "SECRET-ID" not in message and "s3cret" not in message
    assert seen == ["/oauth/token"]  # not followed, and not retried


def test_the_emulator_counts_rejected_arrivals_in_its_window_unless_told_not_to() -> None:
    strict, lenient = Emulator(qps=2), Emulator(qps=2, count_rejected=False)
    arrivals = [0.0, 0.1, 0.5, 0.9, 1.05, 1.2]
    assert [strict._arrive(t) for t in arrivals] == [False, False, True, True, True, True]
    assert [lenient._arrive(t) for t in arrivals] == [False, False, True, True, False, False]


async def test_the_emulator_stamps_arrivals_after_the_network_delay(
    serve: ServeFactory,
) -> None:
    async with serve(network_delay=0.05, network_jitter=0.02) as (emu, _):
        async with client_for(emu, api_key=True, limiter=RecordingLimiter()) as client:
            await family(client, "US1B2")
            sent = client._session.pacer
        assert isinstance(sent, RecordingLimiter)
        assert emu.log[0].time >= sent.times[0] + 0.05


class RecordingLimiter:
    """A limiter that admits at once and keeps when."""

    def __init__(self) -> None:
        self.times: list[float] = []

    async def acquire(self) -> None:
        self.times.append(asyncio.get_running_loop().time())

    def slow_down(self) -> None:
        pass
