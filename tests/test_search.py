"""client.search: one page, and every page of a query (up to the 20 000 cap)."""

from __future__ import annotations

import pytest

from patsnap_async import PatentRef, SearchPage

from .conftest import ServeFactory, business, client_for

SEARCH = "/search/patent/query-search-patent"


async def test_one_page(serve: ServeFactory) -> None:
    async with serve(search_totals={"TACD: virtual reality": 1234}) as (emu, _):
        async with client_for(emu) as client:
            page = await client.search.query(
                "TACD: virtual reality",
                offset=10,
                limit=5,
                sort=[("PBDT_YEARMONTHDAY", "desc")],
                collapse_type="docdb",
                collapse_by="PBD",
                collapse_order="LATEST",
            )
        assert isinstance(page, SearchPage)
        assert page.total_search_result_count == 1234
        assert page.result_count == 5 == len(page.results)
        assert all(isinstance(r, PatentRef) and r.pn and r.patent_id for r in page.results)
        sent = business(emu)[0].body
        assert sent == {
            "query_text": "TACD: virtual reality",
            "offset": 10,
            "limit": 5,
            "sort": [{"field": "PBDT_YEARMONTHDAY", "order": "DESC"}],
            "collapse_type": "DOCDB",
            "collapse_by": "PBD",
            "collapse_order": "LATEST",
        }


async def test_25000_total_yields_exactly_20000_unique(
    serve: ServeFactory, caplog: pytest.LogCaptureFixture
) -> None:
    async with serve(search_totals={"big": 25_000}, latency=0.02) as (emu, _):
        async with client_for(emu) as client:
            results = client.search.iter_query("big")
            refs = [ref async for ref in results]
        assert len(refs) == 20_000
        assert len({r.patent_id for r in refs}) == 20_000
        assert results.total == 25_000
        assert results.truncated
        assert "serves only the first 20000" in caplog.text
        calls = business(emu)
        assert len(calls) == 20
        assert all(s.body["offset"] + s.body["limit"] <= 20_000 for s in calls)
        # in order: the emulator numbers results, and page k starts where k-1 ended
        one_by_one = await _first_results(emu.url, "big", 2000)
        assert [r.pn for r in refs[:2000]] == one_by_one
        # pages were in flight together: later pages arrived before the first answers
        assert emu.max_arrivals_in_window(0.015, path_prefix=SEARCH) > 1


async def _first_results(url: str, query: str, count: int) -> list[str | None]:
    from patsnap_async import PatsnapClient

    async with PatsnapClient(api_key="sk-test-api-key", base_url=url, qps=1000) as client:
        page_a = await client.search.query(query, offset=0, limit=1000)
        page_b = await client.search.query(query, offset=1000, limit=1000)
    return [r.pn for r in page_a.results + page_b.results][:count]


async def test_max_results_and_small_totals(serve: ServeFactory) -> None:
    async with serve(search_totals={"q": 2_345, "none": 0}) as (emu, _):
        async with client_for(emu) as client:
            some = [
                r async for r in client.search.iter_query("q", max_results=1_500, page_size=400)
            ]
            everything = client.search.iter_query("q", page_size=1000)
            refs = [r async for r in everything]
            nothing = [r async for r in client.search.iter_query("none")]
        assert len(some) == 1_500
        assert len(refs) == 2_345 == everything.total
        assert not everything.truncated
        assert nothing == []
        limits = [s.body["limit"] for s in business(emu)]
        assert limits[:4] == [400, 400, 400, 300]  # the last page asks only for the rest


async def test_asking_past_the_cap_says_so(emu: object) -> None:
    async with client_for(emu) as client:  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="max_results=25000 is past the platform's cap"):
            client.search.iter_query("q", max_results=25_000)


async def test_stopping_early_cancels_pages_in_flight(serve: ServeFactory) -> None:
    async with serve(search_totals={"q": 20_000}, latency=0.05) as (emu, _):
        async with client_for(emu) as client:
            results = client.search.iter_query("q", page_size=100)
            async for _ in results:
                break
            await results.aclose()
            # the client is still fine
            page = await client.search.query("q")
        assert len(page.results) == 10


async def test_resuming_a_search_skips_what_was_fetched(serve: ServeFactory) -> None:
    async with serve(search_totals={"q": 2_345}) as (emu, _), client_for(emu) as client:
        every = [r async for r in client.search.iter_query("q", page_size=500)]
        emu.reset_log()
        rest = [r async for r in client.search.iter_query("q", page_size=500, start=1_800)]
        assert rest == every[1_800:]
        assert [s.body["offset"] for s in business(emu)] == [1_800, 2_300]
        capped = client.search.iter_query("q", max_results=1_000, start=1_000)
        assert [r async for r in capped] == []
