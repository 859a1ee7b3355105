"""The `patsnap-async` command line, built on the public API only."""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import sys
import time
from collections.abc import Sequence
from typing import NoReturn

from . import (
    ConfigurationError,
    PatsnapClient,
    PatsnapError,
    SequenceJob,
    SequenceJobError,
    __version__,
)
from ._demo import DEMO_SEQ_ID, DEMO_SEQ_PATENTS, run_demo
from ._harvest import (
    Output,
    Progress,
    Tally,
    UsageError,
    harvest_patents,
    harvest_search,
    harvest_sequence_patents,
    harvest_sequence_search,
    read_ids,
    summary,
)
from ._logs import enable_logging
from .testing import Emulator, run_emulator

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line; exit with 0 on success, 1 on failure, 2 on bad usage."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        raise SystemExit(2)
    if args.verbose:
        enable_logging(logging.DEBUG)
    try:
        code = args.run(args)
    except KeyboardInterrupt:
        code = 130
    except PatsnapError as error:
        print(f"patsnap-async: {error}", file=sys.stderr)
        code = 1
    raise SystemExit(code)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, and never echo a stray value."""

    def error(self, message: str) -> NoReturn:
        prefix = "unrecognized arguments: "
        if message.startswith(prefix):
            # A stray value may be a secret (`--api-kye sk-...`): name the options only.
            tokens = message.removeprefix(prefix).split(" ")
            options = [t.split("=", 1)[0] for t in tokens if t.startswith("-")]
            message = prefix + " ".join(options) if options else prefix.rstrip(": ")
            if options != tokens:
                message += " (values not shown)"
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="patsnap-async",
        description="Harvest the PatSnap Open Platform, or run its bundled emulator.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_verbose(parser, default=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _harvest_commands(commands)

    demo = commands.add_parser(
        "demo", help="a short harvest against the bundled emulator (no account, no network)"
    )
    demo.add_argument("--count", type=_positive_int, default=250, help="patent numbers to look up")
    demo.add_argument("--qps", type=_positive_float, default=20.0, help="the emulated QPS limit")
    demo.set_defaults(run=_demo)

    emulator = commands.add_parser("emulator", help="serve the PatSnap emulator over HTTP")
    emulator.add_argument("--host", default="127.0.0.1")
    emulator.add_argument("--port", type=int, default=8080)
    emulator.add_argument("--qps", type=_positive_float, default=None, help="QPS limit (none)")
    emulator.add_argument(
        "--latency",
        type=_positive_float,
        nargs=2,
        metavar=("MIN", "MAX"),
        default=None,
        help="answer latency range in seconds",
    )
    emulator.add_argument("--seed", type=int, default=0)
    emulator.set_defaults(run=_emulator)
    # Before or after the command's name: the command's own default must not undo
    # a --verbose given before it, hence SUPPRESS there.
    for command in commands.choices.values():
        _add_verbose(command, default=argparse.SUPPRESS)
    return parser


def _add_verbose(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument(
        "--verbose",
        action="store_true",
        default=default,
        help="log each request, retry decision and wait to stderr (as PATSNAP_LOG=debug)",
    )


def _whole(text: str, *, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"must be at least {minimum}: {text!r}")
    return value


def _positive_int(text: str) -> int:
    return _whole(text, minimum=1)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text!r}")
    return value


def _emulator(args: argparse.Namespace) -> int:
    latency = tuple(args.latency) if args.latency else 0.0
    run_emulator(host=args.host, port=args.port, qps=args.qps, latency=latency, seed=args.seed)
    return 0


def _demo(args: argparse.Namespace) -> int:
    return asyncio.run(_run_demo(args.count, args.qps))


async def _run_demo(count: int, qps: float) -> int:
    emulator = Emulator(
        qps=qps,
        latency=(0.05, 0.4),
        seed=7,
        sequence_patent_totals={DEMO_SEQ_ID: DEMO_SEQ_PATENTS},
    )
    async with emulator.serve() as url:
        print(f"Bundled PatSnap emulator at {url} (limit {qps:g} requests/s, 50-400 ms answers)")
        async with PatsnapClient(
            client_id=emulator.client_id,
            client_secret=emulator.client_secret,
            base_url=url,
            qps=qps,
        ) as client:
            started = time.monotonic()
            await run_demo(client, count)
            elapsed = time.monotonic() - started
            stats = client.stats
            print(
                f"\nCost: {stats.requests} HTTP requests ({stats.token_requests} token, "
                f"{stats.retries} retries, {stats.rate_limited} rate-limited answers), "
                f"{stats.billed_results} billed results, {elapsed:.1f} s"
            )
        over = emulator.max_arrivals_in_window(1.0)
        print(f"Busiest one-second window at the server: {over} requests (limit {qps:g})")
    return 0


# --- harvesting -----------------------------------------------------------------------

#: The default algorithm for each (sequence type, type searched).
_ALGORITHMS = {
    ("PROTEIN", "PROTEIN"): "blastp",
    ("NUCLEOTIDE", "NUCLEOTIDE"): "blastn",
    ("NUCLEOTIDE", "PROTEIN"): "blastx-fast",
    ("PROTEIN", "NUCLEOTIDE"): "tblastn-fast",
}
_UNITS = {
    "family": "ids",
    "cited-by": "ids",
    "sequence-patents": "seq_ids",
    "search": "results",
    "sequence-search": "hits",
}


def _harvest_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    common = _Parser(add_help=False)
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
    api = common.add_argument_group("platform")
    api.add_argument(
        "--qps",
        type=_rate,
        default=5.0,
        metavar="N",
        help="your account's requests per second (default 5)",
    )
    api.add_argument(
        "--max-retries",
        type=_count,
        default=None,
        metavar="N",
        help="retries after a failure (default 5)",
    )
    api.add_argument(
        "--base-url", metavar="URL", help="default: $PATSNAP_BASE_URL, else PatSnap's global host"
    )
    api.add_argument("--client-id", metavar="ID", help="default: $PATSNAP_CLIENT_ID")
    api.add_argument("--client-secret", metavar="SECRET", help="default: $PATSNAP_CLIENT_SECRET")
    api.add_argument("--api-key", metavar="KEY", help="default: $PATSNAP_API_KEY")

    def ids_input(command: argparse.ArgumentParser, what: str) -> None:
        command.add_argument(
            "-i",
            "--input",
            required=True,
            metavar="FILE",
            help=f"{what}, one a line (# comments and blank lines skipped); - for stdin",
        )

    for name, what in (("family", "patent families (P014)"), ("cited-by", "citing patents (P015)")):
        command = commands.add_parser(name, parents=[common], help=f"{what} of every id")
        ids_input(command, "patent numbers")
        command.add_argument(
            "--patent-ids", action="store_true", help="the input holds PatSnap patent ids"
        )
        command.set_defaults(run=_harvest)

    command = commands.add_parser(
        "sequence-patents", parents=[common], help="every patent of every sequence (B005)"
    )
    ids_input(command, "sequence ids (seq_id)")
    command.set_defaults(run=_harvest)

    command = commands.add_parser(
        "search", parents=[common], help="every result of an analytics query (P002)"
    )
    command.add_argument("query", help='e.g. "TACD: virtual reality"')
    command.add_argument(
        "--max-results", type=_positive_int, default=None, help="at most 20000 (default: all)"
    )
    command.add_argument(
        "--page-size", type=_positive_int, default=1000, help="results per request (1-1000)"
    )
    command.set_defaults(run=_harvest)

    command = commands.add_parser(
        "sequence-search",
        parents=[common],
        help="submit a sequence search, wait, and write every hit (B004/B003)",
    )
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
    command.add_argument("--limit", type=_positive_int, default=1000, help="most hits (1-10000)")
    command.add_argument(
        "--expand-patents", action="store_true", help="every patent of hits with over 100"
    )
    command.add_argument(
        "--poll-interval", type=_positive_float, default=5.0, help="seconds (default 5)"
    )
    command.add_argument(
        "--wait-timeout",
        type=_rate,
        default=600.0,
        help="seconds to wait for the job (default 600)",
    )
    command.set_defaults(run=_harvest)


def _rate(text: str) -> float:
    value = _positive_float(text)
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a positive number: {text!r}")
    return value


def _count(text: str) -> int:
    return _whole(text, minimum=0)


def _harvest(args: argparse.Namespace) -> int:
    try:
        return asyncio.run(_run_harvest(args))
    except KeyboardInterrupt:
        print(
            f"patsnap-async: interrupted; run the same command with --resume to continue "
            f"({args.output})",
            file=sys.stderr,
        )
        return 130


def _usage(error: Exception) -> int:
    print(f"patsnap-async: error: {error}", file=sys.stderr)
    return 2


async def _run_harvest(args: argparse.Namespace) -> int:
    """Run one harvesting command; return its exit status."""
    started = time.monotonic()
    command: str = args.command
    try:
        ids = read_ids(args.input) if "input" in args else []
        if command == "sequence-search" and (args.sequence is None) == (args.motif is None):
            raise UsageError("give either a sequence or --motif")
        # Credentials come from the options, else from PATSNAP_* (the client reads them).
        client = PatsnapClient(
            api_key=args.api_key,
            client_id=args.client_id,
            client_secret=args.client_secret,
            base_url=args.base_url,
            qps=args.qps,
            max_retries=args.max_retries,
        )
    except (UsageError, ConfigurationError) as error:
        return _usage(error)
    async with client:
        try:
            output = Output.open(args.output, resume=args.resume, overwrite=args.overwrite)
        except UsageError as error:
            return _usage(error)
        progress = Progress(
            command, _UNITS[command], enabled=not args.quiet and sys.stderr.isatty()
        )
        try:
            tally = await _dispatch(args, client, output, ids, progress)
        except UsageError as error:
            return _usage(error)
        finally:
            progress.close()
            output.close()
        output.write_failed(tally.failed)
        if not args.quiet:
            elapsed = time.monotonic() - started
            print(summary(command, tally, output, client.stats, elapsed), file=sys.stderr)
    if tally.stopped is not None:
        # A failed job stays failed; anything else may go through on a later run.
        hint = "" if isinstance(tally.stopped, SequenceJobError) else " (rerun with --resume)"
        print(f"patsnap-async: error: {tally.stopped}{hint}", file=sys.stderr)
    elif tally.failed:
        print(
            f"patsnap-async: {len(tally.failed)} ids failed; they are in {output.failed_path}",
            file=sys.stderr,
        )
    return tally.exit_code


async def _dispatch(
    args: argparse.Namespace,
    client: PatsnapClient,
    output: Output,
    ids: list[str],
    progress: Progress,
) -> Tally:
    command: str = args.command
    if command in ("family", "cited-by"):
        return await harvest_patents(
            client,
            output,
            ids,
            cited_by=command == "cited-by",
            patent_ids=args.patent_ids,
            progress=progress,
        )
    if command == "sequence-patents":
        return await harvest_sequence_patents(client, output, ids, progress=progress)
    if command == "search":
        return await harvest_search(
            client,
            output,
            args.query,
            max_results=args.max_results,
            page_size=args.page_size,
            progress=progress,
        )
    sequence_type: str = args.sequence_type
    query_type: str = args.query_type or sequence_type

    async def submit() -> SequenceJob:
        if args.motif is not None:
            return await client.sequences.submit_motif(
                args.motif, sequence_type=sequence_type, query_type=query_type, limit=args.limit
            )
        return await client.sequences.submit(
            args.sequence,
            sequence_type=sequence_type,
            query_type=query_type,
            algorithm=args.algorithm or _ALGORITHMS[sequence_type, query_type],
            limit=args.limit,
        )

    return await harvest_sequence_search(
        client,
        output,
        submit,
        expand_patents=args.expand_patents,
        poll_interval=args.poll_interval,
        wait_timeout=args.wait_timeout,
        progress=progress,
    )
