"""`patsnap-async endpoints`: the catalog of the platform's operations, as a table or JSON.

Nothing is sent and no credential is read: the catalog is the package's own
(`patsnap_async.catalog`, generated from PatSnap's OpenAPI).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from typing import Any

from .._endpoints import Listing, Lookup
from .._operations import KINDS, Operation, Param
from ._options import OptionError

__all__ = ["add_endpoints_command", "describe_operation", "run_endpoints"]

#: The widest a name is shown on a terminal (cut with "…"; --json and pipes have it whole).
NAME_WIDTH = 40
#: The code column's width on a terminal: the few longer codes (`P060.patent-image-single`)
#: are shown whole, pushing the rest of their line, rather than widening every line.
CODE_WIDTH = 12


def add_endpoints_command(commands: argparse._SubParsersAction[Any]) -> None:
    """Register `endpoints` on the command line's subparsers."""
    command = commands.add_parser(
        "endpoints",
        help="list the platform's operations (code, kind, name, path); nothing is sent",
        description=textwrap.fill(
            "List the operations of the PatSnap Open Platform that the SDK knows (its "
            "catalog, from PatSnap's OpenAPI): a table, or one JSON object a line with "
            "--json. `get CODE` harvests a lookup, `list CODE` drains a listing; from "
            "Python, client.call(CODE, ...) runs any of them. No credentials are needed "
            "and nothing is sent.",
            80,
        ),
        epilog="examples:\n  patsnap-async endpoints claim\n"
        '  patsnap-async endpoints --group "patent legal" --kind lookup\n'
        "  patsnap-async endpoints P018 --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument(
        "text", nargs="?", metavar="TEXT",
        help="only operations whose code, name, summary or path holds TEXT (any case)",
    )  # fmt: skip
    command.add_argument(
        "--group", metavar="GROUP", help="only the groups whose name holds GROUP (any case)"
    )
    command.add_argument("--kind", choices=KINDS, help="only operations of this kind")
    command.add_argument(
        "--json", action="store_true",
        help="one JSON object a line: code, name, kind, method, path, group, summary, docs, "
        "params, and a lookup's ids and batch size or a listing's paging",
    )  # fmt: skip
    command.set_defaults(run=run_endpoints)


def run_endpoints(args: argparse.Namespace) -> int:
    """Print the operations the options select; 1 when none does.

    Raises:
        OptionError: `--group` names no group.
    """
    from .. import catalog  # 356 operations: loaded by the commands that use them

    ops = list(catalog.OPERATIONS.values())
    if args.group is not None:
        ops = [op for op in ops if args.group.strip().lower() in op.group.lower()]
        if not ops:
            raise OptionError(
                _no_group(args.group, sorted({op.group for op in catalog.OPERATIONS.values()}))
            )
    if args.kind is not None:
        ops = [op for op in ops if op.kind == args.kind]
    if args.text is not None:
        ops = [op for op in ops if _holds(op, args.text)]
    if not ops:
        print(f"patsnap-async: no operation matches {_criteria(args)}", file=sys.stderr)
        return 1
    if args.json:
        lines = [json.dumps(describe_operation(op), ensure_ascii=False) for op in ops]
    else:
        lines = table(ops, shutil.get_terminal_size().columns if sys.stdout.isatty() else None)
    try:
        print("\n".join(lines), flush=True)
    except BrokenPipeError:
        # `endpoints | head`: the reader has all it wants. Python would report the pipe
        # again when it flushes stdout at exit, so stdout goes nowhere from now on.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _criteria(args: argparse.Namespace) -> str:
    """`'claim' (--group 'legal', --kind listing)`: what was asked for."""
    options = [f"--{n} {getattr(args, n)!r}" for n in ("group", "kind") if getattr(args, n)]
    text = repr(args.text) if args.text is not None else "the options"
    return text + (f" ({', '.join(options)})" if options and args.text is not None else "")


def _holds(op: Operation, text: str) -> bool:
    wanted = text.strip().lower()
    return any(wanted in field.lower() for field in (op.code, op.name, op.summary, op.path))


def _no_group(group: str, groups: Sequence[str]) -> str:
    close = difflib.get_close_matches(group, groups, n=3, cutoff=0.5)
    if close:
        return f"--group {group!r}: no group has that name; did you mean {', '.join(close)}?"
    return f"--group {group!r}: no group has that name; the groups are {', '.join(groups)}"


def table(ops: Sequence[Operation], width: int | None = None) -> list[str]:
    """The operations as aligned lines under a header: code, kind, name, method and path.

    Args:
        width: the terminal's width: a name is cut to `NAME_WIDTH` and each line to
            `width`, each with "…", and the code column is `CODE_WIDTH` wide. None:
            nothing is cut (a pipe, a file).
    """
    rows = [("CODE", "KIND", "NAME", "METHOD PATH")]
    rows += [(op.code, op.kind, op.name, f"{op.method} {op.path}") for op in ops]
    if width is not None:
        rows = [(code, kind, _cut(name, NAME_WIDTH), where) for code, kind, name, where in rows]
    sizes = [max(len(row[column]) for row in rows) for column in range(3)]
    if width is not None:
        sizes[0] = min(sizes[0], CODE_WIDTH)
    lines = []
    for code, kind, name, where in rows:
        line = f"{code:<{sizes[0]}}  {kind:<{sizes[1]}}  {name:<{sizes[2]}}  {where}"
        lines.append(line if width is None else _cut(line, max(width - 1, 20)))
    return lines


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def describe_operation(op: Operation) -> dict[str, Any]:
    """What `endpoints --json` prints of one operation."""
    entry: dict[str, Any] = {
        "code": op.code,
        "name": op.name,
        "kind": op.kind,
        "method": op.method,
        "path": op.path,
        "group": op.group,
        "summary": op.summary,
        "docs": op.docs,
        "params": [_param(param) for param in op.params],
    }
    endpoint = op.endpoint
    billed = isinstance(endpoint, Lookup) and endpoint.billed
    entry["billed"] = "per record" if billed else "per call"
    if isinstance(endpoint, Lookup):
        entry["by"] = [way.param for way in endpoint.ids]
        entry["batch_size"] = endpoint.batch_size
    elif isinstance(endpoint, Listing):
        paging = endpoint.paging
        entry["paging"] = {
            "by": paging.by,
            "position": paging.position,
            "size": paging.size,
            "first": paging.first,
            "max_size": paging.max_size,
            "max_items": paging.max_items,
        }
        entry["items"] = endpoint.items
    if op.step is not None:
        entry["task"] = {"flow": op.step.flow, "role": op.step.role, "handle": op.step.handle}
    if op.note:
        entry["note"] = op.note
    return entry


def _param(param: Param) -> dict[str, Any]:
    described: dict[str, Any] = {
        "name": param.name,
        "where": param.where,
        "type": param.type,
        "required": param.required,
    }
    for stated in ("enum", "minimum", "maximum", "max_length"):
        value = getattr(param, stated)
        if value is not None:
            described[stated] = list(value) if stated == "enum" else value
    if param.description:
        described["description"] = param.description
    return described
