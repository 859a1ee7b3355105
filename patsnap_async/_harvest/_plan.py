"""What a harvest would send (`--dry-run`), from its input and what the output holds."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .. import MAX_IDS_PER_REQUEST, MAX_SEARCH_RESULTS
from ._input import key
from ._lists import list_start, served
from ._output import Output
from ._patents import pending_ids
from ._search import Split, pending_queries
from ._summary import plural

__all__ = [
    "plan_listing",
    "plan_lookup",
    "plan_search",
    "plan_sequence_patents",
    "plan_sequence_search",
]


def _held(total: int, left: int, noun: str, output: Output, nouns: str | None = None) -> str:
    """`2500 ids`, or `20000 ids, 3500 already in out.jsonl`."""
    done = total - left
    return plural(total, noun, nouns) + (f", {done} already in {output.path}" if done else "")


def plan_lookup(
    label: str,
    ids: Sequence[str],
    max_billed: int | None,
    output: Output,
    *,
    batch_size: int = MAX_IDS_PER_REQUEST,
    billed: bool = True,
    cached: int | None = None,
) -> str:
    """Requests and billed results of a lookup (`family`, `cited-by`, `get CODE`), after
    the ids the output holds and the `cached` ones the record cache answers."""
    todo = len(pending_ids(ids, output))
    unsent = todo - (cached or 0)
    count = unsent if max_billed is None else min(unsent, max_billed)
    requests = math.ceil(count / batch_size)
    left = f"; {plural(unsent - count, 'id')} left for a later run" if count < unsent else ""
    cost = f"billed at most {plural(count, 'result')} (one per id found)"
    held = f"; {cached} from the record cache, without a request" if cached else ""
    return (
        f"{label}: {_held(len(ids), todo, 'id', output)}{held}; {count} sent in "
        f"{plural(requests, 'request')} of at most {batch_size}, "
        f"{cost if billed else 'not billed per record'}{left}"
    )


def plan_listing(
    code: str, cap: int | None, max_results: int | None, page_size: int, output: Output
) -> str:
    """Requests of `list CODE`."""
    end = served(cap, max_results)
    start = list_start(code, output, end)
    label = f"list {code}"
    if start is None:
        return f"{label}: nothing to send; the list is complete in {output.path}"
    resumed = f", after the {plural(start, 'item')} already written" if start else ""
    if end is None:
        return (
            f"{label}: 1 request per {page_size} items of the list, as many as its total "
            f"(the first page says it){resumed}; not billed per record"
        )
    pages = math.ceil((end - start) / page_size)
    return (
        f"{label}: at most {plural(pages, 'request')} (of {page_size} items, {end} items "
        f"at most{resumed}); not billed per record"
    )


def plan_sequence_patents(seq_ids: Sequence[str], output: Output) -> str:
    """Requests of `sequence-patents`."""
    todo = [s for s in seq_ids if s not in output.done and s not in output.missing]
    return (
        f"sequence-patents: {_held(len(seq_ids), len(todo), 'sequence id', output)}; at least "
        f"{plural(len(todo), 'request')} (one per 100 patents of each sequence); not billed "
        "per record"
    )


def plan_search(
    queries: Sequence[str],
    split: Split | None,
    max_results: int | None,
    page_size: int,
    output: Output,
) -> str:
    """Requests of `search`."""
    cap = min(max_results or MAX_SEARCH_RESULTS, MAX_SEARCH_RESULTS)
    plans = pending_queries(queries, output, split=split, cap=cap)
    held = _held(len(queries), len(plans), "query", output, "queries")
    if split is not None:
        return (
            f"search --split: {held}; per query, 1 request for its total, then for each part "
            f"past {MAX_SEARCH_RESULTS} results 1 more, and 1 per {page_size} results; not "
            "billed per record"
        )
    pages = sum(math.ceil((cap - start) / page_size) for _, start in plans)
    written = sum(output.records[key(q)] for q in queries)
    resumed = f", after the {plural(written, 'result')} already written" if written else ""
    return (
        f"search: {held}; at most {plural(pages, 'request')} (of {page_size} results, "
        f"{cap} results a query at most{resumed}); not billed per record"
    )


def plan_sequence_search(
    poll_interval: float, wait_timeout: float | None, limit: int, output: Output
) -> str:
    """Requests of `sequence-search`."""
    job_id = output.read_job()
    waiting = "for ever" if wait_timeout is None else f"for up to {wait_timeout:g} s"
    if job_id is None:
        return (
            f"sequence-search: 1 submission, a status request every {poll_interval:g} s "
            f"{waiting}, then 1 request per 100 of at most {limit} hits"
        )
    if job_id in output.done:
        return f"sequence-search: nothing to send; job {job_id} is complete in {output.path}"
    start = output.next_index.get((key(job_id), None), 0)
    return (
        f"sequence-search: no submission (job {job_id} is saved in {output.job_path}); a "
        f"status request every {poll_interval:g} s {waiting}, then 1 request per 100 of "
        f"at most {limit} hits, after the {plural(start, 'hit')} already written"
    )
