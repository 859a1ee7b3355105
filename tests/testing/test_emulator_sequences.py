"""Emulator: sequence jobs (B003/B004), their status and results, and B005."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .emulator_helpers import Api, Start

BLAST = "/bio-openapi/sequence/job"
MOTIF = "/bio-openapi/sequence/motif/job"
STATUS = "/bio-openapi/sequence/job/status"
RESULT = "/bio-openapi/sequence/job/result"
PATENTS = "/bio-openapi/sequence/patent"


def blast_body(*sequences: str, limit: int = 1000, algorithm: str = "blastp") -> dict[str, Any]:
    """Return a protein-against-protein B004 request."""
    return {
        "sequence_type": "PROTEIN",
        "query_type": "PROTEIN",
        "params": {"algorithm": algorithm},
        "limit": limit,
        "database": ["ALLPATENT"],
        "sequence_list": [{"label": f"SEQ{i}", "sequence": s} for i, s in enumerate(sequences)],
    }


async def submit(api: Api, sequence: str = "MQVDLLGSAQSAHALH", **kwargs: Any) -> str:
    """Submit one BLAST job and return its id."""
    (job,) = await api.ok("POST", BLAST, json_body=blast_body(sequence, **kwargs))
    return str(job["job_id"])


async def poll(api: Api, job_id: str) -> dict[str, Any]:
    """Return the status data of *job_id*."""
    data: dict[str, Any] = await api.ok("GET", STATUS, params={"job_id": job_id})
    return data


async def finished(api: Api, sequence: str = "MQVDLLGSAQSAHALH", **kwargs: Any) -> str:
    """Submit a job and poll it until it is done; return its id."""
    job_id = await submit(api, sequence, **kwargs)
    while (await poll(api, job_id))["status"] in ("QUEUEING", "RUNNING"):
        pass
    return job_id


# --- submit and status -------------------------------------------------------------------


async def test_blast_submit_returns_one_job_per_sequence(start: Start) -> None:
    _, api = await start()
    data = await api.ok("POST", BLAST, json_body=blast_body("MQVD", "MQVD", "GGHA"))
    assert [(job["label"], job["sequence"]) for job in data] == [
        ("SEQ0", "MQVD"),
        ("SEQ1", "MQVD"),
        ("SEQ2", "GGHA"),
    ]
    ids = [job["job_id"] for job in data]
    assert all(re.fullmatch(r"[0-9a-f]{32}", job_id) for job_id in ids)
    assert len(set(ids)) == 3


async def test_job_ids_are_deterministic(start: Start) -> None:
    _, api_a = await start(seed=1)
    _, api_b = await start(seed=2)
    first = [await submit(api_a, s) for s in ("MQ", "GG")]
    second = [await submit(api_b, s) for s in ("MQ", "GG")]
    assert first == second


async def test_motif_submit(start: Start) -> None:
    _, api = await start()
    body = {
        "motif_sequence": "RSMATC[AN]{0,1}",
        "sequence_type": "PROTEIN",
        "query_type": "PROTEIN",
        "limit": 100,
        "params": {},
    }
    (job,) = await api.ok("POST", MOTIF, json_body=body)
    assert job["label"] is None
    assert job["sequence"] == "RSMATC[AN]{0,1}"
    assert (await poll(api, job["job_id"]))["status"] == "QUEUEING"


async def test_job_lifecycle(start: Start) -> None:
    _, api = await start(job_polls_until_done=3)
    job_id = await submit(api)
    assert await api.fails("POST", RESULT, json_body={"job_id": job_id, "page": 1, "size": 10}) == (
        68300004
    )
    states = [(await poll(api, job_id))["status"] for _ in range(5)]
    assert states == ["QUEUEING", "RUNNING", "RUNNING", "SUCCESS", "SUCCESS"]
    data = await api.ok("POST", RESULT, json_body={"job_id": job_id, "page": 1, "size": 10})
    assert data["total"] == 30


async def test_jobs_can_end_in_error_or_timeout(start: Start) -> None:
    _, api = await start(job_polls_until_done=0)
    error_job = await submit(api, "MQERRORVD")
    timeout_job = await submit(api, "MQTIMEOUTVD")
    assert await poll(api, error_job) == {"status": "ERROR", "message": "Invalid input MQERRORVD"}
    assert (await poll(api, timeout_job))["status"] == "TIMEOUT"
    for job_id in (error_job, timeout_job):
        body = {"job_id": job_id, "page": 1, "size": 10}
        assert await api.fails("POST", RESULT, json_body=body) == 68300004


async def test_unknown_jobs_get_53000002(start: Start) -> None:
    _, api = await start()
    unknown = "953a406a18d84dc8b13f0b923e406a43"
    assert await api.fails("GET", STATUS, params={"job_id": unknown}) == 53000002
    body = {"job_id": unknown, "page": 1, "size": 10}
    assert await api.fails("POST", RESULT, json_body=body) == 53000002
    assert await api.fails("GET", STATUS) == 68300004


@pytest.mark.parametrize(
    ("sequence_type", "query_type", "algorithm", "valid"),
    [
        ("NUCLEOTIDE", "NUCLEOTIDE", "megablast", True),
        ("NUCLEOTIDE", "NUCLEOTIDE", "blastn-short", True),
        ("NUCLEOTIDE", "PROTEIN", "blastx-fast", True),
        ("PROTEIN", "PROTEIN", "blastp-short", True),
        ("PROTEIN", "NUCLEOTIDE", "tblastn-fast", True),
        ("NUCLEOTIDE", "PROTEIN", "blastn", False),
        ("PROTEIN", "PROTEIN", "megablast", False),
        ("PROTEIN", "NUCLEOTIDE", "blastp", False),
        ("DNA", "PROTEIN", "blastx-fast", False),
        ("PROTEIN", "protein", "blastp", False),
    ],
)
async def test_algorithm_must_fit_the_sequence_types(
    start: Start, sequence_type: str, query_type: str, algorithm: str, valid: bool
) -> None:
    _, api = await start()
    body = blast_body("ACGT", algorithm=algorithm)
    body.update(sequence_type=sequence_type, query_type=query_type)
    if valid:
        await api.ok("POST", BLAST, json_body=body)
    else:
        assert await api.fails("POST", BLAST, json_body=body) == 68300004


@pytest.mark.parametrize(
    "change",
    [{"limit": 10_001}, {"limit": 0}, {"sequence_list": []}, {"params": None}],
)
async def test_invalid_submissions(start: Start, change: dict[str, Any]) -> None:
    _, api = await start()
    body = blast_body("MQVD")
    body.update(change)
    assert await api.fails("POST", BLAST, json_body=body) == 68300004


# --- results -----------------------------------------------------------------------------

HIT_FIELDS = {
    "gaps", "hsps", "s_len", "score", "evalue", "seq_id", "patents", "identity", "positive",
    "bit_score", "q_coverage", "s_coverage", "s_sequence", "perc_identity", "q_perc_identity",
    "s_perc_identity",
}  # fmt: skip
HSP_FIELDS = {"q_end", "s_end", "matched", "q_start", "s_start", "q_string", "s_string"}


async def test_results_have_every_documented_field(start: Start) -> None:
    _, api = await start(job_hits=3, sequence_patent_totals={"834879": 1_000_000})
    job_id = await finished(api)
    data = await api.ok("POST", RESULT, json_body={"job_id": job_id, "page": 1, "size": 10})
    assert data["total"] == 3
    hits = {hit["seq_id"]: hit for hit in data["results"]}
    assert set(hits) == {834879, 834879 + 7919, 834879 + 2 * 7919}
    for seq_id, hit in hits.items():
        assert set(hit) == HIT_FIELDS
        assert isinstance(hit["seq_id"], int)
        assert isinstance(hit["evalue"], float)
        assert set(hit["hsps"][0]) == HSP_FIELDS
        assert hit["hsps"][0]["q_string"] == "MQVDLLGSAQSAHALH"
        assert len(hit["s_sequence"]) == hit["s_len"]
        assert re.fullmatch(r"\d+/\d+", hit["identity"])
        expected_total = 1_000_000 if seq_id == 834879 else seq_id % 300
        assert hit["patents"]["total"] == expected_total
        assert len(hit["patents"]["patents"]) == min(expected_total, 100)


async def test_results_total_is_capped_by_the_job_limit(start: Start) -> None:
    _, api = await start(job_hits=250)
    job_id = await finished(api, limit=120)
    seq_ids: list[int] = []
    for page in (1, 2, 3, 4):
        body = {"job_id": job_id, "page": page, "size": 50}
        data = await api.ok("POST", RESULT, json_body=body)
        assert data["total"] == 120
        seq_ids.extend(hit["seq_id"] for hit in data["results"])
    assert len(seq_ids) == len(set(seq_ids)) == 120


@pytest.mark.parametrize(
    ("sort_field", "field", "descending"),
    [
        (None, "perc_identity", True),
        ({"field": "evalue", "order": "asc"}, "evalue", False),
        ({"field": "q_coverage", "order": "desc"}, "q_coverage", True),
        ({"field": "s_perc_identity", "order": "asc"}, "s_perc_identity", False),
    ],
)
async def test_results_are_sorted_across_pages(
    start: Start, sort_field: dict[str, str] | None, field: str, descending: bool
) -> None:
    _, api = await start(job_hits=60)
    job_id = await finished(api)
    hits: list[dict[str, Any]] = []
    for page in (1, 2, 3):
        body = {"job_id": job_id, "page": page, "size": 25, "sort_field": sort_field}
        hits.extend((await api.ok("POST", RESULT, json_body=body))["results"])
    values = [hit[field] for hit in hits]
    assert values == sorted(values, reverse=descending)
    assert values != sorted(values, reverse=not descending)
    assert len({hit["seq_id"] for hit in hits}) == 60
    # Asking again gives the same page (stable paging).
    body = {"job_id": job_id, "page": 2, "size": 25, "sort_field": sort_field}
    again = (await api.ok("POST", RESULT, json_body=body))["results"]
    assert [hit["seq_id"] for hit in again] == [hit["seq_id"] for hit in hits[25:50]]


@pytest.mark.parametrize(
    "change",
    [
        {"page": 0},
        {"size": 0},
        {"size": 101},
        {"page": None},
        {"job_id": None},
        {"sort_field": {"field": "score", "order": "desc"}},
        {"sort_field": {"field": "evalue", "order": "sideways"}},
    ],
)
async def test_invalid_result_requests(start: Start, change: dict[str, Any]) -> None:
    _, api = await start()
    job_id = await finished(api)
    body = {"job_id": job_id, "page": 1, "size": 10, **change}
    assert await api.fails("POST", RESULT, json_body=body) == 68300004


# --- B005 --------------------------------------------------------------------------------


async def test_sequence_patents_page_to_the_default_total(start: Start) -> None:
    emu, api = await start()
    pns: list[str] = []
    for page in range(1, 6):
        data = await api.ok("POST", PATENTS, json_body={"seq_id": "1234", "page": page, "size": 10})
        assert data["total"] == 34  # 1234 % 300
        pns.extend(patent["pn"] for patent in data["patents"])
    assert [served.result_count for served in emu.log] == [10, 10, 10, 4, 0]
    assert len(pns) == len(set(pns)) == 34
    assert emu.log[0].ids == ("1234",)
    # A numeric seq_id is the same sequence as its string form.
    data = await api.ok("POST", PATENTS, json_body={"seq_id": 1234, "page": 4, "size": 10})
    assert [patent["pn"] for patent in data["patents"]] == pns[30:]
    assert emu.log[-1].ids == ("1234",)


async def test_sequence_patent_records_follow_the_documented_shape(start: Start) -> None:
    _, api = await start()
    data = await api.ok("POST", PATENTS, json_body={"seq_id": 834879, "page": 1, "size": 100})
    keys = {"APP", "FIG", "PAGE", "ANNEX", "TABLE", "EXAMPLE"}
    for patent in data["patents"]:
        assert set(patent) == {"pn", "claimed", "location", "patent_id", "sequence_id_number"}
        assert isinstance(patent["claimed"], bool)
        assert patent["location"]
        assert set(patent["location"]) <= keys
        assert all(isinstance(v, list) and v for v in patent["location"].values())
        assert all(isinstance(n, str) for n in patent["sequence_id_number"])
    assert {p["claimed"] for p in data["patents"]} == {True, False}


async def test_a_million_patents_are_served_page_by_page(start: Start) -> None:
    _, api = await start(sequence_patent_totals={"834879": 1_000_000})
    last = await api.ok("POST", PATENTS, json_body={"seq_id": 834879, "page": 10_000, "size": 100})
    assert last["total"] == 1_000_000
    assert len(last["patents"]) == 100
    beyond = await api.ok(
        "POST", PATENTS, json_body={"seq_id": "834879", "page": 10_001, "size": 100}
    )
    assert beyond == {"total": 1_000_000, "patents": []}
    # The hit of a job lists the first 100 patents of the same list.
    job_id = await finished(api)
    results = await api.ok("POST", RESULT, json_body={"job_id": job_id, "page": 1, "size": 100})
    (hit,) = [hit for hit in results["results"] if hit["seq_id"] == 834879]
    first = await api.ok("POST", PATENTS, json_body={"seq_id": 834879, "page": 1, "size": 100})
    assert hit["patents"]["patents"] == first["patents"]


async def test_unknown_sequences_have_no_patents(start: Start) -> None:
    _, api = await start(sequence_patent_totals={"ABC": 3})
    data = await api.ok("POST", PATENTS, json_body={"seq_id": "XYZ", "page": 1, "size": 10})
    assert data == {"total": 0, "patents": []}
    data = await api.ok("POST", PATENTS, json_body={"seq_id": "ABC", "page": 1, "size": 10})
    assert data["total"] == len(data["patents"]) == 3


@pytest.mark.parametrize(
    "body",
    [
        {"page": 1, "size": 10},
        {"seq_id": "", "page": 1, "size": 10},
        {"seq_id": 1.5, "page": 1, "size": 10},
        {"seq_id": "1", "page": 0, "size": 10},
        {"seq_id": "1", "page": 1, "size": 0},
        {"seq_id": "1", "page": 1, "size": 101},
        {"seq_id": "1", "size": 10},
    ],
)
async def test_invalid_sequence_patent_requests(start: Start, body: dict[str, Any]) -> None:
    _, api = await start()
    assert await api.fails("POST", PATENTS, json_body=body) == 68300004
