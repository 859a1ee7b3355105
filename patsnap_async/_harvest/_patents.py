"""The harvests of id lists: families and citations (P014/P015), sequences' patents (B005)."""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import Any, Final, TypeGuard

from .. import (
    MAX_IDS_PER_REQUEST,
    APIError,
    AuthenticationError,
    BatchError,
    BatchResult,
    NotFoundError,
    Pager,
    PatsnapClient,
    PatsnapError,
    PermissionDeniedError,
    QuotaExceededError,
    as_dict,
)
from ._input import key
from ._output import Output
from ._progress import Progress, Summary, plural

__all__ = [
    "concerns_account",
    "harvest_patents",
    "harvest_sequence_patents",
    "pending_ids",
    "write_list",
]

#: Sequences whose patents are drained at the same time.
PARALLEL_SEQUENCES: Final = 8
#: The platform's code for a path it does not know (a wrong base URL, say).
UNKNOWN_PATH: Final = 67200101


def concerns_account(error: BaseException) -> TypeGuard[APIError]:
    """The error is about the credentials, the account or the base URL, not the ids.

    Authentication, permission and quota errors, and an unknown API path (`67200101`,
    or an HTTP 404 with no code): every other request would meet it too, so the run
    stops at the first, and the ids it concerns are left for a later run (the platform
    bills nothing it refused).
    """
    if isinstance(error, AuthenticationError | PermissionDeniedError | QuotaExceededError):
        return True
    return isinstance(error, NotFoundError) and error.code in (UNKNOWN_PATH, 404, None)


def pending_ids(ids: Sequence[str], output: Output) -> list[str]:
    """The ids whose records (or absence) the output does not hold yet."""
    settled = output.records.keys() | output.missing.keys
    return [i for i in ids if key(i) not in settled]


def _outcome(
    chunk: Sequence[str], error: PatsnapError
) -> tuple[BatchResult[Any] | None, dict[str, BaseException]]:
    """What a batch call that raised `error` fetched, and the error of each other id."""
    if isinstance(error, BatchError):
        return error.result, dict(error.errors)
    # An error raised as itself (one that concerns the account) may carry the records
    # fetched before it; every other id of the chunk has that error.
    result = getattr(error, "result", None)
    result = result if isinstance(result, BatchResult) else None
    done = set() if result is None else {key(i) for i in (*result, *result.missing)}
    return result, {i: error for i in chunk if key(i) not in done}


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
    returns. An error that concerns the account (`concerns_account`) stops the run:
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
            result, errors = _outcome(chunk, error)
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
        if concerns_account(cause):
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
            if concerns_account(error):
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
