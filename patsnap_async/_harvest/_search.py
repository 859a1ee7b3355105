"""The harvests of searches: queries (P002), split by date past 20 000, and sequence jobs."""

from __future__ import annotations

import asyncio
import datetime
import math
from collections.abc import Awaitable, Callable, Sequence

import attrs

from .. import (
    MAX_SEARCH_RESULTS,
    Pager,
    PatentRef,
    PatsnapClient,
    PatsnapError,
    SequenceJob,
    SequenceJobError,
    SequenceWaitTimeout,
)
from ._input import HarvestError, key
from ._output import Output
from ._patents import write_list
from ._progress import Progress, Summary

__all__ = ["Split", "harvest_search", "harvest_sequence_search", "pending_queries"]


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


def pending_queries(
    queries: Sequence[str], output: Output, *, split: Split | None, cap: int
) -> list[tuple[str, int]]:
    """Each query not yet complete in the output, with the index to resume it from."""
    plans = []
    for query in queries:
        start = output.next_index.get((key(query), None), 0)
        if query not in output.done and (split is not None or start < cap):
            plans.append((query, start))
    return plans


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

    A query whose results have all been written (none, for a query that matches
    nothing) goes to `<output>.done`, and a resumed run skips it. An error that
    concerns the account stops the run; the queries left are `summary.unsent`.
    """
    cap = min(max_results or MAX_SEARCH_RESULTS, MAX_SEARCH_RESULTS)
    plans = pending_queries(queries, output, split=split, cap=cap)
    summary.skipped = sum(output.records[key(q)] for q in queries)
    total = summary.skipped if not plans else None
    progress.start(done=summary.skipped, total=total)
    for number, (query, start) in enumerate(plans):
        try:
            if split is not None:
                await _split(client, output, query, summary, progress, split, page_size)
            else:
                results = client.search.iter_query(
                    query, max_results=max_results, page_size=page_size, start=start
                )
                await _one(output, query, start, results, summary, progress, cap)
        except PatsnapError as error:
            if error.fatal:
                summary.stopped = error
                summary.unsent = len(plans) - number
                return
            summary.fail(query, error)
            progress.advance(failed=1)
            if len(queries) == 1:
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

    end = await write_list(output, summary, query, results, start, advance)
    if results.total is not None and end >= min(results.total, MAX_SEARCH_RESULTS):
        output.done.add([query])  # every result served, or none: a resume skips it
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
        progress.status = "submitting the search"
        progress.draw()
        try:
            job = await submit()
        except PatsnapError as error:
            summary.stopped = error
            return
        assert job.job_id is not None  # the SDK raises when the platform gives none
        job_id = job.job_id
        output.save_job(job_id)
    start = output.next_index.get((key(job_id), None), 0)
    summary.skipped = start
    progress.start(done=start, total=start if job_id in output.done else None)
    if job_id in output.done:
        return
    try:
        await _wait(client, job_id, progress, poll_interval, wait_timeout)
        hits = client.sequences.iter_results(job_id, expand_patents=expand_patents, start=start)
        await write_list(output, summary, job_id, hits, start, lambda: progress.advance(1))
    except PatsnapError as error:
        summary.stopped = error
        return
    output.done.add([job_id])


async def _wait(
    client: PatsnapClient,
    job_id: str,
    progress: Progress,
    poll_interval: float,
    timeout: float | None,
) -> None:
    """`client.sequences.wait`, with the job's id and status on the progress line."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    deadline = math.inf if timeout is None else started + timeout
    while True:
        status = await client.sequences.status(job_id)
        if status.succeeded:
            progress.status = None
            return
        progress.status = f"job {job_id} {status.status or '?'}"
        progress.draw()
        if status.is_terminal:
            raise SequenceJobError(job_id, status.status or "?", status.message)
        now = loop.time()
        if now + poll_interval > deadline:
            raise SequenceWaitTimeout(job_id, now - started, status)
        await asyncio.sleep(poll_interval)
