"""The one page engine: every item of a paginated list, as an async iterator.

`iter_query`, `iter_results`, `iter_patents` and `client.paginate` all describe their
list to `drain_list` and return the `Pager` it makes. Nothing is fetched until the
first item is asked for; the first page then says how many there are, and the rest
are fetched concurrently by a drain (`_drain.py`) and yielded in order, in bounded
memory. `total` and `truncated` are known once the first page has arrived.

A list never ends quietly short or long:

* **A short page is a bad answer.** Each page must hold every item its list's total
  makes it hold (`min(asked, served - index)`, where `served` is the total capped by
  the platform's cap and the caller's). One that holds fewer is refused inside the
  session's retry loop (`PageCheck`, a `MalformedResponseError` that names the page)
  and retried like any unreadable answer; if it stays short, the iteration fails
  loudly with that error after yielding everything before it. The last page is held
  to the same rule: a total that promises more than the list delivers fails it.
* **The first page's total is the list's length.** A later page that reports another
  total means the list changed while it was read (items shifted between pages, some
  skipped or repeated): that page is refused the same way, so a drain either reads one
  consistent list or fails.
* **A long page is cut.** Items past what the page was asked for, or past the total,
  are dropped (they belong to other pages, or to nothing).
* **No item twice.** An item whose key was yielded within the last `DEDUPE_WINDOW`
  items (the whole of any capped list) is skipped and counted in `Pager.duplicates`.

How an endpoint pages (by page number or by offset, and under which names) is its
declaration's `Paging` (`_endpoints.py`).
"""

from __future__ import annotations

import collections
import contextlib
import logging
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Hashable,
    Iterator,
    Mapping,
    Sequence,
)
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Literal, Self, TypeVar

import attrs

from . import _validate as check
from ._converter import parse
from ._drain import drain
from ._endpoints import Listing
from ._errors import MalformedResponseError
from ._protocol import Expect, PageCheck, build_request, page_holds
from ._telemetry import NULL_CALL, CallWatch
from ._validate import ParamValue

if TYPE_CHECKING:
    from ._session import Session

__all__ = [
    "DEDUPE_WINDOW",
    "Page",
    "PageCheck",
    "PageRequest",
    "Pager",
    "check_limit",
    "drain_list",
    "listing",
]

log = logging.getLogger("patsnap_async")

T = TypeVar("T")

#: Items whose keys are remembered to skip a repeated one: every item of a list capped
#: at 20 000, and the neighbourhood of each page of a longer one, in bounded memory.
DEDUPE_WINDOW = 20_000


class Pager(AsyncIterator[T]):
    """Every item of a paginated list: pages fetched concurrently, items in order.

    Use it with `async for`; `async with` (or `aclose()`) stops early and cancels the
    pages still in flight.

    Attributes:
        start: items skipped at the top of the list without being fetched (a resume).
        total: the list's length as the platform counts it; None before the first page.
        truncated: True when the platform serves fewer items than `total` (a search
            past 20 000 results) and the read goes to its cap; a `limit` below the cap
            ends the list where the caller asked, and one past it is refused.
        duplicates: items skipped because the same item had just been yielded.
    """

    def __init__(self, items: Callable[[Pager[T]], AsyncGenerator[T, None]], *, start: int) -> None:
        self.start = start
        self.total: int | None = None
        self.truncated = False
        self.duplicates = 0
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
class PageRequest:
    """One page the engine asks for.

    Attributes:
        index: the list position of the page's first item (from 0).
        count: items asked for (an offset list asks for no more than are left).
        number: the page's number from 0 (`index // size` for a numbered list).
        reach: no item at or past this position is read (the platform's cap or the
            caller's limit, whichever is lower); None: the whole list.
        total: the first page's total, which every later page must repeat; None for
            the first page, which says it.
    """

    index: int
    count: int
    number: int
    reach: int | None = None
    total: int | None = None

    @property
    def label(self) -> str:
        """How messages name the page: `page 3 (items 200-299)`."""
        return f"page {self.number + 1} (items {self.index}-{self.index + self.count - 1})"

    def check(self, *, items: str, total: str) -> PageCheck:
        """What the page must hold (`PageCheck`), its items and total under these keys."""
        return PageCheck(
            items=items,
            total=total,
            index=self.index,
            count=self.count,
            reach=self.reach,
            total_was=self.total,
            label=self.label,
        )

    def expect(self, *, items: str, total: str) -> Expect:
        """What the page's answer must be: `data[total]`, and `data[items]` not short."""
        return Expect(keys=(total,), page=self.check(items=items, total=total))


@attrs.frozen
class Page(Generic[T]):
    """One page's items and the list's total, as the platform answered them."""

    items: Sequence[T]
    total: int


@attrs.frozen
class _List:
    """A list as the engine reads it."""

    by: Literal["page", "offset"]
    size: int
    start: int
    reach: int | None  # min(the platform's cap, the caller's limit), when either is set

    def first_request(self) -> PageRequest | None:
        index = self.start - self.start % self.size if self.by == "page" else self.start
        if self.reach is not None and index >= self.reach:
            return None
        count = self.size
        if self.by == "offset" and self.reach is not None:
            count = min(self.size, self.reach - index)
        return PageRequest(index=index, count=count, number=index // self.size, reach=self.reach)

    def later(self, first: PageRequest, total: int) -> list[PageRequest]:
        served = total if self.reach is None else min(total, self.reach)
        requests = []
        for index in range(first.index + first.count, served, self.size):
            count = self.size if self.by == "page" else min(self.size, served - index)
            number = index // self.size
            requests.append(PageRequest(index, count, number, reach=self.reach, total=total))
        return requests


def listing(
    session: Session,
    endpoint: Listing[Any, T],
    *,
    path: str,
    window: int,
    params: Mapping[str, ParamValue | None] | None = None,
    json: Mapping[str, Any] | None = None,
    page_size: int | None = None,
    start: int = 0,
    limit: int | None = None,
    expand: Callable[[Sequence[T]], AsyncGenerator[T, None]] | None = None,
    watch: CallWatch = NULL_CALL,
) -> Pager[T]:
    """Every item of the list `endpoint` declares, from `path`, through `drain_list`.

    Args:
        session: sends each page's request (paced, authenticated, retried).
        endpoint: the declaration.
        path: where the list lives (the declaration's, or the caller's override).
        window: pages in flight or waiting to be read at most.
        params: the query parameters of every request.
        json: the JSON body of every request (POST): the page's window joins it.
        page_size: items a request; None: the most the paging allows.
        start: items to skip at the top (to resume).
        limit: no item at or past this position (the caller's cap): an integer from 1
            to the list's cap, or a `TypeError` / `ValueError` naming `limit`.
        expand: a step over each page's items before they are yielded.
        watch: the drain's telemetry (see `drain_list`).

    Raises:
        TypeError / ValueError: a bad argument, named, before anything is sent.
    """
    paging = endpoint.paging
    size = paging.max_size if page_size is None else page_size
    size = check.integer("page_size", size, minimum=1, maximum=paging.max_size)
    start = check.integer("start", start, minimum=0)
    base_params = check.params("params", params)
    base_body = dict(check.json_body("json", json) or {})

    async def fetch(request: PageRequest) -> Page[T]:
        at = paging.first + (request.number if paging.by == "page" else request.index)
        window = {paging.position: at, paging.size: size if paging.by == "page" else request.count}
        expect = request.expect(items=endpoint.items, total=endpoint.total)
        if endpoint.method == "GET":
            built = build_request("GET", path, params={**base_params, **window}, expect=expect)
        else:
            body = {**base_body, **window}
            built = build_request(
                endpoint.method, path, params=base_params, json=body, expect=expect
            )
        with watch.current():  # a page task's requests belong to the drain
            return _page(endpoint, path, await session.call(built))

    return drain_list(
        fetch,
        by=paging.by,
        size=size,
        start=start,
        window=window,
        cap=paging.max_items,
        limit=limit,
        key=endpoint.key,
        expand=expand,
        watch=watch,
    )


def _page(endpoint: Listing[Any, T], path: str, data: Any) -> Page[T]:
    """A page's items and total: from its model, or from the platform's object."""
    if endpoint.model is not None:
        page = parse(data, endpoint.model)
        return Page(getattr(page, endpoint.items), getattr(page, endpoint.total) or 0)
    count = data[endpoint.total]  # present: the page's `Expect` saw to it
    if not isinstance(count, int) or isinstance(count, bool):
        raise MalformedResponseError(
            None, f"{path}: {endpoint.total!r} is {count!r}, not an integer", retryable=False
        )
    return Page(data.get(endpoint.items) or [], count)


def drain_list(
    fetch: Callable[[PageRequest], Awaitable[Page[T]]],
    *,
    by: Literal["page", "offset"],
    size: int,
    start: int,
    window: int,
    cap: int | None = None,
    limit: int | None = None,
    key: Callable[[T], Hashable | None] | None = None,
    expand: Callable[[Sequence[T]], AsyncGenerator[T, None]] | None = None,
    watch: CallWatch = NULL_CALL,
) -> Pager[T]:
    """A `Pager` over one list: `fetch(request)` returns the page `request` describes.

    `fetch` sends the page's request with `page_check(request, ...)` in its `Expect`, so
    that a short page or a changed total is retried in the session's one retry loop.

    Args:
        by: `"page"`: pages of `size` numbered from the top; `"offset"`: any offset.
        size: items a page holds (a numbered list's last page may hold fewer).
        start: items to skip at the top, unfetched where the paging allows it.
        window: pages in flight or waiting to be read at most.
        cap: the platform serves no item at or past this position.
        limit: the caller wants no item at or past this position: an integer from 1 to
            `cap` (see `check_limit`).
        key: an item's identity, to skip an item yielded again; None (or a key of
            None): no check.
        expand: a step over each page's items, in order, before they are yielded
            (sequence hits fetch their full patent lists).
        watch: the drain's telemetry: started with the first page, finished when the
            iteration ends (exhausted, closed or failed), told the pages, the items
            yielded and the list's total. Never made current across a `yield`: each
            `fetch` enters it (`watch.current()`) for its own request.
    """
    reach = cap if limit is None else check_limit("limit", limit, cap)
    shape = _List(by=by, size=size, start=start, reach=reach)

    async def items(pager: Pager[T]) -> AsyncGenerator[T, None]:
        with _watched(watch, pager):
            first = shape.first_request()
            if first is None:
                return
            first_page = await fetch(first)
            _told_total(pager, first_page.total, cap if reach == cap else None)
            first = attrs.evolve(first, total=first_page.total)
            pages = _pages(fetch, (first, first_page), shape.later(first, first_page.total), window)
            seen = _Seen(key)
            try:
                async for request, page in pages:
                    watch.add("pages")
                    kept = _cut(page.items, request, skip=max(0, start - request.index))
                    stream = expand(kept) if expand is not None else _each(kept)
                    try:
                        async for item in stream:
                            if seen.again(item):
                                pager.duplicates += 1
                                continue
                            watch.add("items")
                            yield item
                    finally:
                        await stream.aclose()
            finally:
                await pages.aclose()
                if pager.duplicates:
                    log.warning("skipped %d items the platform sent twice", pager.duplicates)

    return Pager(items, start=start)


def check_limit(name: str, limit: object, cap: int | None, advice: str = "") -> int:
    """`limit`, a caller's bound on a list the platform serves up to `cap` of: an integer
    from 1, never past `cap` (a list read to `limit` would end short, and quietly).

    Raises:
        TypeError / ValueError: naming `name` (and the cap), before anything is sent.
    """
    limit = check.integer(name, limit, minimum=1)
    if cap is not None and limit > cap:
        raise ValueError(
            f"{name}={limit!r} is past the platform's cap: it serves at most {cap} items "
            f"of this list{advice}"
        )
    return limit


def _told_total(pager: Pager[Any], total: int, cap: int | None) -> None:
    """The first page told the list's length: past the platform's `cap`, it is cut."""
    pager.total = total
    if cap is not None and total > cap:
        pager.truncated = True
        log.warning("the list holds %d items; the platform serves only the first %d", total, cap)


@contextlib.contextmanager
def _watched(watch: CallWatch, pager: Pager[Any]) -> Iterator[None]:
    """The drain's telemetry, from its first page to its end (a `break` is no error)."""
    watch.start()
    error: BaseException | None = None
    try:
        yield
    except GeneratorExit:
        raise
    except BaseException as exc:
        error = exc
        raise
    finally:
        watch.set("list.start", pager.start)
        if pager.total is not None:
            watch.set("list.total", pager.total)
        watch.set("list.truncated", pager.truncated)
        watch.set("list.duplicates", pager.duplicates)
        watch.finish(error)


async def _pages(
    fetch: Callable[[PageRequest], Awaitable[Page[T]]],
    first: tuple[PageRequest, Page[T]],
    later: list[PageRequest],
    window: int,
) -> AsyncGenerator[tuple[PageRequest, Page[T]], None]:
    """Each page with its request, in order, `window` in flight."""

    async def one(position: int) -> tuple[PageRequest, Page[T]]:
        request = later[position]
        return request, await fetch(request)

    in_order = drain(first, range(len(later)), one, window=window)
    try:
        async for pair in in_order:
            yield pair
    finally:
        await in_order.aclose()


def _cut(items: Sequence[T], request: PageRequest, *, skip: int) -> Sequence[T]:
    """The items of a page the list holds: none past what was asked, or past the total."""
    assert request.total is not None
    return items[skip : page_holds(request.index, request.count, request.reach, request.total)]


async def _each(items: Sequence[T]) -> AsyncGenerator[T, None]:
    for item in items:
        yield item


class _Seen:
    """The keys of the last `DEDUPE_WINDOW` items yielded."""

    def __init__(self, key: Callable[[Any], Hashable | None] | None) -> None:
        self._key = key
        self._recent: collections.OrderedDict[Hashable, None] = collections.OrderedDict()

    def again(self, item: object) -> bool:
        """Whether `item` was just yielded; else it is remembered as yielded now."""
        if self._key is None:
            return False
        key = self._key(item)
        if key is None:
            return False
        if key in self._recent:
            return True
        self._recent[key] = None
        if len(self._recent) > DEDUPE_WINDOW:
            self._recent.popitem(last=False)
        return False
