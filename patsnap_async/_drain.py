"""Drains: every page of a paginated list, fetched concurrently, yielded in order.

The first page is fetched alone, because only its answer says how many pages there
are. After that, up to `window` pages are in flight or waiting to be consumed at any
moment: the next page is scheduled only when the oldest has been handed over, so a
slow consumer stalls fetching instead of piling pages up, and memory stays bounded
however long the list is. The pacer, not the window, sets the request rate; the
window only has to be wide enough to cover the answers' latency at that rate.

If the consumer stops early (`break`, an exception, cancellation), every page still
in flight is cancelled and awaited before the iterator closes, so no task is left
behind. A page that fails after the session's retries ends the iteration with its
error; everything before it has already been yielded.
"""

from __future__ import annotations

import asyncio
import collections
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import TypeVar

__all__ = ["TASK_NAME", "drain", "in_order"]

#: Tasks of a drain are named after this, for debugging (and tests that look for leftovers).
TASK_NAME = "patsnap-async page"

P = TypeVar("P")


async def drain(
    first: P,
    pages: range,
    fetch: Callable[[int], Awaitable[P]],
    *,
    window: int,
) -> AsyncGenerator[P, None]:
    """Yield `first`, then `fetch(n)` for each n in `pages`, in order, `window` at a time.

    Args:
        first: the page already fetched (it told how many there are).
        pages: the page numbers (or offsets) still to fetch, in order.
        fetch: fetches one page.
        window: pages in flight or buffered at most.
    """
    _check_window(window)
    yield first
    rest = in_order(pages, fetch, window=window)
    try:
        async for page in rest:
            yield page
    finally:
        await rest.aclose()


async def in_order(
    numbers: range,
    fetch: Callable[[int], Awaitable[P]],
    *,
    window: int,
) -> AsyncGenerator[P, None]:
    """Yield `fetch(n)` for each n in `numbers`, in order, `window` in flight at a time."""
    _check_window(window)
    upcoming = iter(numbers)
    in_flight: collections.deque[asyncio.Task[P]] = collections.deque()
    loop = asyncio.get_running_loop()

    def schedule() -> None:
        while len(in_flight) < window:
            number = next(upcoming, None)
            if number is None:
                return
            task = loop.create_task(_call(fetch, number), name=f"{TASK_NAME} {number}")
            in_flight.append(task)

    try:
        schedule()
        while in_flight:
            page = await in_flight[0]
            in_flight.popleft()
            schedule()
            yield page
    finally:
        for task in in_flight:
            task.cancel()
        if in_flight:
            # Awaited, not just cancelled: the caller gets control back only when no
            # request of this drain is left running, and no exception goes unretrieved.
            await asyncio.gather(*in_flight, return_exceptions=True)


def _check_window(window: int) -> None:
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window!r}")


async def _call(fetch: Callable[[int], Awaitable[P]], number: int) -> P:
    return await fetch(number)
