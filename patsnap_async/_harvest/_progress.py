"""The progress line of a harvest, redrawn on a timer, and the summary of a run."""

from __future__ import annotations

import asyncio
import collections
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, TextIO

import attrs

from .. import APIError, PatsnapError, TransportError

__all__ = ["Progress", "Summary", "failure"]

#: Seconds between two redraws of the progress line, even when nothing moves.
REDRAW_INTERVAL: Final = 0.25
#: A run whose answers were mostly 67200002 gets a warning that --qps is too high.
RATE_LIMITED_SHARE: Final = 0.5


class Progress:
    """One line on a terminal, redrawn in place, at least twice a second.

    `family  61.7%  12345/20000 ids  61.5/s  3m20s elapsed  ETA 2m04s  2 failed  5 retried`

    Args:
        label: the command.
        unit: what is counted (`ids`, `results`, ...).
        enabled: draw at all (the CLI passes False with `--quiet` or when stderr is not
            a terminal).
        stream: where to draw. Default: `sys.stderr`.
        clock: monotonic seconds; injectable for tests.
    """

    def __init__(
        self,
        label: str,
        unit: str,
        *,
        enabled: bool = True,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.unit = unit
        self.enabled = enabled
        self.total: int | None = None
        self.done = 0
        self.records = 0
        self.failed = 0
        #: Read for the retried count: the client's `stats.retries` (set by the harvest).
        self.retries: Callable[[], int] = lambda: 0
        self._stream = stream
        self._clock = clock
        self._started = clock()
        self._first = 0
        self._drawn = False
        self._width = 0

    def start(self, *, done: int, total: int | None) -> None:
        """Begin counting from `done` (what an earlier run did) out of `total`."""
        self.done = self._first = done
        self.total = total
        self._started = self._clock()
        self.draw()

    def advance(self, done: int = 0, *, records: int = 0, failed: int = 0) -> None:
        """Count `done` more units, `records` more records, `failed` more failures."""
        self.done += done
        self.records += records
        self.failed += failed

    def render(self) -> str:
        """The progress line, without the carriage return."""
        parts = [self.label]
        if self.total:
            parts.append(f"{min(100.0, 100 * self.done / self.total):.1f}%")
        count = f"{self.done}/{self.total}" if self.total is not None else f"{self.done}"
        parts.append(f"{count} {self.unit}")
        if self.records and self.unit != "records":
            parts.append(f"{self.records} records")
        elapsed = self._clock() - self._started
        rate = (self.done - self._first) / elapsed if elapsed > 0 else 0.0
        parts += [f"{rate:.1f}/s", f"{duration(elapsed)} elapsed"]
        if self.total is not None:
            left = max(0, self.total - self.done)
            parts.append(f"ETA {duration(left / rate)}" if rate > 0 else "ETA ?")
        parts += [f"{self.failed} failed", f"{self.retries()} retried"]
        return "  ".join(parts)

    async def redraw_forever(self) -> None:
        """Redraw every `REDRAW_INTERVAL` seconds until cancelled (a stall shows)."""
        while True:
            await asyncio.sleep(REDRAW_INTERVAL)
            self.draw()

    def draw(self) -> None:
        """Draw the line now (nothing when disabled)."""
        if not self.enabled:
            return
        self._drawn = True
        text = self.render()
        padding = " " * max(0, self._width - len(text))
        self._width = len(text)
        self._out.write(f"\r{text}{padding}")
        self._out.flush()

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled and self._drawn:
            self.draw()
            print(file=self._out, flush=True)

    @property
    def _out(self) -> TextIO:
        return self._stream or sys.stderr


def duration(seconds: float) -> str:
    """`42s`, `3m07s`, `2h05m`."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


def failure(requested_id: str, error: BaseException, *, sent: bool = True) -> dict[str, Any]:
    """The `.errors` line of a failed id: error class, code, message and attempts."""
    code = error.code if isinstance(error, APIError) else None
    message = error.message if isinstance(error, APIError | TransportError) else str(error)
    attempts = getattr(error, "attempts", 1) if sent else 0
    if not sent:
        message = f"not sent: the run stopped at {type(error).__name__}: {message}"
    return {
        "id": requested_id,
        "error": type(error).__name__,
        "code": code,
        "message": message,
        "attempts": attempts,
    }


@attrs.define
class Summary:
    """What one harvest run did: returned by each `patsnap_async.harvest` function.

    Attributes:
        command: the harvest (`family`, `cited-by`, `sequence-patents`, `search`,
            `sequence-search`).
        output: the JSONL file.
        written: record lines written by this run.
        missing: ids found to have no record, by this run.
        failed: ids that failed after the retries, or were not tried because the run
            stopped, as spelled in the input (also in `<output>.failed`).
        errors: one entry per failed id: `id`, `error` (class), `code`, `message`,
            `attempts` (also in `<output>.errors`).
        skipped: ids (or results, for a search) already done before this run.
        unmatched: records whose spelling matched no requested id (in
            `<output>.unmatched`).
        unsent: ids left for a later run because `max_billed` was reached.
        truncated: notes on queries (or one-day parts) with more results than the
            platform serves.
        stopped: the error that ended the run early, if any.
        interrupted: the run was cancelled (Ctrl+C); the counts are partial.
        dropped: torn or unreadable lines removed from the output when resuming.
        requests, retries, rate_limited, token_requests, billed_results: the client's
            counters for this run.
        accepted_qps: the rate the platform accepted, when the pacer found it lower
            than `--qps`; None otherwise.
        elapsed: seconds the run took.
        notes: extra lines for the summary.
    """

    command: str
    output: Path
    written: int = 0
    missing: int = 0
    failed: list[str] = attrs.Factory(list)
    errors: list[dict[str, Any]] = attrs.Factory(list)
    skipped: int = 0
    unmatched: int = 0
    unsent: int = 0
    truncated: list[str] = attrs.Factory(list)
    stopped: PatsnapError | None = None
    interrupted: bool = False
    dropped: int = 0
    requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    token_requests: int = 0
    billed_results: int = 0
    accepted_qps: float | None = None
    elapsed: float = 0.0
    notes: list[str] = attrs.Factory(list)

    def fail(self, requested_id: str, error: BaseException, *, sent: bool = True) -> None:
        """Count a failed id, with its cause."""
        self.failed.append(requested_id)
        self.errors.append(failure(requested_id, error, sent=sent))

    def exit_code(self, *, strict: bool = False) -> int:
        """0 when everything was harvested; 1 when ids failed, the run stopped or left
        ids unsent, or (with `strict`) a query was truncated; 130 when interrupted."""
        if self.interrupted:
            return 130
        if self.failed or self.stopped is not None or self.unsent:
            return 1
        return 1 if strict and self.truncated else 0

    def causes(self, top: int = 3) -> list[tuple[int, str]]:
        """The most frequent causes of failure, most frequent first."""
        counts = collections.Counter(
            " ".join(str(p) for p in (e["error"], e["code"], e["message"]) if p is not None)
            for e in self.errors
        )
        return [(n, cause) for cause, n in counts.most_common(top)]

    def slowed_down(self) -> bool:
        """Most answers were 67200002: the account's limit is below `--qps`."""
        answers = self.requests - self.token_requests
        return answers > 0 and self.rate_limited > RATE_LIMITED_SHARE * answers

    def render(self, *, billed: bool) -> str:
        """The lines printed at the end of a run (`billed`: show the billed results)."""
        state = "interrupted" if self.interrupted else "stopped" if self.stopped else "done"
        state = "stopped at the --max-billed budget" if self.unsent else state
        side = self.output.with_name
        rows = [
            ("records written", self.written, str(self.output)),
            ("missing", self.missing, str(side(f"{self.output.name}.missing"))),
            ("failed", len(self.failed), str(side(f"{self.output.name}.errors"))),
        ]
        rows = [r for r in rows if r[1] or r[0] == "records written"]
        if self.unmatched:
            rows.append(("unmatched", self.unmatched, str(side(f"{self.output.name}.unmatched"))))
        if self.skipped:
            rows.append(("already done", self.skipped, "skipped"))
        if self.unsent:
            rows.append(("left unsent", self.unsent, "budget reached: --resume later"))
        rows.append(
            (
                "HTTP requests",
                self.requests,
                f"({self.retries} retries, {self.rate_limited} rate-limited, "
                f"{self.token_requests} token)",
            )
        )
        if billed:
            rows.append(("billed results", self.billed_results, ""))
        elapsed = f"{self.elapsed:.1f} s" if self.elapsed < 60 else duration(self.elapsed)
        lines = [f"{self.command}: {state} in {elapsed}"]
        lines += [f"  {name:<16}{count:>8}  {note}".rstrip() for name, count, note in rows]
        lines += [f"  cause: {n} x {cause}" for n, cause in self.causes()]
        if self.dropped:
            lines.append(f"  dropped {self.dropped} torn or unreadable line(s) from the output")
        lines += [f"  {note}" for note in [*self.truncated, *self.notes]]
        if self.accepted_qps is not None:
            lines.append(
                f"  --qps is above the account's limit: the platform accepted about "
                f"{self.accepted_qps:g} requests/s; pass --qps {self.accepted_qps:g}"
            )
        elif self.slowed_down():
            answers = self.requests - self.token_requests
            accepted = answers - self.rate_limited
            rate = accepted / self.elapsed if self.elapsed else 0.0
            lines.append(
                f"  --qps is above the account's limit: {self.rate_limited} of {answers} "
                f"answers were 67200002 (too many requests); the platform accepted "
                f"{accepted} requests in {self.elapsed:.1f} s ({rate:.2g}/s): lower --qps"
            )
        return "\n".join(lines)
