"""`patsnap-async mcp`: serve the MCP tools of `patsnap_async.mcp` over stdio or HTTP."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import socket
import sys
import textwrap
from typing import Any

from ..testing import Emulator
from ._options import (
    OptionError,
    add_cache_options,
    add_platform_options,
    check_credentials,
    fixed_port,
    opened_client,
)

__all__ = ["add_mcp_command", "run_mcp"]

_CREDENTIALS = ("api_key", "client_id", "client_secret", "base_url")


def add_mcp_command(commands: argparse._SubParsersAction[Any]) -> None:
    """Register the `mcp` subcommand on the command line's subparsers.

    Args:
        commands: what `ArgumentParser.add_subparsers()` returned.
    """
    command = commands.add_parser(
        "mcp",
        help="serve PatSnap data as MCP tools for agents (stdio; HTTP with --port)",
        description=textwrap.fill(
            "An MCP server with PatSnap tools, over stdio (for an MCP client to launch) or, "
            "with --port, streamable HTTP on http://127.0.0.1:PORT/mcp. Lookups are answered "
            "from the record cache where they can (on by default). Requires the mcp extra: "
            "pip install 'patsnap-async[mcp]'.",
            80,
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  patsnap-async mcp --emulator\n  patsnap-async mcp --port 8000 --qps 5",
    )
    command.add_argument(
        "--port",
        type=fixed_port,
        default=None,
        help="serve streamable HTTP on 127.0.0.1:PORT instead of stdio",
    )
    command.add_argument(
        "--emulator",
        action="store_true",
        help="serve the bundled emulator's synthetic data (no account, no network; no "
        "record cache unless --cache FILE)",
    )
    add_platform_options(command)
    add_cache_options(command)
    command.set_defaults(run=run_mcp)


def run_mcp(args: argparse.Namespace) -> int:
    """Serve until the MCP client disconnects (stdio) or Ctrl+C (HTTP); return the status.

    Raises:
        OptionError: credentials missing or given with `--emulator`, or the port is taken.
    """
    try:
        from ..mcp import build_server
    except ImportError as error:
        print(
            f"patsnap-async: the mcp command needs the mcp extra ({error}); "
            "pip install 'patsnap-async[mcp]'",
            file=sys.stderr,
        )
        return 1
    if args.emulator and any(getattr(args, name) is not None for name in _CREDENTIALS):
        given = [f"--{n.replace('_', '-')}" for n in _CREDENTIALS if getattr(args, n) is not None]
        raise OptionError(f"--emulator takes no {', '.join(given)}")
    if not args.emulator:
        check_credentials(args)  # refused now, not once serving
    elif args.cache is None and args.max_age is None and not args.refresh:
        # The emulator's synthetic records have no place in the user's cache.
        args.no_cache = True
    if args.port is not None:
        _check_free(args.port)

    async def serve() -> None:
        async with contextlib.AsyncExitStack() as stack:
            emulated = {}
            if args.emulator:
                emulator = Emulator(qps=args.qps)
                url = await stack.enter_async_context(emulator.serve())
                emulated = {"base_url": url, "client_id": emulator.client_id,
                            "client_secret": emulator.client_secret}  # fmt: skip
            patsnap = await stack.enter_async_context(opened_client(args, **emulated))
            server = build_server(patsnap)
            if args.port is None:
                await server.run_stdio_async()
            else:
                print(f"MCP server on http://127.0.0.1:{args.port}/mcp", file=sys.stderr)
                await server.run_streamable_http_async(host="127.0.0.1", port=args.port)

    asyncio.run(serve())
    return 0


def _check_free(number: int) -> None:
    """Refuse a port that is taken now, before anything is started or printed."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", number))
        except OSError as error:
            raise OptionError(
                f"cannot serve on 127.0.0.1:{number}: {error.strerror or error}"
            ) from None
