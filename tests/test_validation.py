"""Bad input raises ValueError (or TypeError) naming the value, before any request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from patsnap_async import ConfigurationError, Paths, PatsnapClient
from patsnap_async.testing import Emulator

from .conftest import client_for

Call = Callable[[PatsnapClient], Awaitable[Any]]


async def drain(iterator: Any) -> list[Any]:
    return [item async for item in iterator]


BAD_CALLS: list[tuple[str, Call, str]] = [
    ("empty query", lambda c: c.search.query(""), "query_text must not be empty"),
    ("blank query", lambda c: c.search.query("   "), "query_text must not be empty"),
    ("long query", lambda c: c.search.query("x" * 1501), "1501 characters"),
    ("query not str", lambda c: c.search.query(42), "query_text must be a string, got 42"),
    ("limit > 1000", lambda c: c.search.query("q", limit=1001), "limit .* got 1001"),
    ("limit 0", lambda c: c.search.query("q", limit=0), "limit .* got 0"),
    ("offset < 0", lambda c: c.search.query("q", offset=-1), "offset .* got -1"),
    ("offset+limit", lambda c: c.search.query("q", offset=19_500, limit=501), "offset=19500"),
    ("sort field", lambda c: c.search.query("q", sort=[("TITLE", "desc")]), "'TITLE'"),
    ("sort order", lambda c: c.search.query("q", sort=[("SCORE", "up")]), "'up'"),
    ("sort string", lambda c: c.search.query("q", sort="SCORE"), "'SCORE'"),
    ("collapse", lambda c: c.search.query("q", collapse_type="FAMILY"), "'FAMILY'"),
    ("collapse_by", lambda c: c.search.query("q", collapse_by="DATE"), "'DATE'"),
    ("collapse_order", lambda c: c.search.query("q", collapse_order="NEWEST"), "'NEWEST'"),
    ("page_size", lambda c: drain(c.search.iter_query("q", page_size=1001)), "got 1001"),
    ("max_results", lambda c: drain(c.search.iter_query("q", max_results=20_001)), "20001"),
    ("iter empty query", lambda c: drain(c.search.iter_query("")), "query_text"),
    ("neither ids", lambda c: c.patents.family(), "exactly one of"),
    (
        "both ids",
        lambda c: c.patents.family(["US1B2"], patent_ids=["x"]),
        "exactly one of",
    ),
    ("cited neither", lambda c: c.patents.cited_by(), "exactly one of"),
    ("empty id", lambda c: c.patents.family(["US1B2", " "]), r"patent_numbers\[1\] is empty"),
    ("id not str", lambda c: c.patents.family(["US1B2", 7]), r"patent_numbers\[1\] .* got 7"),
    ("None id", lambda c: c.patents.cited_by(patent_ids=[None]), r"patent_ids\[0\] .* None"),
    ("comma id", lambda c: c.patents.family(["US1B2,US2B2"]), "contains a comma"),
    ("str not list", lambda c: c.patents.family("US1B2"), "not a single string: 'US1B2'"),
    ("size > 100", lambda c: c.sequences.patents("1", size=101), "size .* got 101"),
    ("page < 1", lambda c: c.sequences.patents("1", page=0), "page .* got 0"),
    ("empty seq_id", lambda c: c.sequences.patents(""), "seq_id must not be empty"),
    ("iter empty seq_id", lambda c: drain(c.sequences.iter_patents(" ")), "seq_id"),
    ("empty job_id", lambda c: c.sequences.status(""), "job_id must not be empty"),
    ("wait job_id", lambda c: c.sequences.wait(""), "job_id must not be empty"),
    ("results job_id", lambda c: c.sequences.results(""), "job_id must not be empty"),
    ("results size", lambda c: c.sequences.results("j", size=500), "got 500"),
    ("results page", lambda c: c.sequences.results("j", page=-2), "got -2"),
    ("results sort", lambda c: c.sequences.results("j", sort_by="score"), "'score'"),
    ("results order", lambda c: c.sequences.results("j", order="up"), "'up'"),
    ("iter results sort", lambda c: drain(c.sequences.iter_results("j", sort_by="x")), "'x'"),
    (
        "algorithm",
        lambda c: c.sequences.submit(
            "ACGT", sequence_type="NUCLEOTIDE", query_type="NUCLEOTIDE", algorithm="blastp"
        ),
        "'blastp' does not search NUCLEOTIDE in NUCLEOTIDE",
    ),
    (
        "unknown algorithm",
        lambda c: c.sequences.submit(
            "MQV", sequence_type="PROTEIN", query_type="NUCLEOTIDE", algorithm="blast9"
        ),
        "'blast9'",
    ),
    (
        "sequence type",
        lambda c: c.sequences.submit(
            "ACGT", sequence_type="DNA", query_type="NUCLEOTIDE", algorithm="blastn"
        ),
        "'DNA'",
    ),
    (
        "job limit",
        lambda c: c.sequences.submit(
            "ACGT",
            sequence_type="NUCLEOTIDE",
            query_type="NUCLEOTIDE",
            algorithm="blastn",
            limit=10_001,
        ),
        "got 10001",
    ),
    (
        "word size",
        lambda c: c.sequences.submit(
            "MQV",
            sequence_type="PROTEIN",
            query_type="PROTEIN",
            algorithm="blastp",
            word_size=9,
        ),
        "word_size .* got 9",
    ),
    (
        "filter name",
        lambda c: c.sequences.submit(
            "MQV",
            sequence_type="PROTEIN",
            query_type="PROTEIN",
            algorithm="blastp",
            filters={"identity": (1, 2)},
        ),
        "'identity'",
    ),
    ("empty sequence", lambda c: c.sequences.submit_motif(""), "motif must not be empty"),
    ("database", lambda c: c.sequences.submit_motif("RS", database=["GENBANK"]), "'GENBANK'"),
    (
        "motif filter",
        lambda c: c.sequences.submit_motif("RS", filters={"perc_identity": (1, 2)}),
        "'perc_identity'",
    ),
    (
        "wait poll",
        lambda c: c.sequences.wait("j", poll_interval=-1),
        "poll_interval .* -1",
    ),
]


@pytest.mark.parametrize(
    ("call", "message"), [(c, m) for _, c, m in BAD_CALLS], ids=[name for name, _, _ in BAD_CALLS]
)
async def test_bad_input_raises_and_sends_nothing(emu: Emulator, call: Call, message: str) -> None:
    async with client_for(emu) as client:
        with pytest.raises((ValueError, TypeError), match=message):
            await call(client)
    assert emu.log == []


async def test_paths_are_overridable_without_subclassing(serve: Any) -> None:
    async with serve() as (emu, _):
        client = client_for(emu, paths={"family": "/v2/basic-patent-data/patent-family"})
        async with client:
            with pytest.raises(Exception, match="67200101"):
                await client.patents.family(["US1B2"])
        assert emu.log[-1].path == "/v2/basic-patent-data/patent-family"
    assert Paths().cited_by == "/basic-patent-data/forward-citation/v3"
    with pytest.raises(ConfigurationError, match="unknown path name"):
        PatsnapClient(api_key="sk-1", paths={"familly": "/x"})
    with pytest.raises(ConfigurationError, match="must start with '/'"):
        PatsnapClient(api_key="sk-1", paths=Paths(family="v2/family"))
