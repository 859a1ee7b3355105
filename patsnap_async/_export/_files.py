"""The files of an export: a CSV (and a Parquet) file per table, and `schema.json`.

CSV files are UTF-8 with a header row, quoted as Python's `csv` module quotes (a text
holding a comma, a quote or a line break is quoted, RFC 4180). An empty cell is null;
a `bool` is `true` or `false`; a `float64` is written as the shortest text that reads
back as the same number (`6.43802e-95`); a `list<T>` and a `json` value as JSON text
(`["X", "Y"]`). Parquet files hold the same rows with the same types (a `list<T>` as a
Parquet list, `json` as text); each field's metadata holds its type in
`patsnap_async.type`, and the schema's the table's name, parent and key.

`schema.json` says every table's file names, row count, key, parent, and each
column's name, type and place in the record: what a reader needs to load the CSV
files with their types (pandas reads `00123` as 123 and polars drops a column that
its first rows lack when nobody tells them).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Protocol

from .._errors import ExportError
from ._layout import Column, Table
from ._shapes import BOOL, FLOAT, INT, JSON, STRING

__all__ = [
    "BATCH_ROWS",
    "FORMATS",
    "SCHEMA_FILE",
    "TableWriter",
    "arrow_schema",
    "cell",
    "column_entry",
    "csv_writer",
    "listed_files",
    "parquet_writer",
    "parse_cell",
    "pyarrow",
]

FORMATS: Final = ("csv", "parquet")
SCHEMA_FILE: Final = "schema.json"
#: Rows a Parquet file is written in at once (a row group): bounded memory.
BATCH_ROWS: Final = 10_000


class TableWriter(Protocol):
    """Writes one table's rows to one file, under a temporary name until `commit`."""

    path: Path

    def write(self, row: Mapping[str, Any]) -> None: ...
    def commit(self) -> None: ...
    def discard(self) -> None: ...


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp")


class _CsvTable:
    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        self.path = path
        self._columns = columns
        self._file = open(_temporary(path), "w", encoding="utf-8", newline="")  # noqa: SIM115
        self._rows = csv.writer(self._file)
        self._rows.writerow([column.name for column in columns])

    def write(self, row: Mapping[str, Any]) -> None:
        self._rows.writerow([cell(c.type, row[c.name]) for c in self._columns])

    def commit(self) -> None:
        self._file.close()
        os.replace(_temporary(self.path), self.path)

    def discard(self) -> None:
        self._file.close()
        _temporary(self.path).unlink(missing_ok=True)


def csv_writer(folder: Path, table: Table) -> TableWriter:
    """The CSV file of `table` in `folder`."""
    return _CsvTable(folder / f"{table.name}.csv", table.columns)


def cell(type_: str, value: Any) -> str:
    """A value of a column of `type_` as CSV text."""
    if value is None:
        return ""
    if type_ == BOOL:
        return "true" if value else "false"
    if type_ == FLOAT:
        return repr(value)
    if type_ in (STRING, JSON, INT):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # list<T>


def parse_cell(type_: str, text: str) -> Any:
    """The value a CSV cell of a column of `type_` holds (None for an empty cell).

    Raises:
        ValueError: the text is not a value of that type.
    """
    if text == "":
        return None
    if type_ in (STRING, JSON):
        return text
    if type_ == INT:
        return int(text)
    if type_ == FLOAT:
        return float(text)
    if type_ == BOOL:
        if text not in ("true", "false"):
            raise ValueError(f"not a bool: {text!r}")
        return text == "true"
    values = json.loads(text)
    if not isinstance(values, list):
        raise ValueError(f"not a list: {text!r}")
    if type_ == f"list<{FLOAT}>":
        return [None if v is None else float(v) for v in values]
    return values


def pyarrow() -> tuple[Any, Any]:
    """`pyarrow` and `pyarrow.parquet`, imported now.

    Raises:
        ExportError: pyarrow is not installed; the message names the extra.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:
        raise ExportError(
            f"Parquet needs pyarrow ({error}): pip install 'patsnap-async[parquet]'"
        ) from None
    return pa, pq


def _arrow_type(pa: Any, type_: str) -> Any:
    scalars = {
        STRING: pa.string(),
        JSON: pa.string(),
        INT: pa.int64(),
        FLOAT: pa.float64(),
        BOOL: pa.bool_(),
    }
    if type_ in scalars:
        return scalars[type_]
    return pa.list_(scalars[type_[len("list<") : -1]])


def arrow_schema(pa: Any, table: Table) -> Any:
    """The Parquet schema of `table`: its types, and what `schema.json` says of it."""
    fields = [
        pa.field(
            column.name,
            _arrow_type(pa, column.type),
            metadata={"patsnap_async.type": column.type},
        )
        for column in table.columns
    ]
    about = {"name": table.name, "parent": table.parent, "key": [c.name for c in table.key]}
    return pa.schema(fields, metadata={"patsnap_async.table": json.dumps(about)})


class _ParquetTable:
    def __init__(self, path: Path, table: Table, arrow: tuple[Any, Any]) -> None:
        self.path = path
        self._pa, pq = arrow
        self._schema = arrow_schema(self._pa, table)
        self._file = pq.ParquetWriter(str(_temporary(path)), self._schema)
        self._rows: list[Mapping[str, Any]] = []

    def write(self, row: Mapping[str, Any]) -> None:
        self._rows.append(row)
        if len(self._rows) >= BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        self._file.write_table(self._pa.Table.from_pylist(self._rows, schema=self._schema))
        self._rows = []

    def commit(self) -> None:
        if self._rows:
            self._flush()
        self._file.close()
        os.replace(_temporary(self.path), self.path)

    def discard(self) -> None:
        self._file.close()
        _temporary(self.path).unlink(missing_ok=True)


def parquet_writer(folder: Path, table: Table, arrow: tuple[Any, Any]) -> TableWriter:
    """The Parquet file of `table` in `folder` (`arrow`: what `pyarrow()` returned)."""
    return _ParquetTable(folder / f"{table.name}.parquet", table, arrow)


def column_entry(column: Column) -> dict[str, Any]:
    """What `schema.json` says of a column."""
    entry: dict[str, Any] = {"name": column.name, "type": column.type}
    if column.path is not None:
        entry["path"] = ".".join(column.path)
    if column.declared is not None:
        entry["declared"] = column.declared
    if column.derived is not None:
        entry["derived"] = column.derived
    return entry


def listed_files(folder: Path) -> Iterable[Path]:
    """The files a previous export in `folder` wrote, as its `schema.json` lists them."""
    try:
        schema = json.loads((folder / SCHEMA_FILE).read_text(encoding="utf-8"))
        tables = schema["tables"]
        names = [name for table in tables for name in table["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [folder / name for name in names if isinstance(name, str) and "/" not in name]
