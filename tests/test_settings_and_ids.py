"""Settings are checked in one place; ids that cannot be right are refused before sending."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from patsnap_async import MAX_ID_LENGTH, ConfigurationError, Pacer, PatsnapClient, RetryPolicy
from patsnap_async import check_id as check_id_public
from patsnap_async._harvest import HarvestError, read_ids
from patsnap_async._validate import check_id
from patsnap_async.testing import Emulator, FaultRates

from .conftest import client_for

NAN, INF = float("nan"), float("inf")

BAD_SETTINGS: list[tuple[str, Callable[[], object], str]] = [
    ("retry nan delay", lambda: RetryPolicy(initial_delay=NAN), "initial_delay .* nan"),
    ("retry inf max_delay", lambda: RetryPolicy(max_delay=INF), "max_delay .* inf"),
    ("retry negative", lambda: RetryPolicy(rate_limit_delay=-1), "rate_limit_delay .* -1"),
    ("retry 2.5 retries", lambda: RetryPolicy(max_retries=2.5), "max_retries .* 2.5"),  # type: ignore[arg-type]
    ("retry bool retries", lambda: RetryPolicy(max_retries=True), "max_retries .* True"),
    ("retry str delay", lambda: RetryPolicy(initial_delay="1"), "initial_delay .* '1'"),  # type: ignore[arg-type]
    ("retry jitter", lambda: RetryPolicy(jitter="no"), "jitter .* 'no'"),  # type: ignore[arg-type]
    ("retry sleep", lambda: RetryPolicy(sleep=3), "sleep .* 3"),  # type: ignore[arg-type]
    ("client 2.5 retries", lambda: _client(max_retries=2.5), "max_retries .* 2.5"),
    ("client nan qps", lambda: _client(qps=NAN), "qps .* nan"),
    ("client bool qps", lambda: _client(qps=True), "qps .* True"),
    ("client inf timeout", lambda: _client(timeout=INF), "timeout .* inf"),
    ("client nan timeout", lambda: _client(timeout=NAN), "timeout .* nan"),
    ("client 1.5 slots", lambda: _client(max_concurrency=1.5), "max_concurrency .* 1.5"),
    ("client empty url", lambda: _client(base_url=""), "base_url .* ''"),
    ("client blank url", lambda: _client(base_url="  "), "base_url .* '  '"),
    ("client body cap 0", lambda: _client(max_response_bytes=0), "max_response_bytes .* 0"),
    ("client body cap 1.5", lambda: _client(max_response_bytes=1e9), "max_response_bytes"),
    ("client retry type", lambda: _client(retry={"max_retries": 1}), "retry must be"),
    ("pacer nan", lambda: Pacer(NAN), "qps .* nan"),
    ("pacer headroom", lambda: Pacer(5, headroom=1.5), "headroom .* 1.5"),
    ("pacer jitter", lambda: Pacer(5, jitter=NAN), "jitter .* nan"),
    (
        "client jitter",
        lambda: PatsnapClient(api_key="k", network_jitter=-1),
        "network_jitter .* -1",
    ),
    ("pacer jitter range", lambda: Pacer(5, jitter=5), "jitter .* 5"),
    ("emulator qps", lambda: Emulator(qps=NAN), "qps .* nan"),
    ("emulator latency", lambda: Emulator(latency=(0.2, 0.1)), "latency .* 0.1"),
    ("emulator hits", lambda: Emulator(job_hits=2.5), "job_hits .* 2.5"),  # type: ignore[arg-type]
]


def _client(**options: Any) -> PatsnapClient:
    return PatsnapClient(api_key="sk-test", **options)


@pytest.mark.parametrize(
    ("make", "message"),
    [(m, msg) for _, m, msg in BAD_SETTINGS],
    ids=[name for name, _, _ in BAD_SETTINGS],
)
def test_a_bad_setting_is_a_configuration_error_naming_it(
    make: Callable[[], object], message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message) as info:
        make()
    assert isinstance(info.value, ValueError)


def test_redis_limiter_settings_go_through_the_same_checks() -> None:
    pytest.importorskip("redis")
    from patsnap_async.redis import RedisLimiter

    for options, named in [
        ({"qps": NAN}, "qps .* nan"),
        ({"qps": 5, "fallback_share": 2}, "fallback_share .* 2"),
        ({"qps": 5, "retry_after": INF}, "retry_after .* inf"),
        ({"qps": 5, "redis_timeout": 0}, "redis_timeout .* 0"),
        ({"qps": 5, "redis_timeout": NAN}, "redis_timeout .* nan"),
        ({"qps": 5, "redis_timeout": True}, "redis_timeout .* True"),
        ({"qps": 5, "redis_timeout": None}, "redis_timeout .* None"),
        ({"qps": 5, "key": ""}, "key"),
    ]:
        with pytest.raises(ConfigurationError, match=named):
            RedisLimiter("redis://127.0.0.1:1/0", **options)


def test_an_empty_base_url_in_the_environment_is_not_production(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATSNAP_BASE_URL", "")
    with pytest.raises(ConfigurationError, match=r"PATSNAP_BASE_URL .* ''"):
        _client()
    monkeypatch.delenv("PATSNAP_BASE_URL")
    assert _client().base_url == "https://connect.patsnap.com"


def test_a_base_url_with_a_password_is_refused_without_echoing_it() -> None:
    with pytest.raises(ConfigurationError, match="user or password") as caught:
        _client(base_url="https://user:PW-SECRET@connect.patsnap.com")
    assert "PW-SECRET" not in str(caught.value)


def test_good_settings_still_pass() -> None:
    policy = RetryPolicy(max_retries=0, initial_delay=0, max_delay=1, rate_limit_delay=0.25)
    assert policy.max_retries == 0
    client = _client(qps=0.5, timeout=1, max_concurrency=1, max_retries=3, retry=policy)
    assert client.qps == 0.5
    assert Pacer(1e6).qps == 1e6
    assert FaultRates(empty=0.5, wrong_shape=0.25, wrong_types=0.25).empty == 0.5
    with pytest.raises(ValueError, match="sum to at most 1"):
        FaultRates(empty=0.5, malformed=0.6)
    assert math.isclose(Emulator(latency=(0, 0.5), token_ttl=1).api_key.count("-"), 3)


# --- ids ---------------------------------------------------------------------------------

REAL_IDS = [
    "US11205304B2",
    "JP1999068462A",
    "CN112833870A",
    "718ead9c-4f3c-4674-8f5a-24e126827269",
    "94ea8785-959f-47cf-aba2-091605d30c12",
    "953a406a18d84dc8b13f0b923e406a43",  # a job id
    "834879",  # a sequence id
    "US-2013/0033085-A1",
    "CN201310012345.6",
    "EP_1234567_B1",
    " us11205304b2 ",  # surrounding spaces are dropped, case is kept
    "x" * MAX_ID_LENGTH,
]


@pytest.mark.parametrize("value", REAL_IDS)
def test_real_ids_pass(value: str) -> None:
    assert check_id(value) == value.strip()
    assert check_id_public is check_id


# (the id, what the message says: a substring)
BAD_IDS = [
    ("US 11205304B2", "contains ' ' (U+0020) at character 3"),
    ("US11205304\tB2", "contains '\\t' (U+0009) at character 11"),
    ("US1\nB2", "contains '\\n' (U+000A) at character 4"),
    ("US1\x00B2", "contains '\\x00' (U+0000) at character 4"),
    ("US1\x7fB2", "contains '\\x7f' (U+007F) at character 4"),
    ("US1\u2028B2", "(U+2028) at character 4"),
    ("US1&B2", "contains '&' (U+0026) at character 4"),
    ("US1,B2", "contains a comma at character 4"),
    ("US1;B2", "contains ';' (U+003B)"),
    ("\uff35\uff331B2", "(U+FF35) at character 1"),
    ("US1B2#", "contains '#' (U+0023)"),
    ("x" * (MAX_ID_LENGTH + 1), f"is {MAX_ID_LENGTH + 1} characters long"),
    ("US" + "1" * 10_000, "is 10002 characters long; no id is longer than 64: 'US11111"),
]


@pytest.mark.parametrize(("value", "message"), BAD_IDS, ids=[repr(v)[:20] for v, _ in BAD_IDS])
async def test_an_id_that_cannot_be_right_is_refused_before_sending(
    emu: Emulator, value: str, message: str
) -> None:
    ids = ["US1B2", "US2B2", value]
    async with client_for(emu) as client:
        for name, call in (
            ("patent_numbers[2] ", lambda: client.patents.family(ids)),
            ("patent_ids[2] ", lambda: client.patents.cited_by(patent_ids=ids)),
            ("seq_id ", lambda: client.sequences.patents(value)),
            ("job_id ", lambda: client.sequences.status(value)),
        ):
            with pytest.raises(ValueError, match=r"characters long|contains") as info:
                await call()
            text = str(info.value)
            assert text.startswith(name) and message in text
            assert len(text) < 200  # the value is shortened
    assert emu.log == []


def test_the_harvester_refuses_a_bad_id_with_its_line(tmp_path: Path) -> None:
    source = tmp_path / "ids.txt"
    source.write_text("US1B2\n# comment\nUS2 B2\n")
    with pytest.raises(HarvestError, match=r"line 3: the id contains ' ' .* 'US2 B2'"):
        read_ids(str(source))
