"""The `patsnap-async` command line: one package, one place for each concern.

- `_options.py`: the platform options every command shares (credentials, base URL,
  qps, retries), how their values are read, the client built from them, and the map
  from the library's argument names to flags (each argparse action's `dest`), so
  the library speaks Python names and the command line translates them once;
- `_harvest.py`: the harvest commands' parsers; `_run.py`: running one (its input, its
  job, its signals, its report); `_params.py`: the operation `get` and `list` name,
  and their `--param NAME=VALUE`s typed;
- `_endpoints.py`: `patsnap-async endpoints`, the catalog as a table or JSON lines;
- `_export.py`: `patsnap-async export`, a harvest's output as flat tables;
- `_usage.py`: `patsnap-async usage`, the account's statement beside what was billed here;
- `_mcp.py`: `patsnap-async mcp`; `_demo.py`: `patsnap-async demo`;
- this module: `main`, the parser, and the `emulator` command.

The harvests run through `patsnap_async.harvest`'s jobs, the client through the
public API.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
from collections.abc import Sequence
from typing import NoReturn

from .. import (
    ConfigurationError,
    PatsnapClient,
    PatsnapError,
    __version__,
)
from .._logs import enable_logging
from ..testing import Emulator, run_emulator
from ._demo import DEMO_SEQ_ID, DEMO_SEQ_PATENTS, run_demo
from ._endpoints import add_endpoints_command
from ._export import add_export_command
from ._harvest import add_harvest_commands
from ._mcp import add_mcp_command
from ._options import OptionError, port, positive_int, rate, seconds
from ._usage import add_usage_command

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
    except (OptionError, ConfigurationError) as error:
        print(f"patsnap-async: error: {error}", file=sys.stderr)
        code = 2
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
    add_harvest_commands(commands, _Parser)
    add_endpoints_command(commands)
    add_export_command(commands)
    add_usage_command(commands)
    add_mcp_command(commands)
    _demo_command(commands)
    _emulator_command(commands)
    # Before or after the command's name: the command's own default must not undo
    # a --verbose given before it, hence SUPPRESS there.
    for command in commands.choices.values():
        _add_verbose(command, default=argparse.SUPPRESS)
    return parser


def _demo_command(commands: argparse._SubParsersAction[_Parser]) -> None:
    demo = commands.add_parser(
        "demo",
        help="a short harvest against the bundled emulator (no account, no network)",
        description="Run a short harvest against the bundled emulator, with no account "
        "and no network, and print what it cost.",
        epilog="example:\n  patsnap-async demo --count 500 --qps 20",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument("--count", type=positive_int, default=250, help="patent numbers to look up")
    demo.add_argument("--qps", type=rate, default=20.0, help="the emulated QPS limit")
    demo.set_defaults(run=_demo)


def _emulator_command(commands: argparse._SubParsersAction[_Parser]) -> None:
    emulator = commands.add_parser(
        "emulator",
        help="serve the PatSnap emulator over HTTP",
        description="Serve the bundled PatSnap emulator over HTTP; it prints its URL and "
        "credentials.",
        epilog="example:\n  patsnap-async emulator --port 8080 --qps 10",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    emulator.add_argument("--host", default="127.0.0.1")
    emulator.add_argument("--port", type=port, default=8080, help="0: any free port")
    emulator.add_argument("--qps", type=rate, default=None, help="QPS limit (none)")
    emulator.add_argument(
        "--latency",
        type=seconds,
        nargs=2,
        metavar=("MIN", "MAX"),
        default=None,
        help="answer latency range in seconds",
    )
    emulator.add_argument(
        "--network-delay", type=seconds, default=0.0, help="one-way delay, seconds"
    )
    emulator.add_argument("--network-jitter", type=seconds, default=0.0, help="its spread, seconds")
    emulator.add_argument("--token-ttl", type=seconds, default=1799.0, help="token life, seconds")
    emulator.add_argument("--seed", type=int, default=0)
    emulator.add_argument(
        "--search-total",
        type=_search_total,
        action="append",
        default=[],
        metavar="QUERY=N",
        help="the total of a query's results (repeatable); default 0-5000 by the query",
    )
    emulator.set_defaults(run=_emulator)


def _search_total(text: str) -> tuple[str, int]:
    query, _, count = text.rpartition("=")
    if not query or not count.isdigit():
        raise argparse.ArgumentTypeError(f"expected QUERY=N, got {text!r}")
    return query, int(count)


def _add_verbose(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument(
        "--verbose",
        action="store_true",
        default=default,
        help="log each request, retry decision and wait to stderr (as PATSNAP_LOG=debug)",
    )


def _emulator(args: argparse.Namespace) -> int:
    latency = tuple(args.latency) if args.latency else 0.0
    try:
        run_emulator(
            host=args.host,
            port=args.port,
            qps=args.qps,
            latency=latency,
            seed=args.seed,
            search_totals=dict(args.search_total),
            network_delay=args.network_delay,
            network_jitter=args.network_jitter,
            token_ttl=args.token_ttl,
        )
    except OSError as error:  # the port is taken, or the host is not this machine's
        why = os.strerror(error.errno) if error.errno else str(error)
        raise OptionError(f"cannot serve on {args.host}:{args.port}: {why}") from None
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
