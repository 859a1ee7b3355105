"""Sequence search jobs (B003 motif, B004 BLAST): submit, poll status, page results.

A job answers ``QUEUEING`` to its first status poll and ``RUNNING`` to the following
ones until it has been polled ``polls_until_done`` times; from then on it answers its
outcome: ``ERROR`` (with ``message`` "Invalid input <seq>") if its sequence contains
"ERROR", ``TIMEOUT`` if it contains "TIMEOUT", else ``SUCCESS``. Asking for the
results of a job that has not succeeded yet answers 68300004 (invalid parameter).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import attrs

from .. import _validate as check
from .._limits import DEFAULT_JOB_LIMIT, MAX_JOB_LIMIT, SEQUENCE_ALGORITHMS, SEQUENCE_TYPES
from . import _codes, _data
from ._endpoints import Answer, ApiError, as_int, as_object, invalid, page_bounds

__all__ = ["JobStore"]

MAX_HIT_PATENTS: Final = 100
DEFAULT_SORT: Final = ("perc_identity", "desc")


@attrs.define
class _Job:
    """One submitted job and its progress."""

    job_id: str
    sequence: str
    target_type: str
    limit: int
    polls: int = 0
    # (field, order) -> hit indices in that order, computed on first use.
    orders: dict[tuple[str, str], list[int]] = attrs.field(factory=dict)

    @property
    def outcome(self) -> str:
        """Return the status the job ends in."""
        if "ERROR" in self.sequence.upper():
            return "ERROR"
        if "TIMEOUT" in self.sequence.upper():
            return "TIMEOUT"
        return "SUCCESS"


def _types(request: Mapping[str, Any]) -> tuple[str, str]:
    """Return the validated ``(sequence_type, query_type)`` of a submission."""
    sequence_type = request.get("sequence_type")
    query_type = request.get("query_type")
    if sequence_type not in SEQUENCE_TYPES or query_type not in SEQUENCE_TYPES:
        raise invalid(f"bad sequence_type/query_type {sequence_type!r}/{query_type!r}")
    return sequence_type, query_type


def _limit(request: Mapping[str, Any]) -> int:
    """Return the validated ``limit`` of a submission (default 1000)."""
    limit = as_int(request.get("limit"), "limit", DEFAULT_JOB_LIMIT)
    if not 1 <= limit <= MAX_JOB_LIMIT:
        raise invalid(f"limit {limit} not in 1..{MAX_JOB_LIMIT}")
    return limit


def _sort(value: Any) -> tuple[str, str]:
    """Return the validated ``(field, order)`` of ``sort_field`` (default perc_identity desc)."""
    if value is None:
        return DEFAULT_SORT
    if not isinstance(value, dict):
        raise invalid(f"sort_field must be an object, got {value!r}")
    field, order = value.get("field"), value.get("order")
    if field not in _data.HIT_SORT_FIELDS:
        raise invalid(f"bad sort_field.field {field!r}")
    if not isinstance(order, str) or order.lower() not in ("asc", "desc"):
        raise invalid(f"bad sort_field.order {order!r}")
    return field, order.lower()


class JobStore:
    """The jobs submitted to one emulator."""

    def __init__(
        self, *, hits: int, polls_until_done: int, patent_totals: Mapping[str, int]
    ) -> None:
        """Create an empty store.

        Args:
            hits: Hits each job produces (capped by the job's ``limit``).
            polls_until_done: Status polls answered QUEUEING/RUNNING before the outcome.
            patent_totals: ``seq_id`` -> patent count overrides (see B005).

        Raises:
            ConfigurationError: a count that is not an int >= 0 (named as the
                emulator's setting).
        """
        self._hits = check.integer("job_hits", hits, minimum=0, setting=True)
        #: Status polls answered QUEUEING/RUNNING before a job reports its outcome.
        self.polls_until_done = check.integer(
            "job_polls_until_done", polls_until_done, minimum=0, setting=True
        )
        self._patent_totals = patent_totals
        self._jobs: dict[str, _Job] = {}
        self._submitted = 0

    def _create(self, sequence: str, target_type: str, limit: int) -> str:
        """Register a job for *sequence* and return its id."""
        self._submitted += 1
        job_id = _data.job_id_for(self._submitted, sequence)
        self._jobs[job_id] = _Job(job_id, sequence, target_type, limit)
        return job_id

    def submit_blast(self, body: Any) -> Answer:
        """Answer B004: one job per entry of ``sequence_list``."""
        request = as_object(body)
        sequence_type, query_type = _types(request)
        params = request.get("params")
        algorithm = params.get("algorithm") if isinstance(params, dict) else None
        if algorithm not in SEQUENCE_ALGORITHMS[sequence_type, query_type]:
            raise invalid(f"algorithm {algorithm!r} not allowed for {sequence_type}->{query_type}")
        limit = _limit(request)
        entries = request.get("sequence_list")
        if not isinstance(entries, list) or not entries:
            raise invalid("sequence_list must be a non-empty list")
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("sequence"), str):
                raise invalid(f"bad sequence_list entry {entry!r}")
            if not entry["sequence"].strip():
                raise invalid("empty sequence")
        data = [
            {
                "label": entry.get("label"),
                "job_id": self._create(entry["sequence"], query_type, limit),
                "sequence": entry["sequence"],
            }
            for entry in entries
        ]
        return Answer(data, len(data))

    def submit_motif(self, body: Any) -> Answer:
        """Answer B003: one job for ``motif_sequence`` (``label`` is null)."""
        request = as_object(body)
        _, query_type = _types(request)
        limit = _limit(request)
        motif = request.get("motif_sequence")
        if not isinstance(motif, str) or not motif.strip():
            raise invalid("motif_sequence is required")
        job_id = self._create(motif, query_type, limit)
        return Answer([{"label": request.get("label"), "job_id": job_id, "sequence": motif}], 1)

    def _job(self, job_id: Any) -> _Job:
        """Return the job *job_id*: 68300004 if missing, 53000002 if unknown."""
        if not isinstance(job_id, str) or not job_id:
            raise invalid("job_id is required")
        job = self._jobs.get(job_id)
        if job is None:
            raise ApiError(_codes.JOB_NOT_FOUND, f"no job {job_id!r}")
        return job

    def status(self, query: Mapping[str, str]) -> Answer:
        """Answer the status poll of ``job_id`` (each poll advances the job)."""
        job = self._job(query.get("job_id"))
        if job.polls < self.polls_until_done:
            state = "QUEUEING" if job.polls == 0 else "RUNNING"
            job.polls += 1
            return Answer({"status": state}, 1)
        data = {"status": job.outcome}
        if job.outcome == "ERROR":
            data["message"] = f"Invalid input {job.sequence}"
        return Answer(data, 1)

    def results(self, body: Any) -> Answer:
        """Answer B003/4-1: one sorted page of a finished job's hits."""
        request = as_object(body)
        page, size = page_bounds(request)
        field, order = _sort(request.get("sort_field"))
        job = self._job(request.get("job_id"))
        if job.polls < self.polls_until_done or job.outcome != "SUCCESS":
            raise invalid(f"job {job.job_id} has not succeeded")
        ranked = self._ranked(job, field, order)
        start = (page - 1) * size
        results = [self._hit(job, k) for k in ranked[start : start + size]]
        return Answer({"total": len(ranked), "results": results}, len(results))

    def _ranked(self, job: _Job, field: str, order: str) -> list[int]:
        """Return the job's hit indices sorted by *field*; ties keep hit order (stable)."""
        key = (field, order)
        if key not in job.orders:
            count = min(self._hits, job.limit)
            values = [
                _data.hit_scores(job.sequence, _data.hit_seq_id(k))[field] for k in range(count)
            ]
            sign = -1.0 if order == "desc" else 1.0
            job.orders[key] = sorted(range(count), key=lambda k: (sign * values[k], k))
        return job.orders[key]

    def _hit(self, job: _Job, index: int) -> dict[str, Any]:
        """Return hit *index* of *job* with the first 100 patents of its subject."""
        seq_id = _data.hit_seq_id(index)
        key = str(seq_id)
        total = _data.sequence_patent_total(key, self._patent_totals)
        patents = _data.first_sequence_patents(key, min(total, MAX_HIT_PATENTS))
        return _data.hit_record(job.sequence, job.target_type, seq_id, total, patents)
