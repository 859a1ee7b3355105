"""The limiter protocol: what the session asks of a rate limiter, and its tickets.

A limiter admits each HTTP attempt (`acquire`) and hands out a ticket for it, which
follows the attempt: the transport stamps it when the request is on the wire, the
session tells it when the platform refused the attempt for pacing and settles it when
the attempt is over. A limiter that keeps no log (a plain `acquire()` returning None)
gets tickets that call its `slow_down` on a refusal.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, runtime_checkable

__all__ = ["Limiter", "Ticket", "ticket_source"]


class Ticket(Protocol):
    """One admitted HTTP attempt, as its limiter follows it.

    `acquire` hands one out; the transport calls `left` when the request is really on
    the wire, the session `rate_limited` when the platform refused it for pacing, and
    `settle` once the attempt is over, whatever its outcome.
    """

    def left(self, at: float) -> None:
        """The request was written at `at` (the event loop's clock)."""

    def rate_limited(self, retry_after: float | None) -> None:
        """The platform answered 67200002 or HTTP 429 (`Retry-After`, in seconds)."""

    def settle(self) -> None:
        """The attempt is over."""


@runtime_checkable
class Limiter(Protocol):
    """What `PatsnapClient` needs from a rate limiter: pass one as `limiter=`.

    The in-process `Pacer` is the default. `patsnap_async.redis.RedisLimiter` shares
    one budget between processes and hosts. Any object with these two methods works.
    `acquire` may take a keyword `priority` (True for a retry, a replay or a token
    purchase: let it go first) and may return a `Ticket` to follow its attempt; when it
    returns None, a refusal for pacing calls `slow_down`.
    """

    async def acquire(self) -> Any:
        """Wait until one more HTTP attempt may leave; called once per attempt."""

    def slow_down(self) -> None:
        """The server answered 67200002: send less for a while."""


def ticket_source(limiter: Limiter) -> Callable[[bool], Awaitable[Ticket]]:
    """`acquire(priority)` for any limiter: its own tickets, or ones that call `slow_down`."""
    try:
        takes_priority = "priority" in inspect.signature(limiter.acquire).parameters
    except (TypeError, ValueError):  # pragma: no cover - a callable without a signature
        takes_priority = False

    async def acquire(priority: bool) -> Ticket:
        if takes_priority:
            ticket = await limiter.acquire(priority=priority)  # type: ignore[call-arg]
        else:
            ticket = await limiter.acquire()
        return ticket if ticket is not None else _SlowDownTicket(limiter)

    return acquire


class _SlowDownTicket:
    """The ticket of a limiter that hands out none: a refusal calls its `slow_down`."""

    __slots__ = ("_limiter",)

    def __init__(self, limiter: Limiter) -> None:
        self._limiter = limiter

    def left(self, at: float) -> None:
        pass

    def rate_limited(self, retry_after: float | None) -> None:
        self._limiter.slow_down()

    def settle(self) -> None:
        pass
