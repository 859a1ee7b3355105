"""The harvests of id lists: families and citations (P014/P015), sequences' patents (B005)."""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, Final

from .. import (
    MAX_IDS_PER_REQUEST,
    AuthenticationError,
    Pager,
    PatsnapClient,
    PatsnapError,
    PermissionDeniedError,
    QuotaExceededError,
    as_dict,
)
from ._input import key
from ._output import Output
from ._progress import Progress, Summary

__all__ = ["FATAL_ERRORS", "harvest_patents", "harvest_sequence_patents", "write_list"]

#: Sequences whose patents are drained at the same time.
PARALLEL_SEQUENCES: Final = 8
#: Errors that would fail every other request too: the run stops at the first one.
FATAL_ERRORS: Final = (AuthenticationError, PermissionDeniedError, QuotaExceededError)


async def harvest_patents(
    client: PatsnapClient,
    output: Output,
    ids: Sequence[str],
    summary: Summary,
    progress: Progress,
    *,
    cited_by: bool = False,
    patent_ids: bool = False,
    max_billed: int | None = None,
    concurrency: int | None = None,
) -> None:
    """Families (or forward citations) of every id not yet in the output.

    The ids go 100 per call of `client.patents.family` / `cited_by`, with up to
    `concurrency` calls in flight, and each call's records are written as soon as it
    returns. With `max_billed`, a call is sent only if the records it could return
    (one per id) keep this run's billed results within it; the ids left are counted
    in `summary.unsent` for a later run.
    """
    settled = output.records.keys() | output.missing.keys
    todo = collections.deque(i for i in ids if key(i) not in settled)
    summary.skipped = len(ids) - len(todo)
    progress.start(done=summary.skipped, total=len(ids))
    lookup = client.patents.cited_by if cited_by else client.patents.family
    billed = reserved = 0

    def take() -> list[str]:
        nonlocal reserved
        size = MAX_IDS_PER_REQUEST
        if max_billed is not None:
            size = min(size, max_billed - billed - reserved)
        chunk = [todo.popleft() for _ in range(min(size, len(todo)))]
        reserved += len(chunk)
        return chunk

    async def worker() -> None:
        nonlocal billed, reserved
        while summary.stopped is None:
            chunk = take()
            if not chunk:
                return
            try:
                result = await (lookup(patent_ids=chunk) if patent_ids else lookup(chunk))
            except PatsnapError as error:
                # A BatchError carries what the call fetched; so does a fatal error that
                # stopped it (credentials, permission, quota, an unknown path).
                result = error.result
                if result is None:
                    raise
                for failed_id, cause in result.errors.items():
                    summary.fail(failed_id, cause)
                for left in result.unsent:
                    summary.fail(left, error, sent=False)
                fatal = [e for e in result.errors.values() if isinstance(e, FATAL_ERRORS)]
                if fatal and summary.stopped is None:
                    summary.stopped = fatal[0]
            reserved -= len(chunk)
            billed += len(result.records) + len(result.unmatched)
            output.write([{"requested_id": i, **as_dict(result[i])} for i in result])
            output.missing.add(result.missing)
            output.write_unmatched([as_dict(r) for r in result.unmatched])
            summary.written += len(result)
            summary.missing += len(result.missing)
            summary.unmatched += len(result.unmatched)
            progress.advance(len(chunk), failed=len(result.failed))
            # Written: let the records go before waiting for the next chunk. Hundreds of
            # idle workers each holding their last answer keep the garbage collector
            # busy enough to stall the event loop (and the pacer) for whole seconds.
            del result

    def budget() -> int:
        return len(todo) if max_billed is None else max_billed - billed

    # Again while ids and budget are left: ids found missing give back what they held.
    while todo and summary.stopped is None and budget() > 0:
        chunks = -(-min(len(todo), budget()) // MAX_IDS_PER_REQUEST)
        await _together(worker, min(concurrency or client.max_concurrency, chunks))
    if summary.stopped is not None:
        # After a fatal error the ids never sent are failed too, ready to be fed back.
        for left in todo:
            summary.fail(left, summary.stopped, sent=False)
    else:
        summary.unsent = len(todo)
        if todo:
            summary.notes.append(
                f"stopped before --max-billed {max_billed} would be passed: {len(todo)} ids "
                "left; run again with --resume to continue"
            )


async def harvest_sequence_patents(
    client: PatsnapClient,
    output: Output,
    seq_ids: Sequence[str],
    summary: Summary,
    progress: Progress,
    *,
    parallel: int = PARALLEL_SEQUENCES,
) -> None:
    """Every patent of every sequence not yet complete in the output.

    A sequence whose list was cut short resumes after the patents already written
    (`iter_patents(start=...)`). A sequence with no patent goes to `<output>.missing`,
    a complete one to `<output>.done`.
    """
    todo = [s for s in seq_ids if s not in output.done and s not in output.missing]
    summary.skipped = len(seq_ids) - len(todo)
    progress.start(done=summary.skipped, total=len(seq_ids))
    pending = iter(todo)

    async def drain(seq_id: str) -> None:
        start = output.next_index.get((key(seq_id), None), 0)
        try:
            patents = client.sequences.iter_patents(seq_id, start=start)
            index = await write_list(
                output, summary, seq_id, patents, start, lambda: progress.advance(records=1)
            )
        except PatsnapError as error:
            summary.fail(seq_id, error)
            progress.advance(failed=1)
            if isinstance(error, FATAL_ERRORS) and summary.stopped is None:
                summary.stopped = error
            return
        if index == 0:
            output.missing.add([seq_id])
            summary.missing += 1
        else:
            output.done.add([seq_id])

    async def worker() -> None:
        while summary.stopped is None:
            seq_id = next(pending, None)
            if seq_id is None:
                return
            await drain(seq_id)
            progress.advance(1)

    await _together(worker, min(parallel, len(todo)))
    if summary.stopped is not None:
        for left in pending:
            summary.fail(left, summary.stopped, sent=False)


async def _together(worker: Callable[[], Coroutine[Any, Any, None]], count: int) -> None:
    """Run `count` copies of `worker`; a failure (say, a full disk) is raised as itself."""
    try:
        async with asyncio.TaskGroup() as group:
            for _ in range(count):
                group.create_task(worker())
    except BaseExceptionGroup as failures:
        raise failures.exceptions[0] from None


async def write_list(
    output: Output,
    summary: Summary,
    requested_id: str,
    items: Pager[Any],
    start: int,
    advance: Callable[[], object],
    *,
    part: str | None = None,
) -> int:
    """Write a list's items as they arrive, numbered from `start`; return the next index.

    With `part` (a split search), each line carries it, and a result whose `patent_id`
    is already in the output is skipped. The list is closed however this ends, so no
    page request is left in flight.
    """
    index = start
    extra = {"part": part} if part is not None else {}
    async with items:
        async for item in items:
            line = {"requested_id": requested_id, **extra, "index": index}
            line |= as_dict(item)
            index += 1
            advance()
            if part is not None:
                patent_id = line.get("patent_id")
                if isinstance(patent_id, str):
                    if patent_id in output.seen:
                        continue
                    output.seen.add(patent_id)
            output.write([line])
            summary.written += 1
    return index
