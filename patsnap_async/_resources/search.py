"""Patent search: the analytics query search (P002), one page or every page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .. import _validate as check
from .._converter import parse
from .._endpoints import SEARCH
from .._families import SearchOperations
from .._limits import MAX_QUERY_LENGTH, MAX_SEARCH_PAGE, MAX_SEARCH_RESULTS
from .._models import PatentRef, SearchPage
from .._pager import Pager, check_limit
from .._protocol import OBJECT

__all__ = ["MAX_RESULTS", "Search"]

MAX_RESULTS = MAX_SEARCH_RESULTS

SORT_FIELDS = frozenset({"PBDT_YEARMONTHDAY", "APD_YEARMONTHDAY", "ISD", "SCORE"})
SORT_ORDERS = frozenset({"ASC", "DESC"})
COLLAPSE_TYPES = frozenset({"ALL", "APNO", "DOCDB", "INPADOC", "EXTEND"})
COLLAPSE_BY = frozenset({"APD", "PBD", "AUTHORITY", "SCORE"})
COLLAPSE_ORDERS = frozenset({"OLDEST", "LATEST"})

SortSpec = Sequence[Mapping[str, str] | tuple[str, str]]


class Search(SearchOperations):
    """`client.search`: PatSnap's analytics query language over the global database."""

    async def query(
        self,
        query_text: str,
        *,
        offset: int = 0,
        limit: int = 10,
        sort: SortSpec | None = None,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
    ) -> SearchPage:
        """One page of results for an analytics query (P002).

        Args:
            query_text: e.g. `"TACD: virtual reality"`, at most 1500 characters.
            offset: results to skip; `offset + limit` may not exceed 20 000.
            limit: results on this page, 1 to 1000.
            sort: e.g. `[("PBDT_YEARMONTHDAY", "desc")]` or
                `[{"field": "SCORE", "order": "desc"}]`; fields PBDT_YEARMONTHDAY,
                APD_YEARMONTHDAY, ISD, SCORE. None: the platform's order.
            collapse_type: ALL, APNO, DOCDB, INPADOC or EXTEND. None: no collapse.
            collapse_by: APD, PBD, AUTHORITY or SCORE.
            collapse_order: OLDEST or LATEST (with collapse_type APNO).

        Raises:
            ValueError: a bad argument, named, before anything is sent.
        """
        body = _query_body(query_text, sort, collapse_type, collapse_by, collapse_order) | _window(
            offset, limit
        )
        return await self._page(body)

    def iter_query(
        self,
        query_text: str,
        *,
        max_results: int | None = None,
        page_size: int = MAX_SEARCH_PAGE,
        start: int = 0,
        sort: SortSpec | None = None,
        collapse_type: str | None = None,
        collapse_by: str | None = None,
        collapse_order: str | None = None,
    ) -> Pager[PatentRef]:
        """Every result of a query, up to min(total, max_results, 20 000), in order.

        Pages are fetched concurrently and yielded in order; a result seen on an earlier
        page is not yielded again. The platform serves at most 20 000 results of any
        query: `max_results` above that raises, and when the total is larger the
        iterator logs a warning and sets `.truncated`.

        Args:
            query_text, sort, collapse_type, collapse_by, collapse_order: as `query`.
            max_results: stop after this many results (at most 20 000). None: all.
            page_size: results per request, 1 to 1000.
            start: skip the first `start` results without fetching them (to resume a
                harvest); `max_results` still counts from the top of the list.

        Returns:
            A `Pager` of `PatentRef`; its `total` holds the query's total once the first
            page has arrived.
        """
        body = _query_body(query_text, sort, collapse_type, collapse_by, collapse_order)
        page_size = check.integer("page_size", page_size, minimum=1, maximum=MAX_SEARCH_PAGE)
        if max_results is not None:  # the engine's check, naming this argument
            narrow = "; narrow the query, e.g. by date ranges, to reach the rest"
            check_limit("max_results", max_results, SEARCH.paging.max_items, narrow)
        start = check.integer("start", start, minimum=0, maximum=MAX_RESULTS)

        return self._engines.listing(
            SEARCH, json=body, page_size=page_size, start=start, limit=max_results
        )

    async def _page(self, body: Mapping[str, Any]) -> SearchPage:
        data = await self._request(
            "POST", self._paths.search, json=dict(body), expect=OBJECT, code="P002", name="search"
        )
        return parse(data, SearchPage)


def _window(offset: int, limit: int) -> dict[str, int]:
    offset = check.integer("offset", offset, minimum=0)
    limit = check.integer("limit", limit, minimum=1, maximum=MAX_SEARCH_PAGE)
    if offset + limit > MAX_RESULTS:
        raise ValueError(
            f"offset + limit must be <= {MAX_RESULTS}, got offset={offset} limit={limit}"
        )
    return {"offset": offset, "limit": limit}


def _query_body(
    query_text: str,
    sort: SortSpec | None,
    collapse_type: str | None,
    collapse_by: str | None,
    collapse_order: str | None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "query_text": check.text("query_text", query_text, max_length=MAX_QUERY_LENGTH)
    }
    if sort is not None:
        body["sort"] = _sort(sort)
    if collapse_type is not None:
        body["collapse_type"] = check.choice("collapse_type", collapse_type, COLLAPSE_TYPES)
    if collapse_by is not None:
        body["collapse_by"] = check.choice("collapse_by", collapse_by, COLLAPSE_BY)
    if collapse_order is not None:
        body["collapse_order"] = check.choice("collapse_order", collapse_order, COLLAPSE_ORDERS)
    return body


def _sort(sort: SortSpec) -> list[dict[str, str]]:
    if isinstance(sort, str | bytes | Mapping):
        raise TypeError(f"sort must be a list of (field, order) pairs, got {sort!r}")
    fields = []
    for item in sort:
        if isinstance(item, Mapping):
            field, order = item.get("field"), item.get("order", "DESC")
        elif isinstance(item, tuple) and len(item) == 2:
            field, order = item
        else:
            raise TypeError(f"sort items must be (field, order) pairs, got {item!r}")
        fields.append(
            {
                "field": check.choice("sort field", field, SORT_FIELDS),
                "order": check.choice("sort order", order, SORT_ORDERS),
            }
        )
    return fields
