"""Pacing: keep every HTTP attempt under the account's QPS, and back off when told to.

The platform counts arrivals in a sliding one-second window and answers 67200002 to the
request that makes it Q+1. `aiolimiter.AsyncLimiter(Q, 1)` is a leaky bucket of
capacity Q: it lets a burst of Q through at once and then Q more within the same
second, about 2Q in the first window. So the bucket here has capacity 1 and drips at
`headroom * Q` per second: requests leave evenly spaced, never in bursts, and Q+1 of
them span `1 / headroom` seconds, which leaves about 20 ms for the network and the
event loop to bunch arrivals before the server could count Q+1 in one second.

When the server answers 67200002 anyway (another process shares the account, or its
clock is stricter than ours), `slow_down()` halves the rate for the whole client, not
just for the task that got the answer, and the rate then climbs back to full linearly
over `recovery` seconds. Requests pass one at a time, so the slower spacing applies to
every request already waiting, not only to the ones that come later.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable

from aiolimiter import AsyncLimiter

__all__ = ["DEFAULT_HEADROOM", "Pacer"]

log = logging.getLogger("patsnap_async")

DEFAULT_HEADROOM = 0.98


class Pacer:
    """Admits HTTP attempts at no more than `qps` per second, evenly spaced.

    Args:
        qps: the account's limit, in requests per second.
        headroom: the fraction of `qps` actually used; the rest absorbs jitter.
        min_fraction: how far repeated slow-downs may lower the rate.
        recovery: seconds to climb from a halved rate back to full.
        clock: monotonic seconds; injectable for tests.
    """

    def __init__(
        self,
        qps: float,
        *,
        headroom: float = DEFAULT_HEADROOM,
        min_fraction: float = 0.1,
        recovery: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not (math.isfinite(qps) and qps > 0):
            raise ValueError(f"qps must be a positive number, got {qps!r}")
        if not 0 < headroom <= 1:
            raise ValueError(f"headroom must be in (0, 1], got {headroom!r}")
        self.qps = qps
        self.rate = qps * headroom
        self._limiter = AsyncLimiter(1, 1 / self.rate)
        self._min_fraction = min_fraction
        self._recovery = recovery
        self._clock = clock
        self._fraction = 1.0
        self._changed_at = clock()
        self._slowed_at = -math.inf
        self._last = -math.inf
        self._lane = asyncio.Lock()

    def __repr__(self) -> str:
        return f"<Pacer qps={self.qps:g} rate={self.current_rate():.2f}/s>"

    @property
    def fraction(self) -> float:
        """The share of the full rate currently allowed (1.0 when not slowed down)."""
        self._recover()
        return self._fraction

    def current_rate(self) -> float:
        """Requests per second currently admitted."""
        return self.rate * self.fraction

    async def acquire(self) -> None:
        """Wait until one more request may leave."""
        # One task at a time passes, in arrival order (asyncio.Lock is fair), so the
        # spacing is decided when its turn comes: a slow-down reaches every request
        # already queued, not only those that arrive after it.
        async with self._lane:
            loop = asyncio.get_running_loop()
            fraction = self.fraction
            if fraction < 1.0:
                # Slowed down: leave 1 / (fraction * rate) after the previous request. The
                # bucket has drained by then, so it adds nothing on top.
                delay = self._last + 1 / (self.rate * fraction) - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
            await self._limiter.acquire()
            self._last = loop.time()

    def slow_down(self) -> None:
        """Halve the rate after a 67200002; answers to requests sent together count once."""
        now = self._clock()
        self._recover()
        # Requests already in flight were sent at the old rate and get their 67200002s
        # within the same second: one halving per second is enough.
        if now - self._slowed_at < 1.0:
            return
        self._fraction = max(self._min_fraction, self._fraction / 2)
        self._changed_at = self._slowed_at = now
        log.debug("rate limited by the server: pacing at %.2f req/s", self.rate * self._fraction)

    def _recover(self) -> None:
        if self._fraction >= 1.0:
            return
        now = self._clock()
        self._fraction = min(1.0, self._fraction + (now - self._changed_at) / self._recovery)
        self._changed_at = now
