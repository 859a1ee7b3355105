"""The emulator's request log: one :class:`Served` per HTTP request received."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

__all__ = ["Served", "max_arrivals"]


@attrs.frozen
class Served:
    """One HTTP request the emulator received, and how it was answered.

    Credentials never appear here: ``auth`` names the scheme, not the secret or token,
    and query/form values whose key mentions a secret or token are replaced by
    ``"<redacted>"``.

    Attributes:
        time: ``loop.time()`` (``time.monotonic()`` based) when the handler started,
            before any latency sleep.
        method: HTTP method.
        path: URL path, without the query string.
        query: Query parameters (first value of each).
        body: The parsed JSON body, the form fields, or None.
        ids: The comma-split ``patent_number``/``patent_id`` values (P014, P015 and
            every lookup of the catalog), ``(seq_id,)`` (B005), ``(job_id,)`` (job
            status/result), the handle a later step of a catalog task names, else
            ``()``.
        auth: ``"bearer-token"``, ``"api-key"``, ``"basic"`` or ``"none"``.
        apikey: The ``apikey`` query parameter, if sent.
        http_status: Status answered; 0 while the request is being handled and when
            no answer was sent (a dropped connection, or a handler cancelled when
            ``serve()`` exited).
        error_code: ``error_code`` answered; 0 on success or when no JSON code was sent.
        fault: the kind of the injected or random fault that answered the request
            (``"error"``, ``"server_error"``, ``"drop"``, ``"malformed"``, ``"empty"``...),
            else None.
        result_count: Records returned (billed results for batch calls).
    """

    time: float
    method: str
    path: str
    query: dict[str, str]
    body: Any
    ids: tuple[str, ...]
    auth: str
    apikey: str | None
    http_status: int
    error_code: int
    fault: str | None
    result_count: int


def max_arrivals(times: Iterable[float], window: float) -> int:
    """Return the most arrivals in any half-open window ``(t - window, t]``.

    Only windows ending at an arrival need checking: moving a window's end forward to
    the next arrival never loses one.
    """
    ordered = sorted(times)
    best = 0
    start = 0
    for end, t in enumerate(ordered):
        while ordered[start] <= t - window:
            start += 1
        best = max(best, end - start + 1)
    return best
