"""The command line: `demo` and `emulator`, run as a user would, in a subprocess."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from patsnap_async import PatsnapClient

CLI = [sys.executable, "-m", "patsnap_async"]


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
