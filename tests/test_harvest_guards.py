"""What a harvest refuses, and what it stops at, before it costs money or data.

Outputs that are not a harvest's, a wrong key, secret or base URL, arguments of the
Python API, locks through another name, outputs that are not files, dry runs that
must say what the real run would do, and signals.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from patsnap_async import (
    AuthenticationError,
    HarvestError,
    PatsnapClient,
    QuotaExceededError,
    harvest,
)
from patsnap_async._cli import main
from patsnap_async._harvest import Output, Progress, Summary
from patsnap_async._harvest._patents import harvest_lookup
from patsnap_async.testing import Emulator, HttpRequest, HttpResponse, MockTransport

from .conftest import FAST_RETRY, ServeFactory, client_for, fast_harvest_retries
from .test_harvest import CLI, FAMILY, MANIFEST, id_lines, records
from .virtual_time import run

IDS = [f"US{11_000_000 + i}B2" for i in range(2_500)]


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Any:
    """`code, out, err = await cli(emu, "family", ...)`: `main()` in this process."""

    async def _cli(emu: Emulator | None, *argv: str) -> tuple[int, str, str]:
        fast_harvest_retries(monkeypatch)
        if emu is not None:
            monkeypatch.setenv("PATSNAP_API_KEY", emu.api_key)
            argv = (*argv, "--base-url", str(emu.url))
        capsys.readouterr()

        def call() -> int:
            try:
                main(list(argv))
            except SystemExit as exit_:
                return int(exit_.code or 0)
            return 0

        code = await asyncio.to_thread(call)  # the emulator serves on this loop
        done = capsys.readouterr()
        return code, done.out, done.err

    return _cli


# --- outputs that are not a harvest's -----------------------------------------------


async def test_resume_refuses_a_file_that_is_not_a_harvest_output(
    emu: Emulator, cli: Any, tmp_path: Path
) -> None:
    mine = tmp_path / "mine.txt"
    mine.write_text("\n".join(IDS) + "\n")
    (tmp_path / "copy.txt").write_bytes(mine.read_bytes())
    before = listing(tmp_path)
    code, _, err = await cli(emu, "family", "-i", str(mine), "-o", str(mine), "--resume")
    assert code == 2
    assert err == f"patsnap-async: error: --output {mine} is the --input file: give another file\n"
    for again in (["--resume"], []):
        argv = ["family", "-i", str(mine), "-o", str(tmp_path / "copy.txt"), *again]
        code, _, err = await cli(emu, *argv)
        assert code == 2, err
        assert "copy.txt is not the output of a harvest (line 1 is not a JSON record" in err
        assert "add --resume" not in err
        assert err.count("\n") == 1
        assert listing(tmp_path) == before  # no lock, no manifest, nothing cut
    assert emu.log == []


async def test_resume_refuses_an_output_with_a_line_that_is_not_a_record(
    emu: Emulator, cli: Any, tmp_path: Path
) -> None:
    (tmp_path / "ids.txt").write_text("\n".join(IDS[:300]) + "\n")
    out = tmp_path / "o.jsonl"
    argv = ["family", "-i", str(tmp_path / "ids.txt"), "-o", str(out)]
    assert (await cli(emu, *argv))[0] == 0
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join([*lines[:5], b"US1B2\n", *lines[5:]]))
    before = listing(tmp_path)
    emu.reset_log()
    code, _, err = await cli(emu, *argv, "--resume")
    assert code == 2
    assert f"--resume refused: {out}, line 6 is not a record of a harvest" in err
    assert listing(tmp_path) == before
    assert emu.log == []


def test_a_torn_line_is_cut_only_from_a_file_a_harvest_wrote(tmp_path: Path) -> None:
    ours = tmp_path / "ours.jsonl"
    ours.write_text('{"requested_id": "A"}\n{"requested_id": "B", "p')
    Output.open(ours, manifest=MANIFEST, resume=True).close()
    assert ours.read_text() == '{"requested_id": "A"}\n'
    theirs = tmp_path / "theirs.txt"
    theirs.write_text("US1B2")  # one id, no newline: not a torn record
    with pytest.raises(HarvestError, match="its only line is not a JSON record"):
        Output.open(theirs, manifest=MANIFEST, resume=True)
    assert theirs.read_text() == "US1B2"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ours.jsonl",
        "ours.jsonl.manifest.json",
        "theirs.txt",
    ]  # and no ours.jsonl.lock: removed when the run ended


# --- errors that concern the account ----------------------------------------------------


@pytest.mark.parametrize(
    ("credentials", "fix", "paths"),
    [
        (["--api-key", "sk-wrong"], "check --api-key: the platform refused", [FAMILY]),
        (
            ["--client-id", "test-client-id", "--client-secret", "wrong"],
            "check --client-id and --client-secret: the platform refused",
            ["/oauth/token"],
        ),
        (["--api-key", "sk-test-api-key", "/api"], "check --base-url", ["/api" + FAMILY]),
    ],
    ids=["key", "secret", "base-url-with-a-path"],
)
async def test_a_wrong_key_secret_or_base_url_costs_one_request(
    serve: ServeFactory, tmp_path: Path, credentials: list[str], fix: str, paths: list[str]
) -> None:
    ids = [f"US{11_000_000 + i}B2" for i in range(20_000)]
    (tmp_path / "ids.txt").write_text("\n".join(ids) + "\n")
    out = tmp_path / "o.jsonl"
    async with serve() as (emu, url):
        *credentials, suffix = credentials if credentials[-1] == "/api" else [*credentials, ""]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PATSNAP_")}
        process = await asyncio.create_subprocess_exec(
            *CLI, "family", "-i", str(tmp_path / "ids.txt"), "-o", str(out), *credentials,
            "--base-url", url + suffix, "--qps", "1000",
            env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, err_bytes = await asyncio.wait_for(process.communicate(), 60)
        served = [s.path for s in emu.log]
    err = err_bytes.decode()
    assert process.returncode == 1, err
    # Today's figure: one request (the first goes alone). It was 200: every chunk.
    assert served == paths
    last = err.splitlines()[-1]
    assert last.startswith(f"patsnap-async: error: {fix}")
    assert last.endswith("; 20000 ids left for --resume")
    assert f"left unsent     {20_000:>8}  run stopped: --resume later" in err
    assert records(out) == []
    assert not out.with_name("o.jsonl.failed").exists()  # not failed: never sent, or refused


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "-i", "{tmp}/queries.txt"],
        ["search", "TACD: vr", "--split"],
        ["sequence-patents", "-i", "{tmp}/seqs.txt"],
        ["sequence-search", "MQVDLLGSAQ", "--poll-interval", "0"],
    ],
    ids=["search", "split", "sequence-patents", "sequence-search"],
)
async def test_every_harvest_stops_at_a_wrong_key(
    emu: Emulator, cli: Any, tmp_path: Path, argv: list[str]
) -> None:
    (tmp_path / "queries.txt").write_text("TACD: a\nTACD: b\nTACD: c\n")
    (tmp_path / "seqs.txt").write_text("\n".join(str(100 + i) for i in range(20)) + "\n")
    argv = [a.format(tmp=tmp_path) for a in argv]
    code, _, err = await cli(emu, *argv, "-o", str(tmp_path / "o.jsonl"), "--api-key", "sk-no")
    assert code == 1, err
    assert len(emu.log) == 1
    assert err.splitlines()[-1].startswith("patsnap-async: error: check --api-key: ")
    assert not (tmp_path / "o.jsonl.failed").exists()


def _quota_after_the_first(request: HttpRequest) -> HttpResponse:
    """The first request is answered with records, every later one with 67200005."""
    if not _quota_after_the_first.answered:  # type: ignore[attr-defined]
        _quota_after_the_first.answered = True  # type: ignore[attr-defined]
        ids = request.params["patent_number"].split(",")
        envelope: dict[str, Any] = {"status": True, "error_code": 0}
        envelope["data"] = [{"pn": i} for i in ids]
    else:
        envelope = {"status": False, "error_code": 67200005, "error_msg": "no balance"}
    return HttpResponse(200, {"Content-Type": "application/json"}, json.dumps(envelope).encode())


async def test_an_account_error_mid_run_takes_no_new_chunk(tmp_path: Path) -> None:
    _quota_after_the_first.answered = False  # type: ignore[attr-defined]
    transport = MockTransport(_quota_after_the_first)
    out = tmp_path / "o.jsonl"
    async with PatsnapClient(api_key="sk-t", transport=transport, retry=FAST_RETRY) as client:
        summary = await harvest.family(client, IDS[:1_000], out, concurrency=4)
    # The first request alone, then one more: the refusal of the second stops the
    # three that waited in the pacer behind it, unsent (one call of the batch engine).
    assert len(transport.requests) == 1 + 1
    assert isinstance(summary.stopped, QuotaExceededError)
    assert (summary.written, summary.unsent, summary.failed) == (100, 900, [])
    assert summary.exit_code() == 1
    assert not out.with_name("o.jsonl.failed").exists()


def test_an_account_error_keeps_what_came_before_it(tmp_path: Path) -> None:
    # The first request brings 30 records of its 100 ids, the second is refused:
    # the records stay written, the refused and the unsent ids are left for --resume.
    answered: list[int] = []

    def handler(request: HttpRequest) -> HttpResponse:
        ids = request.params["patent_number"].split(",")
        answered.append(len(ids))
        if len(answered) == 1:
            body: dict[str, Any] = {"status": True, "error_code": 0}
            body["data"] = [{"pn": i} for i in ids[:30]]
        else:
            body = {"status": False, "error_code": 67200003, "error_msg": "refused"}
        return HttpResponse(200, {}, json.dumps(body).encode())

    output = Output.open(tmp_path / "o.jsonl", manifest=MANIFEST, resume=False)
    summary = Summary("family", output.path)

    async def main() -> None:  # on the virtual clock: the order of events is the code's
        transport = MockTransport(handler)
        async with PatsnapClient(api_key="sk-t", transport=transport, qps=1000) as client:
            await harvest_lookup(client, output, IDS[:250], summary, Progress("f", "ids"))

    try:
        run(main)
    finally:
        output.close()
    assert answered == [100, 100]  # the third request was never sent
    assert len(records(output.path)) == 30 and summary.missing == 70
    assert (summary.unsent, summary.failed) == (150, [])
    assert isinstance(summary.stopped, AuthenticationError)


async def test_a_zero_result_query_is_recorded_and_not_asked_again(
    serve: ServeFactory, cli: Any, tmp_path: Path
) -> None:
    (tmp_path / "q.txt").write_text("TACD: none\nTACD: some\n")
    out = tmp_path / "q.jsonl"
    argv = ["search", "-i", str(tmp_path / "q.txt"), "-o", str(out)]
    async with serve(search_totals={"TACD: none": 0, "TACD: some": 12}) as (emu, _):
        assert (await cli(emu, *argv))[0] == 0
        assert sorted(id_lines(out.with_name("q.jsonl.done"))) == ["TACD: none", "TACD: some"]
        emu.reset_log()
        assert (await cli(emu, *argv, "--resume"))[0] == 0
        assert emu.log == []


# --- the Python API refuses before it sends ----------------------------------------------

BAD_CALLS = [
    (harvest.family, {"ids": "US1B2"}, "ids must be a list of ids, not one string: 'US1B2'"),
    (harvest.family, {"ids": [*IDS, "US 1B2"]}, "ids[2500] contains ' ' (U+0020)"),
    (harvest.family, {"ids": [*IDS, 7]}, "ids[2500] must be a string, got 7"),
    (harvest.family, {"concurrency": -1}, "concurrency must be an integer >= 1, got -1"),
    (harvest.family, {"concurrency": 0.5}, "concurrency must be an integer, got 0.5"),
    (harvest.family, {"max_billed": 1.5}, "max_billed must be an integer, got 1.5"),
    (harvest.cited_by, {"patent_ids": "yes"}, "patent_ids must be True or False, got 'yes'"),
    (harvest.family, {"resume": True, "overwrite": True}, "resume and overwrite do not go"),
    (harvest.sequence_patents, {"seq_ids": "834879"}, "seq_ids must be a list of ids"),
    (harvest.search, {"queries": ["ok", " "]}, "queries[1] must not be empty"),
    (harvest.search, {"queries": "q", "page_size": 0}, "page_size must be an integer between"),
    (harvest.search, {"queries": "q", "split": "yes"}, "split must be True, False or a Split"),
    (harvest.search, {"queries": "q", "max_results": 30_000}, "max_results must be an integer"),
    (harvest.sequence_search, {"sequence": "MQ", "poll_interval": -1}, "poll_interval must be"),
    (harvest.sequence_search, {"sequence": "MQ", "wait_timeout": 0}, "wait_timeout must be"),
    (harvest.sequence_search, {"sequence": "MQ", "limit": 20_000}, "limit must be an integer"),
    (harvest.sequence_search, {"sequence": "MQ", "algorithm": "blastn"}, "algorithm 'blastn'"),
    (harvest.sequence_search, {}, "give either a sequence or a motif"),
]


@pytest.mark.parametrize(("function", "arguments", "message"), BAD_CALLS)
async def test_the_python_api_refuses_before_anything_is_sent(
    emu: Emulator, tmp_path: Path, function: Any, arguments: dict[str, Any], message: str
) -> None:
    out = tmp_path / "o.jsonl"
    positional: list[Any] = [] if function is harvest.sequence_search else [IDS[:3]]
    if "ids" in arguments or "seq_ids" in arguments or "queries" in arguments:
        positional = [arguments.pop(next(iter(arguments)))]
    async with client_for(emu) as client:
        with pytest.raises(HarvestError) as refused:
            await asyncio.wait_for(function(client, *positional, out, **arguments), 10)
    assert isinstance(refused.value, ValueError)
    assert message in str(refused.value)
    assert emu.log == []
    assert os.listdir(tmp_path) == []


# --- locks and outputs that are not files -------------------------------------------


@pytest.mark.parametrize("link", ["hard", "symbolic"])
def test_another_name_for_a_locked_output_is_locked_too(tmp_path: Path, link: str) -> None:
    out = tmp_path / "a.jsonl"
    out.write_text("")
    other = tmp_path / "b.jsonl"
    (os.link if link == "hard" else os.symlink)(out, other)
    held = Output.open(out, manifest=MANIFEST, resume=True)
    try:
        with pytest.raises(HarvestError, match="is being written by another harvest"):
            Output.open(other, manifest=MANIFEST, resume=True)
    finally:
        held.close()
    Output.open(other, manifest=MANIFEST, resume=True).close()
    assert not out.with_name("a.jsonl.lock").exists()


@pytest.mark.parametrize("target", ["fifo", "/dev/null", "/dev/full"])
def test_an_output_that_is_not_a_regular_file_is_refused(tmp_path: Path, target: str) -> None:
    path = Path(target) if target.startswith("/") else tmp_path / target
    if target == "fifo":
        os.mkfifo(path)
    before = sorted(os.listdir(path.parent))
    with pytest.raises(HarvestError, match="is not a regular file"):
        Output.open(path, manifest=MANIFEST, resume=False)
    with pytest.raises(HarvestError, match="is not a regular file"):
        Output.inspect(path, manifest=MANIFEST, resume=False)
    assert sorted(os.listdir(path.parent)) == before


async def test_dash_as_output_is_refused(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "ids.txt").write_text("US1B2\n")
    os.chdir(tmp_path)
    code, _, err = await cli(None, "family", "-i", "ids.txt", "-o", "-")
    assert code == 2
    assert "not standard output: give a file name, and follow it with tail -f FILE" in err
    assert sorted(os.listdir(tmp_path)) == ["ids.txt"]


# --- dry runs say what the real run does ---------------------------------------------


async def test_a_dry_run_counts_from_what_the_output_holds(
    emu: Emulator, cli: Any, tmp_path: Path
) -> None:
    ids = [f"US{11_000_000 + i}B2" for i in range(2_000)]
    (tmp_path / "ids.txt").write_text("\n".join(ids) + "\n")
    out = tmp_path / "o.jsonl"
    argv = ["family", "-i", str(tmp_path / "ids.txt"), "-o", str(out)]
    assert (await cli(emu, *argv, "--max-billed", "350"))[0] == 1
    real = await cli(emu, *argv)
    dry = await cli(emu, *argv, "--dry-run")
    assert real[0] == 2 and dry == real  # refused alike: records, and no --resume

    before = listing(tmp_path)
    emu.reset_log()
    code, said, _ = await cli(emu, *argv, "--resume", "--dry-run", "--max-billed", "500")
    assert code == 0
    assert emu.log == [] and listing(tmp_path) == before
    assert said == (
        f"family: 2000 ids, 350 already in {out}; 500 sent in 5 requests of at most 100, "
        "billed at most 500 results (one per id found); 1150 ids left for a later run\n"
    )
    code, _, err = await cli(emu, *argv, "--resume", "--max-billed", "500")
    assert code == 1
    assert f"left unsent     {1_150:>8}  budget reached" in err


# --- signals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signals", "code", "said"),
    [
        ([signal.SIGTERM], 143, "stopped by SIGTERM"),
        ([signal.SIGHUP], 129, "stopped by SIGHUP"),
        ([signal.SIGINT, signal.SIGINT], 130, "interrupted"),
        ([signal.SIGINT, 0.03, signal.SIGINT], 130, "interrupted"),  # as the summary ends
    ],
    ids=["term", "hup", "int-twice", "int-twice-later"],
)
async def test_signals_end_a_harvest_as_ctrl_c_does(
    serve: ServeFactory, tmp_path: Path, signals: list[float], code: int, said: str
) -> None:
    (tmp_path / "ids.txt").write_text("\n".join(IDS[:2_000]) + "\n")
    out = tmp_path / "o.jsonl"
    argv = ["family", "-i", str(tmp_path / "ids.txt"), "-o", str(out), "--qps", "20"]
    async with serve(qps=20, latency=0.01) as (emu, url):
        emu.inject(error_code=68399999, path=FAMILY)  # one chunk fails: a .failed to write
        env = {k: v for k, v in os.environ.items() if not k.startswith("PATSNAP_")}
        env["PATSNAP_API_KEY"] = emu.api_key
        process = await asyncio.create_subprocess_exec(
            *CLI, *argv, "--base-url", url, env=env, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        for _ in range(1_500):
            await asyncio.sleep(0.02)
            if out.exists() and out.stat().st_size > 0:
                break
        for signum in signals:
            if isinstance(signum, float):
                await asyncio.sleep(signum)
            else:
                process.send_signal(signum)
        _, err_bytes = await asyncio.wait_for(process.communicate(), 30)
    err = err_bytes.decode()
    assert process.returncode == code, err
    if len(signals) == 1:  # a second may come during the cleanup, which then stops
        assert "family: interrupted in" in err
        assert f"patsnap-async: {said}; run the same command with --resume" in err
        assert len(id_lines(out.with_name("o.jsonl.failed"))) == 100
        assert not out.with_name("o.jsonl.lock").exists()
    written = records(out)
    assert 0 < len(written) < 2_000
    assert "Traceback" not in err
