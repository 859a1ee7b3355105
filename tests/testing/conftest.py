"""Fixtures for the emulator tests."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from patsnap_async.testing import Emulator

from .emulator_helpers import Api, Start


@pytest.fixture
async def start() -> AsyncIterator[Start]:
    """Return ``await start(**emulator_kwargs) -> (emu, api)``, serving on 127.0.0.1."""
    async with contextlib.AsyncExitStack() as stack:

        async def _start(**kwargs: Any) -> tuple[Emulator, Api]:
            emu = Emulator(**kwargs)
            url = await stack.enter_async_context(emu.serve())
            session = await stack.enter_async_context(aiohttp.ClientSession(url))
            return emu, Api(session, emu)

        yield _start
