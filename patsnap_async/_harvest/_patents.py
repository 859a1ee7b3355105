"""The harvests of id lists: families and citations (P014/P015), sequences' patents (B005)."""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import Any, Final, TypeGuard

from .. import (
    MAX_IDS_PER_REQUEST,
    BatchResult,
    Pager,
    PatsnapClient,
    PatsnapError,
    as_dict,
)
from ._input import key
from ._output import Output
from ._progress import Progress, Summary, plural

__all__ = [
    "fatal",
    "harvest_patents",
    "harvest_sequence_patents",
    "pending_ids",
    "write_list",
]

#: Sequences whose patents are drained at the same time.
PARALLEL_SEQUENCES: Final = 8


def fatal(error: BaseException) -> TypeGuard[PatsnapError]:
    """The error concerns the account or the endpoint, not the ids (`PatsnapError.fatal`).

    Refused credentials, no permission, an exhausted quota, an unknown API path: every
    other request would meet it too, so the run stops at the first, and the ids it
    concerns are left for a later run (the platform bills nothing it refused).
    """
    return isinstance(error, PatsnapError) and error.fatal


def pending_ids(ids: Sequence[str], output: Output) -> list[str]:
    """The ids whose records (or absence) the output does not hold yet."""
    settled = output.records.keys() | output.missing.keys
    return [i for i in ids if key(i) not in settled]


def _outcome(
    chunk: Sequence[str], error: PatsnapError
) -> tuple[BatchResult[Any] | None, dict[str, BaseException], list[str]]:
    """What a call that raised `error` fetched, each failed id's error, the ids unsent.

    A `BatchError` and a fatal error that stopped the call both carry the call's
    `result`; an id of the chunk it does not account for has the error itself.
    """
    result = error.result if isinstance(error.result, BatchResult) else None
    if result is None:
        return None, dict.fromkeys(chunk, error), []
    errors: dict[str, BaseException] = dict(result.errors)
    unsent = list(result.unsent)
    known = {key(i) for i in (*result, *result.missing, *errors, *unsent)}
    errors |= {i: error for i in chunk if key(i) not in known}
    return result, errors, unsent


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

    The ids go 100 per call of `client.patents.family` / `cited_by`. The first call goes
    alone (a wrong key, secret or base URL then costs one request), then up to
    `concurrency` are in flight, and each call's records are written as soon as it
    returns. An error that concerns the account (`PatsnapError.fatal`) stops the run:
    no call is started after it, and the ids it refused, with those never sent, are
    counted in `summary.unsent` for a later run. With `max_billed`, a call is sent only
    if the records it could return (one per id) keep this run's billed results within
    it; the ids left are counted in `summary.unsent` too.
    """
    chunks = _Chunks(pending_ids(ids, output), max_billed)
    summary.skipped = len(ids) - len(chunks.todo)
    progress.start(done=summary.skipped, total=len(ids))
    lookup = client.patents.cited_by if cited_by else client.patents.family
    left: list[str] = []  # refused with an error that concerns the account

    async def send(chunk: list[str]) -> None:
        errors: dict[str, BaseException] = {}
        try:
            result: BatchResult[Any] | None = await (
                lookup(patent_ids=chunk) if patent_ids else lookup(chunk)
            )
        except PatsnapError as error:
            result, errors, unsent = _outcome(chunk, error)
            left.extend(unsent)  # never sent: the call stopped at a fatal error
            if error.fatal:
                summary.stopped = summary.stopped or error
        _sort_errors(errors, summary, left)
        chunks.settle(chunk, result)
        if result is not None:
            _write(output, summary, result)
        progress.advance(len(chunk), failed=len(errors))
        # Written: let the records go before waiting for the next chunk. Hundreds of
        # idle workers each holding their last answer keep the garbage collector
        # busy enough to stall the event loop (and the pacer) for whole seconds.
        del result

    async def worker() -> None:
        while summary.stopped is None:
            chunk = chunks.take()
            if not chunk:
                return
            await send(chunk)

    if chunks.todo:
        await send(chunks.take())  # alone: an error that concerns the account costs one
    # Again while ids and budget are left: ids found missing give back what they held.
    while chunks.todo and summary.stopped is None and chunks.budget() > 0:
        count = -(-min(len(chunks.todo), chunks.budget()) // MAX_IDS_PER_REQUEST)
        await _together(worker, min(concurrency or client.max_concurrency, count))
    summary.unsent = len(chunks.todo) + len(left)
    if chunks.todo and summary.stopped is None:
        summary.notes.append(
            f"stopped before --max-billed {max_billed} would be passed: "
            f"{plural(len(chunks.todo), 'id')} left; run again with --resume to continue"
        )


class _Chunks:
    """The ids left to send, 100 a call, each call within the `max_billed` budget.

    A call may return one record per id, so its ids are reserved until it returns;
    then what it billed counts, and ids found missing give back what they held.
    """

    def __init__(self, ids: Sequence[str], max_billed: int | None) -> None:
        self.todo = collections.deque(ids)
        self.max_billed = max_billed
        self.billed = 0
        self._reserved = 0

    def take(self) -> list[str]:
        size = MAX_IDS_PER_REQUEST
        if self.max_billed is not None:
            size = min(size, self.max_billed - self.billed - self._reserved)
        chunk = [self.todo.popleft() for _ in range(min(size, len(self.todo)))]
        self._reserved += len(chunk)
        return chunk

    def settle(self, chunk: Sequence[str], result: BatchResult[Any] | None) -> None:
        self._reserved -= len(chunk)
        if result is not None:
            self.billed += len(result.records) + len(result.unmatched)

    def budget(self) -> int:
        """How many more ids may be sent (all of them without `max_billed`)."""
        if self.max_billed is None:
            return len(self.todo)
        return self.max_billed - self.billed


def _sort_errors(errors: Mapping[str, BaseException], summary: Summary, left: list[str]) -> None:
    """Fail each id, or leave it for a later run if its error concerns the account."""
    for failed_id, cause in errors.items():
        if fatal(cause):
            left.append(failed_id)
            summary.stopped = summary.stopped or cause
        else:
            summary.fail(failed_id, cause)


def _write(output: Output, summary: Summary, result: BatchResult[Any]) -> None:
    """Write a call's records, and its missing and unmatched ids."""
    output.write([{"requested_id": i, **as_dict(result[i])} for i in result])
    output.missing.add(result.missing)
    output.write_unmatched([as_dict(r) for r in result.unmatched])
    summary.written += len(result)
    summary.missing += len(result.missing)
    summary.unmatched += len(result.unmatched)


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
    a complete one to `<output>.done`. The first sequence is drained alone, then
    `parallel` at a time; an error that concerns the account stops the run, the
    sequences left counted in `summary.unsent`.
    """
    todo = [s for s in seq_ids if s not in output.done and s not in output.missing]
    summary.skipped = len(seq_ids) - len(todo)
    progress.start(done=summary.skipped, total=len(seq_ids))
    pending = iter(todo)
    left: list[str] = []

    async def drain(seq_id: str) -> None:
        start = output.next_index.get((key(seq_id), None), 0)
        try:
            patents = client.sequences.iter_patents(seq_id, start=start)
            index = await write_list(
                output, summary, seq_id, patents, start, lambda: progress.advance(records=1)
            )
        except PatsnapError as error:
            if error.fatal:
                left.append(seq_id)
                summary.stopped = summary.stopped or error
            else:
                summary.fail(seq_id, error)
                progress.advance(1, failed=1)
            return
        if index == 0:
            output.missing.add([seq_id])
            summary.missing += 1
        else:
            output.done.add([seq_id])
        progress.advance(1)

    async def worker() -> None:
        while summary.stopped is None:
            seq_id = next(pending, None)
            if seq_id is None:
                return
            await drain(seq_id)

    first = next(pending, None)
    if first is not None:
        await drain(first)  # alone: an error that concerns the account costs one request
    if summary.stopped is None:
        await _together(worker, min(parallel, len(todo) - 1))
    summary.unsent = len(left) + len(list(pending))


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
