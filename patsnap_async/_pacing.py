"""Pacing: keep every HTTP attempt under the account's QPS, and learn what it really is.

The platform counts arrivals in a sliding one-second window and answers 67200002 to the
request that makes it Q+1. Three mechanisms share the work:

* A leaky bucket (`aiolimiter.AsyncLimiter`) dripping at `headroom * Q` per second
  spaces requests evenly. `AsyncLimiter(Q, 1)` would let a burst of Q through at once
  and Q more within the same second, about 2Q in the first window. Here the bucket
  holds half a second of requests and starts full, so there is no burst at the start.
  When the event loop stalls (a garbage collection, a large answer being parsed), the
  bucket's spare capacity lets the requests that missed their slot go out right after,
  and the account's budget is not lost.
* A sliding log of send times is the hard guarantee: no request leaves while Q others
  left within the last `1 + margin` seconds. A send is logged when it is admitted, and
  `PatsnapClient` moves the entry to when the request was actually written
  (`Departure.left`): a request that had to open a connection first leaves late, and
  the log must count it where the server will.
* The platform's own 67200002 answers teach the pacer two things (`rejected`), each
  learned by its own small class (see `_learners`), and kept apart: the network's
  jitter (`Margin`), which widens the margin, and the account's real limit
  (`LimitFinder`), which lowers the limit the log allows when the account accepts
  fewer than `qps`, and probes higher now and then.

  A refusal during a probe is the probe's. While refusals keep coming (a streak has
  begun), one of requests spaced as they should be may be the limit's doing as well as
  the network's: it teaches neither learner. And when the finder lowers the limit, the
  refusals the jitter learner took for bunching since that limit was set were the
  limit's doing: the margin goes back to what it was then.

Only a rejection of a request admitted after the last change teaches anything: the
requests already on their way when the pacer changed its pace were sent under the old
one. Requests pass one at a time, the retries and the token calls first (`priority`),
so a change of pace applies to every request already waiting.
"""

from __future__ import annotations

import asyncio
import collections
import copy
import logging
import math
import time
from collections.abc import Callable

from aiolimiter import AsyncLimiter

from . import _validate as check
from ._learners import MARGIN, MAX_MARGIN, LimitFinder, Margin, Second
from ._limiter import Limiter, Ticket, ticket_source

__all__ = [
    "DEFAULT_HEADROOM",
    "MARGIN",
    "MAX_MARGIN",
    "Departure",
    "Limiter",
    "Pacer",
    "Ticket",
    "ticket_source",
]

log = logging.getLogger("patsnap_async")

DEFAULT_HEADROOM = 0.98
#: Seconds of requests the bucket may send late, right after an event-loop stall.
CATCH_UP = 0.5
#: Seconds after its request a refusal may come back and still find, in the log, what
#: was sent in the second before that request.
LATE_REFUSAL = 1.0
#: A rejection after at least this share of the pace's sends in the last second (and
#: at least half of them accepted) is blamed on bunching; else on an account limit below
#: the pace.
BUNCHED = 0.9


class Departure:
    """One admitted request's entry in the pacer's log: when it left (a `Ticket`)."""

    __slots__ = ("_pacer", "at", "epoch", "rejected", "settled")

    def __init__(self, at: float, epoch: int = 0, pacer: Pacer | None = None) -> None:
        self.at = at
        self.epoch = epoch
        self.settled = False
        self.rejected = False
        self._pacer = pacer

    def left(self, at: float) -> None:
        """The request went on the wire at `at` (`loop.time()`), not when admitted."""
        self.at = max(self.at, at)

    def rate_limited(self, retry_after: float | None) -> None:
        """The platform refused the request for pacing: the pacer learns from it."""
        if self._pacer is None:
            return
        if retry_after is not None:
            self._pacer.pause(retry_after)
        self._pacer.rejected(self)

    def settle(self) -> None:
        """The attempt is over: `at` is final, and the entry may leave the log once old."""
        self.settled = True


class Pacer:
    """Admits HTTP attempts at no more than `qps` per second, evenly spaced.

    Args:
        qps: the account's limit, in requests per second, as configured.
        headroom: the fraction of `qps` actually used; the rest absorbs jitter.
        jitter: seconds by which the network path may bunch arrivals (the spread of
            its one-way delay); the margin never narrows below it. 0 lets the pacer
            learn it from the server's answers alone.
        clock: seconds, the event loop's clock by default; injectable for tests.

    Raises:
        ConfigurationError: a setting out of range, NaN, infinite or not a number.
    """

    def __init__(
        self,
        qps: float,
        *,
        headroom: float = DEFAULT_HEADROOM,
        jitter: float = 0.0,
        clock: Callable[[], float] | None = None,
    ) -> None:
        qps = check.number("qps", qps, above=0, setting=True)
        headroom = check.number("headroom", headroom, above=0, maximum=1, setting=True)
        jitter = check.number("jitter", jitter, minimum=0, maximum=MAX_MARGIN, setting=True)
        self.qps = qps
        self.headroom = headroom
        self.rate = qps * headroom
        self._capacity = max(1, math.floor(self.rate * CATCH_UP))
        self._limiter = AsyncLimiter(self._capacity, self._capacity / self.rate)
        self._filled = False
        self._clock = clock
        self._margin = Margin(max(MARGIN, jitter))
        # The jitter learner as it was when the limit was last set (see `_limit_changed`).
        self._margin_then = copy.copy(self._margin)
        self._finder = LimitFinder(qps)
        self._epoch = 0
        self._paused_until = -math.inf
        self._last = -math.inf
        self._lane = _Lane()
        self._sent: collections.deque[Departure] = collections.deque()
        self._resize()

    def __repr__(self) -> str:
        return f"<Pacer qps={self.qps:g} rate={self.current_rate():.2f}/s margin={self.margin:.3f}>"

    @property
    def margin(self) -> float:
        """Seconds the sliding log adds to the server's one-second window."""
        return self._margin.at(self._now())

    @property
    def accepted_qps(self) -> float | None:
        """Requests per second the account accepted, when that is below `qps`; else None."""
        return self._finder.found

    def current_rate(self) -> float:
        """Requests per second currently admitted."""
        return min(self.rate, self._finder.limit * self.headroom)

    async def acquire(self, *, priority: bool = False) -> Departure:
        """Wait until one more request may leave; its ticket (see `admit`)."""
        return await self.admit(priority=priority)

    async def admit(self, *, priority: bool = False) -> Departure:
        """Wait until one more request may leave; return its entry in the log.

        Call `Departure.left` when the request is actually on the wire, if that can be
        later than now, `Departure.settle` once the attempt is over, and `rejected`
        when the server answered 67200002.

        Args:
            priority: pass before every request that is not a first try (a retry, a
                replay with a new token, a token purchase): it was admitted once
                already, or a request already admitted waits for it.
        """
        # One task at a time passes, the priority ones first, each group in arrival
        # order, so the spacing is decided when its turn comes: a change of pace reaches
        # every request already queued, not only those that arrive after it.
        await self._lane.acquire(priority)
        try:
            loop = asyncio.get_running_loop()
            self._review(loop.time())
            # Entries that can no longer move and are out of the window (and of the
            # second before a refusal still on its way) count for nothing: dropped, the
            # log holds about that many seconds' worth, not Q entries (a million with
            # `qps=1e6`, all of them for the garbage collector to walk).
            sent, cutoff = self._sent, loop.time() - self._window() - LATE_REFUSAL
            while sent and sent[0].settled and sent[0].at <= cutoff:
                sent.popleft()
            if self._paused_until > loop.time():
                await asyncio.sleep(self._paused_until - loop.time())
            await self._spaced(loop)
            self._last = loop.time()
            departure = Departure(self._last, self._epoch, self)
            sent.append(departure)
            return departure
        finally:
            self._lane.release()

    async def _spaced(self, loop: asyncio.AbstractEventLoop) -> None:
        """Wait for the pace: the bucket's drip, and room in the sliding log."""
        rate = self.current_rate()
        if rate < self.rate:
            # Slower than the bucket: leave 1 / rate after the previous request. The
            # bucket has drained by then, so it adds nothing on top.
            delay = self._last + 1 / rate - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
        if not self._filled:
            # Start full: the spare capacity is for catching up, not for a burst.
            self._filled = True
            await self._limiter.acquire(self._capacity - 1)
        await self._limiter.acquire()
        sent = self._sent
        while len(sent) >= self._window_size:
            # The oldest entry rather than the earliest departure: when a later one
            # left first, this waits a little longer than needed. Checked again after
            # the wait: an entry still in flight may have left later meanwhile.
            delay = sent[-self._window_size].at + self._window() - loop.time()
            if delay <= 0:
                break
            await asyncio.sleep(delay)

    def pause(self, seconds: float) -> None:
        """Admit nothing for `seconds` (an HTTP 429 said when to come back)."""
        self._paused_until = max(self._paused_until, self._now() + seconds)

    def slow_down(self) -> None:
        """The server answered 67200002 to a request this pacer did not log: learn from it."""
        self.rejected(self._sent[-1] if self._sent else Departure(self._now(), self._epoch))

    def rejected(self, departure: Departure) -> None:
        """The server answered 67200002 to `departure`'s request: adapt the pace."""
        departure.rejected = True
        if departure.epoch != self._epoch:
            return  # sent under a pace already changed since
        self._epoch += 1
        now = self._now()
        finder = self._finder
        if finder.probing:
            finder.probe_refused(now)
            self._limit_changed(too_high=True)
            log.debug("probe refused: back to %.2f req/s", self.current_rate())
            return
        # What we sent in the second before this request, and what of it the server
        # accepted (those still on their way counted as accepted, for now).
        start = departure.at - 1.0
        second = Second(
            d for d in self._sent if start <= d.at < departure.at and d is not departure
        )
        accepted = second.accepted()
        pace = min(self.current_rate(), self._window_size / self._window())
        spaced = second.sent() + 1 >= BUNCHED * pace and accepted + 1 >= pace / 2
        # Spaced as it should have been: the network bunched arrivals, unless no path
        # jitters that much (the margin is at its widest: the account's limit is lower).
        if spaced and self._margin.at(now) < MAX_MARGIN:
            if finder.searching(now):
                # Refusals keep coming: this one may be the account's limit as well as
                # the network's bunching (or the burst after a stall of this process).
                # It teaches neither learner: the margin is not widened for the limit's
                # doing, nor a limit found from the network's.
                return
            self._margin.widen(now)
            finder.forget_streak()
            log.debug("rate limited although spaced: margin now %.3f s", self.margin)
            return
        # Fewer requests than the pace allows, or most of them refused: the account
        # takes less than we send, if it keeps saying so.
        if finder.refused(now, second):
            self._limit_changed(too_high=True)
            self._warn()

    def _warn(self) -> None:
        """Say once that the account accepts less than `qps`, and how much."""
        finder = self._finder
        if finder.warned or finder.found is None or finder.recounting:
            return  # said already; nothing to say; or not sure of the figure yet
        finder.warned = True
        log.warning(
            "the platform accepts about %g requests/s from this account, fewer than "
            "qps=%g: pacing at %.2f req/s (set qps to the account's limit)",
            finder.found,
            self.qps,
            self.current_rate(),
        )

    def _review(self, now: float) -> None:
        """Count a finding again once its seconds are answered; probe after a while."""
        if self._finder.recount():
            self._epoch += 1
            self._limit_changed(too_high=True)
            log.debug("counted again: %.2f req/s", self.current_rate())
        self._warn()
        self._probe(now)

    def _probe(self, now: float) -> None:
        """After a while at the limit found, try one request per second more."""
        if self._finder.probe(now):
            self._epoch += 1
            self._limit_changed(too_high=False)
            log.debug("probing at %.2f req/s", self.current_rate())

    def _limit_changed(self, *, too_high: bool) -> None:
        """The finder set a new limit; `too_high`: the one it replaces was above the
        account's, and what the jitter learner learned under it is forgotten."""
        if too_high:
            # The refusals it took for bunching since that limit was set were the
            # limit's doing.
            self._margin = copy.copy(self._margin_then)
        self._margin_then = copy.copy(self._margin)
        self._resize()

    def _resize(self) -> None:
        # At most `limit` sends in any window of `1 + margin` seconds (one per
        # 1/limit s when it is below 1).
        self._window_size = max(1, math.floor(self._finder.limit))

    def _window(self) -> float:
        return max(1.0, self._window_size / self._finder.limit) * (1 + self.margin)

    def _now(self) -> float:
        if self._clock is not None:
            return self._clock()
        try:
            return asyncio.get_running_loop().time()
        except RuntimeError:  # a repr outside the loop; the default loop's clock anyway
            return time.monotonic()


class _Lane:
    """One holder at a time; priority waiters first, each group in arrival order."""

    def __init__(self) -> None:
        self._busy = False
        self._queues: tuple[collections.deque[asyncio.Future[None]], ...] = (
            collections.deque(),
            collections.deque(),
        )

    async def acquire(self, priority: bool) -> None:
        if not self._busy and not any(self._queues):
            self._busy = True
            return
        queue = self._queues[0 if priority else 1]
        waiter = asyncio.get_running_loop().create_future()
        queue.append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # handed the lane just as it was cancelled: pass it on
            elif waiter in queue:
                queue.remove(waiter)
            raise

    def release(self) -> None:
        for queue in self._queues:
            while queue:
                waiter = queue.popleft()
                if not waiter.done():
                    waiter.set_result(None)
                    return
        self._busy = False
