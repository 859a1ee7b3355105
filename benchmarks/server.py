"""The bundled emulator in a process of its own, for `run.py`.

Run as `python benchmarks/server.py SETTINGS_JSON LOG_PATH`: it serves
`patsnap_async.testing.Emulator(**settings)` on 127.0.0.1, prints `listening on <url>`,
and on SIGTERM (or SIGINT) stops serving and writes the server's own request log to
LOG_PATH as JSON (given a list of settings, `--quick` serves one emulator for each, and
prints and writes one of each, in order): its CPU seconds, its event loop's lag, and one
row per request, in arrival order: `[arrival_time, http_status, error_code, path,
first_id]`. Arrival times are `loop.time()`, i.e. `time.monotonic()`, which is one clock
for every process of the machine, so they line up with the client's own stamps.

Unlike `run_emulator`, it logs nothing per request: the benchmark must not pay for the
server printing ten thousand lines. And once serving, it moves every object that exists
by then (modules, the app) out of the garbage collector's reach (`gc.freeze()`): a full
collection of them stalls the event loop for about 30 ms, and the arrivals taken during
a stall are stamped late and bunched, so the emulator would count bursts that the
client never sent (`wire.py` shows both clocks). A platform's gateway has no such
pause.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import signal
import sys
import time
from pathlib import Path
from typing import Any

from clients import lag_summary

from patsnap_async.testing import Emulator


async def serve(settings: dict[str, Any] | list[dict[str, Any]]) -> Any:
    """Serve until SIGTERM; return the request log (one per emulator for a list)."""
    emulators = [Emulator(**_settings(one)) for one in _listed(settings)]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    lags: list[float] = []

    async def watch() -> None:
        # How late the server's loop wakes a 5 ms sleep: while it is busy answering,
        # the arrival times it takes are late too.
        while True:
            before = loop.time()
            await asyncio.sleep(0.005)
            lags.append(loop.time() - before - 0.005)

    async with contextlib.AsyncExitStack() as serving:
        urls = [await serving.enter_async_context(e.serve("127.0.0.1", 0)) for e in emulators]
        gc.collect()
        gc.freeze()
        print(f"listening on {' '.join(urls)}", flush=True)
        watcher = asyncio.ensure_future(watch())
        await stop.wait()
        watcher.cancel()
    logs = [
        {
            "rows": [
                [s.time, s.http_status, s.error_code, s.path, s.ids[0] if s.ids else None]
                for s in emulator.log
            ],
            "loop_lag": lag_summary(lags),
        }
        for emulator in emulators
    ]
    return logs if isinstance(settings, list) else logs[0]


def _listed(settings: dict[str, Any] | list[dict[str, Any]]) -> list[dict[str, Any]]:
    return settings if isinstance(settings, list) else [settings]


def _settings(settings: dict[str, Any]) -> dict[str, Any]:
    if isinstance(settings.get("latency"), list):
        return {**settings, "latency": tuple(settings["latency"])}
    return settings


def main() -> None:
    settings = json.loads(sys.argv[1])
    logs = asyncio.run(serve(settings))
    for log in _listed(logs):
        log["cpu_s"] = time.process_time()
    Path(sys.argv[2]).write_text(json.dumps(logs))


if __name__ == "__main__":
    main()
