"""examples/fastapi_app against the emulator: routes, error mapping, disconnects."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest

fastapi = pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")

from examples.fastapi_app.app import create_app  # noqa: E402
from patsnap_async._drain import TASK_NAME  # noqa: E402
from patsnap_async._retry import MAX_RATE_LIMITED  # noqa: E402
from patsnap_async.testing import Emulator  # noqa: E402

from .conftest import FAST_RETRY, ServeFactory, business  # noqa: E402

PATENTS = "/bio-openapi/sequence/patent"


@pytest.fixture
async def app_for(serve: ServeFactory) -> AsyncIterator[Any]:
    """`async with app_for(**emulator_settings) as (emu, http)`."""
    import contextlib

    @contextlib.asynccontextmanager
    async def _app(**settings: Any) -> AsyncIterator[tuple[Emulator, Any, Any]]:
        async with serve(**settings) as (emu, url):
            app = create_app(api_key=emu.api_key, base_url=url, qps=500, retry=FAST_RETRY)
            async with app.router.lifespan_context(app):
                transport = httpx.ASGITransport(app=app)
                async with httpx.AsyncClient(transport=transport, base_url="http://app") as http:
                    yield emu, http, app

    return _app


async def test_families_route(app_for: Any) -> None:
    async with app_for() as (_emu, http, _):
        response = await http.get("/families", params={"pn": ["US11205304B2", "UNKNOWN1"]})
    assert response.status_code == 200
    body = response.json()
    assert body["families"]["US11205304B2"]["pn"] == "US11205304B2"
    assert body["families"]["US11205304B2"]["patent_family"]["simple_family"]
    assert body["missing"] == ["UNKNOWN1"]
    assert body["failed"] == []


@pytest.mark.parametrize("bad", ["US1 B2", "", "X" * 65])
async def test_the_docs_minimal_app_answers_422_to_a_bad_id(
    serve: ServeFactory, monkeypatch: pytest.MonkeyPatch, bad: str
) -> None:
    """docs/fastapi.md's first block, as the page shows it: its table says 422."""
    from .test_readme import ROOT, snippets

    first = snippets(ROOT / "docs" / "fastapi.md")[0]
    page: dict[str, Any] = {"__name__": "docs_fastapi"}
    async with serve() as (emu, url):
        monkeypatch.setenv("PATSNAP_BASE_URL", url)
        monkeypatch.setenv("PATSNAP_API_KEY", emu.api_key)
        exec(compile(first.code, first.where, "exec"), page)
        app = page["app"]
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://app") as http:
                refused = await http.get("/families", params={"pn": ["US11205304B2", bad]})
                found = await http.get("/families", params={"pn": ["US11205304B2"]})
    assert refused.status_code == 422
    assert "patent_numbers[1]" in refused.json()["detail"]
    assert found.status_code == 200
    assert list(found.json()) == ["US11205304B2"]
    assert len(business(emu)) == 1  # the bad call sent nothing


async def test_stream_every_patent_as_ndjson(app_for: Any) -> None:
    async with app_for(sequence_patent_totals={"777": 345}) as (_emu, http, _):
        response = await http.get("/sequences/777/patents")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert len(lines) == 345
    assert len({line["pn"] for line in lines}) == 345


@pytest.mark.parametrize(
    ("fault", "status", "path"),
    [
        ({"error_code": 68300004}, 400, "/families?pn=US1B2"),  # the platform refused it
        # the platform paces us: retried past max_retries, up to a bound of its own
        ({"error_code": 67200002, "times": MAX_RATE_LIMITED + 1}, 503, "/sequences/777/patents"),
        ({"error_code": 68300008, "times": 50}, 503, "/sequences/777/patents"),
        ({"kind": "drop", "times": 50}, 503, "/sequences/777/patents"),
        ({"error_code": 67200101}, 404, "/sequences/777/patents"),
        ({"error_code": 67200004}, 502, "/sequences/777/patents"),
    ],
)
async def test_sdk_errors_become_http_answers(
    app_for: Any, fault: dict[str, Any], status: int, path: str
) -> None:
    async with app_for() as (emu, http, _):
        emu.inject(**fault)
        response = await http.get(path)
    assert response.status_code == status
    assert response.json()["detail"]


async def test_bad_input_is_422_and_sends_nothing(app_for: Any) -> None:
    async with app_for() as (emu, http, _):
        too_many = await http.get("/families", params={"pn": [f"US{i}B2" for i in range(501)]})
        blank = await http.get("/families", params={"pn": ["US1B2", " "]})
        unknown_sequence = await http.get("/sequences/no-such/patents")
    assert too_many.status_code == 422
    assert blank.status_code == 422
    assert "is empty" in blank.json()["detail"]
    assert unknown_sequence.status_code == 404
    assert [s.path for s in business(emu)] == [PATENTS]  # only the unknown sequence's page


async def test_failed_chunk_keeps_the_rest(app_for: Any) -> None:
    async with app_for() as (emu, http, _):
        # A code the SDK does not know: not retried, not halved, the chunk fails alone.
        emu.inject(error_code=68399999, path="/basic-patent-data/patent-family")
        response = await http.get("/families", params={"pn": [f"US{i}B2" for i in range(150)]})
    body = response.json()
    assert response.status_code == 200
    assert len(body["families"]) + len(body["failed"]) == 150
    assert body["failed"]


async def test_disconnect_mid_stream_cancels_everything_and_the_app_keeps_serving(
    app_for: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="asyncio")
    settings = {"sequence_patent_totals": {"777": 100_000}, "latency": 0.05}
    async with app_for(**settings) as (emu, http, app):
        chunks = await _stream_then_disconnect(app, "/sequences/777/patents", after=150)
        assert len(chunks) >= 150
        await asyncio.sleep(0.1)  # let cancellations settle
        leftovers = [t for t in asyncio.all_tasks() if t.get_name().startswith(TASK_NAME)]
        assert leftovers == []
        fetched = len([s for s in business(emu) if s.path == PATENTS])
        await asyncio.sleep(0.2)
        assert len([s for s in business(emu) if s.path == PATENTS]) == fetched  # stopped
        assert fetched < 1000
        # the shared client still serves the next request
        response = await http.get("/families", params={"pn": ["US1B2"]})
        assert response.status_code == 200
    assert "Task was destroyed" not in caplog.text
    assert "exception was never retrieved" not in caplog.text


async def _stream_then_disconnect(app: Any, path: str, *, after: int) -> list[bytes]:
    """Drive the ASGI app directly; the client goes away after `after` NDJSON lines."""
    received: list[bytes] = []
    gone = asyncio.Event()

    async def receive() -> dict[str, Any]:
        await gone.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body" and message.get("body"):
            received.append(message["body"])
            if len(received) >= after:
                gone.set()

    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"app")],
        "client": ("127.0.0.1", 5000),
        "server": ("app", 80),
        "state": {},
    }
    await asyncio.wait_for(app(scope, receive, send), timeout=30)
    return received
