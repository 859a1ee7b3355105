"""`patsnap-async mcp`: serve the MCP tools of `patsnap_async.mcp` over stdio or HTTP."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import sys
from typing import Any

from ._client import PatsnapClient
from .testing import Emulator

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
        description="An MCP server with PatSnap tools, over stdio (for an MCP client to "
        "launch) or, with --port, streamable HTTP on http://127.0.0.1:PORT/mcp. "
        "Requires the mcp extra: pip install 'patsnap-async[mcp]'.",
    )
    command.add_argument(
        "--port",
        type=_port,
        default=None,
        help="serve streamable HTTP on 127.0.0.1:PORT instead of stdio",
    )
    command.add_argument(
        "--emulator",
        action="store_true",
        help="serve the bundled emulator's synthetic data (no account, no network)",
    )
    api = command.add_argument_group("platform")
    api.add_argument(
        "--qps", type=_rate, default=5.0, metavar="N", help="your account's requests per second"
    )
    api.add_argument(
        "--max-retries", type=_retries, default=None, metavar="N", help="retries (default 5)"
    )
    api.add_argument(
        "--base-url", metavar="URL", help="default: $PATSNAP_BASE_URL, else PatSnap's global host"
    )
    api.add_argument("--client-id", metavar="ID", help="default: $PATSNAP_CLIENT_ID")
    api.add_argument("--client-secret", metavar="SECRET", help="default: $PATSNAP_CLIENT_SECRET")
    api.add_argument("--api-key", metavar="KEY", help="default: $PATSNAP_API_KEY")
    command.set_defaults(run=run_mcp)


def run_mcp(args: argparse.Namespace) -> int:
    """Serve until the MCP client disconnects (stdio) or Ctrl+C (HTTP); return the status."""
    try:
        from .mcp import build_server
    except ImportError as error:
        print(
            f"patsnap-async: the mcp command needs the mcp extra ({error}); "
            "pip install 'patsnap-async[mcp]'",
            file=sys.stderr,
        )
        return 1
    if args.emulator and any(getattr(args, name) is not None for name in _CREDENTIALS):
        given = [f"--{n.replace('_', '-')}" for n in _CREDENTIALS if getattr(args, n) is not None]
        print(f"patsnap-async: error: --emulator takes no {', '.join(given)}", file=sys.stderr)
        return 2

    async def serve() -> None:
        async with contextlib.AsyncExitStack() as stack:
            # Each credential is None unless given: the client then reads PATSNAP_*.
            api_key, client_id, client_secret, base_url = (
                getattr(args, name) for name in _CREDENTIALS
            )
            if args.emulator:
                emulator = Emulator(qps=args.qps)
                base_url = await stack.enter_async_context(emulator.serve())
                client_id, client_secret = emulator.client_id, emulator.client_secret
            client = PatsnapClient(
                api_key=api_key,
                client_id=client_id,
                client_secret=client_secret,
                base_url=base_url,
                qps=args.qps,
                max_retries=args.max_retries,
            )
            await stack.enter_async_context(client)
            server = build_server(client)
            if args.port is None:
                await server.run_stdio_async()
            else:
                print(f"MCP server on http://127.0.0.1:{args.port}/mcp", file=sys.stderr)
                await server.run_streamable_http_async(host="127.0.0.1", port=args.port)

    asyncio.run(serve())
    return 0


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (1-65535): {text!r}")
    return int(text)


def _rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a positive number: {text!r}")
    return value


def _retries(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number >= 0: {text!r}")
    return int(text)
