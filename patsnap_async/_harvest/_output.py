"""The JSONL output of a harvest, its side files, its manifest and its lock."""

from __future__ import annotations

import collections
import contextlib
import fcntl
import json
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from ._input import HarvestError, key

__all__ = ["IdFile", "Output"]

#: Seconds between two `fsync`s of a file being appended to (a kill loses nothing
#: written before it; the fsync guards against a crash of the machine).
FSYNC_INTERVAL: Final = 0.5


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
        lines = data[:end].decode("utf-8", "replace").split("\n")
        self.keys.update(key(line) for line in lines if line.strip())

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
        next_index: per (requested id key, part), one past the highest `index` written.
        seen: the `patent_id`s of the lines that carry a `part` (a split search), to
            write each result once across parts.
        dropped: torn or unparsable lines removed from the file when resuming.
        missing: `<output>.missing`.
        done: `<output>.done`.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.records: collections.Counter[str] = collections.Counter()
        self.next_index: dict[tuple[str, str | None], int] = {}
        self.seen: set[str] = set()
        self.dropped = 0
        self.missing = IdFile(self.side("missing"))
        self.done = IdFile(self.side("done"))
        self.failed_path = self.side("failed")
        self.errors_path = self.side("errors")
        self.unmatched_path = self.side("unmatched")
        self.job_path = self.side("job")
        self.manifest_path = self.side("manifest.json")
        self.lock_path = self.side("lock")
        self._file = _Appender(path)
        self._unmatched = _Appender(self.unmatched_path)
        self._lock: int | None = None

    def side(self, suffix: str) -> Path:
        """The side file `<output>.<suffix>`."""
        return self.path.with_name(f"{self.path.name}.{suffix}")

    @classmethod
    def open(
        cls,
        name: str | Path,
        *,
        manifest: Mapping[str, Any],
        resume: bool,
        overwrite: bool = False,
    ) -> Output:
        """Open the output for a run: lock it, check its manifest, resume it or start afresh.

        Args:
            name: the output file.
            manifest: what produces the records (command, id kind, query, options that
                change the records), saved in `<output>.manifest.json`.
            resume: keep what the file and its side files hold, after repairing a torn
                end; the run then skips it all. Refused when the saved manifest differs.
            overwrite: start afresh even if the file holds records.

        Raises:
            HarvestError: the path is a directory or cannot be written, another process
                holds its lock, it holds records and neither `resume` nor `overwrite`
                is given, or `resume` is given and the manifest differs.
        """
        output = cls(Path(name))
        path = output.path
        if path.is_dir():
            raise HarvestError(f"output {name} is a directory")
        try:
            output._take_lock()
            if resume:
                output._check_manifest(dict(manifest))
                output._repair()
                output.missing.load()
                output.done.load()
            else:
                if path.exists() and path.stat().st_size > 0 and not overwrite:
                    raise HarvestError(
                        f"output {name} already holds records: add --resume to continue "
                        "that harvest, or remove the file to start again"
                    )
                for side in ("missing", "done", "failed", "errors", "unmatched", "job"):
                    output.side(side).unlink(missing_ok=True)
            # Created now, so that an unwritable path is a usage error, not a late crash.
            with open(path, "a" if resume else "w", encoding="utf-8"):
                pass
            _replace(output.manifest_path, json.dumps(dict(manifest), indent=1) + "\n")
        except OSError as error:
            output.close()
            raise HarvestError(f"cannot write {error.filename or name}: {error.strerror}") from None
        except HarvestError:
            output.close()
            raise
        return output

    def _take_lock(self) -> None:
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise HarvestError(
                f"output {self.path} is being written by another harvest (process {holder}, "
                f"lock {self.lock_path}): wait for it to end, or stop it"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._lock = fd

    def _check_manifest(self, manifest: dict[str, Any]) -> None:
        try:
            saved = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return  # a fresh output, or one written before manifests: adopted as it is
        except ValueError:
            raise HarvestError(f"{self.manifest_path} is not JSON: remove it to resume") from None
        if saved != manifest:
            raise HarvestError(
                f"--resume refused: {self.path} holds {describe(saved)}, but this run is "
                f"{describe(manifest)}; use another --output, or --overwrite to start again"
            )

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
                record = _record(line)
                if record is None:
                    bad += 1
                    continue
                self._count(record)
                kept_bytes += len(line)
        self.dropped = bad + torn
        if bad:
            # Rewrite the good lines beside the file, then swap: a kill meanwhile leaves
            # the old file in place.
            spare = self.side("repair")
            with open(self.path, "rb") as source, open(spare, "wb") as target:
                for line in source:
                    if line.endswith(b"\n") and _record(line) is not None:
                        target.write(line)
                target.flush()
                os.fsync(target.fileno())
            os.replace(spare, self.path)
        elif torn:
            os.truncate(self.path, kept_bytes)

    def _count(self, record: dict[str, Any]) -> None:
        requested = key(record["requested_id"])
        self.records[requested] += 1
        index, part = record.get("index"), record.get("part")
        if isinstance(index, int):
            slot = (requested, part if isinstance(part, str) else None)
            self.next_index[slot] = max(self.next_index.get(slot, 0), index + 1)
        if part is not None and isinstance(record.get("patent_id"), str):
            self.seen.add(record["patent_id"])

    def write(self, lines: Sequence[Mapping[str, Any]]) -> None:
        """Append records, one JSON line each, in one write."""
        self._file.append(_jsonl(lines))

    def write_unmatched(self, records: Sequence[Mapping[str, Any]]) -> None:
        """Append records that matched no requested id to `<output>.unmatched`."""
        self._unmatched.append(_jsonl(records))

    def write_failed(self, ids: Sequence[str], errors: Sequence[Mapping[str, Any]]) -> None:
        """Replace `<output>.failed` and `<output>.errors`, or remove them when empty."""
        for path, text in (
            (self.failed_path, "".join(f"{i}\n" for i in ids)),
            (self.errors_path, _jsonl(errors).decode()),
        ):
            if text:
                _replace(path, text)
            else:
                path.unlink(missing_ok=True)

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
        """Flush everything to disk, close the files and let the lock go."""
        try:
            self._file.close()
            self._unmatched.close()
            self.missing.close()
            self.done.close()
        finally:
            fd, self._lock = self._lock, None
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
                os.close(fd)  # closing the file lets the lock go


def describe(manifest: Mapping[str, Any]) -> str:
    """A manifest in words: `family of patent numbers`, `search "q" (split by PBD)`."""
    text = f"{manifest.get('command')} of {manifest.get('ids')}"
    options = {k: v for k, v in manifest.items() if k not in ("command", "ids", "version")}
    if options:
        text += " (" + ", ".join(f"{k}={v!r}" for k, v in sorted(options.items())) + ")"
    return text


def _jsonl(lines: Sequence[Mapping[str, Any]]) -> bytes:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode()


def _record(line: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict) or not isinstance(record.get("requested_id"), str):
        return None
    return record


def _replace(path: Path, text: str) -> None:
    spare = path.with_name(f"{path.name}.tmp")
    with open(spare, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    os.replace(spare, path)
