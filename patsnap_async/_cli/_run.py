"""Running one harvesting command: its input, its job, its signals, its report."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from .. import (
    APIError,
    AuthenticationError,
    PatsnapError,
    PermissionDeniedError,
    QuotaExceededError,
    SequenceJobError,
)
from .._harvest._args import NamedError
from .._harvest._input import HarvestError, read_ids
from .._harvest._jobs import (
    Job,
    listing_job,
    lookup_job,
    patents_job,
    run_job,
    search_job,
    sequence_patents_job,
    sequence_search_job,
)
from .._harvest._output import Output
from .._harvest._progress import Progress, Summary, plural
from .._harvest._search import Split
from ._options import OptionError, cache_exists, check_credentials, opened_client
from ._otel import harvest_span, start_exporting
from ._params import command_operation, param_values

__all__ = ["run_harvest"]

#: Signals that end a harvest as Ctrl+C does: summary, side files, lock let go.
STOPPING: Final = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(Exception):
    """The run was stopped by a signal (Ctrl+C, SIGTERM, SIGHUP)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def run_harvest(args: argparse.Namespace) -> int:
    """Run one harvesting command; return its exit status.

    With `--otel` (or the OTEL_* variables), its traces and metrics are exported
    (`_otel.py`); with `--summary-json FILE`, its summary is written there as JSON,
    whatever the outcome.
    """
    summary = Summary(args.command, Path(args.output))
    # The summary reports what the SDK would log as a warning (a truncated query):
    # without a handler of its own, Python would print that warning a second time.
    log = logging.getLogger("patsnap_async")
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())
    try:
        exporting = start_exporting(args.otel)
    except OptionError as error:
        _error(str(error))
        return _reported(args, summary, 2, str(error))
    try:
        code, problem = _outcome(args, summary)
    except Exception as error:
        # A bug of ours: the scheduler still reads that the run failed, then the traceback.
        _reported(args, summary, 1, f"the harvest crashed ({type(error).__name__})")
        raise
    finally:
        exporting.close()
    return _reported(args, summary, code, problem)


def _outcome(args: argparse.Namespace, summary: Summary) -> tuple[int, str | None]:
    """Run the harvest: its exit status, and the error that kept it from running."""
    names: dict[str, str] = getattr(args, "names", {})
    try:
        return asyncio.run(_main(args, summary)), None
    except KeyboardInterrupt:
        return _interrupted(args, summary, signal.SIGINT), None
    except Interrupted as stop:
        code = _interrupted(args, summary, stop.signum)
        # All is written: a signal now would only kill the interpreter while it tears
        # down (Python then restores the default handlers), exiting with -2, not 130.
        for signum in STOPPING:
            signal.signal(signum, signal.SIG_IGN)
        return code, None
    except NamedError as error:
        message = error.naming(lambda name: names.get(name, name))
    except (HarvestError, OptionError) as error:
        message = str(error)
    except OSError as error:  # a side file that cannot be written, mid-run
        message = f"cannot write {error.filename or args.output}: {error.strerror or error}"
    _error(message)
    return 2, message


def _reported(args: argparse.Namespace, summary: Summary, code: int, problem: str | None) -> int:
    """Write the summary as JSON to `--summary-json`, if asked; `code`, or 2 if it cannot."""
    path = getattr(args, "summary_json", None)
    if path is None:
        return code
    report = summary.as_json(exit_code=code)
    if problem is not None:
        report["state"], report["error"] = "error", problem
    try:
        Path(path).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        _error(f"cannot write --summary-json {path}: {error.strerror or error}")
        return 2
    return code


def _error(message: str) -> None:
    print(f"patsnap-async: error: {message}", file=sys.stderr)


def _interrupted(args: argparse.Namespace, summary: Summary, signum: int) -> int:
    summary.interrupted = True
    if not args.quiet:
        print(summary.render(), file=sys.stderr)
    how = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
    print(
        f"patsnap-async: {how}; run the same command with --resume to continue ({args.output})",
        file=sys.stderr,
    )
    return 128 + signum


@contextlib.contextmanager
def _signals(task: asyncio.Task[Any]) -> Iterator[list[int]]:
    """Cancel `task` on the first stopping signal; exit at once on a second one."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received  # in a test's thread: no signal reaches it
        return
    loop = asyncio.get_running_loop()
    before = {signum: signal.getsignal(signum) for signum in STOPPING}

    def stop(signum: int) -> None:
        if received:
            _exit_now(signum)
        received.append(signum)
        task.cancel()

    for signum in STOPPING:
        loop.add_signal_handler(signum, stop, signum)
    try:
        yield received
    finally:
        for signum, handler in before.items():
            loop.remove_signal_handler(signum)
            # Once stopping, another signal (while the summary is printed) ends the
            # process at once, with its status, rather than as an uncaught interrupt.
            if received:
                signal.signal(signum, _exit_now)
            elif handler is not None:
                signal.signal(signum, handler)


def _exit_now(signum: int, frame: object = None) -> None:
    """The second signal: the user does not want to wait for the cleanup."""
    sys.stderr.write("\npatsnap-async: interrupted again: exiting now\n")
    sys.stderr.flush()
    os._exit(128 + signum)


async def _main(args: argparse.Namespace, summary: Summary) -> int:
    task = asyncio.current_task()
    assert task is not None
    with _signals(task) as received:
        try:
            return await _run(args, summary)
        except asyncio.CancelledError:
            if not received:
                raise
            task.uncancel()
            raise Interrupted(received[0]) from None


def _ids(args: argparse.Namespace) -> list[str]:
    if args.command == "search":
        if (args.query is None) == (args.input is None):
            raise HarvestError("give either a query or -i FILE of queries")
        if args.query is not None:
            return [args.query]
    elif args.command == "sequence-search":
        if (args.sequence is None) == (args.motif is None):
            raise HarvestError("give either a sequence or --motif")
        return []
    if args.input != "-" and _same_file(args.input, args.output):
        raise HarvestError(f"--output {args.output} is the --input file: give another file")
    return read_ids(args.input, column=args.column, queries=args.command == "search")


def _job(args: argparse.Namespace) -> Job:
    command: str = args.command
    if command == "get":
        op = command_operation("get", args.endpoint, "lookup")  # before the input is read
        params = param_values(op, args.params)
        return lookup_job(op.code, _ids(args), by=args.by, params=params,
                          max_billed=args.max_billed, concurrency=None)  # fmt: skip
    if command == "list":
        op = command_operation("list", args.endpoint, "listing")
        return listing_job(op.code, params=param_values(op, args.params),
                           max_results=args.max_results, page_size=args.page_size)  # fmt: skip
    ids = _ids(args)
    if command in ("family", "cited-by"):
        return patents_job(command, ids, patent_ids=args.patent_ids,
                           max_billed=args.max_billed, concurrency=None)  # fmt: skip
    if command == "sequence-patents":
        return sequence_patents_job(ids)
    if command == "search":
        split: Split | bool = False
        if args.split:
            split = _checked_split(Split(args.split_field, args.split_format))
        queries = ids[0] if args.query is not None else ids
        return search_job(queries, split=split, max_results=args.max_results,
                          page_size=args.page_size)  # fmt: skip
    return sequence_search_job(
        sequence=args.sequence, motif=args.motif, sequence_type=args.sequence_type,
        query_type=args.query_type, algorithm=args.algorithm, limit=args.limit,
        expand_patents=args.expand_patents, poll_interval=args.poll_interval,
        wait_timeout=args.wait_timeout,
    )  # fmt: skip


async def _run(args: argparse.Namespace, summary: Summary) -> int:
    job = _job(args)
    _check_cache(args)
    if not args.dry_run and not cache_exists(args):
        # A refused output must not leave a new record cache behind: its checks first.
        Output.inspect(args.output, manifest=job.manifest, resume=args.resume,
                       overwrite=args.overwrite)  # fmt: skip
    if args.dry_run:
        check_credentials(args)
        output = Output.inspect(args.output, manifest=job.manifest, resume=args.resume,
                                overwrite=args.overwrite)  # fmt: skip
        print(job.plan(output, await _cached(args, job, output)))
        return 0
    progress = Progress(job.label, job.unit, enabled=not args.quiet)
    async with opened_client(args) as client:
        with harvest_span(summary):
            await run_job(client, job, args.output, resume=args.resume, overwrite=args.overwrite,
                          progress=progress, summary=summary)  # fmt: skip
    if not args.quiet:
        print(summary.render(), file=sys.stderr)
    else:
        for note in summary.truncated:
            print(f"patsnap-async: warning: {note}", file=sys.stderr)
    _report(args, summary)
    return summary.exit_code(strict=getattr(args, "strict", False))


def _check_cache(args: argparse.Namespace) -> None:
    """Refuse a `--cache` that is the output, the input, or a side file of the output:
    the record cache would overwrite it."""
    if getattr(args, "no_cache", True) or not args.cache:
        return
    cache = os.path.expanduser(args.cache)
    given: str | None = getattr(args, "input", None)
    if given is not None and given != "-" and _same_file(cache, given):
        raise OptionError(f"--cache {args.cache} is the --input file: give another file")
    for number, path in enumerate(Output.files(args.output)):
        if _same_file(cache, path):
            what = "the --output file" if number == 0 else f"a side file of --output ({path.name})"
            raise OptionError(f"--cache {args.cache} is {what}: give another file")


def _same_file(one: str | os.PathLike[str], other: str | os.PathLike[str]) -> bool:
    """Whether two names are one file: the same inode when both exist (a hard or
    symbolic link is the file), else the same path once links are followed."""
    if os.path.exists(one) and os.path.exists(other):
        return os.path.samefile(one, other)
    return os.path.realpath(one) == os.path.realpath(other)


async def _cached(args: argparse.Namespace, job: Job, output: Output) -> int | None:
    """How many of the ids a dry run would send the record cache answers (None: no
    cache, or a harvest that runs no lookup). Reads the cache; sends nothing."""
    if job.cached is None or getattr(args, "no_cache", True):
        return None
    async with opened_client(args) as client:
        return await job.cached(client, output)


def _report(args: argparse.Namespace, summary: Summary) -> None:
    """The last line: what stopped the run and what to do, or where the failed ids are."""
    stopped, output = summary.stopped, summary.output
    if stopped is not None and stopped.fatal:
        left = f"; {plural(summary.unsent, 'id')} left for --resume" if summary.unsent else ""
        _error(f"{_advice(stopped, args)}{left}")
    elif stopped is not None:
        # A failed job stays failed; anything else may go through on a later run.
        hint = "" if isinstance(stopped, SequenceJobError) else " (rerun with --resume)"
        _error(f"{stopped}{hint}")
    elif summary.failed:
        print(
            f"patsnap-async: {plural(len(summary.failed), 'id')} failed; they are in "
            f"{output}.failed, and why in {output}.errors",
            file=sys.stderr,
        )


def _advice(error: PatsnapError, args: argparse.Namespace) -> str:
    """Which option to fix for an error that concerns the account, and the platform's words."""
    if not isinstance(error, APIError):  # the client was closed, say
        return str(error)
    said = (
        f"{error.code if error.code is not None else f'HTTP {error.http_status}'}: {error.message}"
    )
    if isinstance(error, AuthenticationError):
        return f"check {_credentials(args)}: the platform refused the credentials ({said})"
    if isinstance(error, PermissionDeniedError):
        return (
            f"the account may not call this API ({said}): ask PatSnap to enable it, or "
            f"check {_credentials(args)}"
        )
    if isinstance(error, QuotaExceededError):
        return f"the account's quota is used up or has expired ({said})"
    # What is left is an API path the platform does not know.
    url = args.base_url or os.environ.get("PATSNAP_BASE_URL")
    return (
        f"check --base-url{f' ({url})' if url else ''}: the platform has no such API ({said}); "
        "PatSnap's is https://connect.patsnap.com, with no path"
    )


def _credentials(args: argparse.Namespace) -> str:
    """The credentials this run used, as the user gave them."""
    if args.api_key is not None:
        return "--api-key"
    if args.client_id is not None or args.client_secret is not None:
        return "--client-id and --client-secret"
    if os.environ.get("PATSNAP_API_KEY"):
        return "$PATSNAP_API_KEY"
    return "$PATSNAP_CLIENT_ID and $PATSNAP_CLIENT_SECRET"


def _checked_split(split: Split) -> Split:
    try:
        text = datetime.date(2020, 12, 31).strftime(split.format)
    except ValueError as error:
        raise HarvestError(f"--split-format {split.format!r}: {error}") from None
    if not text.strip() or text == split.format:
        raise HarvestError(f"--split-format {split.format!r} formats no date (try %Y%m%d)")
    return split
