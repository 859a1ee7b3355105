"""The catalog from the command line: `endpoints`, `get CODE` (any lookup) and `list CODE`
(any listing), and their Python twins `harvest.lookup` and `harvest.listing`.

Over HTTP against the emulator for what it serves (P014 and P015 lookups, P002 and B005
listings); the catalog's other operations through `MockTransport`.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from patsnap_async import HarvestError, HttpRequest, HttpResponse, PatsnapClient, catalog, harvest
from patsnap_async._cli import main
from patsnap_async._cli._endpoints import table
from patsnap_async.testing import Emulator, MockTransport, _data

from .conftest import ServeFactory, business, fast_harvest_retries
from .test_harvest import FAMILY, id_lines, records, start
from .virtual_time import run

IDS = [f"US{11_000_000 + i}B2" for i in range(2_500)]
NOWHERE = "http://127.0.0.1:9"  # never reached: a refusal sends nothing


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Any:
    """`code, out, err = await cli(emu, "get", ...)`: `main()` in this process (the
    emulator, if any, serves on the test's loop)."""

    async def _cli(emu: Emulator | None, *argv: str) -> tuple[int, str, str]:
        fast_harvest_retries(monkeypatch)
        monkeypatch.setenv("PATSNAP_API_KEY", emu.api_key if emu else "sk-unused")
        base = str(emu.url) if emu is not None else NOWHERE
        capsys.readouterr()

        def call() -> int:
            try:
                main([*argv, "--base-url", base, "--qps", "1000"])
            except SystemExit as exit_:
                return int(exit_.code or 0)
            return 0

        code = await asyncio.to_thread(call)
        out, err = capsys.readouterr()
        return code, out, err

    return _cli


def endpoints(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`patsnap-async endpoints ...`, with no credentials and no network."""
    try:
        main(["endpoints", *argv])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def ok(data: Any) -> HttpResponse:
    return HttpResponse(
        200, {}, json.dumps({"status": True, "error_code": 0, "data": data}).encode()
    )


def claims(request: HttpRequest) -> HttpResponse:
    """P018, as the platform answers it: the known ids' claims; UNKNOWN ids left out."""
    numbers = request.params["patent_number"].split(",")
    return ok(
        [
            {"pn": n, "patent_id": f"id-{n}", "claims": [{"claim_text": "1. A lens."}]}
            for n in numbers
            if not n.startswith("UNKNOWN")
        ]
    )


def mocked(handler: Callable[[HttpRequest], HttpResponse], call: Any) -> list[HttpRequest]:
    """Run `call(client)` on a client served by `handler`; the requests it sent."""
    transport = MockTransport(handler)
    run_on(handler, call, transport)
    return list(transport.requests)


def run_on(
    handler: Callable[[HttpRequest], HttpResponse],
    call: Any,
    transport: MockTransport | None = None,
) -> Any:
    """What `call(client)` returns, on a client served by `handler` (virtual time)."""
    transport = transport or MockTransport(handler)

    async def main_() -> Any:
        async with PatsnapClient(
            api_key="sk-x", base_url="https://api.test", transport=transport, qps=1000
        ) as client:
            return await call(client)

    return run(main_)


# --- endpoints ----------------------------------------------------------------------


def test_endpoints_prints_a_table_of_what_matches(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = endpoints(capsys, "claim")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "CODE  KIND    NAME              METHOD PATH",
        "P018  lookup  claim             GET /basic-patent-data/claim-data",
        "P044  lookup  claim_translated  GET /basic-patent-data/claim-data-translated",
    ]


def test_endpoints_filters_by_group_kind_path_and_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = endpoints(capsys, "--group", "PATENT legal", "--kind", "lookup", "--json")
    found = [json.loads(line) for line in out.splitlines()]
    assert {entry["group"] for entry in found} == {"Patent Legal Data"}
    assert {entry["kind"] for entry in found} == {"lookup"}
    assert len(found) == sum(
        op.group == "Patent Legal Data" and op.kind == "lookup"
        for op in catalog.OPERATIONS.values()
    )
    _, by_path, _ = endpoints(capsys, "/forward-citation/v3")
    assert [line.split()[0] for line in by_path.splitlines()[1:]] == ["P015"]
    _, by_summary, _ = endpoints(capsys, "cited by patents")
    assert "P015" in by_summary


def test_endpoints_json_is_one_object_a_line_for_every_operation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = endpoints(capsys, "--json")
    assert code == 0
    entries = [json.loads(line) for line in out.splitlines()]
    assert [e["code"] for e in entries] == list(catalog.OPERATIONS)
    for entry in entries:
        op = catalog.OPERATIONS[entry["code"]]
        assert (entry["name"], entry["method"], entry["path"], entry["kind"]) == (
            op.name, op.method, op.path, op.kind,
        )  # fmt: skip
        assert entry["group"] == op.group and entry["docs"].endswith(op.path)
        assert [p["name"] for p in entry["params"]] == [p.name for p in op.params]
    claim = next(e for e in entries if e["code"] == "P018")
    assert (claim["by"], claim["batch_size"], claim["billed"]) == (
        ["patent_number", "patent_id"], 100, "per record",
    )  # fmt: skip
    assert {"name": "replace_by_related", "type": "integer"}.items() <= claim["params"][2].items()
    search = next(e for e in entries if e["code"] == "P002")
    assert search["paging"] == {
        "by": "offset", "position": "offset", "size": "limit", "first": 0,
        "max_size": 1000, "max_items": 20_000,
    }  # fmt: skip
    assert search["billed"] == "per call"
    assert next(e for e in entries if e["code"] == "P055.export")["task"]["flow"] == "P055"


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--kind", "lookups"], 2, "argument --kind: invalid choice: 'lookups'"),
        (["--group", "no such group"], 2, "--group 'no such group': no group has that name"),
        (["--group", "Patent Basic Dta"], 2, "did you mean Patent Basic Data, "),
        (["--nope"], 2, "unrecognized arguments: --nope"),
        (["no operation has this"], 1, "no operation matches 'no operation has this'\n"),
        (["claim", "--kind", "listing"], 1, "matches 'claim' (--kind 'listing')"),
        (["--kind", "stream", "--group", "Trademark"], 1, "matches the options\n"),
    ],
)
def test_endpoints_refuses_a_bad_option_in_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    status, out, err = endpoints(capsys, *argv)
    assert status == code
    assert message in err
    assert err.count("\n") == 1 and out == ""


def test_endpoints_on_a_terminal_cuts_long_names_and_lines() -> None:
    ops = list(catalog.OPERATIONS.values())
    lines = table(ops, width=100)
    assert len(lines) == len(ops) + 1
    assert max(len(line) for line in lines) <= 99
    assert any("…" in line for line in lines)
    assert all(line.startswith(op.code + "  ") for line, op in zip(lines[1:], ops, strict=True))
    assert lines[1].startswith("A001          single   ")  # long codes widen only their line
    assert max(len(line) for line in table(ops)) > 150  # a pipe gets every name whole


# --- get: any lookup ----------------------------------------------------------------


async def test_get_by_code_harvests_a_lookup_as_family_does(
    emu: Emulator, cli: Any, tmp_path: Path
) -> None:
    (tmp_path / "ids.txt").write_text("US11205304B2\nJP1999068462A\nUNKNOWN1\nus11205304b2\n")
    got, family = tmp_path / "get.jsonl", tmp_path / "family.jsonl"
    code, out, err = await cli(emu, "get", "P014", "-i", str(tmp_path / "ids.txt"), "-o", str(got))
    assert code == 0, err
    assert out == ""
    assert err.startswith("get P014: done in ")
    assert f"records written {2:>8}  {got}" in err and f"billed results  {2:>8}" in err
    code, _, err = await cli(emu, "family", "-i", str(tmp_path / "ids.txt"), "-o", str(family))
    assert code == 0, err
    assert records(got) == records(family)  # the same lines, the same records
    assert id_lines(tmp_path / "get.jsonl.missing") == ["UNKNOWN1"]
    manifest = json.loads((tmp_path / "get.jsonl.manifest.json").read_text())
    assert manifest == {"command": "get", "endpoint": "P014", "ids": "patent numbers", "params": {}}
    family_manifest = json.loads((tmp_path / "family.jsonl.manifest.json").read_text())
    assert family_manifest == {"command": "family", "ids": "patent numbers"}  # as it was
    # Its name is the same operation: the output resumes, and nothing is left to send.
    emu.reset_log()
    argv = ["get", "family", "-i", str(tmp_path / "ids.txt"), "-o", str(got), "--resume"]
    code, _, err = await cli(emu, *argv)
    assert code == 0, err
    assert business(emu) == []


async def test_get_by_patent_id(emu: Emulator, cli: Any, tmp_path: Path) -> None:
    patent_ids = [_data.patent_uuid("JP1999068462A"), "UNKNOWN-1"]
    (tmp_path / "ids.txt").write_text("\n".join(patent_ids))
    out = tmp_path / "cited.jsonl"
    argv = ["get", "cited-by", "--by", "patent_id", "-i", str(tmp_path / "ids.txt"), "-o", str(out)]
    code, _, err = await cli(emu, *argv)
    assert code == 0, err
    [record] = records(out)
    assert record["requested_id"] == record["patent_id"] == patent_ids[0]
    assert record["patent_cited"]["cited_by_patents"]
    assert business(emu)[0].query["patent_id"] == ",".join(patent_ids)
    manifest = json.loads(out.with_name("cited.jsonl.manifest.json").read_text())
    assert (manifest["endpoint"], manifest["ids"]) == ("P015", "patent ids")


async def test_get_dry_run_and_max_billed(emu: Emulator, cli: Any, tmp_path: Path) -> None:
    (tmp_path / "ids.txt").write_text("\n".join(IDS))
    out = tmp_path / "big.jsonl"
    argv = ["get", "P014", "-i", str(tmp_path / "ids.txt"), "-o", str(out)]
    code, said, err = await cli(emu, *argv, "--max-billed", "1000", "--dry-run")
    assert (code, err) == (0, "")
    assert said == (
        "get P014: 2500 ids; 1000 sent in 10 requests of at most 100, billed at most 1000 "
        "results (one per id found); 1500 ids left for a later run\n"
    )
    assert emu.log == [] and not out.exists()

    code, _, err = await cli(emu, *argv, "--max-billed", "1000")
    assert code == 1
    assert "get P014: stopped at the --max-billed budget" in err
    assert f"left unsent     {1500:>8}  budget reached: --resume later" in err
    assert len(business(emu)) == 10 and len(records(out)) == 1000

    code, said, _ = await cli(emu, *argv, "--resume", "--dry-run")
    assert said.startswith("get P014: 2500 ids, 1000 already in ")
    assert "; 1500 sent in 15 requests of at most 100, billed at most 1500 results" in said
    emu.reset_log()
    code, _, err = await cli(emu, *argv, "--resume")
    assert code == 0, err
    assert len(business(emu)) == 15
    assert sorted(r["requested_id"] for r in records(out)) == sorted(IDS)


async def test_get_resumes_after_a_kill_fetching_nothing_twice(
    serve: ServeFactory, tmp_path: Path
) -> None:
    ids = [f"UNKNOWN{i}" if i % 50 == 7 else f"EP{2_000_000 + i}B1" for i in range(3_000)]
    (tmp_path / "ids.txt").write_text("\n".join(ids) + "\n")
    out = tmp_path / "out.jsonl"
    argv = ["get", "P014", "-i", str(tmp_path / "ids.txt"), "-o", str(out), "--qps", "30"]
    async with serve(qps=30, latency=(0.05, 0.15), seed=3) as (emu, _):
        process = await start(emu, *argv)
        for _ in range(1_500):  # 30 s at most
            await asyncio.sleep(0.02)
            if out.exists() and out.read_bytes().count(b"\n") >= 800:
                break
        process.kill()
        assert await process.wait() == -9  # killed mid-way, as by a power cut
        settled = {line["requested_id"] for line in _complete(out)}
        settled |= set(id_lines(out.with_name("out.jsonl.missing")))
        mark = len(emu.log)
        process = await start(emu, *argv, "--resume", "--quiet")
        _, err = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 0, err.decode()
    again = {i for s in emu.log[mark:] if s.path == FAMILY for i in s.ids}
    assert again & settled == set()
    got = [r["requested_id"] for r in records(out)]
    assert len(got) == len(set(got))
    assert set(got) == {i for i in ids if not i.startswith("UNKNOWN")}


def _complete(path: Path) -> list[dict[str, Any]]:
    data = path.read_bytes()
    return [json.loads(line) for line in data[: data.rfind(b"\n") + 1].splitlines()]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["get", "P018", "--param", "replace_by_related=yes"],
         "--param replace_by_related=yes: P018 replace_by_related is an integer"),
        (["get", "P043", "--param", "lng=en"],
         "--param: P043 takes no parameter 'lng' (did you mean 'lang'?); it takes: lang, "
         "replace_by_related"),
        (["get", "P018", "--param", "patent_number=US1B2"],
         "--param: P018 takes no parameter 'patent_number'"),
        (["get", "P018", "--param", "lang"], "argument --param: expected NAME=VALUE, got 'lang'"),
        (["get", "P018", "--param", "replace_by_related=1", "--param", "replace_by_related=0"],
         "--param replace_by_related is given twice"),
        (["get", "P018", "--by", "doi"],
         "--by must be patent_number or patent_id (where P018 takes ids), got 'doi'"),
        (["get", "P008"],
         "get: P008 (semantic_search_similar_patent) is a listing, not a lookup: "
         "patsnap-async list P008 -o OUT.jsonl drains it"),
        (["get", "P002"], "drains it (so does patsnap-async search)"),
        (["get", "P055.export"], "is a task, not a lookup: it is a step of a task"),
        (["list", "AI07"],
         "list: AI07 (model_cc_gpt) is a stream, not a listing: it answers a stream of "
         "server-sent events, nothing to harvest: call it from Python, client.call('AI07', "
         "...)"),
        (["get", "P055"], "get: PatSnap gives the code 'P055' to 2 operations"),
        (["get", "P9999"], "get: no operation has the code or name 'P9999'"),
        (["get", "clam"], "did you mean claim"),
        (["list", "P018"],
         "list: P018 (claim) is a lookup, not a listing: patsnap-async get P018 -i FILE "
         "-o OUT.jsonl harvests it"),
        (["list", "P008"], "--param: P008 needs 'text' (semantic query text)"),
        (["list", "P002", "--param", "query_text=q", "--param", "limit=5"],
         "--param: P002 takes no parameter 'limit'"),
        (["list", "P002", "--param", "query_text=q", "--max-results", "20001"],
         "--max-results must be an integer between 1 and 20000, got 20001"),
        (["list", "B005", "--param", "seq_id=77", "--page-size", "101"],
         "--page-size must be an integer between 1 and 100, got 101"),
        (["list", "B007", "--param", "country=US,XX"],
         "--param: B007 country must be one of ['US', 'EU', 'JP', 'CN', 'Other']"),
        (["list", "B001", "--param", "include_stereo=maybe"],
         "--param include_stereo=maybe: B001 include_stereo is true or false"),
        (["list", "B007", "--param", "drug=[1]"], "B007 drug is an object: a JSON object"),
    ],
)  # fmt: skip
async def test_a_bad_operation_or_parameter_exits_2_naming_the_flag_and_sends_nothing(
    emu: Emulator, cli: Any, tmp_path: Path, argv: list[str], message: str
) -> None:
    (tmp_path / "ids.txt").write_text("US11205304B2\n")
    out = tmp_path / "out.jsonl"
    inputs = ["-i", str(tmp_path / "ids.txt")] if argv[0] == "get" else []
    code, stdout, err = await cli(emu, *argv, *inputs, "-o", str(out))
    assert code == 2
    assert err.startswith(("patsnap-async: error: ", "patsnap-async get: error: "))
    assert message in err
    assert err.count("\n") == 1 and stdout == ""
    assert emu.log == []
    assert sorted(os.listdir(tmp_path)) == ["ids.txt"]


def test_a_resume_with_other_params_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "claims.jsonl"
    ids = ["US1B2", "UNKNOWN1", "EP2B1"]

    async def first_run(client: PatsnapClient) -> None:
        summary = await harvest.lookup(client, "P018", ids, out, params={"replace_by_related": 1})
        assert (summary.written, summary.missing, summary.billed_results) == (2, 1, 2)

    sent = mocked(claims, first_run)
    assert [r.params["replace_by_related"] for r in sent] == ["1"]
    assert [line["claims"] for line in records(out)] == [[{"claim_text": "1. A lens."}]] * 2
    (tmp_path / "ids.txt").write_text("\n".join(ids))
    monkeypatch.setenv("PATSNAP_API_KEY", "sk-unused")
    argv = ["get", "claim", "-i", str(tmp_path / "ids.txt"), "-o", str(out), "--resume"]
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--param", "replace_by_related=0", "--base-url", NOWHERE])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == (
        f"patsnap-async: error: --resume refused: {out} holds get P018 with --param "
        "replace_by_related=1; this run has --param replace_by_related=0; use another "
        "--output, or --overwrite to start again\n"
    )
    with pytest.raises(SystemExit) as exit_:
        main(["get", "P019", *argv[2:], "--base-url", NOWHERE])
    assert "holds get P018 of patent numbers (--param replace_by_related=1), but this run " \
        "is get P019 of patent numbers" in capsys.readouterr().err  # fmt: skip


def test_harvest_lookup_checks_its_arguments_before_anything_is_sent(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"

    def never(request: HttpRequest) -> HttpResponse:
        raise AssertionError(f"sent {request.path}")

    refusals = [
        ({"endpoint": "P008"}, "endpoint P008 (semantic_search_similar_patent) is a listing, "
         "not a lookup: harvest.listing runs it"),
        ({"params": {"lng": 1}}, "params: P018 takes no parameter 'lng'"),
        ({"params": [("a", 1)]}, "params must be a mapping"),
        ({"by": "doi"}, "by must be patent_number or patent_id"),
        ({"endpoint": "AI50"}, "is a stream, not a lookup: it answers a stream of server-sent "
         "events, nothing to harvest: client.call runs it"),
        ({"ids": "US1B2"}, "ids must be a list of ids, not one string"),
        ({"endpoint": 18}, "endpoint must be an operation's code or name, got 18"),
    ]  # fmt: skip
    for arguments, message in refusals:
        call = {"endpoint": "P018", "ids": ["US1B2"]} | arguments

        async def lookup(
            client: PatsnapClient, call: dict[str, Any] = call, message: str = message
        ) -> None:
            with pytest.raises(HarvestError) as refused:
                await harvest.lookup(client, output=out, **call)
            assert message in str(refused.value)

        assert mocked(never, lookup) == []
    assert not out.exists()


# --- list: any listing --------------------------------------------------------------


async def test_list_drains_a_listing_then_resumes_after_a_torn_line(
    serve: ServeFactory, cli: Any, tmp_path: Path
) -> None:
    out = tmp_path / "vr.jsonl"
    argv = ["list", "P002", "--param", "query_text=TACD: vr", "-o", str(out), "--page-size", "500"]
    async with serve(search_totals={"TACD: vr": 2_345}) as (emu, _):
        code, _, err = await cli(emu, *argv)
        assert code == 0, err
        assert err.startswith("list P002: done in ")
        assert "billed" not in err
        full = out.read_bytes()
        rows = records(out)
        assert [(r["requested_id"], r["index"]) for r in rows] == [
            ("P002", i) for i in range(2_345)
        ]
        assert rows[0]["pn"] and rows[0]["patent_id"]
        assert id_lines(tmp_path / "vr.jsonl.done") == ["P002"]
        assert json.loads((tmp_path / "vr.jsonl.manifest.json").read_text()) == {
            "command": "list", "endpoint": "P002", "params": {"query_text": "TACD: vr"},
        }  # fmt: skip
        assert business(emu)[0].body == {"query_text": "TACD: vr", "offset": 0, "limit": 500}

        lines = full.splitlines(keepends=True)
        out.write_bytes(b"".join(lines[:1_234]) + lines[1_234][:30])  # killed mid-line
        (tmp_path / "vr.jsonl.done").unlink()
        emu.reset_log()
        code, said, _ = await cli(emu, *argv, "--resume", "--dry-run")
        assert said == (
            "list P002: at most 38 requests (of 500 items, 20000 items at most, after the 1234 "
            "items already written); not billed per record\n"
        )
        assert (await cli(emu, *argv, "--resume"))[0] == 0
        assert out.read_bytes() == full
        assert [s.body["offset"] for s in business(emu)] == [1_234, 1_734, 2_234]

        emu.reset_log()
        code, said, _ = await cli(emu, *argv, "--resume", "--dry-run")
        assert said == f"list P002: nothing to send; the list is complete in {out}\n"
        assert (await cli(emu, *argv, "--resume"))[0] == 0
        assert business(emu) == []


async def test_list_by_page_up_to_max_results_then_the_rest(
    serve: ServeFactory, cli: Any, tmp_path: Path
) -> None:
    out = tmp_path / "seq.jsonl"
    argv = ["list", "sequence_patents", "--param", "seq_id=77", "-o", str(out)]
    async with serve(sequence_patent_totals={"77": 250}) as (emu, _):
        code, _, err = await cli(emu, *argv, "--max-results", "120", "--page-size", "50")
        assert code == 0, err
        assert [r["index"] for r in records(out)] == list(range(120))
        assert not (tmp_path / "seq.jsonl.done").exists()  # more to come
        assert [s.body["page"] for s in business(emu)] == [1, 2, 3]
        emu.reset_log()
        code, _, err = await cli(emu, *argv, "--resume")
        assert code == 0, err
        assert [r["index"] for r in records(out)] == list(range(250))
        assert [(s.body["page"], s.body["size"]) for s in business(emu)] == [(2, 100), (3, 100)]
        assert id_lines(tmp_path / "seq.jsonl.done") == ["B005"]


async def test_list_past_the_cap_is_truncated_and_strict_exits_1(
    serve: ServeFactory, cli: Any, tmp_path: Path
) -> None:
    out = tmp_path / "big.jsonl"
    argv = ["list", "P002", "--param", "query_text=TACD: big", "-o", str(out), "--strict"]
    async with serve(search_totals={"TACD: big": 25_000}) as (emu, _):
        code, _, err = await cli(emu, *argv)
    assert code == 1
    assert len(records(out)) == 20_000
    assert "truncated: P002 lists 25000 items; the platform serves only the first 20000" in err
    assert id_lines(tmp_path / "big.jsonl.done") == ["P002"]


def test_harvest_listing_drains_any_listing_of_the_catalog(tmp_path: Path) -> None:
    out = tmp_path / "similar.jsonl"

    def semantic(request: HttpRequest) -> HttpResponse:  # P008: at most 1000 of 2345
        body = request.json
        offset, limit = body["offset"], body["limit"]
        items = [{"pn": f"US{i}B2", "patent_id": f"id-{i}"} for i in range(offset, offset + limit)]
        return ok({"results": items, "total_search_result_count": 2_345})

    async def drain(client: PatsnapClient) -> None:
        summary = await harvest.listing(
            client, "P008", out, params={"text": "a lens", "country": ["US"]}, page_size=400
        )
        assert (summary.written, summary.exit_code(), summary.exit_code(strict=True)) == (
            1_000, 0, 1,
        )  # fmt: skip
        assert summary.truncated == [
            "truncated: P008 lists 2345 items; the platform serves only the first 1000"
        ]

    sent = mocked(semantic, drain)
    assert sorted((r.json["offset"], r.json["limit"]) for r in sent) == [
        (0, 400), (400, 400), (800, 200),
    ]  # fmt: skip
    assert all(r.json["text"] == "a lens" and r.json["country"] == ["US"] for r in sent)
    assert [r["patent_id"] for r in records(out)] == [f"id-{i}" for i in range(1_000)]


def test_a_failed_list_is_failed_and_a_fatal_error_leaves_it_for_later(tmp_path: Path) -> None:
    def refused(code: int) -> Callable[[HttpRequest], HttpResponse]:
        def handler(request: HttpRequest) -> HttpResponse:
            body = {"status": False, "error_code": code, "error_msg": "no"}
            return HttpResponse(200, {}, json.dumps(body).encode())

        return handler

    for code, failed, unsent in ((68300004, ["P008"], 0), (67200005, [], 1)):
        out = tmp_path / f"{code}.jsonl"

        async def drain(client: PatsnapClient, out: Path = out) -> harvest.Summary:
            return await harvest.listing(client, "P008", out, params={"text": "x"})

        summary = run_on(refused(code), drain)
        assert (summary.failed, summary.unsent, summary.exit_code()) == (failed, unsent, 1)
        assert summary.stopped is not None
        assert id_lines(out.with_name(f"{code}.jsonl.failed")) == failed


def test_list_needs_no_input_and_get_needs_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["get", "P018", "-o", str(tmp_path / "o.jsonl")])
    assert exit_.value.code == 2
    assert "the following arguments are required: -i/--input" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["list", "P002", "-i", "x.txt", "-o", str(tmp_path / "o.jsonl")])
    assert exit_.value.code == 2
    assert "unrecognized arguments: -i" in capsys.readouterr().err


def test_the_help_of_get_and_list_names_their_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for command, flags in (
        ("get", ["CODE", "--by", "--param NAME=VALUE", "--max-billed", "--resume", "--dry-run"]),
        ("list", ["CODE", "--param NAME=VALUE", "--max-results", "--page-size", "--strict"]),
    ):
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"])
        assert exit_.value.code == 0
        help_text = capsys.readouterr().out
        assert [flag for flag in flags if flag not in help_text] == []


def test_endpoints_into_a_pipe_closed_early_exits_quietly() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "patsnap_async", "endpoints", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.read(100)  # `| head -c 100`: then the reader goes away
        process.stdout.close()
        err = process.stderr.read().decode()
        assert process.wait(timeout=60) == 0, err
    assert first.startswith(b'{"code": "A001"')
    assert err == ""
