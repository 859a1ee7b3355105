"""Pacing under the account's QPS.

The pacer's logic runs on the virtual clock of `virtual_time`, against `Account` (the
platform's sliding second) through `MockTransport`; what only real HTTP can show (when
aiohttp writes a request) runs against the emulator on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import gc

import aiohttp
import pytest

from patsnap_async import HttpRequest, HttpResponse, PatsnapClient, TransportError
from patsnap_async._pacing import LATE_REFUSAL, MARGIN, Departure, Pacer

from .conftest import ServeFactory, client_for
from .test_transport import ok
from .test_virtual_pacing import Account, answering_in
from .test_virtual_pacing import client_for as virtual_client_for
from .virtual_time import run

FAMILY = "/basic-patent-data/patent-family"


async def family(client: PatsnapClient, pn: str) -> object:
    return await client.request("GET", FAMILY, params={"patent_number": pn})


@pytest.mark.parametrize("seed", range(3))
def test_q10_never_more_than_10_in_any_second_and_uses_the_budget(seed: int) -> None:
    """31 calls at Q = 10 against an account counting a sliding second, answers in 0-0.3 s.

    On the virtual clock: the property of the pacing, not of the machine. The same
    figure measured for real, over loopback for 60 s at Q = 10 and Q = 50, is the
    benchmarks' pacing scenario (`benchmarks/README.md`: used QPS ÷ Q ≥ 0.97, no
    67200002).
    """
    # The account enforces Q=10 too: a single 67200002 would show as a retry.
    account = Account(qps=10)

    async def main() -> int:
        handler = answering_in(account, seed, answer=(0.0, 0.3))
        async with virtual_client_for(handler, api_key=False, qps=10) as client:
            await asyncio.gather(*(family(client, f"US{i}B2") for i in range(31)))
            return client.stats.retries

    retries = run(main)
    assert account.most_in_a_second() <= 10
    assert not [t for t, _, code in account.log if code == 67200002]
    assert retries == 0
    # measured after the token call, whose answer the first business call waits for
    times = sorted(t for t, path, _ in account.log if path != "/oauth/token")
    assert len(times) == 31
    rate = (len(times) - 1) / (times[-1] - times[0])
    assert rate >= 0.95 * 10


@pytest.mark.parametrize("qps", [0, -1, float("nan")])
def test_pacer_rejects_bad_qps(qps: float) -> None:
    with pytest.raises(ValueError, match="qps"):
        Pacer(qps)


def live_departures() -> int:
    """Log entries alive in this process: those a pacer keeps, and those a test holds."""
    gc.collect()
    return sum(isinstance(o, Departure) for o in gc.get_objects())


def test_the_log_forgets_settled_entries_older_than_the_window() -> None:
    # Only the last window's sends can hold a request back, and a refusal that comes
    # back late looks at the second before its request (LATE_REFUSAL); older ones would
    # just sit there (a million of them with qps=1e6). An entry whose attempt is still
    # running may yet move forward, so it stays, and the log is cut from its oldest
    # end: what a pacer keeps alive is what its log holds.
    async def main() -> list[int]:
        base = live_departures()
        pacer = Pacer(1_000)
        entries = [await pacer.admit() for _ in range(5)]
        for entry in entries[2:]:
            entry.settle()
        on_their_way = entries[:2]
        del entries, entry
        await asyncio.sleep(1 + MARGIN + LATE_REFUSAL + 0.01)  # all five out of the window
        await pacer.admit()
        # the first two, still on their way, keep their place and the three behind them
        counts = [live_departures() - base]
        for entry in on_their_way:
            entry.settle()
        del on_their_way, entry
        await pacer.admit()
        counts.append(live_departures() - base)  # the last two, in the window
        return counts

    assert run(main) == [6, 2]


def test_the_client_settles_each_entry_once_its_attempt_is_over() -> None:
    dropped: list[HttpRequest] = []

    def handler(request: HttpRequest) -> HttpResponse:
        if not dropped:  # the first connection drops
            dropped.append(request)
            raise TransportError("connection dropped")
        return ok([{"pn": request.params.get("patent_number")}])

    async def main() -> RecordingPacer:
        pacer = RecordingPacer(100)
        async with virtual_client_for(handler, limiter=pacer) as client:
            await asyncio.gather(*(family(client, f"US{i}B2") for i in range(3)))
        return pacer

    pacer = run(main)
    assert len(pacer.admitted) == 4  # one retry after the dropped connection
    assert all(departure.settled for _, departure in pacer.admitted)


class RecordingPacer(Pacer):
    """A Pacer that keeps every departure it hands out, with its admission time."""

    def __init__(self, qps: float) -> None:
        super().__init__(qps)
        self.admitted: list[tuple[float, Departure]] = []

    async def admit(self, *, priority: bool = False) -> Departure:
        departure = await super().admit(priority=priority)
        self.admitted.append((departure.at, departure))
        return departure


async def sequence_page(client: PatsnapClient, page: int) -> object:
    body = {"seq_id": "1001", "page": page, "size": 10}
    return await client.request("POST", "/bio-openapi/sequence/patent", json=body)


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_the_client_tells_the_pacer_when_each_request_was_written(
    serve: ServeFactory, method: str
) -> None:
    # A GET is written when its connection is ready, a POST's body by a task of its own.
    async with serve(latency=0.05) as (emu, _):
        pacer = RecordingPacer(100)
        async with client_for(emu, api_key=True, limiter=pacer) as client:
            if method == "GET":
                await asyncio.gather(*(family(client, f"US{i}B2") for i in range(5)))
            else:
                await asyncio.gather(*(sequence_page(client, page) for page in range(1, 6)))
        assert [s.http_status for s in emu.log] == [200] * 5
        assert len(pacer.admitted) == 5
        arrivals = sorted(s.time for s in emu.log)
        for (admitted, departure), arrival in zip(
            sorted(pacer.admitted, key=lambda pair: pair[1].at), arrivals, strict=True
        ):
            # moved from admission to the write, which is before the server saw it
            assert admitted < departure.at <= arrival


async def test_on_a_callers_session_the_admission_time_stays(serve: ServeFactory) -> None:
    # A caller's session has no trace of ours: its requests are logged when admitted.
    async with serve() as (emu, _), aiohttp.ClientSession() as http:
        pacer = RecordingPacer(100)
        async with client_for(emu, api_key=True, limiter=pacer, session=http) as client:
            await family(client, "US1B2")
        assert [s.http_status for s in emu.log] == [200]
        [(admitted, departure)] = pacer.admitted
        assert departure.at == admitted  # not moved to a later write
