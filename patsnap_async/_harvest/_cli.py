"""The harvesting commands of the command line: one parser function per command."""

from __future__ import annotations

import argparse
import asyncio
import datetime
import logging
import math
import re
import sys
import textwrap
from pathlib import Path
from typing import Any

from .. import (
    MAX_SEARCH_RESULTS,
    ConfigurationError,
    PatsnapClient,
    SequenceJobError,
    harvest,
)
from ._input import HarvestError, read_ids
from ._plan import dry_run
from ._progress import Progress, Summary
from ._search import Split

__all__ = ["add_harvest_commands", "positive_float", "positive_int", "run_harvest"]

_UNITS = {
    "family": "ids",
    "cited-by": "ids",
    "sequence-patents": "seq_ids",
    "search": "results",
    "sequence-search": "hits",
}
#: Python argument names in the SDK's messages, and the flag each one is.
_FLAGS = {
    "page_size": "--page-size",
    "max_results": "--max-results",
    "api_key": "--api-key",
    "client_id": "--client-id",
    "client_secret": "--client-secret",
    "base_url": "--base-url",
    "qps": "--qps",
    "max_retries": "--max-retries",
    "limit": "--limit",
    "sequence_type": "--sequence-type",
    "query_type": "--query-type",
    "algorithm": "--algorithm",
    "motif": "--motif",
}
_NAMES = re.compile(r"\b(" + "|".join(_FLAGS) + r")(=|(?= must| is))")


def flags(message: str) -> str:
    """An SDK message with its Python argument names replaced by the matching flags."""
    return _NAMES.sub(lambda m: _FLAGS[m.group(1)], message)


def add_harvest_commands(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add `family`, `cited-by`, `sequence-patents`, `search` and `sequence-search`."""
    common = _common(parser_class)
    for name in ("family", "cited-by"):
        _patents_command(commands, common, name)
    _sequence_patents_command(commands, common)
    _search_command(commands, common)
    _sequence_search_command(commands, common)


def _add(commands: Any, common: argparse.ArgumentParser, name: str, about: str, example: str,
         **kwargs: Any) -> argparse.ArgumentParser:  # fmt: skip
    command: argparse.ArgumentParser = commands.add_parser(
        name,
        parents=[common],
        description=textwrap.fill(about, 80),
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        **kwargs,
    )
    command.set_defaults(run=run_harvest)
    return command


def _common(parser_class: type[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    common = parser_class(add_help=False)
    out = common.add_argument_group("output")
    out.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="JSONL file, one record a line"
    )
    again = out.add_mutually_exclusive_group()
    again.add_argument(
        "--resume", action="store_true", help="continue the harvest already in --output"
    )
    again.add_argument(
        "--overwrite", action="store_true", help="start afresh even if --output holds records"
    )
    out.add_argument("-q", "--quiet", action="store_true", help="no progress line, no summary")
    out.add_argument(
        "--dry-run",
        action="store_true",
        help="print the requests (and billed results) the run would take; send nothing",
    )
    api = common.add_argument_group("platform")
    api.add_argument("--qps", type=_rate, default=5.0, metavar="N",
                     help="your account's requests per second (default 5)")  # fmt: skip
    api.add_argument("--max-retries", type=_count, default=None, metavar="N",
                     help="retries after a failure (default 5)")  # fmt: skip
    api.add_argument(
        "--base-url", metavar="URL", help="default: $PATSNAP_BASE_URL, else PatSnap's global host"
    )
    api.add_argument("--client-id", metavar="ID", help="default: $PATSNAP_CLIENT_ID")
    api.add_argument("--client-secret", metavar="SECRET", help="default: $PATSNAP_CLIENT_SECRET")
    api.add_argument("--api-key", metavar="KEY", help="default: $PATSNAP_API_KEY")
    return common


def _ids_input(command: argparse.ArgumentParser, what: str, *, required: bool = True) -> None:
    command.add_argument(
        "-i", "--input", required=required, metavar="FILE",
        help=f"{what}, one a line (# comments and blank lines skipped); - for stdin",
    )  # fmt: skip
    command.add_argument(
        "--column", metavar="NAME|N",
        help="read a CSV/TSV file's column, by header name or number from 1",
    )  # fmt: skip


def _patents_command(commands: Any, common: argparse.ArgumentParser, name: str) -> None:
    what = "patent families (P014)" if name == "family" else "citing patents (P015)"
    command = _add(
        commands, common, name,
        f"Harvest the {what} of every patent number (or PatSnap patent id) in a file, "
        "100 ids a request, into JSONL. PatSnap bills each record returned.",
        f"patsnap-async {name} -i numbers.csv --column pn -o {name}.jsonl --max-billed 5000",
        help=f"{what} of every id",
    )  # fmt: skip
    _ids_input(command, "patent numbers")
    command.add_argument(
        "--patent-ids", action="store_true", help="the input holds PatSnap patent ids"
    )
    command.add_argument(
        "--max-billed", type=positive_int, metavar="N",
        help="stop before this run's billed results could pass N (resume later)",
    )  # fmt: skip


def _sequence_patents_command(commands: Any, common: argparse.ArgumentParser) -> None:
    command = _add(
        commands, common, "sequence-patents",
        "Harvest every patent of every sequence id in a file (B005), one line per patent.",
        "patsnap-async sequence-patents -i seq_ids.txt -o seq-patents.jsonl",
        help="every patent of every sequence (B005)",
    )  # fmt: skip
    _ids_input(command, "sequence ids (seq_id)")


def _search_command(commands: Any, common: argparse.ArgumentParser) -> None:
    command = _add(
        commands, common, "search",
        "Harvest every result of an analytics query (P002), or of each query of a file. "
        f"The platform serves at most {MAX_SEARCH_RESULTS} results of a query: --split harvests "
        "the rest by cutting the query into publication date ranges.",
        'patsnap-async search "TACD: virtual reality" -o vr.jsonl --split',
        help="every result of an analytics query (P002)",
    )  # fmt: skip
    command.add_argument("query", nargs="?", help='e.g. "TACD: virtual reality"')
    _ids_input(command, "queries", required=False)
    command.add_argument("--max-results", type=positive_int, default=None,
                         help=f"at most {MAX_SEARCH_RESULTS} (default: all)")  # fmt: skip
    command.add_argument("--page-size", type=positive_int, default=1000,
                         help="results per request (1-1000)")  # fmt: skip
    command.add_argument(
        "--split", action="store_true",
        help=f"past {MAX_SEARCH_RESULTS} results, harvest by halving date ranges, down to a day",
    )  # fmt: skip
    command.add_argument("--split-field", default="PBD", metavar="FIELD",
                         help="date field of the ranges (default PBD)")  # fmt: skip
    command.add_argument("--split-format", default="%Y%m%d", metavar="FORMAT",
                         help="strftime format of its dates (default %%Y%%m%%d)")  # fmt: skip
    command.add_argument("--strict", action="store_true",
                         help="exit 1 when a query has more results than served")  # fmt: skip


def _sequence_search_command(commands: Any, common: argparse.ArgumentParser) -> None:
    command = _add(
        commands, common, "sequence-search",
        "Submit a sequence (or motif) search, wait for the job, and write every hit "
        "(B004/B003). The job id is saved at once, so --resume never submits twice.",
        "patsnap-async sequence-search MQVDLLGSAQSAHALHLFHQHS -o hits.jsonl --limit 500",
        help="submit a sequence search, wait, and write every hit (B004/B003)",
    )  # fmt: skip
    command.add_argument("sequence", nargs="?", help="the query sequence (or use --motif)")
    command.add_argument("--motif", help='a motif search instead, e.g. "RSMATC[AN]{0,1}"')
    types = ("PROTEIN", "NUCLEOTIDE")
    command.add_argument("--sequence-type", type=str.upper, choices=types, default="PROTEIN")
    command.add_argument(
        "--query-type", type=str.upper, choices=types, help="type searched (default: the same)"
    )
    command.add_argument(
        "--algorithm", help="blast algorithm (default: blastp, blastn, blastx-fast, tblastn-fast)"
    )
    command.add_argument("--limit", type=positive_int, default=1000, help="most hits (1-10000)")
    command.add_argument(
        "--expand-patents", action="store_true", help="every patent of hits with over 100"
    )
    command.add_argument(
        "--poll-interval", type=positive_float, default=5.0, help="seconds (default 5)"
    )
    command.add_argument("--wait-timeout", type=_rate, default=600.0,
                         help="seconds to wait for the job (default 600)")  # fmt: skip


def _whole(text: str, *, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"must be at least {minimum}: {text!r}")
    return value


def positive_int(text: str) -> int:
    """An argparse type: a whole number >= 1."""
    return _whole(text, minimum=1)


def positive_float(text: str) -> float:
    """An argparse type: a number >= 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not (value >= 0 and math.isfinite(value)):  # nan and inf too
        raise argparse.ArgumentTypeError(f"must be a finite number >= 0: {text!r}")
    return value


def _rate(text: str) -> float:
    value = positive_float(text)
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a positive number: {text!r}")
    return value


def _count(text: str) -> int:
    return _whole(text, minimum=0)


# --- running ------------------------------------------------------------------------


def run_harvest(args: argparse.Namespace) -> int:
    """Run one harvesting command; return its exit status."""
    summary = Summary(args.command, Path(args.output))
    # The summary reports what the SDK would log as a warning (a truncated query):
    # without a handler of its own, Python would print that warning a second time.
    log = logging.getLogger("patsnap_async")
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())
    try:
        return asyncio.run(_run(args, summary))
    except KeyboardInterrupt:
        summary.interrupted = True
        if not args.quiet:
            print(summary.render(billed=args.command in ("family", "cited-by")), file=sys.stderr)
        print(
            f"patsnap-async: interrupted; run the same command with --resume to continue "
            f"({args.output})",
            file=sys.stderr,
        )
        return 130
    except HarvestError as error:
        print(f"patsnap-async: error: {flags(str(error))}", file=sys.stderr)
        return 2
    except OSError as error:  # a side file that cannot be written, mid-run
        print(
            f"patsnap-async: error: cannot write {error.filename or args.output}: "
            f"{error.strerror or error}",
            file=sys.stderr,
        )
        return 2


def _ids(args: argparse.Namespace) -> list[str]:
    if args.command == "search":
        if (args.query is None) == (args.input is None):
            raise HarvestError("give either a query or -i FILE of queries")
        if args.query is not None:
            return [args.query]
    elif args.command == "sequence-search":
        if (args.sequence is None) == (args.motif is None):
            raise HarvestError("give either a sequence or --motif")
        return []
    if args.column is not None and not args.column.strip():
        raise HarvestError("--column needs a header name or a number")
    return read_ids(args.input, column=args.column, queries=args.command == "search")


async def _run(args: argparse.Namespace, summary: Summary) -> int:
    command: str = args.command
    ids = _ids(args)
    if args.dry_run:
        print(dry_run(args, ids))
        return 0
    try:
        # Credentials come from the options, else from PATSNAP_* (the client reads them).
        client = PatsnapClient(
            api_key=args.api_key,
            client_id=args.client_id,
            client_secret=args.client_secret,
            base_url=args.base_url,
            qps=args.qps,
            max_retries=args.max_retries,
        )
    except ConfigurationError as error:
        raise HarvestError(str(error)) from None
    progress = Progress(command, _UNITS[command], enabled=not args.quiet and sys.stderr.isatty())
    options: dict[str, Any] = {"resume": args.resume, "overwrite": args.overwrite}
    options |= {"progress": progress, "summary": summary}
    async with client:
        await _dispatch(args, client, ids, options)
    strict = command == "search" and args.strict
    if not args.quiet:
        print(summary.render(billed=command in ("family", "cited-by")), file=sys.stderr)
    else:
        for note in summary.truncated:
            print(f"patsnap-async: warning: {note}", file=sys.stderr)
    output = summary.output
    if summary.stopped is not None:
        # A failed job stays failed; anything else may go through on a later run.
        hint = "" if isinstance(summary.stopped, SequenceJobError) else " (rerun with --resume)"
        print(f"patsnap-async: error: {summary.stopped}{hint}", file=sys.stderr)
    elif summary.failed:
        print(
            f"patsnap-async: {len(summary.failed)} ids failed; they are in "
            f"{output}.failed, and why in {output}.errors",
            file=sys.stderr,
        )
    return summary.exit_code(strict=strict)


async def _dispatch(
    args: argparse.Namespace, client: PatsnapClient, ids: list[str], options: dict[str, Any]
) -> None:
    command: str = args.command
    output: str = args.output
    try:
        if command in ("family", "cited-by"):
            harvest_ids = harvest.family if command == "family" else harvest.cited_by
            await harvest_ids(client, ids, output, patent_ids=args.patent_ids,
                              max_billed=args.max_billed, **options)  # fmt: skip
        elif command == "sequence-patents":
            await harvest.sequence_patents(client, ids, output, **options)
        elif command == "search":
            split = Split(args.split_field, args.split_format) if args.split else None
            if split is not None:
                _check_split(split)
            queries = ids[0] if args.query is not None else ids
            await harvest.search(client, queries, output, split=split or False,
                                 max_results=args.max_results, page_size=args.page_size,
                                 **options)  # fmt: skip
        else:
            await harvest.sequence_search(
                client, output, sequence=args.sequence, motif=args.motif,
                sequence_type=args.sequence_type, query_type=args.query_type,
                algorithm=args.algorithm, limit=args.limit,
                expand_patents=args.expand_patents, poll_interval=args.poll_interval,
                wait_timeout=args.wait_timeout, **options,
            )  # fmt: skip
    except (ValueError, TypeError) as error:
        raise HarvestError(str(error)) from None


def _check_split(split: Split) -> None:
    try:
        text = datetime.date(2020, 12, 31).strftime(split.format)
    except ValueError as error:
        raise HarvestError(f"--split-format {split.format!r}: {error}") from None
    if not text.strip() or text == split.format:
        raise HarvestError(f"--split-format {split.format!r} formats no date (try %Y%m%d)")
