"""No secret in a traceback's captured locals, on every path that raises.

Error trackers (Sentry by default) and `pytest -l` record the repr of every local of
every frame a traceback passes through, causes and contexts included. Each error
below is formatted as they would: `TracebackException(..., capture_locals=True)`, the
errors a `BatchError` carries as well, and none may show the API key, the client id
(it travels as `apikey=`), the client secret or a token.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from patsnap_async import (
    BatchError,
    ConfigurationError,
    HttpRequest,
    HttpResponse,
    PatsnapClient,
    PatsnapError,
)
from patsnap_async.testing import Emulator, MockTransport

from .conftest import FAST_RETRY, ServeFactory

API_KEY = "sk-SECRET-api-key-1234567"
CLIENT_ID = "CID-SECRET-id-7654321"
CLIENT_SECRET = "CS-SECRET-secret-999"


def _ours(record: traceback.TracebackException | None) -> None:
    """Leave out the frames of this test file (its own locals hold the secrets)."""
    while record is not None:
        kept = [frame for frame in record.stack if Path(frame.filename) != Path(__file__)]
        record.stack = traceback.StackSummary.from_list(kept)
        _ours(record.__context__)
        record = record.__cause__


def formatted(error: BaseException) -> str:
    """The error as an error tracker records it, with the errors it carries."""
    record = traceback.TracebackException.from_exception(error, capture_locals=True)
    _ours(record)
    texts = ["".join(record.format())]
    if isinstance(error, BatchError):
        texts += [formatted(cause) for cause in set(error.errors.values())]
    result = getattr(error, "result", None)
    if result is not None and not isinstance(error, BatchError):
        texts += [formatted(cause) for cause in set(result.errors.values()) if cause is not error]
    return "\n".join(texts)


def assert_no_secret(error: BaseException, *extra: str) -> None:
    text = formatted(error)
    assert "Traceback" in text or "Error" in text
    for secret in (API_KEY, CLIENT_ID, CLIENT_SECRET, *extra):
        assert secret not in text, f"{secret!r} in a captured local:\n{text}"


async def raised(call: Callable[[], Awaitable[Any]]) -> BaseException:
    try:
        await call()
    except PatsnapError as error:
        return error
    raise AssertionError("nothing was raised")


def tokens(emu: Emulator) -> list[str]:
    return list(emu._desk.tokens)


@pytest.mark.parametrize(
    "fault",
    [
        {"error_code": 67200004},  # fatal: raised as itself
        {"error_code": 68300008},  # retried, then a BatchError
        {"kind": "malformed"},
        {"kind": "wrong_types"},
        {"http_status": 302},
        {"kind": "drop"},
    ],
)
@pytest.mark.parametrize("credentials", ["api-key", "client-credentials"])
async def test_no_secret_in_the_locals_of_an_api_or_transport_error(
    serve: ServeFactory, fault: dict[str, Any], credentials: str
) -> None:
    async with serve(api_key=API_KEY, client_id=CLIENT_ID, client_secret=CLIENT_SECRET) as (
        emu,
        url,
    ):
        emu.inject(**({"times": 20} | fault))
        auth: dict[str, str] = {"api_key": API_KEY}
        if credentials == "client-credentials":
            auth = {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
        async with PatsnapClient(base_url=url, retry=FAST_RETRY, qps=1000, timeout=2, **auth) as c:
            error = await raised(lambda: c.patents.family(["US11205304B2", "EP1000000B1"]))
            assert_no_secret(error, *tokens(emu))
            error = await raised(lambda: c.search.query("TACD: vr"))
            assert_no_secret(error, *tokens(emu))


async def test_no_secret_in_the_locals_of_a_refused_secret_or_key(serve: ServeFactory) -> None:
    async with serve(api_key=API_KEY, client_id=CLIENT_ID, client_secret="another") as (_, url):
        async with PatsnapClient(
            client_id=CLIENT_ID, client_secret=CLIENT_SECRET, base_url=url, retry=FAST_RETRY
        ) as client:
            assert_no_secret(await raised(lambda: client.patents.family(["US11205304B2"])))
        async with PatsnapClient(api_key=API_KEY + "x", base_url=url, retry=FAST_RETRY) as client:
            assert_no_secret(await raised(lambda: client.request("GET", "/x")), API_KEY + "x")


async def test_no_secret_in_the_locals_of_a_connection_refused_or_a_timeout(
    serve: ServeFactory,
) -> None:
    async with PatsnapClient(
        api_key=API_KEY, base_url="http://127.0.0.1:9", retry=FAST_RETRY
    ) as client:
        assert_no_secret(await raised(lambda: client.patents.family(["US11205304B2"])))
    async with (
        serve(latency=1.0, client_id=CLIENT_ID, client_secret=CLIENT_SECRET) as (emu, url),
        PatsnapClient(
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            base_url=url,
            retry=FAST_RETRY,
            max_retries=0,
            timeout=0.2,
        ) as client,
    ):
        assert_no_secret(await raised(lambda: client.patents.family(["US1B2"])), *tokens(emu))


async def test_no_secret_in_the_locals_of_an_unusable_token() -> None:
    token = "TOKEN-SECRET\r\nX-Injected: 1"

    def handler(request: HttpRequest) -> HttpResponse:
        return HttpResponse(200, {}, json.dumps({"token": token, "expires_in": 10}).encode())

    async with PatsnapClient(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        base_url="https://api.test",
        transport=MockTransport(handler),
        retry=FAST_RETRY,
    ) as client:
        assert_no_secret(await raised(lambda: client.request("GET", "/x")), "TOKEN-SECRET")


@pytest.mark.parametrize(
    "settings",
    [
        {"api_key": API_KEY, "qps": -1},
        {"api_key": API_KEY, "base_url": "http://h:99999"},
        {"api_key": API_KEY + "\x00"},
        {"api_key": API_KEY, "client_id": CLIENT_ID},
        {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET + " x"},
        {"client_id": CLIENT_ID + "\x7f", "client_secret": CLIENT_SECRET},
    ],
)
def test_no_secret_in_the_locals_of_a_configuration_error(settings: dict[str, Any]) -> None:
    with pytest.raises(ConfigurationError) as info:
        PatsnapClient(**settings)
    assert_no_secret(info.value)
