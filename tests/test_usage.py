"""`patsnap-async usage` and `patsnap_async.usage`: the account's statement of account
(the emulator answers it from its own log) beside what this machine billed."""

from __future__ import annotations

import asyncio
import datetime
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from patsnap_async import (
    AuthenticationError,
    InvalidParameterError,
    PatsnapClient,
    harvest,
    usage,
)
from patsnap_async._cli import main
from patsnap_async.testing import Emulator, MockTransport

from .conftest import ServeFactory, client_for, fast_harvest_retries
from .test_cli_catalog import ok
from .virtual_time import run

STATEMENT = "/open-user/statement/v2"
FAMILY = "/basic-patent-data/patent-family"
IDS = [f"US{11_000_000 + i}B2" for i in range(230)] + ["UNKNOWN1", "US11205304"]
TODAY = datetime.date.today()
# Around today: a request served a moment before midnight is still in the range.
AROUND = (TODAY - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1))


async def harvested(emu: Emulator, folder: Path) -> dict[str, Any]:
    """Families, citations and a search harvested from `emu`; their summaries."""
    async with client_for(emu, max_retries=3) as client:
        emu.inject(error_code=68300008, times=1, path=FAMILY)  # failed, then sent again
        families = await harvest.family(client, IDS, folder / "families.jsonl")
        cited = await harvest.cited_by(client, IDS[:120], folder / "cited.jsonl")
        found = await harvest.search(client, "TACD: drone", folder / "drones.jsonl",
                                     max_results=2_500)  # fmt: skip
    return {"family": families, "cited-by": cited, "search": found}


def served(emu: Emulator, path: str) -> list[Any]:
    """The requests to `path` answered with success."""
    return [s for s in emu.log if s.path == path and (s.http_status, s.error_code) == (200, 0)]


async def test_the_emulators_statement_is_what_it_served(
    serve: ServeFactory, tmp_path: Path
) -> None:
    respelled = {"US11205304": "US11205304B2"}  # billed, though it matches no id asked
    async with serve(respelled=respelled) as (emu, _):
        summaries = await harvested(emu, tmp_path)
        log_before = len(emu.log)
        async with client_for(emu) as client:
            found = await usage.statement(
                client, *AROUND, client_id=emu.client_id, client_secret=emu.client_secret
            )
            earlier = await usage.statement(
                client, TODAY - datetime.timedelta(days=30), TODAY - datetime.timedelta(days=2),
                client_id=emu.client_id, client_secret=emu.client_secret,
            )  # fmt: skip
    by_code = {api.serial_number: api for api in found.usage}
    assert list(by_code) == ["P014", "P015", "P002"]
    family = served(emu, FAMILY)
    assert len(family) < len([s for s in emu.log if s.path == FAMILY])  # the failure
    assert by_code["P014"].usage_times == len(family) == 3
    assert by_code["P014"].fee_times == sum(s.result_count for s in family)
    assert by_code["P014"].fee_times == summaries["family"].written + 1 == 231  # + unmatched
    assert by_code["P015"].fee_times == summaries["cited-by"].written == 120
    search = served(emu, "/search/patent/query-search-patent")
    assert by_code["P002"].usage_times == by_code["P002"].fee_times == len(search) == 3
    assert by_code["P014"].used_money == pytest.approx(2.31)
    assert found.usage_money == pytest.approx(sum(a.used_money or 0 for a in found.usage))
    assert (by_code["P014"].name, by_code["P014"].request_path) == ("Patent Family", FAMILY)
    assert earlier.usage == () and earlier.usage_money == 0
    # The statement asked twice, its own requests and the tokens are not on it.
    assert Counter(s.path for s in emu.log[log_before:]) == {STATEMENT: 2, "/oauth/token": 1}
    body = next(s.body for s in emu.log if s.path == STATEMENT)
    assert body["client_secret"] == "<redacted>" and body["time_start"] == f"{AROUND[0]:%Y%m%d}"


async def test_the_emulator_refuses_another_accounts_secret_and_bad_days(emu: Emulator) -> None:
    async with client_for(emu) as client:
        with pytest.raises(AuthenticationError, match="67200003"):
            await usage.statement(client, *AROUND, client_id=emu.client_id, client_secret="no")
        for start, end in (("2025-01-01", "20250101"), ("20250102", "20250101")):
            with pytest.raises(InvalidParameterError, match="68300004"):
                await client.call(
                    "X-statement-v2", apikey=emu.client_id, client_secret=emu.client_secret,
                    time_start=start, time_end=end,
                )  # fmt: skip


def test_statement_checks_its_arguments_before_anything_is_sent() -> None:
    transport = MockTransport(lambda request: ok({}))

    async def main_() -> None:
        async with PatsnapClient(api_key="sk-x", transport=transport) as client:
            with pytest.raises(ValueError, match="needs the account's client id and secret"):
                await usage.statement(client, TODAY, TODAY)
            with pytest.raises(TypeError, match=r"start must be a datetime\.date"):
                await usage.statement(client, datetime.datetime.now(), TODAY)
            with pytest.raises(ValueError, match="is before start"):
                await usage.statement(client, TODAY, AROUND[0], client_id="a", client_secret="b")
            old = datetime.date(1, 1, 1)
            with pytest.raises(ValueError, match="start 0001-01-01 is before 2000-01-01"):
                await usage.statement(client, old, TODAY, client_id="a", client_secret="b")

    run(main_)
    assert transport.requests == []


def test_a_statement_is_read_as_the_platform_writes_it() -> None:
    data = {
        "usage": [
            {"fee_times": 80, "used_money": 123.45, "usage_times": 100,
             "request_path": "/basic-patent-data/fulltext-image", "serial_number": "P042",
             "request_path_name": "<cn>[P042]全文附图</cn><us>[P042]Fulltext Image</us>"},
        ],
        "combo_usage": [
            {"url": "/ai/quick-search-report/query", "used_num": 21,
             "url_name": "<cn>[AI34-3]预研报告查询</cn><us>[AI34-3]Quick-search report Query</us>"},
        ],
        "usage_money": 100, "combo_use_num": 100, "combo_usage_num": 100, "later": 1,
    }  # fmt: skip
    found = usage.parse_statement(data)
    assert found.usage[0].name == "Fulltext Image" and found.usage[0].fee_times == 80.0
    assert found.combo_usage[0].name == "Quick-search report Query"
    assert found.usage_money == 100.0


def test_compare_sets_each_api_beside_what_was_billed_here() -> None:
    found = usage.Statement(
        usage=(
            usage.ApiUsage("P014", FAMILY, None, 3, 250, 2.5),
            usage.ApiUsage("P015", "/basic-patent-data/forward-citation/v3", None, 2, 120, 1.2),
            usage.ApiUsage("P002", "/search/patent/query-search-patent", None, 2, 2, 0.02),
        )
    )
    rows = [
        usage.HarvestBilled("P014", FAMILY, 200),
        usage.HarvestBilled("P014", FAMILY, 50),  # rows of one lookup add up
        usage.HarvestBilled("P015", "/basic-patent-data/forward-citation/v3", 119),
        usage.HarvestBilled("P018", "/basic-patent-data/claim-data", 7),
        usage.HarvestBilled("made_up", "/x", 1),  # no code: by its path
    ]
    assert usage.tally(rows) == {"P014": 250, "P015": 119, "P018": 7, "/x": 1}
    lines = usage.compare(found, rows)
    assert [(line.code, line.billed_here, line.differs) for line in lines] == [
        ("P014", 250, False), ("P015", 119, True), ("P002", None, False),
        ("P018", 7, True), (None, 1, True),
    ]  # fmt: skip
    assert (lines[3].name, lines[3].path) == ("Claim", "/basic-patent-data/claim-data")
    assert [line.billed_here for line in usage.compare(found, None)] == [None] * 3


def test_the_harvested_ledger_counts_billed_records_and_says_what_it_left_out(
    tmp_path: Path,
) -> None:
    def output(name: str, lines: int, manifest: dict[str, Any] | None) -> Path:
        path = tmp_path / name
        path.write_text('{"requested_id": "x"}\n' * lines + '{"torn')
        if manifest is not None:
            path.with_name(name + ".manifest.json").write_text(json.dumps(manifest))
        return path

    families = output("f.jsonl", 5, {"command": "family", "ids": "patent numbers"})
    (tmp_path / "f.jsonl.unmatched").write_text('{"pn": "x"}\n' * 2)
    more = output("g.jsonl", 3, {"command": "get", "endpoint": "P014", "ids": "patent ids"})
    claims = output("c.jsonl", 4, {"command": "get", "endpoint": "P018", "params": {}})
    old = output("old.jsonl", 9, {"command": "cited-by", "ids": "patent numbers"})
    month_ago = (datetime.datetime.now() - datetime.timedelta(days=30)).timestamp()
    os.utime(old, (month_ago, month_ago))
    search = output("s.jsonl", 6, {"command": "search", "ids": "query"})
    bare = output("bare.jsonl", 2, None)
    ledger = usage.HarvestedLedger([families, more, claims, old, search, bare, tmp_path / "no"])
    billed = ledger.billed(*usage.day_bounds(*AROUND))
    assert billed == [
        usage.HarvestBilled("P014", FAMILY, 7),
        usage.HarvestBilled("P014", FAMILY, 3),
        usage.HarvestBilled("P018", "/basic-patent-data/claim-data", 4),
    ]
    assert usage.tally(billed) == {"P014": 10, "P018": 4}
    assert [note.split(" left out: ")[1] for note in ledger.notes] == [
        f"last written {datetime.date.fromtimestamp(month_ago)}, before the range",
        "not a lookup billed per record",
        "no manifest says what it harvested",
        "cannot read it: No such file or directory",
    ]


class CacheLedger:
    """A record cache's ledger as `RecordCache.billed` answers: rows per lookup and host."""

    def __init__(self) -> None:
        self.asked: list[tuple[datetime.datetime, datetime.datetime]] = []

    def billed(self, start: datetime.datetime, end: datetime.datetime) -> list[Any]:
        self.asked.append((start, end))
        return [
            usage.HarvestBilled("P014", FAMILY, 2),
            usage.HarvestBilled("P014", FAMILY, 1),  # another host, say
        ]


def test_any_ledger_with_rows_of_billed_records_compares() -> None:
    ledger: usage.BilledLedger = CacheLedger()
    found = usage.Statement(usage=(usage.ApiUsage("P014", FAMILY, None, 1, 3, 0.03),))
    (line,) = usage.compare(found, ledger.billed(*usage.day_bounds(TODAY, TODAY)))
    assert (line.billed_here, line.differs) == (3, False)


def test_day_bounds_in_a_time_zone() -> None:
    shanghai = datetime.timezone(datetime.timedelta(hours=8))
    start, end = usage.day_bounds(datetime.date(2025, 3, 1), datetime.date(2025, 3, 1), shanghai)
    assert start.astimezone(datetime.UTC) == datetime.datetime(2025, 2, 28, 16, tzinfo=datetime.UTC)
    assert end - start == datetime.timedelta(days=1)


def test_day_bounds_are_this_machines_midnights() -> None:
    start, end = usage.day_bounds(datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    assert start.tzinfo is not None and end.tzinfo is not None
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (
        datetime.datetime(2025, 3, 1), datetime.datetime(2025, 4, 1),
    )  # fmt: skip


# --- the command line ----------------------------------------------------------------


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Any:
    """`code, out, err = await cli(emu, "usage", ...)`: `main()` in this process, with the
    emulator's client id and secret in the environment."""

    async def _cli(emu: Emulator, *argv: str, pair: bool = True) -> tuple[int, str, str]:
        fast_harvest_retries(monkeypatch)
        if pair:
            monkeypatch.setenv("PATSNAP_CLIENT_ID", emu.client_id)
            monkeypatch.setenv("PATSNAP_CLIENT_SECRET", emu.client_secret)
        else:
            monkeypatch.setenv("PATSNAP_API_KEY", emu.api_key)
        capsys.readouterr()

        def call() -> int:
            try:
                main([*argv, "--base-url", str(emu.url)])
            except SystemExit as exit_:
                return int(exit_.code or 0)
            return 0

        code = await asyncio.to_thread(call)
        out, err = capsys.readouterr()
        return code, out, err

    return _cli


async def test_usage_prints_the_statement_beside_the_harvests(
    emu: Emulator, cli: Any, tmp_path: Path
) -> None:
    await harvested(emu, tmp_path)
    days = ["--from", str(AROUND[0]), "--to", f"{AROUND[1]:%Y%m%d}"]
    code, out, err = await cli(emu, "usage", *days)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"PatSnap statement of account, {AROUND[0]} to {AROUND[1]}",
        "CODE   API                     CALLS  CHARGED  AMOUNT",
        "P014   Patent Family               3      231    2.31",
        "P015   Cited By Patents            2      120    1.20",
        "P002   Analytics Query Search      3        3    0.03",
        "total                              8      354    3.54",
        "billed here: not compared; --cache FILE counts a record cache's ledger, "
        "--harvested OUTPUT... the records of harvest outputs",
    ]
    outputs = [str(tmp_path / name) for name in ("families.jsonl", "cited.jsonl", "drones.jsonl")]
    (tmp_path / "cited.jsonl").write_text((tmp_path / "cited.jsonl").read_text()[:-1])  # torn
    code, out, err = await cli(emu, "usage", *days, "--harvested", *outputs)
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == [
        "CODE   API                     CALLS  CHARGED  AMOUNT  BILLED HERE",
        "P014   Patent Family               3      231    2.31          231",
        "P015   Cited By Patents            2      120    1.20        119 *",
        "P002   Analytics Query Search      3        3    0.03            -",
        "total                              8      354    3.54          350",
        f"billed here: records in {', '.join(outputs)}",
        f"  {outputs[2]} left out: not a lookup billed per record",
        "* the statement and this machine differ on what was billed",
    ]
    code, out, _ = await cli(emu, "usage", *days, "--json", "--harvested", outputs[0])
    printed = json.loads(out)
    assert printed["apis"][0] == {
        "code": "P014", "path": FAMILY, "name": "Patent Family", "calls": 3,
        "charged": 231, "amount": 2.31, "billed_here": 231,
    }  # fmt: skip
    assert (printed["from"], printed["to"], printed["amount"]) == (
        str(AROUND[0]), str(AROUND[1]), 3.54,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2025-03-02", "--to", "2025-03-01"], "--to 2025-03-01 is before --from"),
        (["--from", "March", "--to", "2025-03-01"], "argument --from: not a day as YYYY-MM-DD"),
        (["--from", "2025-03-01", "--to", "2025-03-01", "--api-key", "sk-x"],
         "usage takes --client-id and --client-secret, not --api-key"),
        (["--to", "2025-03-01"], "the following arguments are required: --from"),
        (["--from", "0001-01-01", "--to", "0001-01-01"],
         "argument --from: '0001-01-01' is before 2000-01-01: no statement is that old"),
        (["--from", "2025-03-01", "--to", "19991231"], "argument --to: '19991231' is before"),
        (["--from", "2025-03-01", "--to", "2025-03-01", "--harvested", "nope.jsonl"],
         "--harvested nope.jsonl: no such file"),
    ],
)  # fmt: skip
async def test_usage_refuses_a_bad_option_and_sends_nothing(
    emu: Emulator, cli: Any, argv: list[str], message: str
) -> None:
    code, out, err = await cli(emu, "usage", *argv)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1
    assert emu.log == []


async def test_usage_refuses_a_harvested_output_with_no_manifest(
    emu: Emulator, cli: Any, tmp_path: Path
) -> None:
    bare = tmp_path / "bare.jsonl"
    bare.write_text('{"requested_id": "US1B2", "pn": "US1B2"}\n')
    code, out, err = await cli(emu, "usage", "--from", "2025-03-01", "--to", "2025-03-01",
                               "--harvested", str(bare))  # fmt: skip
    assert (code, out) == (2, "")
    assert f"--harvested {bare}: no manifest says what it harvested" in err
    assert emu.log == []


async def test_usage_needs_the_client_id_and_secret(emu: Emulator, cli: Any) -> None:
    argv = ["usage", "--from", "2025-03-01", "--to", "2025-03-01"]
    code, _, err = await cli(emu, *argv, pair=False)
    assert code == 2 and "usage needs the account's client id and secret" in err
    assert emu.log == []


async def test_usage_sets_the_statement_beside_the_record_caches_ledger(
    emu: Emulator, cli: Any, tmp_path: Path
) -> None:
    # A harvest on a record cache: its ledger counts what was billed, by lookup.
    (tmp_path / "ids.txt").write_text("\n".join(IDS[:150]))
    cache = str(tmp_path / "records.sqlite3")
    argv = ["family", "-i", str(tmp_path / "ids.txt"), "-o", str(tmp_path / "f.jsonl")]
    code, _, err = await cli(emu, *argv, "--cache", cache, "--quiet")
    assert code == 0, err
    days = ["--from", str(AROUND[0]), "--to", str(AROUND[1])]
    code, out, err = await cli(emu, "usage", *days, "--cache", cache)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[1].endswith("BILLED HERE")
    assert lines[2].split()[0] == "P014" and lines[2].split()[-1] == lines[2].split()[-3] == "150"
    assert lines[-1] == f"billed here: the record cache {cache}"
    sent = len(emu.log)
    for also, refused in [
        (["--no-cache"], "--no-cache and --cache do not go together"),
        (["--harvested", str(tmp_path / "f.jsonl")], "--cache and --harvested do not go"),
    ]:
        code, out, err = await cli(emu, "usage", *days, "--cache", cache, *also)
        assert code == 2 and refused in err
    code, out, err = await cli(emu, "usage", *days, "--cache", str(tmp_path / "nowhere"))
    assert code == 2 and f"--cache {tmp_path / 'nowhere'}: no such file" in err
    assert len(emu.log) == sent and not (tmp_path / "nowhere").exists()
