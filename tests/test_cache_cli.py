"""The record cache on the command line: on by default, what it saves a second harvest,
its options, a broken file, and two processes harvesting into one cache at once."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from patsnap_async import PatsnapClient, harvest
from patsnap_async.cache import RecordCache, default_path
from patsnap_async.testing import Emulator

from . import test_cli_catalog
from .conftest import ServeFactory, business
from .test_harvest import records, start

#: `code, out, err = await cli(emu, "family", ...)`: the command line in this process.
cli = test_cli_catalog.cli

IDS = [f"US{11_000_000 + i}B2" for i in range(250)]


def row(err: str, name: str) -> tuple[int, str]:
    """A summary row's count and note: `  from cache   250  /path` -> (250, "/path")."""
    match = re.search(rf"^  {name} +(\d+)(?:  (.*))?$", err, re.MULTILINE)
    assert match is not None, err
    return int(match[1]), match[2] or ""


@pytest.fixture
def ids_file(tmp_path: Path) -> Path:
    path = tmp_path / "ids.txt"
    path.write_text("\n".join([*IDS, "UNKNOWN1"]) + "\n")
    return path


async def test_a_second_harvest_sends_nothing_and_says_what_the_cache_saved(
    emu: Emulator, cli: Any, tmp_path: Path, ids_file: Path
) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    code, _, err = await cli(emu, "family", "-i", str(ids_file), "-o", str(first))
    assert code == 0, err
    assert row(err, "from cache") == (0, str(default_path()))  # the default file, shown
    assert "billed saved" not in err
    assert default_path().parent.stat().st_mode & 0o777 == 0o700
    emu.reset_log()
    code, _, err = await cli(emu, "family", "-i", str(ids_file), "-o", str(second))
    assert code == 0, err
    assert business(emu) == []
    assert row(err, "from cache") == (251, str(default_path()))
    assert row(err, "HTTP requests")[0] == 0
    assert row(err, "billed results")[0] == 0
    assert row(err, "billed saved") == (250, "by the record cache")
    assert row(err, "missing")[0] == 1
    # The same lines: in the input's order (the first run's follow its answers).
    assert records(second) == sorted(records(first), key=lambda r: IDS.index(r["pn"]))
    assert (tmp_path / "second.jsonl.missing").read_text() == "UNKNOWN1\n"


async def test_get_and_cited_by_take_the_cache_and_a_dry_run_counts_its_hits(
    emu: Emulator, cli: Any, tmp_path: Path, ids_file: Path
) -> None:
    cache = str(tmp_path / "mine.sqlite3")
    out = tmp_path / "a.jsonl"
    code, _, err = await cli(emu, "get", "P015", "-i", str(ids_file), "-o", str(out),
                             "--cache", cache)  # fmt: skip
    assert code == 0, err
    emu.reset_log()
    argv = ["cited-by", "-i", str(ids_file), "-o", str(tmp_path / "b.jsonl"), "--cache", cache]
    code, stdout, err = await cli(emu, *argv, "--dry-run")
    assert code == 0, err
    assert stdout == (
        "cited-by: 251 ids; 251 from the record cache, without a request; 0 sent in 0 "
        "requests of at most 100, billed at most 0 results (one per id found)\n"
    )
    code, _, err = await cli(emu, *argv)
    assert code == 0, err
    assert business(emu) == []
    assert row(err, "from cache") == (251, cache)
    assert not default_path().exists()  # --cache named another file


async def test_no_cache_refresh_and_max_age(
    emu: Emulator, cli: Any, tmp_path: Path, ids_file: Path
) -> None:
    def argv(name: str, *more: str) -> list[str]:
        return ["family", "-i", str(ids_file), "-o", str(tmp_path / name), *more]

    code, _, err = await cli(emu, *argv("none.jsonl", "--no-cache"))
    assert code == 0, err
    assert "from cache" not in err and "billed saved" not in err
    assert not default_path().exists()
    for name, options, sent in [
        ("first.jsonl", [], 3),
        ("again.jsonl", [], 0),
        ("refreshed.jsonl", ["--refresh"], 3),
        ("young.jsonl", ["--max-age", "1h"], 0),
        ("zero.jsonl", ["--max-age", "0"], 3),
    ]:
        emu.reset_log()
        code, _, err = await cli(emu, *argv(name, *options))
        assert code == 0, err
        assert len(business(emu)) == sent, name
    code, _, err = await cli(emu, *argv("x.jsonl", "--no-cache", "--max-age", "1d"))
    assert code == 2
    assert err == "patsnap-async: error: --no-cache and --max-age do not go together\n"
    code, _, err = await cli(emu, *argv("x.jsonl", "--max-age", "soon"))
    assert code == 2
    assert "--max-age: not a duration such as 3600, 90m, 12h, 30d or 2w: 'soon'" in err


async def test_a_corrupt_cache_stops_the_run_before_anything_is_sent(
    emu: Emulator, cli: Any, tmp_path: Path, ids_file: Path
) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"\x00garbage" * 512)
    out = tmp_path / "out.jsonl"
    argv = ["family", "-i", str(ids_file), "-o", str(out), "--cache", str(broken)]
    for more in ([], ["--dry-run"]):
        code, stdout, err = await cli(emu, *argv, *more)
        assert code == 2
        assert stdout == ""
        assert err == (
            f"patsnap-async: error: record cache {broken} is not a readable SQLite database "
            "(file is not a database): delete it, or give another; or run with --no-cache\n"
        )
    assert business(emu) == []
    assert not out.exists()
    assert broken.read_bytes() == b"\x00garbage" * 512  # left as it was


async def test_a_locked_cache_stops_the_run_naming_it(
    emu: Emulator, cli: Any, tmp_path: Path, ids_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.sqlite3"
    RecordCache(path).close()
    import patsnap_async._cli._options as options

    monkeypatch.setattr(options, "RecordCache", _quick(RecordCache))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        argv = ["family", "-i", str(ids_file), "-o", str(tmp_path / "o.jsonl")]
        code, _, err = await cli(emu, *argv, "--cache", str(path))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2
    assert err.startswith(f"patsnap-async: error: record cache {path} is locked by another")
    assert business(emu) == []


def _quick(cls: type[RecordCache]) -> Any:
    """The record cache, waiting 50 ms for a lock instead of 5 s."""

    def opened(path: Any, **settings: Any) -> RecordCache:
        return cls(path, timeout=0.05, **settings)

    return opened


async def test_harvest_from_python_reports_the_clients_cache(emu: Emulator, tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    assert emu.url is not None
    async with PatsnapClient(api_key=emu.api_key, base_url=emu.url, cache=path) as client:
        await harvest.family(client, IDS, tmp_path / "one.jsonl")
        summary = await harvest.lookup(client, "P014", IDS, tmp_path / "two.jsonl")
        searched = await harvest.search(client, "TACD: x", tmp_path / "s.jsonl", max_results=5)
    assert (summary.cache, summary.cache_hits, summary.billed_saved) == (path, 250, 250)
    assert summary.requests == 0 and summary.written == 250
    assert searched.cache is None  # a search runs no lookup


# --- two processes, one cache -----------------------------------------------------------


async def test_two_processes_harvesting_the_same_ids_bill_each_once(
    serve: ServeFactory, tmp_path: Path
) -> None:
    ids = [f"US{11_000_000 + i}B2" for i in range(3_000)]
    (tmp_path / "a.txt").write_text("\n".join(ids[:2_000]))  # 1000 ids in common
    (tmp_path / "b.txt").write_text("\n".join(ids[1_000:]))
    cache = tmp_path / "shared.sqlite3"
    async with serve(latency=(0.02, 0.06), seed=3) as (emu, _):
        runs = [
            await start(emu, "family", "-i", str(tmp_path / f"{n}.txt"), "-o",
                        str(tmp_path / f"{n}.jsonl"), "--cache", str(cache), "--qps", "40")
            for n in "ab"
        ]  # fmt: skip
        done = await asyncio.wait_for(asyncio.gather(*(r.communicate() for r in runs)), 120)
    for process, (_, err) in zip(runs, done, strict=True):
        assert process.returncode == 0, err.decode()
    sent = [i for served in business(emu) for i in served.ids]
    assert sorted(sent) == sorted(ids)  # each id billed once, by one of them
    for name, part in (("a", ids[:2_000]), ("b", ids[1_000:])):
        assert sorted(r["requested_id"] for r in records(tmp_path / f"{name}.jsonl")) == part
    hits = [int(re.search(rb"from cache +(\d+)", err)[1]) for _, err in done]  # type: ignore[index]
    assert sum(hits) == 1_000
    with sqlite3.connect(cache) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM records").fetchone() == (3_000,)
        assert db.execute("SELECT count(*) FROM claims").fetchone() == (0,)


async def test_a_killed_runs_claims_do_not_hold_the_next_run(
    serve: ServeFactory, tmp_path: Path
) -> None:
    ids = [f"US{11_000_000 + i}B2" for i in range(2_000)]
    (tmp_path / "ids.txt").write_text("\n".join(ids))
    cache = tmp_path / "shared.sqlite3"
    argv = ["family", "-i", str(tmp_path / "ids.txt"), "--cache", str(cache), "--qps", "20"]
    async with serve(latency=(0.2, 0.3)) as (emu, _):
        killed = await start(emu, *argv, "-o", str(tmp_path / "killed.jsonl"))
        for _ in range(600):  # 30 s at most
            await asyncio.sleep(0.05)
            if len(business(emu)) >= 3:
                break
        killed.kill()  # SIGKILL: its claims stay in the file
        await killed.wait()
        with sqlite3.connect(cache) as db:
            assert db.execute("SELECT count(*) FROM claims").fetchone()[0] > 0
        started = asyncio.get_running_loop().time()
        again = await start(emu, *argv, "-o", str(tmp_path / "again.jsonl"))
        _, err = await asyncio.wait_for(again.communicate(), 60)
    assert again.returncode == 0, err.decode()
    # The dead process's claims were let go at once, not after their 120 s.
    assert asyncio.get_running_loop().time() - started < 30
    assert len(records(tmp_path / "again.jsonl")) == 2_000


async def test_a_refusal_creates_no_record_cache_and_touches_no_file(
    emu: Emulator, cli: Any, tmp_path: Path, ids_file: Path
) -> None:
    out, manifest = tmp_path / "x.jsonl", tmp_path / "x.jsonl.manifest.json"
    family = ["family", "-i", str(ids_file), "-o", str(out)]
    source = tmp_path / "ids.txt"  # ids_file
    before = source.read_bytes()
    for cache, why in (
        (out, "is the --output file"),
        (manifest, "is a side file of --output (x.jsonl.manifest.json)"),
        (tmp_path / "x.jsonl.failed", "is a side file of --output (x.jsonl.failed)"),
        (ids_file, "is the --input file"),
    ):
        code, _, err = await cli(emu, *family, "--cache", str(cache))
        assert code == 2
        assert err == f"patsnap-async: error: --cache {cache} {why}: give another file\n"
        assert not out.exists() and not manifest.exists()
    code, _, err = await cli(emu, *family, "--cache", "")
    assert code == 2 and "argument --cache: must not be empty" in err
    # An output that is refused (it holds records, and no --resume): no cache is created.
    out.write_text('{"requested_id": "US1B2"}\n')
    new = tmp_path / "new.sqlite3"
    for more in (["--cache", str(new)], []):
        code, _, err = await cli(emu, *family, *more)
        assert code == 2
        assert "already holds records" in err
    assert not new.exists()
    assert not default_path().exists() and not default_path().parent.exists()
    assert source.read_bytes() == before
    assert business(emu) == []
