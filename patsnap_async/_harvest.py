"""Bulk harvests to JSONL that a kill at any moment cannot corrupt, and that resume.

The command line's harvesting commands are built from the pieces here, on the SDK's
public calls only. Each record becomes one JSON line, `{"requested_id": ..., **record}`
(streams add `"index"`, the record's 0-based position in its list), written with one
`write` call per chunk of 100 ids or per record of a stream, so the file only ever
grows by complete lines. A kill can still cut one write short: a resumed run first
cuts the file back to its last newline and drops any line that is not a JSON record,
then skips everything the file already holds.

Side files sit next to the output, named after it:

- `<output>.missing`: ids the platform has no record for, one a line, appended as they
  are learnt (a resume skips them too);
- `<output>.failed`: ids that still failed after the retries, rewritten at the end of
  each run (removed when there are none), ready to be fed back as `--input`;
- `<output>.done`: sequence ids and job ids whose whole list has been written, so a
  resume does not fetch their last page again to find there is nothing after it;
- `<output>.job`: the sequence search job id, saved as soon as the job is submitted.
"""

from __future__ import annotations

import asyncio
import collections
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, TextIO

import attrs

from . import (
    MAX_IDS_PER_REQUEST,
    MAX_SEARCH_RESULTS,
    AuthenticationError,
    BatchError,
    ClientStats,
    Pager,
    PatsnapClient,
    PatsnapError,
    PermissionDeniedError,
    QuotaExceededError,
    SequenceJob,
    as_dict,
    check_id,
)

__all__ = [
    "Output",
    "Progress",
    "Tally",
    "UsageError",
    "harvest_patents",
    "harvest_search",
    "harvest_sequence_patents",
    "harvest_sequence_search",
    "read_ids",
    "summary",
]

#: The commands whose calls PatSnap documents as billed per record returned (P014/P015).
BILLED_PER_RECORD: Final = frozenset({"family", "cited-by"})
#: Sequences whose patents are drained at the same time.
PARALLEL_SEQUENCES: Final = 8
#: Seconds between two `fsync`s of a file being appended to (a kill loses nothing
#: written before it; the fsync guards against a crash of the machine).
FSYNC_INTERVAL: Final = 0.5
#: Errors that would fail every other request too: the run stops at the first one.
FATAL_ERRORS: Final = (AuthenticationError, PermissionDeniedError, QuotaExceededError)


class UsageError(Exception):
    """A problem with the command line or its input; the command exits with status 2."""


def key(value: str) -> str:
    """The form ids are compared in, as the SDK does: stripped, upper-cased."""
    return value.strip().upper()


# --- input --------------------------------------------------------------------------


def read_ids(source: str, *, stdin: TextIO | None = None) -> list[str]:
    """The ids of an input file, one a line, stripped, each once (the first spelling wins).

    Blank lines and lines starting with `#` are skipped.

    Args:
        source: a file name, or `-` for standard input.
        stdin: read instead of `sys.stdin` for `-` (for tests).

    Raises:
        UsageError: the file cannot be read, is not UTF-8 text, holds no id, or an id
            cannot be right (`check_id`: a comma, an inner space, an `&`...).
    """
    name = "standard input" if source == "-" else source
    try:
        if source == "-":
            text = (stdin or sys.stdin).read()
        else:
            text = Path(source).read_text(encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot read {name}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise UsageError(f"cannot read {name}: it is not UTF-8 text") from None
    first: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        value = line.strip()
        if not value or value.startswith("#"):
            continue
        try:
            check_id(value, "the id")
        except ValueError as error:
            raise UsageError(f"{name}, line {number}: {error}") from None
        first.setdefault(key(value), value)
    if not first:
        raise UsageError(f"no ids in {name} (only blank lines and # comments)")
    return list(first.values())


# --- output -------------------------------------------------------------------------


class _Appender:
    """An append-only file written with one `os.write` per call, fsynced now and then."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._synced = 0.0

    def append(self, data: bytes) -> None:
        if not data:
            return
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        view = memoryview(data)
        while view:  # a regular file takes it all at once, barring a full disk
            view = view[os.write(self._fd, view) :]
        now = time.monotonic()
        if now - self._synced >= FSYNC_INTERVAL:
            self._synced = now
            os.fsync(self._fd)

    def close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


class IdFile:
    """A side file of ids, one a line, appended to as ids settle.

    Attributes:
        keys: the ids it holds (compared stripped and upper-cased).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.keys: set[str] = set()
        self._file = _Appender(path)

    def load(self) -> None:
        """Read the ids already in the file, first cutting off a torn last line."""
        if not self.path.exists():
            return
        data = self.path.read_bytes()
        end = data.rfind(b"\n") + 1
        if end < len(data):
            os.truncate(self.path, end)
        text = data[:end].decode("utf-8", "replace")
        self.keys.update(key(line) for line in text.splitlines() if line.strip())

    def add(self, ids: Iterable[str]) -> None:
        """Append ids, in one write."""
        ids = list(ids)
        self.keys.update(key(i) for i in ids)
        self._file.append("".join(f"{i}\n" for i in ids).encode())

    def __contains__(self, value: object) -> bool:
        return isinstance(value, str) and key(value) in self.keys

    def close(self) -> None:
        self._file.close()


class Output:
    """The JSONL output of one harvest and its side files.

    Attributes:
        path: the JSONL file.
        records: how many complete record lines the file already held per requested id
            (its key), before this run.
        dropped: torn or unparsable lines removed from the file when resuming.
        missing: `<output>.missing`.
        done: `<output>.done`.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.records: collections.Counter[str] = collections.Counter()
        self.dropped = 0
        self.missing = IdFile(self._side("missing"))
        self.done = IdFile(self._side("done"))
        self.failed_path = self._side("failed")
        self.job_path = self._side("job")
        self._file = _Appender(path)

    def _side(self, suffix: str) -> Path:
        return self.path.with_name(f"{self.path.name}.{suffix}")

    @classmethod
    def open(cls, name: str, *, resume: bool, overwrite: bool = False) -> Output:
        """Open the output for a run: resume it, or start it afresh.

        Args:
            name: the output file.
            resume: keep what the file and its side files hold, after repairing a torn
                end; the run then skips it all.
            overwrite: start afresh even if the file holds records.

        Raises:
            UsageError: the path is a directory or cannot be written, or it holds
                records and neither `resume` nor `overwrite` is given.
        """
        output = cls(Path(name))
        path = output.path
        if path.is_dir():
            raise UsageError(f"output {name} is a directory")
        if resume:
            output._repair()
            output.missing.load()
            output.done.load()
        else:
            if path.exists() and path.stat().st_size > 0 and not overwrite:
                raise UsageError(
                    f"output {name} already holds records: add --resume to continue that "
                    "harvest, or remove the file to start again"
                )
            for side in (output.missing.path, output.done.path, output.failed_path):
                side.unlink(missing_ok=True)
            output.job_path.unlink(missing_ok=True)
        try:
            # Created now, so that an unwritable path is a usage error, not a late crash.
            with open(path, "w" if not resume else "a", encoding="utf-8"):
                pass
        except OSError as error:
            raise UsageError(f"cannot write {name}: {error.strerror or error}") from None
        return output

    def _repair(self) -> None:
        """Cut a torn last line, drop lines that are not records, and count the rest."""
        if not self.path.is_file():
            return
        kept_bytes, bad, torn = 0, 0, False
        with open(self.path, "rb") as file:
            for line in file:
                if not line.endswith(b"\n"):
                    torn = True
                    break
                requested = _requested_id(line)
                if requested is None:
                    bad += 1
                    continue
                self.records[key(requested)] += 1
                kept_bytes += len(line)
        self.dropped = bad + torn
        if bad:
            # Rewrite the good lines beside the file, then swap: a kill meanwhile leaves
            # the old file in place.
            spare = self._side("repair")
            with open(self.path, "rb") as source, open(spare, "wb") as target:
                for line in source:
                    if line.endswith(b"\n") and _requested_id(line) is not None:
                        target.write(line)
                target.flush()
                os.fsync(target.fileno())
            os.replace(spare, self.path)
        elif torn:
            os.truncate(self.path, kept_bytes)

    def write(self, lines: Sequence[Mapping[str, Any]]) -> None:
        """Append records, one JSON line each, in one write."""
        self._file.append(
            "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode()
        )

    def write_failed(self, ids: Sequence[str]) -> None:
        """Replace `<output>.failed` with these ids, or remove it when there are none."""
        if not ids:
            self.failed_path.unlink(missing_ok=True)
            return
        _replace(self.failed_path, "".join(f"{i}\n" for i in ids))

    def read_job(self) -> str | None:
        """The job id saved in `<output>.job`, if any."""
        try:
            job_id = self.job_path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return job_id or None

    def save_job(self, job_id: str) -> None:
        """Save the job id in `<output>.job`, durably, before anything else is fetched."""
        _replace(self.job_path, f"{job_id}\n")

    def close(self) -> None:
        """Flush everything to disk and close the files."""
        self._file.close()
        self.missing.close()
        self.done.close()


def _requested_id(line: bytes) -> str | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    requested = record.get("requested_id") if isinstance(record, dict) else None
    return requested if isinstance(requested, str) else None


def _replace(path: Path, text: str) -> None:
    spare = path.with_name(f"{path.name}.tmp")
    with open(spare, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    os.replace(spare, path)


# --- progress and summary -----------------------------------------------------------


class Progress:
    """One line on a terminal, redrawn in place: `family  12345/20000 ids  61.7/s  ETA 2m07s`.

    Args:
        label: the command.
        unit: what is counted (`ids`, `results`, ...).
        enabled: draw at all (the CLI passes False with `--quiet` or when stderr is not
            a terminal).
        stream: where to draw. Default: `sys.stderr`.
        clock: monotonic seconds; injectable for tests.
    """

    def __init__(
        self,
        label: str,
        unit: str,
        *,
        enabled: bool,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.unit = unit
        self.enabled = enabled
        self.total: int | None = None
        self.done = 0
        self.records = 0
        self._stream = stream
        self._clock = clock
        self._started = clock()
        self._first = 0
        self._drawn_at = -1.0
        self._width = 0

    def start(self, *, done: int, total: int | None) -> None:
        """Begin counting from `done` (what an earlier run did) out of `total`."""
        self.done = self._first = done
        self.total = total
        self._started = self._clock()
        self._draw(force=True)

    def advance(self, done: int = 0, *, records: int = 0) -> None:
        """Count `done` more units and `records` more records; redraw now and then."""
        self.done += done
        self.records += records
        self._draw()

    def render(self) -> str:
        """The progress line, without the carriage return."""
        count = f"{self.done}/{self.total}" if self.total is not None else f"{self.done}"
        parts = [self.label, f"{count} {self.unit}"]
        if self.records and self.unit != "records":
            parts.append(f"{self.records} records")
        elapsed = self._clock() - self._started
        rate = (self.done - self._first) / elapsed if elapsed > 0 else 0.0
        parts.append(f"{rate:.1f}/s")
        if self.total is not None:
            left = self.total - self.done
            parts.append(f"ETA {_duration(left / rate)}" if rate > 0 else "ETA ?")
        return "  ".join(parts)

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled and self._drawn_at >= 0:
            self._draw(force=True)
            print(file=self._out, flush=True)

    @property
    def _out(self) -> TextIO:
        return self._stream or sys.stderr

    def _draw(self, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = self._clock()
        if not force and now - self._drawn_at < 0.1:
            return
        self._drawn_at = now
        text = self.render()
        padding = " " * max(0, self._width - len(text))
        self._width = len(text)
        self._out.write(f"\r{text}{padding}")
        self._out.flush()


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


@attrs.define
class Tally:
    """What one run did.

    Attributes:
        written: record lines written by this run.
        missing: ids found to have no record, by this run.
        failed: ids that failed after the retries, or were not tried because the run
            stopped, as spelled in the input.
        skipped: ids (or records, for a search) already done before this run.
        stopped: the error that ended the run early, if any.
        notes: extra lines for the summary.
    """

    written: int = 0
    missing: int = 0
    failed: list[str] = attrs.Factory(list)
    skipped: int = 0
    stopped: PatsnapError | None = None
    notes: list[str] = attrs.Factory(list)

    @property
    def exit_code(self) -> int:
        """0 when everything was harvested, 1 when some ids failed or the run stopped."""
        return 1 if self.failed or self.stopped is not None else 0


def summary(command: str, tally: Tally, output: Output, stats: ClientStats, elapsed: float) -> str:
    """The lines printed at the end of a run."""
    rows = [
        ("records written", tally.written, str(output.path)),
        ("missing", tally.missing, str(output.missing.path) if output.missing.keys else ""),
        ("failed", len(tally.failed), str(output.failed_path) if tally.failed else ""),
    ]
    if tally.skipped:
        rows.append(("already done", tally.skipped, "skipped"))
    rows += [
        (
            "HTTP requests",
            stats.requests,
            f"({stats.retries} retries, {stats.rate_limited} rate-limited, "
            f"{stats.token_requests} token)",
        ),
    ]
    if command in BILLED_PER_RECORD:
        rows.append(("billed results", stats.billed_results, ""))
    lines = [f"{command}: {'stopped' if tally.stopped else 'done'} in {_elapsed(elapsed)}"]
    lines += [f"  {name:<16}{count:>8}  {note}".rstrip() for name, count, note in rows]
    if output.dropped:
        lines.append(f"  dropped {output.dropped} torn or unreadable line(s) from the output")
    lines += [f"  {note}" for note in tally.notes]
    return "\n".join(lines)


def _elapsed(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds < 60 else _duration(seconds)


# --- harvests -----------------------------------------------------------------------


async def harvest_patents(
    client: PatsnapClient,
    output: Output,
    ids: Sequence[str],
    *,
    cited_by: bool = False,
    patent_ids: bool = False,
    progress: Progress,
    concurrency: int | None = None,
) -> Tally:
    """Families (or forward citations) of every id not yet in the output.

    The ids go 100 per call of `client.patents.family` / `cited_by`, with up to
    `concurrency` calls in flight, and each call's records are written as soon as it
    returns. Ids the platform does not know go to `<output>.missing` at once; ids whose
    call failed after the retries are returned in `Tally.failed`.

    Args:
        ids: unique ids, as spelled in the input.
        cited_by: forward citations (P015) instead of families (P014).
        patent_ids: the ids are PatSnap patent ids, not publication numbers.
        concurrency: calls in flight at most. None: the client's `max_concurrency`.
    """
    settled = output.records.keys() | output.missing.keys
    todo = [i for i in ids if key(i) not in settled]
    tally = Tally(skipped=len(ids) - len(todo))
    progress.start(done=tally.skipped, total=len(ids))
    size = MAX_IDS_PER_REQUEST
    all_chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    chunks = iter(all_chunks)
    lookup = client.patents.cited_by if cited_by else client.patents.family

    async def worker() -> None:
        while tally.stopped is None:
            chunk = next(chunks, None)
            if chunk is None:
                return
            try:
                result = await (lookup(patent_ids=chunk) if patent_ids else lookup(chunk))
            except BatchError as error:
                result = error.result
                fatal = [e for e in error.errors.values() if isinstance(e, FATAL_ERRORS)]
                if fatal and tally.stopped is None:
                    tally.stopped = fatal[0]
            output.write([{"requested_id": i, **as_dict(result[i])} for i in result])
            output.missing.add(result.missing)
            tally.written += len(result)
            tally.missing += len(result.missing)
            tally.failed += result.failed
            progress.advance(len(chunk))
            # Written: let the records go before waiting for the next chunk. Hundreds of
            # idle workers each holding their last answer keep the garbage collector
            # busy enough to stall the event loop (and the pacer) for whole seconds.
            del result

    workers = min(concurrency or client.max_concurrency, len(all_chunks))
    async with asyncio.TaskGroup() as group:
        for _ in range(workers):
            group.create_task(worker())
    # After a fatal error the chunks never sent are failed too, ready to be fed back.
    tally.failed += [i for chunk in chunks for i in chunk]
    return tally


async def harvest_sequence_patents(
    client: PatsnapClient,
    output: Output,
    seq_ids: Sequence[str],
    *,
    progress: Progress,
    parallel: int = PARALLEL_SEQUENCES,
) -> Tally:
    """Every patent of every sequence not yet complete in the output.

    A sequence whose list was cut short resumes after the patents already written
    (`iter_patents(start=...)`). A sequence with no patent goes to `<output>.missing`,
    a complete one to `<output>.done`.

    Args:
        seq_ids: unique sequence ids, as spelled in the input.
        parallel: sequences drained at the same time.
    """
    todo = [s for s in seq_ids if s not in output.done and s not in output.missing]
    tally = Tally(skipped=len(seq_ids) - len(todo))
    progress.start(done=tally.skipped, total=len(seq_ids))
    pending = iter(todo)

    async def drain(seq_id: str) -> None:
        start = output.records[key(seq_id)]
        try:
            patents = client.sequences.iter_patents(seq_id, start=start)
            index = await _write_list(
                output, tally, seq_id, patents, start, lambda: progress.advance(records=1)
            )
        except PatsnapError as error:
            tally.failed.append(seq_id)
            if isinstance(error, FATAL_ERRORS) and tally.stopped is None:
                tally.stopped = error
            return
        if index == 0:
            output.missing.add([seq_id])
            tally.missing += 1
        else:
            output.done.add([seq_id])

    async def worker() -> None:
        while tally.stopped is None:
            seq_id = next(pending, None)
            if seq_id is None:
                return
            await drain(seq_id)
            progress.advance(1)

    async with asyncio.TaskGroup() as group:
        for _ in range(min(parallel, len(todo))):
            group.create_task(worker())
    tally.failed += list(pending)
    return tally


async def harvest_search(
    client: PatsnapClient,
    output: Output,
    query: str,
    *,
    max_results: int | None,
    page_size: int,
    progress: Progress,
) -> Tally:
    """Every result of a query, from the first one not yet in the output.

    Raises:
        UsageError: `max_results` or `page_size` out of the platform's bounds.
    """
    start = output.records[key(query)]
    tally = Tally(skipped=start)
    cap = min(max_results or MAX_SEARCH_RESULTS, MAX_SEARCH_RESULTS)
    progress.start(done=start, total=cap if start >= cap else None)
    try:
        results = client.search.iter_query(
            query, max_results=max_results, page_size=page_size, start=start
        )
    except (ValueError, TypeError) as error:
        raise UsageError(str(error)) from None

    def advance() -> None:
        if progress.total is None and results.total is not None:
            progress.total = min(results.total, cap)
        progress.advance(1)

    try:
        await _write_list(output, tally, query, results, start, advance)
    except PatsnapError as error:
        tally.stopped = error
    if results.truncated:
        tally.notes.append(
            f"the query matches {results.total} patents; the platform serves only the "
            f"first {MAX_SEARCH_RESULTS}: narrow it (e.g. by date) to reach the rest"
        )
    return tally


async def harvest_sequence_search(
    client: PatsnapClient,
    output: Output,
    submit: Callable[[], Awaitable[SequenceJob]],
    *,
    expand_patents: bool,
    poll_interval: float,
    wait_timeout: float | None,
    progress: Progress,
) -> Tally:
    """Submit a sequence search (or reuse the saved job), wait for it, write every hit.

    The job id is saved in `<output>.job` right after the submission; a resumed run
    reuses it and continues after the hits already written.

    Args:
        submit: submits the job (`client.sequences.submit(...)` or `submit_motif`).
        expand_patents: fetch the full patent list of hits with more than 100.
        poll_interval: seconds between two status calls.
        wait_timeout: seconds to wait for the job at most; None: for ever.

    Raises:
        UsageError: the submission's arguments are bad, or the output holds hits but
            no saved job id.
    """
    tally = Tally()
    job_id = output.read_job()
    if job_id is None:
        if output.records:
            raise UsageError(
                f"{output.path} holds hits but {output.job_path} holds no job id to resume"
            )
        try:
            job = await submit()
        except PatsnapError as error:
            tally.stopped = error
            return tally
        except (ValueError, TypeError) as error:
            raise UsageError(str(error)) from None
        assert job.job_id is not None  # the SDK raises when the platform gives none
        job_id = job.job_id
        output.save_job(job_id)
    start = output.records[key(job_id)]
    tally.skipped = start
    progress.start(done=start, total=start if job_id in output.done else None)
    if job_id in output.done:
        return tally
    try:
        await client.sequences.wait(job_id, poll_interval=poll_interval, timeout=wait_timeout)
        hits = client.sequences.iter_results(job_id, expand_patents=expand_patents, start=start)
        await _write_list(output, tally, job_id, hits, start, lambda: progress.advance(1))
    except PatsnapError as error:
        tally.stopped = error
        return tally
    output.done.add([job_id])
    return tally


async def _write_list(
    output: Output,
    tally: Tally,
    requested_id: str,
    items: Pager[Any],
    start: int,
    advance: Callable[[], object],
) -> int:
    """Write a list's items as they arrive, numbered from `start`; return the next index.

    The list is closed however this ends, so no page request is left in flight.
    """
    index = start
    async with items:
        async for item in items:
            output.write([{"requested_id": requested_id, "index": index, **as_dict(item)}])
            index += 1
            tally.written += 1
            advance()
    return index
