"""The tasks of the catalog's task operations: created, then polled or stepped through.

A task's create answers a new handle (a task id, a job id, a ticket, shaped like the
spec's example of it), which the book keeps under the task's name (`Step.flow`); every
later operation of that task must name a handle the book knows, or is answered
53000002 ("Unable to find job id."), as a sequence job is. Each poll operation answers
"running" to the first `polls_until_done` polls of a handle, then "done".
"""

from __future__ import annotations

import collections
import re
from typing import Final

from .. import _validate as check
from ._data import stable_hash

__all__ = ["TaskBook"]

_UUID: Final = re.compile(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_HEX: Final = re.compile(r"[0-9a-fA-F]{16,}")


class TaskBook:
    """The handles created on one emulator, and the polls each has had."""

    def __init__(self, polls_until_done: int) -> None:
        """Create an empty book.

        Args:
            polls_until_done: polls of a handle answered "running" before "done".
        """
        self._polls_until_done = check.integer(
            "job_polls_until_done", polls_until_done, minimum=0, setting=True
        )
        self._handles: dict[str, set[str]] = collections.defaultdict(set)
        self._polls: collections.Counter[tuple[str, str]] = collections.Counter()
        self._created = 0

    def create(self, flow: str, fingerprint: str, example: object, handle: str | None) -> str:
        """Start a task of `flow`; its handle (`handle` if the client chose one).

        Args:
            flow: the task's name.
            fingerprint: the create request's parameters, to seed the handle.
            example: the spec's example of a handle, to shape it.
            handle: the handle the client sent, if it names its own tasks.
        """
        self._created += 1
        if handle is None:
            handle = _new_handle(stable_hash("task", flow, self._created, fingerprint), example)
        self._handles[flow].add(handle)
        return handle

    def known(self, flow: str, handle: str) -> bool:
        """Whether a task of `flow` was created with `handle`."""
        return handle in self._handles.get(flow, ())

    def poll(self, code: str, handle: str) -> bool:
        """Count a poll of `handle` by operation `code`; whether the task is done."""
        done = self._polls[code, handle] >= self._polls_until_done
        if not done:
            self._polls[code, handle] += 1
        return done


def _new_handle(h: int, example: object) -> str:
    """A handle drawn from `h`, shaped like `example`: a uuid, hex digits or a number."""
    digits = f"{stable_hash(h, 1):016x}{stable_hash(h, 2):016x}"
    if isinstance(example, str) and _UUID.fullmatch(example):
        return f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-a{digits[17:20]}-{digits[20:]}"
    if isinstance(example, int) or (isinstance(example, str) and example.isdigit()):
        return str(10**18 + h % (8 * 10**18))  # 19 digits, below 2**63 (a long)
    if isinstance(example, str) and _HEX.fullmatch(example):
        return digits[: min(len(example), 32)]
    return digits
