"""The record cache in the SDK, against the emulator over HTTP: what it answers, what
it sends, how long a record stays fresh, and what a broken file does."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from patsnap_async import (
    BatchError,
    BatchResult,
    ConfigurationError,
    FamilyRecord,
    HttpRequest,
    HttpResponse,
    PatsnapClient,
    as_dict,
)
from patsnap_async._cache import CallCache
from patsnap_async._cache import _cache as cache_module
from patsnap_async.cache import MAX_AGES, MISSING_MAX_AGE, RecordCache
from patsnap_async.endpoints import FAMILY, PATENT_NUMBER, Lookup
from patsnap_async.testing import Emulator, MockTransport

from .conftest import ServeFactory, business, client_for

DAY = 86_400.0
IDS = [f"US{11_205_304 + i}B2" for i in range(250)]


class Clock:
    """Seconds since the epoch, moved by the test."""

    def __init__(self) -> None:
        self.now = 1_750_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def cache(tmp_path: Path, clock: Clock) -> Iterator[RecordCache]:
    with RecordCache(tmp_path / "records.sqlite3", clock=clock) as opened:
        yield opened


def sent_ids(emu: Emulator) -> list[str]:
    return [i for served in business(emu) for i in served.ids]


async def test_a_second_lookup_sends_nothing_and_counts_what_it_saved(
    emu: Emulator, cache: RecordCache
) -> None:
    async with client_for(emu, cache=cache) as client:
        first = await client.patents.family([*IDS, "UNKNOWN1"])
        assert first.cached == ()
        assert len(business(emu)) == 3
        again = await client.patents.family([*IDS, "UNKNOWN1", "us11205304b2 "])
        assert len(business(emu)) == 3  # nothing sent
        assert again.cached == (*IDS, "UNKNOWN1", "us11205304b2 ")
        assert again.missing == ("UNKNOWN1",)
        assert client.stats.cache_hits == 251
        assert client.stats.billed_saved == 250
        assert client.stats.billed_results == 250  # billed once
    # The records are the models of the same records, read back from the platform's JSON.
    assert [as_dict(again[i]) for i in IDS] == [as_dict(first[i]) for i in IDS]
    assert isinstance(again[IDS[0]], FamilyRecord)


async def test_only_the_ids_it_lacks_are_sent_in_as_few_requests_as_they_need(
    emu: Emulator, cache: RecordCache
) -> None:
    async with client_for(emu, cache=cache) as client:
        await client.patents.family(IDS[::2])  # 125 ids: every other one
        emu.log.clear()
        result = await client.patents.family(IDS)
    assert sorted(sent_ids(emu)) == sorted(IDS[1::2])
    assert len(business(emu)) == 2  # 125 ids, 100 a request: as without a cache
    assert len(result) == 250
    assert result.cached == tuple(IDS[::2])


async def test_a_catalog_lookup_and_the_wrapped_family_share_the_records(
    emu: Emulator, cache: RecordCache
) -> None:
    async with client_for(emu, cache=cache) as client:
        wrapped = await client.patents.family(IDS[:3])
        emu.log.clear()
        by_code = await client.lookup("P014", IDS[:3])
        assert business(emu) == []
        assert by_code[IDS[0]] == as_dict(wrapped[IDS[0]])
        cited = await client.patents.cited_by(IDS[:3])  # another lookup: sent
        assert len(business(emu)) == 1
        again = await client.lookup("cited_by", IDS[:3])
    assert len(business(emu)) == 1
    assert again[IDS[1]] == as_dict(cited[IDS[1]])


async def test_client_batch_is_cached_too(emu: Emulator, cache: RecordCache) -> None:
    async with client_for(emu, cache=cache) as client:
        for _ in range(2):
            result = await client.batch(
                "/basic-patent-data/patent-family", IDS[:5], param="patent_number", key="pn"
            )
    assert len(business(emu)) == 1
    assert result.cached == tuple(IDS[:5])


async def test_patent_ids_and_patent_numbers_are_kept_apart(
    emu: Emulator, cache: RecordCache
) -> None:
    async with client_for(emu, cache=cache) as client:
        by_number = await client.patents.family(IDS[:2])
        patent_id = by_number[IDS[0]].patent_id
        assert patent_id is not None
        emu.log.clear()
        by_id = await client.patents.family(patent_ids=[patent_id, IDS[1]])
        assert len(business(emu)) == 1  # asked another way: sent
        assert by_id.missing == (IDS[1],)  # a number sent as a patent id has no record
        again = await client.patents.family(patent_ids=[patent_id, IDS[1]])
    assert len(business(emu)) == 1
    assert again.cached == (patent_id, IDS[1])
    assert again.missing == (IDS[1],)
    assert as_dict(again[patent_id]) == as_dict(by_number[IDS[0]])


def family_with(name: str) -> Lookup[FamilyRecord]:
    return Lookup(code="", name=name, path=FAMILY.path, ids=(PATENT_NUMBER,), model=FamilyRecord)


async def test_parameters_that_change_a_record_change_its_key(
    emu: Emulator, cache: RecordCache
) -> None:
    lookup = family_with("family_in")
    async with client_for(emu, cache=cache) as client:
        await client.lookup(lookup, IDS[:3], params={"lang": "en"})
        await client.lookup(lookup, IDS[:3], params={"lang": "cn"})
        assert len(business(emu)) == 2
        # Same parameters in another order, a None left out as it is on the wire: hits.
        answer = await client.lookup(lookup, IDS[:3], params={"x": 1, "lang": "en", "y": None})
        await client.lookup(lookup, IDS[:3], params={"lang": "en", "x": 1})
        assert len(business(emu)) == 3
        assert answer.cached == ()
        # True is sent as "true", 1 as "1": the platform may read them apart.
        await client.lookup(lookup, IDS[:3], params={"lang": "en", "x": True})
    assert len(business(emu)) == 4


async def test_a_catalog_lookup_with_parameters_by_mock_transport(cache: RecordCache) -> None:
    def platform(request: HttpRequest) -> HttpResponse:
        numbers = request.params["patent_number"].split(",")
        related = request.params.get("replace_by_related", "0")
        data = [{"pn": n, "claims": [{"claim_text": f"{n} {related}"}]} for n in numbers]
        body = {"status": True, "error_code": 0, "data": data}
        return HttpResponse(200, {"Content-Type": "application/json"}, _json(body))

    transport = MockTransport(platform)
    async with PatsnapClient(api_key="sk-test", transport=transport, cache=cache) as client:
        plain = await client.lookup("P018", ["US1B2", "US2B2"])
        related = await client.lookup("claim", ["US1B2"], params={"replace_by_related": 1})
        assert related["US1B2"]["claims"][0]["claim_text"] == "US1B2 1"
        assert len(transport.requests) == 2
        again = await client.lookup("P018", ["us1b2", "US2B2"])
        again_related = await client.patents.claim(["US1B2"], replace_by_related=1)
    assert len(transport.requests) == 2
    assert again["US1B2"] == plain["US1B2"]
    assert again_related["US1B2"] == related["US1B2"]


def _json(body: Any) -> bytes:
    import json

    return json.dumps(body).encode()


async def test_records_expire_at_their_lookups_age_and_absences_after_a_day(
    emu: Emulator, cache: RecordCache, clock: Clock
) -> None:
    assert MAX_AGES["P014"] == 30 * DAY and MAX_AGES["P015"] == 14 * DAY
    async with client_for(emu, cache=cache) as client:
        await client.patents.family([*IDS[:3], "UNKNOWN1"])
        await client.patents.cited_by(IDS[:3])
        clock.now += MISSING_MAX_AGE + 1  # the absence is stale, the records are not
        emu.log.clear()
        await client.patents.family([*IDS[:3], "UNKNOWN1"])
        await client.patents.cited_by(IDS[:3])
        assert sent_ids(emu) == ["UNKNOWN1"]
        clock.now += 14 * DAY  # citations are stale, families are not
        emu.log.clear()
        await client.patents.family(IDS[:3])
        await client.patents.cited_by(IDS[:3])
        assert [s.path for s in business(emu)] == [client.paths.cited_by]
        clock.now += 16 * DAY  # past 30 days: families are stale
        emu.log.clear()
        await client.patents.family(IDS[:3])
    assert sent_ids(emu) == IDS[:3]


async def test_max_age_overrides_the_table(emu: Emulator, tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "r.sqlite3"
    with RecordCache(path, clock=clock, max_age={"family": 60}) as cache:
        assert cache.max_age("P014") == 30 * DAY  # by name only, for the wrapped lookups
        async with client_for(emu, cache=cache) as client:
            await client.patents.family(IDS[:2])
            clock.now += 61
            await client.patents.family(IDS[:2])
            assert len(business(emu)) == 2
            short = cache.with_options(max_age=datetime.timedelta(seconds=10))
            clock.now += 11
            await client.with_options(cache=short).patents.family(IDS[:2])
        assert len(business(emu)) == 3


def test_a_refused_setting_opens_no_cache_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match=r"session must be an aiohttp\.ClientSession"):
        PatsnapClient(api_key="sk-x", session=object(), cache=tmp_path / "r.sqlite3")  # type: ignore[arg-type]
    assert not (tmp_path / "r.sqlite3").exists()  # neither created nor left open


async def test_with_options_refuses_a_path_it_would_open_and_never_close(
    emu: Emulator, cache: RecordCache, tmp_path: Path
) -> None:
    async with client_for(emu, cache=cache) as client:
        with pytest.raises(ConfigurationError, match=r"with_options\(cache=\) takes a RecordCache"):
            client.with_options(cache=tmp_path / "other.sqlite3")  # type: ignore[arg-type]
    assert not (tmp_path / "other.sqlite3").exists()


async def test_refresh_reads_nothing_and_stores_what_it_fetches(
    emu: Emulator, cache: RecordCache, clock: Clock
) -> None:
    async with client_for(emu, cache=cache) as client:
        await client.patents.family(IDS[:2])
        fresh = client.with_options(cache=cache.with_options(refresh=True))
        result = await fresh.patents.family(IDS[:2])
        assert result.cached == ()
        assert len(business(emu)) == 2
        bypass = client.with_options(cache=False)
        assert bypass.cache is None
        await bypass.patents.family(IDS[2:4])  # neither read nor stored
        assert len(business(emu)) == 3
        await client.patents.family(IDS[:4])
    assert sent_ids(emu)[-2:] == IDS[2:4]
    assert cache.billed(datetime.date(2025, 1, 1), datetime.date(2026, 12, 31))[0].requests == 3


async def test_each_answer_is_stored_as_it_arrives_so_a_failure_keeps_the_rest(
    emu: Emulator, cache: RecordCache
) -> None:
    async with client_for(emu, cache=cache, max_retries=0) as client:
        emu.inject(error_code=99999999)  # a code the SDK does not know: the chunk fails
        with pytest.raises(BatchError) as caught:
            await client.lookup(FAMILY, IDS, concurrency=1)
        failed = set(caught.value.result.failed)
        assert len(failed) == 100
        emu.log.clear()
        again = await client.patents.family(IDS)
    assert set(sent_ids(emu)) == failed
    assert len(again.cached) == 150


async def test_a_budget_counts_only_what_is_sent(emu: Emulator, cache: RecordCache) -> None:
    async with client_for(emu, cache=cache) as client:
        await client.patents.family(IDS[:100])
        result = await client.lookup(FAMILY, IDS, max_billed=100)
        assert len(result) == 200 and len(result.unsent) == 50
        assert await client.cached(FAMILY, IDS) == tuple(IDS[:200])
        assert await client.cached("P014", ["US1X", *IDS[:1]]) == (IDS[0],)


async def test_keep_false_reports_cached_parts_with_their_records(
    emu: Emulator, cache: RecordCache
) -> None:
    parts: list[BatchResult[Any]] = []
    async with client_for(emu, cache=cache) as client:
        await client.patents.family([*IDS[:150], "UNKNOWN1"])
        emu.log.clear()
        result = await client.lookup(FAMILY, [*IDS, "UNKNOWN1"], keep=False, on_chunk=parts.append)
    cached = [part for part in parts if part.cached]
    assert sum(len(part) for part in cached) == 150
    assert [m for part in cached for m in part.missing] == ["UNKNOWN1"]
    assert sum(len(part) for part in parts if not part.cached) == 100
    assert len(result) == 0 and result.missing == ("UNKNOWN1",)
    assert len(result.cached) == 151


async def test_another_host_has_its_own_records(emu: Emulator, cache: RecordCache) -> None:
    other = Emulator()
    async with other.serve():  # both serving: two ports, two hosts
        for emulator in (emu, other):
            async with client_for(emulator, cache=cache) as client:
                result = await client.patents.family(IDS[:2])
            assert result.cached == ()
            assert len(business(emulator)) == 1


async def test_the_ledger_counts_each_answer_by_day(
    emu: Emulator, cache: RecordCache, clock: Clock
) -> None:
    clock.now = datetime.datetime(2025, 3, 1, 23, 0, tzinfo=datetime.UTC).timestamp()
    async with client_for(emu, cache=cache) as client:
        await client.patents.family([*IDS, "UNKNOWN1"])
        clock.now += 2 * 3600  # 1:00 on 2 March, UTC
        await client.patents.family(IDS[:10])  # all cached: nothing in the ledger
        await client.patents.cited_by(IDS[:10])
    days = cache.billed(datetime.date(2025, 3, 1), datetime.date(2025, 3, 2), by_day=True)
    assert [(b.day, b.endpoint, b.requests, b.ids, b.billed) for b in days] == [
        (datetime.date(2025, 3, 1), "P014", 3, 251, 250),
        (datetime.date(2025, 3, 2), "P015", 1, 10, 10),
    ]
    assert cache.billed(datetime.date(2025, 3, 2), datetime.date(2025, 3, 2))[0].endpoint == "P015"
    shanghai = datetime.timezone(datetime.timedelta(hours=8))
    one_day = cache.billed(datetime.date(2025, 3, 2), datetime.date(2025, 3, 2), tz=shanghai)
    assert sum(b.billed for b in one_day) == 260  # 7:00 and 9:00 on 2 March in Shanghai
    assert cache.billed(datetime.date(2025, 3, 1), datetime.date(2025, 3, 2), host="x") == []


# --- the file ---------------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"not a database at all " * 100)
    with pytest.raises(
        ConfigurationError, match=re.escape(f"record cache {path} is not a readable")
    ):
        RecordCache(path)
    with pytest.raises(ConfigurationError, match=re.escape(str(path))):
        PatsnapClient(api_key="sk-test", cache=path)


def test_another_applications_database_and_a_newer_schema_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(ConfigurationError, match="of another application"):
        RecordCache(other)
    newer = tmp_path / "newer.sqlite3"
    RecordCache(newer).close()
    with sqlite3.connect(newer) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(ConfigurationError, match="newer patsnap-async"):
        RecordCache(newer)


def test_a_missing_folder_and_a_locked_file_are_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="cannot be created: No such file"):
        RecordCache(tmp_path / "nowhere" / "records.sqlite3")
    path = tmp_path / "locked.sqlite3"
    RecordCache(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(ConfigurationError, match=re.escape(f"record cache {path} is locked")):
            RecordCache(path, timeout=0.05)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_the_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    with RecordCache(tmp_path / "r.sqlite3") as cache:
        assert cache.path.stat().st_mode & 0o777 == 0o600


async def test_a_file_that_cannot_be_written_mid_run_loses_no_record(
    emu: Emulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "r.sqlite3"
    with RecordCache(path, timeout=0.05) as cache:
        async with client_for(emu, cache=cache) as client:
            await client.patents.family(IDS[:5])
            holder = sqlite3.connect(path, isolation_level=None)
            holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
            try:
                with caplog.at_level(logging.WARNING, logger="patsnap_async"):
                    result = await client.patents.family(IDS[:150])
                    again = await client.patents.family(IDS[:150])
            finally:
                holder.execute("ROLLBACK")
                holder.close()
        assert len(result) == 150 and result.cached == tuple(IDS[:5])
        assert len(again) == 150 and again.cached == ()  # off for a while: all sent
        assert cache.failures >= 1
        assert isinstance(cache.error, sqlite3.OperationalError)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert f"record cache {path} failed (database is locked" in warnings[0]


def _claims_platform(started: int, lock: Any) -> Any:
    """A P018 platform that answers no request before `started` have arrived (each
    sent after its ids were claimed), calling `lock()` as the last one arrives."""
    arrived: list[int] = []
    all_in = asyncio.Event()

    async def platform(request: HttpRequest) -> HttpResponse:
        arrived.append(1)
        if len(arrived) == started:
            lock()
            all_in.set()
        await all_in.wait()
        numbers = request.params["patent_number"].split(",")
        body = {"status": True, "error_code": 0, "data": [{"pn": n} for n in numbers]}
        return HttpResponse(200, {"Content-Type": "application/json"}, _json(body))

    return platform


async def test_records_reach_the_caller_while_another_program_holds_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "r.sqlite3"
    ids = [f"US{i}B2" for i in range(300)]
    with RecordCache(path) as cache:
        holder = sqlite3.connect(path, isolation_level=None)
        returned: list[tuple[int, int]] = []  # (records, failures of the cache then)

        def on_chunk(part: BatchResult[Any]) -> None:
            returned.append((len(part), cache.failures))
            if sum(n for n, _ in returned) == len(ids):
                holder.execute("ROLLBACK")  # every record returned: let the file go

        platform = _claims_platform(3, lambda: holder.execute("BEGIN EXCLUSIVE"))
        transport = MockTransport(platform)
        async with PatsnapClient(api_key="sk-test", transport=transport, cache=cache) as client:
            result = await client.lookup("P018", ids, on_chunk=on_chunk, concurrency=3)
        holder.close()
        # Each chunk came back while the file was locked, without waiting for it.
        assert returned == [(100, 0)] * 3
        assert len(result) == 300 and cache.failures == 0
        assert len(list(cache.entries())) == 300  # and all were stored once it was free


async def test_once_the_file_failed_the_operations_queued_behind_it_wait_no_more(
    tmp_path: Path,
) -> None:
    path = tmp_path / "r.sqlite3"
    ids = [f"US{i}B2" for i in range(500)]
    with RecordCache(path, timeout=0.05) as cache:
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # held the whole call: every claim is queued
        try:
            platform = _claims_platform(1, lambda: None)
            transport = MockTransport(platform)
            async with PatsnapClient(api_key="sk-test", transport=transport, cache=cache) as client:
                result = await client.lookup("P018", ids, concurrency=5)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    assert len(result) == 500 and len(transport.requests) == 5
    assert cache.failures == 1  # the first; the 4 claims queued behind it did not wait


async def test_a_short_max_age_takes_what_a_concurrent_call_fetched_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [f"US{i}B2" for i in range(100)]  # one request
    now = [1_750_000_000.0]

    def ticking() -> float:  # every reading a millisecond later
        now[0] += 0.001
        return now[0]

    path = tmp_path / "r.sqlite3"
    b_waits = asyncio.Event()
    pause = CallCache.pause

    async def pausing(self: CallCache, *args: Any) -> None:
        b_waits.set()  # B found A's claims: it waits for A's records
        await pause(self, *args)

    monkeypatch.setattr(CallCache, "pause", pausing)
    later: list[asyncio.Task[Any]] = []

    async def platform_a(request: HttpRequest) -> HttpResponse:
        if not later:  # A's ids are claimed: B begins, and finds them held
            later.append(asyncio.create_task(client_b.lookup("P018", ids)))
            with contextlib.suppress(TimeoutError):  # should B not wait: fail, not hang
                await asyncio.wait_for(b_waits.wait(), 30)
        numbers = request.params["patent_number"].split(",")
        body = {"status": True, "error_code": 0, "data": [{"pn": n} for n in numbers]}
        return HttpResponse(200, {"Content-Type": "application/json"}, _json(body))

    transport_a, transport_b = MockTransport(platform_a), MockTransport(platform_a)
    with (
        RecordCache(path, max_age=0, clock=ticking) as cache_a,
        RecordCache(path, max_age=0, clock=ticking) as cache_b,
    ):
        client_a = PatsnapClient(api_key="sk-test", transport=transport_a, cache=cache_a)
        client_b = PatsnapClient(api_key="sk-test", transport=transport_b, cache=cache_b)
        async with client_a, client_b:
            first = await client_a.lookup("P018", ids)
            second = await later[0]
    assert len(first) == len(second) == 100
    assert len(transport_a.requests) == 1
    assert transport_b.requests == []  # A's records, fetched after B began, were fresh
    assert second.cached == tuple(ids) and client_b.stats.cache_hits == 100


async def test_a_call_waiting_for_another_ones_ids_says_so_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "_TELL_AFTER", 0.3)  # 3 s: shortened for the test
    ids = [f"US{i}B2" for i in range(100)]
    told = asyncio.Event()

    class Listener(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.getMessage().startswith("waiting for"):
                told.set()

    later: list[asyncio.Task[BatchResult[Any]]] = []

    async def platform(request: HttpRequest) -> HttpResponse:
        if not later:  # A's ids are claimed: B begins and waits for them
            later.append(asyncio.create_task(client_b.lookup("P018", ids)))
            with contextlib.suppress(TimeoutError):  # A answers once B said it waits
                await asyncio.wait_for(told.wait(), 30)
        numbers = request.params["patent_number"].split(",")
        body = {"status": True, "error_code": 0, "data": [{"pn": n} for n in numbers]}
        return HttpResponse(200, {"Content-Type": "application/json"}, _json(body))

    logger = logging.getLogger("patsnap_async")
    logger.addHandler(listener := Listener())
    path = tmp_path / "r.sqlite3"
    try:
        with (
            caplog.at_level(logging.WARNING, logger="patsnap_async"),
            RecordCache(path) as cache_a,
            RecordCache(path) as cache_b,
        ):
            transport_a, transport_b = MockTransport(platform), MockTransport(platform)
            client_a = PatsnapClient(api_key="sk-test", transport=transport_a, cache=cache_a)
            client_b = PatsnapClient(api_key="sk-test", transport=transport_b, cache=cache_b)
            async with client_a, client_b:
                await client_a.lookup("P018", ids)
                second = await later[0]
    finally:
        logger.removeHandler(listener)
    assert told.is_set() and transport_b.requests == []
    assert second.cached == tuple(ids)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        f"waiting for 100 ids another run (pid {os.getpid()}) is fetching, up to 2 min"
    ]


def test_bad_settings_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    cases: list[tuple[dict[str, Any], str]] = [
        ({"max_age": -1}, "max_age must be finite and >= 0"),
        ({"max_age": {"P013": "1d"}}, r"max_age\['P013'\] must be seconds"),
        ({"refresh": 1}, "refresh must be True or False"),
        ({"claim_ttl": 0}, "claim_ttl must be a number of seconds above 0"),
    ]
    for settings, said in cases:
        with pytest.raises(ConfigurationError, match=said):
            RecordCache(path, **settings)
    with pytest.raises(ConfigurationError, match="cache must be a RecordCache or the path"):
        PatsnapClient(api_key="sk-test", cache=42)  # type: ignore[arg-type]


async def test_a_record_answered_under_another_spelling_stores_no_absence(
    serve: ServeFactory, cache: RecordCache
) -> None:
    async with (
        serve(respelled={"US7654321": "US7654321B2"}) as (emu, _),
        client_for(emu, cache=cache) as client,
    ):
        first = await client.patents.family(["US7654321", IDS[0]])
        again = await client.patents.family(["US7654321", IDS[0]])
    assert first.missing == ("US7654321",) and len(first.unmatched) == 1
    # Which id the stray record answers is unknown: the id is asked again, not taken
    # for one without a record.
    assert again.cached == (IDS[0],)
    assert len(business(emu)) == 2 and business(emu)[1].ids == ("US7654321",)


async def test_entries_read_every_record_and_absence(emu: Emulator, cache: RecordCache) -> None:
    async with client_for(emu, cache=cache) as client:
        families = await client.patents.family([IDS[1], IDS[0], "UNKNOWN1"])
        await client.lookup(family_with("mine"), IDS[:1], params={"lang": "en"})
    entries = list(cache.entries("P014"))
    assert [(e.id, e.by, e.params) for e in entries] == [
        ("UNKNOWN1", "patent_number", {}),
        (IDS[0], "patent_number", {}),
        (IDS[1], "patent_number", {}),
    ]
    assert entries[1].record == as_dict(families[IDS[0]]) and entries[0].record is None
    assert entries[1].host == emu.url and entries[1].path == FAMILY.path
    [mine] = cache.entries("mine", host=f"{emu.url}/")
    assert mine.params == {"lang": "en"}
    assert list(cache.entries(host="http://elsewhere")) == []


def test_opening_again_while_another_process_opens_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two connections switching a new file to WAL at once: SQLite refuses one at once,
    # waiting for nothing. It opens again, within its timeout.
    from patsnap_async._cache._store import Store

    check, refusals = Store._check, [sqlite3.OperationalError("database is locked")] * 2

    def refused_twice(store: Store, db: sqlite3.Connection) -> None:
        if refusals:
            raise refusals.pop()
        check(store, db)

    monkeypatch.setattr(Store, "_check", refused_twice)
    RecordCache(tmp_path / "r.sqlite3").close()
    assert refusals == []
    refusals[:] = [sqlite3.OperationalError("database is locked")] * 1000
    with pytest.raises(ConfigurationError, match="is locked by another process"):
        RecordCache(tmp_path / "r.sqlite3", timeout=0.05)
