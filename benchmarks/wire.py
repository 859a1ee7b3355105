"""Where a 67200002 comes from: the client's sends on the wire against the server's stamps.

    python benchmarks/wire.py --qps 50 --seconds 30 --ids 100

Runs patsnap-async as the pacing scenario does (calls of `--ids` ids, `max_concurrency`
in flight) against the emulator in its own process, and records, for every request,
when the client handed it to its transport and when it was on the wire (the
transport calls the request's `on_sent` hook then; a transport of ours wraps the
client's aiohttp transport to note both). Each request is matched to
the emulator's arrival stamp by its first id. It prints the most requests in any one
second by each of the three clocks and the delay from the wire to the server's stamp:
when the client never put more than Q on the wire in a second but the server counted
more, the server's stamps lag, and the margin the pacer keeps was not enough for that
server.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import attrs

from patsnap_async import HttpRequest, HttpResponse, PatsnapClient
from patsnap_async._transports.aiohttp import AiohttpTransport

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import API_KEY, RATE_LIMITED, max_in_window  # noqa: E402

_started: dict[str, float] = {}
_on_wire: dict[str, float] = {}


class _TracingTransport:
    """The client's aiohttp transport, noting when each request was handed to it and
    when it went on the wire (when the transport calls the request's `on_sent`)."""

    def __init__(self, max_connections: int) -> None:
        self._inner = AiohttpTransport(max_connections=max_connections)

    async def send(self, request: HttpRequest) -> HttpResponse:
        first = request.params.get("patent_number", "").split(",")[0]
        _started.setdefault(first, asyncio.get_running_loop().time())
        hook = request.on_sent

        def noted(at: float) -> None:
            _on_wire.setdefault(first, at)
            if hook is not None:
                hook(at)

        return await self._inner.send(attrs.evolve(request, on_sent=noted))

    async def aclose(self) -> None:
        await self._inner.aclose()


async def harvest(url: str, qps: int, seconds: float, ids_per_call: int) -> None:
    total = int(1.2 * seconds * qps) * ids_per_call
    ids = [f"US{10_000_000 + i}B2" for i in range(total)]
    calls = [ids[i : i + ids_per_call] for i in range(0, total, ids_per_call)]
    concurrency = max(10, qps * 10)  # the client's default for this qps
    transport = _TracingTransport(concurrency)
    async with PatsnapClient(
        api_key=API_KEY, base_url=url, qps=qps, max_concurrency=concurrency, transport=transport
    ) as client:

        async def harvester() -> None:
            while calls:
                await client.patents.family(calls.pop())

        workers = [harvester() for _ in range(client.max_concurrency)]
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*workers), seconds)


def main(qps: int, seconds: float, ids_per_call: int) -> None:
    settings = {"qps": qps, "latency": [0.05, 3.0], "seed": 1}
    with tempfile.TemporaryDirectory() as tmp:
        log_path = Path(tmp) / "log.json"
        server = subprocess.Popen(
            [sys.executable, str(HERE / "server.py"), json.dumps(settings), str(log_path)],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert server.stdout is not None
            url = server.stdout.readline().split()[-1]
            asyncio.run(harvest(url, qps, seconds, ids_per_call))
        finally:
            server.terminate()
            server.wait()
        rows = json.loads(log_path.read_text())["rows"]
    first_arrival: dict[str, float] = {}
    for row in rows:
        first_arrival.setdefault(row[4], row[0])
    lags = sorted(first_arrival[k] - _on_wire[k] for k in first_arrival if k in _on_wire)
    rejected = sum(row[2] == RATE_LIMITED for row in rows)
    print(f"Q={qps}, {ids_per_call} ids a call, {seconds:g} s: {len(rows)} arrivals, ", end="")
    print(f"{rejected} answered 67200002")
    print(
        f"most in any 1 s: {max_in_window(_started.values(), 1.0)} handed to the transport, "
        f"{max_in_window(_on_wire.values(), 1.0)} on the wire, "
        f"{max_in_window([row[0] for row in rows], 1.0)} stamped by the server"
    )
    gaps = sorted(_on_wire[k] - _started[k] for k in _on_wire if k in _started)
    print("transport -> wire: " + _percentiles(gaps))
    print("wire -> server stamp: " + _percentiles(lags))


def _percentiles(values: list[float]) -> str:
    """p50, p90, p99 and max of sorted `values` (seconds), in milliseconds."""
    return (
        ", ".join(
            f"p{p} {1000 * values[min(len(values) - 1, int(len(values) * p / 100))]:.1f} ms"
            for p in (50, 90, 99)
        )
        + f", max {1000 * values[-1]:.1f} ms"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--qps", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--ids", type=int, default=100, help="ids per call")
    args = parser.parse_args()
    main(args.qps, args.seconds, args.ids)
