"""Bulk harvests from Python: the same harvests as the command line, one function each.

    from patsnap_async import PatsnapClient, harvest

    async with PatsnapClient(client_id=..., client_secret=..., qps=10) as client:
        ids = harvest.read_ids("numbers.csv", column="pn")
        summary = await harvest.family(client, ids, "families.jsonl", resume=True)
    print(summary.written, summary.failed, summary.exit_code())

Each function writes JSONL that a kill cannot corrupt and that resumes (`resume=True`
skips what the output already holds), with side files beside it (`.missing`,
`.failed`, `.errors`, `.unmatched`, `.done`, `.job`, `.manifest.json`, `.lock`; see the
README), and returns a `Summary` of the run. The output is locked for the run, and a
resume whose command, ids or options differ from the output's manifest is refused.

Each raises `HarvestError` for a bad argument, an output that another run holds or that
another harvest produced, before anything is sent; and `OSError` when a side file
cannot be written during the run.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ._client import PatsnapClient
from ._harvest import (
    HarvestError,
    Output,
    Progress,
    Split,
    Summary,
    harvest_patents,
    harvest_search,
    harvest_sequence_patents,
    harvest_sequence_search,
    read_ids,
)
from ._models import SequenceJob

__all__ = [
    "Progress",
    "Split",
    "Summary",
    "cited_by",
    "family",
    "read_ids",
    "search",
    "sequence_patents",
    "sequence_search",
]

_Body = Callable[[Output, Summary, Progress], Awaitable[None]]


async def family(
    client: PatsnapClient,
    ids: Sequence[str],
    output: str | Path,
    *,
    patent_ids: bool = False,
    max_billed: int | None = None,
    concurrency: int | None = None,
    resume: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
    summary: Summary | None = None,
) -> Summary:
    """The patent family (P014) of every id, one JSON line per record.

    Args:
        client: an open client.
        ids: patent numbers (or PatSnap patent ids with `patent_ids`), each once.
        output: the JSONL file.
        patent_ids: the ids are PatSnap patent ids.
        max_billed: send no request that could take this run's billed results (one per
            id found) past this number; the ids left are `summary.unsent`, for a later
            run with `resume`. None: no limit.
        concurrency: calls in flight at most. None: the client's `max_concurrency`.
        resume: continue the harvest the output holds (it must come from the same
            command and kind of ids). False: the output must be empty or absent.
        overwrite: start afresh even if the output holds records.
        progress: a progress line to draw. None: none.
        summary: the `Summary` to fill in as the run goes (read it after a
            cancellation). None: a new one.
    """
    return await _patents(
        "family", client, ids, output, patent_ids, max_billed, concurrency,
        resume, overwrite, progress, summary,
    )  # fmt: skip


async def cited_by(
    client: PatsnapClient,
    ids: Sequence[str],
    output: str | Path,
    *,
    patent_ids: bool = False,
    max_billed: int | None = None,
    concurrency: int | None = None,
    resume: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
    summary: Summary | None = None,
) -> Summary:
    """The citing patents (P015) of every id, one JSON line per record.

    Args:
        client, ids, output, patent_ids, max_billed, concurrency, resume, overwrite,
            progress, summary: as `family`.
    """
    return await _patents(
        "cited-by", client, ids, output, patent_ids, max_billed, concurrency,
        resume, overwrite, progress, summary,
    )  # fmt: skip


async def _patents(
    command: str,
    client: PatsnapClient,
    ids: Sequence[str],
    output: str | Path,
    patent_ids: bool,
    max_billed: int | None,
    concurrency: int | None,
    resume: bool,
    overwrite: bool,
    progress: Progress | None,
    summary: Summary | None,
) -> Summary:
    if max_billed is not None and max_billed < 1:
        raise HarvestError(f"--max-billed must be at least 1, got {max_billed}")
    manifest = {"command": command, "ids": "patent ids" if patent_ids else "patent numbers"}

    async def body(out: Output, summary: Summary, progress: Progress) -> None:
        await harvest_patents(
            client, out, ids, summary, progress,
            cited_by=command == "cited-by", patent_ids=patent_ids,
            max_billed=max_billed, concurrency=concurrency,
        )  # fmt: skip

    return await _run(command, "ids", client, output, manifest, resume, overwrite, progress,
                      summary, body)  # fmt: skip


async def sequence_patents(
    client: PatsnapClient,
    seq_ids: Sequence[str],
    output: str | Path,
    *,
    resume: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
    summary: Summary | None = None,
) -> Summary:
    """Every patent of every sequence (B005), one JSON line per patent with its `index`.

    Args:
        client, output, resume, overwrite, progress, summary: as `family`.
        seq_ids: sequence ids, each once.
    """

    async def body(out: Output, summary: Summary, progress: Progress) -> None:
        await harvest_sequence_patents(client, out, seq_ids, summary, progress)

    manifest = {"command": "sequence-patents", "ids": "sequence ids"}
    return await _run("sequence-patents", "seq_ids", client, output, manifest, resume,
                      overwrite, progress, summary, body)  # fmt: skip


async def search(
    client: PatsnapClient,
    queries: str | Sequence[str],
    output: str | Path,
    *,
    split: Split | bool = False,
    max_results: int | None = None,
    page_size: int = 1000,
    resume: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
    summary: Summary | None = None,
) -> Summary:
    """Every result of a query (P002), or of each of several, one JSON line each.

    The query is each line's `requested_id`. The platform serves at most 20 000 results
    of a query; past that, without `split`, the first 20 000 are written and
    `summary.truncated` says so.

    Args:
        client, output, resume, overwrite, progress, summary: as `family`.
        queries: one query, or several (each harvested and resumed on its own).
        split: harvest every result of a query past 20 000 by cutting it into date
            ranges (`Split()` for the default `PBD:[YYYYMMDD TO YYYYMMDD]`, or True);
            each line then carries the `part` it was found in, and a result is written
            once across parts.
        max_results: at most this many results per query (at most 20 000; not with
            `split`). None: all.
        page_size: results per request, 1 to 1000.
    """
    many = not isinstance(queries, str)
    listed = [queries] if isinstance(queries, str) else list(queries)
    cut = Split() if split is True else split or None
    if cut is not None and max_results is not None:
        raise HarvestError("--max-results and --split do not go together")
    manifest: dict[str, Any] = {"command": "search", "ids": "queries" if many else "query"}
    if not many:
        manifest["query"] = listed[0]
    if cut is not None:
        manifest["split"] = cut.part(cut.start, cut.end)

    async def body(out: Output, summary: Summary, progress: Progress) -> None:
        await harvest_search(
            client, out, listed, summary, progress,
            split=cut, max_results=max_results, page_size=page_size,
        )  # fmt: skip

    return await _run("search", "results", client, output, manifest, resume, overwrite,
                      progress, summary, body)  # fmt: skip


async def sequence_search(
    client: PatsnapClient,
    output: str | Path,
    *,
    sequence: str | None = None,
    motif: str | None = None,
    sequence_type: str = "PROTEIN",
    query_type: str | None = None,
    algorithm: str | None = None,
    limit: int = 1000,
    expand_patents: bool = False,
    poll_interval: float = 5.0,
    wait_timeout: float | None = 600.0,
    resume: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
    summary: Summary | None = None,
) -> Summary:
    """Submit a sequence (or motif) search, wait for it, and write every hit.

    The job id is saved in `<output>.job` as soon as it is submitted; `resume` reuses it.

    Args:
        client, output, resume, overwrite, progress, summary: as `family`.
        sequence: the query sequence (or give `motif`).
        motif: a motif search instead, e.g. `"RSMATC[AN]{0,1}"`.
        sequence_type: PROTEIN or NUCLEOTIDE.
        query_type: the type searched. None: `sequence_type`.
        algorithm: the blast algorithm. None: blastp, blastn, blastx-fast or
            tblastn-fast, by the two types.
        limit: most hits, 1 to 10 000.
        expand_patents: fetch every patent of hits with more than 100.
        poll_interval: seconds between two status calls.
        wait_timeout: seconds to wait for the job at most. None: for ever.
    """
    if (sequence is None) == (motif is None):
        raise HarvestError("give either a sequence or --motif")
    searched = query_type or sequence_type
    chosen = algorithm or _ALGORITHMS.get((sequence_type.upper(), searched.upper()), "blastp")
    options: dict[str, Any] = {"sequence": sequence, "motif": motif, "sequence_type": sequence_type}
    options |= {"query_type": searched, "algorithm": None if motif else chosen}
    options |= {"limit": limit, "expand_patents": expand_patents}
    manifest = {"command": "sequence-search", "ids": "job"} | options

    async def submit() -> SequenceJob:
        if motif is not None:
            return await client.sequences.submit_motif(
                motif, sequence_type=sequence_type, query_type=searched, limit=limit
            )
        assert sequence is not None
        return await client.sequences.submit(
            sequence, sequence_type=sequence_type, query_type=searched, algorithm=chosen,
            limit=limit,
        )  # fmt: skip

    async def body(out: Output, summary: Summary, progress: Progress) -> None:
        await harvest_sequence_search(
            client, out, submit, summary, progress,
            expand_patents=expand_patents, poll_interval=poll_interval,
            wait_timeout=wait_timeout,
        )  # fmt: skip

    return await _run("sequence-search", "hits", client, output, manifest, resume, overwrite,
                      progress, summary, body)  # fmt: skip


#: The default algorithm for each (sequence type, type searched).
_ALGORITHMS = {
    ("PROTEIN", "PROTEIN"): "blastp",
    ("NUCLEOTIDE", "NUCLEOTIDE"): "blastn",
    ("NUCLEOTIDE", "PROTEIN"): "blastx-fast",
    ("PROTEIN", "NUCLEOTIDE"): "tblastn-fast",
}


async def _run(
    command: str,
    unit: str,
    client: PatsnapClient,
    output: str | Path,
    manifest: Mapping[str, Any],
    resume: bool,
    overwrite: bool,
    progress: Progress | None,
    summary: Summary | None,
    body: _Body,
) -> Summary:
    """Open (lock, check) the output, run the harvest, write `.failed`, fill the summary."""
    summary = summary or Summary(command, Path(output))
    summary.command, summary.output = command, Path(output)
    out = Output.open(output, manifest=manifest, resume=resume, overwrite=overwrite)
    summary.dropped = out.dropped
    progress = progress or Progress(command, unit, enabled=False)
    before = attrs.evolve(client.stats)
    progress.retries = lambda: client.stats.retries - before.retries
    started = time.monotonic()
    ticker = asyncio.create_task(progress.redraw_forever())
    try:
        await body(out, summary, progress)
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
            stats = client.stats
            summary.requests = stats.requests - before.requests
            summary.retries = stats.retries - before.retries
            summary.rate_limited = stats.rate_limited - before.rate_limited
            summary.token_requests = stats.token_requests - before.token_requests
            summary.billed_results = stats.billed_results - before.billed_results
            summary.accepted_qps = stats.accepted_qps
            summary.elapsed = time.monotonic() - started
    return summary
