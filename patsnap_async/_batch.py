"""The batch engine: any number of ids, 100 per request, all requests at once, nothing lost.

Every id-keyed endpoint is a `Lookup` declaration (`_endpoints.py`) run by `lookup`:
`client.patents.family`, `client.batch`, `client.lookup` and the harvester alike.
PatSnap's batch endpoints take up to 100 comma-joined ids and bill every record they
return, so duplicates are dropped before anything is sent (spellings that differ only
in case or surrounding spaces are one id), and billing is counted here, once. Chunks
go out concurrently; the client's pacer and connection slots keep them under the
account's QPS. The answers omit ids the platform has no record for, in no particular
order, so records are matched back to the ids by the declaration's key (`pn`,
`patent_id`). A chunk that still fails after the session's retries never discards the
others: the call raises `BatchError` carrying everything fetched. The first error that
concerns the account stops the call (see `_scope.py`).

Each chunk can be reported as it completes (`on_chunk`, which the harvester writes
from) and the call can keep nothing itself (`keep=False`), so a million ids take the
memory of the chunks in flight. A budget (`max_billed`) sends no chunk that could take
the billed records past it; the ids left are the result's `unsent`.

With a record cache (`_cache.CallCache`), the ids it holds fresh are answered from it
first, in pages, before anything is sent (reported by `on_chunk` as parts whose
`cached` names them, and counted in `stats.cache_hits`); only the rest is cut into
chunks, so a call sends as few requests as it would for those ids alone. Each chunk's
ids are claimed before it is sent (an id another call is fetching is waited for, then
read from the cache), and each answer is stored as soon as it arrives, so a kill keeps
what was paid for. Storing happens in the background: a chunk's records reach the
caller (and `on_chunk`) as soon as they are fetched, never behind a slow or locked
file; the call waits for the stores still going before it returns (`CallCache.settle`).
"""

from __future__ import annotations

import asyncio
import collections
import json
import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import attrs

from . import _validate as check
from ._cache import CallCache, RecordCache, Scope
from ._converter import parse
from ._endpoints import IdParam, Lookup
from ._errors import (
    BatchError,
    InvalidParameterError,
    MalformedResponseError,
    PatsnapError,
    Stopped,
)
from ._limits import MAX_IDS_PER_REQUEST
from ._protocol import ARRAY, build_request
from ._scope import CallScope, scoped
from ._telemetry import NULL_CALL, CallWatch
from ._validate import ParamValue

if TYPE_CHECKING:
    from ._session import ClientStats, Session

__all__ = [
    "MAX_IDS_PER_REQUEST",
    "BatchResult",
    "ChunkCallback",
    "ProgressCallback",
    "cached_ids",
    "lookup",
    "normalize_id",
    "unique_ids",
]

log = logging.getLogger("patsnap_async")

T = TypeVar("T")

#: Ids read from the record cache at a time, before anything is sent.
CACHE_PAGE = 1000


ProgressCallback = Callable[[int, int], object]
"""Called as `progress(ids_done, ids_total)` after each chunk, counting unique ids."""

ChunkCallback = Callable[["BatchResult[T]"], object]
"""Called with each chunk's own `BatchResult` as it completes (its records, missing,
failed and unmatched), in the order chunks complete."""


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
        cached: requested ids answered from the client's record cache (their record,
            or their absence, as the platform answered it before), in request order:
            no request was sent for them and nothing was billed.
    """

    __slots__ = (
        "_by_key",
        "_spellings",
        "cached",
        "errors",
        "failed",
        "missing",
        "unmatched",
        "unsent",
    )

    def __init__(
        self,
        spellings: Sequence[str],
        by_key: Mapping[str, T],
        *,
        failed: Iterable[str] | Mapping[str, BaseException] = (),
        unsent: Iterable[str] = (),
        unmatched: Iterable[T] = (),
        missing: Iterable[str] | None = None,
        cached: Iterable[str] = (),
    ) -> None:
        """Args (besides the attributes'):
        spellings: every requested id, as spelled.
        by_key: the records, by normalized id.
        missing: the normalized ids answered without a record, when the records were
            not kept (else: every id neither found, failed nor unsent).
        """
        self._by_key = found = dict(by_key)
        causes = failed if isinstance(failed, Mapping) else dict.fromkeys(failed)
        failed_keys = {normalize_id(i): cause for i, cause in causes.items()}
        unsent_keys = {normalize_id(i) for i in unsent}
        cached_keys = {normalize_id(i) for i in cached}
        answered_without = None if missing is None else set(missing)
        fetched: list[str] = []
        errors: dict[str, BaseException] = {}
        failed_spellings: list[str] = []
        unsent_spellings: list[str] = []
        absent: list[str] = []
        from_cache: list[str] = []
        for spelling in spellings:  # each spelling normalized once
            key = normalize_id(spelling)
            if key in cached_keys:
                from_cache.append(spelling)
            if key in found:
                fetched.append(spelling)
            elif key in failed_keys:
                failed_spellings.append(spelling)
                cause = failed_keys[key]
                if cause is not None:
                    errors[spelling] = cause
            elif key in unsent_keys:
                unsent_spellings.append(spelling)
            elif answered_without is None or key in answered_without:
                absent.append(spelling)
        self._spellings = tuple(fetched)
        self.failed = tuple(failed_spellings)
        self.errors: Mapping[str, BaseException] = errors
        self.unsent = tuple(unsent_spellings)
        self.missing = tuple(absent)
        self.unmatched = tuple(unmatched)
        self.cached = tuple(from_cache)

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
        cached = f", {len(self.cached)} from the cache" if self.cached else ""
        return (
            f"<BatchResult {len(self._by_key)} records, {len(self.missing)} missing, "
            f"{len(self.failed)} failed{unsent}{cached}>"
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
        first.setdefault(normalize_id(stripped), stripped)
    return list(dict.fromkeys(spellings)), first


async def lookup(
    session: Session,
    endpoint: Lookup[T],
    ids: Iterable[str],
    *,
    path: str,
    by: str | None = None,
    params: Mapping[str, ParamValue | None] | None = None,
    chunk_size: int | None = None,
    progress: ProgressCallback | None = None,
    on_chunk: ChunkCallback[T] | None = None,
    max_billed: int | None = None,
    keep: bool = True,
    concurrency: int | None = None,
    first_alone: bool = False,
    cache: RecordCache | None = None,
    watch: CallWatch = NULL_CALL,
) -> BatchResult[T]:
    """Run `endpoint` for every id: checked, de-duplicated, batched, matched, billed.

    Args:
        session: sends each chunk's request (paced, authenticated, retried).
        endpoint: the declaration.
        ids: the ids, any number.
        path: where the endpoint lives (the declaration's, or the caller's override).
        by: the parameter the ids go in (`patent_id`); None: the endpoint's default.
        params: other parameters of every request (the query, or the JSON body).
        chunk_size: ids a request; None: the endpoint's `batch_size`.
        progress: called as `progress(ids_done, ids_total)` after each chunk.
        on_chunk: called with each chunk's `BatchResult` as it completes.
        max_billed: send no chunk that could take the billed records past this.
        keep: hold every record for the returned result; False: only the ids.
        concurrency: requests in flight at most; None: the session's connection slots.
        first_alone: send the first request before any other (see `_Run.all`).
        cache: answers what it holds fresh, and stores each answer; None: none.
        watch: the call's telemetry, told the ids asked, the ids the cache answered,
            the records each request returned and those billed.

    Raises:
        TypeError / ValueError: a bad argument or id, named, before anything is sent.
        PatsnapError: the fatal error that stopped the call, with `.result`.
        BatchError: some chunks failed after retries; `.result` holds the rest.
    """
    way = endpoint.by(by)
    size = endpoint.batch_size if chunk_size is None else chunk_size
    size = check.integer("chunk_size", size, minimum=1, maximum=endpoint.batch_size)
    check.callback("progress", progress)
    check.callback("on_chunk", on_chunk)
    if max_billed is not None:
        check.integer("max_billed", max_billed, minimum=0)
    if concurrency is not None:
        check.integer("concurrency", concurrency, minimum=1)
    fixed = check.params("params", params)
    spellings, first = unique_ids(ids, what=f"{way.param}s")
    view = None if cache is None else _view(cache, session, endpoint, path, way, fixed)
    watch.set("ids", len(first))

    async def fetch(chunk: list[str]) -> Sequence[T]:
        request = _chunk_request(endpoint, path, {**fixed, way.param: ",".join(chunk)})
        data = await session.call(request)
        records = _records(endpoint, data)
        watch.add("records", len(records))
        if endpoint.billed:
            session.stats.billed_results += len(records)
            watch.billed(len(records))
        if view is not None:  # stored in the background: the records go on at once
            _store(view, chunk, data, way.key, billed=endpoint.billed)
        return records

    stash = None if view is None else _FromCache(view, endpoint, session.stats, watch)
    run = _Run(spellings, first, fetch, _key_of(endpoint, way), size, max_billed, keep, stash)
    workers = concurrency or session.max_concurrency
    return await run.all(progress, on_chunk, workers, first_alone=first_alone)


async def cached_ids(
    session: Session,
    endpoint: Lookup[Any],
    ids: Iterable[str],
    *,
    path: str,
    cache: RecordCache,
    by: str | None = None,
    params: Mapping[str, ParamValue | None] | None = None,
) -> tuple[str, ...]:
    """The ids (as spelled, in order) that `lookup` would answer from `cache` now.

    Raises:
        TypeError / ValueError: a bad argument or id, named.
    """
    way = endpoint.by(by)
    fixed = check.params("params", params)
    spellings, first = unique_ids(ids, what=f"{way.param}s")
    view = _view(cache, session, endpoint, path, way, fixed)
    held = await view.count(list(first))
    return tuple(s for s in spellings if normalize_id(s) in held)


def _view(
    cache: RecordCache,
    session: Session,
    endpoint: Lookup[Any],
    path: str,
    way: IdParam,
    fixed: Mapping[str, ParamValue],
) -> CallCache:
    """The call's view of the cache: its records are those of this lookup, asked this
    way, with these other parameters (as the request sends them), from this host."""
    request = _chunk_request(endpoint, path, fixed)
    sent = request.params if endpoint.method == "GET" else request.json
    params = json.dumps(sent, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    scope = Scope(endpoint.code or endpoint.name, session.base_url, path, way.param, params)
    return cache.call(scope, name=endpoint.name)


def _store(
    view: CallCache, chunk: Sequence[str], data: list[Any], key: str, *, billed: bool
) -> None:
    """Store one answer as the platform sent it: each record under the requested id it
    answers, and the ids it had no record for. When a record answers none of them
    (another spelling), which id it stands for is unknown: no absence is stored."""
    wanted = {normalize_id(spelling) for spelling in chunk}
    found: dict[str, Any] = {}
    strays = 0
    for record in data:
        value = record.get(key) if isinstance(record, dict) else None
        norm = normalize_id(value) if isinstance(value, str) else None
        if norm is not None and norm in wanted and norm not in found:
            found[norm] = record
        else:
            strays += 1
    missing = [] if strays else [k for k in wanted if k not in found]
    counts = (len(chunk), len(data), len(data) if billed else 0)
    view.put(found, missing, counts, sent=list(wanted))


def _chunk_request(endpoint: Lookup[Any], path: str, values: Mapping[str, ParamValue]) -> Any:
    if endpoint.method == "GET":
        return build_request("GET", path, params=values, expect=ARRAY)
    return build_request(endpoint.method, path, json=dict(values), expect=ARRAY)


def _records(endpoint: Lookup[T], data: list[Any]) -> Sequence[T]:
    """The answer's records: models, or the platform's objects as they came."""
    if endpoint.model is not None:
        return parse(data, tuple[endpoint.model, ...])  # type: ignore[name-defined]
    if not all(isinstance(record, dict) for record in data):
        raise MalformedResponseError(
            None, f"{endpoint.name}: expected a list of records (JSON objects)", retryable=False
        )
    return cast(list[T], data)


def _key_of(endpoint: Lookup[T], way: IdParam) -> Callable[[T], str | None]:
    """The id a record answers: its field `way.key`."""

    def of_model(record: T) -> str | None:
        value = getattr(record, way.key, None)
        return value if isinstance(value, str) else None

    def of_dict(record: T) -> str | None:
        value = cast(dict[str, Any], record).get(way.key)
        return value if isinstance(value, str) else None

    return of_dict if endpoint.model is None else of_model


@attrs.frozen
class _FromCache(Generic[T]):
    """What a run needs to answer ids from the record cache."""

    view: CallCache
    endpoint: Lookup[T]
    stats: ClientStats
    watch: CallWatch

    def parse(self, found: Mapping[str, Any]) -> dict[str, T] | None:
        """Cached records as the endpoint's records; None if they no longer parse (a
        model that changed since): they are then fetched again."""
        keys = [key for key, raw in found.items() if raw is not None]
        try:
            records = _records(self.endpoint, [found[key] for key in keys])
        except Exception as error:  # any failure: fetch them instead
            log.debug("%d cached records do not parse (%s): fetching them", len(keys), error)
            return None
        return dict(zip(keys, records, strict=True))


class _Run(Generic[T]):
    """One batch call: hands out chunks within the budget, gathers what they bring."""

    def __init__(
        self,
        spellings: Sequence[str],
        first: Mapping[str, str],
        fetch: Callable[[list[str]], Awaitable[Sequence[T]]],
        key_of: Callable[[T], str | None],
        size: int,
        max_billed: int | None,
        keep: bool,
        cache: _FromCache[T] | None = None,
    ) -> None:
        self.spellings = spellings
        self.first = first
        self.fetch = fetch
        self.size = size
        self.budget = max_billed
        self.keep = keep
        self.cache = cache
        self.todo = collections.deque(first)
        #: Ids another call is fetching: looked at again once `todo` is empty.
        self.deferred: list[str] = []
        self.holders: set[str] = set()  # the calls fetching them
        self.gathered: _Gathered[T] = _Gathered(key_of)
        self.billed = self.reserved = 0
        self.settled = asyncio.Event()  # set when a chunk in flight settles
        self.scope = CallScope()
        self.spelled: dict[str, list[str]] = collections.defaultdict(list)
        for spelling in spellings:
            self.spelled[normalize_id(spelling)].append(spelling)
        self.on_chunk: ChunkCallback[T] | None = None
        self.progress: ProgressCallback | None = None
        #: Whether a chunk of this call was refused whatever its ids (`halving`).
        self.alone_refused = False

    async def all(
        self,
        progress: ProgressCallback | None,
        on_chunk: ChunkCallback[T] | None,
        workers: int,
        *,
        first_alone: bool = False,
    ) -> BatchResult[T]:
        """Every chunk, `workers` at a time (a fixed pool, not a task per chunk).

        With `first_alone`, the first chunk goes before any other: an error that
        concerns the account then costs one request, not one for each in flight.
        """
        self.progress, self.on_chunk = progress, on_chunk

        async def worker(once: bool = False) -> None:
            while (chunk := await self.take()) is not None:
                await self.one(chunk)
                self.report()
                if once:
                    return

        with scoped(self.scope):
            try:
                await self.from_cache()
                if first_alone:
                    await worker(once=True)
                chunks = -(-len(self.todo) // self.size)
                if chunks <= 1:  # one request: no pool of tasks to set up
                    await worker()
                else:
                    await _fan_out(worker, min(workers, chunks))
            except BaseExceptionGroup as group_error:
                raise group_error.exceptions[0] from None
            finally:
                if self.cache is not None:
                    await self.cache.view.settle()
                    await self.cache.view.release()
        self.gathered.unsent.extend([*self.todo, *self.deferred])
        return self.gathered.result(
            self.spellings, list(self.first), self.scope.error, keep=self.keep
        )

    def report(self) -> None:
        if self.progress is not None:
            self.progress(self.gathered.done, len(self.first))

    async def from_cache(self) -> None:
        """Answer every id the cache holds fresh, a page at a time; leave the rest."""
        if self.cache is None or not self.todo:
            return
        keys, left = list(self.todo), []
        for start in range(0, len(keys), CACHE_PAGE):
            page = keys[start : start + CACHE_PAGE]
            served = self.serve(await self.cache.view.read(page))
            left += [key for key in page if key not in served]
            if served:
                self.report()
        self.todo = collections.deque(left)

    def serve(self, found: Mapping[str, Any]) -> set[str]:
        """Answer ids from cached entries (records, or None for an absence); the ids
        answered (none when the records no longer parse)."""
        assert self.cache is not None
        records = self.cache.parse(found) if found else None
        if records is None:
            return set()
        missing = [key for key, raw in found.items() if raw is None]
        self.gathered.add_cached(records, missing, keep=self.keep)
        stats, watch = self.cache.stats, self.cache.watch
        stats.cache_hits += len(found)
        watch.cache_hits(len(found))
        if self.cache.endpoint.billed:
            stats.billed_saved += len(records)
            watch.add("billed_saved", len(records))
        if self.on_chunk is not None:
            self.on_chunk(self.part(list(found), records, [], cached=True))
        return set(found)

    async def take(self) -> list[str] | None:
        """The next chunk that fits the budget; None when none is left or fits."""
        while self.scope.error is None:
            if not self.todo:
                if not self.deferred or self.cache is None:
                    return None
                # Another call is fetching these: their records will be in the cache.
                await self.cache.view.pause(len(self.deferred), self.holders)
                self.todo.extend(self.deferred)
                self.deferred.clear()
                self.holders.clear()
                continue
            room = self.size
            if self.budget is not None:
                room = min(room, self.budget - self.billed - self.reserved)
            if room > 0:
                chunk = await self.fill(room)
                if chunk:
                    return chunk
                continue
            if self.reserved == 0:
                return None  # the budget is spent
            # A chunk in flight may bring back fewer records than it reserved.
            self.settled.clear()
            await self.settled.wait()
        return None

    async def fill(self, room: int) -> list[str]:
        """Up to `room` ids to send, reserved: with a cache, those it claimed, refilled
        from `todo` as ids turn out stored meanwhile or held by another call."""
        chunk: list[str] = []
        while len(chunk) < room and self.todo:
            part = [self.todo.popleft() for _ in range(min(room - len(chunk), len(self.todo)))]
            self.reserved += len(part)
            if self.cache is not None:
                kept = await self.claim(part)
                self.reserved -= len(part) - len(kept)
                part = kept
            chunk += part
            if self.cache is None:
                break
        return chunk

    async def claim(self, keys: list[str]) -> list[str]:
        """Of `keys`, those to send: claimed, or stored in a way that no longer parses.
        Those stored meanwhile are answered; those another call holds are deferred."""
        assert self.cache is not None
        claim = await self.cache.view.claim(keys)
        served = self.serve(claim.found)
        if served:
            self.report()
        self.deferred += claim.held
        self.holders |= claim.holders
        return [*claim.claimed, *(key for key in claim.found if key not in served)]

    async def one(self, chunk: list[str]) -> None:
        """Send one chunk and gather its answer, or its error, or that it went unsent."""
        gathered = self.gathered
        try:
            sent = await self.halving(chunk)
        except Exception as error:  # kept per chunk: the other chunks' records stay
            sent = _Sent(errors=dict.fromkeys(chunk, error))
        finally:
            self.reserved -= len(chunk)
            self.settled.set()
        if sent.widest and sent.widest < len(chunk) and not sent.errors and not sent.unsent:
            # Every part went through once small enough: the endpoint takes that many.
            self.size = min(self.size, sent.widest)
            log.debug("the endpoint takes %d ids a request: sending that many", self.size)
        gathered.unsent.extend(sent.unsent)
        gathered.errors.update(sent.errors)
        if self.cache is not None and (sent.errors or sent.unsent):
            self.cache.view.release_soon([*sent.errors, *sent.unsent])
        answered = [k for k in chunk if k not in sent.errors and k not in sent.unsent]
        found, unmatched = gathered.add(answered, sent.records, keep=self.keep)
        self.billed += len(found) + len(unmatched)
        done = [k for k in chunk if k not in sent.unsent]
        gathered.done += len(done)
        if self.on_chunk is not None and done:
            self.on_chunk(self.part(done, found, unmatched))

    async def halving(self, keys: list[str], chunk: _Refusals | None = None) -> _Sent[T]:
        """One request for `keys`; refused as an invalid parameter, two of half as many.

        A refused request is not billed, so sending its halves bills nothing twice. A
        bad id is thus narrowed down to itself and fails alone (about 2 * log2(100)
        requests for one among 100); when every part of a refused request goes through,
        the endpoint takes fewer ids than it was sent (`one` then sends the rest of the
        call that many at a time).

        A refusal that is not about the ids stops the halving (`_Refusals`): once two
        ids sent alone were refused the same way as their chunk (error class and code)
        and none of its requests went through, every id of the chunk not answered fails
        with that refusal, without another request. The first such chunk of a call
        costs one request per halving down to one id, plus two (9 for 100 ids); then the
        call knows that ids alone are refused, and a later chunk refused the same way
        sends its first and last ids alone before any halves: 3 requests when both are
        refused. (Stopping as soon as both halves are refused would cost 3 every time,
        but an endpoint that takes 25 ids a request would then fail whole.)
        """
        whole, chunk = chunk is None, _Refusals() if chunk is None else chunk
        if chunk.of_all:  # refused whatever the ids: no more requests for them
            assert chunk.first is not None
            return _Sent(errors=dict.fromkeys(keys, chunk.first))
        try:
            records = list(await self.fetch([self.first[k] for k in keys]))
            chunk.through = True
            return _Sent(records=records, widest=len(keys))
        except Stopped:
            return _Sent(unsent=list(keys))
        except InvalidParameterError as error:
            chunk.note(error, len(keys))
            self.alone_refused = self.alone_refused or chunk.of_all
            if len(keys) == 1:
                return _Sent(errors={keys[0]: error})
            log.debug("%d ids refused as invalid: sending them in parts", len(keys))
        except Exception as error:  # these ids fail; a half sent before keeps its records
            return _Sent(errors=dict.fromkeys(keys, error))
        half = len(keys) // 2
        parts = [keys[:half], keys[half:]]
        if self.alone_refused and whole and len(keys) > 2:
            parts = [keys[:1], keys[-1:], keys[1:-1]]  # ids alone first: see above
        sent: _Sent[T] = _Sent()
        for part in parts:
            sent.add(await self.halving(part, chunk))
        return sent

    def part(
        self, chunk: list[str], found: dict[str, T], unmatched: list[T], *, cached: bool = False
    ) -> BatchResult[T]:
        """One chunk's own result, under the caller's spellings of its ids (all answered
        from the cache, when `cached`)."""
        spellings = [s for key in chunk for s in self.spelled[key]]
        errors = self.gathered.errors
        failed = {s: errors[normalize_id(s)] for s in spellings if normalize_id(s) in errors}
        return BatchResult(
            spellings, found, failed=failed, unmatched=unmatched, cached=chunk if cached else ()
        )


@attrs.define
class _Sent(Generic[T]):
    """What one chunk's requests brought: records, the ids that failed, those unsent."""

    records: list[T] = attrs.field(factory=list)
    errors: dict[str, Exception] = attrs.field(factory=dict)
    unsent: list[str] = attrs.field(factory=list)
    #: The most ids one of its requests carried and had answered.
    widest: int = 0

    def add(self, other: _Sent[T]) -> None:
        """Count in what another part of the same chunk brought."""
        self.records += other.records
        self.errors |= other.errors
        self.unsent += other.unsent
        self.widest = max(self.widest, other.widest)


@attrs.define
class _Refusals:
    """How the requests of one chunk were refused as invalid: about some of its ids, or
    about all of them (the platform refuses two ids each sent alone, as it refused the
    chunk, and none of the chunk's requests went through)."""

    #: The chunk's own refusal, which the ids of a chunk refused whatever its ids get.
    first: InvalidParameterError | None = None
    #: Ids refused alone the same way as the chunk, before any request went through.
    alone: int = 0
    #: Whether a request of the chunk went through.
    through: bool = False

    @property
    def of_all(self) -> bool:
        """Whether the chunk is refused whatever its ids."""
        return not self.through and self.alone >= 2

    def note(self, error: InvalidParameterError, ids: int) -> None:
        """A request of `ids` ids refused with `error`."""
        if self.first is None:
            self.first = error
        same = type(error) is type(self.first) and error.code == self.first.code
        if ids == 1 and same and not self.through:
            self.alone += 1


class _Gathered(Generic[T]):
    """What a batch's chunks brought back, matched to the ids they asked for."""

    def __init__(self, key_of: Callable[[T], str | None]) -> None:
        self._key_of = key_of
        self.found: dict[str, T] = {}
        self.missing: set[str] = set()
        self.unmatched: list[T] = []
        self.errors: dict[str, Exception] = {}
        self.unsent: list[str] = []
        self.cached: list[str] = []
        self.done = 0

    def add_cached(self, found: dict[str, T], missing: list[str], *, keep: bool) -> None:
        """Ids answered from the cache: their records, and those with none."""
        self.cached += [*found, *missing]
        self.done += len(found) + len(missing)
        if keep:
            self.found.update(found)
        else:
            self.missing.update(missing)

    def add(
        self, chunk: list[str], records: Sequence[T], *, keep: bool
    ) -> tuple[dict[str, T], list[T]]:
        """A chunk's records, each under the id it answers (else kept as unmatched)."""
        wanted = set(chunk)
        found: dict[str, T] = {}
        unmatched: list[T] = []
        for record in records:
            key = self._key_of(record)
            norm = normalize_id(key) if key else None
            if norm is not None and norm in wanted and norm not in found:
                found[norm] = record
            else:
                unmatched.append(record)
        if keep:
            self.found.update(found)
            self.unmatched.extend(unmatched)
        else:
            self.missing.update(k for k in chunk if k not in found)
        return found, unmatched

    def result(
        self,
        spellings: Sequence[str],
        keys: list[str],
        fatal: PatsnapError | None,
        *,
        keep: bool = True,
    ) -> BatchResult[T]:
        """The result; raised on the fatal error that stopped the call, or a `BatchError`.

        Without `keep`, no record was kept: the ids answered without one are those
        counted as missing (else: every id neither found, failed nor unsent)."""
        ordered = {k: self.found[k] for k in keys if k in self.found}
        errors = self.errors
        causes = {s: errors[normalize_id(s)] for s in spellings if normalize_id(s) in errors}
        result = BatchResult(
            spellings,
            ordered,
            failed=causes,
            unsent=self.unsent,
            unmatched=self.unmatched,
            missing=None if keep else self.missing,
            cached=self.cached,
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
