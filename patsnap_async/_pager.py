"""The one pager: every item of a paginated list, as an async iterator.

`iter_query`, `iter_results`, `iter_patents` and `client.paginate` all return a
`Pager`. Nothing is fetched until the first item is asked for; the first page then
says how many there are, and the rest are fetched concurrently by a drain (`_drain.py`)
and yielded in order, in bounded memory. `total` and `truncated` are known once the
first page has arrived.

`Paging` describes how an endpoint pages (by page number or by offset, and under which
names), so that `client.paginate` drains endpoints this package does not wrap.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping
from types import TracebackType
from typing import Any, Literal, Self, TypeVar

import attrs

from . import _validate as check
from ._drain import drain
from ._errors import MalformedResponseError

__all__ = ["OFFSET_PAGING", "PAGE_PAGING", "Pager", "Paging", "paginate"]

T = TypeVar("T")


class Pager(AsyncIterator[T]):
    """Every item of a paginated list: pages fetched concurrently, items in order.

    Use it with `async for`; `async with` (or `aclose()`) stops early and cancels the
    pages still in flight.

    Attributes:
        start: items skipped at the top of the list without being fetched (a resume).
        total: the list's length as the platform counts it; None before the first page.
        truncated: True when the platform serves fewer items than `total` (a search
            past 20 000 results).
    """

    def __init__(self, items: Callable[[Pager[T]], AsyncGenerator[T, None]], *, start: int) -> None:
        self.start = start
        self.total: int | None = None
        self.truncated = False
        self._items = items
        self._iterator: AsyncGenerator[T, None] | None = None
        self._closed = False

    def __repr__(self) -> str:
        total = "unknown" if self.total is None else self.total
        return f"<Pager start={self.start} total={total}{' truncated' if self.truncated else ''}>"

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> T:
        if self._closed:
            raise StopAsyncIteration
        if self._iterator is None:
            self._iterator = self._items(self)
        return await self._iterator.__anext__()

    async def aclose(self) -> None:
        """Stop: cancel and await the pages still in flight; later reads end at once."""
        self._closed = True
        if self._iterator is not None:
            await self._iterator.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


@attrs.frozen
class Paging:
    """How an endpoint pages, for `client.paginate`.

    Args:
        by: `"page"` (numbered pages of `size` items) or `"offset"` (item offsets).
        position: the name of the page number or offset parameter.
        size: the name of the page-size parameter.
        first: the number of the first page (1 on PatSnap), or the first offset (0).
        max_size: the most items the endpoint serves a page.
        max_items: the most items the endpoint serves of one list (offset + size), or
            None when it serves all of them.
    """

    by: Literal["page", "offset"]
    position: str
    size: str
    first: int
    max_size: int
    max_items: int | None = None


#: B003/4-1 (job results) and B005 (a sequence's patents): `page` from 1, `size` <= 100.
PAGE_PAGING = Paging(by="page", position="page", size="size", first=1, max_size=100)
#: P002 (query search): `offset` from 0, `limit` <= 1000, offset + limit <= 20 000.
OFFSET_PAGING = Paging(
    by="offset", position="offset", size="limit", first=0, max_size=1000, max_items=20_000
)


def paginate(
    fetch: Callable[[Mapping[str, int]], Awaitable[Any]],
    paging: Paging,
    *,
    items: str,
    total: str,
    page_size: int | None,
    start: int,
    window: int,
) -> Pager[Any]:
    """A `Pager` over any endpoint: `fetch(position_and_size)` returns one page's `data`.

    The page's list is `data[items]` and its length `data[total]`; each item is yielded
    as the platform sent it.
    """
    size = check.integer(
        "page_size", page_size or paging.max_size, minimum=1, maximum=paging.max_size
    )
    start = check.integer("start", start, minimum=0)

    def window_at(index: int, served: int | None) -> dict[str, int]:
        """The parameters of the page holding item `index` (counted from 0)."""
        if paging.by == "page":
            return {paging.position: paging.first + index // size, paging.size: size}
        limit = size if served is None else min(size, served - index)
        return {paging.position: paging.first + index, paging.size: limit}

    async def page(index: int, served: int | None) -> tuple[list[Any], int]:
        data = await fetch(window_at(index, served))
        records = data.get(items) if isinstance(data, Mapping) else None
        count = data.get(total) if isinstance(data, Mapping) else None
        if not isinstance(records, list | None) or not (
            count is None or (isinstance(count, int) and not isinstance(count, bool))
        ):
            raise MalformedResponseError(
                None,
                f"unexpected page: expected {items!r} as a list and {total!r} as an integer",
                retryable=False,
            )
        return records or [], count or 0

    async def all_items(pager: Pager[Any]) -> AsyncGenerator[Any, None]:
        # A page-numbered list is read from the page holding `start`, an offset list
        # from `start` itself.
        skip = start % size if paging.by == "page" else 0
        first_index = start - skip
        if paging.max_items is not None and first_index >= paging.max_items:
            return
        first, pager.total = await page(first_index, paging.max_items)
        served = pager.total
        if paging.max_items is not None and served > paging.max_items:
            served, pager.truncated = paging.max_items, True

        async def fetch_page(index: int) -> tuple[list[Any], int]:
            return await page(index, served)

        pages = range(first_index + size, served, size)
        in_order = drain((first, served), pages, fetch_page, window=window)
        try:
            async for records, _ in in_order:
                for record in records[skip:]:
                    yield record
                skip = 0
        finally:
            await in_order.aclose()

    return Pager(all_items, start=start)
