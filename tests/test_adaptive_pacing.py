"""What the pacer learns from the platform: the network's jitter and the account's limit.

Each learner (`Margin`, `LimitFinder`, `Second`) is tested through its own methods,
at the times it is given. The pacer that decides which of them a refusal teaches is
tested through its public face on the virtual clock of `virtual_time`: it admits
requests (`admit`), they are answered (`settle`) or refused (`rate_limited`) as the
session reports them, and `margin`, `current_rate()` and `accepted_qps` say what it
learned. The client's side of it (a jittery path, a limit below `qps`, short tokens)
runs on the same clock in `test_virtual_pacing.py`; a few contract tests run over
HTTP against the emulator here.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from patsnap_async import PatsnapClient, TransportError
from patsnap_async._learners import (
    CUT,
    FIRST_STEP,
    MARGIN,
    MARGIN_STEP,
    MAX_MARGIN,
    MEMORY,
    NARROW_AFTER,
    NARROW_RATE,
    PROBE_AFTER,
    LimitFinder,
    Margin,
    Second,
)
from patsnap_async._pacing import Departure, Pacer, _Lane
from patsnap_async._protocol import retry_after_seconds as _seconds
from patsnap_async.testing import Emulator

from .conftest import ServeFactory, client_for
from .virtual_time import run

FAMILY = "/basic-patent-data/patent-family"


# --- the learners, through their own methods ---------------------------------------


def test_a_second_widening_within_memory_is_a_full_step_and_sets_a_floor() -> None:
    margin, now = Margin(MARGIN), 100.0
    margin.widen(now)
    now += NARROW_AFTER + 2
    refused_at = margin.at(now)
    assert MARGIN < refused_at < MARGIN + FIRST_STEP
    margin.widen(now)
    # Not a one-off: the path bunches arrivals by more than `refused_at`.
    assert margin.at(now) == pytest.approx(refused_at + MARGIN_STEP)
    # Narrowing stops just above the margin that was refused...
    now += NARROW_AFTER + MARGIN_STEP / NARROW_RATE
    assert margin.at(now) == pytest.approx(refused_at + FIRST_STEP)
    now += MEMORY - NARROW_AFTER - MARGIN_STEP / NARROW_RATE
    assert margin.at(now) == pytest.approx(refused_at + FIRST_STEP)
    # ...until MEMORY seconds pass with no such answer; then it goes on narrowing.
    now += 3
    assert margin.at(now) == pytest.approx(refused_at + FIRST_STEP - 3 * NARROW_RATE)
    now += 1_000
    assert margin.at(now) == MARGIN
    # Long after, a widening is a first one again: a small step.
    margin.widen(now)
    assert margin.at(now) == pytest.approx(MARGIN + FIRST_STEP)


def test_widenings_in_a_row_go_up_to_the_most_a_path_may_bunch() -> None:
    margin, now = Margin(MARGIN), 100.0
    margins = []
    for _ in range(8):
        margin.widen(now)
        margins.append(margin.at(now))
        now += 1
    assert margins[:3] == pytest.approx(
        [
            MARGIN + FIRST_STEP,
            MARGIN + FIRST_STEP + MARGIN_STEP,
            MARGIN + FIRST_STEP + 2 * MARGIN_STEP,
        ]
    )
    assert margins[-1] == MAX_MARGIN
    assert margin.at(now + 10_000) == MARGIN


def sends(accepted: int, refused: int = 0, *, answered: bool = True) -> list[Departure]:
    """Requests of one second: `accepted` went through, then `refused` did not.

    Answered (settled) unless told not to: then still on their way.
    """
    departures = [Departure(100.0 + i * 0.01) for i in range(accepted + refused)]
    for departure in departures[accepted:]:
        departure.rejected = True
    if answered:
        for departure in departures:
            departure.settle()
    return departures


def test_a_second_counts_what_went_through_those_on_their_way_included() -> None:
    second = Second(sends(6, 3))
    assert (second.sent(), second.accepted(), second.answered()) == (9, 6, True)
    on_their_way = Second([*sends(2, 1), *sends(4, answered=False)])
    assert (on_their_way.sent(), on_their_way.accepted(), on_their_way.answered()) == (
        7,
        6,
        False,
    )


def test_refusals_that_keep_coming_find_what_the_account_accepts() -> None:
    finder, now = LimitFinder(40), 100.0
    # one or two may be another process's burst: only a streak finds a limit
    assert not finder.refused(now, Second(sends(10)))
    assert not finder.refused(now + 0.03, Second(sends(10, 1)))
    assert finder.searching(now + 0.03) and finder.found is None
    assert finder.refused(now + 0.06, Second(sends(10, 2)))
    assert (finder.found, finder.limit, finder.searching(now + 0.06)) == (10, 10, False)
    # a later, lower finding lowers it
    now += 3
    for i in range(3):
        finder.refused(now + i * 0.03, Second(sends(5, i)))
    assert (finder.found, finder.limit) == (5, 5)


def test_refusals_that_keep_coming_at_the_limit_found_cut_it() -> None:
    # 10 went through at the limit found and yet refusals keep coming: the count says
    # nothing new, the limit is cut.
    finder, now = LimitFinder(40), 100.0
    for i in range(3):
        finder.refused(now + i * 0.03, Second(sends(10, i)))
    assert finder.found == 10
    now += 2
    for i in range(3):
        finder.refused(now + i * 0.03, Second(sends(10, i)))
    assert finder.found == pytest.approx(10 * CUT) == pytest.approx(7)
    assert finder.limit == finder.found


def test_refusals_far_apart_are_never_a_streak() -> None:
    finder, now = LimitFinder(40), 100.0
    for _ in range(5):
        assert not finder.refused(now, Second(sends(10)))
        now += 5
    assert (finder.found, finder.limit) == (None, 40)


def test_a_limit_counted_while_answers_were_on_their_way_is_counted_again() -> None:
    # Of the 20 requests of the second before the refusals, 10 went through and 10 did
    # not, but none of those answers is in yet: they count as accepted, for now.
    finder, now = LimitFinder(40), 100.0
    on_their_way = sends(20, answered=False)
    for i in range(3):
        finder.refused(now + i * 0.03, Second(on_their_way))
    assert finder.found == 20 and finder.recounting
    assert not finder.recount()  # not all answered yet
    for i, departure in enumerate(on_their_way):
        departure.rejected = i >= 10
        departure.settle()
    assert finder.recount()
    assert (finder.found, finder.limit, finder.recounting) == (10, 10, False)


def test_the_finder_probes_a_tenth_higher_and_backs_off_when_refused() -> None:
    finder, now = LimitFinder(40), 100.0
    for i in range(3):
        finder.refused(now + i * 0.03, Second(sends(10, i)))
    now += 0.06
    assert not finder.probe(now + PROBE_AFTER - 0.01)
    now += PROBE_AFTER
    assert finder.probe(now)
    assert (finder.limit, finder.found, finder.probing) == (11, 10, True)  # not a finding
    # refused: back to the limit found, and twice as long before the next probe
    finder.probe_refused(now)
    assert (finder.limit, finder.probing) == (10, False)
    assert not finder.probe(now + PROBE_AFTER)
    now += 2 * PROBE_AFTER
    assert finder.probe(now) and finder.limit == 11
    # this probe holds: the account accepts 11, and the next probe tries a tenth more
    now += 2 * PROBE_AFTER
    assert finder.probe(now)
    assert finder.found == 11 and finder.limit == pytest.approx(12.1)


def test_probing_back_to_the_configured_qps_forgets_the_finding() -> None:
    finder, now = LimitFinder(11), 100.0
    for i in range(3):
        finder.refused(now + i * 0.03, Second(sends(5, i)))
    now += 0.06
    for _ in range(7):  # 6, 7, ... 11: each probe holds; then 11 is qps itself
        now += PROBE_AFTER
        assert finder.probe(now)
    assert (finder.found, finder.limit, finder.probing) == (None, 11, False)


# --- the pacer, on the virtual clock ---------------------------------------------------


async def answered(pacer: Pacer, count: int) -> list[Departure]:
    """`count` requests admitted one after another, each answered at once."""
    departures = []
    for _ in range(count):
        departure = await pacer.admit()
        departure.settle()
        departures.append(departure)
    return departures


async def refused(pacer: Pacer) -> Departure:
    """One more request admitted and answered 67200002, reported as the session does."""
    departure = await pacer.admit()
    departure.settle()
    departure.rate_limited(None)
    return departure


async def refuse_at_full_pace(pacer: Pacer, window: int) -> list[Departure]:
    """`window` requests, as many as the log lets go in a window, the last one refused.

    They go at the pace (after a pause, the bucket's half second at once and the rest
    dripped): the second before the refused one holds all the others.
    """
    return [*await answered(pacer, window - 1), await refused(pacer)]


async def find_limit(pacer: Pacer, accepted: int) -> None:
    """`accepted` requests went through, then three in a row were refused."""
    await answered(pacer, accepted)
    for _ in range(3):
        await refused(pacer)


def test_a_lone_rejection_although_spaced_widens_the_margin_a_little_for_a_while() -> None:
    async def main() -> None:
        pacer = Pacer(20)
        assert pacer.margin == MARGIN
        departures = await refuse_at_full_pace(pacer, 20)
        # One answer may be a one-off (a pause of the server or of this process): a
        # small step.
        assert pacer.margin == pytest.approx(MARGIN + FIRST_STEP)
        assert pacer.current_rate() == pytest.approx(19.6)  # the rate itself stays
        assert pacer.accepted_qps is None
        # Sent before the margin changed: its rejection says nothing new.
        departures[-2].rate_limited(None)
        assert pacer.margin == pytest.approx(MARGIN + FIRST_STEP)
        await asyncio.sleep(NARROW_AFTER)
        assert pacer.margin == pytest.approx(MARGIN + FIRST_STEP)
        await asyncio.sleep(2)
        assert pacer.margin == pytest.approx(MARGIN + FIRST_STEP - 2 * NARROW_RATE)
        await asyncio.sleep(1_000)
        assert pacer.margin == MARGIN

    run(main)


def test_refusals_at_the_widest_margin_find_a_limit_and_the_margin_they_widened_goes() -> None:
    async def main() -> None:
        pacer = Pacer(20)
        while pacer.margin < MAX_MARGIN:
            await refuse_at_full_pace(pacer, 20)
            await asyncio.sleep(1)
        # No path bunches arrivals that much: the account takes less than 20. Those
        # refusals were the limit's doing, not the network's.
        for _ in range(3):
            await refuse_at_full_pace(pacer, 20)
            await asyncio.sleep(1)
        assert pacer.accepted_qps == 19
        assert pacer.margin == MARGIN
        # a refusal now is a first one again: a small step
        await refuse_at_full_pace(pacer, 19)
        assert pacer.margin == pytest.approx(MARGIN + FIRST_STEP)

    run(main)


def test_a_declared_jitter_is_the_margin_from_the_start_and_its_floor() -> None:
    async def main() -> None:
        pacer = Pacer(20, jitter=0.08)
        assert pacer.margin == 0.08
        await refuse_at_full_pace(pacer, 20)
        assert pacer.margin == pytest.approx(0.08 + FIRST_STEP)
        await asyncio.sleep(1)
        await refuse_at_full_pace(pacer, 20)
        assert pacer.margin == pytest.approx(0.08 + FIRST_STEP + MARGIN_STEP)
        await asyncio.sleep(10_000)
        assert pacer.margin == 0.08

    run(main)


@pytest.mark.parametrize("jitter", [-0.01, 0.5, float("nan")])
def test_pacer_rejects_a_bad_jitter(jitter: float) -> None:
    with pytest.raises(ValueError, match="jitter"):
        Pacer(10, jitter=jitter)


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_rejections_that_keep_coming_bring_the_rate_to_what_the_account_accepts(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def main() -> None:
        pacer = Pacer(40)
        await answered(pacer, 10)
        for _ in range(2):
            await refused(pacer)
            # one or two may be another process's burst: only a streak finds a limit
            assert pacer.accepted_qps is None
        last, in_flight = await pacer.admit(), await pacer.admit()
        last.settle()
        last.rate_limited(None)
        assert pacer.accepted_qps == 10
        assert pacer.current_rate() == pytest.approx(9.8)
        # the refusal of a request sent before the change teaches nothing more
        in_flight.settle()
        in_flight.rate_limited(None)
        assert pacer.current_rate() == pytest.approx(9.8)
        assert pacer.margin == MARGIN
        # at most 10 in any window of the server's second and the margin
        times = [departure.at for departure in await answered(pacer, 12)]
        assert max(sum(1 for t in times if s <= t < s + 1 + MARGIN) for s in times) == 10
        await asyncio.sleep(2)  # the previous sends out of the second; no probe yet
        await find_limit(pacer, 5)  # a later, lower finding lowers it; one warning only
        assert pacer.accepted_qps == 5

    with caplog.at_level(logging.WARNING, logger="patsnap_async"):
        run(main)
    warnings = warnings_of(caplog)
    assert len(warnings) == 1
    assert "accepts about 10 requests/s" in warnings[0] and "qps=40" in warnings[0]


def test_a_spaced_refusal_while_refusals_keep_coming_is_not_jitter() -> None:
    async def main() -> None:
        pacer = Pacer(40)
        # 10 went through, then a refusal: fewer than the pace allows, the account's doing.
        await answered(pacer, 10)
        await refused(pacer)
        # A second at the full pace, answered without a refusal, and the latest refused:
        # spaced as it should be, but refusals were already coming. It may be the
        # limit's doing: the margin stays.
        await asyncio.sleep(1)
        await refuse_at_full_pace(pacer, 40)
        assert pacer.margin == MARGIN
        # Once they stopped coming, such a refusal is the network's bunching again.
        await asyncio.sleep(5)
        await refuse_at_full_pace(pacer, 40)
        assert pacer.margin == pytest.approx(MARGIN + FIRST_STEP)

    run(main)


def test_a_limit_counted_while_refusals_were_on_their_way_is_counted_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # qps=40 against an account taking 10 that answers refusals as slowly as the rest:
    # of the 20 requests sent before the first refusal came back, 10 went through and
    # 10 did not, but none of those answers is in yet: they count as accepted.
    async def main() -> None:
        pacer = Pacer(40)
        on_their_way = [await pacer.admit() for _ in range(20)]
        for _ in range(3):
            await refused(pacer)
        assert pacer.accepted_qps == 20
        await answered(pacer, 1)  # the pacer reviews its finding before each admission
        assert pacer.accepted_qps == 20  # not all answered yet
        for i, departure in enumerate(on_their_way):
            departure.settle()
            if i >= 10:
                departure.rate_limited(None)  # under the old pace: changes nothing more
        assert pacer.accepted_qps == 20
        await answered(pacer, 1)
        assert pacer.accepted_qps == 10
        assert pacer.current_rate() == pytest.approx(9.8)

    with caplog.at_level(logging.WARNING, logger="patsnap_async"):
        run(main)
    # the warning waited for the figure it gives
    warnings = warnings_of(caplog)
    assert len(warnings) == 1 and "accepts about 10 requests/s" in warnings[0]


def test_a_full_pace_mostly_refused_is_a_limit_not_jitter() -> None:
    # A platform that counts refused calls starves a client above its limit: whatever
    # the spacing, nearly everything of the last second was refused.
    async def main() -> None:
        pacer = Pacer(20)
        departures = await answered(pacer, 19)
        for departure in departures[6:]:
            departure.rate_limited(None)
        for _ in range(3):
            await refused(pacer)
        assert pacer.margin == MARGIN
        assert pacer.accepted_qps == 6

    run(main)


def test_a_rejection_now_and_then_finds_no_limit() -> None:
    async def main() -> None:
        pacer = Pacer(40)
        for _ in range(5):
            await refused(pacer)
            await asyncio.sleep(5)  # far apart: never a streak
        assert pacer.accepted_qps is None
        assert pacer.current_rate() == pytest.approx(39.2)

    run(main)


def test_it_probes_a_tenth_higher_and_backs_off_when_refused() -> None:
    async def main() -> None:
        pacer = Pacer(40)
        await find_limit(pacer, 10)
        assert pacer.current_rate() == pytest.approx(9.8)
        await asyncio.sleep(PROBE_AFTER)
        probe = await pacer.admit()  # the pacer probes before it admits
        assert pacer.current_rate() == pytest.approx(11 * 0.98)
        assert pacer.accepted_qps == 10  # a probe is not a finding
        # refused: back to the limit found, and twice as long before the next probe
        probe.settle()
        probe.rate_limited(None)
        assert pacer.current_rate() == pytest.approx(9.8)
        await asyncio.sleep(PROBE_AFTER)
        await answered(pacer, 1)
        assert pacer.current_rate() == pytest.approx(9.8)
        await asyncio.sleep(PROBE_AFTER)
        await answered(pacer, 1)
        assert pacer.current_rate() == pytest.approx(11 * 0.98)
        # this probe holds: the account accepts 11, and the next probe tries a tenth more
        await asyncio.sleep(2 * PROBE_AFTER)
        await answered(pacer, 1)
        assert pacer.accepted_qps == 11
        assert pacer.current_rate() == pytest.approx(12.1 * 0.98)

    run(main)


def test_the_pacer_probing_back_to_the_configured_qps_forgets_the_finding() -> None:
    async def main() -> None:
        pacer = Pacer(11)
        await find_limit(pacer, 5)
        for _ in range(7):  # 6, 7, ... 11: each probe holds
            await asyncio.sleep(PROBE_AFTER)
            await answered(pacer, 1)
        assert pacer.accepted_qps is None
        assert pacer.current_rate() == pytest.approx(11 * 0.98)

    run(main)


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


# --- contracts over HTTP, against the emulator ------------------------------------------


async def family(client: PatsnapClient, pn: str) -> object:
    return await client.request("GET", FAMILY, params={"patent_number": pn})


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
        sent = RecordingLimiter()
        async with client_for(emu, api_key=True, limiter=sent) as client:
            await family(client, "US1B2")
        assert emu.log[0].time >= sent.times[0] + 0.05


class RecordingLimiter:
    """A limiter that admits at once and keeps when."""

    def __init__(self) -> None:
        self.times: list[float] = []

    async def acquire(self) -> None:
        self.times.append(asyncio.get_running_loop().time())

    def slow_down(self) -> None:
        pass
