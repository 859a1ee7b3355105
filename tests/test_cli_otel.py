"""`--otel` and `--summary-json`: a harvest's traces and metrics reach an OTLP receiver.

The receiver is a small aiohttp server on 127.0.0.1 that keeps what the OTLP/HTTP
exporter posts to `/v1/traces` and `/v1/metrics`, decoded with OpenTelemetry's own
protobuf classes. The harvest runs as a user runs it, in a subprocess, against the
emulator, with client credentials so that a token and `apikey=` exist to leak.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2

from patsnap_async._cli import _run
from patsnap_async._cli import main as cli_main

from .conftest import ServeFactory

CLI = [sys.executable, "-m", "patsnap_async"]
SECRET = "otel-client-secret-never-exported"
FAMILY = "/basic-patent-data/patent-family"


class Receiver:
    """What an OTLP/HTTP collector was sent."""

    def __init__(self) -> None:
        self.bodies: dict[str, list[bytes]] = {"/v1/traces": [], "/v1/metrics": []}

    async def handle(self, request: web.Request) -> web.Response:
        self.bodies[request.path].append(await request.read())
        return web.Response(body=b"", content_type="application/x-protobuf")

    def spans(self) -> list[Any]:
        found = []
        for body in self.bodies["/v1/traces"]:
            message = trace_service_pb2.ExportTraceServiceRequest.FromString(body)
            for resource in message.resource_spans:
                for scope in resource.scope_spans:
                    found += [(resource.resource, span) for span in scope.spans]
        return found

    def metric_names(self) -> set[str]:
        names = set()
        for body in self.bodies["/v1/metrics"]:
            message = metrics_service_pb2.ExportMetricsServiceRequest.FromString(body)
            for resource in message.resource_metrics:
                for scope in resource.scope_metrics:
                    names |= {metric.name for metric in scope.metrics}
        return names


@contextlib.asynccontextmanager
async def receiver() -> AsyncIterator[tuple[Receiver, str]]:
    kept = Receiver()
    app = web.Application()
    app.router.add_post("/v1/traces", kept.handle)
    app.router.add_post("/v1/metrics", kept.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield kept, f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def harvest(argv: list[str], env: dict[str, str]) -> tuple[int, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PATSNAP_", "OTEL_"))}
    process = await asyncio.create_subprocess_exec(
        *CLI,
        *argv,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=clean | env,
    )
    _, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, err.decode()


async def test_otel_exports_the_harvest_as_one_trace_and_its_metrics(
    serve: ServeFactory, tmp_path: Path
) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("".join(f"US{n}B2\n" for n in range(11205304, 11205454)) + "UNKNOWN1\n")
    report = tmp_path / "summary.json"
    async with serve(client_secret=SECRET) as (emu, url), receiver() as (kept, collector):
        emu.inject(error_code=68300008, times=1, path=FAMILY)
        code, err = await harvest(
            [
                *("family", "-i", str(ids), "-o", str(tmp_path / "out.jsonl"), "--quiet"),
                *("--base-url", url, "--client-id", emu.client_id, "--client-secret", SECRET),
                *("--otel", "--summary-json", str(report)),
            ],
            {"OTEL_EXPORTER_OTLP_ENDPOINT": collector, "OTEL_SERVICE_NAME": "nightly-harvest"},
        )
        tokens = list(emu._desk.tokens)
    assert code == 0, err
    spans = kept.spans()
    by_name: dict[str, list[Any]] = {}
    for _, span in spans:
        by_name.setdefault(span.name, []).append(span)
    (root,) = by_name["patsnap-async family"]
    (lookup,) = by_name["patsnap.lookup P014 family"]
    assert lookup.parent_span_id == root.span_id
    attempts = by_name[f"GET {FAMILY}"]
    assert len(attempts) == 3  # two chunks and a retry
    assert all(a.parent_span_id == lookup.span_id for a in attempts)
    assert len(by_name["POST /oauth/token"]) == 1
    root_attributes = {a.key: a.value for a in root.attributes}
    assert root_attributes["patsnap.harvest.written"].int_value == 150
    assert root_attributes["patsnap.harvest.missing"].int_value == 1
    resource = {a.key: a.value.string_value for a in spans[0][0].attributes}
    assert resource["service.name"] == "nightly-harvest"
    assert {
        "patsnap.client.requests",
        "patsnap.client.retries",
        "patsnap.client.billed_records",
        "http.client.request.duration",
    } <= kept.metric_names()
    exported = b"".join(kept.bodies["/v1/traces"] + kept.bodies["/v1/metrics"])
    assert tokens
    for secret in (SECRET, emu.client_id, *tokens, "apikey"):
        assert secret.encode() not in exported
    summary = json.loads(report.read_text())
    assert summary | {"elapsed_s": 0} == summary | {
        "command": "family",
        "state": "done",
        "exit_code": 0,
        "written": 150,
        "missing": 1,
        "failed": 0,
        "requests": 4,
        "retries": 1,
        "token_requests": 1,
        "billed_results": 150,
        "cache_hits": 0,
        "billed_saved": 0,
        "stopped": None,
        "elapsed_s": 0,
    }
    assert summary["cache"].endswith(os.path.join("patsnap-async", "records.sqlite3"))


async def test_the_otlp_variables_alone_turn_export_on(serve: ServeFactory, tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("US11205304B2\n")
    async with serve() as (emu, url), receiver() as (kept, collector):
        code, err = await harvest(
            [
                *("family", "-i", str(ids), "-o", str(tmp_path / "out.jsonl"), "--quiet"),
                *("--base-url", url, "--api-key", emu.api_key),
            ],
            {"OTEL_EXPORTER_OTLP_ENDPOINT": collector, "OTEL_METRICS_EXPORTER": "none"},
        )
    assert code == 0, err
    assert "patsnap-async family" in {span.name for _, span in kept.spans()}
    assert kept.bodies["/v1/metrics"] == []


async def test_without_otel_nothing_is_exported(serve: ServeFactory, tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("US11205304B2\n")
    async with serve() as (emu, url), receiver() as (kept, _):
        code, err = await harvest(
            [
                *("family", "-i", str(ids), "-o", str(tmp_path / "out.jsonl"), "--quiet"),
                *("--base-url", url, "--api-key", emu.api_key, "--otel"),
            ],
            {"OTEL_SDK_DISABLED": "true"},
        )
    assert code == 0, err
    assert kept.bodies == {"/v1/traces": [], "/v1/metrics": []}


async def test_otel_without_the_sdk_names_the_extra(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "class NoSdk:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.startswith('opentelemetry.sdk'):\n"
        "            raise ImportError('No module named ' + repr(name))\n"
        "sys.meta_path.insert(0, NoSdk())\n"
        "from patsnap_async._cli import main\n"
        "main(sys.argv[1:])\n"
    )
    report = tmp_path / "summary.json"
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-c", script, "family", "-i", "x.txt", "-o", str(tmp_path / "o")),
        *("--api-key", "sk-x", "--otel", "--summary-json", str(report)),
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    assert "--otel needs the OpenTelemetry SDK (pip install 'patsnap-async[otlp]')" in err.decode()
    summary = json.loads(report.read_text())
    assert (summary["exit_code"], summary["state"]) == (2, "error")
    assert summary["error"].startswith("--otel needs the OpenTelemetry SDK")


async def test_the_summary_json_of_a_run_that_failed_to_start(tmp_path: Path) -> None:
    report = tmp_path / "summary.json"
    code, err = await harvest(
        [
            *("family", "-i", str(tmp_path / "absent.txt"), "-o", str(tmp_path / "o.jsonl")),
            *("--api-key", "sk-x", "--summary-json", str(report)),
        ],
        {},
    )
    assert code == 2, err
    summary = json.loads(report.read_text())
    assert summary["exit_code"] == 2 and "absent.txt" in summary["error"]
    assert summary["written"] == 0 and summary["requests"] == 0


def test_the_summary_json_of_a_run_that_crashed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "summary.json"

    async def crash(args: object, summary: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(_run, "_main", crash)
    argv = [
        *("family", "-i", str(tmp_path / "ids.txt"), "-o", str(tmp_path / "o.jsonl")),
        *("--api-key", "sk-x", "--summary-json", str(report)),
    ]
    with pytest.raises(RuntimeError, match="a bug"):  # the traceback is not swallowed
        cli_main(argv)
    summary = json.loads(report.read_text())
    assert (summary["exit_code"], summary["state"]) == (1, "error")
    assert summary["error"] == "the harvest crashed (RuntimeError)"
