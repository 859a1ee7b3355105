"""The harvest of any listing of the catalog: every item of one list, resumable."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import PatsnapClient, PatsnapError
from ._input import key
from ._output import Output
from ._patents import write_list
from ._progress import Progress, Summary

__all__ = ["harvest_listing", "list_start", "served"]


def served(cap: int | None, max_results: int | None) -> int | None:
    """How many items of a list a run reads at most: the platform's cap, or fewer."""
    ends = [end for end in (cap, max_results) if end is not None]
    return min(ends) if ends else None


def list_start(code: str, output: Output, end: int | None) -> int | None:
    """Where a run resumes the list `code` (the index after the last line written), or
    None when the output holds all of it."""
    start = output.next_index.get((key(code), None), 0)
    if code in output.done or (end is not None and start >= end):
        return None
    return start


async def harvest_listing(
    client: PatsnapClient,
    output: Output,
    code: str,
    params: Mapping[str, Any],
    summary: Summary,
    progress: Progress,
    *,
    cap: int | None,
    max_results: int | None,
    page_size: int,
) -> None:
    """Every item of the listing `code` with `params`, from the first not yet written.

    Each line's `requested_id` is the code, its `index` the item's position in the
    list. A resumed run starts after the last line written (the page engine's
    `start`); when the whole list (as the platform serves it, up to `cap`) has been
    written, the code goes to `<output>.done`, and a later run sends nothing. A list
    longer than `cap` is written up to it and noted in `summary.truncated`. An error
    stops the run (`summary.stopped`); one that does not concern the account fails
    the list too (`.failed`, `.errors`).
    """
    end = served(cap, max_results)
    summary.skipped = output.records[key(code)]
    start = list_start(code, output, end)
    if start is None:
        progress.start(done=summary.skipped, total=summary.skipped)
        return
    progress.start(done=start, total=None)
    items = client.listing(code, params=params, page_size=page_size, start=start,
                           limit=max_results)  # fmt: skip

    def advance() -> None:
        if progress.total is None and items.total is not None:
            progress.total = items.total if end is None else min(items.total, end)
        progress.advance(1)

    try:
        last = await write_list(output, summary, code, items, start, advance)
    except PatsnapError as error:
        summary.stopped = error
        if error.fatal:
            summary.unsent = 1  # the list, for a later run
        else:
            summary.fail(code, error)
            progress.advance(failed=1)
        return
    total = items.total
    if total is not None and last >= (total if cap is None else min(total, cap)):
        output.done.add([code])  # every item served, or none: a resume sends nothing
    if items.truncated:
        summary.truncated.append(
            f"truncated: {code} lists {items.total} items; the platform serves only the first {cap}"
        )
