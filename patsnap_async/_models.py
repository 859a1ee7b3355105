"""Typed, immutable models of the PatSnap Open Platform's response data.

Attribute names are the API's own field names (``record.pn``,
``hit.hsps[0].q_string``, ``patent.location.APP``), so the platform's documentation
reads straight onto the models. Every field defaults to `None` because the platform
omits fields freely; sequences are tuples (an absent list is ``()``) so that models
are hashable. Build them from JSON with `patsnap_async._converter.structure`, which
also ignores fields the platform adds later.
"""

from __future__ import annotations

from typing import Final

import attrs

from ._converter import NUMBER_AS_STR

__all__ = [
    "JOB_PENDING_STATES",
    "JOB_TERMINAL_STATES",
    "CitedByRecord",
    "CitingPatent",
    "FamilyMember",
    "FamilyRecord",
    "HitPatents",
    "Hsp",
    "JobStatus",
    "Location",
    "PatentCited",
    "PatentFamily",
    "PatentRef",
    "SearchPage",
    "SequenceHit",
    "SequenceJob",
    "SequencePatent",
    "SequencePatentsPage",
    "SequenceResultsPage",
]


# --- P002 analytics query search ----------------------------------------------------


@attrs.frozen
class PatentRef:
    """One search hit: a patent's publication number and PatSnap id."""

    pn: str | None = None
    patent_id: str | None = None


@attrs.frozen
class SearchPage:
    """One page of P002 analytics query search results."""

    results: tuple[PatentRef, ...] = ()
    #: Number of results on this page.
    result_count: int | None = None
    #: Number of patents the query matched in total.
    total_search_result_count: int | None = None


# --- P014 patent family -------------------------------------------------------------


@attrs.frozen
class FamilyMember:
    """One member of a patent family, as authority, document number and kind code."""

    kind: str | None = None
    country: str | None = None
    sequence: int | None = None
    doc_number: str | None = None


@attrs.frozen
class PatentFamily:
    """A patent's simple (DOCDB), INPADOC and PatSnap families."""

    simple_family: tuple[FamilyMember, ...] = ()
    inpadoc_family: tuple[FamilyMember, ...] = ()
    patsnap_family: tuple[FamilyMember, ...] = ()
    simple_family_id: int | None = None
    inpadoc_family_id: int | None = None
    patsnap_family_id: int | None = None


@attrs.frozen
class FamilyRecord:
    """P014 answer for one requested patent: its family data."""

    pn: str | None = None
    patent_id: str | None = None
    patent_family: PatentFamily | None = None


# --- P015 cited by patents ----------------------------------------------------------


@attrs.frozen
class CitingPatent:
    """A patent that cites the requested one (a forward citation)."""

    pn: str | None = None
    #: Application date as an integer ``YYYYMMDD``.
    apdt: int | None = None
    apno: str | None = None
    kind: str | None = None
    #: Publication date as an integer ``YYYYMMDD``.
    pbdt: int | None = None
    title: str | None = None
    country: str | None = None
    #: Citation categories, e.g. ``("X", "Y")``.
    category: tuple[str, ...] | None = None
    #: Inventor names joined with ``|``.
    inventor: str | None = None
    sequence: int | None = None
    #: Who cited: APP applicant, EXA examiner, OPP opposition, TPO third party, OTHER.
    cite_type: tuple[str, ...] | None = None
    doc_number: str | None = None
    current_assignee: str | None = None
    original_assignee: str | None = None


@attrs.frozen
class PatentCited:
    """Forward-citation counts of a patent and the patents citing it."""

    cited_by_3y: int | None = None
    cited_by_5y: int | None = None
    cited_by_patents: tuple[CitingPatent, ...] = ()
    cited_by_simple_family: int | None = None
    cited_by_inpadoc_family: int | None = None
    cited_by_patsnap_family: int | None = None


@attrs.frozen
class CitedByRecord:
    """P015 answer for one requested patent: who cites it."""

    pn: str | None = None
    patent_id: str | None = None
    patent_cited: PatentCited | None = None


# --- Sequence search (B003, B004, B003/4-0, B003/4-1, B005) -------------------------

#: Job states after which the status no longer changes.
JOB_TERMINAL_STATES: Final = frozenset({"SUCCESS", "TIMEOUT", "ERROR"})
#: Job states of a job that is still waiting or running.
JOB_PENDING_STATES: Final = frozenset({"QUEUEING", "RUNNING"})


@attrs.frozen
class SequenceJob:
    """A submitted sequence or motif search job (one item of the B003/B004 answer)."""

    #: The label given with the sequence in the request.
    label: str | None = None
    #: The backend job id, for the status and result calls.
    job_id: str | None = None
    #: The sequence as submitted.
    sequence: str | None = None


@attrs.frozen
class JobStatus:
    """State of a sequence search job (B003/4-0).

    ``status`` is one of QUEUEING, RUNNING (see `JOB_PENDING_STATES`) or SUCCESS,
    TIMEOUT, ERROR (see `JOB_TERMINAL_STATES`); ``message`` explains an ERROR.
    A status outside both sets (or `None`) is neither pending nor terminal.
    """

    status: str | None = None
    message: str | None = None

    @property
    def is_terminal(self) -> bool:
        """Whether the job has finished, successfully or not."""
        return self.status in JOB_TERMINAL_STATES

    @property
    def is_pending(self) -> bool:
        """Whether the job is still queued or running."""
        return self.status in JOB_PENDING_STATES

    @property
    def succeeded(self) -> bool:
        """Whether the job finished with SUCCESS and its results can be fetched."""
        return self.status == "SUCCESS"


@attrs.frozen
class Location:
    """Where a sequence appears in a patent; unknown location kinds are ignored."""

    APP: tuple[str, ...] | None = None
    FIG: tuple[str, ...] | None = None
    PAGE: tuple[str, ...] | None = None
    ANNEX: tuple[str, ...] | None = None
    TABLE: tuple[str, ...] | None = None
    EXAMPLE: tuple[str, ...] | None = None


@attrs.frozen
class SequencePatent:
    """A patent that discloses a sequence, and where."""

    pn: str | None = None
    #: Whether the sequence is in the patent's claims.
    claimed: bool | None = None
    location: Location | None = None
    patent_id: str | None = None
    #: The sequence's SEQ ID NO(s) within the patent.
    sequence_id_number: tuple[str, ...] | None = None


@attrs.frozen
class HitPatents:
    """The first patents (up to 100) disclosing a hit sequence, with their total."""

    total: int | None = None
    patents: tuple[SequencePatent, ...] = ()


@attrs.frozen
class Hsp:
    """One high-scoring segment pair of a sequence alignment."""

    q_end: int | None = None
    s_end: int | None = None
    matched: str | None = None
    q_start: int | None = None
    s_start: int | None = None
    q_string: str | None = None
    s_string: str | None = None


@attrs.frozen
class SequenceHit:
    """One subject sequence matching a sequence search query.

    ``evalue`` and ``seq_id`` are strings, as documented, although the platform may send
    them as JSON numbers; a number becomes its string form (``834879`` -> ``"834879"``).
    """

    gaps: int | None = None
    hsps: tuple[Hsp, ...] = ()
    s_len: int | None = None
    score: float | None = None
    evalue: str | None = attrs.field(default=None, metadata=NUMBER_AS_STR)
    seq_id: str | None = attrs.field(default=None, metadata=NUMBER_AS_STR)
    #: The first patents disclosing the sequence; use B005 for all of them.
    patents: HitPatents | None = None
    identity: str | None = None
    positive: str | None = None
    bit_score: float | None = None
    q_coverage: float | None = None
    s_coverage: float | None = None
    s_sequence: str | None = None
    perc_identity: float | None = None
    q_perc_identity: float | None = None
    s_perc_identity: float | None = None


@attrs.frozen
class SequenceResultsPage:
    """One page of a sequence search job's results (B003/4-1)."""

    total: int | None = None
    results: tuple[SequenceHit, ...] = ()


@attrs.frozen
class SequencePatentsPage:
    """One page of all patents disclosing one sequence (B005)."""

    total: int | None = None
    patents: tuple[SequencePatent, ...] = ()
