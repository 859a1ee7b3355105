"""Emulator: every operation of the catalog, over HTTP, through the SDK where it can.

One emulator serves the whole module. Lookups run through `client.lookup`, listings
are drained by `client.listing`, tasks are walked create -> poll -> result, single
calls made with `client.request` and the five streams with `client.call` (their
events). `client.request` sends no file and no header of the caller's: the operations
that need one of those (the multipart uploads, the four that require a header) are
called with aiohttp, and so is each stream once more, to see its events on the wire.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import aiohttp
import attrs
import pytest
import pytest_asyncio

from patsnap_async import APIError, PatsnapClient
from patsnap_async.catalog import FLOWS, LISTINGS, LOOKUPS, OPERATIONS, Operation, Param
from patsnap_async.testing import Emulator, _data, _shapes

from ..conftest import FAST_RETRY

pytestmark = pytest.mark.asyncio(loop_scope="module")

#: The endpoints answered by hand, with tests of their own.
BY_HAND = {"P002", "P014", "P015", "B003", "B004", "B003/4-0", "B003/4-1", "B005"}
KNOWN = ["US11205304B2", "EP3000001B1", "JP1999068462A"]
UNKNOWN = ["UNKNOWN-1", "XX9B1"]
#: Single calls shaped like a lookup, sent as a POST with the ids in the query string.
LOOKUP_SHAPED = {"D201", "P100", "P101", "P102", "P103"}
#: The statement of account (X-statement-v2) is answered from the emulator's log and
#: checks the account's credentials: tests/test_usage.py covers it.
SINGLES = sorted(
    code for code, op in OPERATIONS.items() if op.kind == "single" and code != "X-statement-v2"
)
STREAMS = sorted(code for code, op in OPERATIONS.items() if op.kind == "stream")
WALKED = sorted(flow for flow in FLOWS if flow != "B003/4")  # B003/4: test_emulator_sequences


def page_size(code: str) -> int:
    return min(5, LISTINGS[code].paging.max_size)


@attrs.frozen
class Served:
    """The emulator of this module, a client and a raw session pointed at it."""

    emu: Emulator
    client: PatsnapClient
    session: aiohttp.ClientSession

    async def call(self, op: Operation, **values: Any) -> Any:
        """Call `op` with its required parameters (and `values`); the answer's `data`.

        A flat answer (no `data`: its fields beside `status`) gives those fields, through
        the SDK as any other.
        """
        sent = Request.of(op, values)
        if not needs_raw(op):
            return await self.client.request(
                op.method, sent.path, params=sent.query, json=sent.body_or_none(op)
            )
        status, answer = await self.raw(op, sent)
        assert status == 200 and answer["status"] is True, answer
        return answer.get("data")

    async def raw(self, op: Operation, sent: Request) -> tuple[int, Any]:
        """Send with aiohttp: multipart where the spec says, headers; JSON or events back."""
        headers = {"Authorization": f"Bearer {self.emu.api_key}", **sent.headers}
        body: dict[str, Any] = {"json": sent.body_or_none(op)}
        if op.content_type == "multipart/form-data":
            body = {"data": sent.form(op)}
        async with self.session.request(
            op.method, sent.path, params=sent.query, headers=headers, **body
        ) as response:
            text = await response.text()
            if response.content_type == "text/event-stream":
                return response.status, events(text)
            return response.status, json.loads(text)


@attrs.frozen
class Request:
    """Where each parameter of a call goes."""

    path: str
    query: dict[str, str] = attrs.field(factory=dict)
    body: dict[str, Any] = attrs.field(factory=dict)
    headers: dict[str, str] = attrs.field(factory=dict)

    @classmethod
    def of(cls, op: Operation, values: Mapping[str, Any]) -> Request:
        """The required parameters of `op` with allowed values, and `values` over them."""
        chosen = {p.name: sample(p) for p in op.params if p.required}
        chosen.update(values)
        sent = cls(op.path)
        for param in op.params:
            if param.name not in chosen:
                continue
            value = chosen[param.name]
            if param.where == "path":
                sent = attrs.evolve(sent, path=sent.path.replace(f"{{{param.name}}}", value))
            elif param.where == "query":
                sent.query[param.name] = str(value).lower() if value is True else str(value)
            elif param.where == "header":
                sent.headers[param.name] = str(value)
            else:
                sent.body[param.name] = value
        return sent

    def body_or_none(self, op: Operation) -> dict[str, Any] | None:
        return None if op.method == "GET" else self.body

    def form(self, op: Operation) -> aiohttp.FormData:
        form = aiohttp.FormData()
        for param in op.params:
            if param.type == "file":
                form.add_field(param.name, b"%PDF-1.4 synthetic", filename="sample.pdf")
            elif param.name in self.body:
                value = self.body[param.name]
                form.add_field(param.name, value if isinstance(value, str) else json.dumps(value))
        return form


def sample(param: Param) -> Any:
    """A value the catalog allows for `param`."""
    if param.enum:
        return [param.enum[0]] if param.type == "array" else param.enum[0]
    if param.type == "integer":
        return param.minimum if param.minimum is not None else 1
    return {"number": 1.5, "boolean": True, "array": ["x"], "object": {}}.get(param.type, "x")


def needs_raw(op: Operation) -> bool:
    """Whether `client.request` cannot make this call (a file, a header, an event stream)."""
    return (
        op.kind == "stream"
        or op.content_type == "multipart/form-data"
        or any(p.where == "header" and p.required for p in op.params)
    )


def arguments(op: Operation, values: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments of `client.call(op.code, ...)`: its required ones, and `values`."""
    return {**{p.name: sample(p) for p in op.params if p.required}, **values}


def events(text: str) -> list[Any]:
    """The JSON of each `data:` event of an event stream."""
    return [json.loads(line[6:]) for line in text.splitlines() if line.startswith("data: ")]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def served() -> AsyncIterator[Served]:
    totals = {code: 2 * page_size(code) + 3 for code in LISTINGS}
    emu = Emulator(unknown_ids=["xx9b1"], listing_totals=totals, job_polls_until_done=1)
    async with emu.serve() as url:
        client = PatsnapClient(api_key=emu.api_key, base_url=url, qps=1000, retry=FAST_RETRY)
        async with client, aiohttp.ClientSession(url) as session:
            yield Served(emu, client, session)


# --- lookups ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(LOOKUPS))
async def test_a_lookup_answers_each_known_patent_and_leaves_the_unknown_out(
    served: Served, code: str
) -> None:
    as_id = _data.patent_uuid("US1B2")  # a patent id sent as a number: no such number
    result = await served.client.lookup(LOOKUPS[code], [*KNOWN, *UNKNOWN, as_id])
    assert result.missing == (*UNKNOWN, as_id)
    assert list(result) == KNOWN
    for pn in KNOWN:
        record = as_dict(result[pn])  # P014 and P015 answer their models
        assert (record["pn"], record["patent_id"]) == (pn, _data.patent_uuid(pn))
    by_id = await served.client.lookup(LOOKUPS[code], [_data.patent_uuid(KNOWN[0])], by="patent_id")
    assert by_id[_data.patent_uuid(KNOWN[0])] == result[KNOWN[0]]
    assert served.emu.log[-1].ids == (_data.patent_uuid(KNOWN[0]),)


async def test_a_lookup_refuses_more_than_100_ids(served: Served) -> None:
    ids = ",".join(f"US{n}B2" for n in range(101))
    with pytest.raises(APIError) as refused:
        await served.client.request("GET", OPERATIONS["P018"].path, params={"patent_number": ids})
    assert refused.value.code == 68300004


async def test_one_patent_is_the_same_patent_under_every_lookup_and_detail(
    served: Served,
) -> None:
    pn = "US11205304B2"
    records = {
        code: as_dict((await served.client.lookup(endpoint, [pn]))[pn])
        for code, endpoint in LOOKUPS.items()
    }
    assert {(r["pn"], r["patent_id"]) for r in records.values()} == {(pn, _data.patent_uuid(pn))}
    simple, full = leaves(records["P011"]), leaves(records["P012"])
    shared = set(simple) & set(full)
    assert len(shared) > 40
    # PatSnap's examples of this one field differ in shape ('11205304', '62/012273').
    differ = {path for path in shared if simple[path] != full[path]}
    assert {path.split("]", 1)[-1] for path in differ} <= {".doc_number"}, differ
    biblio = records["P012"]["bibliographic_data"]
    title = biblio["invention_title"][0]["text"]
    assert records["D301"]["title"] == records["P043"]["title"] == title
    applied = biblio["application_reference"]["date"]
    assert records["D301"]["application_date"] == applied
    published = biblio["publication_reference"]
    assert records["D301"]["publication_date"] == published["date"]
    assert (published["country"], published["doc_number"], published["kind"]) == (
        "US",
        "11205304",
        "B2",
    )
    assert records["P064"]["earliest_priority_date"] == records["D301"]["priority_date"]
    detail = await served.call(OPERATIONS["D007"], patent_number=pn)  # a single call
    assert (detail["pn"], detail["title"][0]["text"]) == (pn, title)
    assert detail["bibliographic_data"]["application_reference"]["date"] == applied


def as_dict(record: Any) -> dict[str, Any]:
    return record if isinstance(record, dict) else attrs.asdict(record)


def leaves(value: Any, path: str = "") -> dict[str, Any]:
    """Every scalar of a record by its path (`bibliographic_data.parties.inventors[0].name`)."""
    if isinstance(value, dict):
        return {k: v for key, x in value.items() for k, v in leaves(x, f"{path}.{key}").items()}
    if isinstance(value, list):
        return {k: v for i, x in enumerate(value) for k, v in leaves(x, f"{path}[{i}]").items()}
    return {path: value}


async def test_a_listed_patent_is_the_patent_its_lookup_answers(served: Served) -> None:
    listing = LISTINGS["P069"]
    (item, *_) = [
        i
        async for i in served.client.listing(
            listing, json=Request.of(OPERATIONS["P069"], {}).body, limit=1
        )
    ]
    (record,) = (await served.client.lookup(LOOKUPS["D301"], [item["pn"]])).values()
    assert item["patent_id"] == record["patent_id"] == _data.patent_uuid(item["pn"])
    assert (item["title"], item["apdt"]) == (record["title"], record["application_date"])


# --- listings -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(c for c in LISTINGS if c not in BY_HAND))
async def test_a_listing_is_drained_whole_a_page_at_a_time(served: Served, code: str) -> None:
    op, listing = OPERATIONS[code], LISTINGS[code]
    handle = {}
    if op.step is not None:  # a task's list: the landscape job's patents
        handle = {op.step.handle: await landscape_job(served)}
    paging = listing.paging
    sent = Request.of(op, handle)
    fixed = {
        k: v
        for k, v in {**sent.query, **sent.body}.items()
        if k not in (paging.position, paging.size)
    }
    listing = attrs.evolve(listing, path=sent.path)
    get = listing.method == "GET"
    pager = served.client.listing(
        listing,
        params=fixed if get else None,
        json=None if get else fixed,
        page_size=page_size(code),
    )
    before = len(served.emu.log)
    items = [item async for item in pager]
    assert pager.total == len(items) == 2 * page_size(code) + 3
    assert len({json.dumps(item, sort_keys=True) for item in items}) == len(items)
    counts = [s.result_count for s in served.emu.log[before:]]
    assert sorted(counts) == [3, page_size(code), page_size(code)]


async def test_a_listing_refuses_a_window_past_its_cap_or_a_page_too_big(served: Served) -> None:
    op = OPERATIONS["P008"]  # offset + limit <= 1000, limit <= 1000
    body = Request.of(op, {}).body
    for window in ({"offset": 990, "limit": 20}, {"offset": 0, "limit": 1001}, {"offset": -1}):
        with pytest.raises(APIError) as refused:
            await served.client.request("POST", op.path, json={**body, **window})
        assert refused.value.code == 68300004, window
    page = await served.client.request("POST", op.path, json={**body, "offset": 10, "limit": 3})
    assert len(page["results"]) == 3 and page["total_search_result_count"] == 13


async def test_a_list_longer_than_its_cap_is_served_up_to_the_cap() -> None:
    emu = Emulator(listing_totals={"P008": 1500})
    async with emu.serve() as url:
        client = PatsnapClient(api_key=emu.api_key, base_url=url, qps=1000, retry=FAST_RETRY)
        async with client:
            body = Request.of(OPERATIONS["P008"], {}).body
            pager = client.listing(LISTINGS["P008"], json=body)
            items = [item async for item in pager]
    assert (len(items), pager.total, pager.truncated) == (1000, 1500, True)
    assert len({item["pn"] for item in items}) == 1000


async def test_a_list_length_is_drawn_from_the_query_unless_set() -> None:
    op = OPERATIONS["B007"]
    emu = Emulator()
    async with emu.serve() as url:
        client = PatsnapClient(api_key=emu.api_key, base_url=url, qps=1000, retry=FAST_RETRY)
        async with client:
            totals = [
                (await client.request("POST", op.path, json={"limit": 1, "drug": drug}))["total"]
                for drug in ({"name": "aspirin"}, {"name": "aspirin"}, {"name": "insulin"})
            ]
    assert totals[0] == totals[1] != totals[2] and min(totals) >= 0 and max(totals) <= 1000


# --- tasks --------------------------------------------------------------------------------


async def landscape_job(served: Served) -> str:
    create = OPERATIONS["X-landscape-api-jobs"]
    handle = f"job-{len(served.emu.log)}"
    assert await served.call(create, job_id=handle) == handle  # the caller names the job
    return handle


@pytest.mark.parametrize("flow", WALKED)
async def test_a_task_is_created_polled_until_done_and_stepped_through(
    served: Served, flow: str
) -> None:
    creates = [op for op in FLOWS[flow] if op.step and op.step.role == "create"]
    handles = [handle_of(op, await served.call(op, **own_handle(op))) for op in creates]
    assert len(set(handles)) == len(handles) and all(handles)
    for op in FLOWS[flow]:
        assert op.step is not None
        if op.step.role == "create":
            continue
        named = {op.step.handle: handles[0]}
        if op.kind == "stream":
            events = await served.client.call(op.code, arguments(op, named))
            assert len(events) == 3 and all(event["status"] is True for event in events)
            continue
        data = await served.call(op, **named)
        rule = status_rule(op)
        if op.step.role == "poll" and rule is not None:
            assert data[rule.field] == rule.running, op.code
            data = await served.call(op, **named)
            assert data[rule.field] == rule.done, op.code
        elif rule is not None:
            assert data[rule.field] == rule.done, op.code
        if isinstance(data, dict) and op.step.handle in data:
            assert str(data[op.step.handle]) == handles[0], op.code


def own_handle(op: Operation) -> dict[str, str]:
    """The handle a create takes where the caller names its own task."""
    assert op.step is not None
    named = any(p.name == op.step.handle and p.required for p in op.params)
    return {op.step.handle: f"mine-{op.code}"} if named else {}


def handle_of(op: Operation, data: Any) -> str:
    assert op.step is not None
    return str(data[op.step.handle] if isinstance(data, dict) else data)


def status_rule(op: Operation) -> _shapes.StatusRule | None:
    shapes = _shapes.load()
    return _shapes.status_rule(shapes, shapes.answer(op)[0])


async def test_a_task_step_without_a_known_handle_is_refused(served: Served) -> None:
    task = OPERATIONS["P055.task"]
    with pytest.raises(APIError) as unknown:
        await served.client.request("GET", task.path, params={"task_id": "no-such-task"})
    assert unknown.value.code == 53000002
    with pytest.raises(APIError) as missing:  # R001's poll does not require its job_id
        await served.client.request("GET", OPERATIONS["R001.job-id-status"].path)
    assert missing.value.code == 68300004


async def test_p055_exports_once_its_task_is_done(served: Served) -> None:
    export, task = OPERATIONS["P055.export"], OPERATIONS["P055.task"]
    created = await served.call(export, query_text="TTL:(battery)", rows=100)
    assert set(created) == {"task_id", "count"}
    running = await served.client.request("GET", task.path, params={"task_id": created["task_id"]})
    assert running == {"export_status": "PENDING"}
    done = await served.client.request("GET", task.path, params={"task_id": created["task_id"]})
    assert done["export_status"] == "SUCCESS" and done["url"].startswith("http")


# --- single calls and streams -------------------------------------------------------------


@pytest.mark.parametrize("code", SINGLES)
async def test_a_single_call_answers_the_shape_of_its_schema(served: Served, code: str) -> None:
    op = OPERATIONS[code]
    schema, flat = _shapes.load().answer(op)
    if flat:  # no `data`: its fields beside status and error_code, given by client.call
        sent = Request.of(op, {})
        fields = await served.client.call(code, {**sent.query, **sent.body})
        status, answer = await served.raw(op, sent)
        assert status == 200 and answer["status"] is True and answer["error_code"] == 0
        envelope = {"status", "error_code", "error_msg"}
        assert fields == {k: v for k, v in answer.items() if k not in envelope}
        assert set(schema["properties"]) - envelope <= set(fields) and fields
        return
    named = any(p.name == "patent_number" and p.where == "query" for p in op.params)
    values = {"patent_number": KNOWN[0]} if named else {}
    data = await served.call(op, **values)
    assert isinstance(data, list if schema.get("type") == "array" else dict), data
    assert set(schema.get("properties", {})) <= set(data if isinstance(data, dict) else {})
    assert await served.call(op, **values) == data  # the same request, the same answer
    if code in LOOKUP_SHAPED:  # one record a patent, as a lookup answers
        assert [(r["pn"], r["patent_id"]) for r in data] == [
            (KNOWN[0], _data.patent_uuid(KNOWN[0]))
        ]
    elif named and "pn" in data:  # D007: the patent asked for
        assert (data["pn"], data["patent_id"]) == (KNOWN[0], _data.patent_uuid(KNOWN[0]))


@pytest.mark.parametrize("code", STREAMS)
async def test_a_stream_answers_a_few_events(served: Served, code: str) -> None:
    op = OPERATIONS[code]
    values: dict[str, str] = {}
    if op.step is not None:  # AI68-2 continues the chat AI68-1 opened
        (create,) = [o for o in FLOWS[op.step.flow] if o.step and o.step.role == "create"]
        values = {op.step.handle: handle_of(create, await served.call(create))}
    events = await served.client.call(code, arguments(op, values))
    assert len(events) == 3
    assert all(event["status"] is True and event["error_code"] == 0 for event in events)
    assert len({json.dumps(event) for event in events}) == 3
    status, answer = await served.raw(op, Request.of(op, values))  # the same, on the wire
    assert (status, answer) == (200, events)
    status, refused = await served.raw(op, Request(op.path))  # its required parameter left out
    assert (status, refused["error_code"]) == (200, 68300004)
    served.emu.inject(error_code=67200006, path=op.path)  # a refusal is a JSON envelope
    with pytest.raises(APIError) as refusal:
        await served.client.call(code, arguments(op, values))
    assert refusal.value.code == 67200006


# --- parameters ---------------------------------------------------------------------------


async def test_a_required_parameter_missing_or_a_choice_not_listed_is_refused(
    served: Served,
) -> None:
    cases = [
        ("A002", {"keywords": "battery"}),  # lang is required
        ("P066", {"type": "nope", "code": "H01M"}),  # type: one of ipc, cpc, ...
        ("B057", {**Request.of(OPERATIONS["B057"], {}).body, "limit": 15}),  # 10, 20 or 30
    ]
    for code, values in cases:
        op = OPERATIONS[code]
        get = op.method == "GET"
        with pytest.raises(APIError) as refused:
            await served.client.request(
                op.method, op.path, params=values if get else None, json=None if get else values
            )
        assert refused.value.code == 68300004, code
    assert OPERATIONS["P066"].param("type").enum is not None


async def test_an_upload_without_its_file_is_refused(served: Served) -> None:
    op = OPERATIONS["P010"]
    as_json = attrs.evolve(op, content_type=None)  # a JSON body: no file in it
    status, answer = await served.raw(as_json, Request(op.path))
    assert (status, answer["error_code"]) == (200, 68300004)
    status, answer = await served.raw(op, Request(op.path))
    assert (status, answer["status"]) == (200, True)
    assert served.emu.log[-1].body == {"image": {"filename": "sample.pdf", "size": 18}}


# --- without the spec ----------------------------------------------------------------------


async def test_without_the_spec_every_operation_still_answers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # An installed wheel has no generator/: the catalog alone shapes the answers.
    monkeypatch.setattr(_shapes, "SPEC_PATH", tmp_path / "absent.json")
    _shapes.load.cache_clear()
    try:
        emu = Emulator(listing_totals={"P008": 7}, job_polls_until_done=1)
        async with emu.serve() as url:
            client = PatsnapClient(api_key=emu.api_key, base_url=url, qps=1000, retry=FAST_RETRY)
            async with client:
                claims = await client.lookup(LOOKUPS["P018"], ["US1B2", "UNKNOWN-2"])
                body = Request.of(OPERATIONS["P008"], {}).body
                listed = [i async for i in client.listing(LISTINGS["P008"], json=body, page_size=3)]
                created = await client.request(
                    "POST",
                    OPERATIONS["P055.export"].path,
                    json={**Request.of(OPERATIONS["P055.export"], {}).body},
                )
                task = {"task_id": created["task_id"]}
                task_path = OPERATIONS["P055.task"].path
                polls = [await client.request("GET", task_path, params=task) for _ in range(2)]
                single = await client.request("GET", OPERATIONS["A002"].path, params={"lang": "en"})
    finally:
        _shapes.load.cache_clear()
    assert claims["US1B2"] == {"pn": "US1B2", "patent_id": _data.patent_uuid("US1B2")}
    assert claims.missing == ("UNKNOWN-2",)
    assert len({item["pn"] for item in listed}) == 7
    assert [poll["status"] for poll in polls] == ["RUNNING", "SUCCESS"]
    assert single == {}


# --- the emulator as a whole --------------------------------------------------------------


async def test_answers_are_the_same_from_another_emulator(served: Served) -> None:
    op = OPERATIONS["P012"]
    ours = await served.client.lookup(LOOKUPS["P012"], KNOWN)
    emu = Emulator()
    async with emu.serve() as url:
        client = PatsnapClient(api_key=emu.api_key, base_url=url, qps=1000, retry=FAST_RETRY)
        async with client:
            theirs = await client.lookup(LOOKUPS["P012"], KNOWN)
            single = await client.request("GET", OPERATIONS["A002"].path, params={"lang": "en"})
    assert dict(theirs) == dict(ours) and op.kind == "lookup"
    assert single == await served.client.request(
        "GET", OPERATIONS["A002"].path, params={"lang": "en"}
    )


async def test_an_odd_answer_to_a_lookup_has_the_other_shape(served: Served) -> None:
    served.emu.inject(kind="wrong_shape", path=OPERATIONS["P018"].path)
    status, answer = await served.raw(
        OPERATIONS["P018"], Request(OPERATIONS["P018"].path, {"patent_number": "US1B2"})
    )
    assert status == 200 and answer["data"] == {}
