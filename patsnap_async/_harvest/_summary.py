"""The summary of a harvest run: counts, causes of failure, and what to do next."""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any, Final

import attrs

from .. import APIError, PatsnapError, TransportError

__all__ = ["Summary", "duration", "failure", "plural"]

#: A run whose answers were mostly 67200002 gets a warning that --qps is too high.
RATE_LIMITED_SHARE: Final = 0.5


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`1 id`, `2 ids`, `0 ids` (`nouns`: the plural when it is not `noun` + s)."""
    return f"{count} {noun}" if count == 1 else f"{count} {nouns or noun + 's'}"


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


def failure(requested_id: str, error: BaseException) -> dict[str, Any]:
    """The `.errors` line of a failed id: error class, code, message and attempts."""
    code = error.code if isinstance(error, APIError) else None
    message = error.message if isinstance(error, APIError | TransportError) else str(error)
    attempts = getattr(error, "attempts", 1)
    return {
        "id": requested_id,
        "error": type(error).__name__,
        "code": code,
        "message": message,
        "attempts": attempts,
    }


def _cause(error: BaseException) -> dict[str, Any]:
    """An error as `error` (class), `code` and `message`."""
    line = failure("", error)
    return {key: line[key] for key in ("error", "code", "message")}


@attrs.define
class Summary:
    """What one harvest run did: returned by each `patsnap_async.harvest` function.

    Attributes:
        command: the harvest (`family`, `cited-by`, `sequence-patents`, `search`,
            `sequence-search`, `get P018`, `list P008`).
        output: the JSONL file.
        written: record lines written by this run.
        missing: ids found to have no record, by this run.
        failed: ids that failed after the retries, as spelled in the input (also in
            `<output>.failed`).
        errors: one entry per failed id: `id`, `error` (class), `code`, `message`,
            `attempts` (also in `<output>.errors`).
        skipped: ids (or results, for a search) already done before this run.
        unmatched: records whose spelling matched no requested id (in
            `<output>.unmatched`).
        unsent: ids left for a later run (with `resume`): never sent because
            `max_billed` was reached or the run stopped, or refused with the error that
            stopped it (an error that concerns the account, which bills nothing).
        truncated: notes on queries (or one-day parts) with more results than the
            platform serves.
        stopped: the error that ended the run early, if any.
        interrupted: the run was cancelled (Ctrl+C, or a signal such as SIGTERM on the
            command line); the counts are partial.
        dropped: the line torn by a kill that was cut off the output when resuming.
        requests, retries, rate_limited, token_requests, billed_results: the client's
            counters for this run.
        accepted_qps: the rate the platform accepted, when the pacer found it lower
            than `--qps`; None otherwise.
        elapsed: seconds the run took.
        notes: extra lines for the summary.
        billed: the harvest's endpoint bills each record it returns (families,
            citations, any lookup): the summary shows `billed_results`.
        cache: the record cache the client answered lookups from; None: none.
        cache_hits: ids this run answered from the record cache (written without a
            request: records, and ids known to have none).
        billed_saved: records this run took from the record cache that the platform
            would have billed.
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
    billed: bool = False
    cache: Path | None = None
    cache_hits: int = 0
    billed_saved: int = 0

    def fail(self, requested_id: str, error: BaseException) -> None:
        """Count a failed id, with its cause."""
        self.failed.append(requested_id)
        self.errors.append(failure(requested_id, error))

    def exit_code(self, *, strict: bool = False) -> int:
        """0 when everything was harvested; 1 when ids failed, the run stopped or left
        ids unsent, or (with `strict`) a query was truncated; 130 when interrupted."""
        if self.interrupted:
            return 130
        if self.failed or self.stopped is not None or self.unsent:
            return 1
        return 1 if strict and self.truncated else 0

    def state(self) -> str:
        """`done`, `stopped` (an error ended it), `budget` (`max_billed` reached) or
        `interrupted`."""
        if self.interrupted:
            return "interrupted"
        if self.stopped is not None:
            return "stopped"
        return "budget" if self.unsent else "done"

    def as_json(self, *, exit_code: int | None = None) -> dict[str, Any]:
        """The summary as one JSON object, for schedulers (`--summary-json FILE`).

        Counts, not ids: the ids are in the side files it names. `stopped` is the
        error that ended the run (`error`, `code`, `message`), or null.
        """
        side = {
            name: str(self.output.with_name(f"{self.output.name}.{name}"))
            for name, count in (
                ("missing", self.missing),
                ("failed", len(self.failed)),
                ("unmatched", self.unmatched),
            )
            if count
        }
        return {
            "command": self.command,
            "output": str(self.output),
            "state": self.state(),
            "exit_code": self.exit_code() if exit_code is None else exit_code,
            "elapsed_s": round(self.elapsed, 3),
            "written": self.written,
            "missing": self.missing,
            "failed": len(self.failed),
            "unmatched": self.unmatched,
            "unsent": self.unsent,
            "skipped": self.skipped,
            "requests": self.requests,
            "retries": self.retries,
            "rate_limited": self.rate_limited,
            "token_requests": self.token_requests,
            "billed_results": self.billed_results if self.billed else None,
            "cache": None if self.cache is None else str(self.cache),
            "cache_hits": self.cache_hits,
            "billed_saved": self.billed_saved if self.billed else None,
            "accepted_qps": self.accepted_qps,
            "truncated": list(self.truncated),
            "causes": [{"count": n, "cause": cause} for n, cause in self.causes()],
            "stopped": None if self.stopped is None else _cause(self.stopped),
            "side_files": side,
        }

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

    def render(self, *, billed: bool | None = None) -> str:
        """The lines printed at the end of a run (`billed`: show the billed results;
        None: when the harvest's endpoint bills per record, `self.billed`)."""
        if billed is None:
            billed = self.billed
        state = "interrupted" if self.interrupted else "stopped" if self.stopped else "done"
        if self.unsent and self.stopped is None and not self.interrupted:
            state = "stopped at the --max-billed budget"
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
        if self.cache is not None:
            rows.append(("from cache", self.cache_hits, str(self.cache)))
        if self.unsent:
            why = "budget reached" if self.stopped is None else "run stopped"
            rows.append(("left unsent", self.unsent, f"{why}: --resume later"))
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
            if self.billed_saved:
                rows.append(("billed saved", self.billed_saved, "by the record cache"))
        elapsed = f"{self.elapsed:.1f} s" if self.elapsed < 60 else duration(self.elapsed)
        lines = [f"{self.command}: {state} in {elapsed}"]
        lines += [f"  {name:<16}{count:>8}  {note}".rstrip() for name, count, note in rows]
        lines += [f"  cause: {n} x {cause}" for n, cause in self.causes()]
        if self.dropped:
            lines.append("  cut off the line torn by the last run's end")
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
