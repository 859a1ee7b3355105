"""The two engines of one client, over its session: what the resources call.

`Engines` binds the batch engine (`_batch.lookup`) and the page engine
(`_pager.listing`) to a client's session, its paths and its drain window. The client
hands one to each resource and calls it for `lookup`, `listing` and `request` itself,
so a call goes down the floors (client or resource, engines, session, transport) and
comes back up once: no resource climbs back into the client.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from . import _validate as check
from ._batch import BatchResult, ChunkCallback, ProgressCallback, lookup
from ._endpoints import Listing, Lookup
from ._pager import Pager, listing
from ._paths import Paths
from ._protocol import Request
from ._session import Session
from ._validate import ParamValue

__all__ = ["Engines"]

R = TypeVar("R")
I = TypeVar("I")  # noqa: E741 - an item


@attrs.frozen
class Engines:
    """A client's session, paths and drain window, with the two engines over them."""

    session: Session
    paths: Paths
    #: Pages a drain keeps in flight: enough to cover latency at the client's rate.
    window: int

    async def call(self, request: Request) -> Any:
        """Send one built request (paced, authenticated, retried); its `data`."""
        return await self.session.call(request)

    async def lookup(
        self,
        endpoint: Lookup[R],
        ids: Iterable[str],
        *,
        by: str | None = None,
        params: Mapping[str, ParamValue | None] | None = None,
        chunk_size: int | None = None,
        progress: ProgressCallback | None = None,
        on_chunk: ChunkCallback[R] | None = None,
        max_billed: int | None = None,
        keep: bool = True,
        concurrency: int | None = None,
        first_alone: bool = False,
    ) -> BatchResult[R]:
        """`endpoint` for every id, through the batch engine (see `PatsnapClient.lookup`)."""
        if not isinstance(endpoint, Lookup):
            raise TypeError(f"endpoint must be a Lookup, got {endpoint!r}")
        return await lookup(
            self.session,
            endpoint,
            ids,
            path=self.paths.of_endpoint(endpoint),
            by=by,
            params=params,
            chunk_size=chunk_size,
            progress=progress,
            on_chunk=on_chunk,
            max_billed=max_billed,
            keep=keep,
            concurrency=concurrency,
            first_alone=first_alone,
        )

    def listing(
        self,
        endpoint: Listing[Any, I],
        *,
        params: Mapping[str, ParamValue | None] | None = None,
        json: Mapping[str, Any] | None = None,
        page_size: int | None = None,
        start: int = 0,
        limit: int | None = None,
        window: int | None = None,
        expand: Callable[[Sequence[I]], AsyncGenerator[I, None]] | None = None,
    ) -> Pager[I]:
        """Every item of `endpoint`'s list, through the page engine (see `client.listing`)."""
        if not isinstance(endpoint, Listing):
            raise TypeError(f"endpoint must be a Listing, got {endpoint!r}")
        if window is not None:
            check.integer("window", window, minimum=1)
        return listing(
            self.session,
            endpoint,
            path=self.paths.of_endpoint(endpoint),
            window=window or self.window,
            params=params,
            json=json,
            page_size=page_size,
            start=start,
            limit=limit,
            expand=expand,
        )
