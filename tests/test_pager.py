"""The one pager type, and the generic batch and drain for endpoints not wrapped."""

from __future__ import annotations

import pytest

from patsnap_async import (
    BatchError,
    MalformedResponseError,
    Pager,
    as_dict,
)
from patsnap_async.endpoints import OFFSET_PAGING, PAGE_PAGING, Paging
from patsnap_async.endpoints import SEARCH as SEARCH_LIST

from .conftest import ServeFactory, business, client_for

FAMILY = "/basic-patent-data/patent-family"
SEARCH = "/search/patent/query-search-patent"
SEQUENCE_PATENTS = "/bio-openapi/sequence/patent"


async def test_every_drain_returns_the_one_pager(serve: ServeFactory) -> None:
    settings = {"sequence_patent_totals": {"777": 250}, "search_totals": {"q": 30}}
    async with serve(**settings) as (emu, _), client_for(emu) as client:
        job = await client.sequences.submit_motif("RSMATC")
        await client.sequences.wait(job, poll_interval=0)
        emu.reset_log()
        pagers = [
            client.search.iter_query("q", page_size=10, start=5),
            client.sequences.iter_results(job, start=5),
            client.sequences.iter_patents("777", start=5),
        ]
        assert all(isinstance(p, Pager) for p in pagers)
        assert [(p.start, p.total, p.truncated) for p in pagers] == [(5, None, False)] * 3
        assert business(emu) == []  # nothing is fetched before the first item is asked for
        counts = []
        for pager in pagers:
            async with pager:
                counts.append(len([item async for item in pager]))
        assert [p.total for p in pagers] == [30, pagers[1].total, 250]
        assert counts == [25, (pagers[1].total or 0) - 5, 245]


async def test_closing_a_pager_early_cancels_what_is_in_flight(serve: ServeFactory) -> None:
    async with serve(sequence_patent_totals={"777": 5_000}, latency=0.01) as (emu, _):
        async with client_for(emu) as client:
            pager = client.sequences.iter_patents("777", window=4)
            async with pager:
                first = await anext(pager)
            assert first.pn
            assert [p async for p in pager] == []  # closed: nothing more, nothing fetched
            sent = len(business(emu))
        assert sent <= 1 + 4  # the first page and at most one window


async def test_batch_over_any_path_matches_the_wrapped_call(serve: ServeFactory) -> None:
    ids = [f"US{10_000_000 + i}B2" for i in range(250)] + ["us10000000b2 ", "XX-NONE"]
    async with serve(unknown_ids={"XX-NONE"}) as (emu, _), client_for(emu) as client:
        wrapped = await client.patents.family(ids)
        emu.reset_log()
        generic = await client.batch(FAMILY, ids, param="patent_number", key="pn")
        calls = business(emu)
    assert {k: as_dict(v) for k, v in wrapped.items()} == dict(generic.items())
    assert generic.missing == ("XX-NONE",)
    assert len(calls) == 3  # 251 unique ids, 100 a request
    assert max(len(c.ids) for c in calls) == 100


async def test_batch_takes_a_chunk_size_and_keeps_what_it_fetched(serve: ServeFactory) -> None:
    ids = [f"US{10_000_000 + i}B2" for i in range(30)]
    async with serve() as (emu, _), client_for(emu) as client:
        emu.inject(error_code=68399999, path=FAMILY)  # a chunk that fails for good
        with pytest.raises(BatchError) as info:
            await client.batch(FAMILY, ids, param="patent_number", key="pn", chunk_size=10)
    assert len(business(emu)) == 3
    assert len(info.value.result) == 20
    assert len(info.value.result.failed) == 10


async def test_batch_refuses_bad_arguments_before_sending(serve: ServeFactory) -> None:
    async with serve() as (emu, _), client_for(emu) as client:
        with pytest.raises(ValueError, match="chunk_size"):
            await client.batch(FAMILY, ["US1"], param="patent_number", key="pn", chunk_size=101)
        with pytest.raises(ValueError, match="method"):
            await client.batch(FAMILY, ["US1"], param="patent_number", key="pn", method="PUT")
    assert business(emu) == []


async def test_paginate_by_page_matches_iter_patents(serve: ServeFactory) -> None:
    async with serve(sequence_patent_totals={"777": 2_537}) as (emu, _):
        async with client_for(emu) as client:
            wrapped = [p.pn async for p in client.sequences.iter_patents("777", start=150)]
            emu.reset_log()
            pager = client.paginate(
                "POST",
                SEQUENCE_PATENTS,
                paging=PAGE_PAGING,
                items="patents",
                total="total",
                json={"seq_id": "777"},
                start=150,
            )
            generic = [p async for p in pager]
        assert pager.total == 2_537
        assert all(isinstance(p, dict) for p in generic)
        assert [p["pn"] for p in generic] == wrapped
        assert len(wrapped) == 2_537 - 150
        assert sorted(c.body["page"] for c in business(emu)) == list(range(2, 27))


async def test_paginate_by_offset_stops_at_the_platforms_cap(serve: ServeFactory) -> None:
    async with serve(search_totals={"big": 25_000}) as (emu, _), client_for(emu) as client:
        pager = client.paginate(
            "POST",
            SEARCH,
            paging=OFFSET_PAGING,
            items="results",
            total="total_search_result_count",
            json={"query_text": "big"},
            start=18_500,
        )
        results = [r async for r in pager]
    assert (pager.total, pager.truncated, len(results)) == (25_000, True, 1_500)
    windows = sorted((c.body["offset"], c.body["limit"]) for c in business(emu))
    assert windows == [(18_500, 1000), (19_500, 500)]


async def test_a_limit_past_the_cap_is_refused_naming_both(serve: ServeFactory) -> None:
    async with serve(search_totals={"big": 50_000}) as (emu, _), client_for(emu) as client:
        body = {"query_text": "big"}
        with pytest.raises(ValueError, match=r"limit=30000 is past the platform's cap.* 20000"):
            client.listing(SEARCH_LIST, json=body, limit=30_000)
        with pytest.raises(ValueError, match=r"limit must be an integer >= 1, got -5"):
            client.listing(SEARCH_LIST, json=body, limit=-5)
        with pytest.raises(TypeError, match=r"limit must be an integer, got '10'"):
            client.listing(SEARCH_LIST, json=body, limit="10")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match=r"limit=30000 is past the platform's cap"):
            client.listing("P002", json=body, limit=30_000)
    assert business(emu) == []  # refused before anything is sent


async def test_a_limit_at_the_cap_still_tells_the_list_is_truncated(serve: ServeFactory) -> None:
    async with serve(search_totals={"big": 50_000}) as (emu, _), client_for(emu) as client:
        body = {"query_text": "big"}
        at_cap = client.listing(SEARCH_LIST, json=body, start=19_900, limit=20_000)
        read = [r async for r in at_cap]
        below = client.listing(SEARCH_LIST, json=body, limit=100)
        first = [r async for r in below]
    assert (at_cap.total, at_cap.truncated, len(read)) == (50_000, True, 100)
    assert (below.total, below.truncated, len(first)) == (50_000, False, 100)  # as asked


async def test_paginate_with_a_paging_of_your_own(serve: ServeFactory) -> None:
    small_pages = Paging(by="page", position="page", size="size", first=1, max_size=40)
    async with serve(sequence_patent_totals={"777": 100}) as (emu, _), client_for(emu) as client:
        pager = client.paginate(
            "POST",
            SEQUENCE_PATENTS,
            paging=small_pages,
            items="patents",
            total="total",
            json={"seq_id": "777"},
        )
        assert len([p async for p in pager]) == 100
        with pytest.raises(ValueError, match="page_size"):
            client.paginate(
                "POST",
                SEQUENCE_PATENTS,
                paging=small_pages,
                items="patents",
                total="total",
                page_size=41,
            )
    assert [c.body["size"] for c in business(emu)] == [40, 40, 40]


async def test_generic_calls_never_read_an_empty_answer_as_no_records(
    serve: ServeFactory,
) -> None:
    ids = [f"US{10_000_000 + i}B2" for i in range(10)]
    settings = {"sequence_patent_totals": {"777": 250}}
    async with serve(**settings) as (emu, _), client_for(emu, max_retries=0) as client:
        emu.inject(kind="empty", path=FAMILY)
        with pytest.raises(BatchError) as info:
            await client.batch(FAMILY, ids, param="patent_number", key="pn")
        assert info.value.result.missing == ()
        assert info.value.result.failed == tuple(ids)
        emu.inject(kind="empty", path=SEQUENCE_PATENTS)
        pager = client.paginate(
            "POST",
            SEQUENCE_PATENTS,
            paging=PAGE_PAGING,
            items="patents",
            total="total",
            json={"seq_id": "777"},
        )
        with pytest.raises(MalformedResponseError):
            [p async for p in pager]
