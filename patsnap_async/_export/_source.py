"""Where an export's records come from, and the type one record has.

A harvest's output names what made it in its manifest (`family`, `get P018`, `list
P008`, ...): the record type is the SDK's model of that endpoint (`FamilyRecord`,
`SequenceHit`) or the catalog's `TypedDict` of that operation (`ClaimRecord`). Its
lines are read up to the last complete line found when the export starts, so an output
that a harvest is still writing exports what it held then, whole lines only.

A record cache exports through the `RecordSource` protocol: every entry it holds
(`CacheEntry`: a record, or an id the platform had no record for), read once.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import stat
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Protocol, get_args, get_origin

import attrs

from .._endpoints import (
    CITED_BY,
    FAMILY,
    SEARCH,
    SEQUENCE_PATENTS,
    SEQUENCE_RESULTS,
    Listing,
    Lookup,
)
from .._errors import ExportError
from .._harvest._input import HarvestError
from .._harvest._manifest import read_manifest
from ._layout import Column
from ._shapes import INT, JSON, STRING

__all__ = [
    "CacheEntry",
    "RecordSource",
    "Source",
    "cache_sources",
    "output_source",
    "record_type",
]

#: The endpoint of each harvest command that names no operation in its manifest.
COMMAND_ENDPOINTS: Final[Mapping[str, Lookup[Any] | Listing[Any, Any]]] = {
    "family": FAMILY,
    "cited-by": CITED_BY,
    "search": SEARCH,
    "sequence-patents": SEQUENCE_PATENTS,
    "sequence-search": SEQUENCE_RESULTS,
}
#: The harvests of a lookup: one line per id asked, no `index` or `part`.
LOOKUP_COMMANDS: Final = frozenset({"family", "cited-by", "get"})
#: What a harvest adds to each record: the id asked for, a split search's date range,
#: a list's position. A column is left out when no line has it (`requested_id` never).
OUTPUT_COLUMNS: Final = (
    Column("requested_id", STRING, key=True),
    Column("part", STRING, key=True),
    Column("index", INT, key=True),
)
#: What a cache keeps with each record: the id, the parameter it went in, the other
#: parameters and the host it was fetched with (its key, together), and when it was
#: fetched (ISO 8601, UTC).
CACHE_COLUMNS: Final = (
    Column("requested_id", STRING, key=True),
    Column("by", STRING, key=True),
    Column("params", JSON, key=True),
    Column("host", STRING, key=True),
    Column("fetched_at", STRING),
)


Lines = Callable[[], Iterator[tuple[dict[str, Any], Any]]]


@attrs.frozen
class Source:
    """Records to export.

    Attributes:
        name: what they are, in words (`families.jsonl: family of patent numbers`).
        record_type: the type of one record; None: unknown (read from the data).
        outer: the columns each record comes with, outside the record.
        lines: a new pass over the records: `(outer values, record)` each.
        manifest: the harvest's manifest, if any.
        notes: what a reader should know of the records left out (a torn last line).
    """

    name: str
    record_type: Any
    outer: tuple[Column, ...]
    lines: Lines
    manifest: Mapping[str, Any] | None = None
    notes: tuple[str, ...] = ()


class CacheEntry(Protocol):
    """One entry of a record cache: a record, or an id the platform had no record for."""

    @property
    def endpoint(self) -> str:
        """The lookup's code (`P014`), or its name when it has none."""
        ...

    @property
    def host(self) -> str:
        """The base URL it was fetched from."""
        ...

    @property
    def by(self) -> str:
        """The parameter the id went in (`patent_number`, `patent_id`)."""
        ...

    @property
    def params(self) -> Mapping[str, Any]:
        """The lookup's other parameters, as sent (`{"lang": "en"}`; none: `{}`)."""
        ...

    @property
    def id(self) -> str:
        """The id asked for, as the cache keys it (`US11205304B2`)."""
        ...

    @property
    def fetched(self) -> float:
        """When it was fetched, in seconds since the epoch."""
        ...

    @property
    def record(self) -> Mapping[str, Any] | None:
        """The record as the platform sent it; None: it had none for this id."""
        ...


class RecordSource(Protocol):
    """What `export.from_cache` reads: a record cache's entries."""

    def entries(self) -> Iterable[CacheEntry]:
        """Every entry the cache holds, fresh or not (read once, in the caller's thread)."""
        ...


def output_source(output: str | os.PathLike[str]) -> Source:
    """The records of a harvest's output, typed by its manifest.

    Raises:
        ExportError: no such file, not a regular file, or a manifest that names no
            harvest this version knows.
    """
    path = Path(output)
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise ExportError(f"cannot read {path}: {error.strerror}") from None
    if not stat.S_ISREG(mode):
        raise ExportError(f"{path} is not a harvest's output (not a regular file)")
    try:
        manifest = read_manifest(path.with_name(f"{path.name}.manifest.json"))
    except HarvestError as error:
        raise ExportError(str(error).replace("to resume", "to export it as untyped")) from None
    end = _whole_lines(path)
    torn = path.stat().st_size - end
    notes: tuple[str, ...] = ()
    if torn:
        notes = (
            f"{path.name}: its last line is torn ({torn} bytes), left out; "
            "--resume the harvest to repair it",
        )
    # A lookup's line is its record and the id asked: a record's own `index` is its own.
    lookup = manifest is not None and manifest.get("command") in LOOKUP_COMMANDS
    outer = OUTPUT_COLUMNS[:1] if lookup else OUTPUT_COLUMNS
    return Source(
        name=path.name if manifest is None else f"{path.name} ({_made_by(manifest)})",
        record_type=None if manifest is None else _manifest_type(manifest),
        outer=outer,
        lines=functools.partial(_output_lines, path, end, outer),
        manifest=manifest,
        notes=notes,
    )


def _made_by(manifest: Mapping[str, Any]) -> str:
    """`family of patent numbers`, `get P018 of patent ids`, `list P008`."""
    made = " ".join(str(manifest[k]) for k in ("command", "endpoint") if k in manifest)
    return made + (f" of {manifest['ids']}" if "ids" in manifest else "")


def _manifest_type(manifest: Mapping[str, Any]) -> Any:
    command = manifest.get("command")
    if isinstance(command, str) and command in COMMAND_ENDPOINTS:
        return record_type(COMMAND_ENDPOINTS[command])
    if command in ("get", "list") and isinstance(manifest.get("endpoint"), str):
        return record_type(manifest["endpoint"])
    raise ExportError(f"the manifest names a harvest this version does not know: {command!r}")


def _whole_lines(path: Path) -> int:
    """Bytes of the file up to its last newline: a torn last line is left out."""
    size = path.stat().st_size
    with open(path, "rb") as file:
        position = size
        while position > 0:
            start = max(0, position - 65_536)
            file.seek(start)
            block = file.read(position - start)
            newline = block.rfind(b"\n")
            if newline >= 0:
                return start + newline + 1
            position = start
    return 0


def _output_lines(
    path: Path, end: int, columns: Sequence[Column]
) -> Iterator[tuple[dict[str, Any], Any]]:
    """Each line's outer values (its requested id, and a list's part and index, of the
    `columns`) and its record."""
    read = 0
    with open(path, "rb") as file:
        for number, raw in enumerate(file, 1):
            read += len(raw)
            if read > end:
                return
            try:
                line = json.loads(raw)
            except ValueError:
                line = None
            outer = _outer(line, columns)
            if outer is None:
                raise ExportError(
                    f"{path}, line {number} is not a record of a harvest (a JSON object "
                    "with a requested_id, an integer index and a text part, if any)"
                )
            yield outer, line


def _outer(line: Any, columns: Sequence[Column]) -> dict[str, Any] | None:
    """The line's outer values, taken out of it; None: it is no harvest's line."""
    if not isinstance(line, dict):
        return None
    outer = {column.name: line.pop(column.name, None) for column in columns}
    index, part = outer.get("index"), outer.get("part")
    if not isinstance(outer["requested_id"], str):
        return None
    if index is not None and (not isinstance(index, int) or isinstance(index, bool)):
        return None
    if part is not None and not isinstance(part, str):
        return None
    return outer


def cache_sources(cache: RecordSource, spool: Path) -> dict[str, Source]:
    """The records a cache holds, one source per endpoint, typed as that endpoint's.

    The cache is read once, each endpoint's records into a file of `spool` (a folder
    the caller removes), and the export's two passes read those files: a cache that
    another process writes to meanwhile cannot give the second pass a record the
    first did not see. Ids the platform had no record for are left out.
    """
    files: dict[str, Any] = {}
    try:
        for entry in cache.entries():
            if entry.record is None:
                continue
            if entry.endpoint not in files:
                path = spool / f"{len(files)}.jsonl"
                files[entry.endpoint] = open(path, "w", encoding="utf-8")  # noqa: SIM115
            files[entry.endpoint].write(json.dumps(_cached(entry), ensure_ascii=False) + "\n")
    finally:
        for file in files.values():
            file.close()
    return {
        endpoint: Source(
            f"the cache's {endpoint}",
            _type_or_none(endpoint),
            CACHE_COLUMNS,
            functools.partial(_spooled, Path(file.name)),
        )
        for endpoint, file in files.items()
    }


def _cached(entry: CacheEntry) -> list[Any]:
    """An entry as a spooled line: its outer values, and its record."""
    fetched = datetime.datetime.fromtimestamp(entry.fetched, datetime.UTC).isoformat()
    outer: dict[str, Any] = {"requested_id": entry.id, "by": entry.by, "host": entry.host}
    outer |= {"params": dict(sorted(entry.params.items())), "fetched_at": fetched}
    return [outer, dict(entry.record or {})]


def _spooled(path: Path) -> Iterator[tuple[dict[str, Any], Any]]:
    with open(path, encoding="utf-8") as file:
        for line in file:
            outer, record = json.loads(line)
            yield outer, record


def _type_or_none(endpoint: str) -> Any:
    """The record type of a cache's endpoint (a code, or a name); None: unknown."""
    try:
        return record_type(endpoint)
    except ExportError:
        return None


def record_type(endpoint: Lookup[Any] | Listing[Any, Any] | str) -> Any:
    """The type of one record of a lookup, or of one item of a listing; None: unknown.

    Raises:
        ExportError: no operation of the catalog has that code or name.
    """
    if isinstance(endpoint, str):
        from .._engines import resolve

        try:
            op = resolve(endpoint)
        except KeyError as error:
            raise ExportError(str(error).strip("'\"")) from None
        if op.endpoint is None:
            return None
        endpoint = op.endpoint
    if endpoint.model is None:
        return _catalog_records().get(endpoint.code)
    if isinstance(endpoint, Lookup):
        return endpoint.model
    page = typing.get_type_hints(endpoint.model)[endpoint.items]  # tuple[Item, ...]
    return get_args(page)[0]


@functools.cache
def _catalog_records() -> dict[str, Any]:
    """The catalog's record (or item) `TypedDict` of each lookup (or listing), by code."""
    from .. import _catalog, _catalog_types

    names = {**vars(_catalog_types), **vars(_catalog)}
    found = {}
    for name, hint in typing.get_type_hints(_catalog, globalns=names).items():
        value = getattr(_catalog, name)
        if isinstance(value, Lookup | Listing):
            declared = get_args(hint)[0] if get_origin(hint) is Final else hint
            found[value.code] = get_args(declared)[-1]  # Lookup[Record], Listing[Page, Item]
    return found
