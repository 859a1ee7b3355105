"""Each harvest as a `Job`: its arguments checked, its manifest, how it runs, what a dry
run says. `patsnap_async.harvest` and the command line both build their runs here, so a
dry run and a real run check the same things and count from the same output."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from .. import MAX_SEARCH_RESULTS, PatsnapClient, SequenceJob
from .._cache import RecordCache
from .._limits import (
    DEFAULT_SEQUENCE_ALGORITHMS,
    MAX_JOB_LIMIT,
    MAX_QUERY_LENGTH,
    MAX_SEARCH_PAGE,
    SEQUENCE_ALGORITHMS,
    SEQUENCE_TYPES,
)
from ..endpoints import CITED_BY, FAMILY, PATENT_ID, Listing, Lookup
from ._args import ArgumentError, Name, choice, flag, id_list, number, text_list, whole
from ._args import text as checked_text
from ._lists import harvest_listing
from ._operation import checked_params, operation
from ._output import Output
from ._patents import harvest_lookup, harvest_sequence_patents, pending_ids
from ._plan import (
    plan_listing,
    plan_lookup,
    plan_search,
    plan_sequence_patents,
    plan_sequence_search,
)
from ._progress import Progress, Summary
from ._search import Split, harvest_search, harvest_sequence_search

__all__ = [
    "Job",
    "listing_job",
    "lookup_job",
    "patents_job",
    "run_job",
    "search_job",
    "sequence_patents_job",
    "sequence_search_job",
]

Body = Callable[[PatsnapClient, Output, Summary, Progress], Awaitable[None]]


@attrs.frozen
class Job:
    """One harvest, its arguments checked.

    Attributes:
        command: `family`, `cited-by`, `sequence-patents`, `search`, `sequence-search`,
            `get` or `list`.
        unit: what the progress line counts.
        manifest: what produces the records, saved beside the output.
        body: runs the harvest on an open output.
        plan: what a run would send, given what the output holds and how many of the
            ids left the record cache answers (None: no cache; a dry run).
        label: the harvest in the progress line and the summary (`get P018`).
        billed: the platform bills each record it returns (the summary counts them).
        cached: of the ids the output does not hold yet, how many the client's record
            cache answers (for `plan`); None: the harvest runs no lookup.
    """

    command: str
    unit: str
    manifest: Mapping[str, Any]
    body: Body
    plan: Callable[[Output, int | None], str]
    label: str = attrs.field(default=attrs.Factory(lambda job: job.command, takes_self=True))
    billed: bool = False
    cached: Callable[[PatsnapClient, Output], Awaitable[int]] | None = None


#: What a lookup's ids are, in a manifest and its messages, by the parameter they go in.
ID_KINDS: Final = {"patent_number": "patent numbers", "patent_id": "patent ids"}


def patents_job(
    command: str, ids: object, *, patent_ids: object, max_billed: object, concurrency: object
) -> Job:
    """`family` or `cited-by` of `ids`."""
    by_id = flag("patent_ids", patent_ids)
    endpoint = CITED_BY if command == "cited-by" else FAMILY
    manifest = {"command": command, "ids": "patent ids" if by_id else "patent numbers"}
    by = PATENT_ID.param if by_id else None
    return _lookup_job(command, command, endpoint, endpoint, ids, manifest, by=by, params=None,
                       max_billed=max_billed, concurrency=concurrency)  # fmt: skip


def lookup_job(
    endpoint: object,
    ids: object,
    *,
    by: object,
    params: object,
    max_billed: object,
    concurrency: object,
) -> Job:
    """`get` of `ids`: any lookup of the catalog, by its code or name."""
    op = operation(endpoint, "lookup")
    declared = op.endpoint
    assert isinstance(declared, Lookup)
    if by is not None and not isinstance(by, str):
        raise ArgumentError(Name("by"), f" must be a parameter's name, got {by!r}")
    try:
        way = declared.by(by)
    except ValueError:
        known = " or ".join(w.param for w in declared.ids)
        raise ArgumentError(
            Name("by"), f" must be {known} (where {op.code} takes ids), got {by!r}"
        ) from None  # fmt: skip
    values = checked_params(op, params, filled={w.param for w in declared.ids})
    kind = ID_KINDS.get(way.param, way.param)
    manifest = {"command": "get", "endpoint": op.code, "ids": kind, "params": values}
    return _lookup_job("get", f"get {op.code}", declared, op.code, ids, manifest, by=way.param,
                       params=values, max_billed=max_billed, concurrency=concurrency)  # fmt: skip


def _lookup_job(
    command: str,
    label: str,
    declared: Lookup[Any],
    endpoint: Lookup[Any] | str,
    ids: object,
    manifest: Mapping[str, Any],
    *,
    by: str | None,
    params: Mapping[str, Any] | None,
    max_billed: object,
    concurrency: object,
) -> Job:
    """A harvest of `ids` through the batch engine (`endpoint`: what `client.lookup`
    is given; `declared`: its declaration, for the plan)."""
    checked = id_list("ids", ids)
    budget = None if max_billed is None else whole("max_billed", max_billed, minimum=1)
    width = None if concurrency is None else whole("concurrency", concurrency, minimum=1)

    async def body(
        client: PatsnapClient, out: Output, summary: Summary, progress: Progress
    ) -> None:
        await harvest_lookup(
            client, out, checked, summary, progress, endpoint=endpoint, by=by,
            params=params, max_billed=budget, concurrency=width,
        )  # fmt: skip

    def plan(out: Output, cached: int | None) -> str:
        return plan_lookup(label, checked, budget, out, batch_size=declared.batch_size,
                           billed=declared.billed, cached=cached)  # fmt: skip

    async def cached(client: PatsnapClient, out: Output) -> int:
        # A declaration or a code: each has its overload, one call serves both.
        count: Callable[..., Awaitable[tuple[str, ...]]] = client.cached
        return len(await count(endpoint, pending_ids(checked, out), by=by, params=params))

    return Job(command, "ids", manifest, body, plan, label=label, billed=declared.billed,
               cached=cached)  # fmt: skip


def listing_job(endpoint: object, *, params: object, max_results: object, page_size: object) -> Job:
    """`list`: every item of any listing of the catalog, by its code or name."""
    op = operation(endpoint, "listing")
    declared = op.endpoint
    assert isinstance(declared, Listing)
    paging = declared.paging
    values = checked_params(op, params, filled={paging.position, paging.size})
    cap = paging.max_items
    most = None
    if max_results is not None:
        most = whole("max_results", max_results, minimum=1, maximum=cap)
    size = paging.max_size
    if page_size is not None:
        size = whole("page_size", page_size, minimum=1, maximum=paging.max_size)
    manifest = {"command": "list", "endpoint": op.code, "params": values}

    async def body(
        client: PatsnapClient, out: Output, summary: Summary, progress: Progress
    ) -> None:
        await harvest_listing(client, out, op.code, values, summary, progress, cap=cap,
                              max_results=most, page_size=size)  # fmt: skip

    def plan(out: Output, cached: int | None) -> str:
        return plan_listing(op.code, cap, most, size, out)

    return Job("list", "items", manifest, body, plan, label=f"list {op.code}")


def sequence_patents_job(seq_ids: object) -> Job:
    """`sequence-patents` of `seq_ids`."""
    checked = id_list("seq_ids", seq_ids)

    async def body(
        client: PatsnapClient, out: Output, summary: Summary, progress: Progress
    ) -> None:
        await harvest_sequence_patents(client, out, checked, summary, progress)

    manifest = {"command": "sequence-patents", "ids": "sequence ids"}
    return Job("sequence-patents", "seq_ids", manifest, body,
               lambda out, _: plan_sequence_patents(checked, out))  # fmt: skip


def search_job(queries: object, *, split: object, max_results: object, page_size: object) -> Job:
    """`search` of one query (a string) or of several."""
    many = not isinstance(queries, str)
    if many:
        listed = text_list("queries", queries, max_length=MAX_QUERY_LENGTH)
    else:
        listed = [checked_text("queries", queries, max_length=MAX_QUERY_LENGTH)]
    if isinstance(split, bool):
        cut = Split() if split else None
    elif isinstance(split, Split):
        cut = split
    else:
        raise ArgumentError(Name("split"), f" must be True, False or a Split, got {split!r}")
    if max_results is not None:
        max_results = whole("max_results", max_results, minimum=1, maximum=MAX_SEARCH_RESULTS)
        if cut is not None:
            raise ArgumentError(Name("max_results"), " and ", Name("split"), " do not go together")
    size = whole("page_size", page_size, minimum=1, maximum=MAX_SEARCH_PAGE)
    manifest: dict[str, Any] = {"command": "search", "ids": "queries" if many else "query"}
    if not many:
        manifest["query"] = listed[0]
    if cut is not None:
        manifest["split"] = cut.part(cut.start, cut.end)

    async def body(
        client: PatsnapClient, out: Output, summary: Summary, progress: Progress
    ) -> None:
        await harvest_search(client, out, listed, summary, progress, split=cut,
                             max_results=max_results, page_size=size)  # fmt: skip

    return Job("search", "results", manifest, body,
               lambda out, _: plan_search(listed, cut, max_results, size, out))  # fmt: skip


def sequence_search_job(
    *,
    sequence: object,
    motif: object,
    sequence_type: object,
    query_type: object,
    algorithm: object,
    limit: object,
    expand_patents: object,
    poll_interval: object,
    wait_timeout: object,
) -> Job:
    """`sequence-search` of a sequence, or of a motif."""
    if (sequence is None) == (motif is None):
        raise ArgumentError("give either a ", Name("sequence"), " or a ", Name("motif"))
    text = checked_text("sequence", sequence) if motif is None else checked_text("motif", motif)
    kind = choice("sequence_type", sequence_type, SEQUENCE_TYPES)
    searched = kind if query_type is None else choice("query_type", query_type, SEQUENCE_TYPES)
    chosen = None if motif is not None else _algorithm(algorithm, kind, searched)
    most = whole("limit", limit, minimum=1, maximum=MAX_JOB_LIMIT)
    expand = flag("expand_patents", expand_patents)
    every = number("poll_interval", poll_interval, minimum=0)
    timeout = None if wait_timeout is None else number("wait_timeout", wait_timeout, above=0)
    options: dict[str, Any] = {"sequence": None, "motif": None}
    options["motif" if motif is not None else "sequence"] = text
    options |= {"sequence_type": kind, "query_type": searched, "algorithm": chosen}
    options |= {"limit": most, "expand_patents": expand}
    manifest = {"command": "sequence-search", "ids": "job"} | options

    async def body(
        client: PatsnapClient, out: Output, summary: Summary, progress: Progress
    ) -> None:
        async def submit() -> SequenceJob:
            if chosen is None:
                return await client.sequences.submit_motif(
                    text, sequence_type=kind, query_type=searched, limit=most
                )
            return await client.sequences.submit(
                text, sequence_type=kind, query_type=searched, algorithm=chosen, limit=most
            )

        await harvest_sequence_search(client, out, submit, summary, progress,
                                      expand_patents=expand, poll_interval=every,
                                      wait_timeout=timeout)  # fmt: skip

    return Job("sequence-search", "hits", manifest, body,
               lambda out, _: plan_sequence_search(every, timeout, most, out))  # fmt: skip


def _algorithm(algorithm: object, kind: str, searched: str) -> str:
    if algorithm is None:
        return DEFAULT_SEQUENCE_ALGORITHMS[kind, searched]
    allowed = SEQUENCE_ALGORITHMS[kind, searched]
    if not isinstance(algorithm, str) or algorithm.strip().lower() not in allowed:
        raise ArgumentError(
            Name("algorithm"), f" {algorithm!r} does not search {kind} in {searched}; use one "
            f"of {', '.join(sorted(allowed))}",
        )  # fmt: skip
    return algorithm.strip().lower()


async def run_job(
    client: PatsnapClient,
    job: Job,
    output: str | Path,
    *,
    resume: object,
    overwrite: object,
    progress: Progress | None,
    summary: Summary | None,
) -> Summary:
    """Open (lock, check) the output, run the harvest, write `.failed`, fill the summary."""
    again, fresh = flag("resume", resume), flag("overwrite", overwrite)
    if again and fresh:
        raise ArgumentError(Name("resume"), " and ", Name("overwrite"), " do not go together")
    summary = summary or Summary(job.label, Path(output))
    out = Output.open(output, manifest=job.manifest, resume=again, overwrite=fresh)
    summary.command, summary.output, summary.billed = job.label, out.path, job.billed
    summary.dropped = out.dropped
    progress = progress or Progress(job.label, job.unit, enabled=False)
    before = attrs.evolve(client.stats)
    cache = client.cache if job.cached is not None else None
    failures = 0 if cache is None else cache.failures
    progress.retries = lambda: client.stats.retries - before.retries
    started = time.monotonic()
    ticker = asyncio.create_task(progress.redraw_forever())
    try:
        await job.body(client, out, summary, progress)
    except asyncio.CancelledError:
        summary.interrupted = True
        raise
    finally:
        ticker.cancel()
        await asyncio.gather(ticker, return_exceptions=True)
        progress.close()
        try:
            out.write_failed(summary.failed, summary.errors)
        finally:
            out.close()
            _count(summary, client, before, time.monotonic() - started)
            if cache is not None:
                _count_cache(summary, cache, failures)
    return summary


def _count_cache(summary: Summary, cache: RecordCache, failures: int) -> None:
    """Where the record cache is, and a note if it failed during the run."""
    summary.cache = cache.path
    if cache.failures > failures:
        summary.notes.append(
            f"the record cache failed ({cache.error}): the run went on without it for a "
            "while; every record fetched is in the output, not all in the cache"
        )


def _count(summary: Summary, client: PatsnapClient, before: Any, elapsed: float) -> None:
    stats = client.stats
    summary.requests = stats.requests - before.requests
    summary.retries = stats.retries - before.retries
    summary.rate_limited = stats.rate_limited - before.rate_limited
    summary.token_requests = stats.token_requests - before.token_requests
    summary.billed_results = stats.billed_results - before.billed_results
    summary.cache_hits = stats.cache_hits - before.cache_hits
    summary.billed_saved = stats.billed_saved - before.billed_saved
    summary.accepted_qps = stats.accepted_qps
    summary.elapsed = elapsed
