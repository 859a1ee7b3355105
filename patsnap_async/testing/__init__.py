"""A bundled emulator of the PatSnap Open Platform, for tests, benchmarks and demos.

The emulator is an ``aiohttp.web`` application serving the platform's paths over real
HTTP (every operation of ``patsnap_async.catalog``), with both authentication schemes,
the documented error envelopes and codes, a QPS limit, latency, injected and random
faults, and deterministic synthetic data::

    from patsnap_async.testing import Emulator, FaultRates

    emu = Emulator(qps=5, latency=0.01, fault_rates=FaultRates(drop=0.01), seed=1)
    async with emu.serve() as url:
        ...  # point a client at url, with emu.client_id / emu.client_secret
    assert emu.max_arrivals_in_window(1.0) <= 5

It is self-contained (aiohttp, attrs and the standard library only) so it can check
the SDK from the outside.

`MockTransport` is the other double: it answers a client's requests from a function
of yours, with no network and no server, for fast tests of your own code::

    from patsnap_async import HttpResponse, PatsnapClient
    from patsnap_async.testing import MockTransport

    ok = HttpResponse(200, body=b'{"status": true, "data": []}')
    transport = MockTransport(lambda request: ok)
    client = PatsnapClient(api_key="sk-test", transport=transport)
"""

from .._transports.base import HttpRequest, HttpResponse  # noqa: F401 - importable here too
from ._emulator import Emulator
from ._faults import FaultRates
from ._log import Served
from ._mock import MockTransport
from ._run import run_emulator

__all__ = [
    "Emulator",
    "FaultRates",
    "MockTransport",
    "Served",
    "run_emulator",
]
