"""Emulator: token endpoint, business-call authentication, routing and the log."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from patsnap_async.testing import Emulator

from .emulator_helpers import Start, basic_auth

FAMILY = "/basic-patent-data/patent-family"
SEARCH = "/search/patent/query-search-patent"
ONE_PATENT = {"patent_number": "US11205304B2"}

MSG_67200003 = (
    "The key and secret parameters for applying for the token are incorrect "
    "or the client has been disabled!"
)


async def test_flat_token_matches_the_documented_answer(start: Start) -> None:
    _, api = await start()
    before_ms = time.time() * 1000
    status, body = await api.token_response()
    assert status == 200
    assert set(body) == {"token", "token_type", "expires_in", "status", "issued_at"}
    assert body["token_type"] == "BearerToken"
    assert body["expires_in"] == 1799
    assert body["status"] == "approved"
    assert isinstance(body["issued_at"], str)
    assert before_ms - 1000 <= int(body["issued_at"]) <= time.time() * 1000 + 1000
    data = await api.ok("GET", FAMILY, params=ONE_PATENT, token=body["token"])
    assert [record["pn"] for record in data] == ["US11205304B2"]


@pytest.mark.parametrize(
    ("style", "expected_expires"),
    [("access_token", 1799), ("nested", 1799), ("string_expires", "1799")],
)
async def test_other_token_styles(start: Start, style: str, expected_expires: object) -> None:
    _, api = await start(token_style=style)
    status, body = await api.token_response()
    assert status == 200
    if style == "nested":
        assert body["status"] is True
        assert body["error_code"] == 0
        token, expires = body["data"]["token"], body["data"]["expires_in"]
    else:
        key = "access_token" if style == "access_token" else "token"
        assert {"token", "access_token"} & set(body) == {key}
        token, expires = body[key], body["expires_in"]
    assert expires == expected_expires
    await api.ok("GET", FAMILY, params=ONE_PATENT, token=token)


@pytest.mark.parametrize(("ttl", "expected"), [(100.0, 100), (0.3, 0.3)])
async def test_expires_in_follows_token_ttl(start: Start, ttl: float, expected: float) -> None:
    _, api = await start(token_ttl=ttl)
    _, body = await api.token_response()
    assert body["expires_in"] == expected
    assert type(body["expires_in"]) is type(expected)


async def test_tokens_are_random_and_distinct(start: Start) -> None:
    _, api = await start()
    tokens = {await api.token() for _ in range(3)}
    assert len(tokens) == 3
    assert all(len(token) >= 32 for token in tokens)


async def test_wrong_credentials_get_67200003_with_http_200(start: Start) -> None:
    emu, api = await start()
    for header in (basic_auth(emu.client_id, "wrong"), basic_auth("nobody", emu.client_secret)):
        async with api.session.post(
            "/oauth/token",
            headers={"Authorization": header},
            data={"grant_type": "client_credentials"},
        ) as resp:
            assert resp.status == 200
            assert await resp.json() == {
                "status": False,
                "error_code": 67200003,
                "error_msg": MSG_67200003,
            }
    async with api.session.post(
        "/oauth/token", headers={"Authorization": "Basic !!not-base64!!"}
    ) as resp:
        assert (resp.status, (await resp.json())["error_code"]) == (200, 67200003)


async def test_token_without_basic_auth_is_401(start: Start) -> None:
    _, api = await start()
    async with api.session.post("/oauth/token", data={"grant_type": "client_credentials"}) as r:
        assert r.status == 401
        body = await r.json()
    assert (body["status"], body["error_code"]) == (False, 67200003)


async def test_token_needs_client_credentials_grant(start: Start) -> None:
    _, api = await start()
    status, body = await api.token_response(grant_type="password")
    assert (status, body["error_code"]) == (200, 68300004)


async def test_bad_or_missing_tokens_and_apikeys(start: Start) -> None:
    emu, api = await start()
    token = await api.token()
    assert await api.fails("GET", FAMILY, params=ONE_PATENT, token="not-a-token") == 67200003
    assert await api.fails("GET", FAMILY, params=ONE_PATENT, token=token, apikey="") == 67200008
    assert (
        await api.fails("GET", FAMILY, params=ONE_PATENT, token=token, apikey="other-client")
        == 67200009
    )
    await api.ok("GET", FAMILY, params=ONE_PATENT, token=token, apikey=emu.client_id)


async def test_no_authorization_header_is_401(start: Start) -> None:
    _, api = await start()
    status, body = await api.call("GET", FAMILY, params=ONE_PATENT, auth=None)
    assert status == 401
    assert body == {"status": False, "error_code": 67200003, "error_msg": MSG_67200003}


async def test_api_key_mode_needs_no_apikey_parameter(start: Start) -> None:
    emu, api = await start(api_key="sk-custom")
    data = await api.ok("GET", FAMILY, params=ONE_PATENT)
    assert len(data) == 1
    assert emu.log[-1].auth == "api-key"
    assert emu.log[-1].apikey is None


async def test_expire_tokens_revokes_issued_tokens(start: Start) -> None:
    emu, api = await start()
    token = await api.token()
    await api.ok("GET", FAMILY, params=ONE_PATENT, token=token)
    emu.expire_tokens()
    assert await api.fails("GET", FAMILY, params=ONE_PATENT, token=token) == 67200003
    await api.ok("GET", FAMILY, params=ONE_PATENT, token=await api.token())


async def test_tokens_expire_after_token_ttl(start: Start) -> None:
    _, api = await start(token_ttl=0.05)
    token = await api.token()
    await api.ok("GET", FAMILY, params=ONE_PATENT, token=token)
    await asyncio.sleep(0.08)
    assert await api.fails("GET", FAMILY, params=ONE_PATENT, token=token) == 67200003


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/no/such/api"),
        ("GET", "/basic-patent-data/forward-citation/v2"),
        ("GET", SEARCH),  # a known path with the wrong method
        ("GET", "/oauth/token"),
    ],
)
async def test_unknown_paths_are_404_with_67200101(start: Start, method: str, path: str) -> None:
    emu, api = await start()
    status, body = await api.call(method, path)
    assert status == 404
    assert body == {
        "status": False,
        "error_code": 67200101,
        "error_msg": ("The API requested currently does not exist. Please check the request path!"),
    }
    assert (emu.log[-1].http_status, emu.log[-1].error_code) == (404, 67200101)


async def test_served_records_auth_ids_and_apikey_but_no_secrets(start: Start) -> None:
    emu, api = await start(client_secret="s3cr3t-value", api_key="sk-very-secret")
    token = await api.token()
    await api.ok("GET", FAMILY, params={"patent_number": "US1B2,EP2A1"}, token=token)
    await api.ok("GET", FAMILY, params={"patent_id": "abc"})
    await api.call("GET", FAMILY, params=ONE_PATENT, auth=None)
    # A client posting its secret in the form must not leak it into the log either.
    async with api.session.post(
        "/oauth/token",
        headers={"Authorization": basic_auth(emu.client_id, emu.client_secret)},
        data={"grant_type": "client_credentials", "client_secret": emu.client_secret},
    ) as resp:
        assert resp.status == 200
    token_call, by_token, by_key, anonymous, posted_secret = emu.log
    assert (token_call.auth, token_call.path, token_call.method) == (
        "basic",
        "/oauth/token",
        "POST",
    )
    assert token_call.body == {"grant_type": "client_credentials"}
    assert (by_token.auth, by_token.apikey, by_token.ids) == (
        "bearer-token",
        emu.client_id,
        ("US1B2", "EP2A1"),
    )
    assert by_token.query == {"patent_number": "US1B2,EP2A1", "apikey": emu.client_id}
    assert (by_token.result_count, by_token.error_code, by_token.fault) == (2, 0, None)
    assert (by_key.auth, by_key.apikey, by_key.ids) == ("api-key", None, ("abc",))
    assert (anonymous.auth, anonymous.http_status) == ("none", 401)
    assert posted_secret.body["client_secret"] == "<redacted>"
    logged = repr(emu.log)
    for secret in (token, emu.client_secret, emu.api_key):
        assert secret not in logged


async def test_served_time_is_taken_before_the_latency(start: Start) -> None:
    emu, api = await start(latency=0.05)
    loop = asyncio.get_running_loop()
    sent = loop.time()
    await api.ok("GET", FAMILY, params=ONE_PATENT)
    answered = loop.time()
    (served,) = emu.log
    assert sent <= served.time < sent + 0.04
    assert answered - served.time >= 0.05


async def test_requests_are_logged_on_arrival(start: Start) -> None:
    emu, api = await start(latency=0.1)
    call = asyncio.ensure_future(api.ok("GET", FAMILY, params=ONE_PATENT))
    await asyncio.sleep(0.05)
    (pending,) = emu.log
    assert (pending.path, pending.http_status, pending.result_count) == (FAMILY, 0, 0)
    await call
    (answered,) = emu.log
    assert (answered.time, answered.http_status, answered.result_count) == (pending.time, 200, 1)


async def test_reset_log(start: Start) -> None:
    emu, api = await start()
    await api.ok("GET", FAMILY, params=ONE_PATENT)
    assert len(emu.log) == 1
    emu.reset_log()
    assert emu.log == []


async def test_url_and_serving_lifecycle() -> None:
    emu = Emulator()
    with pytest.raises(RuntimeError):
        _ = emu.url
    for _ in range(2):  # the same emulator can be served again
        async with emu.serve() as url:
            assert url.startswith("http://127.0.0.1:")
            assert emu.url == url
            with pytest.raises(RuntimeError):
                async with emu.serve():
                    pass
            async with (
                aiohttp.ClientSession() as session,
                session.get(url + FAMILY, params=ONE_PATENT) as resp,
            ):
                assert resp.status == 401
    with pytest.raises(RuntimeError):
        _ = emu.url
    assert [served.http_status for served in emu.log] == [401, 401]


def test_constructor_rejects_bad_settings() -> None:
    with pytest.raises(ValueError, match="token_style"):
        Emulator(token_style="xml")
    with pytest.raises(ValueError, match="qps"):
        Emulator(qps=0)
    with pytest.raises(ValueError, match="latency"):
        Emulator(latency=(0.2, 0.1))
