"""Response models and the converter, checked against PatSnap's own documented examples.

The examples are read from verbatim copies of PatSnap's documentation pages and OpenAPI
description under ``tests/data/api``, which travel with the repository and its sdist.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import cattrs
import pytest

from patsnap_async import _models
from patsnap_async._converter import converter, structure, unstructure
from patsnap_async._models import (
    JOB_PENDING_STATES,
    JOB_TERMINAL_STATES,
    CitedByRecord,
    CitingPatent,
    FamilyMember,
    FamilyRecord,
    HitPatents,
    Hsp,
    JobStatus,
    Location,
    PatentCited,
    PatentFamily,
    PatentRef,
    SearchPage,
    SequenceHit,
    SequenceJob,
    SequencePatent,
    SequencePatentsPage,
    SequenceResultsPage,
)

DATA_DIR = Path(__file__).parent / "data" / "api"
OPENAPI_FILE = "patsnap-openapi-subset.json"

P002 = "P002-analytics-query-search.txt"
P014 = "P014-patent-family.txt"
P015 = "P015-cited-by-patents.txt"
B0034_1 = "B003-4-1-sequence-search-results.txt"
B005 = "B005-single-sequence-all-patents.txt"

#: Each documentation page and the type its response's ``data`` structures into.
PAGE_MODELS: dict[str, Any] = {
    P002: SearchPage,
    P014: tuple[FamilyRecord, ...],
    P015: tuple[CitedByRecord, ...],
    B0034_1: SequenceResultsPage,
    B005: SequencePatentsPage,
}

#: Each OpenAPI component schema of a response record and the model it maps onto.
SCHEMA_MODELS: dict[str, type[Any]] = {
    "P002PatentQuerySearch_SearchPatentResponse": SearchPage,
    "P002PatentQuerySearch_PatentBaseResponse": PatentRef,
    "P014BasicPatentDataPatentFamily_PatentFamilyResponse": FamilyRecord,
    "P014BasicPatentDataPatentFamily_PatentFamily": PatentFamily,
    "P014BasicPatentDataPatentFamily_CitedByPatents": FamilyMember,
    "B0034JobResult_Results": SequenceResultsPage,
    "B0034JobResult_OpenApiHit": SequenceHit,
    "B0034JobResult_OpenApiHsps": Hsp,
    "B0034JobResult_Patent": HitPatents,
    "B0034JobResult_OpenApiPatentDetail": SequencePatent,
    "B005SequencePatent_Patent": SequencePatentsPage,
    "B005SequencePatent_OpenApiPatentDetail": SequencePatent,
    "B0034JobStatus_StatusResponse": JobStatus,
    "B004SequenceJob_OpenApiResponseSequenceInfo": SequenceJob,
    "B003MotifJob_OpenApiResponseSequenceInfo": SequenceJob,
}

#: Each OpenAPI response envelope and the type its ``data`` structures into.
ENVELOPE_MODELS: dict[str, Any] = {
    "P002PatentQuerySearchResponse": SearchPage,
    "P014BasicPatentDataPatentFamilyResponse": tuple[FamilyRecord, ...],
    "B004SequenceJobResponse": tuple[SequenceJob, ...],
    "B003MotifJobResponse": tuple[SequenceJob, ...],
    "B0034JobStatusResponse": JobStatus,
    "B0034JobResultResponse": SequenceResultsPage,
    "B005SequencePatentResponse": SequencePatentsPage,
}

#: Fields documented as strings that the platform sends as numbers.
NUMBER_AS_STR_FIELDS = frozenset({"seq_id", "evalue"})


# --- Reading the documented examples ------------------------------------------------


def extract_example(page_text: str) -> Any:
    """Return the success example JSON of a PatSnap documentation page."""
    for marker in ("Success Response Example", "Response Body"):
        at = page_text.find(marker)
        if at != -1:
            start = page_text.index("{", at)
            # raw_decode stops at the end of the JSON value; the page text goes on.
            value, _ = json.JSONDecoder().raw_decode(page_text, start)
            return value
    raise AssertionError("no success example found on the page")


def page_example(name: str) -> Any:
    return extract_example((DATA_DIR / name).read_text(encoding="utf-8"))


def openapi_schemas() -> dict[str, Any]:
    spec = json.loads((DATA_DIR / OPENAPI_FILE).read_text(encoding="utf-8"))
    schemas: dict[str, Any] = spec["components"]["schemas"]
    return schemas


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def schema_example(schemas: dict[str, Any], name: str) -> dict[str, Any]:
    """Assemble a record from the ``example`` of every property of a component schema.

    Nested schemas (``$ref`` and arrays of ``$ref``) are assembled recursively; their
    own ``example`` is only a "Please check the form" placeholder.
    """
    record: dict[str, Any] = {}
    for prop, spec in schemas[name]["properties"].items():
        if "$ref" in spec:
            record[prop] = schema_example(schemas, _ref_name(spec["$ref"]))
        elif spec.get("type") == "array" and "$ref" in spec.get("items", {}):
            record[prop] = [schema_example(schemas, _ref_name(spec["items"]["$ref"]))]
        elif "example" in spec:
            record[prop] = spec["example"]
    return record


def normalise(value: Any) -> Any:
    """What the models should give back for documented JSON: numbers-as-strings fixed."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in NUMBER_AS_STR_FIELDS and isinstance(item, int | float):
                item = str(item) if isinstance(item, int) else repr(item)
            out[key] = normalise(item)
        return out
    if isinstance(value, list):
        return [normalise(item) for item in value]
    return value


def as_json(value: Any) -> str:
    # JSON text tells 68 from 68.0 and True from 1, which == does not.
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


# --- The copies are the documentation -----------------------------------------------


@pytest.mark.parametrize("name", PAGE_MODELS)
def test_page_example_is_a_success(name: str) -> None:
    body = page_example(name)
    assert body["status"] is True
    assert body["error_code"] == 0
    assert "data" in body


# --- Every documented example parses, value for value -------------------------------


@pytest.mark.parametrize("name", PAGE_MODELS)
def test_page_example_parses_value_for_value(name: str) -> None:
    data = page_example(name)["data"]
    parsed = structure(data, PAGE_MODELS[name])
    # Every documented field is modelled and every model field is documented: the
    # unstructured model has exactly the example's keys and values.
    assert as_json(unstructure(parsed)) == as_json(normalise(data))


@pytest.mark.parametrize("name", SCHEMA_MODELS)
def test_model_fields_are_the_schema_properties(name: str) -> None:
    model = SCHEMA_MODELS[name]
    assert [f.name for f in attrs.fields(model)] == list(openapi_schemas()[name]["properties"])


@pytest.mark.parametrize("name", SCHEMA_MODELS)
def test_schema_example_parses_value_for_value(name: str) -> None:
    record = schema_example(openapi_schemas(), name)
    parsed = structure(record, SCHEMA_MODELS[name])
    assert as_json(unstructure(parsed)) == as_json(normalise(record))


@pytest.mark.parametrize("name", ENVELOPE_MODELS)
def test_schema_envelope_data_parses(name: str) -> None:
    schemas = openapi_schemas()
    data_spec = schemas[name]["properties"]["data"]
    if "$ref" in data_spec:
        data: Any = schema_example(schemas, _ref_name(data_spec["$ref"]))
    else:
        data = [schema_example(schemas, _ref_name(data_spec["items"]["$ref"]))]
    parsed = structure(data, ENVELOPE_MODELS[name])
    assert as_json(unstructure(parsed)) == as_json(normalise(data))


def test_p002_search_page() -> None:
    page = structure(page_example(P002)["data"], SearchPage)
    assert page == SearchPage(
        results=(PatentRef(pn="US11205304B2", patent_id="718ead9c-4f3c-4674-8f5a-24e126827269"),),
        result_count=10,
        total_search_result_count=1000,
    )


def test_p014_family_record() -> None:
    (rec,) = structure(page_example(P014)["data"], tuple[FamilyRecord, ...])
    assert rec.pn == "US11205304B2"
    assert rec.patent_id == "718ead9c-4f3c-4674-8f5a-24e126827269"
    family = rec.patent_family
    assert family is not None
    member = FamilyMember(kind="A1", country="US", sequence=1, doc_number="20130033085")
    assert family.simple_family[0].doc_number == "20130033085"
    assert family.simple_family == (member,)
    assert family.inpadoc_family == (member,)
    assert family.patsnap_family == (member,)
    assert family.simple_family_id == 331537782
    assert family.inpadoc_family_id == 459115956
    assert family.patsnap_family_id == 459115956


def test_p015_cited_by_record() -> None:
    (rec,) = structure(page_example(P015)["data"], tuple[CitedByRecord, ...])
    assert rec.pn == "US11205304B2"
    assert rec.patent_id == "718ead9c-4f3c-4674-8f5a-24e126827269"
    cited = rec.patent_cited
    assert cited is not None
    assert cited.cited_by_3y == 0
    assert cited.cited_by_5y == 2
    assert cited.cited_by_simple_family == 2
    assert cited.cited_by_inpadoc_family == 2
    assert cited.cited_by_patsnap_family == 2
    assert cited.cited_by_patents == (
        CitingPatent(
            pn="CN112833870A",
            apdt=20201230,
            apno="CN202011610975.8",
            kind="A1",
            pbdt=20201230,
            title="核磁共振陀螺中抑制碱金属原子极化磁场影响的有效方法",
            country="US",
            category=("X", "Y"),
            inventor="张燚|汪之国|李佳佳",
            sequence=1,
            cite_type=("EXA",),
            doc_number="20130033085",
            current_assignee="中国人民解放军国防科技大学",
            original_assignee="中国人民解放军国防科技大学",
        ),
    )


EXAMPLE_LOCATION = Location(
    APP=("5",), FIG=("1A",), PAGE=("55/56",), ANNEX=("2",), TABLE=("A-1",), EXAMPLE=("8",)
)
EXAMPLE_SEQUENCE_PATENT = SequencePatent(
    pn="JP1999068462A",
    claimed=True,
    location=EXAMPLE_LOCATION,
    patent_id="94ea8785-959f-47cf-aba2-091605d30c12",
    sequence_id_number=("1",),
)
EXAMPLE_SEQUENCE = (
    "MQPDLHSRALAAHTLHQFRTLSPLTHCMTNEVVQSFTANTLLALGASPAMVIEPEEASQFAAIASALLVNVGTLTQERATA"
    "MRAAVERAYHAKTPWTLDPVAVGALEFRRRFCLDLLSLQPAA"
)
EXAMPLE_MATCHED = (
    "MQ DL   A +AH LH F   SPL HCMTN+VVQ+FTANTLLALGASPAMVIE EEASQFAAIASALL+NVGTLTQ RA "
    "AMRAAVE+A  ++TPWTLDPVAVGAL++RR FC +LLS +PAA"
)


def test_b0034_1_sequence_results_page() -> None:
    page = structure(page_example(B0034_1)["data"], SequenceResultsPage)
    assert page.total == 1000
    (hit,) = page.results
    assert hit.seq_id == "834879"
    assert hit.evalue == "1.12271e-54"
    assert hit.gaps == 0
    assert hit.s_len == 123
    assert hit.score == 68.45
    assert hit.hsps == (
        Hsp(
            q_end=123,
            s_end=123,
            matched=EXAMPLE_MATCHED,
            q_start=1,
            s_start=1,
            q_string="MQVDLLGSAQSAHALH",
            s_string="MQVDLLGSAQSAHALH",
        ),
    )
    assert hit.hsps[0].q_string == "MQVDLLGSAQSAHALH"
    assert hit.patents is not None
    assert hit.patents.total == 1000
    assert hit.patents.patents == (EXAMPLE_SEQUENCE_PATENT,)
    location = hit.patents.patents[0].location
    assert location is not None
    assert location.PAGE == ("55/56",)
    assert location.APP == ("5",)
    assert hit.identity == "93/123"
    assert hit.positive == "104/123"
    assert hit.bit_score == 68.45
    assert hit.q_coverage == 68.45
    assert hit.s_coverage == 68.45
    assert hit.s_sequence == EXAMPLE_SEQUENCE
    assert hit.perc_identity == 87.34
    assert hit.q_perc_identity == 87.34
    assert hit.s_perc_identity == 87.34


def test_b005_sequence_patents_page() -> None:
    page = structure(page_example(B005)["data"], SequencePatentsPage)
    assert page == SequencePatentsPage(total=1000, patents=(EXAMPLE_SEQUENCE_PATENT,))


def test_schema_location_example() -> None:
    schemas = openapi_schemas()
    for name in ("B0034JobResult_OpenApiPatentDetail", "B005SequencePatent_OpenApiPatentDetail"):
        example = schemas[name]["properties"]["location"]["example"]
        assert structure(example, Location) == EXAMPLE_LOCATION


def test_schema_job_examples() -> None:
    schemas = openapi_schemas()
    status = structure(schema_example(schemas, "B0034JobStatus_StatusResponse"), JobStatus)
    assert status == JobStatus(status="SUCCESS", message="Invalid input xxx")
    job = structure(
        schema_example(schemas, "B004SequenceJob_OpenApiResponseSequenceInfo"), SequenceJob
    )
    assert job == SequenceJob(
        label="SEQ1", job_id="953a406a18d84dc8b13f0b923e406a43", sequence="GGGAGGCTAAGGCAGGAG"
    )


# --- null, absent and extra fields --------------------------------------------------


def test_null_stays_none() -> None:
    assert structure({"pn": None, "patent_id": None}, PatentRef) == PatentRef()
    rec = structure({"pn": None, "patent_family": None}, FamilyRecord)
    assert rec.pn is None
    assert rec.patent_family is None
    page = structure({"result_count": None, "total_search_result_count": None}, SearchPage)
    assert page.result_count is None
    assert page.total_search_result_count is None
    patent = structure(
        {"claimed": None, "location": None, "sequence_id_number": None}, SequencePatent
    )
    assert patent == SequencePatent()
    hit = structure({"seq_id": None, "evalue": None, "score": None, "patents": None}, SequenceHit)
    assert (hit.seq_id, hit.evalue, hit.score, hit.patents) == (None, None, None, None)
    citing = structure({"category": None, "cite_type": None, "title": None}, CitingPatent)
    assert (citing.category, citing.cite_type, citing.title) == (None, None, None)
    assert structure({"APP": None, "PAGE": ["1"]}, Location) == Location(PAGE=("1",))


def test_null_array_is_empty_tuple() -> None:
    # These fields have no `| None`: a null list means "no items", like [].
    assert structure({"results": None}, SearchPage).results == ()
    assert structure({"hsps": None}, SequenceHit).hsps == ()
    assert structure({"simple_family": None}, PatentFamily).simple_family == ()
    assert structure(None, tuple[FamilyRecord, ...]) == ()


def test_absent_fields_take_defaults() -> None:
    assert structure({}, SequenceHit) == SequenceHit()
    assert SequenceHit().hsps == ()
    assert SequenceHit().seq_id is None
    assert structure({}, PatentCited).cited_by_patents == ()


def test_unknown_fields_are_ignored() -> None:
    data = {
        "total": 1,
        "added_later": {"anything": [1, 2]},
        "results": [
            {
                "seq_id": "7",
                "new_score": 1.5,
                "hsps": [{"q_string": "MQ", "frame": 3}],
                "patents": {
                    "total": 1,
                    "cursor": "x",
                    "patents": [
                        {
                            "pn": "JP1999068462A",
                            "family": "?",
                            "location": {"PAGE": ["55/56"], "SEQLIST": ["9"]},
                        }
                    ],
                },
            }
        ],
    }
    page = structure(data, SequenceResultsPage)
    hit = page.results[0]
    assert hit.seq_id == "7"
    assert hit.hsps == (Hsp(q_string="MQ"),)
    assert hit.patents == HitPatents(
        total=1,
        patents=(SequencePatent(pn="JP1999068462A", location=Location(PAGE=("55/56",))),),
    )
    rec = structure({"pn": "X", "extra": 1, "patent_family": {"x": []}}, FamilyRecord)
    assert rec == FamilyRecord(pn="X", patent_family=PatentFamily())


# --- numbers sent for strings, ints sent for floats ---------------------------------


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        (834879, "834879"),
        ("834879", "834879"),
        (1.12271e-54, "1.12271e-54"),
        ("1.12271e-54", "1.12271e-54"),
        (0, "0"),
        (2.5, "2.5"),
        (1e-05, "1e-05"),
        ("", ""),
    ],
)
def test_seq_id_and_evalue_accept_numbers_and_strings(sent: Any, expected: str) -> None:
    hit = structure({"seq_id": sent, "evalue": sent}, SequenceHit)
    assert hit.seq_id == expected
    assert hit.evalue == expected


@pytest.mark.parametrize("sent", [True, {"a": 1}, [1], ["1"]])
def test_seq_id_and_evalue_reject_other_types(sent: Any) -> None:
    for field in ("seq_id", "evalue"):
        with pytest.raises(cattrs.ClassValidationError):
            structure({field: sent}, SequenceHit)


def test_floats_accept_ints() -> None:
    hit = structure(
        {"score": 68, "bit_score": 0, "perc_identity": 100, "q_coverage": 68.5}, SequenceHit
    )
    assert hit.score == 68.0
    assert isinstance(hit.score, float)
    assert isinstance(hit.bit_score, float)
    assert isinstance(hit.perc_identity, float)
    assert hit.q_coverage == 68.5


# --- wrong types raise --------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (PatentRef, {"pn": {"a": 1}}),
        (PatentRef, {"pn": 12345}),
        (PatentRef, {"patent_id": ["x"]}),
        (PatentRef, "US11205304B2"),
        (PatentRef, ["US11205304B2"]),
        (PatentRef, None),
        (SequencePatentsPage, {"total": "abc"}),
        (SequencePatentsPage, {"total": "1000"}),
        (SequencePatentsPage, {"total": 10.5}),
        (SequencePatentsPage, {"total": True}),
        (SequencePatentsPage, {"patents": "JP1999068462A"}),
        (SequencePatentsPage, {"patents": {"pn": "JP1999068462A"}}),
        (SequencePatentsPage, {"patents": [{"claimed": "false"}]}),
        (SequencePatentsPage, {"patents": [{"claimed": 1}]}),
        (SequencePatentsPage, {"patents": [{"location": ["APP"]}]}),
        (SequencePatentsPage, {"patents": [{"location": {"APP": "5"}}]}),
        (SequencePatentsPage, {"patents": [{"sequence_id_number": [1]}]}),
        (SequenceHit, {"score": "68.45"}),
        (SequenceHit, {"score": False}),
        (SequenceHit, {"hsps": [{"q_end": "123"}]}),
        (FamilyRecord, {"patent_family": "abc"}),
        (FamilyRecord, {"patent_family": {"simple_family": [{"sequence": "1"}]}}),
        (CitedByRecord, {"patent_cited": {"cited_by_patents": [{"category": "X"}]}}),
        (JobStatus, {"status": 1}),
        (SequenceJob, {"job_id": None, "label": {}}),
    ],
)
def test_wrong_type_raises(model: type[Any], data: Any) -> None:
    with pytest.raises(cattrs.ClassValidationError):
        structure(data, model)


def test_wrong_type_in_a_list_of_records_raises() -> None:
    with pytest.raises(cattrs.IterableValidationError):
        structure({"pn": "X"}, tuple[FamilyRecord, ...])
    with pytest.raises(cattrs.IterableValidationError):
        structure([{"pn": "X"}, {"pn": 1}], tuple[FamilyRecord, ...])


def test_error_names_the_field() -> None:
    data = {"results": [{"patents": {"patents": [{"pn": {"a": 1}}]}}]}
    with pytest.raises(cattrs.ClassValidationError) as info:
        structure(data, SequenceResultsPage)
    assert cattrs.transform_error(info.value) == [
        "invalid value for type, expected str | None @ $.results[0].patents.patents[0].pn"
    ]


def test_none_is_never_the_string_none() -> None:
    for data in ({"pn": None}, {}):
        assert structure(data, PatentRef).pn is None
    assert structure({"seq_id": None}, SequenceHit).seq_id is None


# --- unstructure and round trip -----------------------------------------------------


def _all_examples() -> list[tuple[str, Any, Any]]:
    """Every documented example as (source, type, parsed value)."""
    examples = [
        (name, model, structure(page_example(name)["data"], model))
        for name, model in PAGE_MODELS.items()
    ]
    schemas = openapi_schemas()
    examples += [
        (name, model, structure(schema_example(schemas, name), model))
        for name, model in SCHEMA_MODELS.items()
    ]
    return examples


@pytest.mark.parametrize(("source", "model", "parsed"), _all_examples())
def test_round_trip(source: str, model: Any, parsed: Any) -> None:
    assert structure(unstructure(parsed), model) == parsed
    # And through JSON text, as a cache or the emulator would store it.
    assert structure(json.loads(json.dumps(unstructure(parsed))), model) == parsed


def test_unstructure_keeps_every_field_and_gives_lists() -> None:
    hit = SequenceHit(seq_id="1", hsps=(Hsp(q_start=1),))
    out = unstructure(hit)
    assert list(out) == [f.name for f in attrs.fields(SequenceHit)]
    assert out["seq_id"] == "1"
    assert out["evalue"] is None
    assert out["hsps"] == [{f.name: None for f in attrs.fields(Hsp)} | {"q_start": 1}]
    assert isinstance(out["hsps"], list)
    location = unstructure(Location(APP=("5",)))
    assert location == {
        "APP": ["5"],
        "FIG": None,
        "PAGE": None,
        "ANNEX": None,
        "TABLE": None,
        "EXAMPLE": None,
    }
    assert unstructure((PatentRef(pn="X"),)) == [{"pn": "X", "patent_id": None}]


# --- immutability and the public surface --------------------------------------------

ALL_MODELS = [
    getattr(_models, name) for name in _models.__all__ if attrs.has(getattr(_models, name))
]


@pytest.mark.parametrize("model", ALL_MODELS)
def test_models_are_frozen_and_hashable(model: type[Any]) -> None:
    instance = model()
    first = attrs.fields(model)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(instance, first, None)
    assert not hasattr(instance, "__dict__")  # slotted
    assert hash(instance) == hash(model())


def test_parsed_examples_are_hashable() -> None:
    for _, _, parsed in _all_examples():
        hash(parsed)


def test_sequences_are_tuples() -> None:
    page = structure(page_example(B0034_1)["data"], SequenceResultsPage)
    hit = page.results[0]
    assert isinstance(page.results, tuple)
    assert isinstance(hit.hsps, tuple)
    assert hit.patents is not None
    assert isinstance(hit.patents.patents[0].sequence_id_number, tuple)


def test_all_lists_every_public_model() -> None:
    public_models = {
        name
        for name, value in vars(_models).items()
        if isinstance(value, type) and attrs.has(value) and not name.startswith("_")
    }
    assert public_models == {model.__name__ for model in ALL_MODELS}
    assert len(ALL_MODELS) == 17
    assert {"JOB_PENDING_STATES", "JOB_TERMINAL_STATES"} < set(_models.__all__)
    assert len(_models.__all__) == len(set(_models.__all__))


def test_every_model_has_a_docstring() -> None:
    for model in ALL_MODELS:
        assert model.__doc__
        summary = model.__doc__.splitlines()[0]
        assert summary.endswith(".")


def test_job_status_states() -> None:
    assert frozenset({"SUCCESS", "TIMEOUT", "ERROR"}) == JOB_TERMINAL_STATES
    assert frozenset({"QUEUEING", "RUNNING"}) == JOB_PENDING_STATES
    for state in JOB_TERMINAL_STATES:
        status = JobStatus(status=state)
        assert status.is_terminal
        assert not status.is_pending
        assert status.succeeded is (state == "SUCCESS")
    for state in JOB_PENDING_STATES:
        status = JobStatus(status=state)
        assert status.is_pending
        assert not status.is_terminal
        assert not status.succeeded
    unknown = JobStatus(status="PAUSED")
    assert not unknown.is_terminal
    assert not unknown.is_pending
    assert not JobStatus().is_terminal


def test_converter_is_the_one_used() -> None:
    assert converter.structure({"pn": "X"}, PatentRef) == structure({"pn": "X"}, PatentRef)
