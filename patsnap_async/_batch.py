"""The batcher: any number of ids, 100 per request, all requests at once, nothing lost.

PatSnap's batch endpoints take up to 100 comma-joined ids and bill every record they
return, so duplicates are dropped before anything is sent (spellings that differ only
in case or surrounding spaces are one id). Chunks go out concurrently; the client's
pacer and connection slots keep them under the account's QPS. The answers omit ids the
platform has no record for, in no particular order, so records are matched back to
the ids by `pn` / `patent_id`. A chunk that still fails after the session's retries
never discards the others: the call raises `BatchError` carrying everything fetched.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar

from . import _validate as check
from ._errors import BatchError, PatsnapError, Stopped
from ._limits import MAX_IDS_PER_REQUEST
from ._scope import CallScope, scoped

__all__ = [
    "MAX_IDS_PER_REQUEST",
    "BatchResult",
    "ProgressCallback",
    "normalize_id",
    "run_batch",
]

T = TypeVar("T")


ProgressCallback = Callable[[int, int], object]
"""Called as `progress(ids_done, ids_total)` after each chunk, counting unique ids."""


def normalize_id(value: str) -> str:
    """The form ids are compared in: surrounding spaces dropped, case folded."""
    return value.strip().upper()


class BatchResult(Mapping[str, T], Generic[T]):
    """A read-only mapping from each requested id, as the caller spelled it, to its record.

    Lookups forgive case and surrounding spaces (`result[" us1b2 "]` finds the record of
    `"US1B2"`). Iteration follows the caller's order and spelling.

    Attributes:
        missing: requested ids the platform returned no record for, in request order:
            their request was answered with records and left them out. An answer
            that said nothing (no `data`, or data of the wrong shape) fails its ids.
        failed: requested ids whose request failed, in request order (see `BatchError`).
        errors: each failed id, as spelled, mapped to the error its request met.
        unsent: requested ids never sent, in request order: the call stopped at a fatal
            error (see `PatsnapError.fatal`) before their turn. Send them again later.
        unmatched: records that matched no requested id (kept rather than dropped).
    """

    __slots__ = ("_by_key", "_spellings", "errors", "failed", "missing", "unmatched", "unsent")

    def __init__(
        self,
        spellings: Sequence[str],
        by_key: Mapping[str, T],
        *,
        failed: Iterable[str] | Mapping[str, BaseException] = (),
        unsent: Iterable[str] = (),
        unmatched: Iterable[T] = (),
    ) -> None:
        self._by_key = found = dict(by_key)
        causes = failed if isinstance(failed, Mapping) else dict.fromkeys(failed)
        failed_keys = {normalize_id(i): cause for i, cause in causes.items()}
        unsent_keys = {normalize_id(i) for i in unsent}
        fetched: list[str] = []
        errors: dict[str, BaseException] = {}
        failed_spellings: list[str] = []
        unsent_spellings: list[str] = []
        missing: list[str] = []
        for spelling in spellings:  # each spelling normalized once
            key = normalize_id(spelling)
            if key in found:
                fetched.append(spelling)
            elif key in failed_keys:
                failed_spellings.append(spelling)
                cause = failed_keys[key]
                if cause is not None:
                    errors[spelling] = cause
            elif key in unsent_keys:
                unsent_spellings.append(spelling)
            else:
                missing.append(spelling)
        self._spellings = tuple(fetched)
        self.failed = tuple(failed_spellings)
        self.errors: Mapping[str, BaseException] = errors
        self.unsent = tuple(unsent_spellings)
        self.missing = tuple(missing)
        self.unmatched = tuple(unmatched)

    def __getitem__(self, key: str) -> T:
        if not isinstance(key, str):
            raise KeyError(key)
        return self._by_key[normalize_id(key)]

    def __iter__(self) -> Iterator[str]:
        return iter(self._spellings)

    def __len__(self) -> int:
        return len(self._spellings)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and normalize_id(key) in self._by_key

    @property
    def records(self) -> tuple[T, ...]:
        """Each record once, in request order (a record asked for twice appears once)."""
        return tuple(self._by_key.values())

    def __repr__(self) -> str:
        unsent = f", {len(self.unsent)} unsent" if self.unsent else ""
        return (
            f"<BatchResult {len(self._by_key)} records, {len(self.missing)} missing, "
            f"{len(self.failed)} failed{unsent}>"
        )


def unique_ids(ids: Iterable[str], *, what: str) -> tuple[list[str], dict[str, str]]:
    """Check and de-duplicate ids; return caller spellings and first spelling per key.

    Raises:
        TypeError / ValueError: naming the first bad id and its position, before anything
            is sent (see `check_id` for what an id may hold).
    """
    if isinstance(ids, str | bytes):
        raise TypeError(f"{what} must be a list of strings, not a single string: {ids!r}")
    spellings: list[str] = []
    first: dict[str, str] = {}
    for position, value in enumerate(ids):
        stripped = check.check_id(value, f"{what}[{position}]")
        spellings.append(value)
        first.setdefault(stripped.upper(), stripped)
    return list(dict.fromkeys(spellings)), first


async def run_batch(
    spellings: Sequence[str],
    first: Mapping[str, str],
    fetch: Callable[[list[str]], Awaitable[Sequence[T]]],
    key_of: Callable[[T], str | None],
    *,
    progress: ProgressCallback | None = None,
    concurrency: int = 100,
    chunk_size: int = MAX_IDS_PER_REQUEST,
) -> BatchResult[T]:
    """Fetch every unique id in chunks of 100, concurrently; match records back to ids.

    The chunks' requests run in one `CallScope`: the first fatal error (credentials,
    permission, quota, an unknown path) stops the requests not yet sent.

    Args:
        spellings: the caller's ids, in order (exact duplicates already dropped).
        first: each normalized id mapped to the spelling that is sent.
        fetch: one request for one chunk of ids; returns that chunk's records.
        key_of: the id a record answers (its `pn` or `patent_id`).
        progress: called with (ids done, ids total) after each chunk.
        concurrency: chunks in flight at most (the client's connection slots).
        chunk_size: ids one request takes.

    Raises:
        PatsnapError: the fatal error that stopped the call, as itself, with what was
            fetched before it in `.result` (whose `unsent` lists the ids never sent).
        BatchError: a chunk failed after the session's retries; carries the rest. A
            chunk that fails with an error that is no `PatsnapError` (a bug) fails its
            ids the same way, the error in `.errors` and as the `BatchError`'s cause.
    """
    keys = list(first)
    chunks = [keys[i : i + chunk_size] for i in range(0, len(keys), chunk_size)]
    gathered: _Gathered[T] = _Gathered(key_of)

    async def one(chunk: list[str]) -> None:
        try:
            records = await fetch([first[k] for k in chunk])
        except Stopped:
            gathered.unsent.extend(chunk)
            return  # not done: the caller sends these again
        except Exception as error:  # kept per chunk: the other chunks' records stay
            gathered.errors.update(dict.fromkeys(chunk, error))
        else:
            gathered.add(chunk, records)
        gathered.done += len(chunk)
        if progress is not None:
            progress(gathered.done, len(keys))

    # A fixed pool of workers rather than a task per chunk: a list of a million ids
    # would otherwise hold ten thousand tasks (and the garbage collector's attention)
    # while the pacer lets them out a few a second.
    queue = iter(chunks)

    async def worker() -> None:
        for chunk in queue:
            await one(chunk)

    with scoped(CallScope()) as scope:
        try:
            if len(chunks) == 1:  # one request: no pool of tasks to set up
                await one(chunks[0])
            else:
                await _fan_out(worker, min(concurrency, len(chunks)))
        except BaseExceptionGroup as group_error:
            raise group_error.exceptions[0] from None
    return gathered.result(spellings, keys, scope.error)


class _Gathered(Generic[T]):
    """What a batch's chunks brought back, matched to the ids they asked for."""

    def __init__(self, key_of: Callable[[T], str | None]) -> None:
        self._key_of = key_of
        self.found: dict[str, T] = {}
        self.unmatched: list[T] = []
        self.errors: dict[str, Exception] = {}
        self.unsent: list[str] = []
        self.done = 0

    def add(self, chunk: list[str], records: Sequence[T]) -> None:
        """A chunk's records, each under the id it answers (else kept as unmatched)."""
        wanted = set(chunk)
        for record in records:
            key = self._key_of(record)
            norm = normalize_id(key) if key else None
            if norm in wanted and norm not in self.found:
                self.found[norm] = record
            else:
                self.unmatched.append(record)

    def result(
        self, spellings: Sequence[str], keys: list[str], fatal: PatsnapError | None
    ) -> BatchResult[T]:
        """The result; raised on the fatal error that stopped the call, or a `BatchError`."""
        ordered = {k: self.found[k] for k in keys if k in self.found}
        errors = self.errors
        causes = {s: errors[normalize_id(s)] for s in spellings if normalize_id(s) in errors}
        result = BatchResult(
            spellings, ordered, failed=causes, unsent=self.unsent, unmatched=self.unmatched
        )
        if fatal is not None:
            fatal.result = result
            raise fatal
        if causes:
            error = BatchError(result, causes)
            bug = next((e for e in errors.values() if not isinstance(e, PatsnapError)), None)
            if bug is not None:
                raise error from bug
            raise error
        return result


async def _fan_out(worker: Callable[[], Coroutine[Any, Any, None]], count: int) -> None:
    # A TaskGroup: if the caller is cancelled, every worker still in flight is cancelled
    # and awaited before the cancellation propagates.
    async with asyncio.TaskGroup() as group:
        for _ in range(count):
            group.create_task(worker(), name="patsnap-async chunk")
