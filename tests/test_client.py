"""PatsnapClient against the bundled emulator over 127.0.0.1: auth, retries, errors."""

from __future__ import annotations

import asyncio
import builtins

import aiohttp
import pytest

from patsnap_async import (
    APIError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    InvalidParameterError,
    MalformedResponseError,
    NotFoundError,
    PatsnapClient,
    PermissionDeniedError,
    QuotaExceededError,
    RetryPolicy,
    ServerError,
    TransportError,
)
from patsnap_async.testing import Emulator

from .conftest import FAST_RETRY, ServeFactory, business, client_for

FAMILY = "/basic-patent-data/patent-family"


async def family(client: PatsnapClient, *ids: str) -> object:
    return await client.request("GET", FAMILY, params={"patent_number": ",".join(ids)})


# -- construction -------------------------------------------------------------------------


def test_no_credentials_is_a_clear_error() -> None:
    with pytest.raises(ConfigurationError, match="no credentials"):
        PatsnapClient()


def test_half_a_credential_pair() -> None:
    with pytest.raises(ConfigurationError, match="client_secret is missing"):
        PatsnapClient(client_id="id")
    with pytest.raises(ConfigurationError, match="client_id is missing"):
        PatsnapClient(client_secret="s3cret-value")


def test_both_schemes_at_once() -> None:
    with pytest.raises(ConfigurationError, match="not both"):
        PatsnapClient(api_key="sk-1", client_id="id", client_secret="secret")


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"qps": 0}, "qps"),
        ({"qps": -3}, "qps"),
        ({"qps": float("inf")}, "qps"),
        ({"qps": "5"}, "qps"),
        ({"max_concurrency": 0}, "max_concurrency"),
        ({"max_retries": -1}, "max_retries"),
        ({"timeout": 0}, "timeout"),
        ({"base_url": "connect.patsnap.com"}, "base_url"),
        ({"base_url": "ftp://connect.patsnap.com"}, "base_url"),
        ({"session": object()}, "session"),
    ],
)
def test_bad_values_are_named(options: dict[str, object], named: str) -> None:
    with pytest.raises(ConfigurationError, match=named) as info:
        PatsnapClient(api_key="sk-test", **options)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)


def test_defaults_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATSNAP_CLIENT_ID", "env-id")
    monkeypatch.setenv("PATSNAP_CLIENT_SECRET", "env-secret-value")
    monkeypatch.setenv("PATSNAP_BASE_URL", "https://connect.zhihuiya.com/")
    client = PatsnapClient()
    assert client.base_url == "https://connect.zhihuiya.com"
    assert "client-credentials" in repr(client)
    monkeypatch.setenv("PATSNAP_API_KEY", "sk-env-key-value")
    assert "auth=api-key" in repr(PatsnapClient())
    # explicit arguments win over the environment
    assert "client-credentials" in repr(PatsnapClient(client_id="a", client_secret="b"))


def test_default_base_url_and_concurrency() -> None:
    client = PatsnapClient(api_key="sk-test", qps=10)
    assert client.base_url == "https://connect.patsnap.com"
    # 5-second answers at Q/s need about 5Q in flight: connections must not cap the rate
    assert "max_concurrency=100" in repr(client)


# -- authentication -----------------------------------------------------------------------


async def test_client_credentials_token_then_apikey_on_every_call(emu: Emulator) -> None:
    async with client_for(emu) as client:
        for i in range(3):
            data = await family(client, f"US{i}B2")
            assert data[0]["pn"] == f"US{i}B2"
    tokens = [s for s in emu.log if s.path == "/oauth/token"]
    assert len(tokens) == 1
    assert tokens[0].auth == "basic"
    calls = business(emu)
    assert len(calls) == 3
    assert all(s.apikey == emu.client_id and s.auth == "bearer-token" for s in calls)
    assert client.stats.requests == 4
    assert client.stats.token_requests == 1


async def test_fifty_concurrent_callers_buy_one_token(serve: ServeFactory) -> None:
    async with serve(latency=0.05) as (emu, _), client_for(emu) as client:
        await asyncio.gather(*(family(client, f"US{i}A1") for i in range(50)))
        assert sum(s.path == "/oauth/token" for s in emu.log) == 1
        assert len(business(emu)) == 50


async def test_api_key_mode_needs_no_token(emu: Emulator) -> None:
    async with client_for(emu, api_key=True) as client:
        await family(client, "US1B2")
    assert [s.path for s in emu.log] == [FAMILY]
    assert emu.log[0].auth == "api-key"


@pytest.mark.parametrize("style", ["flat", "access_token", "nested", "string_expires"])
async def test_token_answer_variants(serve: ServeFactory, style: str) -> None:
    async with serve(token_style=style) as (emu, _), client_for(emu) as client:
        assert await family(client, "US1B2")


async def test_wrong_secret_raises_without_retrying(emu: Emulator) -> None:
    client = PatsnapClient(
        client_id=emu.client_id,
        client_secret="wrong-secret-1234",
        base_url=emu.url,
        retry=FAST_RETRY,
    )
    async with client:
        with pytest.raises(AuthenticationError) as info:
            await family(client, "US1B2")
    assert info.value.code == 67200003
    assert len(emu.log) == 1  # one token call, no business call, no retry


async def test_expired_token_is_refreshed_once_and_replayed(serve: ServeFactory) -> None:
    async with serve(latency=0.02) as (emu, _), client_for(emu) as client:
        await family(client, "US1B2")
        emu.expire_tokens()
        results = await asyncio.gather(*(family(client, f"US{i}B2") for i in range(20)))
        assert all(results)
        assert sum(s.path == "/oauth/token" for s in emu.log) == 2
        refused = [s for s in business(emu) if s.error_code == 67200003]
        assert 1 <= len(refused) <= 20
        assert client.stats.retries == 0  # a replay is not a retry


async def test_token_refused_twice_raises(emu: Emulator) -> None:
    emu.inject(error_code=67200003, times=2, path=FAMILY)
    async with client_for(emu) as client:
        with pytest.raises(AuthenticationError):
            await family(client, "US1B2")
    assert len(business(emu)) == 2
    assert sum(s.path == "/oauth/token" for s in emu.log) == 2


async def test_a_token_expiring_again_after_a_retry_is_refreshed_again(emu: Emulator) -> None:
    for code in (67200003, 68300008, 67200003):
        emu.inject(error_code=code, path=FAMILY)
    async with client_for(emu) as client:
        assert await family(client, "US1B2")
    assert [s.error_code for s in business(emu)] == [67200003, 68300008, 67200003, 0]
    assert sum(s.path == "/oauth/token" for s in emu.log) == 3


# -- errors and retries -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        (68300004, InvalidParameterError),
        (68300007, InvalidParameterError),
        (68300010, InvalidParameterError),
        (68300006, PermissionDeniedError),
        (67200004, PermissionDeniedError),
        (67200000, QuotaExceededError),
        (67200001, QuotaExceededError),
        (67200005, QuotaExceededError),
        (67200006, QuotaExceededError),
        (67200007, QuotaExceededError),
        (67200008, AuthenticationError),
        (53000002, NotFoundError),
        (67200101, NotFoundError),
        (77777777, APIError),
    ],
)
async def test_non_retryable_codes_raise_after_one_request(
    emu: Emulator, code: int, cls: type[APIError]
) -> None:
    emu.inject(error_code=code)
    async with client_for(emu, api_key=True) as client:
        with pytest.raises(cls) as info:
            await family(client, "US1B2")
    assert type(info.value) is cls
    assert info.value.code == code
    assert len(emu.log) == 1


@pytest.mark.parametrize(
    "fault",
    [
        {"error_code": 68300008},
        {"error_code": 68300005},
        {"error_code": 67200100},
        {"error_code": 67200002},
        {"http_status": 500},
        {"http_status": 503},
        {"http_status": 429},
        {"kind": "drop"},
        {"kind": "malformed"},
    ],
)
async def test_retryable_faults_are_retried(emu: Emulator, fault: dict[str, object]) -> None:
    emu.inject(times=2, **fault)  # type: ignore[arg-type]
    async with client_for(emu, api_key=True) as client:
        data = await family(client, "US1B2")
    assert data[0]["pn"] == "US1B2"
    assert len(emu.log) == 3
    assert client.stats.retries == 2


async def test_retries_stop_at_max_retries(emu: Emulator) -> None:
    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(seconds)

    policy = RetryPolicy(initial_delay=0.5, max_delay=3.0, jitter=False, sleep=record)
    emu.inject(error_code=68300008, times=100)
    async with client_for(emu, api_key=True, retry=policy, max_retries=4) as client:
        with pytest.raises(ServerError) as info:
            await family(client, "US1B2")
    assert info.value.code == 68300008
    assert len(emu.log) == 5
    assert waits == [0.5, 1.0, 2.0, 3.0]  # exponential, capped


async def test_full_jitter_stays_under_the_bound(emu: Emulator) -> None:
    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(seconds)

    emu.inject(error_code=68300008, times=6)
    policy = RetryPolicy(initial_delay=1.0, max_delay=4.0, sleep=record)
    async with client_for(emu, api_key=True, retry=policy, max_retries=6) as client:
        await family(client, "US1B2")
    bounds = [1.0, 2.0, 4.0, 4.0, 4.0, 4.0]
    assert len(waits) == 6
    assert all(0 <= w <= b for w, b in zip(waits, bounds, strict=True))
    assert len(set(waits)) > 1


async def test_dropped_connections_end_in_transport_error(emu: Emulator) -> None:
    emu.inject(kind="drop", times=10)
    async with client_for(emu, api_key=True, max_retries=2) as client:
        with pytest.raises(TransportError) as info:
            await family(client, "US1B2")
    assert info.value.retryable
    assert len(emu.log) == 3


async def test_malformed_body_after_retries(emu: Emulator) -> None:
    emu.inject(kind="malformed", times=10)
    async with client_for(emu, api_key=True, max_retries=1) as client:
        with pytest.raises(MalformedResponseError):
            await family(client, "US1B2")
    assert len(emu.log) == 2


async def test_timeout_is_a_transport_error_and_a_builtin_timeout(serve: ServeFactory) -> None:
    async with serve(latency=0.5) as (emu, _):
        async with client_for(emu, api_key=True, timeout=0.05, max_retries=1) as client:
            with pytest.raises(APITimeoutError) as info:
                await family(client, "US1B2")
        assert isinstance(info.value, builtins.TimeoutError)
        assert isinstance(info.value, TransportError)
        assert len(emu.log) == 2


async def test_connection_refused_is_retried_then_raised() -> None:
    client = PatsnapClient(
        api_key="sk-test", base_url="http://127.0.0.1:9", retry=FAST_RETRY, max_retries=2, qps=1000
    )
    async with client:
        with pytest.raises(TransportError):
            await family(client, "US1B2")
    assert client.stats.requests == 3


async def test_unknown_path_is_not_found(emu: Emulator) -> None:
    async with client_for(emu, api_key=True) as client:
        with pytest.raises(NotFoundError) as info:
            await client.request("GET", "/no/such/api")
    assert info.value.code == 67200101
    assert info.value.http_status == 404
    assert len(emu.log) == 1


# -- sessions -----------------------------------------------------------------------------


async def test_a_callers_session_is_used_and_left_open(emu: Emulator) -> None:
    async with aiohttp.ClientSession() as http:
        async with client_for(emu, session=http) as client:
            await family(client, "US1B2")
        assert not http.closed
        async with http.get(f"{emu.url}/oauth/token") as response:  # still usable
            assert response.status in {401, 404, 405}


async def test_closed_client_refuses_work(emu: Emulator) -> None:
    client = client_for(emu, api_key=True)
    await client.close()
    await client.close()  # idempotent
    with pytest.raises(RuntimeError, match="closed"):
        await family(client, "US1B2")


async def test_max_concurrency_bounds_requests_in_flight(serve: ServeFactory) -> None:
    async with serve(latency=0.2) as (emu, _):
        async with client_for(emu, api_key=True, max_concurrency=3) as client:
            await asyncio.gather(*(family(client, f"US{i}B2") for i in range(9)))
        # answers take 0.2 s, so at most 3 requests can arrive in any 0.15 s
        assert emu.max_arrivals_in_window(0.15) == 3


async def test_batch_on_a_closed_client_raises_plainly(emu: Emulator) -> None:
    client = client_for(emu)
    await client.close()
    with pytest.raises(RuntimeError, match="closed"):
        await client.patents.family(["US1B2"])
