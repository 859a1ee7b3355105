"""Reading the ids of a harvest: one a line, one column of a CSV/TSV file, or one field
of a JSON lines file."""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
from pathlib import Path
from typing import TextIO

from .. import HarvestError, _validate, check_id
from .._batch import normalize_id
from .._limits import MAX_QUERY_LENGTH

__all__ = ["HarvestError", "key", "read_ids"]

#: How many bytes the check for UTF-16 without a byte-order mark looks at.
_SNIFF = 4096


#: The form ids are compared in: the batch engine's (stripped, upper-cased).
key = normalize_id


def read_ids(
    source: str | Path,
    *,
    column: str | None = None,
    queries: bool = False,
    stdin: TextIO | None = None,
) -> list[str]:
    """The ids of an input file, each once (the first spelling wins).

    Lines end at `\\n` only: a U+2028 or a stray `\\r` inside a line does not split it.
    A leading byte-order mark is dropped; UTF-8 is expected, and UTF-16 read when its
    byte-order mark says so. Blank lines and lines starting with `#` are skipped. With
    `column`, the file is read as CSV (TSV when its first line holds a tab, semicolons
    when it holds semicolons and no comma), quoted cells may span lines, and the ids
    are that column's values; a file of JSON lines gives that field of each line.

    Args:
        source: a file name, or `-` for standard input.
        column: a column's header name (case-insensitive; the first row is then the
            header) or its 1-based number (the first row is a header when its value
            in that column has no digit, as no patent number or sequence id does); the
            name of a field for JSON lines. None: one id a line.
        queries: the lines are search queries: they may hold commas, and the first
            may have no digit (for ids, a first line with no digit before lines with
            one, or alone, is taken for a header and refused, as no patent number or
            sequence id lacks a digit).
        stdin: read instead of `sys.stdin` for `-` (for tests).

    Raises:
        HarvestError: the file cannot be read, is not UTF-8 (or UTF-16) text, holds no
            id, an id is not one (`patsnap_async.check_id`) or holds a character that
            is not printable, the file has several columns and no `column` was given,
            or the column is not in the file.
    """
    name = "standard input" if str(source) == "-" else str(source)
    text = _text(name, source, stdin)
    if column is not None and not column.strip():
        raise HarvestError("--column needs a header name or a number")
    if _is_json_lines(text):
        rows = _json_field(name, text, column)
    elif column is not None:
        rows = _column(name, text, column.strip())
    else:
        rows = _lines(name, text)
    if column is None and not queries and _header_first(rows):
        number, value = rows[0]
        if len(rows) == 1:
            raise HarvestError(
                f"{name}, line {number}: {value!r} looks like a column header, not an id, "
                "and the file holds nothing else: no ids"
            )
        raise HarvestError(
            f"{name}, line {number}: {value!r} looks like a column header, not an id: "
            f"pass --column {value}, or remove the line"
        )
    where = f", column {column}" if column is not None else ""
    hint = f" (is --column {column} the column of the ids?)" if column and not queries else ""
    first: dict[str, str] = {}
    for number, value in rows:
        try:
            _check(value, queries=queries, column=column)
        except ValueError as error:
            raise HarvestError(f"{name}, line {number}{where}: {error}{hint}") from None
        first.setdefault(key(value), value)
    if not first:
        raise HarvestError(f"no ids in {name} (only blank lines and # comments)")
    return list(first.values())


def _text(name: str, source: str | Path, stdin: TextIO | None) -> str:
    """The file's text, from UTF-8 (or UTF-16 with its byte-order mark), BOM dropped."""
    try:
        if str(source) == "-":
            stream = stdin or sys.stdin
            binary = getattr(stream, "buffer", None)
            if binary is None:  # a text stream with no bytes beneath (a test's StringIO)
                return stream.read().removeprefix("\ufeff")
            data: bytes = binary.read()
        else:
            data = Path(source).read_bytes()
    except OSError as error:
        raise HarvestError(f"cannot read {name}: {error.strerror or error}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16").removeprefix("\ufeff")
        except UnicodeDecodeError:
            raise HarvestError(f"cannot read {name}: it is not UTF-16 text") from None
    if b"\x00" in data[:_SNIFF]:  # valid UTF-8, but no text file of ids holds NUL
        raise HarvestError(
            f"cannot read {name}: it looks like UTF-16 text without a byte-order mark; "
            "save it as UTF-8 (e.g. iconv -f UTF-16LE -t UTF-8)"
        )
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise HarvestError(
            f"cannot read {name}: it is not UTF-8 text (byte 0x{data[error.start]:02X} at "
            f"offset {error.start}); save it as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)"
        ) from None


def _check(value: str, *, queries: bool, column: str | None) -> None:
    """Raise ValueError when `value` cannot be an id (or a query)."""
    bad = next((c for c in value if not c.isprintable()), None)
    if bad is not None:
        raise ValueError(f"an id may not contain U+{ord(bad):04X}: {value!r}")
    if queries:
        _validate.text("the query", value, max_length=MAX_QUERY_LENGTH)
        return
    if column is None:
        for separator, what in ((",", "comma"), (";", "semicolon")):
            if separator in value:
                raise ValueError(
                    f"an id may not contain a {what}: {value!r} (several columns? pick "
                    "the ids with --column NAME or --column N)"
                )
    check_id(value, "the id")


def _lines(name: str, text: str) -> list[tuple[int, str]]:
    rows = []
    for number, line in enumerate(text.split("\n"), 1):
        value = line.strip()
        if not value or value.startswith("#"):
            continue
        if "\t" in value:
            raise HarvestError(
                f"{name}, line {number}: several columns (separated by tabs): pick the "
                "ids with --column NAME or --column N"
            )
        rows.append((number, value))
    return rows


def _first_line(text: str) -> str:
    return next((line for line in text.split("\n") if line.strip()), "")


def _is_json_lines(text: str) -> bool:
    first = next((s for line in text.split("\n") if (s := line.strip()) and s[0] != "#"), "")
    return first.startswith("{")


def _json_field(name: str, text: str, field: str | None) -> list[tuple[int, str]]:
    """`field` of each line of a JSON lines file (such as a harvest's output)."""
    if field is None or field.strip().isdigit():
        raise HarvestError(
            f"{name} holds JSON lines: pick the field of the ids with --column NAME "
            "(e.g. --column pn)"
        )
    field = field.strip()
    rows = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            record = json.loads(line)
        except ValueError:
            raise HarvestError(f"{name}, line {number}: not a JSON object") from None
        if not isinstance(record, dict):
            raise HarvestError(f"{name}, line {number}: not a JSON object")
        value = record.get(field)
        if value is None:
            fields = ", ".join(list(record)[:8])
            raise HarvestError(f"{name}, line {number} has no field {field!r}; it has: {fields}")
        if not isinstance(value, str):
            raise HarvestError(f"{name}, line {number}: {field!r} is not a string: {value!r}")
        rows.append((number, value.strip()))
    return rows


def _column(name: str, text: str, column: str) -> list[tuple[int, str]]:
    """One column of a CSV (or TSV, or semicolon-separated) file, parsed as CSV."""
    first = _first_line(text)
    if not first:
        return []
    delimiter = "\t" if "\t" in first else ";" if ";" in first and "," not in first else ","
    table: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start_line = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                table.append((start_line, cells))
            start_line = reader.line_num + 1
    except csv.Error as error:
        raise HarvestError(f"{name}, line {reader.line_num}: not CSV: {error}") from None
    if not table:
        return []
    header = [cell.strip() for cell in table[0][1]]
    if column.isdigit():
        index = int(column) - 1
        if index < 0:
            raise HarvestError(f"--column counts from 1, got {column}")
        if index >= len(header):
            raise HarvestError(
                f"{name} has {len(header)} column{'s' if len(header) != 1 else ''} "
                f"({', '.join(header)}): --column {column} is past the last"
            )
        start = 0 if _has_digit(header[index]) or not header[index] else 1
    else:
        lowered = [h.lower() for h in header]
        if column.lower() not in lowered:
            raise HarvestError(f"{name} has no column {column!r}; its header: {', '.join(header)}")
        index, start = lowered.index(column.lower()), 1
    rows = []
    for number, cells in table[start:]:
        value = cells[index].strip() if index < len(cells) else ""
        if value and not value.startswith("#"):
            rows.append((number, value))
    return rows


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _header_first(rows: list[tuple[int, str]]) -> bool:
    """The first value has no digit and every other one has one (or there is none)."""
    values = [value for _, value in rows]
    if not values or "," in values[0] or ";" in values[0] or _has_digit(values[0]):
        return False
    return all(map(_has_digit, values[1:]))
