"""The command line: `demo` and `emulator`, run as a user would, in a subprocess."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from patsnap_async import PatsnapClient
from patsnap_async._cli import main
from patsnap_async.testing import Emulator

from .conftest import ServeFactory

CLI = [sys.executable, "-m", "patsnap_async"]
FAMILY = "/basic-patent-data/patent-family"


def test_demo_harvests_and_reports_its_cost() -> None:
    done = subprocess.run(
        [*CLI, "demo", "--count", "120"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Patent families (P014) of 126 patent numbers" in out
    assert "12 unknown to the platform" in out
    assert "1234 patents, in order" in out
    assert "HTTP requests (1 token, " in out
    assert "billed results" in out


def test_bad_flag_is_a_usage_error() -> None:
    done = subprocess.run([*CLI, "demo", "--count", "zero"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "not a whole number: 'zero'" in done.stderr
    assert "Traceback" not in done.stderr


async def test_emulator_command_serves_the_platform() -> None:
    process = await asyncio.create_subprocess_exec(
        *CLI,
        "emulator",
        "--port",
        "0",
        "--qps",
        "50",
        "--search-total",
        "TACD: a=b=30000",
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        first = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
        url = first.rsplit(" ", 1)[-1].strip()
        assert url.startswith("http://127.0.0.1:")
        lines = [(await process.stdout.readline()).decode() for _ in range(3)]
        secret = next(line for line in lines if "client_secret" in line).split()[-1]
        client_id = next(line for line in lines if "client_id" in line).split()[-1]
        async with PatsnapClient(client_id=client_id, client_secret=secret, base_url=url) as client:
            result = await client.patents.family(["US11205304B2", "UNKNOWN1"])
            page = await client.search.query("TACD: a=b")
        assert result["US11205304B2"].pn == "US11205304B2"
        assert result.missing == ("UNKNOWN1",)
        assert page.total_search_result_count == 30_000
    finally:
        process.terminate()
        await process.wait()


SECRET = "s3cret-never-logged"


@pytest.mark.parametrize("where", ["before", "after"])
async def test_verbose_logs_retry_decisions_and_no_secret(
    serve: ServeFactory, tmp_path: Path, where: str
) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("US11205304B2\nEP1000000B1\n")
    async with serve(client_secret=SECRET) as (emu, url):
        emu.inject(error_code=68300008, times=1, path=FAMILY)
        harvest = [
            "family",
            *("-i", str(ids), "-o", str(tmp_path / "out.jsonl"), "--base-url", url),
            *("--client-id", emu.client_id, "--client-secret", SECRET, "--quiet"),
        ]
        argv = ["--verbose", *harvest] if where == "before" else [*harvest, "--verbose"]
        process = await asyncio.create_subprocess_exec(
            *CLI, *argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
        )
        _, err = await asyncio.wait_for(process.communicate(), 60)
        tokens = list(emu._desk.tokens)
    stderr = err.decode()
    assert process.returncode == 0, stderr
    assert f"GET {FAMILY}: retry 1/5 in " in stderr
    assert "68300008" in stderr
    assert tokens
    for secret in (SECRET, *tokens):
        assert secret not in stderr


async def test_without_verbose_nothing_is_logged(serve: ServeFactory, tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("US11205304B2\n")
    async with serve() as (emu, url):
        emu.inject(error_code=68300008, times=1, path=FAMILY)
        process = await asyncio.create_subprocess_exec(
            *CLI,
            *("family", "-i", str(ids), "-o", str(tmp_path / "out.jsonl"), "--quiet"),
            *("--base-url", url, "--api-key", emu.api_key),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env={k: v for k, v in os.environ.items() if k != "PATSNAP_LOG"},
        )
        _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, err.decode()
    assert err.decode() == ""


def test_every_command_takes_verbose(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # `main` in this process, not seven interpreters: the same parser and exit status,
    # and the tests above run `python -m patsnap_async` itself.
    monkeypatch.setenv("COLUMNS", "80")  # as in a pipe, whatever the terminal
    commands = ["family", "cited-by", "sequence-patents", "search", "sequence-search"]
    for command in [*commands, "demo", "emulator"]:
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"])
        done = capsys.readouterr()
        assert exit_.value.code == 0, done.err
        assert "--verbose" in done.out, command


# --- messages a user can act on -----------------------------------------------------


def _main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    return int(exit_.value.code or 0), capsys.readouterr().err


@pytest.mark.parametrize("qps", ["0", "-3", "1e308", "nan", "inf", "1000001"])
@pytest.mark.parametrize("command", ["family", "mcp"])
def test_every_refused_qps_gets_the_same_words(
    qps: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    harvest = ["-i", str(tmp_path / "ids.txt"), "-o", str(tmp_path / "o")]
    argv = [command, *(harvest if command == "family" else []), "--qps", qps]
    code, err = _main(argv, capsys)
    assert code == 2
    assert err == (
        f"patsnap-async {command}: error: argument --qps: must be above 0 and at most "
        f"1000000: {qps!r} (see --help)\n"
    )


def test_the_harvest_and_mcp_commands_share_their_platform_options(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    groups = []
    for command in ("family", "search", "mcp"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = capsys.readouterr().out
        groups.append(text[text.index("platform:") :].split("\n\n")[0].strip())
    assert groups[0] == groups[1] == groups[2]
    assert "--api-key KEY" in groups[0]


def test_mcp_without_credentials_names_the_flags(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _main(["mcp"], capsys)
    assert code == 2
    assert err.startswith("patsnap-async: error: no credentials: pass --api-key, or --client-id ")
    assert err.count("\n") == 1


def _busy_port() -> tuple[socket.socket, int]:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    return taken, taken.getsockname()[1]


@pytest.mark.parametrize("command", [["emulator"], ["mcp", "--emulator"]])
def test_a_busy_port_is_one_line(command: list[str]) -> None:
    taken, port = _busy_port()
    with taken:
        done = subprocess.run(
            [*CLI, *command, "--port", str(port)], capture_output=True, text=True, timeout=60
        )
    assert done.returncode == 2
    assert done.stderr == (
        f"patsnap-async: error: cannot serve on 127.0.0.1:{port}: Address already in use\n"
    )
    assert done.stdout == ""


def test_a_port_out_of_range_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _main(["emulator", "--port", "99999"], capsys)
    assert code == 2
    assert err == (
        "patsnap-async emulator: error: argument --port: not a port number (0-65535): "
        "'99999' (see --help)\n"
    )


def test_secrets_are_hidden_in_the_parsed_options() -> None:
    from patsnap_async._cli import _parser

    argv = ["family", "-i", "x", "-o", "y", "--client-id", "me-123", "--client-secret", "s3cr3t"]
    args = _parser().parse_args(argv)
    assert args.client_secret == "s3cr3t"  # the value itself, for the client
    assert "s3cr3t" not in repr(args) and "me-123" not in repr(args)
    args = _parser().parse_args(["mcp", "--api-key", "sk-abcdef"])
    assert "sk-abcdef" not in repr(args) and "sk-abcdef" not in str(vars(args))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search", "", "-o", "{tmp}/o"], "argument query: must not be empty, got ''"),
        (["search", "q", "-o", "-"], "argument -o/--output: a harvest writes a file that it can"),
        (
            ["search", "q", "-o", "{tmp}/o", "--max-results", "30000"],
            "--max-results must be an integer between 1 and 20000, got 30000",
        ),
        (
            ["sequence-search", "MQV", "-o", "{tmp}/o", "--algorithm", "blastn"],
            "--algorithm 'blastn' does not search PROTEIN in PROTEIN; use one of blastp,",
        ),
        (["sequence-search", "-o", "{tmp}/o"], "give either a sequence or --motif"),
        (["family", "-i", "{tmp}/ids.txt", "-o", "{tmp}/o", "--api-key", " "], "must not be empty"),
    ],
)
def test_messages_name_what_to_change_as_the_command_line_spells_it(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ids.txt").write_text("US1B2\n")
    code, err = _main([a.format(tmp=tmp_path) for a in argv], capsys)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1


async def test_a_refused_resume_names_the_options_that_differ(
    emu: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "hits.jsonl"
    base = ["sequence-search", "MQVDLLGSAQ", "-o", str(out), "--poll-interval", "0", "-q"]
    base += ["--api-key", emu.api_key, "--base-url", str(emu.url)]
    assert await asyncio.to_thread(_main, [*base, "--limit", "12"], capsys) == (0, "")
    argv = [*base, "--limit", "20", "--algorithm", "blastp-fast", "--resume"]
    code, err = await asyncio.to_thread(_main, argv, capsys)
    assert code == 2
    assert err == (
        f"patsnap-async: error: --resume refused: {out} holds sequence-search with "
        "--algorithm='blastp', --limit=12; this run has --algorithm='blastp-fast', "
        "--limit=20; use another --output, or --overwrite to start again\n"
    )


async def test_counts_of_one_are_singular(
    emu: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ids.txt").write_text("US1B2\n")
    out = tmp_path / "o.jsonl"
    argv = ["family", "-i", str(tmp_path / "ids.txt"), "-o", str(out)]
    argv += ["--api-key", emu.api_key, "--base-url", str(emu.url)]
    capsys.readouterr()
    with pytest.raises(SystemExit):
        await asyncio.to_thread(main, [*argv, "--dry-run"])
    assert capsys.readouterr().out == (
        "family: 1 id; 1 sent in 1 request of at most 100, billed at most 1 result "
        "(one per id found)\n"
    )
    emu.inject(error_code=68300004, path=FAMILY)
    code, err = await asyncio.to_thread(_main, [*argv, "-q"], capsys)
    assert code == 1
    assert err == (
        f"patsnap-async: 1 id failed; they are in {out}.failed, and why in {out}.errors\n"
    )
