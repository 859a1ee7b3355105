"""The progress line of a harvest: redrawn in place on a terminal, logged now and then
to a file or a pipe."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import sys
import time
from collections.abc import Callable
from typing import Final, TextIO

from ._summary import Summary, duration, failure, plural

__all__ = ["Progress", "Summary", "duration", "failure", "plural"]

#: Seconds between two redraws of the progress line, even when nothing moves.
REDRAW_INTERVAL: Final = 0.25
#: Seconds between two progress lines when the stream is not a terminal (a log file,
#: nohup, CI): one whole line each time, never a carriage return.
LOG_INTERVAL: Final = 10.0


class Progress:
    """One line on a terminal, redrawn in place, fitted to its width; elsewhere, a line
    every `LOG_INTERVAL` seconds.

    `family  61.7%  12345/20000 ids  61.5/s  3m20s elapsed  ETA 2m04s  2 failed  5 retried`

    Args:
        label: the command.
        unit: what is counted (`ids`, `results`, ...).
        enabled: draw at all (the CLI passes False with `--quiet`).
        stream: where to draw. Default: `sys.stderr`.
        clock: monotonic seconds; injectable for tests.
        terminal: the stream is a terminal (redraw in place) or not (log a line now and
            then). None: ask the stream.
        columns: the terminal's width, read at each redraw. None: the stream's.
    """

    def __init__(
        self,
        label: str,
        unit: str,
        *,
        enabled: bool = True,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
        terminal: bool | None = None,
        columns: Callable[[], int] | None = None,
    ) -> None:
        self.label = label
        self.unit = unit
        self.enabled = enabled
        self.total: int | None = None
        self.done = 0
        self.records = 0
        self.failed = 0
        #: What the harvest waits for, shown instead of the counts (`job 12 RUNNING`).
        self.status: str | None = None
        #: Read for the retried count: the client's `stats.retries` (set by the harvest).
        self.retries: Callable[[], int] = lambda: 0
        self._stream = stream
        self._clock = clock
        self._terminal = terminal
        self._columns = columns
        self._started = clock()
        self._logged = self._started
        self._first = 0
        self._drawn = False
        self._width = 0

    def start(self, *, done: int, total: int | None) -> None:
        """Begin counting from `done` (what an earlier run did) out of `total`."""
        self.done = self._first = done
        self.total = total
        self._started = self._logged = self._clock()
        self.draw()

    def advance(self, done: int = 0, *, records: int = 0, failed: int = 0) -> None:
        """Count `done` more units, `records` more records, `failed` more failures."""
        self.done += done
        self.records += records
        self.failed += failed

    def render(self, width: int | None = None) -> str:
        """The progress line, without the carriage return, at most `width` characters.

        Parts are left out, least useful first, until the line fits: the retried and
        failed counts while they are 0, the records, the elapsed time, the rate, the
        time left; what is still too long is cut.
        """
        elapsed = self._clock() - self._started
        # (text, rank): the highest rank goes first when the line is too long.
        parts = [(self.label, 0)]
        if self.status is not None:
            parts += [(self.status, 1), (f"{duration(elapsed)} elapsed", 5)]
            return _fit(parts, width)
        if self.total:
            parts.append((f"{min(100.0, 100 * self.done / self.total):.1f}%", 1))
        count = f"{self.done}/{self.total}" if self.total is not None else f"{self.done}"
        parts.append((f"{count} {self.unit}", 1))
        if self.records and self.unit != "records":
            parts.append((f"{self.records} records", 4))
        rate = (self.done - self._first) / elapsed if elapsed > 0 else 0.0
        parts += [(f"{rate:.1f}/s", 3), (f"{duration(elapsed)} elapsed", 5)]
        if self.total is not None:
            left = max(0, self.total - self.done)
            parts.append((f"ETA {duration(left / rate)}" if rate > 0 else "ETA ?", 2))
        retried = self.retries()
        parts += [(f"{self.failed} failed", 2 if self.failed else 6)]
        parts += [(f"{retried} retried", 4 if retried else 7)]
        return _fit(parts, width)

    async def redraw_forever(self) -> None:
        """Redraw every `REDRAW_INTERVAL` seconds until cancelled (a stall shows)."""
        while True:
            await asyncio.sleep(REDRAW_INTERVAL)
            self.draw()

    def draw(self) -> None:
        """Draw the line now on a terminal; elsewhere, log it if `LOG_INTERVAL` has passed."""
        if not self.enabled:
            return
        if not self._on_terminal():
            now = self._clock()
            if now - self._logged >= LOG_INTERVAL:
                self._logged = now
                self._out.write(self.render() + "\n")
                self._out.flush()
            return
        self._drawn = True
        # One column short of the width: a line that fills it wraps on some terminals.
        text = self.render(max(1, self._terminal_columns() - 1))
        padding = " " * max(0, min(self._width, self._terminal_columns() - 1) - len(text))
        self._width = len(text)
        self._out.write(f"\r{text}{padding}")
        self._out.flush()

    def close(self) -> None:
        """Draw the final state and end the line (on a terminal)."""
        if self.enabled and self._drawn:
            self.draw()
            print(file=self._out, flush=True)

    def _on_terminal(self) -> bool:
        if self._terminal is None:
            try:
                self._terminal = self._out.isatty()
            except (ValueError, OSError):
                self._terminal = False
        return self._terminal

    def _terminal_columns(self) -> int:
        if self._columns is not None:
            return self._columns()
        try:
            return os.get_terminal_size(self._out.fileno()).columns
        except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
            return shutil.get_terminal_size().columns

    @property
    def _out(self) -> TextIO:
        return self._stream or sys.stderr


def _fit(parts: list[tuple[str, int]], width: int | None) -> str:
    """The parts joined by two spaces, dropping the highest ranks until within `width`."""
    kept = list(parts)
    while width is not None and len("  ".join(t for t, _ in kept)) > width:
        rank = max(r for _, r in kept)
        if rank == 0:
            break
        index = max(i for i, (_, r) in enumerate(kept) if r == rank)
        del kept[index]
    line = "  ".join(t for t, _ in kept)
    return line if width is None else line[:width]
