"""An event loop on a virtual clock: waits take no time, and the clock says what they were.

`run(main)` runs a coroutine on a loop whose `time()` only moves when the loop has
nothing to do but wait: it then jumps to the next timer at once. Each turn of the loop
also moves it by a nanosecond. `asyncio.sleep`, `aiolimiter`, the pacer and the
retry loop all read that clock, so a test of pacing or backoff asserts times to the
microsecond, in microseconds of real time. There is no real I/O
to wait for: pair it with `MockTransport`.
"""

from __future__ import annotations

import asyncio
import selectors
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

#: The least a loop turn advances the clock, in seconds.
TICK = 1e-9


class _Selector(selectors.DefaultSelector):
    """Never blocks: a wait for `timeout` moves the virtual clock instead."""

    def __init__(self) -> None:
        super().__init__()
        self.now = 0.0

    def select(self, timeout: float | None = None) -> list[Any]:
        events = super().select(0)
        if not events and timeout is not None:
            # A nanosecond at least: code that reads the clock, finds its deadline a
            # rounding error away and waits again (aiolimiter) must see time move.
            self.now += max(timeout, TICK)
        return events


class VirtualLoop(asyncio.SelectorEventLoop):
    """A selector event loop whose clock is the selector's virtual one."""

    def __init__(self) -> None:
        self._virtual = _Selector()
        super().__init__(self._virtual)

    def time(self) -> float:
        return self._virtual.now


def run(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run `main()` to completion on a fresh virtual-time loop."""
    loop = VirtualLoop()
    try:
        return loop.run_until_complete(main())
    finally:
        loop.close()
