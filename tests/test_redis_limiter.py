"""RedisLimiter against a real redis-server and the emulator, over 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("redis")

from patsnap_async import PatsnapClient
from patsnap_async.redis import LimiterUnavailableError, RedisLimiter

from .conftest import FAST_RETRY, ServeFactory, business

FAMILY = "/basic-patent-data/patent-family"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def redis_server() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A throwaway redis-server on 127.0.0.1; `.ci/run` installs Debian's package."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed: .ci/run should install it")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = _free_port()
    process = start_redis(binary, port)
    try:
        yield f"redis://127.0.0.1:{port}/0", process
    finally:
        process.kill()
        process.wait()


def start_redis(binary: str, port: int) -> subprocess.Popen[bytes]:
    """A redis-server on 127.0.0.1:`port`, once it accepts connections."""
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return process
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("redis-server did not start")
        time.sleep(0.02)


@pytest.fixture
def redis_url() -> Iterator[str]:
    with redis_server() as (url, _):
        yield url


WORKER = """
import asyncio, json, sys, time
from patsnap_async import PatsnapClient
from patsnap_async.redis import RedisLimiter

url, redis_url, key, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
options = json.loads(sys.argv[5]) if len(sys.argv) > 5 else {}  # more RedisLimiter settings

async def main():
    limiter = RedisLimiter(redis_url, qps=20, key=key, **options)
    async with PatsnapClient(api_key="sk-test-api-key", base_url=url, qps=20,
                             limiter=limiter) as client:
        deadline = time.monotonic() + seconds
        async def worker(n):
            i = 0
            while time.monotonic() < deadline:
                await client.request("GET", "/basic-patent-data/patent-family",
                                     params={"patent_number": f"P{n}X{i}"})
                i += 1
        await asyncio.gather(*(worker(n) for n in range(20)))
    await limiter.aclose()

asyncio.run(main())
"""


async def test_four_processes_share_one_budget(serve: ServeFactory, redis_url: str) -> None:
    async with serve(qps=20, latency=(0.01, 0.2)) as (emu, url):
        processes = [
            await asyncio.create_subprocess_exec(
                sys.executable, "-c", WORKER, url, redis_url, "test:shared", "3"
            )
            for _ in range(4)
        ]
        codes = await asyncio.gather(*(p.wait() for p in processes))
        assert codes == [0, 0, 0, 0]
        calls = business(emu)
        assert emu.max_arrivals_in_window(1.0) <= 20
        assert not [s for s in calls if s.error_code == 67200002]
        # every process took part, and together they used the budget
        assert len({s.query["patent_number"].split("X")[0] for s in calls}) == 20
        times = sorted(s.time for s in calls)
        assert (len(times) - 1) / (times[-1] - times[0]) >= 18


async def test_two_limiters_on_one_key_never_exceed_it(serve: ServeFactory, redis_url: str) -> None:
    async with serve(qps=10) as (emu, url):
        limiters = [RedisLimiter(redis_url, qps=10, key="test:pair") for _ in range(2)]
        clients = [
            PatsnapClient(api_key=emu.api_key, base_url=url, limiter=lim, retry=FAST_RETRY)
            for lim in limiters
        ]
        await asyncio.gather(
            *(
                c.request("GET", FAMILY, params={"patent_number": f"US{i}B2"})
                for c in clients
                for i in range(12)
            )
        )
        for client, limiter in zip(clients, limiters, strict=True):
            await client.close()
            await limiter.aclose()
        assert len(business(emu)) == 24
        assert emu.max_arrivals_in_window(1.0) <= 10
        assert not [s for s in emu.log if s.error_code]


async def test_a_slow_down_is_shared_through_redis(redis_url: str) -> None:
    import redis.asyncio as aioredis

    one = RedisLimiter(redis_url, qps=10, key="test:slow")
    other = RedisLimiter(redis_url, qps=10, key="test:slow")
    await one.acquire()
    one.slow_down()
    one.slow_down()
    await asyncio.sleep(0.05)  # the slow-down is sent in the background
    state = aioredis.Redis.from_url(redis_url)
    fraction = float(await state.hget("test:slow:state", "fraction") or 1)
    assert 0.8 <= fraction < 0.82  # 10 req/s -> 9 -> 8.1, for every process
    # the other process now waits 1 / (0.98 * 10 * 0.81) ~ 126 ms between requests
    await other.acquire()
    started = asyncio.get_running_loop().time()
    await other.acquire()
    assert asyncio.get_running_loop().time() - started >= 0.11
    await state.aclose()
    await one.aclose()
    await other.aclose()


async def test_redis_down_is_a_clear_error_by_default(serve: ServeFactory) -> None:
    with redis_server() as (redis_url, process):
        async with serve() as (emu, url):
            limiter = RedisLimiter(redis_url, qps=50, key="test:down")
            client = PatsnapClient(api_key=emu.api_key, base_url=url, limiter=limiter)
            async with client:
                await client.request("GET", FAMILY, params={"patent_number": "US1B2"})
                process.kill()
                process.wait()
                with pytest.raises(LimiterUnavailableError, match="fallback=True"):
                    await client.request("GET", FAMILY, params={"patent_number": "US2B2"})
            assert len(business(emu)) == 1  # nothing was sent unpaced
            with contextlib.suppress(Exception):
                await limiter.aclose()


async def test_redis_down_with_fallback_paces_locally(
    serve: ServeFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="patsnap_async")
    with redis_server() as (redis_url, process):
        async with serve() as (emu, url):
            limiter = RedisLimiter(
                redis_url, qps=40, key="test:fallback", fallback=True, fallback_share=0.25
            )
            async with PatsnapClient(api_key=emu.api_key, base_url=url, limiter=limiter) as c:
                await c.request("GET", FAMILY, params={"patent_number": "US0B2"})
                process.kill()
                process.wait()
                await asyncio.gather(
                    *(
                        c.request("GET", FAMILY, params={"patent_number": f"US{i}B2"})
                        for i in range(1, 8)
                    )
                )
            assert len(business(emu)) == 8
            after = [s.time for s in business(emu)][1:]
            # locally at 0.25 * 40 = 10 req/s: about 100 ms apart
            assert (after[-1] - after[0]) / (len(after) - 1) >= 0.09
            assert "Redis unreachable" in caplog.text
            with contextlib.suppress(Exception):
                await limiter.aclose()


async def test_processes_stay_under_the_limit_when_redis_goes_and_comes_back(
    serve: ServeFactory,
) -> None:
    # Four processes share 20/s, each falls back to a quarter of it. When Redis goes,
    # the shared log's last second still counts at the server; when it comes back
    # (restarted, empty), the local requests of the last second still count too.
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = _free_port()
    redis_url = f"redis://127.0.0.1:{port}/0"
    process = start_redis(binary, port)
    try:
        async with serve(qps=20, latency=(0.01, 0.1)) as (emu, url):
            workers = [
                await asyncio.create_subprocess_exec(
                    *(sys.executable, "-c", WORKER, url, redis_url, "test:flaky", "7"),
                    json.dumps({"fallback": True, "fallback_share": 0.25, "retry_after": 0.5}),
                )
                for _ in range(4)
            ]
            # Redis goes a second after the workers' first requests: started on a busy
            # machine, a process may take seconds to import before it sends anything.
            loop = asyncio.get_running_loop()
            started = loop.time()
            while not business(emu) and loop.time() < started + 30:  # noqa: ASYNC110 (other processes)
                await asyncio.sleep(0.05)
            await asyncio.sleep(1.0)
            process.kill()
            process.wait()
            gone = asyncio.get_running_loop().time()
            await asyncio.sleep(2.0)
            process = start_redis(binary, port)
            back = asyncio.get_running_loop().time()
            codes = await asyncio.gather(*(w.wait() for w in workers))
            assert codes == [0, 0, 0, 0]
            calls = business(emu)
            assert not [s for s in calls if s.error_code == 67200002]
            assert emu.max_arrivals_in_window(1.0) <= 20
            # requests went out in every phase: shared, local, shared again
            assert [s for s in calls if s.time < gone]
            assert [s for s in calls if gone + 1.1 < s.time < back]
            assert [s for s in calls if s.time > back + 1.0]
    finally:
        process.kill()
        process.wait()


def test_bad_settings_are_named() -> None:
    with pytest.raises(ValueError, match="qps"):
        RedisLimiter("redis://127.0.0.1:1/0", qps=0)
    with pytest.raises(ValueError, match="fallback_share"):
        RedisLimiter("redis://127.0.0.1:1/0", qps=5, fallback_share=2)


def test_limiter_protocol_is_checked() -> None:
    from patsnap_async import ConfigurationError, Limiter, Pacer

    assert isinstance(Pacer(5), Limiter)
    assert isinstance(RedisLimiter("redis://127.0.0.1:1/0", qps=5), Limiter)
    bad: Any = object()
    with pytest.raises(ConfigurationError, match="limiter"):
        PatsnapClient(api_key="sk-1", limiter=bad)
