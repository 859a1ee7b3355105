"""`RecordCache`: lookups' records in a SQLite file, and one lookup call's view of it.

The batch engine asks a call's view (`CallCache`) for the ids it already has, claims
the ids it is about to send, and stores each answer as it arrives. Every SQLite
statement runs in the cache's own thread (one connection there), never on the event
loop. A failure of the file mid-run (a full disk, a lock held too long) never fails a
lookup: the cache warns once and stays out of the way for `RETRY_AFTER` seconds, the
records fetched meanwhile being returned (and written by the harvester) all the same.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
import functools
import json
import logging
import math
import os
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Coroutine, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar, cast

import attrs

from .._errors import ConfigurationError
from ._freshness import Freshness
from ._store import Scope, Store

__all__ = ["DEFAULT_CLAIM_TTL", "Billed", "CallCache", "Claim", "Entry", "RecordCache"]

log = logging.getLogger("patsnap_async")

T = TypeVar("T")

#: Seconds a claim on an id holds before another call may send it too: longer than
#: a request takes, retries included, in all but the worst cases.
DEFAULT_CLAIM_TTL: Final = 120.0
#: Seconds a cache that failed stays out of the way before it is tried again.
RETRY_AFTER: Final = 300.0
#: Seconds between two looks at ids another call is fetching: first, and at most.
_PAUSES: Final = (0.05, 1.0)
#: Seconds of waiting for ids another call is fetching before saying so (once).
_TELL_AFTER: Final = 3.0
_HOST: Final = socket.gethostname()
_UNSET: Any = object()
_SKIPPED: Any = object()
#: The failures of the file that a lookup goes on without (`RecordCache._run`).
_ERRORS: Final = (sqlite3.Error, OSError, ConfigurationError, RuntimeError)
#: A maximum age: seconds or a `timedelta`, for every lookup or by code or name.
MaxAge = float | datetime.timedelta | Mapping[str, float | datetime.timedelta]


def _alive(owner: str) -> bool:
    """Whether the process that made a claim (`pid@host/token`) may still be running.

    Only a process of this host is known dead (it is gone); another host's claim lives
    until it expires.
    """
    pid, _, rest = owner.partition("@")
    host = rest.rpartition("/")[0]
    if host != _HOST or not pid.isdigit() or os.name == "nt":
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


@attrs.frozen
class Billed:
    """What this machine's cache recorded as answered and billed, for one lookup.

    Attributes:
        endpoint: the lookup's code (`P014`), or its name when it has none.
        host: the base URL the requests went to.
        path: the lookup's path there.
        day: the day (in the time zone asked for), when counted by day; else None.
        requests: requests answered (each answer stored in the cache).
        ids: ids those requests carried.
        records: records they returned.
        billed: records billed (the records of a lookup billed per record).
    """

    endpoint: str
    host: str
    path: str
    day: datetime.date | None
    requests: int
    ids: int
    records: int
    billed: int


@attrs.frozen
class Entry:
    """One record the cache holds, or one id it knows the platform had no record for.

    Attributes:
        endpoint: the lookup's code (`P014`), or its name when it has none.
        host: the base URL it was fetched from.
        path: the lookup's path there.
        by: the parameter the id went in (`patent_number`, `patent_id`).
        params: the lookup's other parameters, as sent.
        id: the id asked for, stripped and upper-cased.
        fetched: when, in seconds since the epoch.
        record: the record as the platform sent it; None: it had none for this id.
    """

    endpoint: str
    host: str
    path: str
    by: str
    params: Mapping[str, Any]
    id: str
    fetched: float
    record: dict[str, Any] | None


@attrs.frozen
class Claim:
    """What claiming ids found: entries stored meanwhile, ids now ours, ids held by
    another call (to wait for)."""

    found: dict[str, Any]
    claimed: list[str]
    held: list[str]
    #: The calls holding them (`pid@host/token`).
    holders: frozenset[str] = frozenset()


class _Shared:
    """What a cache and its `with_options` copies share: the file, the thread, the health."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.executor: concurrent.futures.ThreadPoolExecutor | None = None
        self.lock = threading.Lock()
        self.failures = 0
        self.error: BaseException | None = None
        self.off_until = 0.0
        self.warned = False
        self.closed = False

    def thread(self) -> concurrent.futures.ThreadPoolExecutor:
        with self.lock:
            if self.executor is None:
                self.executor = concurrent.futures.ThreadPoolExecutor(
                    1, thread_name_prefix="patsnap-async-cache"
                )
            return self.executor


class RecordCache:
    """Records of lookups in a SQLite file, shared by processes and threads.

    Keyed by the lookup (its code), the base URL and path it was sent to, the kind of
    id asked with (`patent_number` or `patent_id`), the other parameters sent, and
    the id (stripped, upper-cased). Each entry holds the record as the platform sent
    it (JSON), or that the platform answered with no record for that id, and when it
    was fetched. Records stay fresh for `max_age` (by default, per lookup:
    `patsnap_async.cache.MAX_AGES`); an absence for a day at most.

    Give it to a client (`PatsnapClient(cache=RecordCache("records.sqlite3"))`): every
    lookup is then answered from it where it can, and only the rest is sent.

    Args:
        path: the file; created (readable by its owner only) if absent. Its folder
            must exist.
        max_age: None: each lookup's age in `MAX_AGES`. Seconds or a `timedelta`:
            every lookup's. A mapping: by code or name (`{"P013": 3600}`), the rest
            as the table says.
        refresh: read nothing fetched before each call began, and store what it
            fetches: a fresh copy, still shared with a concurrent run.
        claim_ttl: seconds a call's claim on the ids it is sending holds; another call
            (this process's or another's) asking for them meanwhile waits for their
            records rather than buying them again. A process that died lets go of its
            claims at once on this host, after `claim_ttl` on another.
        timeout: seconds a statement waits for another process's write.
        clock: seconds since the epoch (`time.time`); a test's own clock.

    Raises:
        ConfigurationError: a bad setting, or a file that cannot be used: not a SQLite
            database, another application's, locked, or in a folder that does not
            exist; the message names the file. The file is opened and checked here, in
            the caller's thread (milliseconds; up to `timeout` while another process
            holds it), so that a cache that cannot be used is refused before anything
            is sent; lookups then use it from its own thread only.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        max_age: MaxAge | None = None,
        refresh: bool = False,
        claim_ttl: float = DEFAULT_CLAIM_TTL,
        timeout: float = 5.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not isinstance(path, str | os.PathLike) or not os.fspath(path):
            raise ConfigurationError(f"path must be a file name, got {path!r}")
        self._freshness = Freshness(max_age)
        self.refresh = _flag("refresh", refresh)
        self.claim_ttl = _positive("claim_ttl", claim_ttl)
        timeout = _positive("timeout", timeout)
        if not callable(clock):
            raise ConfigurationError(f"clock must be a function, got {clock!r}")
        self.clock = clock
        self.path = Path(os.path.abspath(os.fspath(path)))
        self._copy = False
        self._shared = _Shared(Store(self.path, timeout=timeout))

    def __repr__(self) -> str:
        refresh = " refresh" if self.refresh else ""
        return f"<RecordCache {self.path} max_age={self._freshness!r}{refresh}>"

    def max_age(self, endpoint: str) -> float:
        """Seconds a record of the lookup `endpoint` (a code or a name) stays fresh."""
        return self._freshness.of(endpoint, endpoint)

    def with_options(
        self,
        *,
        max_age: MaxAge | None = _UNSET,
        refresh: bool | None = None,
    ) -> RecordCache:
        """This cache with other freshness, sharing its file, thread and health.

        `client.with_options(cache=cache.with_options(refresh=True))` fetches afresh
        for some calls. Closing the copy closes nothing.
        """
        other = object.__new__(RecordCache)
        other.__dict__.update(self.__dict__)
        if max_age is not _UNSET:
            other._freshness = Freshness(max_age)
        if refresh is not None:
            other.refresh = _flag("refresh", refresh)
        other._copy = True
        return other

    @property
    def failures(self) -> int:
        """Operations on the file that failed (each then went without the cache)."""
        return self._shared.failures

    @property
    def error(self) -> BaseException | None:
        """The last error of the file, if any operation failed."""
        return self._shared.error

    def call(self, scope: Scope, *, name: str = "") -> CallCache:
        """One lookup call's view: its scope, freshness and claims (the batch engine's)."""
        return CallCache(self, scope, name)

    def billed(
        self,
        start: datetime.date | datetime.datetime,
        end: datetime.date | datetime.datetime,
        *,
        tz: datetime.tzinfo = datetime.UTC,
        by_day: bool = False,
        host: str | None = None,
    ) -> list[Billed]:
        """What this machine's cache recorded as answered and billed from `start` to
        `end`, per lookup (and per day with `by_day`).

        Every answer a lookup stored in this file is in its ledger, kept when its
        records are refreshed or expire: the requests, the ids they carried, the
        records returned and the records billed. Compare it with the platform's
        statement of account. Answers of lookups run without this cache are not in it.

        Args:
            start: the first day (a `date`), or the moment from which (a `datetime`).
            end: the last day, included (a `date`), or the moment before which.
            tz: the time zone of dates and naive datetimes (PatSnap's statement
                counts days in China Standard Time: pass
                `zoneinfo.ZoneInfo("Asia/Shanghai")` to match it). Default UTC.
            by_day: one `Billed` per lookup and day, instead of per lookup.
            host: only requests sent to this base URL (e.g. PatSnap's, not the
                emulator's). None: every host.

        Returns:
            `Billed` rows sorted by day, endpoint, host and path.
        """
        since, until = _moment(start, tz, end=False), _moment(end, tz, end=True)
        rows = self._shared.store.ledger(since, until)
        totals: dict[tuple[Any, ...], list[int]] = {}
        for endpoint, base, path, at, ids, records, billed in rows:
            if host is not None and base != host.rstrip("/"):
                continue
            day = datetime.datetime.fromtimestamp(at, tz).date() if by_day else None
            counts = totals.setdefault((day, endpoint, base, path), [0, 0, 0, 0])
            for index, value in enumerate((1, ids, records, billed)):
                counts[index] += value
        order = sorted(totals, key=lambda k: (k[0] or datetime.date.min, *k[1:]))
        return [Billed(k[1], k[2], k[3], k[0], *totals[k]) for k in order]

    def entries(self, endpoint: str | None = None, *, host: str | None = None) -> Iterator[Entry]:
        """Every entry of the file, fresh or not, as `Entry`s: by lookup, then by id.

        Read in the caller's thread, a row at a time (a million records take the memory
        of one). To flatten them, or to see what a lookup holds.

        Args:
            endpoint: only this lookup's (its code, or its name when it has none).
            host: only those fetched from this base URL.
        """
        base = None if host is None else host.rstrip("/")
        for name, source, path, by, params, key, fetched, text in self._shared.store.entries(
            endpoint, base
        ):
            record = None if text is None else json.loads(text)
            yield Entry(name, source, path, by, json.loads(params), key, fetched, record)

    def close(self) -> None:
        """Close the file (a copy from `with_options` closes nothing)."""
        if getattr(self, "_copy", False):
            return
        shared = self._shared
        shared.closed = True
        with shared.lock:
            executor, shared.executor = shared.executor, None
        if executor is not None:
            executor.shutdown(wait=True)
        shared.store.close()

    def __enter__(self) -> RecordCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- for CallCache --------------------------------------------------------------

    async def _run(self, what: str, fallback: T, function: Callable[..., T], *args: Any) -> T:
        """`function(*args)` in the cache's thread; on a failure of the file, `fallback`.

        The health is looked at again in the thread, as the operation's turn comes:
        once one has failed, those queued behind it return their fallback at once
        rather than each waiting for the lock in turn.
        """
        shared = self._shared
        if shared.closed or time.monotonic() < shared.off_until:
            return fallback
        loop = asyncio.get_running_loop()
        attempt = functools.partial(_attempt, shared, function, *args)
        try:
            result = await loop.run_in_executor(shared.thread(), attempt)
        except _ERRORS as error:
            self._failed(what, error)
            return fallback
        return fallback if result is _SKIPPED else cast(T, result)

    def _failed(self, what: str, error: BaseException) -> None:
        shared = self._shared
        shared.failures += 1
        shared.error = error
        shared.off_until = max(shared.off_until, time.monotonic() + RETRY_AFTER)
        if shared.warned:
            log.debug("record cache %s: %s failed: %s", self.path, what, error)
            return
        shared.warned = True
        log.warning(
            "record cache %s failed (%s while %s): lookups go on without it for %.0f s; "
            "records fetched meanwhile are returned but not stored",
            self.path, error, what, RETRY_AFTER,
        )  # fmt: skip


class CallCache:
    """One lookup call's view of a `RecordCache`: its scope, its freshness, its claims.

    Every method runs in the cache's thread and, should the file fail, answers as an
    empty cache would (nothing found, everything claimed, nothing stored).
    """

    def __init__(self, cache: RecordCache, scope: Scope, name: str) -> None:
        self.cache = cache
        self.scope = scope
        self.owner = f"{os.getpid()}@{_HOST}/{uuid.uuid4().hex[:12]}"
        self.started = cache.clock()
        freshness = cache._freshness
        self.max_age = freshness.of(scope.endpoint, name)
        self.missing_max_age = freshness.of_missing(scope.endpoint, name)
        self._number: int | None = None
        self._claimed = False
        self._pause = _PAUSES[0]
        self._waiting_since: float | None = None
        self._told = False
        #: Answers being stored, and claims being let go, in the background.
        self._writes: set[asyncio.Future[None]] = set()

    @property
    def _store(self) -> Store:
        return self.cache._shared.store

    def _since(self) -> tuple[float, float]:
        """Entries fetched before these (a record's, an absence's) are stale.

        An entry fetched after this call began is fresh for it, whatever the maximum
        age (`--max-age 0`): what a concurrent call fetched while this one waited for
        its claims is not bought again.
        """
        began = math.nextafter(self.started, math.inf)
        if self.cache.refresh:  # only what was fetched after this call began
            return began, began
        now = self.cache.clock()
        return min(now - self.max_age, began), min(now - self.missing_max_age, began)

    def _scope(self, create: bool) -> int | None:
        if self._number is None:
            self._number = self._store.scope(self.scope, create=create)
        return self._number

    async def read(self, keys: Sequence[str]) -> dict[str, Any]:
        """The fresh entries of `keys`: each a record (a dict), or None for an id the
        platform had no record for."""
        if not keys or self.cache.refresh:
            return {}
        return await self.cache._run("reading", {}, self._read, keys)

    def _read(self, keys: Sequence[str]) -> dict[str, Any]:
        number = self._scope(create=False)
        if number is None:
            return {}
        since, since_missing = self._since()
        found = self._store.read(number, keys, since=since, since_missing=since_missing)
        return _decoded(found)

    async def claim(self, keys: Sequence[str]) -> Claim:
        """The fresh entries of `keys` stored meanwhile, and a claim on the others that
        no other call is fetching."""
        fallback = Claim({}, list(keys), [])
        return await self.cache._run("claiming", fallback, self._claim, keys)

    def _claim(self, keys: Sequence[str]) -> Claim:
        number = self._scope(create=True)
        assert number is not None
        since, since_missing = self._since()
        now = self.cache.clock()
        found, claimed, held = self._store.claim(
            number, keys, since=since, since_missing=since_missing, owner=self.owner,
            now=now, expires=now + self.cache.claim_ttl, alive=_alive,
        )  # fmt: skip
        self._claimed = self._claimed or bool(claimed)
        return Claim(_decoded(found), claimed, list(held), frozenset(held.values()))

    def put(
        self,
        records: Mapping[str, Any],
        missing: Iterable[str],
        counts: tuple[int, int, int],
        sent: Sequence[str] = (),
    ) -> None:
        """Store one answer, in the background (`settle` waits for it): its records by
        id, the ids it had none for, and its ledger row (`counts`: ids sent, records
        returned, records billed); the claims on the ids `sent` are let go.

        The caller has the records at once, whatever the file is doing (a lock held by
        another program, a slow disk): storing them never holds them back.
        """
        args = (records, list(missing), counts, sent)
        self._later(self.cache._run("writing", None, self._put, *args))

    def _put(
        self,
        records: Mapping[str, Any],
        missing: list[str],
        counts: tuple[int, int, int],
        sent: Sequence[str],
    ) -> None:
        number = self._scope(create=True)
        assert number is not None
        texts = {key: json.dumps(record, ensure_ascii=False, separators=(",", ":"))
                 for key, record in records.items()}  # fmt: skip
        self._store.put(number, texts, missing, at=self.cache.clock(), counts=counts,
                        owner=self.owner, sent=sent)  # fmt: skip

    def release_soon(self, keys: Sequence[str]) -> None:
        """Let go of this call's claims on `keys`, in the background, after the answers
        stored before."""
        if self._claimed and self._number is not None:
            self._later(self.release(keys))

    async def release(self, keys: Sequence[str] | None = None) -> None:
        """Let go of this call's claims on `keys` (None: all of them)."""
        if not self._claimed or self._number is None:
            return
        await self.cache._run("letting claims go", None, self._store.release, self._number,
                              self.owner, keys)  # fmt: skip

    def _later(self, operation: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(operation)
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)

    async def settle(self) -> None:
        """Wait for the answers still being stored (each was returned to the caller
        already). Bounded: a write waits for another program's lock `timeout` seconds
        at most, and once one has failed, those queued behind it return at once."""
        if self._writes:
            await asyncio.gather(*self._writes)

    async def count(self, keys: Sequence[str]) -> set[str]:
        """Which of `keys` the cache answers now (records and known absences)."""
        if not keys or self.cache.refresh:
            return set()
        return await self.cache._run("reading", set(), self._count, keys)

    def _count(self, keys: Sequence[str]) -> set[str]:
        number = self._scope(create=False)
        if number is None:
            return set()
        since, since_missing = self._since()
        return set(self._store.read(number, keys, since=since, since_missing=since_missing))

    async def pause(self, waiting: int = 0, holders: Iterable[str] = ()) -> None:
        """Wait before looking again at the `waiting` ids other calls (`holders`) are
        fetching (longer each time); once the wait has lasted `_TELL_AFTER` seconds, say
        so, once."""
        loop = asyncio.get_running_loop()
        if self._waiting_since is None:
            self._waiting_since = loop.time()
        elif not self._told and loop.time() - self._waiting_since >= _TELL_AFTER:
            self._told = True
            log.warning(
                "waiting for %d ids another run (%s) is fetching, up to %.0f min",
                waiting, _pids(holders), self.cache.claim_ttl / 60,
            )  # fmt: skip
        await asyncio.sleep(self._pause)
        self._pause = min(self._pause * 2, _PAUSES[1])


def _pids(owners: Iterable[str]) -> str:
    """`pid 123`, `pids 123, 456`, `pid 123 on other-host`: who holds the claims."""
    named = sorted({
        pid if host == _HOST else f"{pid} on {host}"
        for pid, _, rest in (owner.partition("@") for owner in owners)
        for host in [rest.rpartition("/")[0]]
    })  # fmt: skip
    return f"pid{'s' if len(named) > 1 else ''} {', '.join(named) or '?'}"


def _attempt(shared: _Shared, function: Callable[..., T], *args: Any) -> Any:
    """`function(*args)`, in the cache's thread: `_SKIPPED` while the cache is off; a
    failure turns it off at once, before the next queued operation's turn."""
    if shared.closed or time.monotonic() < shared.off_until:
        return _SKIPPED
    try:
        return function(*args)
    except _ERRORS:
        shared.off_until = time.monotonic() + RETRY_AFTER
        raise


def _decoded(found: Mapping[str, str | None]) -> dict[str, Any]:
    """Stored JSON as records; an entry that does not read as a JSON object is skipped."""
    decoded: dict[str, Any] = {}
    for key, text in found.items():
        if text is None:
            decoded[key] = None
            continue
        try:
            record = json.loads(text)
        except ValueError:
            continue
        if isinstance(record, dict):
            decoded[key] = record
    return decoded


def _moment(value: object, tz: datetime.tzinfo, *, end: bool) -> float:
    """Seconds since the epoch of a day's start (the next day's for an `end` date), or
    of a moment (naive: in `tz`)."""
    if isinstance(value, datetime.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=tz)).timestamp()
    if isinstance(value, datetime.date):
        day = value + datetime.timedelta(days=1) if end else value
        return datetime.datetime.combine(day, datetime.time(), tz).timestamp()
    raise TypeError(f"expected a date or a datetime, got {value!r}")


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ConfigurationError(f"{name} must be True or False, got {value!r}")
    return value


def _positive(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1e9:
        raise ConfigurationError(f"{name} must be a number of seconds above 0, got {value!r}")
    return float(value)
