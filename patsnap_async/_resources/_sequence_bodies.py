"""Bio-sequence search as data: the settings the platform takes, and request bodies.

Pure functions of their arguments: each checks its values and names a bad one before
anything is sent. `sequences.py` holds the calls that use them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from .. import _validate as check
from .._limits import MAX_SEQUENCE_PAGE
from .._models import SequenceJob

DATABASES = frozenset({"ALLPATENT", "CLAIMS", "NONPATENT"})
FILTERS = frozenset(
    {
        "perc_identity",
        "q_perc_identity",
        "qcov_hsp_perc",
        "s_perc_identity",
        "scov_hsp_perc",
        "subject_length",
    }
)
MOTIF_FILTERS = frozenset({"scov_hsp_perc", "subject_length"})
SORT_FIELDS = frozenset(
    {"perc_identity", "q_perc_identity", "s_perc_identity", "q_coverage", "s_coverage", "evalue"}
)
ORDERS = frozenset({"desc", "asc"})
#: Hits whose full patent lists (`expand_patents=True`) are fetched at the same time.
EXPAND_WINDOW = 8

Range = tuple[int, int] | Mapping[str, int]


def _page(page: int, size: int) -> dict[str, int]:
    return {
        "page": check.integer("page", page, minimum=1),
        "size": check.integer("size", size, minimum=1, maximum=MAX_SEQUENCE_PAGE),
    }


def _job_id(job_id: object) -> str:
    if isinstance(job_id, SequenceJob):
        job_id = job_id.job_id
    check.text("job_id", job_id)
    return check.check_id(job_id, "job_id")


def _seq_id(seq_id: object) -> str:
    if isinstance(seq_id, int) and not isinstance(seq_id, bool):
        seq_id = str(seq_id)
    check.text("seq_id", seq_id)
    return check.check_id(seq_id, "seq_id")


def _results_body(job_id: str, sort_by: str | None, order: str) -> dict[str, Any]:
    body: dict[str, Any] = {"job_id": _job_id(job_id)}
    order = check.choice("order", order, ORDERS, upper=False)
    if sort_by is not None:
        body["sort_field"] = {
            "field": check.choice("sort_by", sort_by, SORT_FIELDS, upper=False),
            "order": order,
        }
    return body


def _database(database: Iterable[str] | None) -> dict[str, list[str]]:
    if database is None:
        return {}
    if isinstance(database, str):
        database = [database]
    names = [check.choice("database", name, DATABASES) for name in database]
    if not names:
        raise ValueError("database must name at least one of ALLPATENT, CLAIMS, NONPATENT")
    return {"database": names}


def _filters(filters: Mapping[str, Range] | None, allowed: frozenset[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, bounds in (filters or {}).items():
        if name not in allowed:
            raise ValueError(f"unknown filter {name!r}; known: {sorted(allowed)}")
        if isinstance(bounds, Mapping):
            start, end = bounds.get("start"), bounds.get("end")
        elif isinstance(bounds, tuple | list) and len(bounds) == 2:
            start, end = bounds
        else:
            raise ValueError(f"filter {name!r} must be a (start, end) pair, got {bounds!r}")
        for value in (start, end):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"filter {name!r} bounds must be numbers, got {bounds!r}")
            if not math.isfinite(value):  # JSON has no NaN or infinity
                raise ValueError(f"filter {name!r} bounds must be finite numbers, got {bounds!r}")
        if start > end:  # type: ignore[operator]
            raise ValueError(f"filter {name!r} starts after it ends: {bounds!r}")
        out[name] = {"start": start, "end": end}
    return out
