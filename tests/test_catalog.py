"""The catalog of every operation, generated from PatSnap's OpenAPI.

The generated files are what `generator/generate_catalog.py` makes of its copy of the
spec (as openai-python and stripe-python check theirs); every operation of the spec is
in the catalog once, under a unique code and name; every lookup and listing is declared
as the spec answers and runs through the batch and page engines; where the spec and
PatSnap's doc pages disagree, the wrapped endpoints follow the doc pages and the docs
say so. Importing the package does not load the catalog.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import keyword
import re
import subprocess
import sys
import typing
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest

from patsnap_async import HttpRequest, HttpResponse, Paths, PatsnapClient, catalog, records
from patsnap_async import _catalog as generated
from patsnap_async._endpoints import (
    CITED_BY,
    FAMILY,
    SEARCH,
    SEQUENCE_PATENTS,
    SEQUENCE_RESULTS,
    Listing,
    Lookup,
)
from patsnap_async.catalog import LISTINGS, LOOKUPS, OPERATIONS, Operation
from patsnap_async.testing import MockTransport

from .virtual_time import run

ROOT = Path(__file__).resolve().parent.parent
SPEC = json.loads((ROOT / "generator" / "patsnap-openapi.json").read_text(encoding="utf-8"))
SCHEMAS = SPEC["components"]["schemas"]
#: The endpoints the client wraps by hand, by code: their client name.
WRAPPED = {
    "P002": "search",
    "P014": "family",
    "P015": "cited_by",
    "B003": "motif_job",
    "B004": "sequence_job",
    "B003/4-0": "job_status",
    "B003/4-1": "job_result",
    "B005": "sequence_patents",
}


def load_generator() -> ModuleType:
    path = ROOT / "generator" / "generate_catalog.py"
    spec = importlib.util.spec_from_file_location("generate_catalog", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def spec_operations() -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Every operation of the spec by operationId: (method, path, operation)."""
    return {
        operation["operationId"]: (method.upper(), path, operation)
        for path, item in SPEC["paths"].items()
        for method, operation in item.items()
    }


def resolve(node: dict[str, Any] | None) -> dict[str, Any]:
    node = node or {}
    while "$ref" in node:
        node = SCHEMAS.get(node["$ref"].rsplit("/", 1)[-1], {})
    return node


def answer_data(op: Operation) -> dict[str, Any]:
    """The `data` schema of an operation's answer, as the spec states it."""
    _, _, operation = spec_operations()[op.operation_id]
    content = operation["responses"]["200"]["content"]
    schema = resolve(next(iter(content.values()))["schema"])
    return resolve(schema["properties"]["data"])


# --- generated from the spec, and in agreement with it ------------------------------------


def test_the_committed_files_are_what_the_generator_makes(tmp_path: Path) -> None:
    generator = load_generator()
    assert generator.main(["--out", str(tmp_path)]) == 0
    for path in generator.OUTPUTS.values():
        made, committed = _text(tmp_path / path), _text(ROOT / path)
        assert made == committed, f"{path} is stale: run python generator/generate_catalog.py"


def _text(path: Path) -> str:
    """A generated file's text (a gzip'd one uncompressed: zlib's bytes may vary)."""
    if path.suffix == ".gz":
        return gzip.decompress(path.read_bytes()).decode()
    return path.read_text(encoding="utf-8")


def test_every_operation_of_the_spec_is_in_the_catalog_once() -> None:
    spec = spec_operations()
    assert len(spec) == 356
    assert len(OPERATIONS) == len(generated.ALL_OPERATIONS) == 356
    assert {op.operation_id for op in OPERATIONS.values()} == set(spec)
    for op in OPERATIONS.values():
        method, path, operation = spec[op.operation_id]
        assert op.method == method
        assert op.path == path or op.code in WRAPPED  # a doc page's path
        assert op.group == operation["tags"][0].strip()


def test_codes_are_patsnaps_and_unique() -> None:
    summary_code = re.compile(r"^\[?([A-Z]{1,2}\d{2,3}(?:/\d+)?(?:-\d+)?)\]?")
    for op in OPERATIONS.values():
        found = summary_code.match(op.summary)
        if found is None:
            assert op.code.startswith("X-"), op.summary
        else:
            assert op.code in (found.group(1), *[c for c in OPERATIONS if "." in c]), op.code
            assert op.code.split(".")[0] == found.group(1)
    shared = [code for code in OPERATIONS if "." in code]
    assert {"P055.export", "P055.task", "P062.create", "P062.result"} <= set(shared)


def test_names_are_unique_python_identifiers() -> None:
    names = [op.name for op in OPERATIONS.values()]
    assert len(set(names)) == len(names) == 356
    assert all(n.isidentifier() and n.islower() and not keyword.iskeyword(n) for n in names)


def test_the_docs_table_counts_each_kind_and_lists_every_operation() -> None:
    table = (ROOT / "docs" / "endpoints.md").read_text(encoding="utf-8")
    counts = {kind: [op.kind for op in OPERATIONS.values()].count(kind) for kind in catalog.KINDS}
    assert sum(counts.values()) == 356
    assert f"{counts['lookup']} lookups, {counts['listing']} listings" in table
    for op in OPERATIONS.values():
        assert f"| {op.code} | " in table and f"`{op.name}`" in table


# --- the wrapped endpoints follow their doc pages -----------------------------------------


def test_the_wrapped_endpoints_keep_their_names_paths_and_declarations() -> None:
    paths = Paths()
    for code, name in WRAPPED.items():
        op = OPERATIONS[code]
        assert op.name == name
        assert op.path == getattr(paths, name)
    assert LOOKUPS["P014"] is FAMILY and LOOKUPS["P015"] is CITED_BY
    assert LISTINGS["P002"] is SEARCH
    assert LISTINGS["B003/4-1"] is SEQUENCE_RESULTS and LISTINGS["B005"] is SEQUENCE_PATENTS


def test_the_doc_pages_win_where_they_disagree_and_the_docs_list_it() -> None:
    assert OPERATIONS["P015"].path == "/basic-patent-data/forward-citation/v3"
    assert OPERATIONS["P002"].param("query_text").max_length == 1500
    text = (ROOT / "docs" / "endpoints-disagreements.md").read_text(encoding="utf-8")
    assert "| P015 | path | `/basic-patent-data/forward-citation/v3` | " in text
    assert "`/basic-patent-data/backward-citation`" in text
    assert (
        "| P002 | `query_text` max length | 1500 | 12000 (but 1500 for the `query_text` of" in text
    )
    assert "`/basic-patent-data/claims`" in text
    assert "| P014 | ids a request | at most 100 | not stated |" in text


def test_no_generated_declaration_takes_a_name_of_the_clients_paths() -> None:
    # `Paths.of_endpoint` finds a path by the declaration's name: only the wrapped may
    # share one.
    fields = set(attrs.fields_dict(Paths))
    declared = {d.name for d in [*LOOKUPS.values(), *LISTINGS.values()]}
    assert declared & fields == {"family", "cited_by", "search", "job_result", "sequence_patents"}


# --- every lookup and listing is declared as the spec answers -----------------------------


@pytest.mark.parametrize("code", sorted(LOOKUPS))
def test_a_lookup_takes_the_ids_the_spec_takes_and_matches_by_a_field_it_answers(
    code: str,
) -> None:
    op = OPERATIONS[code]
    endpoint = op.endpoint
    assert isinstance(endpoint, Lookup) and op.kind == "lookup"
    assert (endpoint.code, endpoint.name, endpoint.path) == (op.code, op.name, op.path)
    assert endpoint.method == op.method == "GET" and endpoint.batch_size == 100
    data = answer_data(op)
    assert data["type"] == "array"
    fields = resolve(data["items"])["properties"]
    for way in endpoint.ids:
        assert op.param(way.param).where == "query"
        assert way.key in fields
    assert endpoint.ids[0].param == "patent_number"  # numbers first, as FAMILY


@pytest.mark.parametrize("code", sorted(LISTINGS))
def test_a_listing_pages_by_parameters_the_spec_takes_into_fields_it_answers(code: str) -> None:
    op = OPERATIONS[code]
    endpoint = op.endpoint
    assert isinstance(endpoint, Listing) and op.kind == "listing"
    assert (endpoint.code, endpoint.name, endpoint.path) == (op.code, op.name, op.path)
    assert endpoint.method == op.method
    paging = endpoint.paging
    where = "query" if op.method == "GET" else "body"
    assert op.param(paging.position).where == op.param(paging.size).where == where
    assert paging.first == (0 if paging.by == "offset" else 1)
    assert paging.max_items is None or paging.max_items >= 1
    fields = {k: resolve(v) for k, v in answer_data(op)["properties"].items()}
    assert fields[endpoint.items]["type"] == "array"
    assert fields[endpoint.total]["type"] == "integer"
    size = op.param(paging.size)
    if size.maximum is not None:
        assert paging.max_size == size.maximum


def test_stated_bounds_and_choices_are_read_from_the_descriptions() -> None:
    limit = OPERATIONS["P060.patent-image-single"].param("limit")
    assert (limit.minimum, limit.maximum) == (1, 100)
    assert OPERATIONS["B057"].param("limit").enum == (10, 20, 30)
    assert OPERATIONS["B066"].param("rows").maximum == 10
    assert OPERATIONS["L001"].param("limit").maximum == 100  # "<= 1,00", overridden
    assert LISTINGS["P008"].paging.max_items == 1000  # the semantic search's cap
    assert LISTINGS["P004"].paging.max_items == 20_000
    assert LISTINGS["B043"].paging.max_items == 10_000


# --- every lookup and listing runs through the engines ------------------------------------


def envelope(data: Any) -> HttpResponse:
    body = {"status": True, "error_code": 0, "data": data}
    return HttpResponse(200, {}, json.dumps(body).encode())


def client(handler: Any) -> PatsnapClient:
    return PatsnapClient(
        api_key="sk-x", base_url="https://api.test", transport=MockTransport(handler), qps=1000
    )


def test_every_lookup_is_batched_matched_and_billed_by_the_batch_engine() -> None:
    by_path = {e.path: e for e in LOOKUPS.values()}

    def answer(request: HttpRequest) -> HttpResponse:
        endpoint = by_path[request.path]
        assert request.method == "GET"
        way = next(w for w in endpoint.ids if w.param in request.params)
        ids = request.params[way.param].split(",")
        assert len(ids) <= endpoint.batch_size
        return envelope([{way.key: i} for i in ids if not i.startswith("NONE")])

    ids = [f"US{i}B2" for i in range(150)] + ["NONE1"]

    async def main() -> dict[str, tuple[int, int, tuple[str, ...]]]:
        seen = {}
        async with client(answer) as c:
            for code, endpoint in LOOKUPS.items():
                before = (c.stats.requests, c.stats.billed_results)
                result = await c.lookup(endpoint, ids)
                sent = c.stats.requests - before[0]
                seen[code] = (sent, c.stats.billed_results - before[1], result.missing)
        return seen

    for code, (sent, billed, missing) in run(main).items():
        assert (sent, billed, missing) == (2, 150, ("NONE1",)), code


def test_every_listing_is_drained_whole_by_the_page_engine() -> None:
    by_path = {e.path: e for e in LISTINGS.values()}
    length = 23

    def answer(request: HttpRequest) -> HttpResponse:
        endpoint = by_path[request.path]
        sent = request.params if endpoint.method == "GET" else request.json
        paging = endpoint.paging
        size, at = int(sent[paging.size]), int(sent[paging.position])
        start = at if paging.by == "offset" else (at - paging.first) * size
        items = [{"n": n} for n in range(start, min(start + size, length))]
        return envelope({endpoint.items: items, endpoint.total: length})

    async def main() -> dict[str, list[int]]:
        drained = {}
        async with client(answer) as c:
            for code, endpoint in LISTINGS.items():
                if endpoint.model is not None:  # the wrapped: their own tests
                    continue
                pages = c.listing(endpoint, page_size=min(5, endpoint.paging.max_size))
                drained[code] = [item["n"] async for item in pages]
        return drained

    drained = run(main)
    assert len(drained) == len(LISTINGS) - 3
    for code, items in drained.items():
        assert items == list(range(length)), code


# --- tasks and streams --------------------------------------------------------------------


def test_each_task_has_a_create_and_what_follows_it_takes_the_handle() -> None:
    for flow, ops in catalog.FLOWS.items():
        roles = [op.step.role for op in ops if op.step]
        assert "create" in roles and len(ops) >= 2, flow
        for op in ops:
            assert op.step is not None and op.kind in ("task", "listing", "stream")
            if op.step.role != "create":
                assert any(p.name == op.step.handle for p in op.params), (flow, op.code)
    assert [op.code for op in catalog.FLOWS["P055"]] == ["P055.export", "P055.task"]
    assert {op.code for op in catalog.FLOWS["B003/4"]} == {"B003", "B004", "B003/4-0", "B003/4-1"}
    assert OPERATIONS["P055.task"].step == catalog.Step("P055", "poll", "task_id")


def test_the_streams_are_the_event_stream_operations() -> None:
    streaming = {
        operation_id
        for operation_id, (_, _, operation) in spec_operations().items()
        if "text/event-stream" in operation.get("requestBody", {}).get("content", {})
    }
    assert {op.operation_id for op in OPERATIONS.values() if op.kind == "stream"} == streaming


def test_what_looks_like_a_lookup_or_a_listing_but_is_not_says_why() -> None:
    assert OPERATIONS["D007"].kind == "single" and "one object" in OPERATIONS["D007"].note
    assert OPERATIONS["P100"].kind == "single" and "POST" in OPERATIONS["P100"].note
    assert OPERATIONS["D005"].kind == "single" and "page-size" in OPERATIONS["D005"].note


# --- the public face ----------------------------------------------------------------------


def test_operations_are_found_by_code_or_name() -> None:
    assert catalog.by_code("P018") is catalog.by_name("claim") is OPERATIONS["P018"]
    assert catalog.by_code("[B003/4-1]") is catalog.by_name("job_result")
    assert catalog.by_code("p055.export").code == "P055.export"
    with pytest.raises(KeyError, match=r"2 operations.*P055\.export.*P055\.task"):
        catalog.by_code("P055")
    with pytest.raises(KeyError, match="did you mean claim"):
        catalog.by_name("claims")
    with pytest.raises(KeyError, match="P999"):
        catalog.by_code("P999")
    with pytest.raises(KeyError, match=r"no parameter 'nope'.*patent_id"):
        OPERATIONS["P018"].param("nope")
    assert OPERATIONS["P018"].docs.endswith("/api-reference/basic-patent-data/claim-data")


def test_every_record_type_resolves_and_keeps_every_key_optional() -> None:
    for name in records.__all__:
        typed = getattr(records, name)
        assert typed.__total__ is False, name
        assert typing.get_type_hints(typed), name
    hints = typing.get_type_hints(records.ClaimRecord)
    assert hints["claims"] == list[records.ClaimClaims]
    assert hints["claim_count"] is int


def test_every_generated_declaration_is_typed_with_a_record_type() -> None:
    for name, annotation in generated.__annotations__.items():
        if name == "ALL_OPERATIONS":
            continue
        typed = annotation.rsplit(", ", 1)[-1].split("[")[-1].rstrip("]")
        assert typed in records.__all__, (name, annotation)
    declared = [e for e in [*LOOKUPS.values(), *LISTINGS.values()] if e.model is None]
    assert len(generated.__annotations__) - 1 == len(declared)


def test_importing_the_package_does_not_load_the_catalog() -> None:
    code = "import sys, patsnap_async; print(sorted(m for m in sys.modules if 'catalog' in m))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
