"""Garbled HTTP answers over a real socket are transport errors, and retried.

A server on 127.0.0.1 answers the first request of each test with bytes that are not
a whole HTTP answer (a bad status line, a bad chunk size, a flood of headers, a body
cut short), then answers properly. The README promises that transport errors are
retried (redirects aside): the 100 ids of the batch are all fetched, with one retry.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest

from patsnap_async import PatsnapClient

from .conftest import FAST_RETRY

GOOD_BODY = json.dumps(
    {
        "status": True,
        "error_code": 0,
        "data": [{"pn": f"US{1000 + i}B2", "patent_id": f"id-{i}"} for i in range(100)],
    }
).encode()
GOOD = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
    + f"Content-Length: {len(GOOD_BODY)}\r\n\r\n".encode()
    + GOOD_BODY
)
GARBLED = {
    "bad status line": b"HTTP/1.1 abc NOT A STATUS\r\n\r\n",
    "not http at all": b"\x00\x01\x02 garbage \xff\r\n\r\n",
    "bad chunk size": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    + b"zz\r\nhello\r\n0\r\n\r\n",
    "a flood of headers": b"HTTP/1.1 200 OK\r\n"
    + b"".join(f"X-Flood-{i}: {'v' * 100}\r\n".encode() for i in range(400))
    + b"Content-Length: 2\r\n\r\n{}",
    "an overlong header": b"HTTP/1.1 200 OK\r\nX-Long: " + b"v" * 20_000 + b"\r\n\r\n",
    "a body cut short": b'HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n{"status"',
}


@pytest.fixture
async def garbling_server(request: pytest.FixtureRequest) -> AsyncIterator[tuple[str, list[int]]]:
    garbled: bytes = request.param
    served: list[int] = []

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        served.append(len(served))
        writer.write(garbled if len(served) == 1 else GOOD)
        await writer.drain()
        writer.close()  # one answer a connection: the next request opens another

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        yield f"http://127.0.0.1:{port}", served


@pytest.mark.parametrize("garbling_server", GARBLED.values(), ids=GARBLED.keys(), indirect=True)
async def test_a_garbled_answer_is_retried_and_the_batch_fetched(
    garbling_server: tuple[str, list[int]],
) -> None:
    url, served = garbling_server
    ids = [f"US{1000 + i}B2" for i in range(100)]
    async with PatsnapClient(api_key="sk-x", base_url=url, retry=FAST_RETRY, qps=100) as client:
        result = await client.patents.family(ids)
        assert len(result) == 100
        assert client.stats.retries == 1
    assert len(served) == 2
