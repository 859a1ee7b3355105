"""Emulator: QPS window, latency, injected faults and random fault rates."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp
import pytest

import patsnap_async.testing
from patsnap_async.testing import Emulator, FaultRates
from patsnap_async.testing._log import max_arrivals

from .emulator_helpers import Api, Start

FAMILY = "/basic-patent-data/patent-family"
PATENTS = "/bio-openapi/sequence/patent"
ONE_PATENT = {"patent_number": "US11205304B2"}
PAGE = {"seq_id": "1234", "page": 1, "size": 10}


async def timed(api: Api, **kwargs: Any) -> tuple[float, int]:
    """POST a B005 page; return (seconds taken, error_code)."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    _, body = await api.call("POST", PATENTS, json_body=PAGE, **kwargs)
    return loop.time() - started, int(body["error_code"])


# --- QPS and latency ---------------------------------------------------------------------


async def test_qps_rejects_the_excess_of_a_burst(start: Start) -> None:
    emu, api = await start(qps=5)
    results = await asyncio.gather(*(api.call("POST", PATENTS, json_body=PAGE) for _ in range(10)))
    codes = Counter(body["error_code"] for _, body in results)
    assert codes == {0: 5, 67200002: 5}
    assert {status for status, _ in results} == {200}
    assert all(
        body["error_msg"]
        == "The current call rate is too fast, exceeding the current configuration limit QPS!"
        for _, body in results
        if body["error_code"]
    )
    assert emu.max_arrivals_in_window() == 10
    assert emu.max_arrivals_in_window(path_prefix="/bio-openapi") == 10
    assert emu.max_arrivals_in_window(path_prefix="/search") == 0


async def test_qps_counts_token_calls_and_answers_rejections_at_once(start: Start) -> None:
    emu, api = await start(qps=2, latency=0.1)
    first = await api.token_response()
    assert first[0] == 200
    outcomes = await asyncio.gather(timed(api), timed(api), timed(api))
    rejected = [elapsed for elapsed, code in outcomes if code == 67200002]
    accepted = [elapsed for elapsed, code in outcomes if code == 0]
    assert len(accepted) == 1  # the token call used one of the two slots
    assert len(rejected) == 2
    assert accepted[0] >= 0.1
    assert all(elapsed < 0.09 for elapsed in rejected)
    assert [served.error_code for served in emu.log].count(67200002) == 2


async def test_slow_refusals_come_after_the_latency_like_any_answer(start: Start) -> None:
    # A gateway that queues before it counts: the client hears of a refusal late.
    _, api = await start(qps=1, latency=0.1, slow_refusals=True)
    outcomes = await asyncio.gather(timed(api), timed(api))
    assert sorted(code for _, code in outcomes) == [0, 67200002]
    assert all(elapsed >= 0.1 for elapsed, _ in outcomes)


def test_qps_window_slides() -> None:
    emu = Emulator(qps=2)
    # Arrivals at these loop times; the window is (now - 1 s, now].
    outcomes = [emu._arrive(t) for t in (0.0, 0.5, 0.9, 1.0, 1.4, 1.5, 2.6)]
    assert outcomes == [False, False, True, True, True, True, False]


def test_max_arrivals_uses_half_open_windows() -> None:
    assert max_arrivals([], 1.0) == 0
    assert max_arrivals([0.0, 1.0, 2.0], 1.0) == 1
    assert max_arrivals([0.0, 0.5, 0.99, 1.2, 1.3], 1.0) == 4
    assert max_arrivals([3.0, 0.1, 0.2], 0.5) == 2


async def test_latency_is_honoured(start: Start) -> None:
    _, api = await start(latency=0.05)
    for _ in range(2):
        elapsed, code = await timed(api)
        assert code == 0
        assert elapsed >= 0.05


async def test_latency_range_is_jittered_within_bounds(start: Start) -> None:
    _, api = await start(latency=(0.01, 0.04), seed=7)
    durations = [(await timed(api))[0] for _ in range(6)]
    assert all(0.01 <= elapsed < 0.5 for elapsed in durations)
    assert max(durations) - min(durations) > 0.003


# --- injected faults ---------------------------------------------------------------------


async def test_injected_error_answers_the_next_call_only(start: Start) -> None:
    emu, api = await start()
    emu.inject(error_code=68300008)
    status, body = await api.call("POST", PATENTS, json_body=PAGE)
    assert (status, body) == (
        200,
        {
            "status": False,
            "error_code": 68300008,
            "error_msg": "Service error, please try again later!",
        },
    )
    await api.ok("POST", PATENTS, json_body=PAGE)
    assert [(s.fault, s.error_code) for s in emu.log] == [("error", 68300008), (None, 0)]


async def test_injected_fault_times_and_path_prefix(start: Start) -> None:
    emu, api = await start()
    emu.inject(error_code=67200002, times=2, path="/basic-patent-data")
    await api.ok("POST", PATENTS, json_body=PAGE)
    assert await api.fails("GET", FAMILY, params=ONE_PATENT) == 67200002
    assert await api.fails("GET", FAMILY, params=ONE_PATENT) == 67200002
    await api.ok("GET", FAMILY, params=ONE_PATENT)
    assert [s.fault for s in emu.log] == [None, "error", "error", None]


async def test_injected_plain_server_error(start: Start) -> None:
    emu, api = await start()
    emu.inject(http_status=503)
    async with api.session.post(
        PATENTS, json=PAGE, headers={"Authorization": f"Bearer {emu.api_key}"}
    ) as resp:
        text = await resp.text()
        assert resp.status == 503
        assert resp.content_type == "text/html"
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)
    served = emu.log[-1]
    assert (served.http_status, served.error_code, served.fault) == (503, 0, "server_error")


async def test_injected_server_error_with_json_body(start: Start) -> None:
    emu, api = await start()
    emu.inject(http_status=502, error_code=67200100)
    status, body = await api.call("POST", PATENTS, json_body=PAGE)
    assert (status, body["status"], body["error_code"]) == (502, False, 67200100)
    assert emu.log[-1].fault == "server_error"


async def test_injected_drop_disconnects(start: Start) -> None:
    emu, api = await start()
    emu.inject(kind="drop")
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await api.call("POST", PATENTS, json_body=PAGE)
    await api.ok("POST", PATENTS, json_body=PAGE)
    assert [(s.fault, s.http_status) for s in emu.log] == [("drop", 0), (None, 200)]


async def test_aiohttp_retries_a_dropped_get_once_by_itself(start: Start) -> None:
    # aiohttp resends an idempotent request once after ServerDisconnected: SDK tests
    # of drops on GET endpoints must inject at least two.
    emu, api = await start()
    emu.inject(kind="drop", path=FAMILY)
    await api.ok("GET", FAMILY, params=ONE_PATENT)
    assert [s.fault for s in emu.log] == ["drop", None]
    emu.inject(kind="drop", times=2, path=FAMILY)
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await api.call("GET", FAMILY, params=ONE_PATENT)


async def test_injected_malformed_body(start: Start) -> None:
    emu, api = await start()
    emu.inject(kind="malformed")
    with pytest.raises(json.JSONDecodeError):
        await api.call("POST", PATENTS, json_body=PAGE)
    assert (emu.log[-1].http_status, emu.log[-1].fault) == (200, "malformed")


async def test_token_endpoint_is_faulted_only_when_targeted(start: Start) -> None:
    emu, api = await start()
    emu.inject(error_code=68300008)
    status, _ = await api.token_response()  # path=None targets business calls only
    assert status == 200
    emu.reset_log()
    emu.inject(http_status=500, path="/oauth/token")
    async with api.session.post("/oauth/token") as resp:
        assert resp.status == 500
    assert emu.log[-1].fault == "server_error"
    assert await api.fails("POST", PATENTS, json_body=PAGE) == 68300008


async def test_faults_come_after_authentication(start: Start) -> None:
    emu, api = await start()
    emu.inject(error_code=68300008)
    status, _ = await api.call("POST", PATENTS, json_body=PAGE, auth=None)
    assert status == 401
    assert await api.fails("POST", PATENTS, json_body=PAGE) == 68300008


def test_inject_rejects_bad_arguments() -> None:
    emu = Emulator()
    with pytest.raises(ValueError, match="kind"):
        emu.inject(kind="explode")
    with pytest.raises(ValueError, match="drop"):
        emu.inject(kind="drop", error_code=68300008)
    with pytest.raises(ValueError, match="error_code"):
        emu.inject()
    with pytest.raises(ValueError, match="times"):
        emu.inject(error_code=68300008, times=0)


# --- random faults -----------------------------------------------------------------------

RATES = FaultRates(
    server_error=0.1,
    error_codes={68300008: 0.1, 67200002: 0.05},
    drop=0.05,
    malformed=0.1,
)


async def faulted_outcomes(api: Api, count: int) -> list[str]:
    """Send *count* sequential POSTs; name what the client saw for each."""
    outcomes = []
    for _ in range(count):
        try:
            async with api.session.post(
                PATENTS, json=PAGE, headers={"Authorization": f"Bearer {api.emu.api_key}"}
            ) as resp:
                raw = await resp.read()
                status = resp.status
        except aiohttp.ServerDisconnectedError:
            outcomes.append("drop")
            continue
        try:
            body = json.loads(raw)
        except ValueError:
            outcomes.append(f"{status}-not-json")
            continue
        outcomes.append(f"{status}-{body['error_code']}")
    return outcomes


async def test_random_faults_follow_the_rates(start: Start) -> None:
    emu, api = await start(fault_rates=RATES, seed=3)
    outcomes = await faulted_outcomes(api, 400)
    faults = Counter(served.fault for served in emu.log)
    assert 20 <= faults["server_error"] <= 65
    assert 10 <= faults["drop"] <= 35
    assert 20 <= faults["malformed"] <= 65
    codes = Counter(served.error_code for served in emu.log if served.fault == "error")
    assert 20 <= codes[68300008] <= 65
    assert 8 <= codes[67200002] <= 35
    assert 140 <= faults[None] <= 260
    # The client saw exactly what the log says.
    assert outcomes.count("drop") == faults["drop"]
    assert outcomes.count("200-0") == faults[None]
    server_errors = [o for o in outcomes if o[:3] in ("500", "502", "503")]
    assert len(server_errors) == faults["server_error"]
    assert any(o.endswith("not-json") for o in server_errors)
    assert any(not o.endswith("not-json") for o in server_errors)


async def test_random_faults_are_reproducible_with_a_seed(start: Start) -> None:
    _, api_a = await start(fault_rates=RATES, seed=11)
    _, api_b = await start(fault_rates=RATES, seed=11)
    _, api_c = await start(fault_rates=RATES, seed=12)
    a = await faulted_outcomes(api_a, 60)
    b = await faulted_outcomes(api_b, 60)
    c = await faulted_outcomes(api_c, 60)
    assert a == b
    assert a != c


async def test_random_faults_spare_the_token_endpoint(start: Start) -> None:
    _, api = await start(fault_rates=FaultRates(drop=1.0))
    token = await api.token()
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await api.call("POST", PATENTS, json_body=PAGE, token=token)


async def test_injected_faults_win_over_random_ones(start: Start) -> None:
    emu, api = await start(fault_rates=FaultRates(malformed=1.0))
    emu.inject(error_code=68300004)
    assert await api.fails("POST", PATENTS, json_body=PAGE) == 68300004
    with pytest.raises(json.JSONDecodeError):
        await api.call("POST", PATENTS, json_body=PAGE)


def test_fault_rates_are_validated() -> None:
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        FaultRates(drop=1.5)
    with pytest.raises(ValueError, match="sum"):
        FaultRates(drop=0.6, malformed=0.5)
    with pytest.raises(ValueError, match="sum"):
        FaultRates(error_codes={68300008: 0.7, 67200002: 0.7})
    rates = {68300008: 0.1}
    frozen = FaultRates(error_codes=rates)
    rates[68300008] = 0.9
    assert frozen.error_codes == {68300008: 0.1}


# --- run_emulator ------------------------------------------------------------------------


async def test_run_emulator_serves_until_interrupted() -> None:
    root = Path(patsnap_async.testing.__file__).parents[2]
    code = (
        "from patsnap_async.testing import run_emulator\n"
        "run_emulator(port=0, api_key='sk-cli', qps=50)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(root)}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        code,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    try:
        banner = (await asyncio.wait_for(process.stdout.readline(), 5)).decode()
        url = banner.split()[-1]
        assert url.startswith("http://127.0.0.1:")
        rest = b"".join([await asyncio.wait_for(process.stdout.readline(), 5) for _ in range(4)])
        assert b"sk-cli" in rest
        assert b"test-client-secret" in rest
        async with (
            aiohttp.ClientSession() as session,
            session.get(
                url + FAMILY, params=ONE_PATENT, headers={"Authorization": "Bearer sk-cli"}
            ) as resp,
        ):
            assert (await resp.json())["status"] is True
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(process.communicate(), 5)
    assert process.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr
    assert b"GET /basic-patent-data/patent-family -> HTTP 200" in stderr


async def test_stopping_cancels_requests_the_client_gave_up_on() -> None:
    emu = Emulator(latency=5.0)
    loop = asyncio.get_running_loop()
    async with emu.serve() as url:
        async with aiohttp.ClientSession() as session:
            with pytest.raises(asyncio.TimeoutError):
                await session.get(
                    url + FAMILY, params=ONE_PATENT, timeout=aiohttp.ClientTimeout(total=0.05)
                )
        stopping = loop.time()
    assert loop.time() - stopping < 0.4
    assert [(s.path, s.http_status) for s in emu.log] == [(FAMILY, 0)]
