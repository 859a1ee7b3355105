"""`patsnap-async export` and `patsnap_async.export`: harvest outputs as flat tables.

Each output is harvested over HTTP from the emulator (or, for an operation of the
catalog the emulator does not serve, through `MockTransport`), exported as CSV and
Parquet, and read back: every record and every nested item is in its table once, under
its key, with the value the JSON line holds, of the type `schema.json` declares, and
the CSV and Parquet files hold the same rows.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import pyarrow.parquet as pq
import pytest

from patsnap_async import ExportError, HttpRequest, HttpResponse, PatsnapClient, export, harvest
from patsnap_async._cli import main
from patsnap_async.testing import Emulator, MockTransport

from .conftest import client_for
from .test_harvest import records
from .virtual_time import run

PY_TYPES = {"string": str, "json": str, "int64": int, "float64": float, "bool": bool}


# --- what every export must hold -----------------------------------------------------


def check_round_trip(output: Path, folder: Path) -> dict[str, Any]:
    """Export `output` as CSV and Parquet into `folder` and check every table against the
    JSON lines (see the module's docstring); the schema."""
    done = export.from_output(output, folder, formats=["csv", "parquet"])
    schema = export.read_schema(folder)
    lines = records(output)
    assert [t.name for t in done.tables] == [t["name"] for t in schema["tables"]]
    tables = {t["name"]: t for t in schema["tables"]}
    for table in schema["tables"]:
        from_csv = export.read_csv(folder, table["name"])
        from_parquet = pq.read_table(folder / f"{table['name']}.parquet").to_pylist()
        assert from_csv == from_parquet, table["name"]
        assert len(from_csv) == table["rows"] == done.table(table["name"]).rows
        check_types(table, from_csv)
        keys = [tuple(row[k] for k in table["key"]) for row in from_csv]
        assert len(set(keys)) == len(keys), f"{table['name']}: a key names two rows"
        assert len(from_csv) == len(items_of(table, tables, lines)), table["name"]
        for row in from_csv:
            check_row(table, row, item_for(table, tables, row, lines))
    return schema


def check_types(table: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    for column in table["columns"]:
        kind = column["type"]
        for row in rows:
            value = row[column["name"]]
            if value is None:
                continue
            if kind.startswith("list<"):
                inner = PY_TYPES[kind[5:-1]]
                assert isinstance(value, list) and all(
                    v is None or type(v) is inner for v in value
                ), (column, value)
            else:
                assert type(value) is PY_TYPES[kind], (table["name"], column, value)


def items_of(table: dict[str, Any], tables: dict[str, Any], lines: list[Any]) -> list[Any]:
    """Every item of the table's list, in every record."""
    if table["parent"] is None:
        return lines
    found = []
    for parent in items_of(tables[table["parent"]], tables, lines):
        found += dig(parent, table["path"]) or []
    return found


def item_for(
    table: dict[str, Any], tables: dict[str, Any], row: dict[str, Any], lines: list[Any]
) -> Any:
    """The item of the JSON lines a row was made from, found by the row's key."""
    if table["parent"] is None:
        key = tuple(row.get(k) for k in table["key"])
        (line,) = [line for line in lines if tuple(line.get(k) for k in table["key"]) == key]
        return line
    parent = item_for(tables[table["parent"]], tables, row, lines)
    return dig(parent, table["path"])[row[f"{table['name']}_index"]]


def dig(item: Any, path: str) -> Any:
    for name in path.split("."):
        item = item.get(name) if isinstance(item, dict) else None
    return item


def check_row(table: dict[str, Any], row: dict[str, Any], item: Any) -> None:
    for column in table["columns"]:
        if "path" in column:
            assert row[column["name"]] == expected(column["type"], dig(item, column["path"])), (
                table["name"],
                column,
            )
        elif column.get("derived"):
            parts = [item.get(p) for p in ("country", "doc_number", "kind")]
            assert row[column["name"]] == ("".join(parts) if all(parts) else None)


def expected(kind: str, value: Any) -> Any:
    """What a column of `kind` holds for a JSON value, as the README says."""
    if value is None:
        return None
    if kind == "string":
        return value if isinstance(value, str) else json.dumps(value)
    if kind == "float64":
        return float(value)
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if kind == "list<float64>":
        return [float(v) for v in value]
    return value


def column(schema: dict[str, Any], table: str, name: str) -> dict[str, Any]:
    (found,) = [t for t in schema["tables"] if t["name"] == table]
    return next(c for c in found["columns"] if c["name"] == name)


# --- harvests over HTTP, exported ----------------------------------------------------

IDS = [f"US{11_205_300 + i}B2" for i in range(150)] + ["JP1999068462A", "UNKNOWN1"]


async def test_a_family_output_exports_each_record_and_member_once(
    emu: Emulator, tmp_path: Path
) -> None:
    out = tmp_path / "families.jsonl"
    async with client_for(emu) as client:
        summary = await harvest.family(client, IDS, out)
    assert summary.written == 151
    schema = check_round_trip(out, tmp_path / "tables")
    names = [t["name"] for t in schema["tables"]]
    assert names == ["records", "simple_family", "inpadoc_family", "patsnap_family"]
    records_table = schema["tables"][0]
    assert records_table["key"] == ["requested_id"]
    assert [c["name"] for c in records_table["columns"]] == [
        "requested_id", "pn", "patent_id", "patent_family_simple_family_id",
        "patent_family_inpadoc_family_id", "patent_family_patsnap_family_id",
    ]  # fmt: skip
    assert column(schema, "records", "patent_family_simple_family_id")["type"] == "int64"
    members = {c["name"]: c for c in schema["tables"][1]["columns"]}
    assert list(members) == [
        "requested_id", "simple_family_index", "pn", "kind", "country", "sequence", "doc_number",
    ]  # fmt: skip
    assert members["pn"]["derived"] == "country + doc_number + kind"
    assert (members["doc_number"]["type"], members["sequence"]["type"]) == ("string", "int64")
    first = export.read_csv(tmp_path / "tables", "simple_family")[0]
    assert first["pn"] == first["country"] + first["doc_number"] + first["kind"]
    assert schema["manifest"] == {"command": "family", "ids": "patent numbers"}


async def test_a_cited_by_output_exports_its_citing_patents(emu: Emulator, tmp_path: Path) -> None:
    out = tmp_path / "cited.jsonl"
    async with client_for(emu) as client:
        await harvest.cited_by(client, IDS, out)
    schema = check_round_trip(out, tmp_path / "tables")
    assert [t["name"] for t in schema["tables"]] == ["records", "cited_by_patents"]
    citing = {c["name"]: c["type"] for c in schema["tables"][1]["columns"]}
    assert citing["category"] == citing["cite_type"] == "list<string>"
    assert (citing["apdt"], citing["pn"]) == ("int64", "string")
    assert schema["tables"][1]["rows"] > 0


async def test_a_sequence_search_exports_hits_with_numeric_evalues_and_their_patents(
    serve: Any, tmp_path: Path
) -> None:
    out = tmp_path / "hits.jsonl"
    async with serve(job_hits=40) as (emu, _), client_for(emu) as client:
        sequence = "MQVDLLGSAQSAHALHLFHQHSPLVHCMTNDVVQTFTANTLLALGASPAMV"
        await harvest.sequence_search(client, out, sequence=sequence, limit=40, poll_interval=0)
    schema = check_round_trip(out, tmp_path / "tables")
    assert [t["name"] for t in schema["tables"]] == ["records", "hsps", "patents"]
    assert schema["tables"][0]["key"] == ["requested_id", "index"]
    assert schema["tables"][2]["key"] == ["requested_id", "index", "patents_index"]
    assert column(schema, "records", "evalue")["type"] == "float64"
    assert column(schema, "records", "seq_id")["type"] == "string"
    assert column(schema, "patents", "location_APP")["type"] == "list<string>"
    hits = export.read_csv(tmp_path / "tables", "records")
    evalues = [hit["evalue"] for hit in hits]
    as_text = [line["evalue"] for line in records(out)]
    # Sorted as numbers, not as text: 1e-95 comes before 2e-10.
    assert (
        sorted(evalues) == sorted(float(e) for e in as_text) != [float(e) for e in sorted(as_text)]
    )


async def test_sequence_ids_stay_strings(serve: Any, tmp_path: Path) -> None:
    out = tmp_path / "seq.jsonl"
    totals = {"00834879": 120}
    async with serve(sequence_patent_totals=totals) as (emu, _), client_for(emu) as client:
        await harvest.sequence_patents(client, ["00834879"], out)
    schema = check_round_trip(out, tmp_path / "tables")
    rows = export.read_csv(tmp_path / "tables", "records")
    assert {row["requested_id"] for row in rows} == {"00834879"}
    assert [row["index"] for row in rows] == list(range(120))
    assert column(schema, "records", "sequence_id_number")["type"] == "list<string>"


async def test_a_split_search_keeps_part_though_the_first_lines_lack_it(
    serve: Any, tmp_path: Path
) -> None:
    queries = ["TACD: small", "TACD: large"]
    out = tmp_path / "search.jsonl"
    totals = {"TACD: small": 30, "TACD: large": 20_050}
    async with serve(search_totals=totals) as (emu, _), client_for(emu) as client:
        await harvest.search(client, queries, out, split=True)
    lines = records(out)
    assert "part" not in lines[0] and "part" in lines[-1]
    folder = tmp_path / "tables"
    export.from_output(out, folder)
    schema = export.read_schema(folder)
    assert schema["tables"][0]["key"] == ["requested_id", "part", "index"]
    rows = export.read_csv(folder, "records")
    assert len(rows) == len(lines) == 20_080
    assert Counter(row["part"] is None for row in rows) == {True: 30, False: 20_050}
    assert len({(r["requested_id"], r["part"], r["index"]) for r in rows}) == len(rows)


async def test_a_listing_and_a_get_of_the_catalog_export(emu: Emulator, tmp_path: Path) -> None:
    async with client_for(emu) as client:
        await harvest.listing(
            client, "P002", tmp_path / "list.jsonl", params={"query_text": "TACD: x"},
            max_results=120,
        )  # fmt: skip
        await harvest.lookup(client, "P014", IDS[:20], tmp_path / "get.jsonl")
    listed = check_round_trip(tmp_path / "list.jsonl", tmp_path / "list")
    assert [c["name"] for c in listed["tables"][0]["columns"]] == [
        "requested_id", "index", "pn", "patent_id",
    ]  # fmt: skip
    got = check_round_trip(tmp_path / "get.jsonl", tmp_path / "get")
    assert [t["name"] for t in got["tables"]][1:] == [
        "simple_family", "inpadoc_family", "patsnap_family",
    ]  # fmt: skip


# --- a catalog lookup the emulator does not serve: flattened from its TypedDict -------


def claims(request: HttpRequest) -> HttpResponse:
    """P018 as the platform answers, with a field the spec does not name, and a claim
    count that is text in one record (the declared int64 widens to string)."""
    data = []
    for number, pn in enumerate(request.params["patent_number"].split(",")):
        record: dict[str, Any] = {"pn": pn, "patent_id": f"id-{pn}", "claim_count": 2}
        record["claims"] = [
            {
                "lang": "EN",
                "claim_text": '1. A lens,\nwith "quotes".',
                "claim_independent_count": 1,
            },
            {"lang": "DE", "claim_text": "1. Eine Linse.", "data_format": "ORIGINAL"},
        ]
        if number == 0:
            record |= {"claim_count": "2+", "added_later": {"score": 0.5, "flags": [True]}}
        data.append(record)
    body = {"status": True, "error_code": 0, "data": data}
    return HttpResponse(200, {}, json.dumps(body).encode())


def test_a_catalog_lookup_exports_from_its_record_type_and_its_data(tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"

    async def harvested() -> None:
        transport = MockTransport(claims)
        async with PatsnapClient(
            api_key="sk-x", base_url="https://api.test", transport=transport, qps=1000
        ) as client:
            await harvest.lookup(client, "P018", [f"EP{n}B1" for n in range(130)], out)

    run(harvested)
    schema = check_round_trip(out, tmp_path / "tables")
    assert [t["name"] for t in schema["tables"]] == ["records", "claims"]
    assert [c["name"] for c in schema["tables"][0]["columns"]] == [
        "requested_id", "pn", "patent_id", "pn_related", "claim_count",
        "added_later_score", "added_later_flags",
    ]  # fmt: skip
    assert column(schema, "records", "claim_count") == {
        "name": "claim_count", "type": "string", "path": "claim_count", "declared": "int64",
    }  # fmt: skip
    assert column(schema, "records", "added_later_flags")["type"] == "list<bool>"
    assert column(schema, "claims", "claim_independent_count")["type"] == "int64"
    assert schema["notes"] == [
        "records.claim_count is declared int64 but holds other values: written as string"
    ]
    assert schema["tables"][1]["rows"] == 260


# --- the folder, the lines, the formats ----------------------------------------------


def write_output(path: Path, lines: Iterable[Any], manifest: Any = None, tail: str = "") -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines) + tail)
    if manifest is not None:
        path.with_name(path.name + ".manifest.json").write_text(json.dumps(manifest))
    return path


FAMILY_LINE = {
    "requested_id": "US1B2", "pn": "US1B2", "patent_id": "p1",
    "patent_family": {"simple_family": [{"country": "US", "doc_number": "1", "kind": "B2"}]},
}  # fmt: skip


def test_a_lookups_record_keeps_its_own_index_and_part(tmp_path: Path) -> None:
    line = {"requested_id": "US1B2", "pn": "US1B2", "index": "IPC", "part": 3}
    out = write_output(tmp_path / "o.jsonl", [line], {"command": "get", "endpoint": "P018"})
    export.from_output(out, tmp_path / "t")
    assert export.read_csv(tmp_path / "t", "records") == [
        {"requested_id": "US1B2", "pn": "US1B2", "patent_id": None, "pn_related": None,
         "claim_count": None, "index": "IPC", "part": 3},
    ]  # fmt: skip
    assert export.read_schema(tmp_path / "t")["tables"][0]["key"] == ["requested_id"]


def test_a_torn_last_line_is_left_out_and_no_manifest_means_types_from_the_data(
    tmp_path: Path,
) -> None:
    second = {"requested_id": "007", "pn": 7, "score": 1}
    third = {"requested_id": "008", "pn": "X8", "score": 2.5, "new": {"a": [1, 2]}}
    out = write_output(tmp_path / "o.jsonl", [FAMILY_LINE, second, third], tail='{"reque')
    done = export.from_output(out, tmp_path / "t")
    schema = export.read_schema(tmp_path / "t")
    assert done.table("records").rows == 3
    types = {c["name"]: c["type"] for c in schema["tables"][0]["columns"]}
    assert types == {
        "requested_id": "string", "pn": "string", "patent_id": "string",
        "score": "float64", "new_a": "list<int64>",
    }  # fmt: skip
    assert export.read_csv(tmp_path / "t", "records")[1]["pn"] == "7"
    assert "no record type is known" in done.notes[1]
    assert export.read_csv(tmp_path / "t", "simple_family")[0]["pn"] == "US1B2"


def test_a_folder_is_refused_unless_empty_or_an_export_to_overwrite(tmp_path: Path) -> None:
    out = write_output(tmp_path / "o.jsonl", [FAMILY_LINE], {"command": "family"})
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "mine.txt").write_text("keep")
    with pytest.raises(ExportError, match="holds files of no export"):
        export.from_output(out, tmp_path / "other")
    with pytest.raises(ExportError, match="is not a folder"):
        export.from_output(out, out)
    export.from_output(out, tmp_path / "t", formats=["csv", "parquet"])
    with pytest.raises(ExportError, match=r"holds an export already: .*, or overwrite"):
        export.from_output(out, tmp_path / "t")
    # Overwritten with CSV only and a line that has no family: the stale files go.
    write_output(out, [{"requested_id": "X", "pn": "X"}], {"command": "search", "ids": "query"})
    export.from_output(out, tmp_path / "t", overwrite=True)
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == ["records.csv", "schema.json"]
    assert (tmp_path / "other" / "mine.txt").read_text() == "keep"


def test_a_line_that_is_no_record_fails_and_leaves_nothing(tmp_path: Path) -> None:
    out = write_output(tmp_path / "o.jsonl", [FAMILY_LINE, {"pn": "no requested id"}])
    with pytest.raises(ExportError, match=r"o.jsonl, line 2 is not a record of a harvest"):
        export.from_output(out, tmp_path / "t")
    assert not (tmp_path / "t").exists()
    write_output(out, [FAMILY_LINE], {"command": "family"})
    (tmp_path / "t").mkdir()
    with pytest.raises(ExportError, match="unknown format 'xlsx'"):
        export.from_output(out, tmp_path / "t", formats=["csv", "xlsx"])
    with pytest.raises(ExportError, match="formats must be a list"):
        export.from_output(out, tmp_path / "t", formats="csv")
    with pytest.raises(ExportError, match=r"cannot read .*nothing\.jsonl"):
        export.from_output(tmp_path / "nothing.jsonl", tmp_path / "t")
    assert list((tmp_path / "t").iterdir()) == []


def test_parquet_without_pyarrow_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = write_output(tmp_path / "o.jsonl", [FAMILY_LINE], {"command": "family"})
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    with pytest.raises(ExportError, match=r"pip install 'patsnap-async\[parquet\]'"):
        export.from_output(out, tmp_path / "t", formats=["parquet"])
    assert not (tmp_path / "t").exists()
    export.from_output(out, tmp_path / "t")  # CSV needs nothing


# --- the cache, through the RecordSource protocol ------------------------------------


@attrs.frozen
class Entry:
    """An entry of a record cache, as `patsnap_async.cache.RecordCache.entries` yields."""

    endpoint: str
    host: str
    path: str
    by: str
    params: dict[str, Any]
    id: str
    fetched: float
    record: dict[str, Any] | None


class FakeCache:
    """A record cache as `export.from_cache` sees one."""

    def __init__(self, entries: list[Entry]) -> None:
        self._entries = entries
        self.reads = 0

    def entries(self) -> Iterable[Entry]:
        self.reads += 1
        return iter(self._entries)


def test_a_cache_exports_one_folder_per_lookup_keyed_by_id_by_params_and_host(
    tmp_path: Path,
) -> None:
    when = datetime.datetime(2025, 3, 1, 12, 0, tzinfo=datetime.UTC).timestamp()
    record = {k: v for k, v in FAMILY_LINE.items() if k != "requested_id"}
    host, emulator = "https://connect.patsnap.com", "http://127.0.0.1:8080"

    def entry(code: str, id_: str, found: Any, params: Any = None, at: str = host) -> Entry:
        return Entry(code, at, "/p", "patent_number", params or {}, id_, when, found)

    cache = FakeCache(
        [
            entry("P014", "US1B2", record),
            entry("P014", "US1B2", record, at=emulator),
            entry("P014", "UNKNOWN1", None),  # the platform had no record: left out
            entry("P018", "US1B2", {"pn": "US1B2", "claim_count": 3}, {"lang": "EN"}),
            entry("P018", "US1B2", {"pn": "US1B2", "claim_count": 4}, {"lang": "DE"}),
            entry("B003/4-1", "job1", {"seq_id": 5, "evalue": "1e-5"}),
            entry("a_name", "X", {"n": 1}),  # a lookup with no code: typed from its data
        ]
    )
    done = export.from_cache(cache, tmp_path / "cache", formats=["csv", "parquet"])
    assert list(done) == ["P014", "P018", "B003/4-1", "a_name"]
    assert cache.reads == 1
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [
        "B003-4-1", "P014", "P018", "a_name",
    ]  # fmt: skip
    families = export.read_csv(tmp_path / "cache" / "P014", "records")
    assert [(r["requested_id"], r["host"]) for r in families] == [
        ("US1B2", host), ("US1B2", emulator),
    ]  # fmt: skip
    assert families[0]["fetched_at"] == "2025-03-01T12:00:00+00:00"
    assert families[0]["by"] == "patent_number"
    claims_rows = export.read_csv(tmp_path / "cache" / "P018", "records")
    assert [(r["params"], r["claim_count"]) for r in claims_rows] == [
        ('{"lang": "EN"}', 3), ('{"lang": "DE"}', 4),
    ]  # fmt: skip
    schema = export.read_schema(tmp_path / "cache" / "P014")
    keys = ["requested_id", "by", "params", "host"]
    assert schema["tables"][0]["key"] == keys
    assert schema["tables"][1]["key"] == [*keys, "simple_family_index"]
    assert len(export.read_csv(tmp_path / "cache" / "P014", "simple_family")) == 2
    (hit,) = export.read_csv(tmp_path / "cache" / "B003-4-1", "records")
    assert (hit["evalue"], hit["seq_id"], hit["score"]) == (1e-5, "5", None)
    assert done["a_name"].notes[0].endswith("column types read from the data")
    with pytest.raises(ExportError, match="holds an export already"):
        export.from_cache(cache, tmp_path / "cache")
    assert cache.reads == 2  # read, then refused before anything is written


# --- the command line ----------------------------------------------------------------


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_export_prints_the_tables_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = write_output(tmp_path / "f.jsonl", [FAMILY_LINE], {"command": "family", "ids": "x"})
    code, printed, err = cli(capsys, "export", str(out), "-o", str(tmp_path / "t"),
                             "--format", "both")  # fmt: skip
    assert (code, err) == (0, "")
    assert printed.splitlines() == [
        f"export: f.jsonl (family of x) -> {tmp_path / 't'}/",
        "  records                1 rows  records.csv  records.parquet",
        "  simple_family          1 rows  simple_family.csv  simple_family.parquet",
        "  inpadoc_family         0 rows  inpadoc_family.csv  inpadoc_family.parquet",
        "  patsnap_family         0 rows  patsnap_family.csv  patsnap_family.parquet",
        f"  column types in {tmp_path / 't' / 'schema.json'}",
    ]
    code, printed, err = cli(capsys, "export", str(out), "-o", str(tmp_path / "t"))
    assert (code, printed) == (2, "")
    assert err == (
        f"patsnap-async: error: {tmp_path / 't'} holds an export already: give another "
        "folder, or --overwrite\n"
    )
    code, printed, _ = cli(capsys, "export", str(out), "-o", str(tmp_path / "t"), "-q",
                           "--overwrite")  # fmt: skip
    assert (code, printed) == (0, "")


def test_export_says_it_left_a_torn_last_line_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = write_output(tmp_path / "f.jsonl", [FAMILY_LINE], {"command": "family", "ids": "x"},
                       tail='{"requested_id": "US2B2", "pn": "US')  # fmt: skip
    code, printed, err = cli(capsys, "export", str(out), "-o", str(tmp_path / "t"))
    note = "f.jsonl: its last line is torn (35 bytes), left out; --resume the harvest to repair it"
    assert (code, err) == (0, "")
    assert f"  note: {note}" in printed.splitlines()
    assert export.read_schema(tmp_path / "t")["notes"] == [note]
    assert export.read_schema(tmp_path / "t")["tables"][0]["rows"] == 1


def test_export_sends_nothing_and_needs_no_credentials(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = write_output(tmp_path / "f.jsonl", [FAMILY_LINE], {"command": "family"})
    code, _, err = cli(capsys, "export", str(out), "-o", str(tmp_path / "t"), "--base-url", "x")
    assert code == 2 and "unrecognized arguments: --base-url" in err
    code, _, err = cli(capsys, "export", str(tmp_path / "no.jsonl"), "-o", str(tmp_path / "t"))
    assert code == 2 and "cannot read" in err and err.count("\n") == 1


async def test_a_harvest_still_writing_exports_its_whole_lines(
    emu: Emulator, tmp_path: Path
) -> None:
    out = tmp_path / "families.jsonl"
    async with client_for(emu) as client:
        await harvest.family(client, IDS[:10], out)
    whole = out.read_bytes()
    out.write_bytes(whole + b'{"requested_id": "US9')  # the next line, half written
    done = await asyncio.to_thread(export.from_output, out, tmp_path / "t")
    assert done.table("records").rows == 10


async def test_export_from_a_record_cache_on_the_command_line(
    emu: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from patsnap_async.cache import RecordCache

    cache = RecordCache(tmp_path / "records.sqlite3")
    async with client_for(emu, cache=cache) as client:
        await client.patents.family(["US11205304B2", "JP1999068462A", "UNKNOWN1"])
    cache.close()
    code, printed, err = cli(capsys, "export", "--from-cache", str(tmp_path / "records.sqlite3"),
                             "-o", str(tmp_path / "t"))  # fmt: skip
    assert (code, err) == (0, "")
    assert printed.splitlines()[1].split()[:2] == ["records", "2"]  # the unknown left out
    assert (tmp_path / "t" / "P014" / "records.csv").exists()
    code, _, err = cli(capsys, "export", str(tmp_path / "x.jsonl"), "--from-cache",
                       str(tmp_path / "records.sqlite3"), "-o", str(tmp_path / "u"))  # fmt: skip
    assert code == 2 and "not allowed with" in err
    code, _, err = cli(capsys, "export", "--from-cache", str(tmp_path / "none.sqlite3"),
                       "-o", str(tmp_path / "v"))  # fmt: skip
    assert code == 2 and "--from-cache" in err and "no such file" in err
    assert not (tmp_path / "none.sqlite3").exists() and not (tmp_path / "v").exists()
