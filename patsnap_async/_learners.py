"""What the pacer learns from the platform's 67200002 answers, each in its own class.

* `Margin`, the network's jitter: each request travels for its own time before the
  server stamps it, so requests spaced `1 + margin` apart may arrive closer. A
  67200002 although the last second's sends were spaced as they should be means
  arrivals were bunched. The first such answer in `MEMORY` seconds may be a one-off (a
  pause of the server, or of this process): the margin widens by `FIRST_STEP` only. One
  that follows it means the path itself jitters: the margin widens by `MARGIN_STEP`, and
  narrows no lower than just above the margin that was refused until `MEMORY` seconds
  pass without another. It narrows slowly while answers stay clean, never below the
  `jitter` the user declared (or `MARGIN`).
* `LimitFinder`, the account's real limit: 67200002s that keep coming (three in a row,
  each of a request sent after the previous change) when fewer requests than the pace
  allows left in the second before them, or most of those were refused, mean the
  account accepts fewer than `qps`. The pacer paces at the most the server accepted
  from us in one such second (`found`), or cuts its rate by `CUT` when that count says
  nothing new. It probes a tenth higher after `PROBE_AFTER` seconds, and goes back to
  the limit found when the probe is refused, waiting twice as long before the next
  probe. A platform that counts refused calls in its window answers nothing but
  refusals to a client above its limit: the count of the accepted ones is taken from
  the first second, before that starvation. Refusals may come back as slowly as
  acceptances: the requests of those seconds still on their way (`Second`) are counted
  as accepted, and counted again once all are answered (`recount`); a lower count
  lowers the limit at once.

Which of the two a refusal teaches, if either, the pacer decides (`Pacer.rejected`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Protocol

__all__ = [
    "CUT",
    "FIRST_STEP",
    "MARGIN",
    "MARGIN_STEP",
    "MAX_MARGIN",
    "MAX_PROBE_AFTER",
    "MEMORY",
    "NARROW_AFTER",
    "NARROW_RATE",
    "PROBE_AFTER",
    "PROBE_STEP",
    "STREAK",
    "STREAK_GAP",
    "LimitFinder",
    "Margin",
    "Second",
    "Send",
]

#: Seconds added to the server's one-second window by the sliding log, at the start.
MARGIN = 0.02
#: How much a 67200002 that bunching explains widens the margin (seconds): by
#: `FIRST_STEP` when none came in the `MEMORY` seconds before it (perhaps a one-off),
#: by `MARGIN_STEP` when it follows another (the path jitters).
FIRST_STEP = 0.01
MARGIN_STEP = 0.04
MEMORY = 60.0
#: The widest margin: a network path that bunches arrivals by more is not one to pace for.
MAX_MARGIN = 0.3
#: Clean seconds before a widened margin starts to narrow, and how fast it then does.
NARROW_AFTER = 10.0
NARROW_RATE = 0.002
#: Rejections in a row, each of a request sent after the one before, that the pacer
#: needs before it believes the account's limit is below its pace, and the most seconds
#: between two of them. One or two may be another process's burst, or a fault.
STREAK = 3
STREAK_GAP = 2.0
#: When rejections keep coming at a limit found and the count says nothing new, the
#: limit is cut to this share of itself.
CUT = 0.7
#: Seconds at the limit found before probing higher (doubled after each refused probe,
#: back to this after one that held), and by how much: a tenth, at least one request/s.
PROBE_AFTER = 5.0
MAX_PROBE_AFTER = 300.0
PROBE_STEP = 0.1


class Margin:
    """The jitter learner: how much the network bunches arrivals, from the refusals.

    `at(now)` is the margin the sliding log adds to the server's one-second window: it
    widens when a refusal came although the sends were spaced as they should be, and
    narrows slowly while answers stay clean, never below `least`.
    """

    def __init__(self, least: float) -> None:
        self.least = least
        self._widened = least  # the margin at the last widening
        self._widened_at = -math.inf
        self._bunched_at = -math.inf  # the last 67200002 blamed on bunching
        self._floor = least  # the least margin (see `_floor_at`)

    def at(self, now: float) -> float:
        """The margin at `now`."""
        quiet = now - self._widened_at - NARROW_AFTER
        if quiet <= 0:
            return self._widened
        return max(self._floor_at(now), self._widened - NARROW_RATE * quiet)

    def _floor_at(self, now: float) -> float:
        """The least margin at `now`: just above one refused, until that is long past."""
        quiet = now - self._bunched_at - MEMORY
        if quiet <= 0:
            return self._floor
        return max(self.least, self._floor - NARROW_RATE * quiet)

    def widen(self, now: float) -> None:
        """A refusal the network's bunching explains: widen, up to `MAX_MARGIN`."""
        margin = self.at(now)
        # A first one may be a one-off: a small step. One that follows it means the path
        # bunches arrivals by more than `margin`: a full step, and not that low again
        # until such answers stop.
        repeated = now - self._bunched_at < MEMORY
        floor = min(MAX_MARGIN, margin + FIRST_STEP) if repeated else 0.0
        self._floor = max(self._floor_at(now), floor)
        self._widened = min(MAX_MARGIN, margin + (MARGIN_STEP if repeated else FIRST_STEP))
        self._widened_at = self._bunched_at = now


class Send(Protocol):
    """One request in the pacer's log, as a `Second` reads it (a `Departure`)."""

    @property
    def rejected(self) -> bool:
        """The platform refused it for pacing."""

    @property
    def settled(self) -> bool:
        """Its attempt is over: answered, refused or failed."""


class Second:
    """Our requests sent in the second before a refused one, and what became of them."""

    __slots__ = ("_sends",)

    def __init__(self, sends: Iterable[Send]) -> None:
        self._sends = tuple(sends)

    def sent(self) -> int:
        """How many we sent."""
        return len(self._sends)

    def accepted(self) -> int:
        """Those not refused; the ones still on their way are counted as accepted."""
        return sum(1 for d in self._sends if not d.rejected)

    def answered(self) -> bool:
        """Whether every attempt is over: `accepted` is then exact."""
        return all(d.settled for d in self._sends)


class LimitFinder:
    """The limit finder: what the account accepts, from refusals that keep coming.

    `limit` is the most requests per second the pacer's log allows: `qps`, or what the
    account was found to accept (`found`), or a tenth more while a probe tries it.
    """

    def __init__(self, qps: float) -> None:
        self.qps = qps
        self.limit = qps
        self.found: float | None = None
        self.probing = False
        self.warned = False
        self._probe_after = PROBE_AFTER
        self._probe_at = math.inf
        self._streak: list[Second] = []
        self._streak_at = -math.inf
        self._counted: list[Second] = []  # the seconds the last finding was counted from

    @property
    def recounting(self) -> bool:
        """A finding was made while requests it was counted from were on their way."""
        return bool(self._counted)

    def searching(self, now: float) -> bool:
        """Refusals keep coming: a streak has begun and not lapsed."""
        return bool(self._streak) and now - self._streak_at <= STREAK_GAP

    def forget_streak(self) -> None:
        """The refusals so far had another cause: the next one starts a new streak."""
        self._streak = []

    def refused(self, now: float, second: Second) -> bool:
        """A refusal, with what we sent in the second before; True: a lower limit found."""
        if now - self._streak_at > STREAK_GAP:
            self.forget_streak()
        self._streak.append(second)
        self._streak_at = now
        best = max(s.accepted() for s in self._streak)
        if len(self._streak) < STREAK or best == 0:
            # Nothing of ours went through: another client fills the account's window,
            # or the platform refuses everything. Either way it says nothing of a rate.
            return False
        limit = best if best < self.limit else self.limit * CUT
        self.found = float(max(1, limit))
        self.limit = self.found
        # Counted again once answered, unless the count is exact already.
        answered = all(s.answered() for s in self._streak)
        self._counted, self._streak = ([] if answered else self._streak), []
        self._probe_after = PROBE_AFTER
        self._probe_at = now + self._probe_after
        return True

    def recount(self) -> bool:
        """Count the seconds of the last finding again once all their requests are
        answered; True: fewer were accepted (refusals were still on their way)."""
        if not self._counted or not all(s.answered() for s in self._counted):
            return False
        best = max(s.accepted() for s in self._counted)
        self._counted = []
        if self.found is None or not 1 <= best < self.found:
            return False
        self.found = self.limit = float(best)
        return True

    def probe(self, now: float) -> bool:
        """After a while at the limit found, try a tenth more; True: the limit changed."""
        if self.found is None or now < self._probe_at:
            return False
        self._counted = []
        if self.probing:
            # The probe held: the account accepts this rate; the next probe comes soon.
            self.found = self.limit if self.limit < self.qps else None
            self.probing = False
            self._probe_after = PROBE_AFTER
        if self.found is None:
            self.limit = self.qps
        else:
            self.limit = min(self.qps, self.found + max(1.0, self.found * PROBE_STEP))
            self.probing = True
        self._probe_at = now + self._probe_after
        return True

    def probe_refused(self, now: float) -> None:
        """The probe was refused: back to the limit found, and wait twice as long."""
        self.probing = False
        self.limit = self.found if self.found is not None else self.qps
        self._probe_after = min(MAX_PROBE_AFTER, self._probe_after * 2)
        self._probe_at = now + self._probe_after
