"""Pacing: keep every HTTP attempt under the account's QPS, and back off when told to.

The platform counts arrivals in a sliding one-second window and answers 67200002 to the
request that makes it Q+1. Two mechanisms share the work:

* A leaky bucket (`aiolimiter.AsyncLimiter`) dripping at `headroom * Q` per second
  spaces requests evenly. `AsyncLimiter(Q, 1)` would let a burst of Q through at once
  and Q more within the same second, about 2Q in the first window. Here the bucket
  holds half a second of requests and starts full, so there is no burst at the start.
  When the event loop stalls (a garbage collection, a large answer being parsed), the
  bucket's spare capacity lets the requests that missed their slot go out right after,
  and the account's budget is not lost.
* A sliding log of the last Q send times is the hard guarantee: no request leaves while
  Q others left within the last `1 + margin` seconds. The margin (20 ms) absorbs the
  network and the event loop bunching arrivals at the server. A send is logged when
  it is admitted, and `PatsnapClient` moves the entry to when the request was actually
  written (`Departure.left`): a request that had to open a connection first, or whose
  body was written a loop turn later, leaves late, and the log must count it where
  the server will.

When the server answers 67200002 anyway (another process shares the account, or its
clock is stricter than ours), `slow_down()` lowers the rate for the whole client, not
just for the task that got the answer, by one request per second for each such answer,
and the rate then climbs back to full linearly over `recovery` seconds. Requests pass
one at a time, so the slower spacing applies to every request already waiting, not only
to the ones that come later.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import math
import time
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from aiolimiter import AsyncLimiter

from . import _validate as check

__all__ = ["DEFAULT_HEADROOM", "Departure", "Limiter", "Pacer"]

log = logging.getLogger("patsnap_async")

DEFAULT_HEADROOM = 0.98
#: Seconds of requests the bucket may send late, right after an event-loop stall.
CATCH_UP = 0.5
#: Seconds added to the server's one-second window by the sliding log.
MARGIN = 0.02


@runtime_checkable
class Limiter(Protocol):
    """What `PatsnapClient` needs from a rate limiter: pass one as `limiter=`.

    The in-process `Pacer` is the default. `patsnap_async.redis.RedisLimiter` shares
    one budget between processes and hosts. Any object with these two methods works.
    """

    async def acquire(self) -> None:
        """Wait until one more HTTP attempt may leave; called once per attempt."""

    def slow_down(self) -> None:
        """The server answered 67200002: send less for a while."""


class Departure:
    """One admitted request's entry in the pacer's log: when it left."""

    __slots__ = ("at", "settled")

    def __init__(self, at: float) -> None:
        self.at = at
        self.settled = False

    def left(self, at: float) -> None:
        """The request went on the wire at `at` (`loop.time()`), not when admitted."""
        self.at = max(self.at, at)

    def settle(self) -> None:
        """The attempt is over: `at` is final, and the entry may leave the log once old."""
        self.settled = True


class Pacer:
    """Admits HTTP attempts at no more than `qps` per second, evenly spaced.

    Args:
        qps: the account's limit, in requests per second.
        headroom: the fraction of `qps` actually used; the rest absorbs jitter.
        min_fraction: how far repeated slow-downs may lower the rate.
        recovery: seconds to climb from zero back to the full rate (linearly).
        clock: monotonic seconds; injectable for tests.

    Raises:
        ConfigurationError: a setting out of range, NaN, infinite or not a number.
    """

    def __init__(
        self,
        qps: float,
        *,
        headroom: float = DEFAULT_HEADROOM,
        min_fraction: float = 0.1,
        recovery: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        qps = check.number("qps", qps, above=0, setting=True)
        headroom = check.number("headroom", headroom, above=0, maximum=1, setting=True)
        min_fraction = check.number("min_fraction", min_fraction, above=0, maximum=1, setting=True)
        recovery = check.number("recovery", recovery, above=0, setting=True)
        self.qps = qps
        self.rate = qps * headroom
        self._capacity = max(1, math.floor(self.rate * CATCH_UP))
        self._limiter = AsyncLimiter(self._capacity, self._capacity / self.rate)
        self._filled = False
        # At most `qps` sends in any window of `1 + MARGIN` seconds (one per 1/qps s
        # when qps < 1).
        self._window_size = max(1, math.floor(qps))
        self._window = max(1.0, self._window_size / qps) * (1 + MARGIN)
        self._sent: collections.deque[Departure] = collections.deque(maxlen=self._window_size)
        self._min_fraction = min_fraction
        self._recovery = recovery
        self._clock = clock
        self._fraction = 1.0
        self._changed_at = clock()
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
        """Wait until one more request may leave (counted from now)."""
        (await self.admit()).settle()

    async def admit(self) -> Departure:
        """Wait until one more request may leave; return its entry in the log.

        Call `Departure.left` when the request is actually on the wire, if that can be
        later than now, and `Departure.settle` once the attempt is over.
        """
        # One task at a time passes, in arrival order (asyncio.Lock is fair), so the
        # spacing is decided when its turn comes: a slow-down reaches every request
        # already queued, not only those that arrive after it.
        async with self._lane:
            loop = asyncio.get_running_loop()
            # Entries that can no longer move and are out of the window count for
            # nothing: dropped, the log holds about a window's worth, not Q entries
            # (a million with `qps=1e6`, all of them for the garbage collector to walk).
            sent, cutoff = self._sent, loop.time() - self._window
            while sent and sent[0].settled and sent[0].at <= cutoff:
                sent.popleft()
            fraction = self.fraction
            if fraction < 1.0:
                # Slowed down: leave 1 / (fraction * rate) after the previous request. The
                # bucket has drained by then, so it adds nothing on top.
                delay = self._last + 1 / (self.rate * fraction) - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
            if not self._filled:
                # Start full: the spare capacity is for catching up, not for a burst.
                self._filled = True
                await self._limiter.acquire(self._capacity - 1)
            await self._limiter.acquire()
            if len(self._sent) == self._window_size:
                # The oldest entry rather than the earliest departure: when a later
                # one left first, this waits a little longer than needed, never less.
                delay = self._sent[0].at + self._window - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
            self._last = loop.time()
            departure = Departure(self._last)
            self._sent.append(departure)
            return departure

    def slow_down(self) -> None:
        """Take one request per second off the rate after a 67200002 (at most half).

        Each answer means the server counted one request too many in a window, so the
        decrease follows how often it happens: an isolated one (arrivals bunched by the
        network) costs a few percent for a few seconds, while a client set to twice the
        account's limit gets about Q of them in a second and comes down to the limit.
        """
        self._recover()
        step = min(0.5, 1 / self.qps)
        self._fraction = max(self._min_fraction, self._fraction * (1 - step))
        self._changed_at = self._clock()
        log.debug("rate limited by the server: pacing at %.2f req/s", self.rate * self._fraction)

    def _recover(self) -> None:
        if self._fraction >= 1.0:
            return
        now = self._clock()
        self._fraction = min(1.0, self._fraction + (now - self._changed_at) / self._recovery)
        self._changed_at = now
