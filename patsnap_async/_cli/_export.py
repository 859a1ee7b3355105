"""`patsnap-async export`: a harvest's output as flat tables (`patsnap_async.export`).

Nothing is sent and no credential is read.
"""

from __future__ import annotations

import argparse
import os
import textwrap
from pathlib import Path
from typing import Any, Final

from .._errors import ConfigurationError, ExportError
from .._export import Exported, from_cache, from_output
from ..cache import RecordCache
from ._options import OptionError

__all__ = ["add_export_command", "run_export"]

#: `--format`'s choices, and the formats each writes.
FORMATS: Final = {"csv": ("csv",), "parquet": ("parquet",), "both": ("csv", "parquet")}


def add_export_command(commands: argparse._SubParsersAction[Any]) -> None:
    """Register `export` on the command line's subparsers."""
    command = commands.add_parser(
        "export",
        help="write a harvest's output as flat tables (CSV, Parquet); nothing is sent",
        description=textwrap.fill(
            "Write a harvest's output as flat tables in a folder: one table of records "
            "(scalar columns, nested objects flattened) and one per list of objects (family "
            "members, citing patents, a hit's patents and alignments), each row keyed by the "
            "requested id (and index). Column types come from the model of the command "
            "that made the output (its manifest) and are written to schema.json beside "
            "the tables. Parquet needs pyarrow: pip install 'patsnap-async[parquet]'.",
            80,
        ),
        epilog="examples:\n  patsnap-async export families.jsonl -o families\n"
        "  patsnap-async export hits.jsonl -o hits --format both",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = command.add_mutually_exclusive_group(required=True)
    source.add_argument("output", metavar="OUTPUT", nargs="?",
                        help="the JSONL file a harvest wrote")  # fmt: skip
    source.add_argument("--from-cache", metavar="FILE",
                        help="export a record cache instead: one folder of tables per "
                        "lookup (P014/, P018/...)")  # fmt: skip
    command.add_argument(
        "-o", "--to", dest="folder", required=True, metavar="FOLDER",
        help="the folder of the tables: created, or empty, or an earlier export (--overwrite)",
    )  # fmt: skip
    command.add_argument(
        "--format", choices=tuple(FORMATS), default="csv",
        help="csv (default), parquet, or both",
    )  # fmt: skip
    command.add_argument("--overwrite", action="store_true", help="replace the export FOLDER holds")
    command.add_argument("-q", "--quiet", action="store_true", help="print nothing")
    command.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    """Export; print the tables written. Exit status 2 for what cannot be exported.

    Raises:
        OptionError: the output is no harvest's, the folder holds other files, or
            Parquet is asked for without pyarrow (the message says what to do).
    """
    try:
        if args.from_cache is not None:
            return _export_cache(args)
        done = from_output(
            args.output, args.folder, formats=FORMATS[args.format], overwrite=args.overwrite
        )
    except ExportError as error:
        raise OptionError(error.naming(lambda name: f"--{name}")) from None
    except OSError as error:
        raise OptionError(
            f"cannot write {error.filename or args.folder}: {error.strerror}"
        ) from None
    if not args.quiet:
        print("\n".join(report(done)))
    return 0


def _export_cache(args: argparse.Namespace) -> int:
    """Export a record cache: a folder of tables per lookup."""
    path = Path(args.from_cache).expanduser()
    if not path.is_file():
        raise OptionError(f"--from-cache {args.from_cache}: no such file")
    try:
        cache = RecordCache(path)
    except ConfigurationError as error:
        raise OptionError(str(error)) from None
    try:
        done = from_cache(cache, args.folder, formats=FORMATS[args.format],
                          overwrite=args.overwrite)  # fmt: skip
    finally:
        cache.close()
    if not args.quiet:
        for exported in done.values():
            print("\n".join(report(exported)))
    return 0


def report(done: Exported) -> list[str]:
    """What `export` prints: one line a table (rows, files), and where the types are."""
    folder = str(done.folder).rstrip(os.sep) + os.sep
    lines = [f"export: {done.source} -> {folder}"]
    width = max(len(table.name) for table in done.tables)
    for table in done.tables:
        files = "  ".join(path.name for path in table.files)
        lines.append(f"  {table.name:<{width}}  {table.rows:>8} rows  {files}")
    lines.append(f"  column types in {done.schema}")
    lines += [f"  note: {note}" for note in done.notes]
    return lines
