"""What the record cache saves, and what it costs.

    python benchmarks/cache.py            # the full run (about 4 minutes)
    python benchmarks/cache.py --quick    # small sizes, about 20 s (CI)

Five measures, side by side in one run, against the bundled emulator in a process of
its own (`server.py`), the harvests run through `patsnap_async.harvest` in this process:

- **repeat**: a harvest of N family records into a fresh cache, then a second harvest of
  the same ids into a new output. The second sends nothing; its time is set against the
  limit: writing the same output from the first one's file (read, parse, add nothing,
  write), which is all a second run has to do once it pays for no request.
- **size**: the cache file after the first harvest (closed, so its WAL is folded in),
  per 100 000 family records.
- **paced**: the first harvest of M ids with a cache and without one, on the paced path
  (the emulator limits Q requests a second and answers after 50-300 ms). The cache's
  own work per request (claiming the ids, storing the answer: SQLite in its thread) is
  timed, against the 1/Q s the pacer spaces requests by.
- **big**: a cache of 1 000 000 family records; lookups a second of 100 000 random ids
  from it, three ways: the cache's read alone (what the batch engine asks it, 1000 ids
  a page), `client.lookup("P014", ...)` (records as dicts) and
  `client.patents.family(...)` (records as models), the client never sending.
- **concurrent**: two processes harvesting overlapping id lists into one cache at the
  same moment, with the cache's claims and without them (each process then claims
  nothing: as if the cache had no claims table): ids billed twice.

The results go to stdout as a table, and to `--json` (default
`benchmarks/results/cache.json`, or `cache-quick.json` with `--quick`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

from patsnap_async import (
    BatchResult,
    HttpRequest,
    HttpResponse,
    PatsnapClient,
    TransportError,
    harvest,
)
from patsnap_async._cache import CallCache
from patsnap_async._cache._store import Scope, Store
from patsnap_async.cache import RecordCache
from patsnap_async.endpoints import FAMILY
from patsnap_async.testing import MockTransport, _data

HERE = Path(__file__).resolve().parent
API_KEY = "sk-test-api-key"

FULL = {"repeat": 100_000, "paced": 5_000, "qps": 10, "big": 1_000_000, "probe": 100_000,
        "concurrent": 6_000}  # fmt: skip
QUICK = {"repeat": 2_000, "paced": 300, "qps": 20, "big": 20_000, "probe": 5_000,
         "concurrent": 600}  # fmt: skip


def ids(count: int, start: int = 11_000_000) -> list[str]:
    return [f"US{start + i}B2" for i in range(count)]


@contextlib.contextmanager
def emulator(**settings: Any) -> Iterator[str]:
    """The emulator in a process of its own (`server.py`); its URL."""
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder, "log.json")
        server = subprocess.Popen(
            [sys.executable, str(HERE / "server.py"), json.dumps(settings), str(log)],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert server.stdout is not None
            line = server.stdout.readline()
            yield line.split("listening on", 1)[1].strip()
        finally:
            server.terminate()
            server.wait(30)


@contextlib.asynccontextmanager
async def client(url: str, qps: float, cache: RecordCache | None) -> AsyncIterator[PatsnapClient]:
    async with PatsnapClient(api_key=API_KEY, base_url=url, qps=qps, cache=cache) as opened:
        yield opened


async def timed_harvest(
    url: str,
    qps: float,
    cache: RecordCache | None,
    numbers: list[str],
    out: Path,
    *,
    code: str | None = None,
) -> dict[str, Any]:
    """`harvest.family` (or `harvest.lookup` of `code`: records as dicts), timed."""
    async with client(url, qps, cache) as patsnap:
        started = time.perf_counter()
        if code is None:
            summary = await harvest.family(patsnap, numbers, out)
        else:
            summary = await harvest.lookup(patsnap, code, numbers, out)
        elapsed = time.perf_counter() - started
    assert summary.exit_code() == 0, summary.render()
    return {"seconds": round(elapsed, 3), "requests": summary.requests,
            "from_cache": summary.cache_hits, "billed": summary.billed_results}  # fmt: skip


def write_from_file(source: Path, target: Path) -> float:
    """The limit of a second run: the first run's lines read, parsed and written again,
    100 a write as the harvester writes them."""
    started = time.perf_counter()
    with source.open("rb") as lines, target.open("w") as out:
        batch: list[str] = []
        for line in lines:
            batch.append(json.dumps(json.loads(line)) + "\n")
            if len(batch) == 100:
                out.write("".join(batch))
                out.flush()
                batch.clear()
        out.write("".join(batch))
    return time.perf_counter() - started


async def repeat(sizes: dict[str, int], folder: Path) -> dict[str, Any]:
    numbers = ids(sizes["repeat"])
    path = folder / "repeat.sqlite3"
    with emulator() as url:
        with RecordCache(path) as cache:
            first = await timed_harvest(url, 1000, cache, numbers, folder / "first.jsonl")
        size = path.stat().st_size
        with RecordCache(path) as cache:
            second = await timed_harvest(url, 1000, cache, numbers, folder / "second.jsonl")
            as_dicts = await timed_harvest(url, 1000, cache, numbers, folder / "third.jsonl",
                                           code="P014")  # fmt: skip
    limit = write_from_file(folder / "first.jsonl", folder / "copy.jsonl")
    return {
        "ids": len(numbers),
        "first": first,
        "second": second,
        "second_as_dicts": as_dicts,
        "from_file_seconds": round(limit, 3),
        "second_over_file": round(second["seconds"] / limit, 2),
        "cache_bytes": size,
        "bytes_per_100000_records": round(size * 100_000 / len(numbers)),
        "output_bytes": (folder / "first.jsonl").stat().st_size,
    }


class Timed:
    """Wall time of each call to one of the store's methods, in its thread."""

    def __init__(self) -> None:
        self.calls: dict[str, list[float]] = {"claim": [], "put": []}
        self._originals: dict[str, Callable[..., Any]] = {}

    def __enter__(self) -> Timed:
        for name, spent in self.calls.items():
            original = getattr(Store, name)
            self._originals[name] = original

            def wrapped(*args: Any, _o: Any = original, _s: Any = spent, **kw: Any) -> Any:
                started = time.perf_counter()
                try:
                    return _o(*args, **kw)
                finally:
                    _s.append(time.perf_counter() - started)

            setattr(Store, name, wrapped)
        return self

    def __exit__(self, *exc: object) -> None:
        for name, original in self._originals.items():
            setattr(Store, name, original)

    def summary(self) -> dict[str, float]:
        every = sorted(self.calls["claim"] + self.calls["put"])
        per_request = sum(every) / max(1, len(self.calls["put"]))
        return {"requests_stored": len(self.calls["put"]),
                "ms_per_request": round(per_request * 1000, 2),
                "ms_max_call": round(every[-1] * 1000, 2) if every else 0.0}  # fmt: skip


async def paced(sizes: dict[str, int], folder: Path) -> dict[str, Any]:
    qps, numbers = sizes["qps"], ids(sizes["paced"], start=12_000_000)
    settings = {"qps": qps, "latency": [0.05, 0.3], "seed": 4}
    runs: dict[str, Any] = {}
    with emulator(**settings) as url:
        runs["without"] = await timed_harvest(url, qps, None, numbers, folder / "p0.jsonl")
    with emulator(**settings) as url, RecordCache(folder / "paced.sqlite3") as cache, Timed() as t:
        runs["with"] = await timed_harvest(url, qps, cache, numbers, folder / "p1.jsonl")
    spacing_ms = 1000 / (0.98 * qps)
    work = t.summary()
    return {
        "ids": len(numbers),
        "qps": qps,
        "without": runs["without"],
        "with": runs["with"],
        "with_over_without": round(runs["with"]["seconds"] / runs["without"]["seconds"], 3),
        "cache_work": work,
        "pacer_spacing_ms": round(spacing_ms, 1),
        "work_share_of_spacing": round(work["ms_per_request"] / spacing_ms, 4),
    }


def fill(path: Path, host: str, count: int) -> float:
    """A cache of `count` family records (1000 distinct ones, under `count` ids)."""
    templates = [_data.family_record(pn, f"id-{i}") for i, pn in enumerate(ids(1000))]
    store = Store(path, timeout=5)
    scope = store.scope(Scope("P014", host, FAMILY.path, "patent_number"), create=True)
    assert scope is not None
    started = time.perf_counter()
    now = time.time()
    numbers = ids(count, start=20_000_000)
    for start in range(0, count, 10_000):
        part = numbers[start : start + 10_000]
        texts = {pn: json.dumps({**templates[i % 1000], "pn": pn}, separators=(",", ":"))
                 for i, pn in enumerate(part, start)}  # fmt: skip
        store.put(scope, texts, [], at=now, counts=(len(part), len(part), 0), owner="fill")
    store.close()
    return time.perf_counter() - started


def never(request: HttpRequest) -> HttpResponse:
    raise TransportError("the benchmark's client must answer from the cache alone")


async def big(sizes: dict[str, int], folder: Path) -> dict[str, Any]:
    host, path = "https://bench.invalid", folder / "big.sqlite3"
    built = fill(path, host, sizes["big"])
    probe = random.Random(1).sample(ids(sizes["big"], start=20_000_000), sizes["probe"])
    rates: dict[str, float] = {}
    with RecordCache(path) as cache:
        view: CallCache = cache.call(Scope("P014", host, FAMILY.path, "patent_number"))
        started = time.perf_counter()
        for start in range(0, len(probe), 1000):
            found = await view.read(probe[start : start + 1000])
            assert len(found) == len(probe[start : start + 1000])
        rates["cache read (1000 ids a page)"] = len(probe) / (time.perf_counter() - started)
        transport = MockTransport(never)
        async with PatsnapClient(api_key=API_KEY, base_url=host, transport=transport,
                                 cache=cache) as patsnap:  # fmt: skip
            calls: list[tuple[str, Callable[[], Awaitable[BatchResult[Any]]]]] = [
                ('client.lookup("P014") (dicts)', lambda: patsnap.lookup("P014", probe)),
                ("client.patents.family (models)", lambda: patsnap.patents.family(probe)),
            ]
            for name, call in calls:
                started = time.perf_counter()
                result = await call()
                rates[name] = len(probe) / (time.perf_counter() - started)
                assert len(result) == len(probe)
                assert not transport.requests
    return {"records": sizes["big"], "probe_ids": len(probe), "fill_seconds": round(built, 1),
            "bytes": path.stat().st_size,
            "ids_per_second": {k: round(v) for k, v in rates.items()}}  # fmt: skip


WORKER = """
import asyncio, json, sys
from patsnap_async import PatsnapClient, harvest
from patsnap_async._cache import CallCache, Claim
from patsnap_async.cache import RecordCache

url, cache_path, ids_path, out, claims, go = sys.argv[1:7]
if claims == "off":  # every id claimed at once: the cache as if it had no claims table
    async def claim(self, keys):
        return Claim({}, list(keys), [])
    CallCache.claim = claim

async def main():
    numbers = open(ids_path).read().split()
    while not __import__("os").path.exists(go):
        await asyncio.sleep(0.001)
    with RecordCache(cache_path) as cache:
        async with PatsnapClient(api_key="sk-test-api-key", base_url=url, qps=40,
                                 cache=cache) as client:
            summary = await harvest.family(client, numbers, out)
    print(json.dumps({"billed": summary.billed_results, "from_cache": summary.cache_hits,
                      "requests": summary.requests, "seconds": round(summary.elapsed, 2)}))

asyncio.run(main())
"""


def two_at_once(url: str, folder: Path, count: int, claims: str) -> dict[str, Any]:
    """Two processes, one cache, id lists overlapping by half; started at one signal."""
    numbers = ids(count, start=30_000_000)
    lists = [numbers[: count * 2 // 3], numbers[count // 3 :]]
    cache, go = folder / f"shared-{claims}.sqlite3", folder / f"go-{claims}"
    workers = []
    for n, part in enumerate(lists):
        (folder / f"ids-{claims}-{n}.txt").write_text("\n".join(part))
        argv = [url, str(cache), str(folder / f"ids-{claims}-{n}.txt"),
                str(folder / f"out-{claims}-{n}.jsonl"), claims, str(go)]  # fmt: skip
        workers.append(subprocess.Popen([sys.executable, "-c", WORKER, *argv],
                                        stdout=subprocess.PIPE, text=True))  # fmt: skip
    time.sleep(2)  # both imported and waiting
    go.touch()
    runs = [json.loads(w.communicate(timeout=600)[0]) for w in workers]
    overlap = len(set(lists[0]) & set(lists[1]))
    billed = sum(r["billed"] for r in runs)
    return {"ids": [len(p) for p in lists], "overlap": overlap, "runs": runs,
            "billed": billed, "billed_twice": billed - count}  # fmt: skip


def concurrent(sizes: dict[str, int], folder: Path) -> dict[str, Any]:
    settings = {"latency": [0.02, 0.06], "seed": 5}
    found = {}
    for claims in ("off", "on"):
        with emulator(**settings) as url:
            found[f"claims {claims}"] = two_at_once(url, folder, sizes["concurrent"], claims)
    return found


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import sqlite3

    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "system": platform.platform(),
            "date": datetime.date.today().isoformat()}  # fmt: skip


def table(results: dict[str, Any]) -> str:
    r, p, b = results["repeat"], results["paced"], results["big"]
    rows = [
        ("repeat", f"second harvest of {r['ids']} ids, all in the cache",
         f"`family`: {r['second']['requests']} requests, {r['second']['seconds']} s "
         f"({r['second_over_file']}x the limit); `get P014` (dicts, no model): "
         f"{r['second_as_dicts']['requests']} requests, {r['second_as_dicts']['seconds']} s; "
         f"the limit, writing the output from the first run's file: "
         f"{r['from_file_seconds']} s; the first run: {r['first']['seconds']} s, "
         f"{r['first']['requests']} requests"),
        ("size", "cache file per 100 000 family records",
         f"{r['bytes_per_100000_records'] / 1e6:.1f} MB (the JSONL output: "
         f"{r['output_bytes'] * 100_000 / r['ids'] / 1e6:.1f} MB)"),
        ("paced", f"first harvest of {p['ids']} ids at Q={p['qps']}, with / without",
         f"{p['with']['seconds']} s / {p['without']['seconds']} s "
         f"({p['with_over_without']}x); cache work {p['cache_work']['ms_per_request']} ms a "
         f"request (max {p['cache_work']['ms_max_call']} ms) against "
         f"{p['pacer_spacing_ms']} ms between requests"),
        ("big", f"ids a second from a {b['records']}-record cache "
         f"({b['bytes'] / 1e6:.0f} MB)",
         "; ".join(f"{k}: {v:,}" for k, v in b["ids_per_second"].items())),
    ]  # fmt: skip
    for name, run in results["concurrent"].items():
        what = f"two processes, {run['ids']} ids, {run['overlap']} in common, {name}"
        rows.append(("concurrent", what, f"billed {run['billed']}, twice: {run['billed_twice']}"))
    lines = ["| measure | what | result |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


async def measure(sizes: dict[str, int], folder: Path) -> dict[str, Any]:
    results: dict[str, Any] = {"machine": machine(), "sizes": sizes}
    for name, step in (("repeat", repeat), ("paced", paced), ("big", big)):
        print(f"{name}...", file=sys.stderr, flush=True)
        results[name] = await step(sizes, folder)
    print("concurrent...", file=sys.stderr, flush=True)
    results["concurrent"] = await asyncio.to_thread(concurrent, sizes, folder)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke test)")
    parser.add_argument("--json", type=Path, default=None, help="where the results go")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    out = args.json or HERE / "results" / ("cache-quick.json" if args.quick else "cache.json")
    with tempfile.TemporaryDirectory() as folder:
        results = asyncio.run(measure(sizes, Path(folder)))
    results["mode"] = "quick" if args.quick else "full"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n")
    print(f"{results['machine']}\n")
    print(table(results))


if __name__ == "__main__":
    main()
