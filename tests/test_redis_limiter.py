"""RedisLimiter against a real redis-server and the emulator, over 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, TypeVar

import pytest

pytest.importorskip("redis")

from patsnap_async import LimiterUnavailableError, PatsnapClient
from patsnap_async.redis import RedisLimiter

from .conftest import FAST_RETRY, ServeFactory, business

FAMILY = "/basic-patent-data/patent-family"
T = TypeVar("T")


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
import asyncio, json, sys
from patsnap_async import PatsnapClient
from patsnap_async.redis import RedisLimiter

url, redis_url, key, tag = sys.argv[1:5]
options = json.loads(sys.argv[5]) if len(sys.argv) > 5 else {}  # more RedisLimiter settings

async def main():
    # Sends until its stdin is closed (by the test, or by the test's end), then cancels
    # the requests still waiting for their turn: no backlog drains after the test.
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    limiter = RedisLimiter(redis_url, qps=20, key=key, **options)
    async with PatsnapClient(api_key="sk-test-api-key", base_url=url, qps=20,
                             limiter=limiter) as client:
        async def worker(n):
            i = 0
            while True:
                await client.request("GET", "/basic-patent-data/patent-family",
                                     params={"patent_number": f"{tag}P{n}X{i}"})
                i += 1
        workers = asyncio.gather(*(worker(n) for n in range(5)))
        stop = asyncio.ensure_future(reader.read())
        await asyncio.wait([stop, workers], timeout=60, return_when=asyncio.FIRST_COMPLETED)
        if workers.done():
            workers.result()  # a worker failed: its error, and exit status 1
        stop.cancel()
        workers.cancel()
        await asyncio.gather(workers, return_exceptions=True)
    await limiter.aclose()

asyncio.run(main())
"""


@contextlib.asynccontextmanager
async def workers(count: int, *args: str) -> AsyncIterator[list[asyncio.subprocess.Process]]:
    """`count` WORKER processes started at once, tagged W0, W1, ... in their ids."""
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", WORKER, *args[:3], f"W{n}", *args[3:],
            stdin=asyncio.subprocess.PIPE,
        )
        for n in range(count)
    ]  # fmt: skip
    try:
        yield processes
    finally:
        for process in processes:
            if process.returncode is None:
                process.kill()
            await process.wait()


async def stop(processes: list[asyncio.subprocess.Process]) -> list[int]:
    """Close the workers' stdin: each stops sending and exits; their exit statuses."""
    for process in processes:
        assert process.stdin is not None
        process.stdin.close()
    return list(await asyncio.wait_for(asyncio.gather(*(p.wait() for p in processes)), 30))


async def until(condition: Callable[[], bool], what: str) -> None:
    """Wait for other processes to make `condition` true; fail after 30 s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while not condition():
        if loop.time() > deadline:
            pytest.fail(f"gave up waiting: {what}")
        await asyncio.sleep(0.02)


def tags(calls: list[Any]) -> set[str]:
    """The worker processes (W0, W1, ...) the calls came from."""
    return {s.query["patent_number"].split("P")[0] for s in calls}


def tasks(calls: list[Any]) -> set[str]:
    """The tasks (W0P0 ... W3P4: five in each process) the calls came from."""
    return {s.query["patent_number"].split("X")[0] for s in calls}


async def test_four_processes_share_one_budget(serve: ServeFactory, redis_url: str) -> None:
    async with serve(qps=20, latency=(0.01, 0.2)) as (emu, url):
        async with workers(4, url, redis_url, "test:shared") as processes:
            # Started on a busy machine, a process may take seconds to import: the
            # four share the budget for a second once every task of each has sent.
            await until(lambda: len(tasks(business(emu))) == 20, "a request from each task")
            await asyncio.sleep(1.0)
            codes = await stop(processes)
        assert codes == [0, 0, 0, 0]
        calls = business(emu)
        assert emu.max_arrivals_in_window(1.0) <= 20
        assert not [s for s in calls if s.error_code == 67200002]
        # every process took part, each task of each (how much of the budget they used
        # together is a rate a loaded machine bends: not asserted here)
        assert tags(calls) == {"W0", "W1", "W2", "W3"}
        assert len(tasks(calls)) == 20


async def test_two_limiters_on_one_key_never_exceed_it(serve: ServeFactory, redis_url: str) -> None:
    # 40/s: each limiter alone would send the 30 requests in under a second.
    async with serve(qps=40) as (emu, url):
        limiters = [RedisLimiter(redis_url, qps=40, key="test:pair") for _ in range(2)]
        clients = [
            PatsnapClient(api_key=emu.api_key, base_url=url, limiter=lim, retry=FAST_RETRY)
            for lim in limiters
        ]
        await asyncio.gather(
            *(
                c.request("GET", FAMILY, params={"patent_number": f"US{i}B2"})
                for c in clients
                for i in range(30)
            )
        )
        for client, limiter in zip(clients, limiters, strict=True):
            await client.close()
            await limiter.aclose()
        assert len(business(emu)) == 60
        assert emu.max_arrivals_in_window(1.0) <= 40
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
    settings = json.dumps({"fallback": True, "fallback_share": 0.25, "retry_after": 0.5})
    loop = asyncio.get_running_loop()
    try:
        async with (
            serve(qps=20, latency=(0.01, 0.1)) as (emu, url),
            workers(4, url, redis_url, "test:flaky", settings) as processes,
        ):
            # Redis goes a second after every worker has sent: started on a busy
            # machine, a process may take seconds to import before it sends anything.
            await until(lambda: len(tags(business(emu))) == 4, "a request from each worker")
            await asyncio.sleep(1.0)
            process.kill()
            process.wait()
            gone = loop.time()
            await asyncio.sleep(2.0)
            # Started off the loop: the emulator's arrival times stay on time meanwhile.
            process = await asyncio.to_thread(start_redis, binary, port)
            back = loop.time()
            await asyncio.sleep(2.0)
            codes = await stop(processes)
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


@contextlib.contextmanager
def frozen(process: subprocess.Popen[bytes]) -> Iterator[None]:
    """redis-server stopped (SIGSTOP): alive, accepting connections, answering nothing."""
    process.send_signal(signal.SIGSTOP)
    try:
        yield
    finally:
        process.send_signal(signal.SIGCONT)


async def without_stalling(awaitable: Awaitable[T], what: str) -> T:
    """`awaitable`'s result; fail if it is still waiting after 30 s: it stalled."""
    guard = asyncio.timeout(30)
    try:
        async with guard:
            return await awaitable
    except TimeoutError:
        if guard.expired():
            pytest.fail(f"stalled on a frozen Redis: {what}")
        raise


def no_answers(caplog: pytest.LogCaptureFixture) -> int:
    """How many Redis calls the limiter gave up on, by the warnings it logged."""
    return sum("no answer within redis_timeout=0.5 s" in r.getMessage() for r in caplog.records)


def unanswering_client(url: str) -> Any:
    """A Redis client with no socket timeout of its own, as redis-py 5.0 makes them.

    Without the limiter's own timeout, a frozen Redis stalls it forever.
    """
    import redis.asyncio as aioredis

    return aioredis.Redis.from_url(url, socket_timeout=None)


async def test_frozen_redis_with_fallback_paces_locally_with_one_attempt(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="patsnap_async")
    with redis_server() as (url, process):
        shared = unanswering_client(url)
        limiter = RedisLimiter(shared, qps=40, key="test:frozen", fallback=True, retry_after=60)
        await limiter.acquire()
        with frozen(process):
            # Five tasks ask at once: the first waits redis_timeout for an answer, the
            # others, queued behind it, go straight to the local pacer when it gives up.
            admitted = await without_stalling(
                asyncio.gather(*(limiter.acquire() for _ in range(5))), "five acquires"
            )
            assert len(admitted) == 5
            assert no_answers(caplog) == 1
            assert "pacing locally" in caplog.text
        await shared.aclose()


async def test_frozen_redis_with_fallback_rejoins_when_it_answers_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import redis.asyncio as aioredis

    caplog.set_level(logging.WARNING, logger="patsnap_async")
    with redis_server() as (url, process):
        shared = unanswering_client(url)
        # retry_after=0: every acquire asks Redis first, and gives up after redis_timeout
        limiter = RedisLimiter(shared, qps=40, key="test:thaw", fallback=True, retry_after=0)
        await limiter.acquire()
        with frozen(process):
            for _ in range(3):
                await without_stalling(limiter.acquire(), "an acquire with fallback=True")
            assert no_answers(caplog) == 3
        # Awake, Redis runs the calls that were cut off and answers them: had redis-py
        # kept their connections, the answers would wait there to be misread. Once a
        # new client is answered, they have been written.
        probe = aioredis.Redis.from_url(url)
        assert await probe.ping()
        await without_stalling(limiter.acquire(), "the acquire that rejoins")
        assert "Redis reachable again" in caplog.text
        # Each call reads its own answer, none left over from before the freeze.
        for n in range(10):
            assert await shared.echo(f"after-{n}") == f"after-{n}".encode()
        members = [m.decode() for m in await probe.zrange("test:thaw:log", 0, -1)]
        assert [m for m in members if ":local:" in m]  # the local requests, shared again
        await probe.aclose()
        await shared.aclose()


async def test_frozen_redis_without_fallback_is_a_clear_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="patsnap_async")
    with redis_server() as (url, process):
        # The limiter's own client, as most users make it (redis-py 8: 5 s socket timeout)
        limiter = RedisLimiter(url, qps=20, key="test:frozen-error")
        await limiter.acquire()
        with frozen(process):
            with pytest.raises(LimiterUnavailableError, match=r"redis_timeout=0\.5 s"):
                await without_stalling(limiter.acquire(), "an acquire without fallback")
            with pytest.raises(LimiterUnavailableError, match="fallback=True"):
                await without_stalling(limiter.acquire(), "a second acquire")
        await without_stalling(limiter.acquire(), "an acquire once Redis answers")
        await limiter.aclose()


async def test_slow_down_and_aclose_on_a_frozen_redis_give_up(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="patsnap_async")
    with redis_server() as (url, process):
        shared = unanswering_client(url)
        limiter = RedisLimiter(shared, qps=20, key="test:frozen-slow")
        owned = RedisLimiter(url, qps=20, key="test:frozen-slow")
        await limiter.acquire()
        await owned.acquire()
        with frozen(process):
            limiter.slow_down()  # sent in the background: each gives up, with a warning
            owned.slow_down()
            await until(lambda: no_answers(caplog) == 2, "both slow-downs given up")
            assert caplog.text.count("could not share a slow-down") == 2
            await without_stalling(owned.aclose(), "aclose")
        await shared.aclose()


def test_bad_settings_are_named() -> None:
    with pytest.raises(ValueError, match="qps"):
        RedisLimiter("redis://127.0.0.1:1/0", qps=0)
    with pytest.raises(ValueError, match="fallback_share"):
        RedisLimiter("redis://127.0.0.1:1/0", qps=5, fallback_share=2)


def test_limiter_protocol_is_checked() -> None:
    from patsnap_async import ConfigurationError, Pacer
    from patsnap_async.interfaces import Limiter

    assert isinstance(Pacer(5), Limiter)
    assert isinstance(RedisLimiter("redis://127.0.0.1:1/0", qps=5), Limiter)
    bad: Any = object()
    with pytest.raises(ConfigurationError, match="limiter"):
        PatsnapClient(api_key="sk-1", limiter=bad)
