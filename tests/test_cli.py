"""The command line: `demo` and `emulator`, run as a user would, in a subprocess."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from patsnap_async import PatsnapClient
from patsnap_async._cli import main

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
