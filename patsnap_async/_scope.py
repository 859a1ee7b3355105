"""Calls that stop together: a batch at its first fatal error, every call at `close()`.

An authentication, permission or quota error, or an unknown API path, says nothing
about the ids a request carried: every other request of the same batch would meet it
too, and some would be billed for nothing. The batch engine runs its requests in a
`CallScope` (a context variable, so every task it starts shares it). When one of them
raises a fatal error, the session stops the scope: the calls of it waiting for a
connection slot, the pacer, a token or a retry are woken at once and raise `Stopped`,
unsent, and none of them sends another attempt. Requests already on the wire finish:
their answers may be billed, and are kept.

`Calls` does the same for a whole client: `close()` fails every call still waiting or
on the wire at once with `ClientClosedError`, instead of at its paced turn.

Waking a call is a cancellation of its task that the session takes back
(`Task.uncancel`) and turns into `Stopped` or `ClientClosedError`, the way
`asyncio.timeout` turns its own cancellation into `TimeoutError`: a cancellation from
anywhere else still propagates.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import AsyncIterator, Awaitable, Iterator
from typing import Any, TypeVar

from ._errors import ClientClosedError, PatsnapError, Stopped

__all__ = [
    "CallScope",
    "Calls",
    "Waiting",
    "current_scope",
    "scoped",
    "waiting",
]

T = TypeVar("T")
Task = asyncio.Task[Any]


class CallScope:
    """The calls of one batch; `stop(error)` ends those that have not sent yet."""

    __slots__ = ("cut", "error", "waiting")

    def __init__(self) -> None:
        self.error: PatsnapError | None = None
        #: Tasks of the scope now waiting (for a slot, the pacer, a token, a retry).
        self.waiting: set[Task] = set()
        #: Tasks this scope cancelled, for the session to take the cancellation back.
        self.cut: set[Task] = set()

    def __repr__(self) -> str:
        state = f"stopped by {type(self.error).__name__}" if self.error else "running"
        return f"<CallScope {state}, {len(self.waiting)} waiting>"

    def stop(self, error: PatsnapError) -> None:
        """The first fatal error: wake every waiting call of the scope, unsent."""
        if self.error is not None:
            return
        self.error = error
        for task in self.waiting:
            if not task.done():
                self.cut.add(task)
                task.cancel()


_current: contextvars.ContextVar[CallScope | None] = contextvars.ContextVar(
    "patsnap_async_scope", default=None
)


def current_scope() -> CallScope | None:
    """The scope of the calls made here, if a batch set one."""
    return _current.get()


@contextlib.contextmanager
def scoped(scope: CallScope) -> Iterator[CallScope]:
    """Make the calls of this context (and of the tasks it starts) members of `scope`."""
    token = _current.set(scope)
    try:
        yield scope
    finally:
        _current.reset(token)


class Calls:
    """A client's calls in progress, so that `close()` can fail them at once."""

    __slots__ = ("closed", "cut", "running")

    def __init__(self) -> None:
        self.closed = False
        self.running: set[Task] = set()
        #: Calls `close` cancelled, for `member` to take the cancellation back.
        self.cut: set[Task] = set()

    def close(self) -> None:
        """Closed: wake every call still waiting or on the wire (not the caller's own)."""
        self.closed = True
        for task in self.running:
            if task is not asyncio.current_task() and not task.done():
                self.cut.add(task)
                task.cancel()

    @contextlib.asynccontextmanager
    async def member(self, scope: CallScope | None) -> AsyncIterator[None]:
        """One call: a cancellation by `close` or by `scope` becomes its error."""
        task = asyncio.current_task()
        assert task is not None
        self.running.add(task)
        try:
            yield
        except asyncio.CancelledError:
            reason = self._taken_back(task, scope)
            if reason is None:
                raise
            raise reason from None
        finally:
            self.running.discard(task)

    def _taken_back(self, task: Task, scope: CallScope | None) -> PatsnapError | None:
        """The error our cancellations of `task` stand for; None if another cancelled it."""
        reasons: list[PatsnapError] = []
        if task in self.cut:
            self.cut.discard(task)
            reasons.append(ClientClosedError("the client was closed before this call finished"))
        if scope is not None and task in scope.cut:
            scope.cut.discard(task)
            assert scope.error is not None
            reasons.append(Stopped(scope.error))
        remaining = task.cancelling()
        for _ in reasons:
            remaining = task.uncancel()
        return reasons[0] if reasons and remaining == 0 else None


async def waiting(scope: CallScope | None, awaitable: Awaitable[T]) -> T:
    """Await `awaitable`, a wait that sends nothing and that a stopped scope may cut."""
    if scope is None:
        return await awaitable
    task = asyncio.current_task()
    assert task is not None
    scope.waiting.add(task)
    try:
        return await awaitable
    finally:
        scope.waiting.discard(task)


class Waiting:
    """`async with Waiting(scope, semaphore)`: a slot whose wait a stopped scope may cut."""

    __slots__ = ("_scope", "_semaphore")

    def __init__(self, scope: CallScope | None, semaphore: asyncio.Semaphore) -> None:
        self._scope = scope
        self._semaphore = semaphore

    async def __aenter__(self) -> None:
        await waiting(self._scope, self._semaphore.acquire())

    async def __aexit__(self, *_: object) -> None:
        self._semaphore.release()
