"""The record cache's SQLite file: its schema, and every statement run on it.

Synchronous on purpose: `RecordCache` runs these in its own thread, and the caller's
own thread may call them for the ledger. Each thread has its own connection
(`sqlite3` connections are not shared between threads); every write is one short
`BEGIN IMMEDIATE` transaction, so several processes and threads can share the file in
WAL mode, readers never waiting for writers.

The schema (`PRAGMA application_id` marks the file as ours, `user_version` is its
version)::

    scopes   one row per lookup asked in one way: the lookup (code, or name when it
             has none), the base URL and path it was sent to, the parameter its ids
             went in (`patent_number`, `patent_id`) and its other parameters as sent
             (canonical JSON); records point to it by its integer `scope`
    records  (scope, id) -> fetched (seconds since the epoch), record (the JSON the
             platform sent, or NULL: it answered with no record for that id)
    claims   (scope, id) -> owner (host/pid/token of the call sending it), expires:
             an id another call is fetching right now, waited for rather than bought
             twice
    ledger   one row per answered request: at, scope, ids it carried, records it
             returned, records billed
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Final

import attrs

from .._errors import ConfigurationError

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "Scope", "Store"]

#: `PRAGMA application_id` of a record cache: "PtSn".
APPLICATION_ID: Final = 0x5074536E
#: `PRAGMA user_version` of the schema below.
SCHEMA_VERSION: Final = 1
#: Ids a statement names at most (SQLite allows 32 766 variables; fewer is as fast).
_IN: Final = 500

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS scopes (
    scope INTEGER PRIMARY KEY,
    endpoint TEXT NOT NULL,
    host TEXT NOT NULL,
    path TEXT NOT NULL,
    by TEXT NOT NULL,
    params TEXT NOT NULL,
    UNIQUE (endpoint, host, path, by, params)
);
CREATE TABLE IF NOT EXISTS records (
    scope INTEGER NOT NULL,
    id TEXT NOT NULL,
    fetched REAL NOT NULL,
    record TEXT,
    PRIMARY KEY (scope, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS claims (
    scope INTEGER NOT NULL,
    id TEXT NOT NULL,
    owner TEXT NOT NULL,
    expires REAL NOT NULL,
    PRIMARY KEY (scope, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ledger (
    at REAL NOT NULL,
    scope INTEGER NOT NULL,
    ids INTEGER NOT NULL,
    records INTEGER NOT NULL,
    billed INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_at ON ledger (at);
"""


@attrs.frozen
class Scope:
    """What makes two records of one id the same record: one lookup asked one way.

    Attributes:
        endpoint: the lookup's code (`P014`), or its name when it has none (`batch`).
        host: the base URL it was sent to (the emulator's records are not PatSnap's).
        path: its path there.
        by: the parameter the ids went in (`patent_number`, `patent_id`).
        params: its other parameters as sent, as canonical JSON (`{"lang":"en"}`).
    """

    endpoint: str
    host: str
    path: str
    by: str
    params: str = "{}"


def _chunks(keys: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(keys), _IN):
        yield keys[start : start + _IN]


def _marks(count: int) -> str:
    return ",".join("?" * count)


class Store:
    """One SQLite file of records, a connection per thread.

    Args:
        path: the file; created (mode 0600) if absent, its folder must exist.
        timeout: seconds a statement waits for another process's write to end.

    Raises:
        ConfigurationError: the file cannot be opened, is not a SQLite database, is
            another application's, was made by a newer version, or is locked; the
            message names it.
    """

    def __init__(self, path: Path, *, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._scopes: dict[Scope, int] = {}
        with self._refusals():
            self._create_file()
            self._open()

    def _open(self) -> None:
        """Open and check the file, again while another process is opening it too.

        Two connections switching a new file to WAL at once, or one doing so while
        another checks it, may be refused at once (SQLite's way out of a deadlock, which
        waits for nothing): each tries again within `timeout`.
        """
        deadline = time.monotonic() + self.timeout
        pause = 0.005
        while True:
            try:
                self._check(self.connection())
                return
            except sqlite3.OperationalError as error:
                said = str(error)
                if ("locked" not in said and "busy" not in said) or time.monotonic() > deadline:
                    raise
            self.close()
            time.sleep(pause)
            pause = min(pause * 2, 0.1)

    @contextlib.contextmanager
    def _refusals(self) -> Iterator[None]:
        """An error of the file, as one line naming it and what to do."""
        try:
            yield
        except sqlite3.DatabaseError as error:
            self.close()
            said = str(error)
            if "locked" in said or "busy" in said:
                why = f"is locked by another process ({said}); try again once it is done"
            elif "not a database" in said or "malformed" in said:
                why = f"is not a readable SQLite database ({said}): delete it, or give another"
            else:
                why = f"cannot be used ({said})"
            raise ConfigurationError(f"record cache {self.path} {why}") from None
        except OSError as error:
            self.close()
            raise ConfigurationError(
                f"record cache {self.path} cannot be created: {error.strerror or error}"
            ) from None

    def _create_file(self) -> None:
        """Create the file readable by its owner only: it lists the patents looked up."""
        with contextlib.suppress(FileExistsError):
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))

    def _check(self, db: sqlite3.Connection) -> None:
        """Ours, of a version we read, with its tables (created in an empty file)."""
        with self.writing(db):
            application = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if application == 0 and tables == 0:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                application, version = APPLICATION_ID, SCHEMA_VERSION
            if application != APPLICATION_ID:
                raise ConfigurationError(
                    f"record cache {self.path} is a SQLite database of another application, "
                    "not a patsnap-async record cache: give another file"
                )
            if version > SCHEMA_VERSION:
                raise ConfigurationError(
                    f"record cache {self.path} was written by a newer patsnap-async "
                    f"(schema {version}, this one reads {SCHEMA_VERSION}): upgrade, or "
                    "give another file"
                )
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on its first use."""
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(
                self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
            )
            with self._lock:
                self._connections.append(db)
            db.execute("PRAGMA journal_mode = WAL")
            # Durable at each checkpoint, not each commit: a power cut may lose the last
            # records, never the file (and the output holds them anyway).
            db.execute("PRAGMA synchronous = NORMAL")
            self._local.db = db
        return db

    @contextlib.contextmanager
    def writing(self, db: sqlite3.Connection | None = None) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (`BEGIN IMMEDIATE`), committed or undone."""
        db = db or self.connection()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        """Close every thread's connection (each then opens anew if used again)."""
        with self._lock:
            connections, self._connections = self._connections, []
        for db in connections:
            with contextlib.suppress(sqlite3.Error):
                db.close()
        self._local = threading.local()

    # --- scopes ---------------------------------------------------------------------

    def scope(self, scope: Scope, *, create: bool) -> int | None:
        """The integer naming `scope` in the file; None if absent and not `create`d."""
        number = self._scopes.get(scope)
        if number is not None:
            return number
        db = self.connection()
        values = attrs.astuple(scope)
        find = (
            "SELECT scope FROM scopes "
            "WHERE endpoint = ? AND host = ? AND path = ? AND by = ? AND params = ?"
        )
        row = db.execute(find, values).fetchone()
        if row is None and create:
            with self.writing(db):
                db.execute(
                    "INSERT OR IGNORE INTO scopes (endpoint, host, path, by, params) "
                    "VALUES (?, ?, ?, ?, ?)",
                    values,
                )
            row = db.execute(find, values).fetchone()
        if row is None:
            return None
        self._scopes[scope] = row[0]
        return int(row[0])

    # --- records --------------------------------------------------------------------

    def read(
        self,
        scope: int,
        keys: Sequence[str],
        *,
        since: float,
        since_missing: float,
        db: sqlite3.Connection | None = None,
    ) -> dict[str, str | None]:
        """The fresh entries of `keys`, in their order: a record's JSON, or None for a
        known absence.

        Fresh: fetched at or after `since` (a record) or `since_missing` (an absence).
        """
        db = db or self.connection()
        found: dict[str, str | None] = {}
        for part in _chunks(keys):
            rows = db.execute(
                f"SELECT id, record FROM records WHERE scope = ? AND id IN ({_marks(len(part))}) "
                "AND fetched >= CASE WHEN record IS NULL THEN ? ELSE ? END",
                (scope, *part, since_missing, since),
            )
            found.update(rows.fetchall())
        return {key: found[key] for key in keys if key in found}  # in the order asked

    def put(
        self,
        scope: int,
        records: Mapping[str, str],
        missing: Iterable[str],
        *,
        at: float,
        counts: tuple[int, int, int],
        owner: str,
        sent: Sequence[str] = (),
    ) -> None:
        """Store one answer: its records, the ids it had none for, its ledger row
        (`counts`: ids sent, records returned, records billed); let go of the claims on
        them and on the other ids `sent`."""
        absent = [(scope, key, at) for key in missing]
        with self.writing() as db:
            db.executemany(
                "INSERT INTO records (scope, id, fetched, record) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (scope, id) DO UPDATE SET fetched = excluded.fetched, "
                "record = excluded.record",
                [(scope, key, at, text) for key, text in records.items()],
            )
            db.executemany(
                "INSERT INTO records (scope, id, fetched, record) VALUES (?, ?, ?, NULL) "
                "ON CONFLICT (scope, id) DO UPDATE SET fetched = excluded.fetched, "
                "record = NULL",
                absent,
            )
            db.execute(
                "INSERT INTO ledger (at, scope, ids, records, billed) VALUES (?, ?, ?, ?, ?)",
                (at, scope, *counts),
            )
            self._release(db, scope, owner, list({*records, *(k for _, k, _ in absent), *sent}))

    # --- claims ---------------------------------------------------------------------

    def claim(
        self,
        scope: int,
        keys: Sequence[str],
        *,
        since: float,
        since_missing: float,
        owner: str,
        now: float,
        expires: float,
        alive: Callable[[str], bool],
    ) -> tuple[dict[str, str | None], list[str], dict[str, str]]:
        """In one transaction: the fresh entries of `keys`, then a claim on each other
        key that no live claim of another call holds.

        Returns:
            The fresh entries (as `read`), the keys claimed, the keys held by another
            call (whose `owner` is `alive` and whose claim has not expired), each with
            that owner.
        """
        with self.writing() as db:
            found = self.read(scope, keys, since=since, since_missing=since_missing, db=db)
            rest = [key for key in keys if key not in found]
            held: dict[str, str] = {}
            for part in _chunks(rest):
                rows = db.execute(
                    f"SELECT id, owner FROM claims WHERE scope = ? AND id IN "
                    f"({_marks(len(part))}) AND owner != ? AND expires > ?",
                    (scope, *part, owner, now),
                )
                held.update((key, other) for key, other in rows if alive(other))
            claimed = [key for key in rest if key not in held]
            db.executemany(
                "INSERT INTO claims (scope, id, owner, expires) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (scope, id) DO UPDATE SET owner = excluded.owner, "
                "expires = excluded.expires",
                [(scope, key, owner, expires) for key in claimed],
            )
        return found, claimed, {key: held[key] for key in rest if key in held}

    def release(self, scope: int, owner: str, keys: Sequence[str] | None = None) -> None:
        """Let go of `owner`'s claims on `keys` (None: all of them)."""
        with self.writing() as db:
            if keys is None:
                db.execute("DELETE FROM claims WHERE scope = ? AND owner = ?", (scope, owner))
            else:
                self._release(db, scope, owner, keys)

    @staticmethod
    def _release(db: sqlite3.Connection, scope: int, owner: str, keys: Sequence[str]) -> None:
        for part in _chunks(keys):
            db.execute(
                f"DELETE FROM claims WHERE scope = ? AND owner = ? AND id IN ({_marks(len(part))})",
                (scope, owner, *part),
            )

    def entries(
        self, endpoint: str | None, host: str | None
    ) -> Iterator[tuple[str, str, str, str, str, str, float, str | None]]:
        """Every entry (of `endpoint`, sent to `host`, when given): endpoint, host,
        path, by, params, id, fetched, record; by scope, then id."""
        query = (
            "SELECT s.endpoint, s.host, s.path, s.by, s.params, r.id, r.fetched, r.record "
            "FROM records AS r JOIN scopes AS s ON s.scope = r.scope "
            "WHERE (? IS NULL OR s.endpoint = ?) AND (? IS NULL OR s.host = ?) "
            "ORDER BY r.scope, r.id"
        )
        yield from self.connection().execute(query, (endpoint, endpoint, host, host))

    # --- the ledger -----------------------------------------------------------------

    def ledger(self, start: float, end: float) -> list[tuple[str, str, str, float, int, int, int]]:
        """Each answered request in [start, end): endpoint, host, path, at, ids,
        records, billed; in the order they arrived."""
        rows = self.connection().execute(
            "SELECT s.endpoint, s.host, s.path, l.at, l.ids, l.records, l.billed "
            "FROM ledger AS l JOIN scopes AS s ON s.scope = l.scope "
            "WHERE l.at >= ? AND l.at < ? ORDER BY l.at",
            (start, end),
        )
        return rows.fetchall()
