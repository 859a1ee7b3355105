"""Generate the catalog of every operation of the PatSnap Open Platform from its OpenAPI.

    python generator/generate_catalog.py            # rewrite the generated files
    python generator/generate_catalog.py --out DIR  # write them under DIR instead

Reads `generator/patsnap-openapi.json` (a copy of PatSnap's published OpenAPI 3.1
description) and writes, each from scratch:

- `patsnap_async/_catalog.py`: one `Operation` per operation, with the `Lookup` and
  `Listing` declarations the batch and page engines run;
- `patsnap_async/_catalog_types.py`: TypedDicts of the lookups' records and the
  listings' items;
- `docs/endpoints.md`: the table of every operation;
- `docs/endpoints-disagreements.md`: where the OpenAPI and PatSnap's doc pages
  disagree, and what the OpenAPI gets wrong.

Operations are classified by the rules in `classify` (module docstring of the output);
`OVERRIDES` corrects the few the spec gets wrong, each with its reason. The eight
endpoints the client wraps by hand (`WRAPPED`) follow PatSnap's doc pages where those
disagree with the OpenAPI (`DOC_PAGES`), and keep their hand-written declarations.

The Python is written close to `ruff format`'s style, then formatted by it with the
repo's settings (ruff 0.9 and 0.17 give the same bytes), so the same spec always gives
the same files; `tests/test_catalog.py` checks that the committed files are what this
script makes.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import keyword
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "patsnap-openapi.json"
OUTPUTS = {
    "catalog": Path("patsnap_async/_catalog.py"),
    "families": Path("patsnap_async/_families.py"),
    "types": Path("patsnap_async/_catalog_types.py"),
    "table": Path("docs/endpoints.md"),
    "disagreements": Path("docs/endpoints-disagreements.md"),
    # The answer schemas the emulator synthesises its answers from, shipped with the
    # package (the spec itself is not): gzip'd JSON, compared uncompressed by the test.
    "schemas": Path("patsnap_async/testing/_schemas.json.gz"),
}
LINE = 100  # pyproject.toml's line length

#: Ids one lookup request takes. PatSnap's doc pages state 100 for P014 and P015; the
#: OpenAPI states no maximum for any lookup. Issue 24 has the batch engine halve a
#: chunk the platform refuses as an invalid parameter, so that 100 costs nothing where
#: an endpoint takes fewer.
BATCH_SIZE = 100
#: Items a page asks for when the spec states neither a maximum nor a default page size.
UNSTATED_PAGE_SIZE = 20

#: The envelope's own fields; an answer without `data` has its fields beside them.
ENVELOPE = ("status", "error_code", "error_msg")
#: Fields naming a task (a job created, then polled or fetched).
HANDLES = ("task_id", "job_id", "ticket", "report_id", "chat_id")
#: Fields of an answer saying how far a task is.
STATUS_FIELDS = ("status", "job_status", "export_status", "report_status", "task_status", "state")
#: Paging parameters: the position (offset style or page style), then the page size.
OFFSET_POSITIONS = ("offset", "start")
PAGE_POSITIONS = ("page", "page_number", "page_no")
#: The page size by style: `limit` goes with an offset; with a page number, a `limit`
#: beside a `size` caps the whole result (B063), so `size` comes first.
SIZES = {
    "offset": ("limit", "length", "size", "rows", "page_size"),
    "page": ("size", "page_size", "rows", "limit"),
}


# --- what PatSnap's doc pages say (shared/api/*.txt), where they are the authority ------


@dataclass(frozen=True)
class Wrapped:
    """An endpoint the client wraps by hand: its name (a `Paths` field) and declaration."""

    name: str
    declaration: str | None  # the constant in _endpoints.py, if it is a Lookup or Listing


#: The eight endpoints `PatsnapClient` wraps: they keep their names, their strict attrs
#: models and their hand-written declarations; the catalog points at those.
WRAPPED = {
    "P002": Wrapped("search", "SEARCH"),
    "P014": Wrapped("family", "FAMILY"),
    "P015": Wrapped("cited_by", "CITED_BY"),
    "B003": Wrapped("motif_job", None),
    "B004": Wrapped("sequence_job", None),
    "B003/4-0": Wrapped("job_status", None),
    "B003/4-1": Wrapped("job_result", "SEQUENCE_RESULTS"),
    "B005": Wrapped("sequence_patents", "SEQUENCE_PATENTS"),
}


@dataclass(frozen=True)
class DocPage:
    """What one of PatSnap's doc pages states, transcribed by hand from its text."""

    page: str
    title: str
    method: str
    path: str
    #: Parameter facts: {param: {"maximum": n, "max_length": n, "required": b, "description": s}}.
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: The most ids a request takes, and how it is billed; None: not stated.
    batch: int | None = None
    billed: str | None = None
    #: Fields of the records or items, by their place in `data` ("patent_cited.x").
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Fields whose type the page's example contradicts: {field: (schema, example)}.
    example_types: Mapping[str, tuple[str, str]] = field(default_factory=dict)


DOC_PAGES = {
    "P002": DocPage(
        page="P002-analytics-query-search.txt",
        title="Analytics Query Search",
        method="POST",
        path="/search/patent/query-search-patent",
        params={
            "query_text": {
                "max_length": 1500,
                "required": True,
                "description": "Analytics query, maximum length 1,500 characters",
            },
            "limit": {"maximum": 1000},
        },
        fields={"results": ("pn", "patent_id")},
    ),
    "P014": DocPage(
        page="P014-patent-family.txt",
        title="Patent Family",
        method="GET",
        path="/basic-patent-data/patent-family",
        batch=100,
        billed="per returned result",
        fields={
            "": ("pn", "patent_id", "patent_family"),
            "patent_family": (
                "simple_family",
                "inpadoc_family",
                "patsnap_family",
                "simple_family_id",
                "inpadoc_family_id",
                "patsnap_family_id",
            ),
        },
    ),
    "P015": DocPage(
        page="P015-cited-by-patents.txt",
        title="Cited By Patents(Beta)",
        method="GET",
        path="/basic-patent-data/forward-citation/v3",
        batch=100,
        billed="per returned result",
        fields={
            "": ("pn", "patent_id", "patent_cited"),
            "patent_cited": (
                "cited_by_3y",
                "cited_by_5y",
                "cited_by_patents",
                "cited_by_simple_family",
                "cited_by_inpadoc_family",
                "cited_by_patsnap_family",
            ),
            "patent_cited.cited_by_patents": (
                "pn",
                "apdt",
                "apno",
                "kind",
                "pbdt",
                "title",
                "country",
                "category",
                "inventor",
                "sequence",
                "cite_type",
                "doc_number",
                "current_assignee",
                "original_assignee",
            ),
        },
    ),
    "B003/4-1": DocPage(
        page="B003-4-1-sequence-search-results.txt",
        title="Get Sequence Search Results",
        method="POST",
        path="/bio-openapi/sequence/job/result",
        params={
            "job_id": {"required": True},
            "page": {"required": True},
            "size": {"required": True, "maximum": 100},
        },
        example_types={
            "results.seq_id": ("string", "number"),
            "results.evalue": ("string", "number"),
        },
    ),
    "B005": DocPage(
        page="B005-single-sequence-all-patents.txt",
        title="Single Sequence All Patent List",
        method="POST",
        path="/bio-openapi/sequence/patent",
        params={
            "page": {"required": True},
            "seq_id": {"required": True},
            "size": {"required": True, "maximum": 100},
        },
        fields={"patents": ("pn", "claimed", "location", "patent_id", "sequence_id_number")},
    ),
}

#: How many ids PatSnap's own scripts send a request to some lookups (shared/api/README.md).
SCRIPT_BATCHES = {
    "P013": "15 to 30 ids a request",
    "P018": "15 to 30 ids a request",
    "P041": "one id at a time",
}
#: Paths PatSnap's own scripts call old, and the one to use instead.
OLD_PATHS = {"/basic-patent-data/claims": "/basic-patent-data/claim-data"}


# --- where the OpenAPI is wrong or ambiguous: hand overrides, each with its reason ------


@dataclass(frozen=True)
class Override:
    """A correction of what the rules read from the spec, and why."""

    reason: str
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    kind: str | None = None  # its kind, whatever the rules say
    cap: int | None = None  # a listing's offset + limit cap
    flow: str | None = None  # the task it belongs to
    role: str | None = None  # its role in that task


OVERRIDES = {
    "L001": Override(
        reason="`limit` says 'must be <= 1,00': a typo for 100 or 1,000; 100 holds either way",
        params={"limit": {"maximum": 100}},
    ),
    "P007": Override(
        reason="a similarity search: its `offset` says 'the max number of Semantic Search "
        "is 1000', under the 20 000 of a query search",
        cap=1000,
    ),
    "P008": Override(
        reason="the semantic search: its `offset` says 'the max number of Semantic Search "
        "is 1000', under the 20 000 of a query search",
        cap=1000,
    ),
    "D006": Override(
        reason="its `limit` counts facet values ('the number of statistical results'), not "
        "results: those come 20 a call at `offset`, with no page-size parameter",
        kind="single",
    ),
    "B003": Override(
        reason="the sequence job's codes (B003, B004 submit; B003/4-0 status; B003/4-1 "
        "results) share no stem",
        flow="B003/4",
        role="create",
    ),
    "B004": Override(
        reason="the sequence job's codes share no stem (see B003)",
        flow="B003/4",
        role="create",
    ),
    "X-landscape-api-jobs": Override(
        reason="the caller names a landscape job (its `job_id` goes in with the request), so "
        "the rule that a create takes no handle misses it",
        role="create",
    ),
}


# --- reading the spec --------------------------------------------------------------------


@dataclass
class Param:
    """One parameter as the generator reads it."""

    name: str
    where: str
    type: str = "string"
    required: bool = False
    description: str = ""
    enum: tuple[str | int, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None
    default: int | None = None  # a stated default (page sizes)
    cap: tuple[int, str] | None = None  # offset + size <= n, and the other name


@dataclass
class Op:
    """One operation as the generator reads and classifies it."""

    method: str
    path: str
    summary: str
    operation_id: str
    group: str
    params: list[Param]
    content_type: str | None
    response: str | None
    data: dict[str, Any]  # the answer's `data` schema, resolved
    #: An answer with no `data`: its fields beside the envelope's (`job_status`).
    beside: dict[str, Any] = field(default_factory=dict)
    raw_code: str | None = None
    title: str = ""
    code: str = ""
    name: str = ""
    kind: str = "single"
    note: str = ""
    lookup: list[tuple[str, str]] = field(default_factory=list)  # (param, key) ways
    record: dict[str, Any] | None = None  # a lookup's record or a listing's item schema
    record_schema: str | None = None
    paging: dict[str, Any] | None = None
    flow: str | None = None
    role: str | None = None
    handle: str | None = None
    openapi_path: str = ""


class Spec:
    """The OpenAPI document, with `$ref`s resolved and its defects noted."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.schemas: dict[str, Any] = document["components"]["schemas"]
        self.defects: set[str] = set()

    def resolve(self, node: Mapping[str, Any] | None) -> dict[str, Any]:
        """The schema `node` refers to ({} for a reference to nothing, noted)."""
        node = dict(node or {})
        while "$ref" in node:
            name = ref_name(node)
            if name not in self.schemas:
                self.defects.add(f"`{name}` is referred to but not defined")
                return {}
            node = dict(self.schemas[name])
        return node


def ref_name(node: Mapping[str, Any]) -> str:
    return str(node["$ref"]).rsplit("/", 1)[-1]


CODE = re.compile(r"^\[?([A-Z]{1,2}\d{2,3}(?:/\d+)?(?:-\d+)?)\]?\s*(.*)$")


def read_operations(spec: Spec) -> list[Op]:
    """Every operation of the spec, with its parameters and answer."""
    ops = []
    for path, item in spec.document["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "delete", "patch"):
                continue
            ops.append(read_operation(spec, method.upper(), path, operation))
    return ops


def read_operation(spec: Spec, method: str, path: str, operation: dict[str, Any]) -> Op:
    summary = " ".join(clean(operation["summary"]).split())
    content = operation.get("requestBody", {}).get("content", {})
    content_type = next(iter(content), None)
    params = read_params(spec, path, operation)
    answer = operation["responses"].get("200", {}).get("content", {})
    schema = next(iter(answer.values()), {}).get("schema", {})
    response = ref_name(schema) if "$ref" in schema else None
    fields = spec.resolve(schema).get("properties", {})
    data = spec.resolve(fields.get("data"))
    beside = {} if "data" in fields else {k: v for k, v in fields.items() if k not in ENVELOPE}
    match = CODE.match(summary)
    op = Op(
        method=method,
        path=path,
        openapi_path=path,
        summary=summary,
        operation_id=operation["operationId"],
        group=operation["tags"][0].strip(),
        params=params,
        content_type=content_type,
        response=response,
        data=data,
        beside=beside,
    )
    if match:
        op.raw_code, op.title = match.group(1), match.group(2)
    else:
        op.title = summary
    return op


def read_params(spec: Spec, path: str, operation: dict[str, Any]) -> list[Param]:
    """Path, query and header parameters in the spec's order, then the body's properties."""
    declared = [spec.resolve(p) for p in operation.get("parameters", [])]
    params = []
    names = {p["name"] for p in declared}
    for name in re.findall(r"{(\w+)}", path):
        if name not in names:  # the spec leaves some path parameters undeclared
            spec.defects.add(f"`{path}` does not declare its path parameter `{name}`")
            params.append(Param(name=name, where="path", required=True))
    for p in declared:
        schema = spec.resolve(p.get("schema"))
        text = p.get("description") or schema.get("description") or ""
        params.append(read_param(p["name"], p["in"], schema, text, bool(p.get("required"))))
    for content in operation.get("requestBody", {}).get("content", {}).values():
        body = spec.resolve(content.get("schema"))
        required = set(body.get("required", ()))
        for name, prop in body.get("properties", {}).items():
            schema = spec.resolve(prop) if "$ref" in prop else prop
            text = prop.get("description") or schema.get("description") or ""
            params.append(read_param(name, "body", schema, text, name in required))
    return params


def read_param(
    name: str, where: str, schema: Mapping[str, Any], text: str, required: bool
) -> Param:
    kind = schema.get("type") or ("object" if "properties" in schema else "string")
    param = Param(name=name, where=where, type=kind, required=required)
    param.description = first_line(text)
    read_bounds(param, plain(text))
    param.enum = read_enum(plain(text), kind)
    return param


def plain(text: str) -> str:
    """A description without HTML, its paragraphs on lines of their own, in ASCII forms."""
    text = re.sub(r"</p>\s*<p>|<br\s*/?>|</li>\s*<li>", "\n", clean(text))
    text = re.sub(r"</?[A-Za-z][^<>]*>", " ", text)  # tags only: "<= 5<p>" keeps its "<= 5"
    return text.translate(SIGNS)


#: Signs the descriptions use and their ASCII: typographic quotes (which ruff's RUF001
#: calls ambiguous), the ideographic comma of value lists, the signs of bounds.
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
SIGNS = str.maketrans({"\u3001": ", ", "\u2264": "<=", "\u2265": ">="})


def clean(text: str) -> str:
    """`text` with fullwidth forms and typographic quotes in ASCII (a fullwidth `(` too)."""
    return unicodedata.normalize("NFKC", text).translate(QUOTES)


def first_line(text: str, limit: int = 200) -> str:
    """The first non-empty line of a description, at most `limit` characters."""
    for line in plain(text).splitlines():
        line = " ".join(line.split())
        if line:
            if len(line) > limit:
                line = line[: line.rfind(" ", 0, limit)] + " …"
            return line
    return ""


# A number as the spec writes it: 100, 1,000, 20000. "1,00" is no number.
N = r"(\d{1,3}(?:,\d{3})+|\d+)(?!,\d)(?!\d)"


def number(text: str) -> int:
    return int(text.replace(",", ""))


def read_bounds(param: Param, text: str) -> None:
    """The bounds a description states in prose (the spec has no bound keywords)."""
    low = text.lower()
    cap = re.search(rf"\b(\w+)\s*\+\s*(\w+)\s*(?:<=|must be no more than|no more than)\s*{N}", low)
    if cap:  # "limit + offset <= 20000": the list's cap, not this parameter's maximum
        other = cap.group(2) if cap.group(1) == param.name else cap.group(1)
        param.cap = (number(cap.group(3)), other)
        low = low[: cap.start()] + low[cap.end() :]
    if param.type == "string":
        length = re.search(rf"(?:maximum length|max length|length\s*<=)\s*{N}", low)
        param.max_length = number(length.group(1)) if length else None
    elif param.type in ("integer", "number"):
        param.minimum, param.maximum = read_range(param.name, low)
        param.default = first_number(low, [rf"\bdefault(?: value| is| value is)?\s*:?\s*{N}"])


def read_range(name: str, low: str) -> tuple[int | None, int | None]:
    """The least and greatest value a lower-cased description states for `name`."""
    # A position's prose speaks of its pages ("up to 20 items per page"): only a
    # relation bounds it.
    position = name in OFFSET_POSITIONS + PAGE_POSITIONS
    name = re.escape(name.lower())
    both = re.search(rf"{N}\s*(<=|<)\s*{name}\s*(<=|<)\s*{N}", low)  # "1 <= limit <= 100"
    if both:
        least = number(both.group(1)) + (both.group(2) == "<")
        return least, number(both.group(4)) - (both.group(3) == "<")
    both = re.search(rf"must be\s*>=\s*{N}\s*and\s*<=\s*{N}", low)  # "must be >=1 and <=10"
    if both:
        return number(both.group(1)), number(both.group(2))
    least = first_number(low, [rf"\b{name}\s*>=\s*{N}", rf"must be\s*>=\s*{N}"])
    relations = [rf"\b{name}\s*<=\s*{N}", rf"must be\s*<=\s*{N}"]
    words = [
        rf"\b(?:maximum|max)(?: value| is| of| limit setting)?\s*:?\s*{N}",
        rf"\bup to\s*{N}",
        rf"\bnot greater than\s*{N}",
        rf"\bno more than\s*{N}",
    ]
    return least, first_number(low, relations if position else relations + words)


def first_number(text: str, patterns: Iterable[str]) -> int | None:
    for pattern in patterns:
        found = re.search(pattern, text)
        if found:
            return number(found.group(1))
    return None


ENUM = re.compile(
    r"(?:the value is an enum with the following values|enum(?:eration)? values?|enum)\s*:\s*"
    r"([^.\n]*)",
    re.IGNORECASE,
)


def read_enum(text: str, kind: str) -> tuple[str | int, ...] | None:
    """The values a description lists ("The value is an enum with ...: A, B"), if clear."""
    found = ENUM.search(text)
    if not found:
        return None
    values = [v.strip() for v in found.group(1).split(",")]
    if len(values) < 2 or not all(re.fullmatch(r"[A-Za-z0-9_]+", v) for v in values):
        return None
    if kind == "integer":
        return tuple(int(v) for v in values) if all(v.isdigit() for v in values) else None
    return tuple(values)


def unreadable_numbers(op: Op) -> Iterator[str]:
    """Bounds a description writes as no number can be read ("<= 1,00")."""
    for param in op.params:
        for bad in re.findall(r"(?:<=|up to|maximum)\s*(\d{1,3},\d{1,2})(?!\d)", param.description):
            yield f"{op.code} `{param.name}`: '{bad}' is not a number"


# --- codes and names ---------------------------------------------------------------------


def assign_codes(ops: list[Op]) -> None:
    """Each operation's unique key: its code, suffixed where PatSnap reuses one."""
    shared: dict[str, list[Op]] = collections.defaultdict(list)
    for op in ops:
        if op.raw_code is None:
            op.code = "X-" + kebab(op.operation_id)
        else:
            op.code = op.raw_code
            shared[op.raw_code].append(op)
    for code, group in shared.items():
        if len(group) == 1:
            continue
        # The operationId without the code (`p055PatentSearchExport`: `patent-search-export`),
        # less the words all of the group's start with (`export`, `task`).
        tails = [kebab(re.sub(r"^[a-z]+[0-9/-]*", "", op.operation_id)).split("-") for op in group]
        common = 0
        while all(len(t) > common + 1 and t[common] == tails[0][common] for t in tails):
            common += 1
        for op, tail in zip(group, tails, strict=True):
            op.code = f"{code}.{'-'.join(tail[common:])}"
    assert len({op.code for op in ops}) == len(ops), "codes are not unique"


def kebab(text: str) -> str:
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", text)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def snake(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("&", " ")
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def assign_names(ops: list[Op]) -> None:
    """Each operation's Python name: its title in snake case, unique.

    A wrapped endpoint keeps its client name (`family`). Titles two operations share
    take their codes as a suffix (`simple_legal_status_p041`); a name cannot start with
    a digit (`d116_3d_map_analysis`) or be a keyword.
    """
    for op in ops:
        wrapped = WRAPPED.get(op.code)
        op.name = wrapped.name if wrapped else snake(op.title) or snake(op.operation_id)
    counts = collections.Counter(op.name for op in ops)
    for op in ops:
        if counts[op.name] > 1:
            op.name = f"{op.name}_{snake(op.code)}"
        if op.name[0].isdigit():
            op.name = f"{snake(op.raw_code or op.code)}_{op.name}"
        if keyword.iskeyword(op.name):
            op.name += "_"
    assert len({op.name for op in ops}) == len(ops), "names are not unique"


def code_order(op: Op) -> list[Any]:
    """Natural order of codes (P2 before P10), uncoded operations last."""
    parts = re.findall(r"\d+|\D+", op.code)
    return [op.code.startswith("X-")] + [
        (0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts
    ]


# --- classification ----------------------------------------------------------------------


def properties(spec: Spec, schema: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: spec.resolve(v) for k, v in spec.resolve(schema).get("properties", {}).items()}


def classify(spec: Spec, op: Op) -> None:
    """An operation's kind, by the first rule that holds:

    1. `stream`: its request or answer is `text/event-stream`.
    2. `listing`: it takes a position (offset/start, or page/page_number) and a page
       size (limit/size/rows/page_size/length) where its method sends them (the query
       of a GET, the body of a POST), and its `data` holds one list of objects (the
       items) and one integer naming a total (the list's length).
    3. `task`: it belongs to a task (see `link_tasks`).
    4. `lookup`: a GET taking `patent_number` and/or `patent_id` in the query and
       answering `data: [record]` whose records carry `pn` and/or `patent_id`.
    5. `single`: anything else (its `note` says why when it looks like 2 or 4).
    """
    override = OVERRIDES.get(op.code)
    if override and override.kind:
        op.kind, op.note = override.kind, override.reason
        return
    if op.content_type == "text/event-stream" or op.data.get("type") == "text/event-stream":
        op.kind = "stream"
        return
    paging = read_paging(spec, op)
    if isinstance(paging, dict):
        op.kind, op.paging = "listing", paging
        return
    op.note = paging or ""
    ways = read_lookup(spec, op)
    if isinstance(ways, list):
        op.kind, op.lookup = "lookup", ways
        op.record_schema = schema_name(op.data.get("items", {}))
        op.record = spec.resolve(op.data.get("items"))
    elif ways:
        op.note = ways


def schema_name(node: Mapping[str, Any]) -> str | None:
    return ref_name(node) if "$ref" in node else None


def read_lookup(spec: Spec, op: Op) -> list[tuple[str, str]] | str | None:
    """A lookup's id ways, or why an operation keyed by patents is not one."""
    ids = {p.name: p for p in op.params if p.name in ("patent_number", "patent_id")}
    if not ids or any(p.where not in ("query",) for p in ids.values()):
        return None
    record = spec.resolve(op.data.get("items")) if op.data.get("type") == "array" else None
    if op.method != "GET":
        if record:
            return (
                "a lookup in shape, but its ids go in the query string of a POST: the batch "
                "engine sends a POST's ids in its body"
            )
        return None
    if record is None:
        return (
            "takes patent ids but answers one object, not a list of records: the batch "
            "engine cannot match its answer to the ids"
        )
    keys = set(record.get("properties", {}))
    ways = [(p, k) for p, k in (("patent_number", "pn"), ("patent_id", "patent_id")) if p in ids]
    ways = [(p, k) for p, k in ways if k in keys]
    return ways or "its records carry neither `pn` nor `patent_id`"


def read_paging(spec: Spec, op: Op) -> dict[str, Any] | str | None:
    """A listing's paging, or why an operation with paging parameters is not a listing."""
    names = {p.name: p for p in op.params}
    position = next((names[n] for n in OFFSET_POSITIONS + PAGE_POSITIONS if n in names), None)
    if position is None:
        return None
    by = "offset" if position.name in OFFSET_POSITIONS else "page"
    size = next((names[n] for n in SIZES[by] if n in names), None)
    if size is None:
        return (
            f"pages by `{position.name}` with no page-size parameter: the page engine "
            "asks for a size"
        )
    wanted = "query" if op.method == "GET" else "body"
    if position.where != wanted or size.where != wanted:
        return f"its paging parameters are not in the {wanted} of a {op.method}"
    fields = properties(spec, op.data) if op.data.get("type") != "array" else {}
    lists = [k for k, v in fields.items() if v.get("type") == "array" and is_object_list(spec, v)]
    totals = [k for k, v in fields.items() if v.get("type") == "integer" and is_total(k, v)]
    if "total" in totals:  # `total` beside `uncollapse_total`, `total_dev_status`
        totals = ["total"]
    if not op.data:
        return "pages, but its answer has no `data` in the spec (its fields are at the top)"
    if op.data.get("type") == "array":
        return "pages, but its `data` is a bare list with no total"
    if len(lists) != 1 or len(totals) != 1:
        found = f"lists {lists or 'none'}, totals {totals or 'none'}"
        return f"pages, but which field holds the items and which the total is unclear ({found})"
    return paging_of(op, by, position, size, items=lists[0], total=totals[0])


def is_object_list(spec: Spec, schema: Mapping[str, Any]) -> bool:
    item = spec.resolve(schema.get("items"))
    return item.get("type") == "object" or "properties" in item


def is_total(name: str, schema: Mapping[str, Any]) -> bool:
    """An integer field naming the list's length: `total...`, or described as a total."""
    if "page" in name:
        return False
    return "total" in name or str(schema.get("description", "")).lower().startswith("total")


def paging_of(
    op: Op, by: str, position: Param, size: Param, *, items: str, total: str
) -> dict[str, Any]:
    max_size = size.maximum or size.default
    cap = position.cap or size.cap
    max_items = cap[0] if cap else (position.maximum if by == "offset" else None)
    first = 1 if by == "page" else 0
    if by == "page" and re.search(r"(?:start|starting) from 0", position.description.lower()):
        first = 0
    notes = []
    if max_size is None:
        max_size = UNSTATED_PAGE_SIZE
        notes.append(f"page size not stated: {UNSTATED_PAGE_SIZE} a page assumed")
    elif size.maximum is None:
        notes.append(f"page size not stated: its default, {max_size}, used")
    op.note = "; ".join(notes)
    return {
        "by": by,
        "position": position.name,
        "size": size.name,
        "first": first,
        "max_size": max_size,
        "max_items": max_items,
        "items": items,
        "total": total,
    }


def link_tasks(spec: Spec, ops: list[Op]) -> None:
    """Group the operations of each task and give each its role.

    An operation that takes no handle (`task_id`, `job_id`, `ticket`, `report_id`,
    `chat_id`) and answers one creates a task; one that takes a handle is a `poll`
    when its answer carries a status (`status`, `job_status`, ...), else a `step`.
    An answer without `data` is read by the fields beside its envelope (the landscape
    job's status answers `job_status` so). Operations belong to one task when they
    share a code stem (`AI35` of `AI35-1` ... `AI35-12`) and their paths' first
    segment; uncoded ones when their paths share two segments.
    """
    members: dict[tuple[str, str], list[Op]] = collections.defaultdict(list)
    for op in ops:
        array = op.data.get("type") == "array"  # the sequence jobs answer [{job_id, ...}]
        answer = op.beside or properties(spec, op.data.get("items") if array else op.data)
        takes = [p.name for p in op.params if p.name in HANDLES]
        gives = [h for h in HANDLES if h in answer]
        override = OVERRIDES.get(op.code)
        if takes:
            op.handle = takes[0]
            op.role = "poll" if any(s in answer for s in STATUS_FIELDS) else "step"
        elif gives:
            op.handle, op.role = gives[0], "create"
        if override and override.role:
            op.role = override.role
        if op.role is None:
            continue
        segments = op.openapi_path.strip("/").split("/")
        if override and override.flow:
            key = (override.flow, segments[0])
        elif op.raw_code:
            key = (re.sub(r"-\d+$", "", op.raw_code), segments[0])
        else:
            key = ("X-" + kebab("-".join(segments[:2])), "")
        members[key].append(op)
    stems = collections.Counter(stem for stem, _ in members)
    for (stem, segment), group in members.items():
        if not any(op.role == "create" for op in group) or len(group) < 2:
            for op in group:  # nothing creates it, or nothing follows: not a task
                op.role = op.handle = None
            continue
        for op in group:
            op.flow = stem if stems[stem] == 1 else f"{stem}.{segment}"
            op.handle = op.handle or next(o.handle for o in group if o.role == "create")
            if op.kind == "single":
                op.kind, op.note = "task", ""


def apply_doc_pages(ops: list[Op]) -> None:
    """The wrapped endpoints follow their doc pages: path, and the bounds they state."""
    for op in ops:
        page = DOC_PAGES.get(op.code)
        if page is None:
            continue
        op.path = page.path
        for param in op.params:
            for key, value in page.params.get(param.name, {}).items():
                setattr(param, key, value)


def apply_overrides(ops: list[Op]) -> None:
    by_code = {op.code: op for op in ops}
    for code, override in OVERRIDES.items():
        op = by_code[code]  # an override of a code the spec dropped fails loudly
        for param in op.params:
            for key, value in override.params.get(param.name, {}).items():
                setattr(param, key, value)
        if override.cap is not None:
            for param in op.params:
                if param.name in OFFSET_POSITIONS:
                    param.cap = (override.cap, "limit")


# --- emitting formatted Python -----------------------------------------------------------


def width(text: str) -> int:
    """Columns `text` takes, as ruff counts them (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def q(text: str) -> str:
    """`text` as a Python string literal, quoted as ruff format quotes it."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == quote:
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        else:
            out.append(repr(char)[1:-1])
    return quote + "".join(out) + quote


def literal(value: Any) -> str:
    if isinstance(value, str):
        return q(value)
    if isinstance(value, tuple):
        inner = ", ".join(literal(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


def string_lines(text: str, indent: int) -> list[str]:
    """A long string as implicitly joined pieces, each line within `LINE`."""
    room = LINE - indent - 2
    pieces, rest = [], text
    while width(q(rest)) > room:
        cut = rest.rfind(" ", 0, room - 4)
        if cut <= 0:
            break
        pieces.append(rest[: cut + 1])
        rest = rest[cut + 1 :]
    pieces.append(rest)
    return [" " * indent + q(piece) for piece in pieces]


def keyword_lines(key: str, value: str, indent: int, *, text: str | None = None) -> list[str]:
    """`key=value,` on one line, or a long string split inside parentheses."""
    pad = " " * indent
    line = f"{pad}{key}={value},"
    if width(line) <= LINE or text is None:
        return [line]
    return [f"{pad}{key}=(", *string_lines(text, indent + 4), f"{pad}),"]


def call_lines(name: str, args: list[tuple[str | None, Any]], indent: int) -> list[str]:
    """`name(args),` on one line if it fits, else one argument a line."""
    pad = " " * indent
    flat = ", ".join(literal(v) if k is None else f"{k}={literal(v)}" for k, v in args)
    if width(f"{pad}{name}({flat}),") <= LINE:
        return [f"{pad}{name}({flat}),"]
    lines = [f"{pad}{name}("]
    for key, value in args:
        if key is None:
            lines.append(f"{pad}    {literal(value)},")
        else:
            text = value if isinstance(value, str) else None
            lines += keyword_lines(key, literal(value), indent + 4, text=text)
    return [*lines, f"{pad}),"]


# --- the catalog module ------------------------------------------------------------------


def constant(op: Op) -> str:
    wrapped = WRAPPED.get(op.code)
    if wrapped and wrapped.declaration:
        return wrapped.declaration
    return op.name.upper()


def record_type(op: Op) -> str:
    suffix = "Record" if op.kind == "lookup" else "Item"
    return "".join(part.capitalize() for part in op.name.split("_")) + suffix


def typed(op: Op) -> bool:
    """Whether `op` gets a generated record type (the wrapped keep their attrs models)."""
    return op.kind in ("lookup", "listing") and op.code not in WRAPPED


def param_args(param: Param) -> list[tuple[str | None, Any]]:
    args: list[tuple[str | None, Any]] = [(None, param.name), (None, param.where)]
    if param.type != "string":
        args.append(("type", param.type))
    if param.required:
        args.append(("required", True))
    if param.description:
        args.append(("description", param.description))
    for key in ("enum", "minimum", "maximum", "max_length"):
        value = getattr(param, key)
        if value is not None:
            args.append((key, value))
    return args


def operation_lines(op: Op) -> list[str]:
    lines = ["    Operation("]
    for key in ("code", "name", "group", "summary", "operation_id", "method", "path", "kind"):
        value = getattr(op, key)
        lines += keyword_lines(key, q(value), 8, text=value)
    if op.params:
        lines.append("        params=(")
        for param in op.params:
            lines += call_lines("Param", param_args(param), 12)
        lines.append("        ),")
    if op.content_type:
        lines += keyword_lines("content_type", q(op.content_type), 8)
    if op.response:
        lines += keyword_lines("response", q(op.response), 8, text=op.response)
    if op.kind in ("lookup", "listing") and (
        op.code not in WRAPPED or WRAPPED[op.code].declaration
    ):
        lines.append(f"        endpoint={constant(op)},")
    if op.flow:
        lines += call_lines("step=Step", [(None, op.flow), (None, op.role), (None, op.handle)], 8)
    if op.note:
        lines += keyword_lines("note", q(op.note), 8, text=op.note)
    return [*lines, "    ),"]


def lookup_lines(op: Op) -> list[str]:
    ways = ", ".join("PATENT_NUMBER" if p == "patent_number" else "PATENT_ID" for p, _ in op.lookup)
    ways = f"({ways},)" if len(op.lookup) == 1 else f"({ways})"
    return [
        *declaration_head(constant(op), f"Lookup[{record_type(op)}]", "Lookup"),
        f"    code={q(op.code)},",
        f"    name={q(op.name)},",
        *keyword_lines("path", q(op.path), 4),
        f"    ids={ways},",
        f"    batch_size={BATCH_SIZE},",
        ")",
    ]


def declaration_head(name: str, annotation: str, call: str) -> list[str]:
    """`NAME: Final[annotation] = call(`, its annotation on a line of its own if too long."""
    line = f"{name}: Final[{annotation}] = {call}("
    if width(line) <= LINE:
        return [line]
    return [f"{name}: Final[", f"    {annotation}", f"] = {call}("]


def listing_lines(op: Op) -> list[str]:
    assert op.paging is not None
    paging = op.paging
    args: list[tuple[str | None, Any]] = [
        ("by", paging["by"]),
        ("position", paging["position"]),
        ("size", paging["size"]),
        ("first", paging["first"]),
        ("max_size", paging["max_size"]),
    ]
    if paging["max_items"] is not None:
        args.append(("max_items", paging["max_items"]))
    lines = [
        *declaration_head(constant(op), f"Listing[Any, {record_type(op)}]", "Listing"),
        f"    code={q(op.code)},",
        f"    name={q(op.name)},",
        *keyword_lines("path", q(op.path), 4),
        *call_lines("paging=Paging", args, 4),
        f"    items={q(paging['items'])},",
        f"    total={q(paging['total'])},",
        f"    method={q(op.method)},",
    ]
    if op.record and {"pn", "patent_id"} & set(op.record.get("properties", {})):
        lines.append("    key=patent_identity,")
    return [*lines, ")"]


def render_catalog(ops: list[Op], counts: Mapping[str, int]) -> str:
    lookups = [op for op in ops if op.kind == "lookup" and op.code not in WRAPPED]
    listings = [op for op in ops if op.kind == "listing" and op.code not in WRAPPED]
    declared = sorted(constant(op) for op in lookups + listings)
    wrapped = sorted(w.declaration for w in WRAPPED.values() if w.declaration)
    types = sorted(record_type(op) for op in lookups + listings)
    out = [
        CATALOG_DOC.format(**counts, total=len(ops), batch=BATCH_SIZE),
        "",
        "from __future__ import annotations",
        "",
        "from typing import TYPE_CHECKING, Any, Final",
        "",
        "from ._endpoints import (",
        *[f"    {name}," for name in sorted([*wrapped, "PATENT_ID", "PATENT_NUMBER"])],
        "    Listing,",
        "    Lookup,",
        "    Paging,",
        ")",
        "from ._operations import Operation, Param, Step, patent_identity",
        "",
        "if TYPE_CHECKING:",
        "    from ._catalog_types import (",
        *[f"        {name}," for name in types],
        "    )",
        "",
        "__all__ = [",
        *[f"    {q(name)}," for name in sorted(["ALL_OPERATIONS", *declared])],
        "]",
        "",
        "# --- lookups: id-keyed batches, run by the batch engine (`client.lookup`) ---",
        "",
    ]
    for op in lookups:
        out += [*lookup_lines(op), ""]
    out += ["# --- listings: paged lists, run by the page engine (`client.listing`) ---", ""]
    for op in listings:
        out += [*listing_lines(op), ""]
    out += ["# --- every operation, in code order ---", ""]
    out.append("ALL_OPERATIONS: Final[tuple[Operation, ...]] = (")
    for op in ops:
        out += operation_lines(op)
    out.append(")")
    return "\n".join(out) + "\n"


CATALOG_DOC = '''"""Every operation of PatSnap's OpenAPI, with the declarations the engines run.

Generated by `generator/generate_catalog.py` from `generator/patsnap-openapi.json`
(PatSnap's published OpenAPI 3.1 description): do not edit; change the generator and
run it again. `patsnap_async.catalog` is the public face of this module.

{total} operations: {lookup} lookups, {listing} listings, {task} task steps, {stream} streams,
{single} single calls.

Codes. An operation's key is PatSnap's code from the start of its summary (`P018`,
`B003/4-1`). Where PatSnap gives two operations one code, each key adds its
operationId in kebab case, less the code and the words they all start with
(`P055.export` and `P055.task`, from `p055PatentSearchExport` and
`p055PatentSearchTask`). An operation whose summary has no code is keyed `X-` and its
operationId in kebab case (`X-statement-v2`). Both are stable as long as PatSnap keeps
its operationIds, which OpenAPI requires to be unique.

Kinds, by the first rule that holds (the generator's `classify`):

1. `stream`: the request or the answer is `text/event-stream`.
2. `listing`: a position (offset/start or page/page_number) and a page size
   (limit/size/rows/page_size/length) where the method sends them, and `data` holding
   one list of objects (the items) and one total.
3. `task`: one operation of a task: a create (takes no handle such as `task_id` or
   `job_id`, answers one), a poll (takes the handle, answers a status) or a step.
4. `lookup`: a GET taking `patent_number` and/or `patent_id` in the query and answering
   `data: [record]` with `pn` and/or `patent_id`; {batch} ids a request (PatSnap's doc
   pages state 100 for P014 and P015, the OpenAPI none), billed per record.
5. `single`: everything else; its `note` says why when it looks like a lookup or a
   listing but cannot run as one.

The eight endpoints the client wraps by hand (P002, P014, P015, B003, B004, B003/4-0,
B003/4-1, B005) keep their names and declarations (`_endpoints.py`) and follow
PatSnap's doc pages where those disagree with the OpenAPI
(docs/endpoints-disagreements.md).
"""'''


# --- the record types --------------------------------------------------------------------

SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
EXAMPLE_TYPES = {str: "str", int: "int", float: "float"}


@dataclass
class TypedDictSpec:
    """One TypedDict to write: its name, its schema, and the first line of its docstring."""

    name: str
    schema: dict[str, Any]
    doc: str
    schema_name: str | None


class Types:
    """The TypedDicts of the records and items, and of the objects inside them.

    A record's (or item's) class is named after its operation (`ClaimRecord`,
    `SearchItem`); an object inside it after the record and the object's schema
    (`ClaimRecordClaims`, from `P018BasicPatentDataClaimData_Claims`), or its field
    when the schema has no name.
    """

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.classes: list[TypedDictSpec] = []
        self.by_schema: dict[str, str] = {}
        self.root = ""  # the name of the record being written, less `Record` or `Item`

    def add_root(self, op: Op) -> None:
        assert op.record is not None
        what = "One record" if op.kind == "lookup" else "One item"
        name = record_type(op)
        self.root = name.removesuffix("Record").removesuffix("Item")
        self.add(name, op.record, f"{what} of {op.code} ({op.title}).", op.record_schema)

    def add(self, name: str, schema: dict[str, Any], doc: str, schema_name: str | None) -> None:
        if schema_name:
            self.by_schema[schema_name] = name
        self.classes.append(TypedDictSpec(name, schema, doc, schema_name))
        for key, prop in (schema.get("properties") or {}).items():
            self.nested(name, key, prop)

    def nested(self, parent: str, key: str, prop: Mapping[str, Any]) -> None:
        """The class of an object inside a record, named after the record's operation."""
        node = prop
        schema = self.spec.resolve(node)
        if schema.get("type") == "array":
            node = schema.get("items") or {}
            schema = self.spec.resolve(node)
        if not schema.get("properties"):
            return
        schema_name = ref_name(node) if "$ref" in node else None
        if schema_name in self.by_schema:
            return
        dto = schema_name.rsplit("_", 1)[-1] if schema_name else ""
        part = dto if dto.isascii() and dto.isidentifier() else camel(key)
        name = self.root + part
        while name in {c.name for c in self.classes}:
            name += camel(key)
        self.add(name, schema, f"`{key}` of a {parent}.", schema_name)

    def field_type(self, schema: Mapping[str, Any]) -> str:
        """A field's Python type: the spec's, or either type where its example disagrees."""
        node = schema
        resolved = self.spec.resolve(node)
        kind = resolved.get("type")
        if kind == "array":
            item = resolved.get("items") or {}
            inner = self.field_type(item)
            return f"list[{inner}]"
        if resolved.get("properties"):
            name = self.by_schema.get(ref_name(node)) if "$ref" in node else None
            return name or self.inline_name(resolved)
        if kind == "object":
            return "dict[str, Any]"
        return scalar_type(resolved)

    def inline_name(self, schema: Mapping[str, Any]) -> str:
        for entry in self.classes:
            if entry.schema is schema or entry.schema == schema:
                return entry.name
        return "dict[str, Any]"


def camel(text: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", text) if part)


def scalar_type(schema: Mapping[str, Any]) -> str:
    """A scalar's Python type: the spec's, or either type where its example disagrees."""
    kind = schema.get("type")
    if kind not in SCALARS:
        return "Any"
    python = SCALARS[kind]
    example = schema.get("example")
    seen = EXAMPLE_TYPES.get(type(example))
    # "0" for an integer and "false" for a boolean are how the spec writes examples;
    # a number for a string (`seq_id`: 834879) is a type the platform really sends.
    formatting = (kind in ("integer", "number") and numeric(example)) or kind == "boolean"
    if seen and seen != python and not formatting:
        return f"{python} | {seen}"
    return python


def numeric(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def comment_lines(text: str, indent: int) -> list[str]:
    pad = " " * indent + "#: "
    while width(pad + text) > LINE:
        text = text[: -max(1, width(pad + text) - LINE + 2)].rstrip() + " …"
    return [pad + text] if text else []


def type_lines(types: Types, entry: TypedDictSpec) -> list[str]:
    fields = entry.schema.get("properties") or {}
    if not all(k.isidentifier() and not keyword.iskeyword(k) for k in fields):
        items = ", ".join(f"{q(k)}: {types.field_type(v)}" for k, v in fields.items())
        return [f"{entry.name} = TypedDict({q(entry.name)}, {{{items}}}, total=False)"]
    lines = [f"class {entry.name}(TypedDict, total=False):", *type_docstring(entry), ""]
    for key, schema in fields.items():
        text = schema.get("description") or types.spec.resolve(schema).get("description") or ""
        lines += comment_lines(first_line(text, 500), 4)
        lines.append(f"    {key}: {types.field_type(schema)}")
    if not fields:
        lines.append("    pass")
    return lines


def type_docstring(entry: TypedDictSpec) -> list[str]:
    """Its first line, and its schema, within the line length."""
    schema = f"Schema `{entry.schema_name}`." if entry.schema_name else "An inline schema."
    one = f'    """{entry.doc} {schema}"""'
    if width(one) <= LINE:
        return [one]
    head = f'    """{entry.doc}'
    if width(head) > LINE:
        head = head[: LINE - 2].rstrip() + " …"
    return [head, "", f"    {schema}", '    """']


def render_types(spec: Spec, ops: list[Op]) -> str:
    types = Types(spec)
    for op in ops:
        if typed(op):
            types.add_root(op)
    names = [entry.name for entry in types.classes]
    assert len(set(names)) == len(names), "TypedDict names are not unique"
    out = [
        TYPES_DOC,
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any, TypedDict",
        "",
        "__all__ = [",
        *[f"    {q(name)}," for name in sorted(names)],
        "]",
    ]
    for entry in types.classes:
        out += ["", "", *type_lines(types, entry)]
    return "\n".join(out) + "\n"


TYPES_DOC = '''"""The records of the catalog's lookups and the items of its listings, as TypedDicts.

Generated by `generator/generate_catalog.py` from `generator/patsnap-openapi.json`: do
not edit. Public as `patsnap_async.records`.

Why TypedDicts, not models: a record stays the dict the platform sent, so nothing the
spec gets wrong can fail one at run time (PatSnap's schemas and examples disagree on
types in places, and strict models generated from such a spec crash on PatSnap's own
examples), while mypy and the IDE see every field the spec names, down to the objects
inside a record (`ClaimRecord["claims"][0]["claim_text"]`). Every key is optional
(`total=False`): the platform omits fields freely. A field whose example has another
type than its schema is typed as either (`str | int`). A record's class is named after
its operation (`ClaimRecord`, an item's `...Item`), an object inside it after the
record and its schema. The eight endpoints the client wraps by hand keep their strict,
tested attrs models (`patsnap_async.FamilyRecord`, ...).
"""'''


# --- the docs ----------------------------------------------------------------------------


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def batch_cell(op: Op) -> str:
    if op.kind != "lookup":
        return ""
    return (
        f"{BATCH_SIZE}"
        if DOC_PAGES.get(op.code, DocPage("", "", "", "")).batch
        else f"{BATCH_SIZE}*"
    )


def billed_cell(op: Op) -> str:
    return "per record" if op.kind == "lookup" else "per call"


def kind_cell(op: Op) -> str:
    if op.kind == "listing" and op.paging:
        return f"listing ({op.paging['by']})"
    if op.flow:
        return (
            f"{op.kind} ({op.role} of {op.flow})"
            if op.kind == "task"
            else f"{op.kind}, {op.role} of {op.flow}"
        )
    return op.kind


def render_table(ops: list[Op], counts: Mapping[str, int]) -> str:
    out = [
        "# Every endpoint of the PatSnap Open Platform",
        "",
        "<!-- Generated by generator/generate_catalog.py from generator/patsnap-openapi.json:",
        "     do not edit. -->",
        "",
        f"PatSnap's OpenAPI describes {len(ops)} operations in {len({op.group for op in ops})} "
        "groups:",
        f"{counts['lookup']} lookups, {counts['listing']} listings, {counts['task']} task steps, "
        f"{counts['stream']} streams and {counts['single']} single calls.",
        'Each is in `patsnap_async.catalog`: `catalog.by_code("P018")`,',
        '`catalog.by_name("claim")`.',
        "",
        "- **lookup**: ids in, one record per id out, through the batch engine (batched,",
        "  de-duplicated, matched back to the ids, billed per record).",
        "- **listing**: a paged list, drained by the page engine (by offset or by page).",
        "- **task**: a step of a job that is created, then polled (`poll`) or fetched (`step`).",
        "- **stream**: answers as server-sent events.",
        "- **single**: one request, one answer.",
        "",
        f"Batch size: `{BATCH_SIZE}` is stated on PatSnap's doc page; `{BATCH_SIZE}*` is assumed",
        "(the OpenAPI states no maximum; issue 24 has the batch engine halve a request the",
        "platform refuses as an invalid parameter).",
        "Billing: PatSnap's doc pages state per-record billing for P014 and P015; the OpenAPI",
        "states no price, so *per record* is assumed for every lookup and *per call* for the rest.",
        "Where the OpenAPI and the doc pages disagree:",
        "[endpoints-disagreements.md](endpoints-disagreements.md).",
        "",
    ]
    groups: dict[str, list[Op]] = collections.defaultdict(list)
    for op in ops:
        groups[op.group].append(op)
    out += ["Groups:", ""]
    for group in sorted(groups):
        anchor = re.sub(r"[^a-z0-9 -]", "", group.lower()).replace(" ", "-")
        out.append(f"- [{group}](#{anchor}) ({len(groups[group])})")
    out.append("")
    for group in sorted(groups):
        out += [
            f"## {group}",
            "",
            "| code | name | kind | Python name | method, path | batch size | billed |",
            "|---|---|---|---|---|---|---|",
        ]
        for op in groups[group]:
            out.append(
                f"| {cell(op.code)} | {cell(op.title)} | {cell(kind_cell(op))} | `{op.name}` "
                f"| {op.method} `{op.path}` | {batch_cell(op)} | {billed_cell(op)} |"
            )
        out.append("")
    return "\n".join(out)


# --- the disagreements -------------------------------------------------------------------


def doc_page_rows(spec: Spec, ops: list[Op]) -> Iterator[tuple[str, str, str, str, str]]:
    """(code, what, doc page, OpenAPI, followed) for each disagreement found."""
    by_code = {op.code: op for op in ops}
    for code, page in DOC_PAGES.items():
        op = by_code[code]
        if page.path != op.openapi_path:
            yield code, "path", f"`{page.path}`", f"`{op.openapi_path}`", "doc page"
        if page.method != op.method:
            yield code, "method", page.method, op.method, "doc page"
        if page.title != op.title:
            yield code, "title", page.title, op.title, "doc page"
        for name, facts in page.params.items():
            stated = read_stated(spec, op, name)
            for key, value in facts.items():
                if key == "description":  # the page's words for a bound compared above
                    continue
                if stated.get(key) != value:
                    shown = stated.get(key)
                    said = "not stated" if shown is None else str(shown)
                    agree = [
                        o.code
                        for o in ops
                        if o is not op
                        and any(p.name == name and getattr(p, key) == value for p in o.params)
                    ]
                    if agree:  # the OpenAPI's other operations side with the page
                        said += f" (but {value} for the `{name}` of {len(agree)} other operations)"
                    yield code, f"`{name}` {key.replace('_', ' ')}", str(value), said, "doc page"
        if page.batch:
            yield code, "ids a request", f"at most {page.batch}", "not stated", "doc page"
        if page.billed:
            yield code, "billing", page.billed, "not stated", "doc page"
        for place, names in page.fields.items():
            found = fields_at(spec, op, place)
            missing = [n for n in names if n not in found]
            extra = [n for n in found if n not in names]
            if missing or extra:
                where = f"fields of `{place or 'data[]'}`"
                yield (
                    code,
                    where,
                    ", ".join(f"`{n}`" for n in names),
                    ", ".join(f"`{n}`" for n in found),
                    "doc page (the attrs model)",
                )
        for place, (schema_type, example_type) in page.example_types.items():
            yield (
                code,
                f"type of `{place}`",
                f"{schema_type} in its table, {example_type} in its example",
                schema_type,
                "either accepted",
            )


def read_stated(spec: Spec, op: Op, name: str) -> dict[str, Any]:
    """What the OpenAPI itself states of a parameter (before the doc pages are applied)."""
    raw = read_operation(
        spec, op.method, op.openapi_path, spec.document["paths"][op.openapi_path][op.method.lower()]
    )
    for param in raw.params:
        if param.name == name:
            return {
                "maximum": param.maximum,
                "max_length": param.max_length,
                "required": param.required,
            }
    return {}


def fields_at(spec: Spec, op: Op, place: str) -> list[str]:
    """The field names the OpenAPI gives at `place` in a record or an item."""
    node = op.data.get("items") if op.data.get("type") == "array" else None
    schema = spec.resolve(node) if node else None
    if schema is None:  # a page: `place` starts with the items field
        head, _, place = place.partition(".")
        schema = spec.resolve(properties(spec, op.data)[head].get("items"))
    for part in filter(None, place.split(".")):
        child = properties(spec, schema)[part]
        schema = spec.resolve(child.get("items")) if child.get("type") == "array" else child
    return list(properties(spec, schema))


def render_disagreements(spec: Spec, ops: list[Op], defects: list[str]) -> str:
    out = [
        "# Where PatSnap's OpenAPI and its doc pages disagree",
        "",
        "<!-- Generated by generator/generate_catalog.py from generator/patsnap-openapi.json:",
        "     do not edit. -->",
        "",
        "The catalog is generated from PatSnap's published OpenAPI",
        "(`generator/patsnap-openapi.json`). PatSnap's doc pages cover the eight endpoints the",
        "client wraps by hand; where the two disagree the catalog and the client follow the doc",
        "page (which one is current is not known from here), and every path stays overridable",
        '(`PatsnapClient(paths={"cited_by": ...})`, or `attrs.evolve(declaration, path=...)`).',
        "",
        "## Doc pages against the OpenAPI",
        "",
        "| code | what | doc page | OpenAPI | followed |",
        "|---|---|---|---|---|",
    ]
    for row in doc_page_rows(spec, ops):
        out.append("| " + " | ".join(cell(c) for c in row) + " |")
    pages = ", ".join(f"{code} (`{page.page}`)" for code, page in DOC_PAGES.items())
    out += [
        "",
        f"Doc pages compared: {pages}. Anything they state and the table does not list agrees.",
        "",
        "## What PatSnap's own scripts do",
        "",
    ]
    for code, sent in SCRIPT_BATCHES.items():
        op = next(op for op in ops if op.code == code)
        out.append(
            f"- {code} ({op.title}): PatSnap's scripts send {sent}; the catalog declares "
            f"{BATCH_SIZE} ids a request, as for every lookup (the doc pages' figure for P014 "
            "and P015); issue 24 has the batch engine halve a request the platform refuses."
        )
    for old, new in OLD_PATHS.items():
        used = [op.code for op in ops if op.path == old]
        state = f"used by {', '.join(used)}" if used else "in no operation of the OpenAPI"
        current = [op.code for op in ops if op.path == new]
        out.append(
            f"- `{old}`: PatSnap's own scripts call it old and use `{new}` "
            f"({', '.join(current) or 'no operation'} in the OpenAPI); the old path is {state}."
        )
    out += [
        "",
        "## Where the OpenAPI is wrong or unclear",
        "",
        "Found by the generator, or corrected by hand (`OVERRIDES` in the generator, each with",
        "its reason):",
        "",
        *[f"- {d}" for d in defects],
        "",
    ]
    return "\n".join(out)


def defects_of(spec: Spec, ops: list[Op]) -> list[str]:
    found = sorted(spec.defects)
    shared = collections.defaultdict(list)
    for op in ops:
        if op.raw_code and op.code != op.raw_code:
            shared[op.raw_code].append(op.code)
    for code, keys in sorted(shared.items()):
        found.append(
            f"{code} is the code of {len(keys)} operations: keyed "
            + ", ".join(f"`{k}`" for k in keys)
            + "."
        )
    uncoded = [f"`{op.code}` ({op.summary})" for op in ops if op.raw_code is None]
    found.append(f"{len(uncoded)} operations have no code in their summary: {', '.join(uncoded)}.")
    for op in ops:
        found += [f"{line}." for line in unreadable_numbers(op)]
    for code, override in OVERRIDES.items():
        found.append(f"{code} (overridden): {override.reason}.")
    for op in ops:
        if op.kind == "single" and op.note and op.code not in OVERRIDES:
            found.append(f"{op.code} ({op.title}) is `single`: {op.note}.")
    for op in ops:
        if op.kind == "listing" and op.note:
            found.append(f"{op.code} ({op.title}): {op.note}.")
    beside = [f"`{op.code}`" for op in ops if op.beside]
    found.append(
        f"{len(beside)} operations answer no `data`, their fields beside `status` and "
        f"`error_code`: {', '.join(beside)}. `client.call` gives those fields as an object "
        "(the answer without `status`, `error_code` and `error_msg`)."
    )
    return found


# --- the families: named methods, grouped as a user looks for them ------------------------

#: Each group's attribute on the client (`client.legal`); a group left out is named by
#: its tag in snake case. `patents` and `search` are the hand-written resources, which
#: take the generated methods of their group as their base class.
FAMILIES = {
    "Patent Basic Data": "patents",
    "Patent Data Search": "search",
    "Patent Legal Data": "legal",
    "Patent Mining Data": "mining",
    "Patent Valuation Data": "valuation",
    "Custom Aggregate Data": "aggregates",
    "Chemical and Bio Data": "bio",
    "Biopharmaceutical Dictionary Data": "bio_dictionary",
    "Drug Basic Data": "drugs",
    "Drug Clinical Trial Data": "clinical_trials",
    "Drug Mining Data": "drug_mining",
    "Drug R&D Orgnization": "drug_organizations",
    "Drug Visual Analysis": "drug_analysis",
    "Enterprise Basic Data": "companies",
    "Enterprise IP Data": "company_ip",
    "Enterprise Persona Data": "company_personas",
    "Enterprise Tech Evaluation": "company_tech_evaluation",
    "Enterprise Tech Analysis": "company_tech_analysis",
    "TFFI Enterprise Evaluation (Level5)": "tffi_evaluation",
    "Technology Key Report": "tech_reports",
    "Literature Data": "literature",
    "LS Search": "life_science_search",
    "Trademark Data": "trademarks",
    "Patsnap Academy Course": "academy",
    "AI Translation": "translation",
    "R&D solution search": "solution_search",
    "Patent Monitor and Export": "monitoring",
    "Insights Company Report": "company_reports",
    "Technical Disclosure": "disclosures",
    "Others": "others",
}
#: Families whose class is the base of a hand-written resource (the client builds them).
HAND_WRITTEN = {"patents": "Patents", "search": "Search"}
#: What a generated method's own keywords are called: a parameter of the same name
#: takes a trailing underscore.
OWN_KEYWORDS = {"self", "ids", "by", "progress", "start", "page_size", "limit"}
PYTHON_TYPES = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "array": "list[Any]",
    "object": "Mapping[str, Any]",
    "file": "bytes | tuple[str, bytes] | Path",
}


def family_of(op: Op) -> str:
    return FAMILIES.get(op.group) or snake(op.group)


def class_name(family: str) -> str:
    return "".join(part.capitalize() for part in family.split("_")) + "Operations"


def has_method(op: Op) -> bool:
    """Lookups, listings and single calls get a method; tasks run through `client.tasks`."""
    return op.kind in ("lookup", "listing", "single") and op.code not in WRAPPED


def python_name(param: Param) -> str:
    name = snake(param.name) or "value"
    if name[0].isdigit() or keyword.iskeyword(name) or name in OWN_KEYWORDS:
        name += "_"
    return name


def annotation(param: Param) -> str:
    if param.enum:
        kind = "Literal[" + ", ".join(literal(v) for v in param.enum) + "]"
    else:
        kind = PYTHON_TYPES.get(param.type, "Any")
    return kind if param.required else f"{kind} | None"


def method_params(op: Op) -> list[Param]:
    """The parameters a method takes as keywords: not the ids, not the paging."""
    skip: set[str] = set()
    if op.kind == "lookup":
        skip = {way for way, _ in op.lookup}
    elif op.kind == "listing" and op.paging is not None:
        skip = {op.paging["position"], op.paging["size"]}
    params = [p for p in op.params if p.name not in skip]
    return sorted(params, key=lambda p: not p.required)  # the required ones first


def method_lines(op: Op) -> list[str]:
    params = method_params(op)
    keywords = [
        f"        {python_name(p)}: {annotation(p)}{'' if p.required else ' = None'},"
        for p in params
    ]
    values = "{" + ", ".join(f"{q(p.name)}: {python_name(p)}" for p in params) + "}"
    summary = f"{op.summary}: {op.method} {op.path}."
    doc = wrapped_doc(summary, 8, first=QUOTES3)
    doc.append("")
    if op.kind == "lookup":
        doc.append("        Any number of ids: batched, de-duplicated and matched back (`lookup`).")
    elif op.kind == "listing":
        doc.append("        Every item of the list, pages drained in order (`listing`).")
    doc += ["", "        Args:"]
    for p in params:
        doc += wrapped_doc(f"{python_name(p)}: {p.description or p.name}", 12, hang=4)
    doc += ["        " + QUOTES3]
    if op.kind == "lookup":
        ways = ", ".join(q(way) for way, _ in op.lookup)
        head = [
            f"    async def {op.name}(",
            "        self,",
            "        ids: Iterable[str],",
            "        *,",
            f"        by: Literal[{ways}] | None = None,",
            *keywords,
            "        progress: ProgressCallback | None = None,",
            f"    ) -> BatchResult[{record_type(op)}]:",
        ]
        body = [
            "        return await self._engines.lookup(",
            f"            {q(op.code)}, ids, by=by, params=_given({values}), progress=progress",
            "        )",
        ]
    elif op.kind == "listing":
        head = [
            f"    def {op.name}(",
            "        self,",
            "        *,",
            *keywords,
            "        start: int = 0,",
            "        page_size: int | None = None,",
            "        limit: int | None = None,",
            f"    ) -> Pager[{record_type(op)}]:",
        ]
        body = [
            "        return self._engines.listing(",
            f"            {q(op.code)},",
            f"            params=_given({values}),",
            "            start=start,",
            "            page_size=page_size,",
            "            limit=limit,",
            "        )",
        ]
    else:
        head = [
            f"    async def {op.name}(",
            "        self,",
            "        *," if keywords else "",
            *keywords,
            "    ) -> Any:",
        ]
        head = [line for line in head if line]
        body = [f"        return await self._engines.call({q(op.code)}, _given({values}))"]
    return [*head, *doc, *body]


#: A docstring's quotes.
QUOTES3 = '"' * 3


def wrapped_doc(text: str, indent: int, *, first: str = "", hang: int = 0) -> list[str]:
    """`text` as docstring lines within `LINE` columns, later lines indented `hang` more.

    Columns as ruff counts them: a wide East Asian character takes two.
    """
    words = (first + text.replace(QUOTES3, "'" * 3).replace(chr(92), "/")).split()
    lines: list[str] = []
    line = ""
    for word in words:
        pad = " " * indent + (" " * hang if lines else "")
        candidate = f"{line} {word}" if line else word
        if line and width(pad + candidate) > LINE - 3:  # room for closing quotes
            lines.append(pad + line)
            line = word
        else:
            line = candidate
    pad = " " * indent + (" " * hang if lines else "")
    return [*lines, pad + line]


def render_families(ops: list[Op]) -> str:
    grouped: dict[str, list[Op]] = collections.defaultdict(list)
    for op in ops:
        if has_method(op):
            grouped[family_of(op)].append(op)
    families = sorted(grouped)
    types = sorted({record_type(op) for op in ops if has_method(op) and op.kind != "single"})
    out = [
        FAMILIES_DOC,
        "",
        "from __future__ import annotations",
        "",
        "from collections.abc import Iterable, Mapping",
        "from pathlib import Path",
        "from typing import TYPE_CHECKING, Any, Literal",
        "",
        "from ._engines import Resource",
        "",
        "if TYPE_CHECKING:",
        "    from ._batch import BatchResult, ProgressCallback",
        "    from ._catalog_types import (",
        *[f"        {name}," for name in types],
        "    )",
        "    from ._engines import Engines",
        "    from ._pager import Pager",
        "",
        "__all__ = [",
        *[f"    {q(name)}," for name in sorted(["Families", *(class_name(f) for f in families)])],
        "]",
        "",
        "",
        "def _given(values: Mapping[str, Any]) -> dict[str, Any]:",
        '    """The arguments a caller gave (None leaves a parameter out)."""',
        "    return {name: value for name, value in values.items() if value is not None}",
        "",
    ]
    for family in families:
        out += ["", f"class {class_name(family)}(Resource):"]
        group = grouped[family][0].group
        about = f"{group}: the catalog's operations of this group (`client.{family}`)."
        out += [*wrapped_doc(about, 4, first=QUOTES3, hang=0), "    " + QUOTES3, ""]
        for op in grouped[family]:
            out += [*method_lines(op), ""]
    attached = [f for f in families if f not in HAND_WRITTEN]
    out += [
        "",
        "class Families:",
        '    """The families of the catalog\'s operations, as attributes of the client."""',
        "",
        *[f"    {f}: {class_name(f)}" for f in attached],
        "",
        "    def _attach_families(self, engines: Engines) -> None:",
        *[f"        self.{f} = {class_name(f)}(engines)" for f in attached],
        "",
    ]
    return "\n".join(out) + "\n"


FAMILIES_DOC = '''"""The catalog's operations as named methods, grouped in families (generated).

Written by generator/generate_catalog.py from PatSnap's OpenAPI: do not edit. Each
lookup, listing and single call of the catalog is a method of its group's family,
an attribute of the client named after the group (`client.legal`,
`client.valuation`, `client.patents`...): a lookup takes any number of ids (the batch
engine), a listing yields every item (the page engine), a single call answers its
`data`. Every parameter is a keyword typed from the spec (its choices as `Literal`),
and is checked against the catalog again before anything is sent. Tasks run through
`client.tasks`; the operations that answer a stream are not here.
"""'''


# --- main --------------------------------------------------------------------------------


def build(document: dict[str, Any]) -> tuple[dict[str, str], dict[str, int]]:
    """Every generated file's text from the OpenAPI document, and the count of each kind."""
    spec = Spec(document)
    ops = read_operations(spec)
    assign_codes(ops)
    apply_overrides(ops)
    for op in ops:
        classify(spec, op)
    link_tasks(spec, ops)
    assign_names(ops)
    apply_doc_pages(ops)
    for op in ops:
        if op.kind == "listing":
            op.record = spec.resolve(properties(spec, op.data)[op.paging["items"]].get("items"))
            op.record_schema = schema_name(
                properties(spec, op.data)[op.paging["items"]].get("items", {})
            )
    ops.sort(key=code_order)
    counts = {
        kind: sum(op.kind == kind for op in ops)
        for kind in ("lookup", "listing", "task", "stream", "single")
    }
    texts = {
        "catalog": ruff_format(render_catalog(ops, counts), OUTPUTS["catalog"]),
        "families": ruff_format(render_families(ops), OUTPUTS["families"]),
        "types": ruff_format(render_types(spec, ops), OUTPUTS["types"]),
        "table": render_table(ops, counts),
        "disagreements": render_disagreements(spec, ops, defects_of(spec, ops)),
        "schemas": json.dumps(
            spec.schemas, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ),
    }
    return texts, counts


def ruff_format(text: str, target: Path) -> str:
    """`text` formatted by `ruff format` as if it were the repo's file `target`.

    The text is written close to ruff's style already; ruff settles the rest (where a
    long annotation breaks, when a one-item tuple fits a line) with the repo's settings.
    """
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(target), "-"],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(
            f"ruff format failed on {target} (pip install -e '.[dev]'):\n{done.stderr}"
        )
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT, help="where to write (default: the repo)")
    args = parser.parse_args(argv)
    texts, counts = build(json.loads(SPEC.read_text(encoding="utf-8")))
    for key, text in texts.items():
        target = args.out / OUTPUTS[key]
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix == ".gz":
            target.write_bytes(gzip.compress(text.encode(), compresslevel=9, mtime=0))
        else:
            target.write_text(text, encoding="utf-8")
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    print(f"{sum(counts.values())} operations: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
