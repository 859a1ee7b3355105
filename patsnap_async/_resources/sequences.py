"""Bio-sequence search: submit a job (B004/B003), wait, read every hit and every patent."""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncGenerator, Iterable, Mapping, Sequence
from typing import Any

import attrs

from .. import _validate as check
from .._converter import parse
from .._drain import in_order
from .._endpoints import SEQUENCE_PATENTS, SEQUENCE_RESULTS
from .._engines import Resource
from .._errors import PatsnapError, SequenceJobError, SequenceWaitTimeout
from .._limits import (
    DEFAULT_JOB_LIMIT,
    MAX_JOB_LIMIT,
    MAX_SEQUENCE_PAGE,
    SEQUENCE_ALGORITHMS,
    SEQUENCE_TYPES,
)
from .._models import (
    HitPatents,
    JobStatus,
    SequenceHit,
    SequenceJob,
    SequencePatent,
    SequencePatentsPage,
    SequenceResultsPage,
)
from .._pager import Pager
from .._protocol import ARRAY, Expect
from .._telemetry import CallWatch
from ._sequence_bodies import (
    EXPAND_WINDOW,
    FILTERS,
    MOTIF_FILTERS,
    Range,
    _database,
    _filters,
    _job_id,
    _page,
    _results_body,
    _seq_id,
)

__all__ = ["Sequences"]

# A page without its total, or a status without its state, says nothing: a list would
# end there, empty, and a job would be polled for ever.
_PAGE = Expect(keys=("total",))
_STATUS = Expect(keys=("status",))


class Sequences(Resource):
    """`client.sequences`: sequence and motif search jobs, their hits and patents."""

    async def submit(
        self,
        sequence: str,
        *,
        sequence_type: str,
        query_type: str,
        algorithm: str,
        limit: int = DEFAULT_JOB_LIMIT,
        label: str | None = None,
        database: Iterable[str] | None = None,
        evalue: float | None = None,
        word_size: int | None = None,
        with_gaps: bool | None = None,
        filters: Mapping[str, Range] | None = None,
    ) -> SequenceJob:
        """Submit a BLAST search of one sequence (B004); returns the job to wait on.

        Args:
            sequence: the query sequence (nucleotides or amino acids).
            sequence_type: the query's type, NUCLEOTIDE or PROTEIN.
            query_type: the type searched, NUCLEOTIDE or PROTEIN.
            algorithm: megablast, blastn or blastn-short (nucleotide in nucleotide),
                blastx-fast (nucleotide in protein), blastp, blastp-fast or blastp-short
                (protein in protein), tblastn-fast (protein in nucleotide).
            limit: the most hits to return, 1 to 10 000.
            label: your label for the sequence.
            database: ALLPATENT (the platform's default), CLAIMS, NONPATENT.
            evalue: the e-value threshold.
            word_size: length of the initial exact match (>= 4 nucleotide in
                nucleotide, else 2 to 7).
            with_gaps: allow gaps in the alignment.
            filters: ranges by name, e.g. `{"perc_identity": (80, 100)}`; names
                perc_identity, q_perc_identity, qcov_hsp_perc, s_perc_identity,
                scov_hsp_perc, subject_length.
        """
        seq_type = check.choice("sequence_type", sequence_type, SEQUENCE_TYPES)
        target = check.choice("query_type", query_type, SEQUENCE_TYPES)
        allowed = SEQUENCE_ALGORITHMS[seq_type, target]
        if not isinstance(algorithm, str) or algorithm.strip().lower() not in allowed:
            raise ValueError(
                f"algorithm {algorithm!r} does not search {seq_type} in {target}; "
                f"use one of {sorted(allowed)}"
            )
        params: dict[str, Any] = {"algorithm": algorithm.strip().lower()}
        if evalue is not None:
            check.number("evalue", evalue, above=0)
            params["evalue"] = evalue
        if word_size is not None:
            low, high = (4, None) if (seq_type, target) == ("NUCLEOTIDE", "NUCLEOTIDE") else (2, 7)
            params["word_size"] = check.integer("word_size", word_size, minimum=low, maximum=high)
        if with_gaps is not None:
            if not isinstance(with_gaps, bool):
                raise TypeError(f"with_gaps must be True or False, got {with_gaps!r}")
            params["with_gaps"] = with_gaps
        if filters:
            params["filter"] = _filters(filters, FILTERS)
        entry = {"sequence": check.text("sequence", sequence)}
        if label is not None:
            entry["label"] = check.text("label", label)
        body = {
            "sequence_list": [entry],
            "sequence_type": seq_type,
            "query_type": target,
            "limit": check.integer("limit", limit, minimum=1, maximum=MAX_JOB_LIMIT),
            "params": params,
        } | _database(database)
        return await self._submit(self._paths.sequence_job, body, "B004", "sequence_job")

    async def submit_motif(
        self,
        motif: str,
        *,
        sequence_type: str = "PROTEIN",
        query_type: str = "PROTEIN",
        limit: int = DEFAULT_JOB_LIMIT,
        database: Iterable[str] | None = None,
        filters: Mapping[str, Range] | None = None,
    ) -> SequenceJob:
        """Submit a motif search (B003), e.g. `"RSMATC[AN]{0,1}"`; returns the job.

        Args:
            motif: the motif expression.
            sequence_type, query_type: NUCLEOTIDE or PROTEIN.
            limit: the most hits to return, 1 to 10 000.
            database: ALLPATENT (default), CLAIMS, NONPATENT.
            filters: `scov_hsp_perc` and/or `subject_length` ranges, e.g. `(0, 100)`.
        """
        body = {
            "motif_sequence": check.text("motif", motif),
            "sequence_type": check.choice("sequence_type", sequence_type, SEQUENCE_TYPES),
            "query_type": check.choice("query_type", query_type, SEQUENCE_TYPES),
            "limit": check.integer("limit", limit, minimum=1, maximum=MAX_JOB_LIMIT),
            "params": {"filter": _filters(filters, MOTIF_FILTERS)} if filters else {},
        } | _database(database)
        return await self._submit(self._paths.motif_job, body, "B003", "motif_job")

    async def _submit(
        self, path: str, body: Mapping[str, Any], code: str, name: str
    ) -> SequenceJob:
        data = await self._request(
            "POST", path, json=dict(body), expect=ARRAY, code=code, name=name
        )
        jobs = parse(data, tuple[SequenceJob, ...])
        if not jobs or not jobs[0].job_id:
            raise PatsnapError(f"the platform accepted the job but returned no job_id: {data!r}")
        return jobs[0]

    async def status(self, job_id: str | SequenceJob) -> JobStatus:
        """The job's status: QUEUEING, RUNNING, SUCCESS, TIMEOUT or ERROR (B003/4-0)."""
        job_id = _job_id(job_id)
        data = await self._request(
            "GET",
            self._paths.job_status,
            params={"job_id": job_id},
            expect=_STATUS,
            code="B003/4-0",
            name="job_status",
        )
        return parse(data, JobStatus)

    async def wait(
        self,
        job_id: str | SequenceJob,
        *,
        poll_interval: float = 5.0,
        timeout: float | None = 600.0,
    ) -> JobStatus:
        """Poll the job until it succeeds; return its final status.

        Args:
            job_id: the job from `submit` / `submit_motif` (or its `job_id`).
            poll_interval: seconds between status calls (each one is a paced request).
            timeout: seconds to wait in all; None waits for ever.

        Raises:
            SequenceJobError: the job ended in ERROR or TIMEOUT (with the platform's
                message).
            SequenceWaitTimeout: `timeout` passed first; the job may still finish.
        """
        job_id = _job_id(job_id)
        poll_interval = check.number("poll_interval", poll_interval, minimum=0)
        if timeout is not None:
            timeout = check.number("timeout", timeout, above=0)
        path = self._paths.job_status
        with self._engines.watch("wait", "B003/4-0", "job_status", path) as watch:
            watch.set("job.id", job_id)
            status = await self._polled(job_id, poll_interval, timeout, watch)
            watch.set("job.status", status.status or "")
            return status

    async def _polled(
        self, job_id: str, poll_interval: float, timeout: float | None, watch: CallWatch
    ) -> JobStatus:
        """`wait`'s polls: the status until it is final, each poll counted by `watch`."""
        loop = asyncio.get_running_loop()  # its clock: monotonic, and a test's virtual one
        started = loop.time()
        deadline = math.inf if timeout is None else started + timeout
        while True:
            status = await self.status(job_id)
            watch.add("job.polls")
            if status.succeeded:
                return status
            if status.is_terminal:
                watch.set("job.status", status.status or "")
                raise SequenceJobError(job_id, status.status or "?", status.message)
            now = loop.time()
            if now + poll_interval > deadline:
                raise SequenceWaitTimeout(job_id, now - started, status)
            await asyncio.sleep(poll_interval)

    async def results(
        self,
        job_id: str,
        *,
        page: int = 1,
        size: int = MAX_SEQUENCE_PAGE,
        sort_by: str | None = None,
        order: str = "desc",
    ) -> SequenceResultsPage:
        """One page of a finished job's hits (B003/4-1).

        Args:
            job_id: the job.
            page: 1-based page number.
            size: hits per page, 1 to 100.
            sort_by: perc_identity, q_perc_identity, s_perc_identity, q_coverage,
                s_coverage or evalue. None: the platform's order.
            order: desc or asc.
        """
        body = _results_body(job_id, sort_by, order) | _page(page, size)
        return await self._results(body)

    async def _results(self, body: Mapping[str, Any]) -> SequenceResultsPage:
        data = await self._request(
            "POST",
            self._paths.job_result,
            json=dict(body),
            expect=_PAGE,
            code="B003/4-1",
            name="job_result",
        )
        return parse(data, SequenceResultsPage)

    def iter_results(
        self,
        job_id: str,
        *,
        sort_by: str | None = None,
        order: str = "desc",
        expand_patents: bool = False,
        start: int = 0,
    ) -> Pager[SequenceHit]:
        """Every hit of a finished job, pages fetched concurrently, yielded in order.

        Args:
            job_id, sort_by, order: as `results`.
            expand_patents: the platform embeds at most 100 patents in a hit; with
                True, a hit with more gets its full list from B005 before it is yielded.
                Up to `EXPAND_WINDOW` hits are expanded at the same time.
            start: skip the first `start` hits (to resume); only the page holding hit
                `start` and those after it are fetched.

        Returns:
            A `Pager` of `SequenceHit`; its `total` is known once the first page arrived.
        """
        body = _results_body(job_id, sort_by, order)
        start = check.integer("start", start, minimum=0)

        expand = self._expand_in_order if expand_patents else None
        return self._engines.listing(SEQUENCE_RESULTS, json=body, start=start, expand=expand)

    def _expand_in_order(self, hits: Sequence[SequenceHit]) -> AsyncGenerator[SequenceHit, None]:
        """`_expanded` of each hit, `EXPAND_WINDOW` at a time, yielded in order."""

        async def expand(index: int) -> SequenceHit:
            return await self._expanded(hits[index])

        return in_order(range(len(hits)), expand, window=EXPAND_WINDOW)

    async def _expanded(self, hit: SequenceHit) -> SequenceHit:
        embedded = hit.patents
        if embedded is None or hit.seq_id is None:
            return hit
        if (embedded.total or 0) <= len(embedded.patents):
            return hit
        patents = tuple([p async for p in self.iter_patents(hit.seq_id)])
        return attrs.evolve(hit, patents=HitPatents(total=embedded.total, patents=patents))

    async def patents(
        self, seq_id: str | int, *, page: int = 1, size: int = MAX_SEQUENCE_PAGE
    ) -> SequencePatentsPage:
        """One page of the patents a sequence appears in (B005)."""
        body = {"seq_id": _seq_id(seq_id)} | _page(page, size)
        return await self._patents(body)

    async def _patents(self, body: Mapping[str, Any]) -> SequencePatentsPage:
        data = await self._request(
            "POST",
            self._paths.sequence_patents,
            json=dict(body),
            expect=_PAGE,
            code="B005",
            name="sequence_patents",
        )
        return parse(data, SequencePatentsPage)

    def iter_patents(
        self, seq_id: str | int, *, start: int = 0, window: int | None = None
    ) -> Pager[SequencePatent]:
        """Every patent a sequence appears in, in page order, in bounded memory.

        Pages of 100 are fetched concurrently, at most `window` of them in flight or
        waiting for you at a time, however long the list is.

        Args:
            seq_id: the sequence id (from a hit's `seq_id`).
            start: skip the first `start` patents (to resume); only the page holding
                patent `start` and those after it are fetched.
            window: pages in flight at most. None: sized to the client.

        Returns:
            A `Pager` of `SequencePatent`; its `total` is known once the first page
            arrived.
        """
        body: dict[str, Any] = {"seq_id": _seq_id(seq_id)}
        start = check.integer("start", start, minimum=0)
        if window is not None:
            check.integer("window", window, minimum=1)

        return self._engines.listing(SEQUENCE_PATENTS, json=body, start=start, window=window)
