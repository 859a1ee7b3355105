"""Answers that say nothing, say it wrong, or are too big: never "missing", never lost."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from patsnap_async import (
    APIError,
    BatchError,
    FamilyRecord,
    MalformedResponseError,
    PatsnapClient,
)
from patsnap_async._converter import parse
from patsnap_async._errors import ServerError
from patsnap_async._protocol import ARRAY, OBJECT, Expect, decipher_response
from patsnap_async.testing import Emulator
from patsnap_async.testing._faults import GZIP_BOMB_BYTES, odd_body

from .conftest import business, client_for

FAMILY = "/basic-patent-data/patent-family"
PATENTS = "/bio-openapi/sequence/patent"
SEARCH = "/search/patent/query-search-patent"
STATUS = "/bio-openapi/sequence/job/status"


def envelope(**fields: object) -> bytes:
    return json.dumps({"status": True, "error_code": 0, **fields}).encode()


# --- the pure layer -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expect", "why"),
    [
        (envelope(), ARRAY, "carries no data"),
        (envelope(data=None), ARRAY, "data is null, not an array"),
        (envelope(data={}), ARRAY, "data is an object, not an array"),
        (envelope(data="OK"), ARRAY, "data is a string, not an array"),
        (envelope(), OBJECT, "carries no data"),
        (envelope(data=[]), OBJECT, "data is an array, not an object"),
        (envelope(data=0), OBJECT, "data is a number, not an object"),
        (envelope(data={"patents": []}), Expect(keys=("total",)), "data carries no total"),
        (envelope(data={"total": None}), Expect(keys=("total",)), "data carries no total"),
    ],
)
def test_an_answer_that_says_nothing_is_malformed_and_retryable(
    raw: bytes, expect: Expect, why: str
) -> None:
    with pytest.raises(MalformedResponseError, match=why) as info:
        decipher_response(200, raw, expect)
    assert info.value.retryable


def test_data_of_the_expected_shape_is_returned() -> None:
    assert decipher_response(200, envelope(data=[]), ARRAY) == []
    assert decipher_response(200, envelope(data={"total": 0}), Expect(keys=("total",))) == {
        "total": 0
    }
    assert decipher_response(200, envelope(), None) is None  # an unwrapped call: any data


def test_an_answer_with_its_fields_beside_the_envelope_gives_those_fields() -> None:
    # C034 and the landscape job's status answer so: no `data`, never None for them.
    status = envelope(job_status="COMPLETED", error_message="")
    assert decipher_response(200, status, None) == {"job_status": "COMPLETED", "error_message": ""}
    listed = envelope(total=1, plant_variety_protection_application_data=[{"id": "x"}])
    assert decipher_response(200, listed, None) == {
        "total": 1,
        "plant_variety_protection_application_data": [{"id": "x"}],
    }
    assert decipher_response(200, envelope(error_msg="", data=None), None) is None  # said null
    assert decipher_response(200, envelope(error_msg=""), None) is None  # nothing beside
    with pytest.raises(MalformedResponseError, match="carries no data"):  # a declaration's
        decipher_response(200, status, OBJECT)


def test_an_answer_without_data_that_failed_still_raises_its_error() -> None:
    failed = json.dumps(
        {"status": False, "error_code": 400, "error_message": "Invalid query", "job_status": ""}
    ).encode()
    with pytest.raises(APIError, match="Invalid query"):
        decipher_response(200, failed, None)


def test_json_nested_too_deep_is_a_retryable_malformed_answer() -> None:
    body, _ = odd_body("deep", FAMILY)
    with pytest.raises(RecursionError):
        json.loads(body)  # what used to escape every batch
    with pytest.raises(MalformedResponseError) as info:
        decipher_response(200, body, ARRAY)
    assert info.value.retryable


def test_any_failure_to_structure_data_is_malformed_and_not_retried() -> None:
    # As deep as a parser called from a shallow stack returns (an event loop's task):
    # describing the bad value for the error message, deeper down, runs out of stack.
    deep: list[Any] = []
    for _ in range(sys.getrecursionlimit() - 10):
        deep = [deep]
    for data in ([{"pn": 1}], [{"pn": "US1B2", "patent_family": deep}], [deep]):
        with pytest.raises(MalformedResponseError) as info:
            parse(data, tuple[FamilyRecord, ...])
        assert not info.value.retryable


def test_the_error_tree_says_which_malformed_answers_are_retried() -> None:
    import patsnap_async._errors as errors

    assert issubclass(MalformedResponseError, ServerError)
    assert "MalformedResponseError" in errors.__doc__
    tree_line = next(
        line for line in errors.__doc__.splitlines() if "MalformedResponseError" in line
    )
    assert "unreadable" in tree_line
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    row = next(
        line for line in readme.splitlines() if line.startswith("| `MalformedResponseError`")
    )
    assert "unreadable" in row and "wrong types" in row and "max_response_bytes" in row


# --- batches against the emulator --------------------------------------------------------


@pytest.mark.parametrize("kind", ["empty", "wrong_shape", "deep", "malformed"])
async def test_an_unreadable_answer_is_retried_and_nothing_is_missing(
    emu: Emulator, kind: str
) -> None:
    emu.inject(kind=kind, path=FAMILY)
    ids = [f"US{11_205_304 + i}B2" for i in range(250)]
    async with client_for(emu) as client:
        result = await client.patents.family(ids)
    assert sorted(result) == sorted(ids)
    assert not result.missing and not result.failed
    assert client.stats.retries == 1
    assert [s.fault for s in business(emu)].count(kind) == 1


@pytest.mark.parametrize("kind", ["empty", "wrong_shape", "deep"])
async def test_an_answer_that_stays_unreadable_fails_its_ids_and_keeps_the_rest(
    emu: Emulator, kind: str
) -> None:
    ids = [f"US{11_205_304 + i}B2" for i in range(300)]
    emu.inject(kind=kind, path=FAMILY, times=3)  # one chunk: its first try and 2 retries
    async with client_for(emu, max_retries=2) as client:
        with pytest.raises(BatchError) as info:
            await client.patents.family(ids[:100])
        assert len(info.value.result.failed) == 100
        assert not info.value.result.missing  # never "no records": nothing was said
        assert len(business(emu)) == 3

    emu.inject(kind=kind, path=FAMILY)  # the first of three chunks, not retried
    async with client_for(emu, max_retries=0) as client:
        with pytest.raises(BatchError) as info:
            await client.patents.family(ids)
    result = info.value.result
    assert len(result.failed) == 100
    assert not result.missing
    assert len(result) == 200  # the other chunks' records are kept
    assert set(result) | set(result.failed) == set(ids)
    assert all(isinstance(e, MalformedResponseError) for e in info.value.errors.values())


async def test_data_of_the_wrong_types_fails_its_ids_at_once(emu: Emulator) -> None:
    emu.inject(kind="wrong_types", path=FAMILY)
    async with client_for(emu) as client:
        with pytest.raises(BatchError) as info:
            await client.patents.family(["US1B2", "US2B2"])
    assert list(info.value.result.failed) == ["US1B2", "US2B2"]
    assert not info.value.result.missing
    assert len(business(emu)) == 1  # the same request would bring the same data back
    (error,) = set(info.value.errors.values())
    assert isinstance(error, MalformedResponseError) and not error.retryable


async def test_an_empty_array_is_an_answer_every_id_of_which_is_missing(emu: Emulator) -> None:
    # The control: "missing" stays what it is when the platform answered with data.
    async with client_for(emu) as client:
        result = await client.patents.family(["UNKNOWN1", "US1B2"])
    assert result.missing == ("UNKNOWN1",)


# --- the size cap ------------------------------------------------------------------------


async def test_a_gzip_bomb_is_refused_while_it_is_read(emu: Emulator) -> None:
    cap = 1024 * 1024
    body, headers = odd_body("gzip_bomb", FAMILY)
    assert headers == {"Content-Encoding": "gzip"} and len(body) < 64 * 1024
    emu.inject(kind="gzip_bomb", path=FAMILY)
    async with client_for(emu, max_response_bytes=cap) as client:
        with pytest.raises(BatchError) as info:
            await client.patents.family(["US1B2", "US2B2"])
    (error,) = set(info.value.errors.values())
    assert isinstance(error, MalformedResponseError)
    assert f"larger than max_response_bytes={cap}" in str(error)
    assert not error.retryable  # the same request would inflate the same way
    assert len(business(emu)) == 1
    assert list(info.value.result.failed) == ["US1B2", "US2B2"]


async def test_an_answer_under_the_cap_is_read_whole(emu: Emulator) -> None:
    emu.inject(kind="gzip_bomb", path=FAMILY)
    async with client_for(emu, max_response_bytes=GZIP_BOMB_BYTES) as client:
        result = await client.patents.family(["US1B2"])
    assert result.missing == ("US1B2",)  # valid JSON once inflated: an empty array


def test_the_cap_has_a_documented_default() -> None:
    from patsnap_async._session import DEFAULT_MAX_RESPONSE_BYTES

    assert DEFAULT_MAX_RESPONSE_BYTES == 64 * 1024 * 1024
    assert "max_response_bytes" in (PatsnapClient.__init__.__doc__ or PatsnapClient.__doc__ or "")


# --- pages and drains ------------------------------------------------------------------


async def test_a_drain_keeps_what_it_has_and_ends_with_a_malformed_error(emu: Emulator) -> None:
    got: list[Any] = []

    async def collect(client: PatsnapClient) -> None:
        async for patent in client.sequences.iter_patents("250", window=1):
            if not got:  # the first page is in: the next ones will say nothing
                emu.inject(kind="deep", path=PATENTS, times=2)
            got.append(patent)

    async with client_for(emu, max_retries=1) as client:
        with pytest.raises(MalformedResponseError):
            await collect(client)
    assert len(got) == 100  # the first page, every patent of it
    assert [s.fault for s in business(emu)] == [None, "deep", "deep"]


async def test_a_sequence_page_without_its_total_is_retried(emu: Emulator) -> None:
    emu.inject(kind="wrong_types", path=PATENTS)  # parses, but total is a string
    emu.inject(kind="empty", path=PATENTS)
    async with client_for(emu) as client:
        with pytest.raises(MalformedResponseError) as info:
            await client.sequences.patents("250")
        assert not info.value.retryable
        page = await client.sequences.patents("250")  # the empty one was retried
    assert page.total == 250
    assert [s.fault for s in business(emu)] == ["wrong_types", "empty", None]


@pytest.mark.parametrize(("path", "kind"), [(SEARCH, "wrong_shape"), (STATUS, "empty")])
async def test_pages_and_statuses_that_say_nothing_are_retried(
    emu: Emulator, path: str, kind: str
) -> None:
    emu.inject(kind=kind, path=path)
    async with client_for(emu) as client:
        if path == SEARCH:
            page = await client.search.query("TACD: robot", limit=5)
            assert page.total_search_result_count is not None
        else:
            job = await client.sequences.submit_motif("RSMATC")
            assert (await client.sequences.status(job)).status is not None
    assert client.stats.retries == 1
