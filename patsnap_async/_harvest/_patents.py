"""The harvests of id lists: any lookup (families, citations, claims, ...), sequences'
patents (B005)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from typing import Any, Final, TypeGuard

from .. import (
    BatchResult,
    Pager,
    PatsnapClient,
    PatsnapError,
    as_dict,
)
from ..endpoints import FAMILY, Lookup
from ._input import key
from ._output import Output
from ._progress import Progress, Summary, plural

__all__ = [
    "fatal",
    "harvest_lookup",
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


async def harvest_lookup(
    client: PatsnapClient,
    output: Output,
    ids: Sequence[str],
    summary: Summary,
    progress: Progress,
    *,
    endpoint: Lookup[Any] | str = FAMILY,
    by: str | None = None,
    params: Mapping[str, Any] | None = None,
    max_billed: int | None = None,
    concurrency: int | None = None,
) -> None:
    """The records of a lookup (families, citations, claims, ...) of every id not yet
    in the output.

    One call of the batch engine (`client.lookup`) for the whole run: 100 ids a
    request (the lookup's batch size), the first request alone (a wrong key, secret or
    base URL then costs one request), then up to `concurrency` in flight, each
    request's records written as soon as it returns, none held. An error that
    concerns the account (`PatsnapError.fatal`) stops the run at once, requests still
    waiting unsent; the ids it refused, with those never sent, are counted in
    `summary.unsent` for a later run. With `max_billed`, a request is sent only if the
    records it could return (one per id) keep this run's billed results within it; the
    ids left are counted in `summary.unsent` too.

    Args:
        endpoint: a `Lookup` declaration, or a lookup of the catalog by its code.
        by: the parameter the ids go in; None: the lookup's default.
        params: the lookup's other parameters, sent with every request.
    """
    todo = pending_ids(ids, output)
    summary.skipped = len(ids) - len(todo)
    progress.start(done=summary.skipped, total=len(ids))
    left: list[str] = []  # refused with an error that concerns the account

    def write(part: BatchResult[Any]) -> None:
        _sort_errors(part.errors, summary, left)
        _write(output, summary, part)
        failed = sum(1 for cause in part.errors.values() if not fatal(cause))
        progress.advance(len(part) + len(part.missing) + len(part.errors), failed=failed)

    # A declaration or a code: each has its overload, one call serves both.
    lookup: Callable[..., Awaitable[BatchResult[Any]]] = client.lookup
    try:
        result = await lookup(
            endpoint,
            todo,
            by=by,
            params=params,
            on_chunk=write,
            keep=False,
            max_billed=max_billed,
            concurrency=concurrency,
            first_alone=True,
        )
    except PatsnapError as error:  # a BatchError, or the fatal error that stopped it
        if not isinstance(error.result, BatchResult):
            raise
        result = error.result
        if error.fatal:
            summary.stopped = summary.stopped or error
    summary.unsent = len(result.unsent) + len(left)
    if result.unsent and summary.stopped is None:
        summary.notes.append(
            f"stopped before --max-billed {max_billed} would be passed: "
            f"{plural(len(result.unsent), 'id')} left; run again with --resume to continue"
        )


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
    output.write([{"requested_id": i, **_plain(result[i])} for i in result])
    output.missing.add(result.missing)
    output.write_unmatched([_plain(r) for r in result.unmatched])
    summary.written += len(result)
    summary.missing += len(result.missing)
    summary.unmatched += len(result.unmatched)


def _plain(record: Any) -> Any:
    """A record as JSON data: a model unstructured; a catalog lookup's record is the
    platform's JSON already (walking it again took half a cached harvest's time)."""
    return record if isinstance(record, dict) else as_dict(record)


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
