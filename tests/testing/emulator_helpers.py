"""Helpers for the emulator tests: a thin aiohttp client speaking to a served emulator."""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from patsnap_async.testing import Emulator


def basic_auth(login: str, password: str) -> str:
    """Return an HTTP Basic ``Authorization`` header value."""
    return "Basic " + base64.b64encode(f"{login}:{password}".encode()).decode()


class Api:
    """Sends raw requests to a served emulator, as a client SDK would."""

    def __init__(self, session: aiohttp.ClientSession, emu: Emulator) -> None:
        """Wrap *session*, whose base URL is the emulator's."""
        self.session = session
        self.emu = emu

    async def token_response(self, **form: str) -> tuple[int, Any]:
        """POST /oauth/token with the right credentials; return (status, JSON)."""
        headers = {"Authorization": basic_auth(self.emu.client_id, self.emu.client_secret)}
        data = form or {"grant_type": "client_credentials"}
        async with self.session.post("/oauth/token", headers=headers, data=data) as resp:
            return resp.status, await resp.json()

    async def token(self) -> str:
        """Fetch a token (flat style)."""
        status, body = await self.token_response()
        assert status == 200, body
        return str(body["token"])

    async def call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        json_body: Any = None,
        token: str | None = None,
        apikey: str | None = None,
        auth: str | None = "api-key",
    ) -> tuple[int, Any]:
        """Send a business request; return (HTTP status, parsed JSON body).

        Args:
            token: Send ``Bearer <token>`` (and ``apikey=client_id`` unless *apikey*
                says otherwise) instead of the API key.
            apikey: Explicit ``apikey`` query parameter ("" to omit it).
            auth: ``"api-key"`` or None (no Authorization header); ignored with *token*.
        """
        query = dict(params or {})
        headers: dict[str, str] = {}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
            query.setdefault("apikey", self.emu.client_id)
        elif auth == "api-key":
            headers["Authorization"] = f"Bearer {self.emu.api_key}"
        if apikey is not None:
            query.pop("apikey", None)
            if apikey:
                query["apikey"] = apikey
        async with self.session.request(
            method, path, params=query, json=json_body, headers=headers
        ) as resp:
            return resp.status, json.loads(await resp.read())

    async def ok(self, method: str, path: str, **kwargs: Any) -> Any:
        """Send a business request that must succeed; return its ``data``."""
        status, body = await self.call(method, path, **kwargs)
        assert status == 200, body
        assert body["status"] is True, body
        assert body["error_code"] == 0, body
        return body["data"]

    async def fails(self, method: str, path: str, **kwargs: Any) -> int:
        """Send a business request that must fail with HTTP 200; return its error code."""
        status, body = await self.call(method, path, **kwargs)
        assert status == 200, body
        assert body["status"] is False, body
        return int(body["error_code"])


#: ``await start(**emulator_kwargs) -> (emu, api)``: the ``start`` fixture's type.
Start = Callable[..., Awaitable[tuple[Emulator, Api]]]
