"""Bulk harvests from Python: the same harvests as the command line, one function each.

    from patsnap_async import PatsnapClient, harvest

    async with PatsnapClient(client_id=..., client_secret=..., qps=10) as client:
        ids = harvest.read_ids("numbers.csv", column="pn")
        summary = await harvest.family(client, ids, "families.jsonl", resume=True)
    print(summary.written, summary.failed, summary.exit_code())

`harvest.lookup` runs any lookup of the catalog (`"P018"`, claims) the way `family`
runs P014, and `harvest.listing` drains any listing (`"P008"`) to JSONL.

A client given a record cache (`PatsnapClient(cache=...)`) answers the lookups of
`family`, `cited_by` and `lookup` from it where it can: those records are written
without a request, and the `Summary` says how many (`cache_hits`, `billed_saved`) and
which file (`cache`).

Each function writes JSONL that a kill cannot corrupt and that resumes (`resume=True`
skips what the output already holds), with side files beside it (`.missing`,
`.failed`, `.errors`, `.unmatched`, `.done`, `.job`, `.manifest.json`, `.lock`; see the
README), and returns a `Summary` of the run. The output is locked for the run, and a
resume whose command, ids or options differ from the output's manifest is refused.

Every argument is checked before the first request: a bad one raises `HarvestError`
(also a `ValueError`) naming it, and so does an output that another run holds, that
another harvest produced, or that is not a harvest's output at all. `OSError` is raised
when a side file cannot be written during the run. A run stops at the first error
that concerns the account or the base URL (authentication, permission, quota, an
unknown API path): `summary.stopped` holds it, and the ids it left are counted in
`summary.unsent`, for a later run with `resume=True`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ._client import PatsnapClient
from ._harvest import Progress, Split, Summary, read_ids
from ._harvest._jobs import (
    listing_job,
    lookup_job,
    patents_job,
    run_job,
    search_job,
    sequence_patents_job,
    sequence_search_job,
)
from ._limits import DEFAULT_JOB_LIMIT, MAX_SEARCH_PAGE

__all__ = [
    "Progress",
    "Split",
    "Summary",
    "cited_by",
    "family",
    "listing",
    "lookup",
    "read_ids",
    "search",
    "sequence_patents",
    "sequence_search",
]


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
        ids: patent numbers (or PatSnap patent ids with `patent_ids`), a list (not one
            string); each is checked as `patsnap_async.check_id` does before anything
            is sent, and fetched once.
        output: the JSONL file.
        patent_ids: the ids are PatSnap patent ids.
        max_billed: send no request that could take this run's billed results (one per
            id found) past this number; the ids left are `summary.unsent`, for a later
            run with `resume`. None: no limit.
        concurrency: calls in flight at most (after the first, which goes alone). None:
            the client's `max_concurrency`.
        resume: continue the harvest the output holds (it must come from the same
            command and kind of ids). False: the output must be empty or absent.
        overwrite: start afresh even if the output holds records.
        progress: a progress line to draw. None: none.
        summary: the `Summary` to fill in as the run goes (read it after a
            cancellation). None: a new one.
    """
    job = patents_job("family", ids, patent_ids=patent_ids, max_billed=max_billed,
                      concurrency=concurrency)  # fmt: skip
    return await run_job(client, job, output, resume=resume, overwrite=overwrite,
                         progress=progress, summary=summary)  # fmt: skip


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
    job = patents_job("cited-by", ids, patent_ids=patent_ids, max_billed=max_billed,
                      concurrency=concurrency)  # fmt: skip
    return await run_job(client, job, output, resume=resume, overwrite=overwrite,
                         progress=progress, summary=summary)  # fmt: skip


async def lookup(
    client: PatsnapClient,
    endpoint: str,
    ids: Sequence[str],
    output: str | Path,
    *,
    by: str | None = None,
    params: Mapping[str, Any] | None = None,
    max_billed: int | None = None,
    concurrency: int | None = None,
    resume: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
    summary: Summary | None = None,
) -> Summary:
    """Any lookup of the catalog (claims, legal status, valuation, ...) of every id, one
    JSON line per record: `family` for any id-keyed endpoint.

    `harvest.lookup(client, "P018", ids, "claims.jsonl", params={"replace_by_related":
    1})`. The records are the platform's, as `client.lookup("P018", ...)` returns
    them. The output's manifest holds the lookup's code, the kind of ids and `params`,
    so a `resume` with another lookup, `by` or `params` is refused.

    Args:
        client, ids, output, max_billed, concurrency, resume, overwrite, progress,
            summary: as `family`.
        endpoint: the lookup's code (`"P018"`) or name (`"claim"`); see
            `patsnap_async.catalog.LOOKUPS`, or `patsnap-async endpoints --kind lookup`.
        by: the parameter the ids go in (`"patent_id"`). None: the lookup's default
            (`patent_number`).
        params: the lookup's other parameters (`{"lang": "en"}`), checked against the
            catalog before anything is sent; None values are left out.
    """
    job = lookup_job(endpoint, ids, by=by, params=params, max_billed=max_billed,
                     concurrency=concurrency)  # fmt: skip
    return await run_job(client, job, output, resume=resume, overwrite=overwrite,
                         progress=progress, summary=summary)  # fmt: skip


async def listing(
    client: PatsnapClient,
    endpoint: str,
    output: str | Path,
    *,
    params: Mapping[str, Any] | None = None,
    max_results: int | None = None,
    page_size: int | None = None,
    resume: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
    summary: Summary | None = None,
) -> Summary:
    """Every item of any listing of the catalog, one JSON line each, with its `index`.

    `harvest.listing(client, "P008", "similar.jsonl", params={"text": "..."})`. Each
    line's `requested_id` is the listing's code. `resume` continues after the last
    line written; once the whole list has been written, its code is in
    `<output>.done` and a resumed run sends nothing. A list longer than the platform
    serves (the listing's cap) is written up to it and noted in `summary.truncated`.
    The manifest holds the code and `params`: a `resume` with others is refused.

    Args:
        client, output, resume, overwrite, progress, summary: as `family`.
        endpoint: the listing's code (`"P008"`) or name; see
            `patsnap_async.catalog.LISTINGS`, or `patsnap-async endpoints --kind listing`.
        params: the listing's parameters but its paging (`{"text": "..."}`), checked
            against the catalog before anything is sent; None values are left out.
        max_results: read no item at or past this position (at most the listing's
            cap). None: all the platform serves.
        page_size: items a request, at most the listing's page size. None: the most.
    """
    job = listing_job(endpoint, params=params, max_results=max_results, page_size=page_size)
    return await run_job(client, job, output, resume=resume, overwrite=overwrite,
                         progress=progress, summary=summary)  # fmt: skip


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
        seq_ids: sequence ids, a list, each checked and fetched once.
    """
    job = sequence_patents_job(seq_ids)
    return await run_job(client, job, output, resume=resume, overwrite=overwrite,
                         progress=progress, summary=summary)  # fmt: skip


async def search(
    client: PatsnapClient,
    queries: str | Sequence[str],
    output: str | Path,
    *,
    split: Split | bool = False,
    max_results: int | None = None,
    page_size: int = MAX_SEARCH_PAGE,
    resume: bool = False,
    overwrite: bool = False,
    progress: Progress | None = None,
    summary: Summary | None = None,
) -> Summary:
    """Every result of a query (P002), or of each of several, one JSON line each.

    The query is each line's `requested_id`. The platform serves at most 20 000 results
    of a query; past that, without `split`, the first 20 000 are written and
    `summary.truncated` says so. A query whose results have all been written (or that
    has none) is listed in `<output>.done`, and a resumed run skips it.

    Args:
        client, output, resume, overwrite, progress, summary: as `family`.
        queries: one query, or several (each harvested and resumed on its own); at
            most 1500 characters each.
        split: harvest every result of a query past 20 000 by cutting it into date
            ranges (`Split()` for the default `PBD:[YYYYMMDD TO YYYYMMDD]`, or True);
            each line then carries the `part` it was found in, and a result is written
            once across parts.
        max_results: at most this many results per query (at most 20 000; not with
            `split`). None: all.
        page_size: results per request, 1 to 1000.
    """
    job = search_job(queries, split=split, max_results=max_results, page_size=page_size)
    return await run_job(client, job, output, resume=resume, overwrite=overwrite,
                         progress=progress, summary=summary)  # fmt: skip


async def sequence_search(
    client: PatsnapClient,
    output: str | Path,
    *,
    sequence: str | None = None,
    motif: str | None = None,
    sequence_type: str = "PROTEIN",
    query_type: str | None = None,
    algorithm: str | None = None,
    limit: int = DEFAULT_JOB_LIMIT,
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
        poll_interval: seconds between two status calls, at least 0.
        wait_timeout: seconds to wait for the job at most. None: for ever.
    """
    job = sequence_search_job(
        sequence=sequence, motif=motif, sequence_type=sequence_type, query_type=query_type,
        algorithm=algorithm, limit=limit, expand_patents=expand_patents,
        poll_interval=poll_interval, wait_timeout=wait_timeout,
    )  # fmt: skip
    return await run_job(client, job, output, resume=resume, overwrite=overwrite,
                         progress=progress, summary=summary)  # fmt: skip
