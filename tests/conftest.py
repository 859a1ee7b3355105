"""Shared fixtures: the bundled emulator on 127.0.0.1 and clients pointed at it."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from patsnap_async import PatsnapClient, RetryPolicy
from patsnap_async.testing import Emulator

# Retries in tests wait milliseconds, not seconds.
FAST_RETRY = RetryPolicy(initial_delay=0.001, max_delay=0.01, rate_limit_delay=0.0)


@pytest.fixture(autouse=True)
def _no_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "PATSNAP_API_KEY",
        "PATSNAP_CLIENT_ID",
        "PATSNAP_CLIENT_SECRET",
        "PATSNAP_BASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _a_record_cache_of_its_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The command line's default record cache, in a folder of the test's own: no test
    reads what another stored (nor what the user's harvests did)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


ServeFactory = Callable[..., contextlib.AbstractAsyncContextManager[tuple[Emulator, str]]]


@pytest.fixture
def serve() -> ServeFactory:
    """`async with serve(qps=10) as (emu, url)`: an emulator with those settings."""

    @contextlib.asynccontextmanager
    async def _serve(**settings: Any) -> AsyncIterator[tuple[Emulator, str]]:
        emu = Emulator(**settings)
        async with emu.serve() as url:
            yield emu, url

    return _serve


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    """A default emulator: no QPS limit, no latency, flat token answers."""
    emulator = Emulator()
    async with emulator.serve():
        yield emulator


def client_for(emu: Emulator, *, api_key: bool = False, **options: Any) -> PatsnapClient:
    """A client with the emulator's credentials and fast retries, unless overridden."""
    options.setdefault("retry", FAST_RETRY)
    options.setdefault("qps", 1000)
    assert emu.url is not None
    if api_key:
        return PatsnapClient(api_key=emu.api_key, base_url=emu.url, **options)
    return PatsnapClient(
        client_id=emu.client_id, client_secret=emu.client_secret, base_url=emu.url, **options
    )


def fast_harvest_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """The harvester run in this process retries after milliseconds (FAST_RETRY).

    Its client otherwise waits 0.5 s and more before each retry, for real: where each
    id ends up does not depend on how long a retry waited. `--max-retries` still counts.
    """
    from patsnap_async._cli import _options

    client = functools.partial(PatsnapClient, retry=FAST_RETRY)
    monkeypatch.setattr(_options, "PatsnapClient", client)


def business(emu: Emulator) -> list[Any]:
    """The requests the emulator served, token calls left out."""
    return [s for s in emu.log if s.path != "/oauth/token"]
