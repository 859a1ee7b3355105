"""Emulator: the routes of the catalog, the shapes of its answers, and their values.

The catalog and the answer schemas are loaded on the first request for an operation
of the catalog, not before; every operation is routed, by hand or from the catalog;
a task's status is found in its schema; a value is a function of its seed and place,
and a patent's facts are the same wherever a record names them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from patsnap_async.catalog import OPERATIONS
from patsnap_async.testing import _shapes
from patsnap_async.testing._catalog_routes import route_table
from patsnap_async.testing._synth import Patent, Synth, facts
from patsnap_async.testing._tasks import TaskBook

#: The endpoints answered by hand.
BY_HAND = {"P002", "P014", "P015", "B003", "B004", "B003/4-0", "B003/4-1", "B005"}


def test_the_catalog_is_loaded_by_serve_not_by_import_or_construction() -> None:
    code = """if True:
        import asyncio, sys
        from patsnap_async.testing import Emulator
        loaded = lambda: "patsnap_async.catalog" in sys.modules
        seen = [loaded()]
        emu = Emulator()
        seen.append(loaded())
        async def main():
            async with emu.serve():
                seen.append(loaded())
        asyncio.run(main())
        print(seen)
    """
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[False, False, True]"


def test_every_operation_is_served_by_hand_or_from_the_catalog() -> None:
    by_hand = {(OPERATIONS[code].method, OPERATIONS[code].path) for code in BY_HAND}
    exact, templates = route_table(OPERATIONS.values(), by_hand)
    served_codes = {op.code for op in exact.values()} | {op.code for *_, op in templates}
    assert served_codes | BY_HAND == set(OPERATIONS)
    assert not served_codes & BY_HAND


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("P055.task", _shapes.StatusRule("export_status", "PENDING", "SUCCESS")),
        ("AI33-2", _shapes.StatusRule("status", "RUNNING", "SUCCEED")),
        ("AI35-2", _shapes.StatusRule("status", 1, 2)),  # 1: running, 2: successful
        ("P062.result", _shapes.StatusRule("status", "running", "success")),
        (
            "B068-2.chat-pcc-molecule-result",
            _shapes.StatusRule("status", "processing", "completed"),
        ),
        ("X-file-detail", _shapes.StatusRule("status", "PROCESSING", "SUCCESS")),
        ("R001.job-id-status", _shapes.StatusRule("job_status", 1, 2)),
        ("X-job-id-status", _shapes.StatusRule("job_status", "PROCESSING", "COMPLETED")),
    ],
)
def test_a_task_status_is_read_from_its_schema(code: str, rule: _shapes.StatusRule) -> None:
    shapes = _shapes.load()
    assert _shapes.status_rule(shapes, shapes.answer(OPERATIONS[code])[0]) == rule


def test_every_poll_of_the_catalog_has_a_status() -> None:
    shapes = _shapes.load()
    for op in OPERATIONS.values():
        if op.step is not None and op.step.role == "poll" and op.code not in BY_HAND:
            assert _shapes.status_rule(shapes, shapes.answer(op)[0]) is not None, op.code


def test_a_value_depends_on_its_seed_and_place_only() -> None:
    shapes = _shapes.load()
    synth = Synth(shapes.resolve)
    schema, _ = shapes.answer(OPERATIONS["A001"])
    assert synth.value(schema, "a") == synth.value(schema, "a") != synth.value(schema, "b")


def test_a_patent_record_is_seeded_by_the_patent_not_the_request() -> None:
    shapes = _shapes.load()
    synth = Synth(shapes.resolve)
    record = shapes.resolve(shapes.answer(OPERATIONS["D301"])[0]["items"])
    patent = Patent.numbered("EP3000001B1")
    made = synth.value(record, "any seed", subject=patent)
    assert made == synth.value(record, "another", subject=patent)
    known = facts("EP3000001B1")
    assert (made["pn"], made["patent_id"]) == (patent.pn, patent.patent_id)
    assert (made["title"], made["application_date"]) == (known["title"], known["application_date"])
    assert known["priority_date"] <= known["application_date"] < known["publication_date"]
    assert (known["country"], known["doc_number"], known["kind"]) == ("EP", "3000001", "B1")


def test_nested_patents_are_patents_of_their_own() -> None:
    shapes = _shapes.load()
    synth = Synth(shapes.resolve)
    listed = synth.value(shapes.answer(OPERATIONS["D009"])[0], "D009")["patent_list"]
    numbers = {patent["pn"] for patent in listed}
    assert len(numbers) == len(listed) >= 1
    for patent in listed:
        assert patent["patent_id"] == Patent.numbered(patent["pn"]).patent_id


def test_without_the_spec_each_operation_gets_a_shape_from_the_catalog() -> None:
    empty = _shapes.Shapes({})
    lookup, _ = empty.answer(OPERATIONS["P018"])
    assert set(lookup["items"]["properties"]) == {"pn", "patent_id"}
    listing, _ = empty.answer(OPERATIONS["P008"])
    assert set(listing["properties"]) == {"results", "total_search_result_count"}
    poll, _ = empty.answer(OPERATIONS["P055.task"])
    assert set(poll["properties"]) == {"task_id", "status"}
    assert empty.answer(OPERATIONS["A001"]) == ({"type": "object"}, False)


def test_a_long_identifier_or_a_numbered_handle_fits_in_a_signed_64_bit_integer() -> None:
    synth = Synth(_shapes.load().resolve)
    long_id = {"type": "integer", "example": 1579434053399036000}
    book = TaskBook(polls_until_done=1)
    for seed in map(str, range(200)):
        assert 10**18 <= synth.value(long_id, seed) < 2**63
        assert 10**18 <= int(book.create("R001", seed, "1579434053399036000", None)) < 2**63
