"""Property: whatever mix of answers comes back, each id ends in exactly one place.

Fetched, missing (only when an answer with data left it out) or failed: for the SDK's
batch calls and for the harvester's output and side files. Each seed draws the number
of ids, the share of unknown ones, the retries and the rates of every kind of answer
(well-formed, empty envelope, wrong shape, wrong types, torn, server errors, refused
requests, dropped connections); the emulator's seed then decides which request gets
which answer.
"""

from __future__ import annotations

import asyncio
import json
import random
from pathlib import Path

import pytest

from patsnap_async import BatchError, BatchResult, FamilyRecord
from patsnap_async._cli import _parser
from patsnap_async._cli._run import run_harvest
from patsnap_async.testing import Emulator, FaultRates

from .conftest import ServeFactory, business, client_for, fast_harvest_retries

SEEDS = range(24)


def draw(seed: int) -> tuple[list[str], FaultRates, int]:
    """The ids, the fault rates and the retries of one case."""
    rng = random.Random(seed)
    count = rng.choice([1, 7, 100, 101, rng.randint(2, 1500), rng.randint(2, 1500)])
    unknown_share = rng.choice([0.0, 0.1, 0.5, 1.0])
    ids = [
        f"UNKNOWN{i}" if rng.random() < unknown_share else f"US{11_000_000 + i}B2"
        for i in range(count)
    ]
    shares = [rng.random() for _ in range(8)]
    scale = rng.uniform(0.0, 0.9) / sum(shares)
    s = [share * scale for share in shares]
    rates = FaultRates(
        empty=s[0],
        wrong_shape=s[1],
        wrong_types=s[2],
        malformed=s[3],
        server_error=s[4],
        error_codes={68300008: s[5], 68300004: s[6]},
        drop=s[7],
    )
    return ids, rates, rng.randint(0, 3)


def answered_with_data(emu: Emulator) -> set[str]:
    """Ids of the requests that got a well-formed answer (data the client could read)."""
    return {
        i.strip().upper()
        for s in business(emu)
        if s.fault is None and s.http_status == 200 and s.error_code == 0
        for i in s.ids
    }


def check_partition(
    ids: list[str], fetched: set[str], missing: set[str], failed: set[str], answered: set[str]
) -> None:
    assert fetched | missing | failed == set(ids)
    assert len(fetched) + len(missing) + len(failed) == len(set(ids))  # disjoint
    assert all(i.startswith("UNKNOWN") for i in missing)
    assert missing <= answered  # only an answer with data can leave an id out
    assert not any(i.startswith("UNKNOWN") for i in fetched)
    # an id whose request was answered with data is settled, fetched or missing
    assert not failed & answered


@pytest.mark.parametrize("seed", SEEDS)
async def test_a_batch_puts_every_id_in_exactly_one_place(serve: ServeFactory, seed: int) -> None:
    ids, rates, retries = draw(seed)
    error: BatchError | None = None
    async with (
        serve(fault_rates=rates, seed=seed) as (emu, _),
        client_for(emu, max_retries=retries) as client,
    ):
        try:
            result: BatchResult[FamilyRecord] = await client.patents.family(ids)
        except BatchError as raised:
            error, result = raised, raised.result
    fetched, missing, failed = set(result), set(result.missing), set(result.failed)
    check_partition(ids, fetched, missing, failed, answered_with_data(emu))
    assert all(result[i].pn == i for i in fetched)
    assert (error is not None) == bool(failed)
    if error is not None:
        assert set(error.errors) == failed


async def harvest(emu: Emulator, monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    """The command run in this process, as tests/test_harvest.py does."""
    fast_harvest_retries(monkeypatch)
    monkeypatch.setenv("PATSNAP_CLIENT_ID", emu.client_id)
    monkeypatch.setenv("PATSNAP_CLIENT_SECRET", emu.client_secret)
    args = _parser().parse_args([*argv, "--base-url", emu.url, "--qps", "1000", "--quiet"])
    return await asyncio.to_thread(run_harvest, args)


def lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def written(path: Path) -> list[str]:
    return [json.loads(line)["requested_id"] for line in lines(path)]


@pytest.mark.parametrize("seed", SEEDS[::3])
async def test_the_harvester_puts_every_id_in_exactly_one_file(
    serve: ServeFactory, seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids, rates, retries = draw(seed)
    source, out = tmp_path / "ids.txt", tmp_path / "out.jsonl"
    source.write_text("\n".join(ids) + "\n")
    missing, failed = out.with_name("out.jsonl.missing"), out.with_name("out.jsonl.failed")
    argv = ["family", "-i", str(source), "-o", str(out), "--max-retries", str(retries)]
    async with serve(fault_rates=rates, seed=seed) as (emu, _):
        code = await harvest(emu, monkeypatch, *argv)
    got = written(out)
    assert len(got) == len(set(got))
    check_partition(ids, set(got), set(lines(missing)), set(lines(failed)), answered_with_data(emu))
    assert code == (1 if lines(failed) else 0)
    failed_first = set(lines(failed))

    # Nothing was lost: a resumed run on a platform that answers well settles the rest,
    # and asks only for the ids that failed.
    async with serve() as (emu, _):
        assert await harvest(emu, monkeypatch, *argv, "--resume") == 0
        asked = {i for s in business(emu) for i in s.ids}
    assert asked == failed_first
    assert sorted(written(out)) == sorted(i for i in ids if not i.startswith("UNKNOWN"))
    assert sorted(lines(missing)) == sorted(i for i in ids if i.startswith("UNKNOWN"))
    assert not failed.exists()


@pytest.mark.parametrize("kind", ["empty", "wrong_shape", "wrong_types", "deep", "malformed"])
async def test_a_sequence_whose_answer_said_nothing_fails_and_is_not_missing(
    serve: ServeFactory, kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, out = tmp_path / "seqs.txt", tmp_path / "out.jsonl"
    source.write_text("300\n42\n")  # 300: a sequence in no patent; 42: in 42 patents
    argv = ["sequence-patents", "-i", str(source), "-o", str(out), "--max-retries", "0"]
    async with serve() as (emu, _):
        emu.inject(kind=kind, path="/bio-openapi/sequence/patent", times=2)
        assert await harvest(emu, monkeypatch, *argv) == 1
        assert sorted(lines(out.with_name("out.jsonl.failed"))) == ["300", "42"]
        assert not lines(out.with_name("out.jsonl.missing"))
        assert written(out) == []
        assert await harvest(emu, monkeypatch, *argv, "--resume") == 0
    assert lines(out.with_name("out.jsonl.missing")) == ["300"]
    assert written(out) == ["42"] * 42
