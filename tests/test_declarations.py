"""Endpoints are declarations: a new lookup or list is one description and its model.

The batch engine and the page engine run a declaration they have never seen exactly
as they run the wrapped endpoints: batching, matching, billing, chunk reports and a
budget for lookups; paging, checks and de-duplication for lists.
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest

from patsnap_async import BatchError, HttpRequest, HttpResponse, PatsnapClient
from patsnap_async.endpoints import OFFSET_PAGING, PATENT_ID, PATENT_NUMBER, Listing, Lookup
from patsnap_async.testing import MockTransport

from .virtual_time import run


@attrs.frozen
class ClaimsRecord:
    """The model of the new endpoint: as the platform names its fields."""

    pn: str | None = None
    patent_id: str | None = None
    claim_count: int | None = None


#: The one declaration a new lookup endpoint needs, besides its model.
CLAIMS = Lookup[ClaimsRecord](
    code="P018",
    name="claims",
    path="/basic-patent-data/claim-data",
    ids=(PATENT_NUMBER, PATENT_ID),
    model=ClaimsRecord,
)


def envelope(data: Any) -> HttpResponse:
    return HttpResponse(
        200, {}, json.dumps({"status": True, "error_code": 0, "data": data}).encode()
    )


def claims(request: HttpRequest) -> HttpResponse:
    assert request.path == "/basic-patent-data/claim-data"
    field = "patent_id" if "patent_id" in request.params else "patent_number"
    ids = request.params[field].split(",")
    known = [i for i in ids if not i.startswith("UNKNOWN")]
    key = "patent_id" if field == "patent_id" else "pn"
    return envelope([{key: i, "claim_count": len(i)} for i in known])


def client(handler: Any, **options: Any) -> PatsnapClient:
    return PatsnapClient(
        api_key="sk-x", base_url="https://api.test", transport=MockTransport(handler), **options
    )


def test_a_declared_lookup_is_batched_matched_and_billed() -> None:
    ids = [f"US{1000 + i}B2" for i in range(250)] + ["UNKNOWN1", "us1000b2"]

    async def main() -> tuple[Any, int, int]:
        async with client(claims, qps=1000) as c:
            result = await c.lookup(CLAIMS, ids)
            return result, c.stats.requests, c.stats.billed_results

    result, requests, billed = run(main)
    assert requests == 3 and billed == 250
    assert result["US1000B2"] == ClaimsRecord(pn="US1000B2", claim_count=8)
    assert result.missing == ("UNKNOWN1",)


def test_a_declared_lookup_takes_its_other_ids() -> None:
    async def main() -> Any:
        async with client(claims, qps=1000) as c:
            return await c.lookup(CLAIMS, ["id-1", "id-2"], by="patent_id")

    assert sorted(run(main)) == ["id-1", "id-2"]


def test_a_lookup_refuses_a_way_it_does_not_take() -> None:
    async def main() -> None:
        async with client(claims) as c:
            with pytest.raises(ValueError, match="patent_number"):
                await c.lookup(CLAIMS, ["x"], by="seq_id")

    run(main)


def test_chunks_are_reported_as_they_complete_and_need_not_be_kept() -> None:
    ids = [f"US{1000 + i}B2" for i in range(250)] + ["UNKNOWN1"]
    parts: list[Any] = []

    async def main() -> Any:
        async with client(claims, qps=1000) as c:
            return await c.lookup(CLAIMS, ids, on_chunk=parts.append, keep=False)

    result = run(main)
    assert sorted(len(p) for p in parts) == [50, 100, 100]
    assert sum(len(p.missing) for p in parts) == 1
    assert len(result) == 0 and result.missing == ("UNKNOWN1",)  # nothing held


def test_a_budget_sends_nothing_that_could_pass_it_and_missing_ids_give_back() -> None:
    # 300 ids, a budget of 150 billed records, and a third of the ids unknown (not
    # billed): what the unknown ones held is spent on more ids, never past 150.
    ids = [f"UNKNOWN{i}" if i % 3 == 0 else f"US{1000 + i}B2" for i in range(300)]

    async def main() -> tuple[Any, int]:
        async with client(claims, qps=1000) as c:
            result = await c.lookup(CLAIMS, ids, max_billed=150)
            return result, c.stats.billed_results

    result, billed = run(main)
    assert billed == len(result) == 150
    assert len(result) + len(result.missing) + len(result.unsent) == 300
    assert result.unsent and not result.failed


#: A new paged list: one declaration (here pages as dicts, no model).
NOTES = Listing[dict[str, Any], dict[str, Any]](
    code="X001",
    name="notes",
    path="/notes",
    paging=OFFSET_PAGING,
    items="notes",
    total="count",
    method="GET",
    key=lambda note: note["id"],
)


def test_a_declared_list_is_drained_whole() -> None:
    def notes(request: HttpRequest) -> HttpResponse:
        offset, limit = int(request.params["offset"]), int(request.params["limit"])
        items = [{"id": i} for i in range(offset, min(offset + limit, 2_345))]
        return envelope({"notes": items, "count": 2_345})

    async def main() -> list[Any]:
        async with client(notes, qps=1000) as c:
            return [note["id"] async for note in c.listing(NOTES)]

    assert run(main) == list(range(2_345))


def refusing(most: int, bad: frozenset[str] = frozenset()) -> Any:
    """P018 that refuses (68300004) more than `most` ids, or any id in `bad`."""
    sizes: list[int] = []

    def handler(request: HttpRequest) -> HttpResponse:
        ids = request.params["patent_number"].split(",")
        sizes.append(len(ids))
        if len(ids) > most or bad & set(ids):
            body = {"status": False, "error_code": 68300004, "error_msg": "Invalid parameter!"}
            return HttpResponse(200, {}, json.dumps(body).encode())
        return claims(request)

    handler.sizes = sizes  # type: ignore[attr-defined]
    return handler


def test_a_refused_request_is_halved_until_the_endpoint_takes_it_then_sent_that_size() -> None:
    handler = refusing(most=30)
    ids = [f"US{1000 + i}B2" for i in range(500)]

    async def main() -> tuple[Any, int]:
        async with client(handler, qps=1000) as c:  # one at a time: the order is fixed
            result = await c.lookup(CLAIMS, ids, concurrency=1)
            return result, c.stats.billed_results

    result, billed = run(main)
    assert len(result) == 500 and not result.failed
    assert billed == 500  # nothing billed twice: refusals bill nothing
    # 100 refused, its halves refused, their halves of 25 accepted; then 25 a request.
    assert handler.sizes[:7] == [100, 50, 25, 25, 50, 25, 25]
    assert handler.sizes[7:] == [25] * 16


def test_a_bad_id_is_narrowed_down_and_fails_alone() -> None:
    handler = refusing(most=100, bad=frozenset({"US1042B2"}))
    ids = [f"US{1000 + i}B2" for i in range(250)]

    async def main() -> Any:
        async with client(handler, qps=1000) as c:
            with pytest.raises(BatchError) as info:
                await c.lookup(CLAIMS, ids, concurrency=1)
            return info.value

    error = run(main)
    assert error.result.failed == ("US1042B2",)
    assert len(error.result) == 249
    # The size stays 100: a bad id, not an endpoint that takes fewer.
    assert handler.sizes[-2:] == [100, 50]


def test_a_refusal_of_every_id_costs_a_few_requests_a_chunk_and_fails_every_id() -> None:
    handler = refusing(most=0)  # whatever the ids, as an account without the API
    ids = [f"US{1000 + i}B2" for i in range(250)]

    async def main() -> tuple[BatchError, int]:
        async with client(handler, qps=1000) as c:
            with pytest.raises(BatchError) as info:
                await c.lookup(CLAIMS, ids, concurrency=1)
            return info.value, c.stats.billed_results

    error, billed = run(main)
    result = error.result
    assert result.failed == tuple(ids) and len(result) == 0 and billed == 0
    assert not result.missing and not result.unsent and not result.unmatched
    assert {(type(e).__name__, e.code) for e in result.errors.values()} == {
        ("InvalidParameterError", 68300004)
    }
    # The first chunk: halved down to one id, refused, then another id alone, refused.
    assert handler.sizes[:9] == [100, 50, 25, 12, 6, 3, 1, 2, 1]
    # Then the call knows: each chunk's first and last ids alone, refused, and no more.
    assert handler.sizes[9:] == [100, 1, 1, 50, 1, 1]


def test_chunks_refused_whatever_their_ids_in_parallel_cost_9_requests_at_most() -> None:
    handler = refusing(most=0)
    ids = [f"US{1000 + i}B2" for i in range(1000)]

    async def main() -> BatchError:
        async with client(handler, qps=1000) as c:
            with pytest.raises(BatchError) as info:
                await c.lookup(CLAIMS, ids)
            return info.value

    error = run(main)
    assert error.result.failed == tuple(ids)
    assert len(handler.sizes) <= 9 * 10  # not 199 a chunk


@pytest.mark.parametrize("bad", [0, 42, 99])
def test_one_bad_id_among_100_costs_about_2_log2_100_requests(bad: int) -> None:
    ids = [f"US{1000 + i}B2" for i in range(100)]
    handler = refusing(most=100, bad=frozenset({ids[bad]}))

    async def main() -> tuple[BatchError, int]:
        async with client(handler, qps=1000) as c:
            with pytest.raises(BatchError) as info:
                await c.lookup(CLAIMS, ids)
            return info.value, c.stats.billed_results

    error, billed = run(main)
    # A bad first id, refused alone, is not taken for a refusal of every id.
    assert error.result.failed == (ids[bad],)
    assert len(error.result) == 99 and billed == 99
    assert len(handler.sizes) <= 2 * 7 + 1


def test_after_a_chunk_refused_whatever_its_ids_a_bad_id_is_still_narrowed_down() -> None:
    refused = [f"US{1000 + i}B2" for i in range(100)]  # the first chunk: every id
    later = [f"US{2000 + i}B2" for i in range(100)]
    handler = refusing(most=100, bad=frozenset([*refused, "US2050B2"]))

    async def main() -> BatchError:
        async with client(handler, qps=1000) as c:
            with pytest.raises(BatchError) as info:
                await c.lookup(CLAIMS, [*refused, *later], concurrency=1)
            return info.value

    error = run(main)
    assert error.result.failed == (*refused, "US2050B2")
    assert list(error.result) == [i for i in later if i != "US2050B2"]
    # The first and last ids alone go through: the rest is halved as ever.
    assert handler.sizes[9:13] == [100, 1, 1, 98]
