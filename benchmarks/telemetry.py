"""What the telemetry costs a call, in process: CPU µs a `family()` call of one id.

    python benchmarks/telemetry.py [--calls 20000] [--rounds 5] [--baseline PATH]

Each mode runs in a fresh interpreter: a client on a `MockTransport` that answers at
once (no network, no emulator), `qps=1e6`, and `--calls` calls of
`client.patents.family([one id])`, one after the other; the figure is the process CPU
time a call, the best of `--rounds` rounds (the least disturbed by the machine's other
work). The modes:

- `no opentelemetry`: the `opentelemetry` packages cannot be imported (blocked);
- `api, no provider`: `opentelemetry.trace` and `.metrics` imported, nothing set (an
  application that has the API installed as a dependency of something else);
- `hooks`: the five hooks set, each a function that does nothing;
- `sdk, traced`: a global `TracerProvider` (batch span processor, an exporter that
  drops the spans) and `MeterProvider` (a reader that is never collected): the cost of
  tracing with the SDK, exporting left out.

`--baseline PATH` runs the first mode on the package found at PATH as well (e.g. a
checkout of the commit before telemetry), for the cost of the seams themselves.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

SETUP = {
    "no opentelemetry": """
class _Blocked:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "opentelemetry":
            raise ImportError(name)
sys.meta_path.insert(0, _Blocked())
""",
    "api, no provider": "import opentelemetry.trace, opentelemetry.metrics\n",
    "hooks": "",
    "sdk, traced": """
from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult

class _Dropped(SpanExporter):
    def export(self, spans):
        return SpanExportResult.SUCCESS

provider = TracerProvider()
provider.add_span_processor(BatchSpanProcessor(_Dropped()))
trace.set_tracer_provider(provider)
metrics.set_meter_provider(MeterProvider(metric_readers=[InMemoryMetricReader()]))
""",
}

PROBE = """
import sys
{setup}
import asyncio, json, time
from patsnap_async import HttpResponse, PatsnapClient
from patsnap_async.testing import MockTransport

BODY = json.dumps({{"status": True, "error_code": 0, "data": [{{"pn": "US1B2"}}]}}).encode()
ANSWER = HttpResponse(200, {{"Content-Type": "application/json"}}, BODY)
options = {{}}
if {hooks}:
    from patsnap_async import Hooks
    nothing = lambda event: None
    options["hooks"] = Hooks(nothing, nothing, nothing, nothing, nothing)


async def main() -> list[float]:
    transport = MockTransport(lambda request: ANSWER)
    best = []
    async with PatsnapClient(
        api_key="sk-x", transport=transport, qps=1_000_000, **options
    ) as client:
        for _ in range({rounds}):
            started = time.process_time()
            for _ in range({calls}):
                await client.patents.family(["US1B2"])
            best.append((time.process_time() - started) / {calls})
    return best


print(min(asyncio.run(main())))
"""


def measure(mode: str, calls: int, rounds: int, path: str | None = None) -> float:
    """CPU seconds a call, in a fresh interpreter."""
    code = PROBE.format(setup=SETUP[mode], hooks=mode == "hooks", calls=calls, rounds=rounds)
    env = dict(os.environ)
    if path is not None:
        env["PYTHONPATH"] = path
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
    )
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", help="a checkout whose package to measure too")
    args = parser.parse_args()
    if args.baseline:
        cost = measure("no opentelemetry", args.calls, args.rounds, args.baseline)
        print(f"baseline ({args.baseline}): {cost * 1e6:.1f} µs CPU a call")
    for mode in SETUP:
        cost = measure(mode, args.calls, args.rounds)
        print(f"{mode}: {cost * 1e6:.1f} µs CPU a call")


if __name__ == "__main__":
    main()
