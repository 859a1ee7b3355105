"""Reading the ids of a harvest: one a line, or one column of a CSV/TSV file."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TextIO

from .. import HarvestError, check_id

__all__ = ["HarvestError", "key", "read_ids"]


def key(value: str) -> str:
    """The form ids are compared in, as the SDK does: stripped, upper-cased."""
    return value.strip().upper()


def read_ids(
    source: str | Path,
    *,
    column: str | None = None,
    queries: bool = False,
    stdin: TextIO | None = None,
) -> list[str]:
    """The ids of an input file, each once (the first spelling wins).

    Lines end at `\\n` only: a U+2028 or a stray `\\r` inside a line does not split it.
    A leading UTF-8 byte-order mark is dropped. Blank lines and lines starting with `#`
    are skipped. With `column`, the file is read as CSV (TSV when its first line holds
    a tab) and the ids are that column's values.

    Args:
        source: a file name, or `-` for standard input.
        column: a column's header name (case-insensitive; the first row is then the
            header) or its 1-based number (the first row is a header when its value
            in that column has no digit, as no patent number or sequence id does).
            None: one id a line.
        queries: the lines are search queries: they may hold commas, and the first
            may have no digit (for ids, a first line with no digit before lines with
            one is taken for a header and refused, as no patent number or sequence id
            lacks a digit).
        stdin: read instead of `sys.stdin` for `-` (for tests).

    Raises:
        HarvestError: the file cannot be read, is not UTF-8 text, holds no id, an id
            holds a comma or a character that is not printable (U+2028, a control
            character), the file has several columns and no `column` was given, or the
            column is not in the file.
    """
    name = "standard input" if str(source) == "-" else str(source)
    try:
        if str(source) == "-":
            text = (stdin or sys.stdin).read()
        else:
            text = Path(source).read_bytes().decode("utf-8")
    except OSError as error:
        raise HarvestError(f"cannot read {name}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise HarvestError(f"cannot read {name}: it is not UTF-8 text") from None
    lines = text.removeprefix("\ufeff").split("\n")
    rows = _column(name, lines, column) if column is not None else _lines(name, lines)
    if column is None and not queries and _header_first(rows):
        number, value = rows[0]
        raise HarvestError(
            f"{name}, line {number}: {value!r} looks like a column header, not an id: "
            f"pass --column {value}, or remove the line"
        )
    first: dict[str, str] = {}
    for number, value in rows:
        if "," in value and not queries:
            raise HarvestError(
                f"{name}, line {number}: an id may not contain a comma: {value!r} (for a "
                "CSV file, pick the ids with --column NAME or --column N)"
            )
        bad = next((c for c in value if not c.isprintable()), None)
        if bad is not None:
            raise HarvestError(
                f"{name}, line {number}: an id may not contain U+{ord(bad):04X}: {value!r}"
            )
        if not queries:
            try:
                check_id(value, "the id")
            except ValueError as error:
                raise HarvestError(f"{name}, line {number}: {error}") from None
        first.setdefault(key(value), value)
    if not first:
        raise HarvestError(f"no ids in {name} (only blank lines and # comments)")
    return list(first.values())


def _lines(name: str, lines: list[str]) -> list[tuple[int, str]]:
    rows = []
    for number, line in enumerate(lines, 1):
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


def _column(name: str, lines: list[str], column: str) -> list[tuple[int, str]]:
    numbered = [(n, line.rstrip("\r")) for n, line in enumerate(lines, 1) if line.strip()]
    if not numbered:
        return []
    delimiter = "\t" if "\t" in numbered[0][1] else ","
    table = list(
        zip(numbered, csv.reader([line for _, line in numbered], delimiter=delimiter), strict=True)
    )
    header = [cell.strip() for cell in table[0][1]]
    if column.isdigit():
        index = int(column) - 1
        if index < 0:
            raise HarvestError(f"--column counts from 1, got {column}")
        first = header[index] if index < len(header) else ""
        start = 1 if first and not _has_digit(first) else 0
    else:
        lowered = [h.lower() for h in header]
        if column.strip().lower() not in lowered:
            raise HarvestError(f"{name} has no column {column!r}; its header: {', '.join(header)}")
        index, start = lowered.index(column.strip().lower()), 1
    rows = []
    for (number, _), cells in table[start:]:
        value = cells[index].strip() if index < len(cells) else ""
        if value and not value.startswith("#"):
            rows.append((number, value))
    return rows


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _header_first(rows: list[tuple[int, str]]) -> bool:
    """The first value has no digit and all the others have one: a header."""
    values = [value for _, value in rows]
    if len(values) < 2 or "," in values[0] or _has_digit(values[0]):
        return False
    return all(map(_has_digit, values[1:]))
