"""One export: a pass over the records for their columns, a pass for their rows, the files.

The first pass builds the tables from the record type and widens them to every field
and value the records hold (`_shapes`), so the files hold every column whatever the
first lines hold. The second pass writes each record's rows (`_layout.rows`) to each
table's files, under temporary names: a failure leaves the folder as it was, and the
files replace those of an earlier export only once all are written, `schema.json`
last.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from .._errors import ExportError
from ._files import (
    FORMATS,
    SCHEMA_FILE,
    TableWriter,
    column_entry,
    csv_writer,
    listed_files,
    parquet_writer,
    parse_cell,
    pyarrow,
)
from ._layout import Table, layout, rows
from ._shapes import Node, declared, observe
from ._source import RecordSource, Source, cache_sources, output_source

__all__ = [
    "Exported",
    "ExportedTable",
    "from_cache",
    "from_output",
    "read_csv",
    "read_schema",
]

#: The version of `schema.json`'s layout.
SCHEMA_VERSION = 1


@attrs.frozen
class ExportedTable:
    """One table written: its name, parent, key, row count and files."""

    name: str
    parent: str | None
    key: tuple[str, ...]
    rows: int
    files: tuple[Path, ...]


@attrs.frozen
class Exported:
    """What an export wrote.

    Attributes:
        source: what was exported, in words (`families.jsonl: family of patent numbers`).
        folder: where.
        tables: each table, the records' first.
        schema: the `schema.json` file: every table's columns and their types.
        notes: what a reader should know (a torn last line left out, columns whose
            data widened their type).
    """

    source: str
    folder: Path
    tables: tuple[ExportedTable, ...]
    schema: Path
    notes: tuple[str, ...] = ()

    def table(self, name: str) -> ExportedTable:
        """The table named `name` (KeyError if none)."""
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(f"no table {name!r}; the tables are {[t.name for t in self.tables]}")


def from_output(
    output: str | os.PathLike[str],
    folder: str | os.PathLike[str],
    *,
    formats: Collection[str] = ("csv",),
    overwrite: bool = False,
) -> Exported:
    """Write a harvest's output as flat tables in `folder` (see `patsnap_async.export`).

    Args:
        output: the JSONL file a harvest wrote (its manifest beside it types the columns).
        folder: where the tables go; created if missing. It must be empty, or hold an
            earlier export and `overwrite` be true.
        formats: `"csv"`, `"parquet"` (needs pyarrow: the `parquet` extra), or both.
        overwrite: replace the export `folder` holds.

    Raises:
        ExportError: the output is not a harvest's, the folder holds other files, a
            format is unknown, or Parquet is asked for without pyarrow.
    """
    wanted, arrow = _formats(formats)
    where = _folder(Path(folder), overwrite=overwrite)
    return _export(output_source(output), where, wanted, arrow)


def from_cache(
    cache: RecordSource,
    folder: str | os.PathLike[str],
    *,
    formats: Collection[str] = ("csv",),
    overwrite: bool = False,
) -> dict[str, Exported]:
    """Write a record cache as flat tables: one folder per lookup (`P014/`), by code.

    Each lookup's records table is keyed by the id, the parameter it went in, the other
    parameters and the host its record was fetched with (`requested_id`, `by`,
    `params`, `host`), and says when it was fetched (`fetched_at`). The ids the
    platform had no record for are left out. Arguments and errors as `from_output`, for
    each lookup's folder (all checked before any is written).
    """
    wanted, arrow = _formats(formats)
    top = Path(folder)
    with tempfile.TemporaryDirectory(prefix="patsnap-export-") as spool:
        sources = cache_sources(cache, Path(spool))
        places = {
            endpoint: _folder(top / endpoint.replace("/", "-"), overwrite=overwrite)
            for endpoint in sources
        }
        return {
            endpoint: _export(source, places[endpoint], wanted, arrow)
            for endpoint, source in sources.items()
        }


def _formats(formats: Collection[str]) -> tuple[tuple[str, ...], tuple[Any, Any] | None]:
    """The formats asked for, in order, and pyarrow when Parquet is one of them."""
    if isinstance(formats, str) or not formats:
        raise ExportError(f"formats must be a list of {FORMATS}, got {formats!r}")
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ExportError(f"unknown format {unknown[0]!r}: the formats are {', '.join(FORMATS)}")
    wanted = tuple(f for f in FORMATS if f in formats)
    return wanted, pyarrow() if "parquet" in wanted else None


def _folder(folder: Path, *, overwrite: bool) -> Path:
    """`folder`, refused when it holds anything but an export to overwrite (it is
    created once the records are read: a refused output leaves no folder behind)."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is not a folder: the tables go in a folder")
    if folder.is_dir() and any(folder.iterdir()):
        if not (folder / SCHEMA_FILE).is_file():
            raise ExportError(f"{folder} holds files of no export: give a new or empty folder")
        if not overwrite:
            raise ExportError(
                f"{folder} holds an export already: give another folder, or ",
                "overwrite",
                names={"overwrite"},
            )
    return folder


def _export(
    source: Source, folder: Path, formats: tuple[str, ...], arrow: tuple[Any, Any] | None
) -> Exported:
    top = _survey(source)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create {folder}: {error.strerror}") from None
    earlier = set(listed_files(folder))
    counts, files = _write(source, top, folder, formats, arrow)
    notes = tuple(_notes(source, top))
    schema = _schema(source, top, counts, files, notes)
    _replace(folder / SCHEMA_FILE, json.dumps(schema, indent=1, ensure_ascii=False) + "\n")
    written = {path for paths in files.values() for path in paths}
    for stale in earlier - written:  # a table the earlier export had and this one has not
        stale.unlink(missing_ok=True)
    tables = tuple(
        ExportedTable(t.name, t.parent, tuple(c.name for c in t.key), counts[t.name], files[t.name])
        for t in top.walk()
    )
    return Exported(source.name, folder, tables, folder / SCHEMA_FILE, notes)


def _survey(source: Source) -> Table:
    """The tables of the source's records: the first pass."""
    root = Node() if source.record_type is None else declared(source.record_type)
    if root.fields is None:  # a record is a JSON object, whatever its type says
        root = Node(fields={})
    seen: set[str] = set()
    for outer, record in source.lines():
        seen.update(name for name, value in outer.items() if value is not None)
        observe(root, record)
    first = source.outer[0].name
    kept = [column for column in source.outer if column.name in seen or column.name == first]
    return layout(root, kept)


def _write(
    source: Source,
    top: Table,
    folder: Path,
    formats: tuple[str, ...],
    arrow: tuple[Any, Any] | None,
) -> tuple[dict[str, int], dict[str, tuple[Path, ...]]]:
    """Each table's rows in its files, and its row count: the second pass."""
    writers: dict[str, list[TableWriter]] = {}
    counts = {table.name: 0 for table in top.walk()}
    try:
        for table in top.walk():
            writers[table.name] = []
            if "csv" in formats:
                writers[table.name].append(csv_writer(folder, table))
            if arrow is not None:
                writers[table.name].append(parquet_writer(folder, table, arrow))
        for outer, record in source.lines():
            for table, row in rows(top, record, outer):
                counts[table.name] += 1
                for writer in writers[table.name]:
                    writer.write(row)
    except BaseException:
        for each in writers.values():
            for writer in each:
                writer.discard()
        raise
    for each in writers.values():
        for writer in each:
            writer.commit()
    return counts, {name: tuple(w.path for w in each) for name, each in writers.items()}


def _notes(source: Source, top: Table) -> Iterable[str]:
    yield from source.notes
    if source.record_type is None:
        yield f"{source.name}: no record type is known for it; column types read from the data"
    for table in top.walk():
        for column in table.columns:
            if column.declared is not None:
                yield (
                    f"{table.name}.{column.name} is declared {column.declared} but holds other "
                    f"values: written as {column.type}"
                )


def _schema(
    source: Source,
    top: Table,
    counts: Mapping[str, int],
    files: Mapping[str, tuple[Path, ...]],
    notes: tuple[str, ...],
) -> dict[str, Any]:
    tables = [
        {
            "name": table.name,
            "parent": table.parent,
            "path": ".".join(table.path) or None,
            "rows": counts[table.name],
            "files": [path.name for path in files[table.name]],
            "key": [column.name for column in table.key],
            "columns": [column_entry(column) for column in table.columns],
        }
        for table in top.walk()
    ]
    return {
        "patsnap_async_export": SCHEMA_VERSION,
        "source": source.name,
        "manifest": source.manifest,
        "tables": tables,
        "notes": list(notes),
    }


def _replace(path: Path, text: str) -> None:
    spare = path.with_name(f".{path.name}.tmp")
    spare.write_text(text, encoding="utf-8")
    os.replace(spare, path)


def read_schema(folder: str | os.PathLike[str]) -> dict[str, Any]:
    """The `schema.json` of an export.

    Raises:
        ExportError: `folder` holds no export.
    """
    path = Path(folder) / SCHEMA_FILE
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ExportError(f"{folder} holds no export ({path}: {error})") from None
    if not isinstance(schema, dict) or not isinstance(schema.get("tables"), list):
        raise ExportError(f"{path} is not an export's schema")
    return schema


def read_csv(folder: str | os.PathLike[str], table: str) -> list[dict[str, Any]]:
    """The rows of an export's CSV table, each value of its declared type.

    Raises:
        ExportError: no such export or table, or a file that does not match its schema.
        ValueError: a cell that is not a value of its column's type.
    """
    schema = read_schema(folder)
    found = [t for t in schema["tables"] if t.get("name") == table]
    if not found:
        known = [t.get("name") for t in schema["tables"]]
        raise ExportError(f"the export in {folder} has no table {table!r}; it has {known}")
    types = {column["name"]: column["type"] for column in found[0]["columns"]}
    path = Path(folder) / f"{table}.csv"
    with open(path, encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        if list(reader.fieldnames or ()) != list(types):
            raise ExportError(f"{path}: its header is not the columns its schema names")
        return [
            {name: parse_cell(types[name], text) for name, text in row.items()} for row in reader
        ]
