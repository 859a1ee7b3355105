"""Pacing under the account's QPS, measured at the emulator's door on 127.0.0.1."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from patsnap_async import PatsnapClient
from patsnap_async._pacing import LATE_REFUSAL, Departure, Pacer

from .conftest import ServeFactory, business, client_for

FAMILY = "/basic-patent-data/patent-family"


async def family(client: PatsnapClient, pn: str) -> object:
    return await client.request("GET", FAMILY, params={"patent_number": pn})


async def test_q10_never_more_than_10_in_any_second_and_uses_the_budget(
    serve: ServeFactory,
) -> None:
    # The server enforces Q=10 too: a single 67200002 would show as a retry.
    async with serve(qps=10, latency=(0.0, 0.3)) as (emu, _):
        async with client_for(emu, qps=10) as client:
            await asyncio.gather(*(family(client, f"US{i}B2") for i in range(31)))
        assert emu.max_arrivals_in_window(1.0) <= 10
        assert not [s for s in emu.log if s.error_code == 67200002]
        assert client.stats.retries == 0
        # measured after the token call, whose answer the first business call waits for
        times = sorted(s.time for s in business(emu))
        rate = (len(times) - 1) / (times[-1] - times[0])
        assert rate >= 0.95 * 10


@pytest.mark.parametrize("qps", [0, -1, float("nan")])
def test_pacer_rejects_bad_qps(qps: float) -> None:
    with pytest.raises(ValueError, match="qps"):
        Pacer(qps)


async def test_the_log_forgets_settled_entries_older_than_the_window() -> None:
    # Only the last window's sends can hold a request back, and a refusal that comes
    # back late looks at the second before its request (LATE_REFUSAL); older ones would
    # just sit there (a million of them with qps=1e6). An entry whose attempt is still
    # running may yet move forward, so it stays.
    pacer = Pacer(1_000)
    entries = [await pacer.admit() for _ in range(5)]
    for entry in entries:
        entry.at -= 1.02 + LATE_REFUSAL + 0.01  # as if sent just before that
    for entry in entries[2:]:
        entry.settle()
    await pacer.admit()
    assert list(pacer._sent)[:2] == entries[:2] and len(pacer._sent) == 6
    entries[0].settle()
    entries[1].settle()
    latest = await pacer.admit()
    assert list(pacer._sent)[-1] is latest and len(pacer._sent) == 2


async def test_the_client_settles_each_entry_once_its_attempt_is_over(
    serve: ServeFactory,
) -> None:
    async with serve() as (emu, _):
        emu.inject(kind="drop")
        pacer = RecordingPacer(100)
        async with client_for(emu, api_key=True, limiter=pacer) as client:
            await asyncio.gather(*(family(client, f"US{i}B2") for i in range(3)))
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
        assert [(admitted, d.at) for admitted, d in pacer.admitted] == [(pacer._last, pacer._last)]
