"""The JSONL output of a harvest, its side files, its manifest and its lock."""

from __future__ import annotations

import collections
import contextlib
import fcntl
import json
import os
import stat
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from ._args import Name, NamedError
from ._input import HarvestError, key
from ._manifest import check_manifest, read_manifest

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
        self._whole = 0  # bytes up to its last newline, when read

    def read(self) -> None:
        """Read the ids already in the file, leaving out a torn last line."""
        if not self.path.is_file():
            return
        data = self.path.read_bytes()
        self._whole = data.rfind(b"\n") + 1
        lines = data[: self._whole].decode("utf-8", "replace").split("\n")
        self.keys.update(key(line) for line in lines if line.strip())

    def repair(self) -> None:
        """Cut off the torn last line that `read` left out, if any."""
        if self.path.is_file() and self.path.stat().st_size > self._whole:
            os.truncate(self.path, self._whole)

    def add(self, ids: Iterable[str]) -> None:
        """Append ids, in one write."""
        ids = list(ids)
        self.keys.update(key(i) for i in ids)
        self._file.append("".join(f"{i}\n" for i in ids).encode())

    def __contains__(self, value: object) -> bool:
        return isinstance(value, str) and key(value) in self.keys

    def close(self) -> None:
        self._file.close()


#: Side files a fresh run (not a resume) removes.
_SIDES: Final = ("missing", "done", "failed", "errors", "unmatched", "job")


class Output:
    """The JSONL output of one harvest and its side files.

    Attributes:
        path: the JSONL file (a symbolic link is followed: the side files sit beside
            the file it points to).
        records: how many complete record lines the file already held per requested id
            (its key), before this run.
        next_index: per (requested id key, part), one past the highest `index` written.
        seen: the `patent_id`s of the lines that carry a `part` (a split search), to
            write each result once across parts.
        dropped: the torn last line cut off when resuming (0 or 1).
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
        self._created = False
        self._whole = 0  # bytes of the output up to its last complete line

    def side(self, suffix: str) -> Path:
        """The side file `<output>.<suffix>`."""
        return self.path.with_name(f"{self.path.name}.{suffix}")

    @staticmethod
    def files(name: str | Path) -> list[Path]:
        """The output `name` (a symbolic link followed) and each of its side files."""
        path = _followed(name)
        suffixes = (*_SIDES, "manifest.json", "lock")
        return [path, *(path.with_name(f"{path.name}.{suffix}") for suffix in suffixes)]

    @classmethod
    def open(
        cls,
        name: str | Path,
        *,
        manifest: Mapping[str, Any],
        resume: bool,
        overwrite: bool = False,
    ) -> Output:
        """Open the output for a run: lock it, check it, resume it or start afresh.

        A refusal leaves every file as it was.

        Args:
            name: the output file.
            manifest: what produces the records (command, id kind, query, options that
                change the records), saved in `<output>.manifest.json`.
            resume: keep what the file and its side files hold, after cutting off a
                torn last line; the run then skips it all. Refused when the saved
                manifest differs, or when the file is not a harvest's output.
            overwrite: start afresh even if the file holds records.

        Raises:
            HarvestError: the path is not a regular file or cannot be written, another
                process holds its lock, it holds records (or is not a harvest's output)
                and neither `resume` nor `overwrite` is given, or `resume` is refused.
        """
        output = cls(_followed(name))
        try:
            output._claim()
            output._load(manifest, resume=resume, overwrite=overwrite)
            output._prepare(manifest, resume=resume)
        except OSError as error:
            output._close(refused=True)
            raise HarvestError(f"cannot write {error.filename or name}: {error.strerror}") from None
        except HarvestError:
            output._close(refused=True)
            raise
        return output

    @classmethod
    def inspect(
        cls,
        name: str | Path,
        *,
        manifest: Mapping[str, Any],
        resume: bool,
        overwrite: bool = False,
    ) -> Output:
        """What `open` would find, refused as `open` would, with nothing locked or written.

        For a dry run: the records, missing ids, done lists and saved job are read.
        """
        output = cls(_followed(name))
        output._check_kind()
        try:
            output._check_free()
        except OSError as error:
            raise HarvestError(f"cannot read {error.filename or name}: {error.strerror}") from None
        output._load(manifest, resume=resume, overwrite=overwrite)
        return output

    def _check_kind(self) -> None:
        """Refuse a directory, a pipe or a device, and a path in no directory."""
        try:
            mode = os.stat(self.path).st_mode
        except FileNotFoundError:
            folder = self.path.parent
            if not folder.is_dir():
                raise HarvestError(f"cannot write {self.path}: no directory {folder}") from None
            if not os.access(folder, os.W_OK):
                raise HarvestError(f"cannot write {self.path}: {folder} is not writable") from None
            return
        if stat.S_ISDIR(mode):
            raise HarvestError(f"output {self.path} is a directory")
        if not stat.S_ISREG(mode):
            raise HarvestError(
                f"output {self.path} is not a regular file (a pipe or a device): a harvest "
                "writes a file it can resume; give a file name"
            )

    def _claim(self) -> None:
        """Lock the output file itself (so another name for it is locked too)."""
        self._check_kind()
        self._created = not self.path.exists()
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC, 0o644)
        self._lock = fd
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the check
            raise HarvestError(f"output {self.path} is not a regular file")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise self._busy() from None

    def _check_free(self) -> None:
        """Refuse as `_claim` would when another run holds the output."""
        if not self.path.exists():
            return
        fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            raise self._busy() from None
        finally:
            os.close(fd)

    def _busy(self) -> HarvestError:
        try:
            holder = self.lock_path.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            holder = ""
        who = f"process {holder}, lock {self.lock_path}" if holder else "under another name"
        return HarvestError(
            f"output {self.path} is being written by another harvest ({who}): wait for it "
            "to end, or stop it"
        )

    def _load(self, manifest: Mapping[str, Any], *, resume: bool, overwrite: bool) -> None:
        """Read and check what the output holds; write nothing."""
        saved = read_manifest(self.manifest_path)
        size = self.path.stat().st_size if self.path.is_file() else 0
        if overwrite or size == 0:
            if resume:
                self._load_sides(saved, manifest)
            return
        bad = self._scan()
        ours = saved is not None or (bad is None and self._whole > 0)
        if not ours:
            line = f"line {bad}" if bad is not None else "its only line"
            raise NamedError(
                f"output {self.path} is not the output of a harvest ({line} is not a JSON "
                "record with a requested_id): use another ", Name("output"),
            )  # fmt: skip
        if not resume:
            raise NamedError(
                f"output {self.path} already holds records: add ", Name("resume"),
                " to continue that harvest, or ", Name("overwrite"), " to start again",
            )  # fmt: skip
        if bad is not None:
            raise NamedError(
                Name("resume"), f" refused: {self.path}, line {bad} is not a record of a "
                "harvest (was the file edited?): remove that line, or use another ",
                Name("output"),
            )  # fmt: skip
        self.dropped = int(size > self._whole)
        self._load_sides(saved, manifest)

    def _load_sides(self, saved: Mapping[str, Any] | None, manifest: Mapping[str, Any]) -> None:
        if saved is not None:
            check_manifest(self.path, saved, manifest)
        self.missing.read()
        self.done.read()

    def _scan(self) -> int | None:
        """Count the complete record lines; return the number of the first other line."""
        self._whole = 0
        with open(self.path, "rb") as file:
            for number, line in enumerate(file, 1):
                if not line.endswith(b"\n"):
                    break  # torn by a kill: cut off when resuming
                record = _record(line)
                if record is None:
                    return number
                self._count(record)
                self._whole += len(line)
        return None

    def _prepare(self, manifest: Mapping[str, Any], *, resume: bool) -> None:
        """Make the files what the run starts from: the checks have passed."""
        if resume:
            if self.dropped:
                os.truncate(self.path, self._whole)
            self.missing.repair()
            self.done.repair()
        else:
            os.truncate(self.path, 0)
            for side in _SIDES:
                self.side(side).unlink(missing_ok=True)
        _replace(self.manifest_path, json.dumps(dict(manifest), indent=1) + "\n")
        _replace(self.lock_path, f"{os.getpid()}\n")

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
        self._close(refused=False)

    def _close(self, *, refused: bool) -> None:
        try:
            self._file.close()
            self._unmatched.close()
            self.missing.close()
            self.done.close()
        finally:
            fd, self._lock = self._lock, None
            if fd is not None:
                with contextlib.suppress(OSError):
                    if refused and self._created:
                        self.path.unlink()  # created only to be locked
                    elif not refused:
                        self.lock_path.unlink(missing_ok=True)
                os.close(fd)  # closing the file lets the lock go


def _followed(name: str | Path) -> Path:
    """The output's path, a symbolic link followed: one file, one set of side files."""
    path = Path(name)
    return path.resolve() if path.is_symlink() else path


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
