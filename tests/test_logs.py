"""`PATSNAP_LOG` turns the package's logging on, to stderr, in a fresh interpreter."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SECRET = "s3cret-never-logged"

# One family call against the emulator whose first answer is a retryable fault.
SCRIPT = f"""
import asyncio

from patsnap_async import PatsnapClient, RetryPolicy
from patsnap_async.testing import Emulator


async def main() -> None:
    emulator = Emulator(client_secret={SECRET!r})
    async with emulator.serve() as url:
        async with PatsnapClient(
            client_id=emulator.client_id,
            client_secret=emulator.client_secret,
            base_url=url,
            retry=RetryPolicy(initial_delay=0.001),
            qps=1000,  # the default 5/s would space the four requests 0.2 s apart
        ) as client:
            emulator.inject(error_code=68300008, times=1)
            await client.patents.family(["US11205304B2"])


asyncio.run(main())
"""


def run(patsnap_log: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATSNAP_")}
    if patsnap_log is not None:
        env["PATSNAP_LOG"] = patsnap_log
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done


@pytest.mark.parametrize("value", ["debug", "DEBUG"])
def test_debug_logs_each_attempt_and_retry_decision(value: str) -> None:
    stderr = run(value).stderr
    assert "patsnap_async DEBUG] POST /oauth/token (attempt #1)" in stderr
    assert "GET /basic-patent-data/patent-family: retry 1/5 in " in stderr
    assert "68300008" in stderr
    assert SECRET not in stderr


def test_info_leaves_out_the_debug_lines() -> None:
    stderr = run("info").stderr
    assert "HTTP 200" in stderr  # the emulator's INFO line for each request it served
    assert "DEBUG" not in stderr
    assert "retry 1/5" not in stderr


def test_logging_is_off_by_default() -> None:
    assert run(None).stderr == ""


def test_an_unknown_value_is_named_in_a_warning() -> None:
    stderr = run("verbose").stderr
    assert "PATSNAP_LOG='verbose' is neither 'debug' nor 'info'; logging stays off" in stderr
    assert "attempt #" not in stderr
