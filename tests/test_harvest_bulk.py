"""Bulk harvesting: --split past 20 000, many queries, guards, budget, reasons, input."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from patsnap_async._harvest import HarvestError, Output, Summary, read_ids
from patsnap_async.testing import Emulator
from patsnap_async.testing._data import search_result

from .conftest import ServeFactory, business
from .test_harvest import CLI, FAMILY, MANIFEST, harvest, id_lines, records, run, start

__all__ = ["harvest"]  # the fixture, shared with test_harvest

SEARCH = "/search/patent/query-search-patent"


def expected_pns(query: str, total: int) -> Counter[str]:
    return Counter(search_result(query, i)["pn"] for i in range(total))


# --- search --split, search -i ------------------------------------------------------


async def test_split_writes_every_result_once_across_a_kill(
    serve: ServeFactory, tmp_path: Path
) -> None:
    out = tmp_path / "vr.jsonl"
    argv = ["search", "TACD: vr", "-o", str(out), "--split", "--page-size", "500"]
    argv += ["--qps", "1000", "--resume"]
    settings = {"search_totals": {"TACD: vr": 45_000}, "search_dates": ("20200101", "20200110")}
    async with serve(latency=(0.001, 0.01), **settings) as (emu, _):
        process = await start(emu, *argv)
        for _ in range(3_000):  # 60 s at most
            await asyncio.sleep(0.02)
            if out.exists() and out.read_bytes().count(b"\n") >= 17_000:
                break
        process.kill()
        assert await process.wait() == -9
        done_before = set(id_lines(out.with_name("vr.jsonl.done")))
        assert done_before  # killed after a part was complete, inside another one
        emu.reset_log()
        code, _, stderr = await run(emu, *argv)
    assert code == 0, stderr
    rows = records(out)
    assert Counter(r["pn"] for r in rows) == expected_pns("TACD: vr", 45_000)
    assert {r["requested_id"] for r in rows} == {"TACD: vr"}
    parts = {r["part"] for r in rows}
    assert len(parts) >= 3 and all(p.startswith("PBD:[") for p in parts)
    # The resume fetched no page of a part that was complete before the kill.
    pages = [s for s in business(emu) if s.body.get("limit", 0) > 1]
    assert not {s.body["query_text"] for s in pages} & done_before
    assert "truncated" not in stderr


async def test_split_reports_a_day_past_the_cap_and_fails_only_if_strict(
    serve: ServeFactory, tmp_path: Path
) -> None:
    out = tmp_path / "big.jsonl"
    argv = ["search", "big", "-o", str(out), "--split", "--qps", "1000"]
    settings = {"search_totals": {"big": 42_000}, "search_dates": ("20200101", "20200102")}
    async with serve(**settings) as (emu, _):
        code, _, stderr = await run(emu, *argv)
        assert code == 0, stderr
        assert stderr.count("truncated") == 2  # once per day
        assert "PBD:[20200101 TO 20200101] matches 21000 patents" in stderr
        assert len(records(out)) == 40_000
        code, _, stderr = await run(emu, *argv, "--overwrite", "--strict", "-q")
    assert code == 1
    assert stderr.count("warning: truncated") == 2


async def test_search_without_split_warns_of_truncation_once(
    serve: ServeFactory, tmp_path: Path
) -> None:
    out = tmp_path / "q.jsonl"
    argv = ["search", "q", "-o", str(out), "--max-results", "3000", "--qps", "1000"]
    async with serve(search_totals={"q": 25_000}) as (emu, _):
        code, _, stderr = await run(emu, *argv, "--strict")
    assert code == 0, stderr  # asked for 3000 of them: not truncated
    async with serve(search_totals={"q": 25_000}) as (emu, _):
        code, _, stderr = await run(
            emu, "search", "q", "-o", str(tmp_path / "all.jsonl"), "--qps", "1000"
        )
    assert code == 0, stderr
    assert stderr.count("add --split") == 1
    assert stderr.count("25000") == 1  # the SDK's own warning is not printed as well


async def test_queries_from_a_file_each_resumable(
    serve: ServeFactory, harvest: Any, tmp_path: Path
) -> None:
    (tmp_path / "queries.txt").write_text("TACD: vr\n# skipped\nTTL: drone\n")
    out = tmp_path / "q.jsonl"
    argv = ["search", "-i", str(tmp_path / "queries.txt"), "-o", str(out), "--page-size", "400"]
    async with serve(search_totals={"TACD: vr": 30, "TTL: drone": 1_500}) as (emu, _):
        assert await harvest(emu, *argv) == 0
        full = out.read_bytes()
        rows = records(out)
        assert Counter(r["requested_id"] for r in rows) == {"TACD: vr": 30, "TTL: drone": 1_500}
        out.write_bytes(b"".join(full.splitlines(keepends=True)[:1_000]))
        out.with_name("q.jsonl.done").write_text("TACD: vr\n")  # as killed in TTL: drone
        emu.reset_log()
        assert await harvest(emu, *argv, "--resume") == 0
        assert out.read_bytes() == full
        bodies = [(s.body["query_text"], s.body["offset"]) for s in business(emu)]
        assert bodies == [("TTL: drone", 970), ("TTL: drone", 1_370)]


# --- guards -------------------------------------------------------------------------


async def test_resume_of_another_harvest_is_refused(
    emu: Emulator, harvest: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ids.txt").write_text("US1B2\nUS2B2\n")
    out = str(tmp_path / "fam.jsonl")
    assert await harvest(emu, "family", "-i", str(tmp_path / "ids.txt"), "-o", out) == 0
    capsys.readouterr()
    emu.reset_log()
    for argv, this in [
        (["cited-by", "-i", str(tmp_path / "ids.txt")], "cited-by of patent numbers"),
        (["family", "--patent-ids", "-i", str(tmp_path / "ids.txt")], "family of patent ids"),
        (["search", "q"], "search of query (query='q')"),
    ]:
        assert await harvest(emu, *argv, "-o", out, "--resume") == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert f"holds family of patent numbers, but this run is {this}" in err
    assert business(emu) == []
    assert len(records(Path(out))) == 2


async def test_a_second_run_on_one_output_is_refused(emu: Emulator, tmp_path: Path) -> None:
    (tmp_path / "ids.txt").write_text("US1B2\n")
    out = tmp_path / "o.jsonl"
    held = Output.open(out, manifest=MANIFEST, resume=True)
    try:
        code, _, err = await run(emu, "family", "-i", str(tmp_path / "ids.txt"), "-o", str(out),
                                 "--resume")  # fmt: skip
    finally:
        held.close()
    assert code == 2
    assert f"being written by another harvest (process {os.getpid()}" in err
    assert business(emu) == []
    code, _, err = await run(emu, "family", "-i", str(tmp_path / "ids.txt"), "-o", str(out),
                             "--resume")  # fmt: skip
    assert code == 0, err


async def test_unmatched_records_are_kept_and_counted(serve: ServeFactory, tmp_path: Path) -> None:
    (tmp_path / "ids.txt").write_text("US11205304\nUS1B2\n")
    out = tmp_path / "o.jsonl"
    async with serve(respelled={"US11205304": "US11205304B2"}) as (emu, _):
        code, _, err = await run(emu, "family", "-i", str(tmp_path / "ids.txt"), "-o", str(out))
    assert code == 0, err
    assert [r["requested_id"] for r in records(out)] == ["US1B2"]
    (unmatched,) = records(out.with_name("o.jsonl.unmatched"))
    assert unmatched["pn"] == "US11205304B2"
    assert f"unmatched       {1:>8}" in err
    assert f"billed results  {2:>8}" in err


def test_side_file_that_cannot_be_written_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from patsnap_async._cli import main

    (tmp_path / "ids.txt").write_text("US1B2\n")
    (tmp_path / "o.jsonl.failed").mkdir()
    (tmp_path / "o.jsonl.failed" / "x").write_text("")
    monkeypatch.setenv("PATSNAP_API_KEY", "sk-unused")
    monkeypatch.setenv("PATSNAP_BASE_URL", "http://127.0.0.1:9")  # never reached
    with pytest.raises(SystemExit) as exit_:
        main(["family", "-i", str(tmp_path / "ids.txt"), "-o", str(tmp_path / "o.jsonl")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"patsnap-async: error: cannot write {tmp_path}/o.jsonl.failed")
    assert err.count("\n") == 1


# --- cost ---------------------------------------------------------------------------


async def test_max_billed_stops_at_the_budget_then_resumes(
    emu: Emulator, harvest: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = [f"US{11_000_000 + i}B2" for i in range(1_000)]
    (tmp_path / "ids.txt").write_text("\n".join(ids))
    out = tmp_path / "o.jsonl"
    argv = ["family", "-i", str(tmp_path / "ids.txt"), "-o", str(out)]
    assert await harvest(emu, *argv, "--max-billed", "250") == 1
    assert len(records(out)) == 250
    assert sum(len(s.ids) for s in business(emu)) == 250
    err = capsys.readouterr().err
    assert f"billed results  {250:>8}" in err
    assert "750 ids left; run again with --resume" in err
    assert not out.with_name("o.jsonl.failed").exists()
    emu.reset_log()
    assert await harvest(emu, *argv, "--resume", "--max-billed", "5000") == 0
    assert sum(len(s.ids) for s in business(emu)) == 750
    assert sorted(r["requested_id"] for r in records(out)) == sorted(ids)


async def test_dry_run_counts_from_the_input_and_sends_nothing(
    emu: Emulator, tmp_path: Path
) -> None:
    (tmp_path / "ids.txt").write_text("\n".join(f"US{i}B2" for i in range(1, 251)))
    out = tmp_path / "o.jsonl"
    argv = ["family", "-i", str(tmp_path / "ids.txt"), "-o", str(out), "--dry-run"]
    code, stdout, err = await run(emu, *argv)
    assert code == 0, err
    assert stdout == (
        "family: 250 ids; 250 sent in 3 requests of at most 100, billed at most 250 "
        "results (one per id found)\n"
    )
    code, stdout, _ = await run(emu, *argv, "--max-billed", "120")
    assert "120 sent in 2 requests" in stdout and "130 ids left for a later run" in stdout
    assert emu.log == []
    assert not out.exists()


# --- reasons --------------------------------------------------------------------------


async def test_errors_side_file_holds_each_cause(
    emu: Emulator, harvest: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = [f"US{11_205_304 + i}B2" for i in range(150)]
    (tmp_path / "ids.txt").write_text("\n".join(ids))
    out = tmp_path / "o.jsonl"
    emu.inject(error_code=68399999, path=FAMILY)  # unknown: not retried, not halved
    assert await harvest(emu, "family", "-i", str(tmp_path / "ids.txt"), "-o", str(out)) == 1
    failed = id_lines(out.with_name("o.jsonl.failed"))
    errors = records(out.with_name("o.jsonl.errors"))
    assert [e["id"] for e in errors] == failed and len(failed) == 100
    assert {(e["error"], e["code"], e["attempts"]) for e in errors} == {("APIError", 68399999, 1)}
    err = capsys.readouterr().err
    assert "cause: 100 x APIError 68399999" in err


def test_a_wrong_base_url_names_the_cause(tmp_path: Path) -> None:
    (tmp_path / "ids.txt").write_text("US1B2\nUS2B2\n")
    out = tmp_path / "o.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATSNAP_")}
    env["PATSNAP_API_KEY"] = "sk-test"
    argv = ["family", "-i", str(tmp_path / "ids.txt"), "-o", str(out)]
    argv += ["--base-url", "http://127.0.0.1:9", "--max-retries", "1"]
    done = subprocess.run([*CLI, *argv], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1, done.stderr
    (error,) = {(e["error"], e["attempts"]) for e in records(out.with_name("o.jsonl.errors"))}
    assert error == ("TransportError", 2)
    assert "cause: 2 x TransportError" in done.stderr


def test_summary_says_when_qps_is_above_the_account_limit(tmp_path: Path) -> None:
    summary = Summary("family", tmp_path / "o", requests=101, token_requests=1, rate_limited=70)
    summary.elapsed = 10.0
    text = summary.render(billed=True)
    assert "--qps is above the account's limit: 70 of 100 answers were 67200002" in text
    assert "the platform accepted 30 requests in 10.0 s (3/s): lower --qps" in text
    summary.accepted_qps = 4.5
    assert "the platform accepted about 4.5 requests/s; pass --qps 4.5" in summary.render(
        billed=True
    )
    assert "above" not in Summary("family", tmp_path, requests=10, rate_limited=4).render(
        billed=True
    )


async def test_ctrl_c_prints_the_partial_summary(serve: ServeFactory, tmp_path: Path) -> None:
    ids = [f"US{11_000_000 + i}B2" for i in range(2_000)]
    (tmp_path / "ids.txt").write_text("\n".join(ids))
    out = tmp_path / "o.jsonl"
    async with serve(qps=20, latency=0.01) as (emu, _):
        process = await start(
            emu, "family", "-i", str(tmp_path / "ids.txt"), "-o", str(out), "--qps", "20"
        )
        for _ in range(1_500):
            await asyncio.sleep(0.02)
            if out.exists() and out.stat().st_size > 0:
                break
        process.send_signal(signal.SIGINT)
        _, err_bytes = await asyncio.wait_for(process.communicate(), 30)
    err = err_bytes.decode()
    assert process.returncode == 130, err
    assert "family: interrupted in" in err
    written = len(records(out))
    assert 0 < written < 2_000
    assert f"records written {written:>8}" in err
    assert "run the same command with --resume" in err


# --- input ----------------------------------------------------------------------------


def test_csv_and_tsv_columns(tmp_path: Path) -> None:
    source = tmp_path / "ids.csv"
    source.write_bytes('\ufeffTitle,PN\n"Drone, small",US1B2\nVR,us2b2\nAgain,US1B2\n'.encode())
    assert read_ids(source, column="pn") == ["US1B2", "us2b2"]
    assert read_ids(source, column="2") == ["US1B2", "us2b2"]  # header: no digit
    with pytest.raises(HarvestError, match="has no column 'number'; its header: Title, PN"):
        read_ids(source, column="number")
    source.write_text("US1B2\tx\nUS2B2\ty\n")
    assert read_ids(source, column="1") == ["US1B2", "US2B2"]  # no header
    with pytest.raises(
        HarvestError, match=r"line 1: several columns .* --column NAME or --column N"
    ):
        read_ids(source)
    source.write_text("pn,title\nUS1B2,x\n")
    with pytest.raises(HarvestError, match="pick the ids with --column"):
        read_ids(source)
    source.write_text("pn\nUS1B2\nEP2B1\n")  # a header would be billed as an id
    with pytest.raises(HarvestError, match=r"line 1: 'pn' looks like a column header.*--column pn"):
        read_ids(source)
    assert read_ids(source, column="pn") == ["US1B2", "EP2B1"]
    source.write_text("TACD: drone\nTTL: lidar 3d\n")
    assert read_ids(source, queries=True) == ["TACD: drone", "TTL: lidar 3d"]


def test_bom_and_line_separators_never_reach_an_id(tmp_path: Path) -> None:
    source = tmp_path / "ids.txt"
    source.write_bytes("\ufeffUS1B2\r\nUS2B2\u2028\n".encode())
    assert read_ids(source) == ["US1B2", "US2B2"]
    source.write_bytes("US1B2\nUS2\u2028B2\n".encode())
    with pytest.raises(HarvestError, match=r"line 2: an id may not contain U\+2028"):
        read_ids(source)
    source.write_bytes("\ufeffpn\nUS3B2\n".encode())
    assert read_ids(source, column="pn") == ["US3B2"]


def test_a_header_alone_is_not_an_id(tmp_path: Path) -> None:
    source = tmp_path / "ids.txt"
    source.write_text("pn\n")
    with pytest.raises(HarvestError, match=r"line 1: 'pn' looks like a column header.*no ids"):
        read_ids(source)
    source.write_text("pn\n")
    with pytest.raises(HarvestError, match="no ids"):
        read_ids(source, column="pn")


def test_csv_is_parsed_as_csv(tmp_path: Path) -> None:
    source = tmp_path / "ids.csv"
    source.write_text('title,pn\n"Headset,\nwireless",US1B2\n"Say ""hi""",EP2B1\nLens,US3B2\n')
    assert read_ids(source, column="pn") == ["US1B2", "EP2B1", "US3B2"]
    with pytest.raises(HarvestError, match=r"line 2, column 1: .* \(is --column 1 the column"):
        read_ids(source, column="1")
    with pytest.raises(HarvestError, match=r"has 2 columns \(title, pn\): --column 5 is past"):
        read_ids(source, column="5")
    source.write_text("titre;pn\nCasque;US1B2\nLunettes;EP2B1\n")  # a semicolon CSV
    assert read_ids(source, column="pn") == ["US1B2", "EP2B1"]
    with pytest.raises(HarvestError, match=r"line 1: an id may not contain a semicolon"):
        read_ids(source)


def test_utf16_is_read_and_other_encodings_are_named(tmp_path: Path) -> None:
    source = tmp_path / "ids.txt"
    source.write_bytes("pn\r\nUS1B2\r\n".encode("utf-16"))  # Excel's "Unicode text"
    assert read_ids(source, column="pn") == ["US1B2"]
    source.write_bytes("US1B2\n".encode("utf-16-le"))
    with pytest.raises(HarvestError, match="UTF-16 text without a byte-order mark; save it"):
        read_ids(source)
    source.write_bytes("Brevet é\nUS1B2\n".encode("latin-1"))
    with pytest.raises(HarvestError, match=r"not UTF-8 text \(byte 0xE9 at offset 7\); save"):
        read_ids(source)


def test_json_lines_give_the_field_named_by_column(tmp_path: Path) -> None:
    source = tmp_path / "search.jsonl"
    rows = [{"requested_id": "q", "index": i, "pn": f"US{i + 1}B2"} for i in range(3)]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert read_ids(source, column="pn") == ["US1B2", "US2B2", "US3B2"]
    with pytest.raises(HarvestError, match=r"holds JSON lines: pick the field .* --column pn"):
        read_ids(source)
    with pytest.raises(HarvestError, match="line 1 has no field 'pnn'; it has: requested_id"):
        read_ids(source, column="pnn")


async def test_search_output_feeds_family(
    serve: ServeFactory, harvest: Any, tmp_path: Path
) -> None:
    found = tmp_path / "found.jsonl"
    async with serve(search_totals={"TACD: vr": 150}) as (emu, _):
        assert await harvest(emu, "search", "TACD: vr", "-o", str(found)) == 0
        emu.reset_log()
        argv = ["family", "-i", str(found), "--column", "pn", "-o", str(tmp_path / "f.jsonl")]
        assert await harvest(emu, *argv) == 0
    assert len(records(tmp_path / "f.jsonl")) == 150
    assert [len(s.ids) for s in business(emu)] == [100, 50]


async def test_csv_input_end_to_end(emu: Emulator, harvest: Any, tmp_path: Path) -> None:
    (tmp_path / "ids.csv").write_text("pn,title\nUS1B2,a\nUNKNOWN7,b\n")
    out = tmp_path / "o.jsonl"
    argv = ["family", "-i", str(tmp_path / "ids.csv"), "--column", "pn", "-o", str(out)]
    assert await harvest(emu, *argv) == 0
    assert [r["requested_id"] for r in records(out)] == ["US1B2"]
    assert [s.ids for s in business(emu)] == [("US1B2", "UNKNOWN7")]


# --- help ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", ["family", "cited-by", "sequence-patents", "search", "sequence-search"]
)
def test_each_command_help_has_a_description_and_an_example(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from patsnap_async._cli import main

    # In this process: the parser `python -m patsnap_async` builds, without starting
    # an interpreter per command (test_messages_name_flags runs the module itself).
    monkeypatch.setenv("COLUMNS", "80")  # as in a pipe, whatever the terminal
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    stdout = capsys.readouterr().out
    assert f"example:\n  patsnap-async {command} " in stdout
    assert stdout.split("\n\n")[1].strip()  # the description, after the usage


def test_messages_name_flags(tmp_path: Path) -> None:
    (tmp_path / "ids.txt").write_text("US1B2\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATSNAP_")}
    argv = ["family", "-i", str(tmp_path / "ids.txt"), "-o", str(tmp_path / "o")]
    done = subprocess.run([*CLI, *argv], capture_output=True, text=True, env=env)
    assert done.returncode == 2
    assert "pass --api-key, or --client-id and --client-secret" in done.stderr


async def test_side_file_failing_mid_run_is_one_line(serve: ServeFactory, tmp_path: Path) -> None:
    (tmp_path / "ids.txt").write_text("US11205304\nUS1B2\n")
    out = tmp_path / "o.jsonl"
    (tmp_path / "o.jsonl.unmatched").mkdir()  # kept by --resume, opened on the first record
    argv = ["family", "-i", str(tmp_path / "ids.txt"), "-o", str(out), "--resume"]
    async with serve(respelled={"US11205304": "US11205304B2"}) as (emu, _):
        code, _, err = await run(emu, *argv)
    assert code == 2
    assert err == f"patsnap-async: error: cannot write {out}.unmatched: Is a directory\n"


async def test_a_result_already_written_by_another_part_is_skipped(tmp_path: Path) -> None:
    from collections.abc import AsyncGenerator

    from patsnap_async import Pager, PatentRef
    from patsnap_async._harvest._patents import write_list

    output = Output.open(tmp_path / "o.jsonl", manifest={"command": "search"}, resume=False)
    output.seen.add("id-1")  # written under an earlier part

    async def items(_: Pager[PatentRef]) -> AsyncGenerator[PatentRef, None]:
        for n in (1, 2):
            yield PatentRef(pn=f"US{n}B2", patent_id=f"id-{n}")

    summary = Summary("search", output.path)
    assert (
        await write_list(output, summary, "q", Pager(items, start=5), 5, lambda: None, part="P")
        == 7
    )
    output.close()
    assert records(output.path) == [
        {"requested_id": "q", "part": "P", "index": 6, "pn": "US2B2", "patent_id": "id-2"}
    ]
    assert summary.written == 1
