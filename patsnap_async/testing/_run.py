"""Run the emulator in the foreground, for the CLI and manual exploration."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from ._emulator import Emulator

__all__ = ["run_emulator"]


async def _serve_forever(emulator: Emulator, host: str, port: int) -> None:
    """Serve *emulator* until cancelled, after printing how to reach it."""
    async with emulator.serve(host, port) as url:
        print(f"PatSnap Open Platform emulator listening on {url}")
        print(f"  client_id:     {emulator.client_id}")
        print(f"  client_secret: {emulator.client_secret}")
        print(f"  api_key:       {emulator.api_key}")
        print("Press Ctrl+C to stop.", flush=True)
        await asyncio.Event().wait()


def run_emulator(*, host: str = "127.0.0.1", port: int = 8080, **emulator_kwargs: Any) -> None:
    """Serve an :class:`Emulator` until interrupted (Ctrl+C), logging each request.

    Args:
        host: Interface to bind.
        port: Port to bind; 0 picks a free one (the printed URL shows which).
        **emulator_kwargs: Passed to :class:`Emulator` (``qps``, ``latency``, ...).
    """
    emulator = Emulator(**emulator_kwargs)
    log = logging.getLogger("patsnap_async.testing")
    if not log.hasHandlers():  # e.g. PATSNAP_LOG or --verbose installed one already
        log.addHandler(logging.StreamHandler())
    log.setLevel(logging.INFO)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve_forever(emulator, host, port))
