"""client.patents: the 100-id batcher against the emulator."""

from __future__ import annotations

import asyncio
import json
import random
from typing import Any

import pytest

from patsnap_async import (
    APIError,
    BatchError,
    BatchResult,
    CitedByRecord,
    FamilyRecord,
    HttpRequest,
    HttpResponse,
    PatsnapClient,
    ServerError,
)
from patsnap_async.testing import Emulator, MockTransport, _data

from .conftest import business, client_for

FAMILY = "/basic-patent-data/patent-family"
CITED_BY = "/basic-patent-data/forward-citation/v3"


def requested_ids(emu: Emulator) -> list[str]:
    return [i.strip().upper() for s in business(emu) for i in s.ids]


async def test_2345_ids_with_duplicates_and_unknowns(emu: Emulator) -> None:
    known = [f"US{10_000_000 + i * 7}B2" for i in range(1995)]
    unknown = [f"UNKNOWN{i:04d}" for i in range(50)]
    rng = random.Random(3)
    duplicates = [rng.choice(known) for _ in range(280)] + [rng.choice(unknown) for _ in range(20)]
    # some duplicates differ only in case and surrounding spaces: still one id
    duplicates = [f" {d.lower()} " if i % 3 == 0 else d for i, d in enumerate(duplicates)]
    ids = known + unknown + duplicates
    rng.shuffle(ids)
    assert len(ids) == 2345

    progress: list[tuple[int, int]] = []
    async with client_for(emu) as client:
        result = await client.patents.family(ids, progress=lambda d, t: progress.append((d, t)))

    assert isinstance(result, BatchResult)
    for pn in known:
        record = result[pn]
        assert isinstance(record, FamilyRecord)
        assert record.pn == pn
        assert record.patent_family is not None
    assert set(result.missing) == set(unknown) | {d for d in duplicates if "UNKNOWN" in d.upper()}
    assert {m.strip().upper() for m in result.missing} == set(unknown)
    assert len(result.records) == 1995
    assert not result.failed
    # spellings the caller used are keys, and map to the same record
    for spelling in duplicates:
        if "UNKNOWN" not in spelling.upper():
            assert spelling in result
            assert result[spelling] is result[spelling.strip().upper()]

    calls = business(emu)
    assert all(len(s.ids) <= 100 for s in calls)
    sent = requested_ids(emu)
    assert len(sent) == len(set(sent)) == 2045  # no id requested twice
    assert len(calls) == 21
    assert client.stats.billed_results == 1995 == sum(s.result_count for s in calls)
    assert progress[-1] == (2045, 2045)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)


async def test_cited_by_by_patent_id(emu: Emulator) -> None:
    # Ids of patents the platform has: the emulator's ids encode their numbers.
    ids = [_data.patent_uuid(f"US{11205304 + i}B2") for i in range(30)]
    async with client_for(emu) as client:
        result = await client.patents.cited_by(patent_ids=[i.upper() for i in ids])
    assert len(result) == 30
    for i in ids:
        record = result[i]
        assert isinstance(record, CitedByRecord)
        assert record.patent_id == i
        assert record.patent_cited is not None
    assert business(emu)[0].query.keys() >= {"patent_id"}


async def test_a_failing_chunk_keeps_the_others(emu: Emulator) -> None:
    ids = [f"CN{100_000 + i}A" for i in range(400)]  # whichever chunk fails holds 100
    emu.inject(error_code=68399999, path=FAMILY)  # unknown: not retried, not halved
    async with client_for(emu) as client:
        with pytest.raises(BatchError) as info:
            await client.patents.family(ids)
    error = info.value
    assert len(error.errors) == 100
    assert {(type(e), e.code) for e in error.errors.values()} == {(APIError, 68399999)}
    assert set(error.result.failed) == set(error.errors)
    assert len(error.result) == 300
    assert set(error.result) | set(error.errors) == set(ids)
    assert not error.result.missing
    assert "100 of 400 ids failed" in str(error)


async def test_retryable_chunk_failures_are_retried_not_lost(emu: Emulator) -> None:
    emu.inject(error_code=68300008, times=3, path=FAMILY)
    async with client_for(emu) as client:
        result = await client.patents.family([f"EP{i}B1" for i in range(300)])
    assert len(result) == 300
    assert client.stats.retries == 3


async def test_chunk_failing_after_retries(emu: Emulator) -> None:
    emu.inject(error_code=68300008, times=100, path=FAMILY)
    async with client_for(emu, max_retries=1) as client:
        with pytest.raises(BatchError) as info:
            await client.patents.family(["EP1B1", "EP2B1"])
    assert isinstance(info.value.errors["EP1B1"], ServerError)
    assert len(info.value.result) == 0


async def test_spellings_of_one_id_are_one_request(emu: Emulator) -> None:
    # "US1B2 " and "us1b2" are one id: one request, one billed record, both spellings map
    async with client_for(emu) as client:
        result = await client.patents.family(["US1B2 ", "us1b2"])
    assert list(result) == ["US1B2 ", "us1b2"]
    assert result["US1B2"].pn == "US1B2"
    assert requested_ids(emu) == ["US1B2"]
    assert repr(result) == "<BatchResult 1 records, 0 missing, 0 failed>"


async def test_empty_list_sends_nothing(emu: Emulator) -> None:
    async with client_for(emu) as client:
        result = await client.patents.family([])
    assert len(result) == 0
    assert not emu.log


async def test_records_matching_no_id_are_kept_as_unmatched() -> None:
    def platform(request: HttpRequest) -> HttpResponse:
        chunk = request.params["patent_number"].split(",")
        # the platform answers US1 with its full number, and knows nothing of US2
        data = [{"pn": "US1B2"}] if "US1" in chunk else []
        body = {"status": True, "error_code": 0, "data": data}
        return HttpResponse(200, {"Content-Type": "application/json"}, json.dumps(body).encode())

    transport = MockTransport(platform)
    async with PatsnapClient(api_key="sk-test", transport=transport) as client:
        result = await client.patents.family(["US1", "US2"])
    assert len(transport.requests) == 1
    assert result.missing == ("US1", "US2")
    assert result.unmatched == (FamilyRecord(pn="US1B2"),)


async def test_cancelling_a_batch_cancels_and_awaits_its_requests(serve: Any) -> None:
    async with serve(latency=0.2) as (emu, _), client_for(emu) as client:
        call = asyncio.ensure_future(client.patents.family([f"EP{i}B1" for i in range(1000)]))
        await asyncio.sleep(0.05)
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        pending = [t for t in asyncio.all_tasks() if t.get_name() == "patsnap-async chunk"]
        assert pending == []
        assert len(await client.patents.family(["EP1B1"])) == 1  # still serving
