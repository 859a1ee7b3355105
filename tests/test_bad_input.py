"""Bad input is refused by name before anything is sent: quota costs money.

Each case is a call that used to reach the wire (NaN as `NaN`, a list as a parameter,
a `progress` that is not callable found after the requests were billed) or to fail
every later call (a base URL or a key that no request can carry).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest

from patsnap_async import (
    ConfigurationError,
    HttpRequest,
    HttpResponse,
    PatsnapClient,
)
from patsnap_async.endpoints import OFFSET_PAGING, Paging
from patsnap_async.testing import MockTransport

from .virtual_time import run


def unanswered(request: HttpRequest) -> HttpResponse:
    raise AssertionError(f"sent {request.method} {request.path}")


Call = Callable[[PatsnapClient], Any]

CASES: list[tuple[str, Call, type[Exception], str]] = [
    (
        "NaN in a filter",
        lambda c: c.sequences.submit(
            "MQVDL",
            sequence_type="PROTEIN",
            query_type="PROTEIN",
            algorithm="blastp",
            filters={"perc_identity": (math.nan, 100)},
        ),
        ValueError,
        "perc_identity",
    ),
    (
        "infinity in a filter",
        lambda c: c.sequences.submit_motif("RSMATC", filters={"subject_length": (0, math.inf)}),
        ValueError,
        "subject_length",
    ),
    ("NaN in a body", lambda c: c.request("POST", "/x", json={"a": math.nan}), ValueError, "json"),
    ("a set in a body", lambda c: c.request("POST", "/x", json={"a": {1}}), TypeError, "json"),
    ("no method", lambda c: c.request(None, "/x"), TypeError, "method"),
    ("a bogus method", lambda c: c.request("FETCH", "/x"), ValueError, "FETCH"),
    ("a path with a query", lambda c: c.request("GET", "/x?apikey=1"), ValueError, "path"),
    ("a list in params", lambda c: c.request("GET", "/x", params={"ids": ["a"]}), TypeError, "ids"),
    ("NaN in params", lambda c: c.request("GET", "/x", params={"n": math.nan}), ValueError, "n"),
    (
        "a progress that is not callable",
        lambda c: c.patents.family(["US1B2"], progress=5),
        TypeError,
        "progress",
    ),
    (
        "a batch progress that is not callable",
        lambda c: c.batch("/x", ["US1B2"], param="p", key="pn", progress="x"),
        TypeError,
        "progress",
    ),
    (
        "a list in batch params",
        lambda c: c.batch("/x", ["US1B2"], param="p", key="pn", params={"l": [1]}),
        TypeError,
        "params",
    ),
    (
        "no paging",
        lambda c: c.paginate("GET", "/x", paging=None, items="i", total="t").__anext__(),
        TypeError,
        "paging",
    ),
    (
        "a page size of 0",
        lambda c: c.paginate(
            "GET", "/x", paging=OFFSET_PAGING, items="i", total="t", page_size=0
        ).__anext__(),
        ValueError,
        "page_size",
    ),
    (
        "a list in paginate params",
        lambda c: c.paginate(
            "GET", "/x", paging=OFFSET_PAGING, items="i", total="t", params={"q": [1]}
        ).__anext__(),
        TypeError,
        "params",
    ),
]


@pytest.mark.parametrize(("what", "call", "kind", "named"), CASES, ids=[c[0] for c in CASES])
def test_bad_arguments_are_refused_before_anything_is_sent(
    what: str, call: Call, kind: type[Exception], named: str
) -> None:
    async def main() -> None:
        async with PatsnapClient(
            api_key="sk-x", base_url="https://api.test", transport=MockTransport(unanswered)
        ) as client:
            with pytest.raises(kind, match=named):
                await call(client)

    run(main)


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"by": "bogus"}, "by"),
        ({"position": ""}, "position"),
        ({"size": None}, "size"),
        ({"first": -1}, "first"),
        ({"max_size": 0}, "max_size"),
        ({"max_items": 0}, "max_items"),
    ],
)
def test_a_paging_description_is_checked_when_made(settings: dict[str, Any], named: str) -> None:
    values: dict[str, Any] = {
        "by": "offset",
        "position": "offset",
        "size": "limit",
        "first": 0,
        "max_size": 100,
    }
    with pytest.raises((TypeError, ValueError), match=named):
        Paging(**(values | settings))


@pytest.mark.parametrize(
    "base_url",
    [
        "http://host:99999",
        "http://host:abc",
        "http://host:0",
        "http://ho st",
        "http://host\x01",
        "http://[::1",
        "http://hôst",
    ],
)
def test_a_base_url_no_request_can_reach_is_refused(base_url: str) -> None:
    with pytest.raises(ConfigurationError, match="base_url"):
        PatsnapClient(api_key="sk-x", base_url=base_url)


@pytest.mark.parametrize(
    ("base_url", "secret"),
    [
        ("http://user:hunter2@host:99999", "hunter2"),  # refused for its port
        ("http://user:hunter2 @host", "hunter2"),  # for its space
        ("http://user:hunter2@host:abc", "hunter2"),
        ("ftp://user:hunter2@host", "hunter2"),  # for its scheme
        ("https://host/?apikey=CLIENT-ID-123", "CLIENT-ID-123"),  # for its query
        ("https://host:99999/?apikey=CLIENT-ID-123", "CLIENT-ID-123"),
        ("https://host/#apikey=CLIENT-ID-123", "CLIENT-ID-123"),
        ("https://ho st/?apikey=CLIENT-ID-123", "CLIENT-ID-123"),
    ],
)
def test_a_refused_base_url_is_not_echoed_with_its_password_or_query(
    base_url: str, secret: str
) -> None:
    with pytest.raises(ConfigurationError, match="base_url") as info:
        PatsnapClient(api_key="sk-x", base_url=base_url)
    assert secret not in str(info.value)


@pytest.mark.parametrize("key", ["sk-\x7f", "sk-\x00x", "sk-é", "sk-\u2028x"])
@pytest.mark.parametrize("argument", ["api_key", "client_id", "client_secret"])
def test_a_credential_no_header_can_carry_is_refused_without_echoing_it(
    key: str, argument: str
) -> None:
    settings = (
        {"api_key": key} if argument == "api_key" else {"client_id": "c", "client_secret": "s"}
    )
    if argument != "api_key":
        settings[argument] = key
    with pytest.raises(ConfigurationError, match=argument) as info:
        PatsnapClient(**settings)
    assert key not in str(info.value)
