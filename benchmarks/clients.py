"""The four ways of calling the platform that the benchmark compares, one run per process.

`run.py` starts `python benchmarks/clients.py SPECS_JSON` next to an emulator process,
then writes the emulator's URLs on this process's stdin, one for each spec in the list
(one in the full run; `--quick` runs several at once); it prints one JSON line with a
result for each: what the client saw (elapsed time, requests, 67200002 answers,
records, CPU time and RSS samples). The
emulator counts arrivals itself, so nothing here has to be trusted for the rate the
server saw.

The approaches:

- `patsnap-async`: `PatsnapClient(qps=Q)` used as its README says.
- `raw aiohttp`: one `aiohttp.ClientSession`, hand-rolled. Paced scenarios launch one
  request every 1/Q s and send a 67200002 answer to the back of the queue; unpaced
  scenarios run a fixed pool of workers. The overhead ceiling: nothing but aiohttp
  and `json.loads`.
- `naive gather`: `asyncio.gather` of every request at once, default session, no
  limiter and no retry (what the server rejects).
- `sequential`: one call at a time with `asyncio.sleep(0.2)` between calls and 20 ids
  per call, like PatSnap's example scripts. It is time-boxed; its elapsed time for
  the whole job is then extrapolated from the part it did.
"""

from __future__ import annotations

import asyncio
import collections
import gc
import json
import os
import resource
import sys
import threading
import time
import traceback
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import aiohttp
import attrs

from patsnap_async import AuthenticationError, PatsnapClient, PatsnapError
from patsnap_async.endpoints import FAMILY

FAMILY_PATH = "/basic-patent-data/patent-family"
SEQUENCE_PATENT_PATH = "/bio-openapi/sequence/patent"
RATE_LIMITED = 67200002
SEQUENTIAL_SLEEP = 0.2
SEQUENTIAL_IDS_PER_CALL = 20
IDS_PER_REQUEST = 100
PAGE_SIZE = 100
# Connections of the raw client: enough for Q requests a second that take 10 s each.
RAW_CONNECTIONS = 1000


class Tally:
    """What one approach did, counted by the client itself."""

    def __init__(self) -> None:
        self.sent = 0  # HTTP requests sent
        self.ok = 0  # answered with data
        self.rejected = 0  # 67200002 answers
        self.failed = 0  # any other error
        self.items = 0  # records received (families, patents)
        self.units_done = 0  # work units finished (requests, ids or pages)

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


class RssSampler:
    """Samples this process's resident set size from a thread, every `interval` s."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.samples: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append((time.monotonic(), rss_mb()))

    def _run(self) -> None:
        while True:
            self.samples.append((time.monotonic(), rss_mb()))
            if self._stop.wait(self.interval):
                return

    def summary(self, start: float, end: float) -> dict[str, Any]:
        """Peak, and RSS at 10 % and 90 % of the run (between `start` and `end`)."""
        during = [(t, mb) for t, mb in self.samples if start <= t <= end] or self.samples

        def at(fraction: float) -> float:
            moment = start + fraction * (end - start)
            return min(during, key=lambda s: abs(s[0] - moment))[1]

        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        step = max(1, len(during) // 200)
        return {
            "peak_mb": round(max(peak_kb / 1024, *(mb for _, mb in self.samples)), 1),
            "at10_mb": round(at(0.1), 1),
            "at90_mb": round(at(0.9), 1),
            "growth_mb": round(at(0.9) - at(0.1), 1),
            "samples": [[round(t - start, 2), round(mb, 1)] for t, mb in during[::step]],
        }


class LagMonitor:
    """How late the event loop wakes a 5 ms sleep: how long it was stalled by other work."""

    def __init__(self) -> None:
        self.lags: list[float] = []
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> dict[str, float]:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        return lag_summary(self.lags)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(0.005)
            self.lags.append(loop.time() - before - 0.005)


def lag_summary(lags: list[float]) -> dict[str, float]:
    """Percentiles of event-loop lag, in ms, and the number of stalls over 20 ms."""
    if not lags:
        return {}
    ordered = sorted(lags)
    return {
        "p50_ms": round(1000 * ordered[len(ordered) // 2], 2),
        "p99_ms": round(1000 * ordered[int(len(ordered) * 0.99)], 2),
        "max_ms": round(1000 * ordered[-1], 1),
        "stalls_over_20ms": sum(lag > 0.02 for lag in ordered),
    }


class GcPauses:
    """How long the garbage collector stopped this process, by generation."""

    def __init__(self) -> None:
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.pauses[info["generation"]].append(time.perf_counter() - self._began)

    def summary(self) -> dict[str, Any]:
        return {
            f"gen{generation}": {
                "count": len(pauses),
                "total_s": round(sum(pauses), 3),
                "max_ms": round(1000 * max(pauses, default=0.0), 1),
            }
            for generation, pauses in self.pauses.items()
        }


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Run:
    """One approach on one scenario: its settings, its tally, and shared helpers."""

    def __init__(self, spec: dict[str, Any], url: str) -> None:
        self.spec = spec
        self.params: dict[str, Any] = spec["params"]
        self.url = url
        self.api_key: str = spec["api_key"]
        self.tally = Tally()
        self.finished = False
        self.note = ""
        self.window: dict[str, float] | None = None

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def client(self, **options: Any) -> PatsnapClient:
        return PatsnapClient(api_key=self.api_key, base_url=self.url, **options)

    async def get_family(self, session: aiohttp.ClientSession, ids: list[str]) -> bool | None:
        """One P014 request. True: answered; False: 67200002; None: another error."""
        self.tally.sent += 1
        async with session.get(
            self.url + FAMILY_PATH,
            params={"patent_number": ",".join(ids)},
            headers=self.headers,
        ) as response:
            body = json.loads(await response.read())
        return self._settle(body, lambda data: len(data or []))

    async def get_page(
        self, session: aiohttp.ClientSession, seq_id: str, page: int
    ) -> tuple[bool | None, dict[str, Any] | None]:
        """One B005 page: (outcome as for `get_family`, the answer's `data` or None)."""
        self.tally.sent += 1
        async with session.post(
            self.url + SEQUENCE_PATENT_PATH,
            json={"seq_id": seq_id, "page": page, "size": PAGE_SIZE},
            headers=self.headers,
        ) as response:
            body = json.loads(await response.read())
        outcome = self._settle(body, lambda data: len(data["patents"]))
        return outcome, body["data"] if outcome else None

    def _settle(self, body: Any, count: Callable[[Any], int]) -> bool | None:
        if body.get("status") is True:
            self.tally.ok += 1
            self.tally.items += count(body.get("data"))
            return True
        if body.get("error_code") == RATE_LIMITED:
            self.tally.rejected += 1
            return False
        self.tally.failed += 1
        return None


def family_ids(count: int, *, offset: int = 0) -> list[str]:
    return [f"US{10_000_000 + offset + i}B2" for i in range(count)]


def chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


async def time_box(work: Awaitable[Any], seconds: float) -> bool:
    """Run `work` for at most `seconds`; True if it finished."""
    try:
        await asyncio.wait_for(work, seconds)
    except TimeoutError:
        return False
    return True


async def paced(
    jobs: Iterable[Any], rate: float, send: Callable[[Any], Awaitable[bool | None]]
) -> None:
    """The raw loop: launch one job every 1/rate s; a 67200002 sends it to the back."""
    queue = collections.deque(jobs)
    loop = asyncio.get_running_loop()
    running: set[asyncio.Task[None]] = set()
    next_slot = loop.time()

    async def one(job: Any) -> None:
        if await send(job) is False:
            queue.append(job)

    try:
        while queue or running:
            if not queue:
                await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                continue
            next_slot = max(next_slot, loop.time())
            await asyncio.sleep(next_slot - loop.time())
            task = loop.create_task(one(queue.popleft()))
            running.add(task)
            task.add_done_callback(running.discard)
            next_slot += 1 / rate
    finally:
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)


async def sequential(jobs: Iterable[Any], send: Callable[[Any], Awaitable[Any]]) -> None:
    """One call at a time, 0.2 s apart."""
    for position, job in enumerate(jobs):
        if position:
            await asyncio.sleep(SEQUENTIAL_SLEEP)
        await send(job)


async def naive(jobs: Iterable[Any], send: Callable[[Any], Awaitable[Any]]) -> None:
    await asyncio.gather(*(send(job) for job in jobs), return_exceptions=True)


# --- pacing: a backlog of family lookups for D seconds under the server's limit ------


async def pacing(run: Run, approach: str) -> None:
    # The client is told `client_qps`: the account's limit `qps` unless the scenario
    # is that nobody knows it.
    q, box = run.params.get("client_qps", run.params["qps"]), run.params["duration"] + 0.5
    requests = int(1.2 * run.params["duration"] * q) + 10
    ids = family_ids(requests * IDS_PER_REQUEST)
    if approach == "patsnap-async":
        # As the bundled harvester (`patsnap-async family`) does it: calls of 100 ids,
        # `max_concurrency` of them in flight, each result dropped once counted.
        chunk_list = chunks(ids, IDS_PER_REQUEST)
        async with run.client(qps=q) as client:

            async def harvester() -> None:
                while chunk_list:
                    # Not bound to a name: a worker waiting for its next turn must not
                    # keep its last answer alive (500 of them make the collector slow).
                    try:
                        run.tally.items += len(await client.patents.family(chunk_list.pop()))
                    except PatsnapError:
                        run.tally.failed += 1
                        continue
                    run.tally.units_done += 1

            workers = [harvester() for _ in range(client.max_concurrency)]
            run.finished = await time_box(asyncio.gather(*workers), box)
            _sdk_tally(run, client)
            accepted = client.stats.accepted_qps
        run.note = "100 ids per family() call, max_concurrency calls in flight"
        if accepted is not None:
            run.note += f"; stats.accepted_qps = {accepted:g}"
        return
    async with session_for(approach) as session:
        send = _family_unit(run, session)
        if approach == "sequential":
            work = sequential(chunks(ids, SEQUENTIAL_IDS_PER_CALL), send)
            run.note = f"{SEQUENTIAL_IDS_PER_CALL} ids per call"
        elif approach == "raw aiohttp":
            work = paced(chunks(ids, IDS_PER_REQUEST), q, send)
            run.note = "one request every 1/Q s, 67200002 re-queued"
        else:
            work = naive(chunks(ids, IDS_PER_REQUEST), send)
            run.note = "no retries: rejected requests are lost"
        run.finished = await time_box(work, box)


def _sdk_tally(run: Run, client: PatsnapClient) -> None:
    run.tally.sent = client.stats.requests
    run.tally.rejected = client.stats.rate_limited


def _family_unit(
    run: Run, session: aiohttp.ClientSession, *, per_id: bool = False
) -> Callable[[list[str]], Awaitable[bool | None]]:
    async def send(ids: list[str]) -> bool | None:
        outcome = await run.get_family(session, ids)
        if outcome:
            run.tally.units_done += len(ids) if per_id else 1
        return outcome

    return send


def session_for(approach: str, connections: int = RAW_CONNECTIONS) -> aiohttp.ClientSession:
    """Naive code uses a default session (100 connections); the others size theirs."""
    if approach == "naive gather":
        return aiohttp.ClientSession()
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=connections))


# --- overhead: no limit, no latency, a fixed pool of workers -------------------------


async def overhead(run: Run, approach: str) -> None:
    warmup, seconds, size = run.params["warmup"], run.params["duration"], run.params["ids"]
    workers = run.params["workers"]
    counter = iter(range(10**9))

    def next_ids() -> list[str]:
        return family_ids(size, offset=next(counter) * size)

    async def measure() -> None:
        # The window closes after `seconds`, or earlier when the work is all done.
        await asyncio.sleep(warmup)
        tally = run.tally
        before = (tally.units_done, time.process_time(), time.monotonic(), tally.items)
        try:
            await asyncio.sleep(seconds)
        finally:
            after = (tally.units_done, time.process_time(), time.monotonic(), tally.items)
            run.window = {
                "requests": after[0] - before[0],
                "cpu_s": after[1] - before[1],
                "seconds": after[2] - before[2],
                "records": after[3] - before[3],
            }

    if approach == "patsnap-async":
        generic = run.params.get("generic", False)
        as_dicts = attrs.evolve(FAMILY, model=None)  # a catalog lookup: no model
        traced = _providers() if run.params.get("traced") else {}
        async with run.client(qps=1_000_000, max_concurrency=workers, **traced) as client:

            async def sdk_worker() -> None:
                while True:
                    # Counted and dropped at once, as the raw workers do: a result kept
                    # while the next call waits would be 64 x 100 records alive for the
                    # garbage collector to walk, which is not the SDK's overhead.
                    ids = next_ids()
                    if generic:
                        found = len(await client.lookup(as_dicts, ids))
                    else:
                        found = len(await client.patents.family(ids))
                    # Added after the await: `tally.items += len(await ...)` would read
                    # the tally before the call and lose what other workers added.
                    run.tally.items += found
                    run.tally.units_done += 1

            await _pool(sdk_worker, workers, measure())
            _sdk_tally(run, client)
        call = "client.lookup(P014 as dicts)" if generic else "client.patents.family()"
        run.note = f"{workers} tasks calling {call}, qps=1e6"
        if traced:
            run.note += ", traced (OpenTelemetry SDK, spans dropped by the exporter)"
    else:
        async with session_for(approach, workers) as session:
            send = _family_unit(run, session)

            async def raw_worker() -> None:
                while True:
                    await send(next_ids())

            async def one_at_a_time() -> None:
                await sequential(iter(next_ids, None), send)

            if approach == "raw aiohttp":
                await _pool(raw_worker, workers, measure())
                run.note = f"{workers} workers, json.loads"
            elif approach == "sequential":
                await _pool(one_at_a_time, 1, measure())
            else:
                backlog = run.params["naive_backlog"]
                everything = naive((next_ids() for _ in range(backlog)), send)
                await _pool(lambda: everything, 1, measure())
                run.note = f"gather of {backlog} requests, default session"
    run.finished = True


def _providers() -> dict[str, Any]:
    """A tracer and a meter provider of OpenTelemetry's SDK, as an application sets them.

    Spans go through a batch span processor to an exporter that drops them, and the
    metrics to a reader that is never collected: the cost of tracing, without that
    of a network exporter.
    """
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.metrics.export import InMemoryMetricReader
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult

    class Dropped(SpanExporter):
        def export(self, spans: Any) -> SpanExportResult:
            return SpanExportResult.SUCCESS

    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(BatchSpanProcessor(Dropped()))
    meter_provider = MeterProvider(metric_readers=[InMemoryMetricReader()])
    return {"tracer_provider": tracer_provider, "meter_provider": meter_provider}


async def _pool(worker: Callable[[], Awaitable[None]], count: int, until: Awaitable[None]) -> None:
    """Run `count` workers until `until` is done; a worker's crash is raised at once."""
    tasks = [asyncio.ensure_future(worker()) for _ in range(count)]
    timer = asyncio.ensure_future(until)
    try:
        await asyncio.wait([timer, *tasks], return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (timer, *tasks):
            task.cancel()
        await asyncio.gather(timer, *tasks, return_exceptions=True)
    for task in tasks:
        if not task.cancelled() and task.exception() is not None:
            raise RuntimeError("a worker failed") from task.exception()


# --- families: N ids under Q with latency ---------------------------------------------


async def families(run: Run, approach: str) -> None:
    q, box = run.params["qps"], run.params["time_box"]
    ids = family_ids(run.params["ids"])
    if approach == "patsnap-async":
        async with run.client(qps=q) as client:
            result = await client.patents.family(ids)
            run.tally.items = len(result)
            run.tally.units_done = len(result) + len(result.missing)
            _sdk_tally(run, client)
        run.finished = True
        return
    async with session_for(approach) as session:
        send = _family_unit(run, session, per_id=True)
        if approach == "raw aiohttp":
            work = paced(chunks(ids, IDS_PER_REQUEST), q, send)
            run.note = "one request every 1/Q s, 67200002 re-queued"
        elif approach == "sequential":
            work = sequential(chunks(ids, SEQUENTIAL_IDS_PER_CALL), send)
            run.note = f"{SEQUENTIAL_IDS_PER_CALL} ids per call"
        else:
            work = naive(chunks(ids, IDS_PER_REQUEST), send)
            run.note = "no retries: rejected requests are lost"
        run.finished = await time_box(work, box)


# --- drain and stream: every patent of one sequence, page by page --------------------


async def drain(run: Run, approach: str) -> None:
    await _pages(run, approach, qps=run.params["qps"])


async def stream(run: Run, approach: str) -> None:
    await _pages(run, approach, qps=None)


async def _pages(run: Run, approach: str, *, qps: float | None) -> None:
    seq_id, total, box = run.params["seq_id"], run.params["patents"], run.params["time_box"]
    pages = -(-total // PAGE_SIZE)
    if approach == "patsnap-async":
        # Unpaced (stream): a client whose quota is far above what the server can do.
        async with run.client(qps=qps or 1_000_000) as client:

            async def consume() -> None:
                async for _patent in client.sequences.iter_patents(seq_id):
                    run.tally.items += 1
                    run.tally.units_done += 1

            run.finished = await time_box(consume(), box)
            _sdk_tally(run, client)
        return
    workers = run.params.get("workers", 0)
    async with session_for(approach, RAW_CONNECTIONS if qps else workers) as session:

        async def fetch(page: int) -> bool | None:
            outcome, data = await run.get_page(session, seq_id, page)
            if data is not None:
                run.tally.units_done += len(data["patents"])
            return outcome

        async def keep(page: int) -> dict[str, Any] | None:
            return (await run.get_page(session, seq_id, page))[1]

        async def everything() -> None:
            first = await keep(1)
            rest = await asyncio.gather(*(keep(p) for p in range(2, pages + 1)))
            # What gather hands back: every page in memory at once.
            for data in (first, *rest):
                run.tally.units_done += len(data["patents"]) if data else 0

        async def first_then_paced() -> None:
            await fetch(1)
            await paced(range(2, pages + 1), qps or 0, fetch)

        numbers = iter(range(1, pages + 1))

        async def raw_worker() -> None:
            for page in numbers:
                await fetch(page)

        if approach == "sequential":
            work = sequential(range(1, pages + 1), fetch)
            run.note = "pages of 100, the API's page size (ids per call do not apply)"
        elif approach == "naive gather":
            work = everything()
            run.note = "page 1, then a gather of all other pages; no retries"
        elif qps:
            work = first_then_paced()
            run.note = "page 1, then one page every 1/Q s, 67200002 re-queued"
        else:
            work = asyncio.gather(*(raw_worker() for _ in range(workers)))
            run.note = f"{workers} workers, pages in any order, json.loads"
        run.finished = await time_box(work, box)


# --- tokens: a queue longer than a token lives ---------------------------------------

CLIENT_ID, CLIENT_SECRET = "test-client-id", "test-client-secret"  # the emulator's


async def tokens(run: Run, approach: str) -> None:
    q, calls, box = run.params["qps"], run.params["calls"], run.params["box"]
    ids = family_ids(calls)
    if approach == "patsnap-async":
        async with PatsnapClient(
            client_id=CLIENT_ID, client_secret=CLIENT_SECRET, base_url=run.url, qps=q
        ) as client:

            async def one(pn: str) -> None:
                try:
                    await client.patents.family([pn])
                except AuthenticationError:  # a refused token stops the call, as itself
                    run.tally.failed += 1
                    return
                run.tally.units_done += 1

            run.finished = await time_box(asyncio.gather(*(one(pn) for pn in ids)), box)
            _sdk_tally(run, client)
        run.note = f"{calls} family() calls of 1 id gathered at once"
        return
    async with session_for(approach) as session:
        token = [await _buy_token(run, session)]

        async def send(pn: str) -> bool | None:
            held = token[0]
            run.tally.sent += 1
            async with session.get(
                run.url + FAMILY_PATH,
                params={"patent_number": pn, "apikey": CLIENT_ID},
                headers={"Authorization": f"Bearer {held}"},
            ) as response:
                body = json.loads(await response.read())
            if body.get("error_code") == 67200003 and approach == "raw aiohttp":
                if token[0] == held:  # the first to see it buys the next one
                    token[0] = await _buy_token(run, session)
                return False  # to the back of the queue
            outcome = run._settle(body, lambda data: len(data or []))
            if outcome:
                run.tally.units_done += 1
            return outcome

        if approach == "raw aiohttp":
            work = paced(ids, q, send)
            run.note = "one request every 1/Q s; a refused token is bought again, re-queued"
        else:
            work = naive(ids, send)
            run.note = "one token, every request at once, no retries"
        run.finished = await time_box(work, box)


async def _buy_token(run: Run, session: aiohttp.ClientSession) -> str:
    async with session.post(
        run.url + "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=aiohttp.BasicAuth(CLIENT_ID, CLIENT_SECRET),
    ) as response:
        return str(json.loads(await response.read())["token"])


SCENARIOS: dict[str, Callable[[Run, str], Awaitable[None]]] = {
    "pacing": pacing,
    "jitter": pacing,
    "overlimit": pacing,
    "tokens": tokens,
    "overhead": overhead,
    "families": families,
    "drain": drain,
    "stream": stream,
}


async def execute(spec: dict[str, Any], url: str) -> dict[str, Any]:
    run = Run(spec, url)
    sampler = RssSampler(spec.get("rss_interval", 0.5))
    sampler.start()
    collector = GcPauses()
    gc.callbacks.append(collector)
    # The loop's stalls matter where the client paces itself; elsewhere the monitor's
    # own wake-ups would only add to the CPU being measured.
    paced_here = ("pacing", "jitter", "overlimit", "families", "drain")
    monitor = LagMonitor() if spec["scenario"] in paced_here else None
    if monitor:
        monitor.start()
    cpu0, start = time.process_time(), time.monotonic()
    await SCENARIOS[spec["scenario"]](run, spec["approach"])
    end = time.monotonic()
    cpu = time.process_time() - cpu0
    loop_lag = await monitor.stop() if monitor else None
    gc.callbacks.remove(collector)
    sampler.stop()
    return {
        "start": start,
        "elapsed": end - start,
        "finished": run.finished,
        "cpu_s": cpu,
        "tally": run.tally.as_dict(),
        "window": run.window,
        "rss": sampler.summary(start, end),
        "loop_lag": loop_lag,
        "gc": collector.summary(),
        "note": run.note,
    }


async def execute_all(specs: list[dict[str, Any]], urls: list[str]) -> list[Any]:
    """Every run at once; a run that crashed is an `{"error": traceback}` in its place."""
    done = await asyncio.gather(
        *(execute(spec, url) for spec, url in zip(specs, urls, strict=True)),
        return_exceptions=True,
    )
    return [
        {"error": "".join(traceback.format_exception(r))[-3000:]}
        if isinstance(r, BaseException)
        else r
        for r in done
    ]


def main() -> None:
    specs = json.loads(sys.argv[1])
    # The emulator starts alongside this process; its URLs arrive on stdin.
    urls = sys.stdin.readline().split()
    results = asyncio.run(execute_all(specs, urls))
    sys.stdout.write(json.dumps(results) + "\n")
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: the naive runs leave a lot to collect


if __name__ == "__main__":
    main()
