"""The aiohttp transport: the moment a request is written, and the one private switch.

The pacer counts a request from when it is on the wire; the transport hears of that
moment through aiohttp's public tracing and calls the request's `on_sent` hook. The
one private attribute it sets, `ClientSession._retry_connection` (no public twin in
aiohttp: it stops aiohttp resending a GET on its own, unpaced, on a closed kept-alive
connection), is guarded here: these tests fail the day aiohttp renames or drops it.
"""

from __future__ import annotations

import asyncio
import inspect

import aiohttp

from patsnap_async import HttpRequest, PatsnapClient
from patsnap_async._transports.aiohttp import AiohttpTransport
from patsnap_async.testing import Emulator


def test_aiohttp_still_has_the_switch_and_reads_it_before_resending() -> None:
    source = inspect.getsource(aiohttp.ClientSession._request)
    assert "self._retry_connection" in source and "IDEMPOTENT_METHODS" in source


async def test_the_transports_own_session_never_resends_by_itself() -> None:
    transport = AiohttpTransport()
    try:
        session = transport._session()
        assert session._retry_connection is False
    finally:
        await transport.aclose()


async def test_the_hook_hears_when_each_request_is_written(emu: Emulator) -> None:
    transport = AiohttpTransport()
    stamps: list[tuple[float, float]] = []
    assert emu.url is not None
    loop = asyncio.get_running_loop()
    try:
        for _ in range(3):
            handed = loop.time()
            request = HttpRequest(
                "GET",
                emu.url + "/basic-patent-data/patent-family",
                params={"patent_number": "US11205304B2"},
                headers={"Authorization": f"Bearer {emu.api_key}"},
                on_sent=lambda at, handed=handed: stamps.append((handed, at)),
            )
            response = await transport.send(request)
            assert response.status == 200
    finally:
        await transport.aclose()
    assert len(stamps) == 3  # once a request
    assert all(handed <= at <= loop.time() for handed, at in stamps)


async def test_a_client_stamps_through_the_hook(emu: Emulator) -> None:
    # The session hands the transport a request whose hook is the pacer's ticket.
    seen: list[HttpRequest] = []
    inner = AiohttpTransport()

    class Spy:
        async def send(self, request: HttpRequest) -> object:
            seen.append(request)
            return await inner.send(request)

        async def aclose(self) -> None:
            await inner.aclose()

    async with PatsnapClient(
        api_key=emu.api_key, base_url=emu.url, transport=Spy(), qps=100
    ) as client:
        await client.patents.family(["US11205304B2"])
    assert len(seen) == 1 and seen[0].on_sent is not None
