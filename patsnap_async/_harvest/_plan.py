"""What a harvest would send, from its input alone (`--dry-run`)."""

from __future__ import annotations

import argparse
import math

from .. import MAX_IDS_PER_REQUEST, MAX_SEARCH_RESULTS

__all__ = ["dry_run"]


def dry_run(args: argparse.Namespace, ids: list[str]) -> str:
    """What the run would send, from its input alone: requests and billed results."""
    command: str = args.command
    if command in ("family", "cited-by"):
        count = len(ids) if args.max_billed is None else min(len(ids), args.max_billed)
        requests = math.ceil(count / MAX_IDS_PER_REQUEST)
        left = f"; {len(ids) - count} ids left for a later run" if count < len(ids) else ""
        noun = "request" if requests == 1 else "requests"
        return (
            f"{command}: {len(ids)} ids; {count} sent in {requests} {noun} of at most "
            f"{MAX_IDS_PER_REQUEST}, billed at most {count} results (one per id found){left}"
        )
    if command == "sequence-patents":
        return (
            f"sequence-patents: {len(ids)} sequence ids; at least {len(ids)} requests (one "
            "per 100 patents of each sequence); not billed per record"
        )
    if command == "search":
        if args.split:
            return (
                f"search --split: {_queries(ids)}; per query, 1 request for its total, "
                f"then for each part past {MAX_SEARCH_RESULTS} results 1 more, and 1 per "
                f"{args.page_size} results; not billed per record"
            )
        cap = min(args.max_results or MAX_SEARCH_RESULTS, MAX_SEARCH_RESULTS)
        pages = math.ceil(cap / args.page_size)
        return (
            f"search: {_queries(ids)}; at most {pages * len(ids)} requests ({pages} per "
            f"query, of {args.page_size} results, {cap} results at most); not billed per "
            "record"
        )
    return (
        f"sequence-search: 1 submission, a status request every {args.poll_interval:g} s "
        f"for up to {args.wait_timeout:g} s, then 1 request per 100 of at most "
        f"{args.limit} hits"
    )


def _queries(ids: list[str]) -> str:
    return "1 query" if len(ids) == 1 else f"{len(ids)} queries"
