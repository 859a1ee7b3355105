"""Emulator: P014/P015 batch lookups and P002 query search."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from patsnap_async import PatsnapClient
from patsnap_async.testing import _data, _endpoints

from .emulator_helpers import Start

FAMILY = "/basic-patent-data/patent-family"
CITED_BY = "/basic-patent-data/forward-citation/v3"
SEARCH = "/search/patent/query-search-patent"


# --- P014 / P015 -----------------------------------------------------------------------


async def test_family_omits_unknown_ids_and_canonicalises_numbers(start: Start) -> None:
    emu, api = await start(unknown_ids=[" xx9b1 "])
    raw = "us1b2, ep2a1 ,Unknown-7,XX9B1"
    data = await api.ok("GET", FAMILY, params={"patent_number": raw})
    assert [record["pn"] for record in data] == ["EP2A1", "US1B2"]  # sorted, not request order
    ids = [_data.patent_uuid("EP2A1"), _data.patent_uuid("US1B2")]
    assert [record["patent_id"] for record in data] == ids
    served = emu.log[-1]
    assert served.ids == ("us1b2", " ep2a1 ", "Unknown-7", "XX9B1")
    assert served.result_count == 2


async def test_family_records_follow_the_documented_shape(start: Start) -> None:
    _, api = await start()
    (record,) = await api.ok("GET", FAMILY, params={"patent_number": "US11205304B2"})
    family = record["patent_family"]
    for key in ("simple_family", "inpadoc_family", "patsnap_family"):
        assert 1 <= len(family[key]) <= 4
        for sequence, member in enumerate(family[key], start=1):
            assert set(member) == {"kind", "country", "sequence", "doc_number"}
            assert member["sequence"] == sequence
            assert isinstance(member["doc_number"], str)
    for key in ("simple_family_id", "inpadoc_family_id", "patsnap_family_id"):
        assert isinstance(family[key], int)
        assert 0 < family[key] < 2**31


async def test_duplicate_ids_are_returned_and_billed_twice(start: Start) -> None:
    emu, api = await start()
    data = await api.ok("GET", FAMILY, params={"patent_number": "US1B2,us1b2"})
    assert [record["pn"] for record in data] == ["US1B2", "US1B2"]
    assert emu.log[-1].result_count == 2


async def test_lookup_by_patent_id_echoes_the_normalised_id(start: Start) -> None:
    _, api = await start()
    us, ep = _data.patent_uuid("US11205304B2"), _data.patent_uuid("EP3000001B1")
    ids = f" {us.upper()} ,unknown-id,{ep}"
    data = await api.ok("GET", CITED_BY, params={"patent_id": ids})
    assert sorted(record["patent_id"] for record in data) == sorted([us, ep])
    assert {r["patent_id"]: r["pn"] for r in data} == {us: "US11205304B2", ep: "EP3000001B1"}
    assert [record["pn"] for record in data] == sorted(record["pn"] for record in data)


# --- one patent, whichever id it is looked up by -------------------------------------


@pytest.mark.parametrize("path", [FAMILY, CITED_BY])
async def test_a_patent_looked_up_by_its_patent_id_is_the_same_patent(
    start: Start, path: str
) -> None:
    _, api = await start()
    numbers = ["US11205304B2", "JP1999068462A", "WO2000123456A1", "US-2013/0033085-A1"]
    by_number = await api.ok("GET", path, params={"patent_number": ",".join(numbers)})
    ids = [record["patent_id"] for record in by_number]
    by_id = await api.ok("GET", path, params={"patent_id": ",".join(ids)})
    assert by_id == by_number  # same pn, same patent_id, same family / citations
    (record,) = await api.ok("GET", path, params={"patent_number": "US11205304B2"})
    (again,) = await api.ok("GET", path, params={"patent_id": f" {record['patent_id'].upper()} "})
    assert again == record


async def test_the_patent_ids_of_search_results_and_sequence_patents_are_theirs(
    start: Start,
) -> None:
    _, api = await start(search_totals={"TACD: drone": 30})
    found = await api.ok("POST", SEARCH, json_body={"query_text": "TACD: drone", "limit": 30})
    body = {"seq_id": "834879", "page": 1, "size": 20}
    patents = (await api.ok("POST", "/bio-openapi/sequence/patent", json_body=body))["patents"]
    refs = {r["patent_id"]: r["pn"] for r in [*found["results"], *patents]}
    data = await api.ok("GET", FAMILY, params={"patent_id": ",".join(refs)})
    assert {record["patent_id"]: record["pn"] for record in data} == refs


async def test_a_number_given_as_a_patent_id_and_the_reverse_are_left_out(start: Start) -> None:
    emu, api = await start()
    (record,) = await api.ok("GET", FAMILY, params={"patent_number": "US11205304B2"})
    patent_id = record["patent_id"]
    for path in (FAMILY, CITED_BY):
        assert await api.ok("GET", path, params={"patent_id": "US11205304B2,JP1999068462A"}) == []
        assert await api.ok("GET", path, params={"patent_number": patent_id}) == []
        assert emu.log[-1].result_count == 0  # nothing billed


async def test_patent_numbers_sent_as_patent_ids_by_the_sdk_are_all_missing(start: Start) -> None:
    # What `patsnap-async family --patent-ids` does with a file of patent numbers.
    emu, _ = await start()
    numbers = ["US11205304B2", "JP1999068462A"]
    async with PatsnapClient(api_key=emu.api_key, base_url=emu.url) as client:
        result = await client.patents.family(patent_ids=numbers)
        assert (result.records, result.missing) == ((), tuple(numbers))
        found = await client.patents.family(patent_ids=[_data.patent_uuid(n) for n in numbers])
    assert sorted(record.pn for record in found.records) == sorted(numbers)


async def test_a_patent_id_the_platform_never_gave_is_left_out(start: Start) -> None:
    _, api = await start()
    made_up = [str(uuid.UUID(int=n * 0x9E3779B97F4A7C15, version=4)) for n in range(1, 101)]
    assert await api.ok("GET", FAMILY, params={"patent_id": ",".join(made_up)}) == []
    assert _data.patent_number_of("718ead9c-4f3c-4674-8f5a-24e126827269") is None  # the docs'


async def test_an_unknown_patent_is_unknown_by_either_id(start: Start) -> None:
    listed = _data.patent_uuid("US1B2")
    _, api = await start(unknown_ids=["EP2A1", listed.upper()])
    by_id = ",".join([_data.patent_uuid("EP2A1"), listed, _data.patent_uuid("CN3A")])
    assert [r["pn"] for r in await api.ok("GET", FAMILY, params={"patent_id": by_id})] == ["CN3A"]
    by_number = {"patent_number": "EP2A1,US1B2,CN3A"}
    assert [r["pn"] for r in await api.ok("GET", FAMILY, params=by_number)] == ["CN3A"]


@pytest.mark.parametrize(
    "pn", ["US11205304B2", "A", "WO2023123456789012A1", "US-2013/0033085-A1", "CN2013.6_X"]
)
def test_patent_number_and_patent_id_map_to_each_other(pn: str) -> None:
    patent_id = _data.patent_uuid(pn)
    assert uuid.UUID(patent_id).version == 4
    assert str(uuid.UUID(patent_id)) == patent_id
    assert _data.patent_number_of(patent_id) == pn
    assert _data.patent_number_of(patent_id.upper()) == pn


def test_neighbouring_numbers_get_unrelated_patent_ids() -> None:
    ids = [_data.patent_uuid(f"US{11205304 + i}B2") for i in range(1000)]
    assert len({patent_id[:8] for patent_id in ids}) == 1000


@pytest.mark.parametrize("pn", ["", "X" * 21, "US 1B2", "us1b2", "US1B2,EP2A1"])
def test_what_is_not_a_patent_number_has_no_patent_id(pn: str) -> None:
    with pytest.raises(ValueError, match="not a patent number"):
        _data.patent_uuid(pn)


async def test_cited_by_records_follow_the_documented_shape(start: Start) -> None:
    _, api = await start()
    numbers = ",".join(f"US{n}B2" for n in range(10_000_000, 10_000_040))
    data = await api.ok("GET", CITED_BY, params={"patent_number": numbers})
    assert len(data) == 40
    citing = []
    for record in data:
        cited = record["patent_cited"]
        assert 0 <= len(cited["cited_by_patents"]) <= 3
        assert cited["cited_by_3y"] <= cited["cited_by_5y"]
        for key in ("cited_by_simple_family", "cited_by_inpadoc_family"):
            assert cited[key] >= len(cited["cited_by_patents"])
        citing.extend(cited["cited_by_patents"])
    assert citing, "some of 40 patents must be cited"
    fields = {
        "pn", "apdt", "apno", "kind", "pbdt", "title", "country", "category", "inventor",
        "sequence", "cite_type", "doc_number", "current_assignee", "original_assignee",
    }  # fmt: skip
    assert all(set(patent) == fields for patent in citing)
    assert all(isinstance(p["category"], list) and isinstance(p["cite_type"], list) for p in citing)
    assert all(isinstance(p["apdt"], int) and isinstance(p["pbdt"], int) for p in citing)
    assert any(not p["title"].isascii() for p in citing)


async def test_patent_data_is_deterministic_and_independent_of_seed(start: Start) -> None:
    _, api_a = await start(seed=1)
    _, api_b = await start(seed=2)
    params = {"patent_number": "US1B2,EP2A1,CN3A"}
    for path in (FAMILY, CITED_BY):
        assert await api_a.ok("GET", path, params=params) == await api_b.ok(
            "GET", path, params=params
        )


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"patent_number": "US1B2", "patent_id": "abc"},
        {"patent_number": " , "},
        {"patent_number": ",".join(f"US{n}B2" for n in range(101))},
    ],
    ids=["neither", "both", "blank", "101-ids"],
)
async def test_bad_batch_requests_are_invalid(start: Start, params: dict[str, str]) -> None:
    _, api = await start()
    assert await api.fails("GET", FAMILY, params=params) == 68300004
    assert await api.fails("GET", CITED_BY, params=params) == 68300004


async def test_one_hundred_ids_are_accepted(start: Start) -> None:
    _, api = await start()
    numbers = ",".join(f"US{n}B2" for n in range(100))
    assert len(await api.ok("GET", FAMILY, params={"patent_number": numbers})) == 100


# --- P002 ----------------------------------------------------------------------------


async def test_search_pages_cover_the_total_exactly(start: Start) -> None:
    emu, api = await start(search_totals={"TACD: virtual reality": 2345})
    pns: list[str] = []
    for offset in range(0, 3000, 1000):
        body = {"query_text": "TACD: virtual reality", "offset": offset, "limit": 1000}
        data = await api.ok("POST", SEARCH, json_body=body)
        assert data["total_search_result_count"] == 2345
        assert data["result_count"] == len(data["results"])
        pns.extend(result["pn"] for result in data["results"])
    assert [served.result_count for served in emu.log] == [1000, 1000, 345]
    assert len(pns) == len(set(pns)) == 2345
    # Pages are stable: a smaller page inside the range gives the same items.
    body = {"query_text": "TACD: virtual reality", "offset": 990, "limit": 20}
    data = await api.ok("POST", SEARCH, json_body=body)
    assert [result["pn"] for result in data["results"]] == pns[990:1010]
    assert all(r["patent_id"] == _data.patent_uuid(r["pn"]) for r in data["results"])


async def test_search_default_total_is_hash_derived(start: Start) -> None:
    _, api = await start()
    totals = set()
    for query in ("a", "b", "c", "d"):
        data = await api.ok("POST", SEARCH, json_body={"query_text": query})
        assert 0 <= data["total_search_result_count"] <= 5000
        assert data["result_count"] == min(10, data["total_search_result_count"])  # limit 10
        totals.add(data["total_search_result_count"])
    assert len(totals) > 1


async def test_search_window_ends_at_20000(start: Start) -> None:
    _, api = await start(search_totals={"q": 50_000})
    data = await api.ok(
        "POST", SEARCH, json_body={"query_text": "q", "offset": 19_000, "limit": 1000}
    )
    assert data["result_count"] == 1000
    assert data["total_search_result_count"] == 50_000
    body = {"query_text": "q", "offset": 19_001, "limit": 1000}
    assert await api.fails("POST", SEARCH, json_body=body) == 68300004


def test_search_results_are_unique_over_the_whole_window() -> None:
    pns = {_data.search_result("any query", i)["pn"] for i in range(20_000)}
    assert len(pns) == 20_000


@pytest.mark.parametrize(
    "body",
    [
        {"limit": 10},
        {"query_text": "", "limit": 10},
        {"query_text": "   "},
        {"query_text": "x" * 1501},
        {"query_text": "q", "limit": 1001},
        {"query_text": "q", "limit": 0},
        {"query_text": "q", "offset": -1},
        {"query_text": "q", "limit": "ten"},
        {"query_text": "q", "sort": [{"field": "TITLE", "order": "desc"}]},
        {"query_text": "q", "sort": [{"field": "ISD", "order": "up"}]},
        {"query_text": "q", "sort": {"field": "ISD", "order": "asc"}},
        ["not", "an", "object"],
    ],
)
async def test_invalid_searches_get_68300004(start: Start, body: object) -> None:
    _, api = await start()
    assert await api.fails("POST", SEARCH, json_body=body) == 68300004


async def test_valid_search_edge_cases(start: Start) -> None:
    _, api = await start(search_totals={"x" * 1500: 3})
    body = {
        "query_text": "x" * 1500,
        "limit": 1000,
        "sort": [
            {"field": "PBDT_YEARMONTHDAY", "order": "DESC"},
            {"field": "SCORE", "order": "asc"},
        ],
    }
    data = await api.ok("POST", SEARCH, json_body=body)
    assert data["result_count"] == 3


async def test_unparsable_json_body_is_a_bad_request(start: Start) -> None:
    emu, api = await start()
    async with api.session.post(
        SEARCH,
        data=b"{not json",
        headers={"Authorization": f"Bearer {emu.api_key}", "Content-Type": "application/json"},
    ) as resp:
        body = await resp.json()
    assert (resp.status, body["error_code"], body["error_msg"]) == (200, 68300007, "Bad request!")


async def test_long_answers_let_other_requests_in_while_they_are_built() -> None:
    # A request arriving while a 100-record answer is built must be stamped on arrival,
    # not once the build is done: the loop runs between slices of records.
    turns = 0

    async def ticker() -> None:
        nonlocal turns
        while True:
            turns += 1
            await asyncio.sleep(0)

    task = asyncio.ensure_future(ticker())
    await asyncio.sleep(0)
    started = turns
    ids = ",".join(f"US{10_000_000 + i}B2" for i in range(100))
    answer = await _endpoints.family({"patent_number": ids}, frozenset())
    during = turns - started
    task.cancel()
    assert answer.result_count == 100
    assert during >= 100 // _endpoints.BUILD_SLICE - 1


async def test_search_date_ranges_select_slices_of_the_results(start: Start) -> None:
    # 30 000 results over 10 days: 3000 a day, in result order.
    _, api = await start(search_totals={"q": 30_000}, search_dates=("20200101", "20200110"))

    async def page(query: str, offset: int = 0) -> tuple[int, list[str]]:
        body = {"query_text": query, "offset": offset, "limit": 1000}
        data = await api.ok("POST", SEARCH, json_body=body)
        return data["total_search_result_count"], [r["pn"] for r in data["results"]]

    total, first = await page("q")
    assert total == 30_000
    assert await page("(q) AND PBD:[20200101 TO 20200103]") == (9_000, first)
    total, later = await page("q AND PBD:[20200104 TO 20200110]")
    assert total == 21_000
    assert later == (await page("q", 9_000))[1]
    assert (await page("(q) AND PBD:[19000101 TO 20191231]"))[0] == 0
    assert (await page("(q) AND PBD:[20200110 TO 20991231]"))[0] == 3_000
    bad = {"query_text": "(q) AND PBD:[20201301 TO 20201302]"}
    assert await api.fails("POST", SEARCH, json_body=bad) == 68300004
