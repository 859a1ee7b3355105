"""The harvesting commands: JSONL output, side files, resume after SIGKILL, exit codes."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from patsnap_async._cli import _parser, main
from patsnap_async._cli._run import run_harvest
from patsnap_async._harvest import HarvestError, Output, Progress, read_ids
from patsnap_async.testing import Emulator, FaultRates, _data

from .conftest import ServeFactory, business, fast_harvest_retries

CLI = [sys.executable, "-m", "patsnap_async"]
FAMILY = "/basic-patent-data/patent-family"
MANIFEST = {"command": "family", "ids": "patent numbers"}


def records(path: Path) -> list[dict[str, Any]]:
    """Every line of a JSONL file, each of which must be a complete JSON object."""
    data = path.read_bytes()
    assert not data or data.endswith(b"\n")
    return [json.loads(line) for line in data.splitlines()]


def complete_ids(path: Path) -> list[str]:
    """The requested ids of the complete, parsable lines (what a resume trusts)."""
    data = path.read_bytes() if path.exists() else b""
    ids = []
    for line in data[: data.rfind(b"\n") + 1].splitlines():
        with contextlib.suppress(ValueError):
            ids.append(json.loads(line)["requested_id"])
    return ids


def id_lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def env_for(emu: Emulator) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATSNAP_")}
    env.update(PATSNAP_CLIENT_ID=emu.client_id, PATSNAP_CLIENT_SECRET=emu.client_secret)
    return env


async def start(emu: Emulator, *args: str) -> asyncio.subprocess.Process:
    """The CLI in a subprocess, against the emulator served by this test's loop."""
    return await asyncio.create_subprocess_exec(
        *CLI,
        *args,
        "--base-url",
        emu.url,
        env=env_for(emu),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def run(emu: Emulator, *args: str) -> tuple[int, str, str]:
    process = await start(emu, *args)
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


@pytest.fixture
def harvest(monkeypatch: pytest.MonkeyPatch) -> Any:
    """`await harvest(emu, "family", ...)`: the command run in this process."""

    async def _harvest(emu: Emulator, *argv: str) -> int:
        fast_harvest_retries(monkeypatch)
        monkeypatch.setenv("PATSNAP_CLIENT_ID", emu.client_id)
        monkeypatch.setenv("PATSNAP_CLIENT_SECRET", emu.client_secret)
        args = _parser().parse_args([*argv, "--base-url", emu.url, "--qps", "1000"])
        return await asyncio.to_thread(run_harvest, args)

    return _harvest


# --- family / cited-by --------------------------------------------------------------


async def test_20000_ids_through_faults_each_exactly_once(
    serve: ServeFactory, tmp_path: Path
) -> None:
    ids = [f"UNKNOWN{i}" if i % 97 == 5 else f"US{11_000_000 + i}B2" for i in range(20_000)]
    listed_unknown = ids[1:4]  # unknown because the emulator is told so
    unknown = [i for i in ids if i.startswith("UNKNOWN")] + listed_unknown
    known = [i for i in ids if i not in unknown]
    lines = ["# a comment", "", *ids[:10_000], f"  {ids[7].lower()}  ", *ids[10_000:], ""]
    (tmp_path / "ids.txt").write_text("\n".join(lines))
    out = tmp_path / "out.jsonl"
    faults = FaultRates(
        server_error=0.025, error_codes={68300008: 0.025, 67200002: 0.01}, drop=0.02
    )
    async with serve(
        qps=200,
        latency=(0.001, 0.02),
        fault_rates=faults,
        unknown_ids=listed_unknown,
        seed=11,
    ) as (emu, _):
        process = await start(
            emu, "family", "-i", str(tmp_path / "ids.txt"), "-o", str(out),
            "--qps", "200", "--max-retries", "8",
        )  # fmt: skip
        # The token runs out on the server a quarter of the way through (200 calls).
        for _ in range(500):
            if sum(s.path == FAMILY for s in emu.log) >= 50:
                break
            await asyncio.sleep(0.01)
        emu.expire_tokens()
        out_bytes, err_bytes = await asyncio.wait_for(process.communicate(), 60)
        code, stdout, stderr = process.returncode, out_bytes.decode(), err_bytes.decode()
    assert code == 0, stderr
    assert stdout == ""
    got = [r["requested_id"] for r in records(out)]
    assert Counter(got) == Counter(known)
    assert sorted(id_lines(out.with_name("out.jsonl.missing"))) == sorted(unknown)
    assert not out.with_name("out.jsonl.failed").exists()
    served = business(emu)
    assert {s.fault for s in served} >= {"drop", "server_error", "error"}
    assert {s.error_code for s in served} >= {68300008, 67200002}
    assert sum(s.path == "/oauth/token" for s in emu.log) == 2  # bought again once
    assert 67200003 in {s.error_code for s in served}
    assert f"records written {len(known):>8}" in stderr
    assert f"billed results  {len(known):>8}" in stderr  # one record per id


async def test_sigkill_then_resume_fetches_nothing_twice(
    serve: ServeFactory, tmp_path: Path
) -> None:
    ids = [f"UNKNOWN{i}" if i % 50 == 7 else f"EP{2_000_000 + i}B1" for i in range(4_000)]
    (tmp_path / "ids.txt").write_text("\n".join(ids) + "\n")
    out = tmp_path / "out.jsonl"
    missing = out.with_name("out.jsonl.missing")
    # --resume on an output that does not exist yet simply starts the harvest.
    argv = ["family", "-i", str(tmp_path / "ids.txt"), "-o", str(out), "--qps", "30", "--resume"]
    kills: list[tuple[int, set[str]]] = []
    async with serve(qps=30, latency=(0.05, 0.15), fault_rates=FaultRates(drop=0.03), seed=5) as (
        emu,
        _,
    ):
        for kill_at in (800, 2_000):  # killed twice, at growing sizes, then run to the end
            process = await start(emu, *argv)
            for _ in range(1_500):  # 30 s at most
                await asyncio.sleep(0.02)
                if out.exists() and out.read_bytes().count(b"\n") >= kill_at:
                    break
            process.kill()
            assert await process.wait() == -9  # killed mid-way, not finished
            settled = complete_ids(out) + id_lines(missing)
            kills.append((len(emu.log), {i.upper() for i in settled}))
        code, _, stderr = await run(emu, *argv, "--quiet")
    assert code == 0, stderr
    for mark, settled in kills:
        fetched_again = {i.upper() for s in emu.log[mark:] if s.path == FAMILY for i in s.ids}
        assert fetched_again & settled == set()
    got = [r["requested_id"] for r in records(out)]
    assert len(got) == len(set(got))
    assert set(got) == {i for i in ids if not i.startswith("UNKNOWN")}
    assert sorted(id_lines(missing)) == sorted(i for i in ids if i.startswith("UNKNOWN"))


async def test_failed_ids_go_to_a_side_file_that_feeds_back(
    emu: Emulator, harvest: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = [f"US{11_205_304 + i}B2" for i in range(250)]
    (tmp_path / "ids.txt").write_text("\n".join(ids))
    out = tmp_path / "out.jsonl"
    failed = out.with_name("out.jsonl.failed")
    emu.inject(error_code=68399999, path=FAMILY)  # unknown: not retried, not halved
    assert await harvest(emu, "family", "-i", str(tmp_path / "ids.txt"), "-o", str(out)) == 1
    refused = next(s for s in business(emu) if s.error_code == 68399999)
    assert id_lines(failed) == list(refused.ids)
    assert {r["requested_id"] for r in records(out)} == set(ids) - set(refused.ids)
    err = capsys.readouterr().err
    assert f"{len(refused.ids)} ids failed; they are in {failed}" in err

    emu.reset_log()
    assert await harvest(emu, "family", "-i", str(failed), "-o", str(out), "--resume") == 0
    assert [s.ids for s in business(emu)] == [refused.ids]
    assert sorted(r["requested_id"] for r in records(out)) == sorted(ids)
    assert not failed.exists()


async def test_a_refusal_of_every_id_fails_them_in_a_few_requests_and_caches_none(
    emu: Emulator, harvest: Any, tmp_path: Path
) -> None:
    ids = [f"US{11_205_304 + i}B2" for i in range(250)]
    (tmp_path / "ids.txt").write_text("\n".join(ids))
    out = tmp_path / "out.jsonl"
    failed = out.with_name("out.jsonl.failed")
    emu.inject(error_code=68300004, path=FAMILY, times=15)  # whatever the ids
    assert await harvest(emu, "family", "-i", str(tmp_path / "ids.txt"), "-o", str(out)) == 1
    # The first chunk alone, halved down to two ids refused alone (9 requests); then
    # each chunk with its first and last ids alone (3), not one request per id.
    assert [len(s.ids) for s in business(emu)][:9] == [100, 50, 25, 12, 6, 3, 1, 2, 1]
    assert len(business(emu)) == 9 + 3 + 3
    assert sorted(id_lines(failed)) == sorted(ids) and records(out) == []
    assert not out.with_name("out.jsonl.missing").exists()

    emu.reset_log()  # the 15 faults are spent
    assert await harvest(emu, "family", "-i", str(failed), "-o", str(out), "--resume") == 0
    assert [len(s.ids) for s in business(emu)] == [100, 100, 50]  # none cached as missing
    assert sorted(r["requested_id"] for r in records(out)) == sorted(ids)


async def test_cited_by_by_patent_id_from_stdin(
    emu: Emulator, harvest: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A patent the emulator has, with citing patents: its ids encode their numbers.
    patent_ids = [_data.patent_uuid("JP1999068462A"), "UNKNOWN-1"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join([*patent_ids, patent_ids[0]])))
    out = tmp_path / "cited.jsonl"
    assert await harvest(emu, "cited-by", "--patent-ids", "-i", "-", "-o", str(out)) == 0
    (record,) = records(out)
    assert record["requested_id"] == patent_ids[0]
    assert record["patent_id"] == patent_ids[0]
    assert record["patent_cited"]["cited_by_patents"]
    assert id_lines(out.with_name("cited.jsonl.missing")) == ["UNKNOWN-1"]
    assert business(emu)[0].query["patent_id"] == ",".join(patent_ids)


async def test_fatal_errors_stop_the_run_and_keep_the_rest_for_later(
    emu: Emulator, harvest: Any, tmp_path: Path
) -> None:
    ids = [f"US{11_205_304 + i}B2" for i in range(1_000)]
    (tmp_path / "ids.txt").write_text("\n".join(ids))
    out = tmp_path / "out.jsonl"
    emu.inject(error_code=67200005, path=FAMILY)  # quota exhausted: no use going on
    argv = ["family", "-i", str(tmp_path / "ids.txt"), "-o", str(out)]
    assert await harvest(emu, *argv) == 1
    assert len(business(emu)) == 1  # the first request goes alone
    assert records(out) == []
    # Refused, not billed: left for --resume, not failed.
    assert not out.with_name("out.jsonl.failed").exists()
    assert await harvest(emu, *argv, "--resume") == 0
    assert sorted(r["requested_id"] for r in records(out)) == sorted(ids)


# --- search, sequence-patents, sequence-search ---------------------------------------


async def test_search_every_result_then_resume_after_a_torn_line(
    serve: ServeFactory, harvest: Any, tmp_path: Path
) -> None:
    out = tmp_path / "search.jsonl"
    argv = ["search", "TACD: vr", "-o", str(out), "--page-size", "500"]
    async with serve(search_totals={"TACD: vr": 2_345}) as (emu, _):
        assert await harvest(emu, *argv) == 0
        full = out.read_bytes()
        rows = records(out)
        assert [r["index"] for r in rows] == list(range(2_345))
        assert {r["requested_id"] for r in rows} == {"TACD: vr"}
        assert rows[0]["pn"] and rows[0]["patent_id"]

        lines = full.splitlines(keepends=True)
        out.write_bytes(b"".join(lines[:1_234]) + lines[1_234][:30])  # killed mid-line
        out.with_name("search.jsonl.done").unlink()  # written last: not yet, then
        emu.reset_log()
        assert await harvest(emu, *argv, "--resume") == 0
        assert out.read_bytes() == full
        assert [s.body["offset"] for s in business(emu)] == [1_234, 1_734, 2_234]

        emu.reset_log()
        assert await harvest(emu, *argv, "--resume", "--max-results", "1000") == 0
        assert business(emu) == []  # nothing left below 1000
        assert out.read_bytes() == full


async def test_search_summary_has_no_billed_results_line(
    serve: ServeFactory, tmp_path: Path
) -> None:
    # Only batch calls (family, cited-by) are documented as billed per record: a
    # search summary saying "0 billed results" would be a guess presented as a count.
    async with serve(search_totals={"q": 30}) as (emu, _):
        code, _, stderr = await run(emu, "search", "q", "-o", str(tmp_path / "o.jsonl"))
    assert code == 0, stderr
    assert f"records written {30:>8}" in stderr
    assert "billed" not in stderr


async def test_sequence_patents_resume_inside_a_list(
    serve: ServeFactory, harvest: Any, tmp_path: Path
) -> None:
    (tmp_path / "seqs.txt").write_text("111\n222\n333\n# done\n")
    out = tmp_path / "seq.jsonl"
    done, missing = out.with_name("seq.jsonl.done"), out.with_name("seq.jsonl.missing")
    argv = ["sequence-patents", "-i", str(tmp_path / "seqs.txt"), "-o", str(out)]
    async with serve(sequence_patent_totals={"111": 250, "222": 0, "333": 1_234}) as (emu, _):
        assert await harvest(emu, *argv) == 0
        rows = records(out)
        by_seq = {s: [r["index"] for r in rows if r["requested_id"] == s] for s in ("111", "333")}
        assert by_seq == {"111": list(range(250)), "333": list(range(1_234))}
        assert id_lines(missing) == ["222"]
        assert sorted(id_lines(done)) == ["111", "333"]
        full = sorted(out.read_text().splitlines())

        # As if killed while 333 was being drained: 437 of its patents written.
        kept = [r for r in rows if r["requested_id"] == "111" or r["index"] < 437]
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept))
        done.write_text("111\n")
        emu.reset_log()
        assert await harvest(emu, *argv, "--resume") == 0
        assert sorted((s.ids, s.body["page"]) for s in business(emu)) == [
            (("333",), page) for page in range(5, 14)
        ]
        assert sorted(out.read_text().splitlines()) == full

        emu.reset_log()
        assert await harvest(emu, *argv, "--resume") == 0
        assert business(emu) == []


async def test_sequence_search_with_expanded_patents_and_resume(
    serve: ServeFactory, harvest: Any, tmp_path: Path
) -> None:
    out = tmp_path / "hits.jsonl"
    argv = ["sequence-search", "MQVDLLGSAQSAHALHLFHQHS", "-o", str(out)]
    argv += ["--limit", "12", "--expand-patents", "--poll-interval", "0"]
    async with serve(job_hits=40, sequence_patent_totals={"834879": 250}) as (emu, _):
        assert await harvest(emu, *argv) == 0
        job_id = out.with_name("hits.jsonl.job").read_text().strip()
        rows = records(out)
        assert [(r["requested_id"], r["index"]) for r in rows] == [(job_id, i) for i in range(12)]
        first = next(r for r in rows if r["seq_id"] == "834879")
        assert first["patents"]["total"] == len(first["patents"]["patents"]) == 250
        full = out.read_bytes()

        out.write_bytes(b"".join(full.splitlines(keepends=True)[:5]))
        out.with_name("hits.jsonl.done").unlink()
        emu.reset_log()
        assert await harvest(emu, *argv, "--resume") == 0
        assert out.read_bytes() == full
        paths = [s.path for s in business(emu)]
        assert "/bio-openapi/sequence/job" not in paths  # no second submission
        assert paths.count("/bio-openapi/sequence/job/result") == 1


async def test_a_failed_job_exits_1_without_a_traceback(
    emu: Emulator, harvest: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "hits.jsonl")
    argv = ["sequence-search", "ERROR", "-o", out, "--poll-interval", "0", "-q"]
    assert await harvest(emu, *argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("patsnap-async: error: sequence job ")
    assert err.count("\n") == 1


# --- the files ----------------------------------------------------------------------


def test_resume_cuts_a_torn_last_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    good = ['{"requested_id": "A", "pn": "A"}\n', '{"requested_id": "b", "pn": "B"}\n']
    out.write_text(good[0] + good[1] + '{"requested_id": "C", "p')
    (tmp_path / "out.jsonl.missing").write_text("X1\nX2\nX")
    output = Output.open(str(out), manifest=MANIFEST, resume=True)
    output.close()
    assert out.read_text() == "".join(good)
    assert output.records == {"A": 1, "B": 1}
    assert output.dropped == 1
    assert output.missing.keys == {"X1", "X2"}
    assert (tmp_path / "out.jsonl.missing").read_text() == "X1\nX2\n"


def test_overwrite_starts_afresh(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"requested_id": "A"}\n')
    (tmp_path / "out.jsonl.missing").write_text("X\n")
    with pytest.raises(HarvestError, match="add resume to continue"):
        Output.open(str(out), manifest=MANIFEST, resume=False)
    Output.open(str(out), manifest=MANIFEST, resume=False, overwrite=True).close()
    assert out.read_text() == ""
    assert not (tmp_path / "out.jsonl.missing").exists()


def test_input_skips_comments_blanks_and_repeats(tmp_path: Path) -> None:
    source = tmp_path / "ids.txt"
    source.write_text("# header\n\n US1B2 \nus1b2\nEP2B1\r\n  # indented comment\n")
    assert read_ids(str(source)) == ["US1B2", "EP2B1"]
    assert read_ids("-", stdin=io.StringIO("a\nA\n")) == ["a"]
    source.write_text("US1B2,US2B2\n")
    with pytest.raises(HarvestError, match="line 1: an id may not contain a comma"):
        read_ids(str(source))


def test_progress_line() -> None:
    now = [100.0]
    stream = io.StringIO()
    progress = Progress(
        "family", "ids", stream=stream, clock=lambda: now[0], terminal=True, columns=lambda: 120
    )
    progress.retries = lambda: 5
    progress.start(done=45, total=20_000)
    now[0] += 200
    progress.advance(12_300, failed=2)
    line = "family  61.7%  12345/20000 ids  61.5/s  3m20s elapsed  ETA 2m04s  2 failed  5 retried"
    assert progress.render() == line
    progress.close()
    assert stream.getvalue().endswith(f"\r{line}\n")
    quiet = io.StringIO()
    Progress("family", "ids", enabled=False, stream=quiet).close()
    assert quiet.getvalue() == ""


async def test_progress_redraws_during_a_stall(monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing advances, yet the line is drawn again on every tick of the timer.
    stream = io.StringIO()
    progress = Progress("family", "ids", stream=stream, terminal=True, columns=lambda: 200)
    progress.start(done=0, total=10)
    ticks = []

    async def tick(seconds: float) -> None:
        ticks.append(seconds)
        if len(ticks) == 4:
            raise asyncio.CancelledError

    monkeypatch.setattr(asyncio, "sleep", tick)
    with pytest.raises(asyncio.CancelledError):
        await progress.redraw_forever()
    assert max(ticks) <= 0.5  # at least twice a second
    assert stream.getvalue().count("\r") == 1 + 3


# --- usage errors and secrets -------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["family", "-o", "{tmp}/o", "-i", "{tmp}/nope.txt"],
            "cannot read {tmp}/nope.txt: No such",
        ),
        (["family", "-o", "{tmp}/o", "-i", "{tmp}/empty.txt"], "no ids in {tmp}/empty.txt"),
        (["family", "-o", "{tmp}/full.jsonl", "-i", "{tmp}/ids.txt"], "already holds records"),
        (["family", "-o", "{tmp}", "-i", "{tmp}/ids.txt"], "output {tmp} is a directory"),
        (
            ["search", "q", "-o", "{tmp}/o", "--page-size", "5000"],
            "--page-size must be an integer between 1 and 1000",
        ),
        (["sequence-search", "-o", "{tmp}/o"], "give either a sequence or --motif"),
    ],
)
def test_input_errors_exit_2_with_one_line(
    argv: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "empty.txt").write_text("# nothing\n\n   \n")
    (tmp_path / "ids.txt").write_text("US1B2\n")
    (tmp_path / "full.jsonl").write_text('{"requested_id": "US1B2"}\n')
    monkeypatch.setenv("PATSNAP_API_KEY", "sk-unused")
    monkeypatch.setenv("PATSNAP_BASE_URL", "http://127.0.0.1:9")  # never reached
    with pytest.raises(SystemExit) as exit_:
        main([a.format(tmp=tmp_path) for a in argv])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("patsnap-async: error: ")
    assert message.format(tmp=tmp_path) in err
    assert err.count("\n") == 1


def test_missing_credentials_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ids.txt").write_text("US1B2\n")
    with pytest.raises(SystemExit) as exit_:
        main(["family", "-i", str(tmp_path / "ids.txt"), "-o", str(tmp_path / "o")])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.startswith("patsnap-async: error: no credentials")


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--qps", "abc"], "argument --qps: not a number: 'abc'"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--resume", "--overwrite"], "not allowed with argument"),
    ],
)
async def test_bad_flags_exit_2_with_one_line(
    emu: Emulator, flags: list[str], message: str, tmp_path: Path
) -> None:
    (tmp_path / "ids.txt").write_text("US1B2\n")
    argv = ["family", "-i", str(tmp_path / "ids.txt"), "-o", str(tmp_path / "o"), *flags]
    code, out, err = await run(emu, *argv)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert out == ""


async def test_secrets_never_appear_in_the_output(serve: ServeFactory, tmp_path: Path) -> None:
    secret, key = "s3cret-Zq9-never-shown", "sk-key-7xW-never-shown"
    (tmp_path / "ids.txt").write_text("US1B2\nUNKNOWN1\n")
    base = ["family", "-i", str(tmp_path / "ids.txt"), "-o", str(tmp_path / "o")]
    async with serve(client_secret=secret, api_key=key) as (emu, _):
        emu.inject(error_code=68399999, path=FAMILY)
        texts = list(await run(emu, *base))[1:]
        texts += list(await run(emu, *base, "--resume"))[1:]
        texts += list(await run(emu, *base, "--resume", "--client-secret", secret + "x"))[1:]
        texts += list(await run(emu, *base, "--api-kye", key))[1:]
        texts += list(await run(emu, *base, "--client-id", "me", key))[1:]
    assert all(secret not in text and key not in text for text in texts), texts
    assert "records written" in texts[1]


@pytest.mark.parametrize("columns", [200, 80, 50, 30, 12])
def test_progress_line_fits_the_terminal(columns: int) -> None:
    now = [100.0]
    stream = io.StringIO()
    progress = Progress(
        "sequence-patents", "seq_ids", stream=stream, clock=lambda: now[0], terminal=True,
        columns=lambda: columns,
    )  # fmt: skip
    progress.retries = lambda: 12_345
    progress.start(done=45, total=20_000)
    for _ in range(20):  # redraws as the counts grow, each in place
        now[0] += 61
        progress.advance(997, records=123_456, failed=7)
        progress.draw()
    progress.close()
    drawn = stream.getvalue()
    assert drawn.count("\n") == 1 and drawn.endswith("\n")
    lines = drawn.rstrip("\n").split("\r")[1:]
    assert len(lines) == 22
    assert max(len(line) for line in lines) <= columns - 1  # never wraps
    if columns >= 50:
        assert lines[-1].startswith("sequence-patents  99.9%  19985/20000 seq_ids")


def test_progress_without_a_terminal_logs_a_line_now_and_then() -> None:
    now = [0.0]
    stream = io.StringIO()
    progress = Progress("family", "ids", stream=stream, clock=lambda: now[0], terminal=False)
    progress.start(done=0, total=1_000)
    for _ in range(100):  # 25 s of redraws, four a second
        now[0] += 0.25
        progress.advance(10)
        progress.draw()
    progress.close()
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    assert [line.split("  ")[1] for line in lines] == ["40.0%", "80.0%"]  # every 10 s


def test_progress_while_waiting_shows_the_job_and_its_status() -> None:
    progress = Progress("sequence-search", "hits", clock=lambda: 0.0)
    progress.start(done=0, total=None)
    progress.status = "job 4f2c RUNNING"
    assert progress.render() == "sequence-search  job 4f2c RUNNING  0s elapsed"


async def test_sequence_search_shows_its_job_while_it_waits(
    serve: ServeFactory, tmp_path: Path
) -> None:
    from patsnap_async import harvest

    from .conftest import client_for

    stream = io.StringIO()
    progress = Progress("sequence-search", "hits", stream=stream, terminal=True)
    async with serve(job_polls_until_done=3, job_hits=5) as (emu, _), client_for(emu) as client:
        summary = await harvest.sequence_search(
            client, tmp_path / "h.jsonl", sequence="MQVDLLGSAQ", poll_interval=0,
            progress=progress,
        )  # fmt: skip
    job_id = (tmp_path / "h.jsonl.job").read_text().strip()
    assert summary.written == 5
    assert f"sequence-search  job {job_id} RUNNING" in stream.getvalue()
