"""`patsnap-async usage`: the account's statement over a range of days, beside what this
machine billed (`patsnap_async.usage`)."""

from __future__ import annotations

import argparse
import asyncio
import datetime
import functools
import json
import os
import textwrap
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from .._client import DEFAULT_BASE_URL
from .._errors import ConfigurationError
from .._usage import (
    FIRST_DAY,
    BilledRow,
    HarvestedLedger,
    Statement,
    UsageLine,
    compare,
    day_bounds,
    statement,
)
from ..cache import RecordCache, default_path
from ._options import OptionError, add_platform_options, open_client

__all__ = ["add_usage_command", "run_usage"]


def day(text: str) -> datetime.date:
    """An argparse type: a day, `YYYY-MM-DD` or `YYYYMMDD`, from `FIRST_DAY` on."""
    for form in ("%Y-%m-%d", "%Y%m%d"):
        try:
            found = datetime.datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
        if found < FIRST_DAY:
            raise argparse.ArgumentTypeError(
                f"{text!r} is before {FIRST_DAY}: no statement is that old"
            )
        return found
    raise argparse.ArgumentTypeError(f"not a day as YYYY-MM-DD: {text!r}")


def add_usage_command(commands: argparse._SubParsersAction[Any]) -> None:
    """Register `usage` on the command line's subparsers."""
    command = commands.add_parser(
        "usage",
        help="the account's calls and charges per API over a range of days, beside what "
        "this machine billed",
        description=textwrap.fill(
            "Print PatSnap's statement of account (Statement of account V2) from --from to "
            "--to, both days included: each API's calls, charged times and amount, as the "
            "platform states them; beside them, the records this machine recorded as "
            "billed, from the record cache's ledger (the default cache, or --cache FILE) "
            "or from the harvest outputs given with --harvested. The platform takes "
            "the account's client id and secret in the request, so an API key alone is "
            "not enough.",
            80,
        ),
        epilog="example:\n  patsnap-async usage --from 2025-03-01 --to 2025-03-31 "
        "--harvested families.jsonl cited.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument("--from", dest="start", type=day, required=True, metavar="DATE",
                         help="the first day, YYYY-MM-DD")  # fmt: skip
    command.add_argument("--to", dest="end", type=day, required=True, metavar="DATE",
                         help="the last day (included), YYYY-MM-DD")  # fmt: skip
    command.add_argument(
        "--harvested", nargs="+", default=[], metavar="OUTPUT",
        help="harvest outputs whose records count as billed here (family, cited-by, get): "
        "they record no time, so each counts whole; give those of the range",
    )  # fmt: skip
    command.add_argument(
        "--json", action="store_true", help="one JSON object: the APIs, counted APIs, amount"
    )
    command.add_argument(
        "--cache", metavar="FILE", dest="ledger_cache",
        help="the record cache whose ledger counts as billed here (default: the default "
        "cache, when it exists)",
    )  # fmt: skip
    command.add_argument("--no-cache", action="store_true", dest="ledger_off",
                         help="compare with no cache's ledger")  # fmt: skip
    add_platform_options(command)
    command.set_defaults(run=run_usage)


def run_usage(args: argparse.Namespace) -> int:
    """Print the statement, each API beside what was billed here.

    Raises:
        OptionError: `--to` before `--from`, no client id and secret, comparison
            options that do not go together, or a `--harvested` output that is no
            file or has no manifest.
    """
    if args.end < args.start:
        raise OptionError(f"--to {args.end} is before --from {args.start}")
    client_id, client_secret = _pair(args)
    side = _side(args)
    found = asyncio.run(_statement(args, client_id, client_secret))
    billed = None
    if side is not None:
        billed = list(side.billed(*day_bounds(args.start, args.end)))
    lines = compare(found, billed)
    notes = _notes(side, lines)
    if args.json:
        print(json.dumps(_as_json(args, found, lines, notes), ensure_ascii=False))
    else:
        print("\n".join(table(args.start, args.end, found, lines, side is not None)))
        print("\n".join(notes))
    return 0


def _check_harvested(outputs: Iterable[str]) -> None:
    """Each output of `--harvested` is a file with its manifest beside it."""
    for output in outputs:
        path = Path(output)
        if not path.is_file():
            raise OptionError(f"--harvested {output}: no such file")
        if not path.with_name(f"{path.name}.manifest.json").is_file():
            raise OptionError(
                f"--harvested {output}: no manifest says what it harvested "
                f"({path.name}.manifest.json beside it); give the output of a harvest"
            )


@attrs.frozen
class _Side:
    """This machine's side of the comparison: a `BilledLedger`'s `billed` (a record
    cache's may be bound to the host the statement is of), and what to say of it once
    counted."""

    billed: Callable[[datetime.datetime, datetime.datetime], Iterable[BilledRow]]
    describe: Callable[[], list[str]]


def _side(args: argparse.Namespace) -> _Side | None:
    """The harvest outputs given, else the record cache's ledger (of the host the
    statement is of); None: nothing to compare with."""
    given = [flag for flag, value in (("--cache", args.ledger_cache),
                                      ("--harvested", args.harvested)) if value]  # fmt: skip
    if len(given) == 2 or (given and args.ledger_off):
        others = given if len(given) == 2 else ["--no-cache", *given]
        raise OptionError(f"{' and '.join(others)} do not go together")
    if args.harvested:
        _check_harvested(args.harvested)
        outputs = HarvestedLedger(args.harvested)
        return _Side(outputs.billed, outputs.describe)
    # Named apart from the cache options of the fetching commands: this command
    # only reads the cache's ledger, it never opens it for records.
    path = Path(args.ledger_cache).expanduser() if args.ledger_cache else default_path()
    if args.ledger_cache and not path.is_file():
        raise OptionError(f"--cache {args.ledger_cache}: no such file")
    if args.ledger_off or not path.exists():
        return None
    try:
        cache = RecordCache(path)
    except ConfigurationError as error:
        raise OptionError(f"{error}; or run with --no-cache") from None
    host = (args.base_url or os.environ.get("PATSNAP_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
    billed = functools.partial(cache.billed, host=host)
    return _Side(billed, lambda: [f"the record cache {path}"])


def _pair(args: argparse.Namespace) -> tuple[str, str]:
    """The client id and secret, from the options or `PATSNAP_*`; refused without both."""
    if args.api_key is not None:
        raise OptionError(
            "usage takes --client-id and --client-secret, not --api-key: the statement of "
            "account asks for the account's client id and secret"
        )
    client_id = args.client_id or os.environ.get("PATSNAP_CLIENT_ID")
    client_secret = args.client_secret or os.environ.get("PATSNAP_CLIENT_SECRET")
    if not client_id or not client_secret:
        raise OptionError(
            "usage needs the account's client id and secret (--client-id and "
            "--client-secret, or PATSNAP_CLIENT_ID and PATSNAP_CLIENT_SECRET): the statement "
            "of account asks for them; an API key is not enough"
        )
    return client_id, client_secret


async def _statement(args: argparse.Namespace, client_id: str, client_secret: str) -> Statement:
    pair = {"client_id": client_id, "client_secret": client_secret}
    async with open_client(args, base_url=args.base_url, **pair) as client:
        return await statement(client, args.start, args.end, **pair)


def _number(value: float | None) -> float | int | None:
    """A figure as it reads best: 250, not 250.0."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _shown(value: float | None, form: str = "") -> str:
    return "-" if value is None else format(_number(value), form)


def table(
    start: datetime.date,
    end: datetime.date,
    found: Statement,
    lines: Sequence[UsageLine],
    here: bool,
) -> list[str]:
    """The statement as aligned lines: one per API, then the total (`here`: with the
    BILLED HERE column)."""
    rows = [("CODE", "API", "CALLS", "CHARGED", "AMOUNT", "BILLED HERE" if here else "")]
    for line in lines:
        mark = " *" if line.differs else ""
        billed = _shown(line.billed_here) + mark if here else ""
        rows.append((line.code or "", line.name or line.path or "", _shown(line.calls),
                     _shown(line.charged), _shown(line.amount, ".2f"), billed))  # fmt: skip
    total_calls = sum(line.calls or 0 for line in lines)
    total_charged = sum(line.charged or 0 for line in lines)
    total_here = sum(line.billed_here or 0 for line in lines)
    rows.append(("total", "", _shown(total_calls), _shown(total_charged),
                 _shown(found.usage_money, ".2f"), _shown(total_here) if here else ""))  # fmt: skip
    sizes = [max(len(row[n]) for row in rows) for n in range(6)]
    out = [f"PatSnap statement of account, {start} to {end}"]
    for row in rows:
        left = f"{row[0]:<{sizes[0]}}  {row[1]:<{sizes[1]}}"
        right = "  ".join(f"{cell:>{size}}" for cell, size in zip(row[2:], sizes[2:], strict=True))
        out.append(f"{left}  {right}".rstrip())
    for counted in found.combo_usage:
        out.append(f"counted: {counted.name or counted.url}: {_shown(counted.used_num)} uses")
    return out


def _notes(side: _Side | None, lines: Sequence[UsageLine]) -> list[str]:
    if side is None:
        return [
            "billed here: not compared; --cache FILE counts a record cache's ledger, "
            "--harvested OUTPUT... the records of harvest outputs"
        ]
    where, *left_out = side.describe()
    notes = [f"billed here: {where}", *(f"  {note}" for note in left_out)]
    if any(line.differs for line in lines):
        notes.append("* the statement and this machine differ on what was billed")
    return notes


def _as_json(
    args: argparse.Namespace, found: Statement, lines: Sequence[UsageLine], notes: list[str]
) -> dict[str, Any]:
    apis = [
        {"code": line.code, "path": line.path, "name": line.name, "calls": _number(line.calls),
         "charged": _number(line.charged), "amount": line.amount,
         "billed_here": line.billed_here}
        for line in lines
    ]  # fmt: skip
    counted = [{"url": c.url, "name": c.name, "used": c.used_num} for c in found.combo_usage]
    return {
        "from": str(args.start),
        "to": str(args.end),
        "apis": apis,
        "counted": counted,
        "amount": found.usage_money,
        "notes": notes,
    }
