"""No list ends quietly short or long: every list, through the one page engine.

Each list of the SDK (a query's results, a job's hits, a sequence's patents, any
endpoint through `client.paginate`) is served here by `MockTransport` from a list of
350 items, with one page gone wrong. The rules (see `patsnap_async._pager`): a page
shorter than the total makes it is retried, then fails the iteration naming it; so
does a page reporting another total than the first; a longer page is cut; an item
sent twice is yielded once.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from patsnap_async import (
    HttpRequest,
    HttpResponse,
    MalformedResponseError,
    Pager,
    PatsnapClient,
    RetryPolicy,
)
from patsnap_async.endpoints import OFFSET_PAGING, PAGE_PAGING
from patsnap_async.testing import MockTransport

from .virtual_time import run

TOTAL = 350
FAST = RetryPolicy(initial_delay=0.01, max_delay=0.05, jitter=False)

Fault = Callable[[int, list[dict[str, Any]], int], tuple[list[dict[str, Any]], int]]
"""`fault(first_index, items, total) -> (items, total)` for one page's answer."""


class Served:
    """One list of `TOTAL` items served by page number or by offset, with a fault."""

    def __init__(self, kind: str, fault: Fault | None = None, *, times: int = 10**6) -> None:
        self.kind = kind
        self.fault = fault
        self.times = times  # answers spoiled by `fault`, then good ones
        self.requests: list[dict[str, Any]] = []

    def item(self, index: int) -> dict[str, Any]:
        if self.kind == "search":
            return {"pn": f"US{index}B2", "patent_id": f"id-{index}"}
        if self.kind == "hits":
            return {"seq_id": str(index), "evalue": "0.1"}
        return {"pn": f"US{index}B2", "patent_id": f"id-{index}", "claimed": True}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        window = dict(request.json or {}) | dict(request.params)
        self.requests.append(window)
        if "offset" in window:
            first, size = int(window["offset"]), int(window["limit"])
        else:
            size = int(window["size"])
            first = (int(window["page"]) - 1) * size
        items = [self.item(i) for i in range(first, min(first + size, TOTAL))]
        total = TOTAL
        if self.fault is not None and self.times > 0:
            spoiled = self.fault(first, items, total)
            if spoiled != (items, total):
                self.times -= 1
            items, total = spoiled
        key = {"search": "results", "hits": "results"}.get(self.kind, "patents")
        count = "total_search_result_count" if self.kind == "search" else "total"
        data = {key: items, count: total}
        body = {"status": True, "error_code": 0, "data": data}
        return HttpResponse(200, {}, json.dumps(body).encode())


def pager_of(kind: str, client: PatsnapClient) -> Pager[Any]:
    if kind == "search":
        return client.search.iter_query("TACD: x", page_size=100)
    if kind == "hits":
        return client.sequences.iter_results("job-1")
    if kind == "patents":
        return client.sequences.iter_patents("834879")
    if kind == "paginate-page":
        return client.paginate(
            "POST", "/p", paging=PAGE_PAGING, items="patents", total="total", key="patent_id"
        )
    return client.paginate(
        "GET",
        "/o",
        paging=OFFSET_PAGING,
        items="patents",
        total="total",
        page_size=100,
    )


KINDS = ["search", "hits", "patents", "paginate-page", "paginate-offset"]


def drain(kind: str, served: Served) -> tuple[list[Any], Pager[Any], BaseException | None]:
    """Every item the pager yielded, the pager, and the error that ended it, if any."""

    async def main() -> tuple[list[Any], Pager[Any], BaseException | None]:
        transport = MockTransport(served)
        async with PatsnapClient(
            api_key="sk-x", base_url="https://api.test", transport=transport, retry=FAST
        ) as client:
            items: list[Any] = []
            pager = pager_of(kind, client)
            try:
                async for item in pager:
                    items.append(item)
            except MalformedResponseError as error:
                return items, pager, error
            return items, pager, None

    return run(main)


def ids(kind: str, items: list[Any]) -> list[str]:
    if kind == "hits":
        return [hit.seq_id for hit in items]
    if kind.startswith("paginate"):
        return [item["patent_id"] for item in items]
    return [item.patent_id for item in items]


def expected(kind: str, upto: int = TOTAL) -> list[str]:
    return [str(i) if kind == "hits" else f"id-{i}" for i in range(upto)]


@pytest.mark.parametrize("kind", KINDS)
def test_a_whole_list_is_read_once_and_whole(kind: str) -> None:
    items, pager, error = drain(kind, Served(kind if not kind.startswith("pag") else "patents"))
    assert error is None and pager.total == TOTAL
    assert ids(kind, items) == expected(kind)


def short_page_at(index: int) -> Fault:
    def fault(first: int, items: list[dict[str, Any]], total: int) -> Any:
        return (items[:-10] if first == index else items), total

    return fault


@pytest.mark.parametrize("kind", KINDS)
def test_a_page_that_stays_short_fails_the_list_loudly_naming_it(kind: str) -> None:
    served = Served("patents" if kind.startswith("pag") else kind, short_page_at(200))
    items, _, error = drain(kind, served)
    assert isinstance(error, MalformedResponseError)
    assert "page 3 (items 200-299)" in str(error) and "short page" in str(error)
    # Everything before the page was yielded; the page was retried, then given up.
    assert ids(kind, items) == expected(kind, 200)
    window = [
        r for r in served.requests if str(r.get("offset")) == "200" or str(r.get("page")) == "3"
    ]
    assert len(window) == FAST.max_retries + 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_page_short_once_is_retried_and_nothing_is_missing(kind: str) -> None:
    served = Served("patents" if kind.startswith("pag") else kind, short_page_at(100), times=1)
    items, _, error = drain(kind, served)
    assert error is None and ids(kind, items) == expected(kind)


@pytest.mark.parametrize("kind", KINDS)
def test_a_last_page_short_of_the_total_fails_too(kind: str) -> None:
    # The rule for the last page is the same: a total that promises more than the
    # list delivers is not taken on trust.
    served = Served("patents" if kind.startswith("pag") else kind, short_page_at(300))
    items, _, error = drain(kind, served)
    assert isinstance(error, MalformedResponseError) and "items 300-" in str(error)
    assert len(items) == 300


@pytest.mark.parametrize("kind", KINDS)
def test_a_total_that_changes_between_pages_fails_the_list(kind: str) -> None:
    def grown(first: int, items: list[dict[str, Any]], total: int) -> Any:
        return items, total + (1 if first >= 200 else 0)

    served = Served("patents" if kind.startswith("pag") else kind, grown)
    items, _, error = drain(kind, served)
    assert isinstance(error, MalformedResponseError)
    assert "changed from 350 to 351" in str(error)
    assert len(items) == 200


@pytest.mark.parametrize("kind", KINDS)
def test_a_page_longer_than_asked_is_cut_and_nothing_is_yielded_twice(kind: str) -> None:
    def long(first: int, items: list[dict[str, Any]], total: int) -> Any:
        # Fifty items of the next page come along; the last page brings fifty past it.
        extra = [
            Served(kind if not kind.startswith("pag") else "patents").item(first + len(items) + i)
            for i in range(50)
        ]
        return items + extra, total

    served = Served("patents" if kind.startswith("pag") else kind, long)
    items, pager, error = drain(kind, served)
    assert error is None
    assert ids(kind, items) == expected(kind)  # 350, each once: not 400
    assert pager.duplicates == 0


@pytest.mark.parametrize("kind", KINDS)
def test_an_item_sent_again_on_a_later_page_is_yielded_once(kind: str) -> None:
    base = Served("patents" if kind.startswith("pag") else kind)

    def repeated(first: int, items: list[dict[str, Any]], total: int) -> Any:
        # The page at 100 repeats the last item of the page before it, and drops its
        # own last one: the platform's order shifted by one between the two requests.
        if first == 100:
            return [base.item(99), *items[:-1]], total
        return items, total

    served = Served(base.kind, repeated, times=1)
    items, pager, error = drain(kind, served)
    assert error is None
    assert pager.duplicates == 1
    got = ids(kind, items)
    assert len(got) == len(set(got)) == TOTAL - 1  # one item lost by the platform's shift


@pytest.mark.parametrize("kind", ["search", "patents"])
def test_resuming_inside_a_list_reads_from_there(kind: str) -> None:
    async def main() -> list[Any]:
        served = Served(kind)
        async with PatsnapClient(
            api_key="sk-x", base_url="https://api.test", transport=MockTransport(served)
        ) as client:
            pager: AsyncIterator[Any]
            if kind == "search":
                pager = client.search.iter_query("TACD: x", page_size=100, start=250)
            else:
                pager = client.sequences.iter_patents("834879", start=250)
            return [item async for item in pager]

    assert ids(kind, run(main)) == expected(kind)[250:]


def test_a_harvested_list_that_stays_short_is_failed_not_done(tmp_path: Any) -> None:
    # The harvester used to mark such a sequence done, and `--resume` never came back.
    from patsnap_async import harvest

    served = Served("patents", short_page_at(200))

    async def main() -> Any:
        async with PatsnapClient(
            api_key="sk-x", base_url="https://api.test", transport=MockTransport(served), retry=FAST
        ) as client:
            return await harvest.sequence_patents(client, ["834879"], tmp_path / "out.jsonl")

    summary = run(main)
    assert summary.failed == ["834879"] and summary.written == 200
    done = tmp_path / "out.jsonl.done"
    assert not done.exists() or "834879" not in done.read_text()
    assert summary.exit_code() == 1
