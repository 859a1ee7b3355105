"""The harvests of searches: queries (P002), split by date past 20 000, and sequence jobs."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable, Sequence

import attrs

from .. import MAX_SEARCH_RESULTS, Pager, PatentRef, PatsnapClient, PatsnapError, SequenceJob
from ._input import HarvestError, key
from ._output import Output
from ._patents import FATAL_ERRORS, write_list
from ._progress import Progress, Summary

__all__ = ["Split", "harvest_search", "harvest_sequence_search"]


@attrs.frozen
class Split:
    """How `search --split` cuts a query past 20 000 results: by publication date.

    A part is the query AND-ed with a date range in the platform's query syntax,
    `(QUERY) AND PBD:[20200101 TO 20201231]`. A part with more than 20 000 results is
    cut in two halves, down to a single day.

    Args:
        field: the date field of the range.
        format: `strftime` format of the dates in the range.
        start, end: the dates the first range covers.
    """

    field: str = "PBD"
    format: str = "%Y%m%d"
    start: datetime.date = datetime.date(1790, 1, 1)
    end: datetime.date = datetime.date(2100, 12, 31)

    def part(self, lo: datetime.date, hi: datetime.date) -> str:
        """The range clause of the part from `lo` to `hi`, both included."""
        return f"{self.field}:[{lo.strftime(self.format)} TO {hi.strftime(self.format)}]"


async def harvest_search(
    client: PatsnapClient,
    output: Output,
    queries: Sequence[str],
    summary: Summary,
    progress: Progress,
    *,
    split: Split | None,
    max_results: int | None,
    page_size: int,
) -> None:
    """Every result of each query, from the first one not yet in the output.

    Raises:
        HarvestError: `max_results` or `page_size` out of the platform's bounds, or a
            query is not acceptable (checked before anything is sent).
    """
    cap = min(max_results or MAX_SEARCH_RESULTS, MAX_SEARCH_RESULTS)
    plans: list[tuple[str, int, Pager[PatentRef] | None]] = []
    for query in queries:
        start = output.next_index.get((key(query), None), 0)
        try:
            results = client.search.iter_query(
                query, max_results=max_results, page_size=page_size, start=min(start, cap)
            )
        except (ValueError, TypeError) as error:
            raise HarvestError(str(error)) from None
        plans.append((query, start, None if split is not None or start >= cap else results))
        summary.skipped += output.records[key(query)] if split is not None else start
    total = cap if len(queries) == 1 and plans[0][1] >= cap and split is None else None
    progress.start(done=summary.skipped, total=total)

    for number, (query, start, planned) in enumerate(plans):
        if summary.stopped is not None:
            for left, _, _ in plans[number:]:
                summary.fail(left, summary.stopped, sent=False)
            return
        try:
            if split is not None:
                await _split(client, output, query, summary, progress, split, page_size)
            elif planned is not None:
                await _one(output, query, start, planned, summary, progress, cap)
        except PatsnapError as error:
            summary.fail(query, error)
            progress.advance(failed=1)
            if isinstance(error, FATAL_ERRORS) or len(queries) == 1:
                summary.stopped = error


async def _one(
    output: Output,
    query: str,
    start: int,
    results: Pager[PatentRef],
    summary: Summary,
    progress: Progress,
    cap: int,
) -> None:
    def advance() -> None:
        if progress.total is None and results.total is not None:
            progress.total = min(results.total, cap)
        progress.advance(1)

    await write_list(output, summary, query, results, start, advance)
    if results.truncated:
        summary.truncated.append(
            f"truncated: {query!r} matches {results.total} patents; the platform serves "
            f"only the first {MAX_SEARCH_RESULTS}: add --split to harvest them all by date"
        )


async def _split(
    client: PatsnapClient,
    output: Output,
    query: str,
    summary: Summary,
    progress: Progress,
    split: Split,
    page_size: int,
) -> None:
    """Harvest a query part by part, halving date ranges until each has <= 20 000."""

    async def total_of(text: str) -> int:
        return (await client.search.query(text, limit=1)).total_search_result_count or 0

    async def harvest(text: str, part: str | None, total: int) -> None:
        start = output.next_index.get((key(query), part), 0)
        if start < min(total, MAX_SEARCH_RESULTS):
            results = client.search.iter_query(text, page_size=page_size, start=start)
            await write_list(
                output, summary, query, results, start, lambda: progress.advance(1), part=part
            )
        output.done.add([text])

    if query in output.done:
        return
    whole = await total_of(query)
    progress.total = (progress.total or 0) + whole
    if whole <= MAX_SEARCH_RESULTS:
        await harvest(query, None, whole)
        return
    ranges = [(split.start, split.end)]
    while ranges:
        lo, hi = ranges.pop()
        part = split.part(lo, hi)
        text = f"({query}) AND {part}"
        if text in output.done:
            continue
        total = await total_of(text)
        if total > MAX_SEARCH_RESULTS and lo < hi:
            middle = lo + (hi - lo) // 2
            ranges += [(middle + datetime.timedelta(days=1), hi), (lo, middle)]  # lo first
            continue
        if total > MAX_SEARCH_RESULTS:
            summary.truncated.append(
                f"truncated: {query!r} on {part} matches {total} patents, more than the "
                f"{MAX_SEARCH_RESULTS} the platform serves of one query"
            )
        await harvest(text, part, total)
    output.done.add([query])


async def harvest_sequence_search(
    client: PatsnapClient,
    output: Output,
    submit: Callable[[], Awaitable[SequenceJob]],
    summary: Summary,
    progress: Progress,
    *,
    expand_patents: bool,
    poll_interval: float,
    wait_timeout: float | None,
) -> None:
    """Submit a sequence search (or reuse the saved job), wait for it, write every hit.

    The job id is saved in `<output>.job` right after the submission; a resumed run
    reuses it and continues after the hits already written.

    Raises:
        HarvestError: the submission's arguments are bad, or the output holds hits but
            no saved job id.
    """
    job_id = output.read_job()
    if job_id is None:
        if output.records:
            raise HarvestError(
                f"{output.path} holds hits but {output.job_path} holds no job id to resume"
            )
        try:
            job = await submit()
        except PatsnapError as error:
            summary.stopped = error
            return
        except (ValueError, TypeError) as error:
            raise HarvestError(str(error)) from None
        assert job.job_id is not None  # the SDK raises when the platform gives none
        job_id = job.job_id
        output.save_job(job_id)
    start = output.next_index.get((key(job_id), None), 0)
    summary.skipped = start
    progress.start(done=start, total=start if job_id in output.done else None)
    if job_id in output.done:
        return
    try:
        await client.sequences.wait(job_id, poll_interval=poll_interval, timeout=wait_timeout)
        hits = client.sequences.iter_results(job_id, expand_patents=expand_patents, start=start)
        await write_list(output, summary, job_id, hits, start, lambda: progress.advance(1))
    except PatsnapError as error:
        summary.stopped = error
        return
    output.done.add([job_id])
