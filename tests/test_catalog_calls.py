"""Any operation of the catalog from Python, by its code or name, its arguments checked.

`client.lookup("P018", ids)`, `client.listing("P008", json=...)` and
`client.call("B035", ...)` run the catalog's operations through the same engines as the
wrapped endpoints. Each argument is checked against what the catalog knows of the
operation's parameters before anything is sent, and goes where the operation takes it
(query, JSON body, path, header, multipart file). Served here by `MockTransport`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from patsnap_async import HttpRequest, HttpResponse, PatsnapClient
from patsnap_async.testing import MockTransport

from .virtual_time import run


def ok(data: Any) -> HttpResponse:
    return HttpResponse(
        200, {}, json.dumps({"status": True, "error_code": 0, "data": data}).encode()
    )


def claims(request: HttpRequest) -> HttpResponse:
    numbers = request.params["patent_number"].split(",")
    return ok([{"pn": n, "patent_id": f"id-{n}", "claims": []} for n in numbers])


def served(handler: Any, call: Any, **options: Any) -> tuple[Any, list[HttpRequest]]:
    transport = MockTransport(handler)

    async def main() -> Any:
        async with PatsnapClient(
            api_key="sk-x", base_url="https://api.test", transport=transport, qps=1000, **options
        ) as client:
            return await call(client)

    return run(main), transport.requests


def test_a_lookup_by_code_is_batched_with_its_checked_parameters() -> None:
    ids = [f"US{1000 + i}B2" for i in range(150)]
    result, sent = served(
        claims, lambda c: c.lookup("P018", ids, params={"replace_by_related": True})
    )
    assert len(result) == 150 and result["US1000B2"]["patent_id"] == "id-US1000B2"
    assert [r.path for r in sent] == ["/basic-patent-data/claim-data"] * 2
    assert sent[0].params["replace_by_related"] == "1"  # an integer parameter: True is 1
    assert len(sent[0].params["patent_number"].split(",")) == 100


def test_a_lookup_by_name_is_the_same_operation() -> None:
    result, _ = served(claims, lambda c: c.lookup("claim", ["US1B2"]))
    assert list(result) == ["US1B2"]


@pytest.mark.parametrize(
    ("call", "kind", "message"),
    [
        (
            lambda c: c.lookup("P018", ["US1B2"], params={"replace_by_relatd": 1}),
            TypeError,
            "did you mean",
        ),
        (lambda c: c.lookup("P018", ["US1B2"], params={"patent_number": "x"}), TypeError, "takes"),
        (lambda c: c.lookup("P008", ["US1B2"]), ValueError, "is a listing, not a lookup"),
        (lambda c: c.lookup("P9999", ["US1B2"]), KeyError, "no operation"),
        (lambda c: c.call("B035", duration="ONE_MONTH"), ValueError, "must be one of"),
        (lambda c: c.call("AI30", tech_means="x", limit=21), ValueError, "from"),
        (lambda c: c.call("AI30", limit=5), ValueError, "needs 'tech_means'"),
        (lambda c: c.call("AI30", tech_means="x", country="US"), TypeError, "must be a list"),
        (lambda c: c.call("AI07", stream=True), ValueError, "needs 'prompt'"),
        (
            lambda c: c.listing("B007", json={"country": ["US", "XX"]}).__anext__(),
            ValueError,
            r"B007 country must be one of \['US', 'EU', 'JP', 'CN', 'Other'\], got \['US', 'XX'\]",
        ),
        (
            lambda c: c.listing("P008", json={"text": "x", "offset": 5}).__anext__(),
            TypeError,
            "offset",
        ),
    ],
)
def test_bad_arguments_of_a_catalog_operation_are_refused_before_sending(
    call: Any, kind: type[Exception], message: str
) -> None:
    def never(request: HttpRequest) -> HttpResponse:
        raise AssertionError(f"sent {request.path}")

    with pytest.raises(kind, match=message):
        served(never, call)


def test_a_listing_by_code_drains_every_page() -> None:
    def semantic(request: HttpRequest) -> HttpResponse:
        body = request.json
        assert body["text"] == "graphene"
        offset, limit = body["offset"], body["limit"]
        items = [
            {"pn": f"US{i}B2", "patent_id": f"id-{i}"}
            for i in range(offset, min(offset + limit, 2345))
        ]
        return ok({"results": items, "total_search_result_count": 2345})

    items, sent = served(semantic, lambda c: _all(c.listing("P008", json={"text": "graphene"})))
    assert [item["patent_id"] for item in items] == [f"id-{i}" for i in range(1000)]  # capped
    assert all(r.method == "POST" for r in sent)


def test_a_list_parameter_with_choices_takes_a_list_of_them() -> None:
    def drugs(request: HttpRequest) -> HttpResponse:
        assert request.json["country"] == ["US", "CN"]
        return ok({"items": [{"drug_id": "d1"}], "total": 1})

    items, sent = served(drugs, lambda c: _all(c.listing("B007", json={"country": ["US", "CN"]})))
    assert items == [{"drug_id": "d1"}] and len(sent) == 1


async def _all(pager: Any) -> list[Any]:
    return [item async for item in pager]


def test_a_stream_operation_answers_the_json_of_each_data_event() -> None:
    def chat(request: HttpRequest) -> HttpResponse:
        text = ": ping\n\n" + "".join(
            f"event: answer\ndata: {json.dumps({'status': True, 'error_code': 0, 'data': w})}\n\n"
            for w in ("Graph", "ene")
        )
        return HttpResponse(200, {"Content-Type": "text/event-stream"}, text.encode())

    events, sent = served(chat, lambda c: c.call("AI07", prompt="hi", stream=True))
    assert [event["data"] for event in events] == ["Graph", "ene"]
    assert (sent[0].method, sent[0].path, sent[0].json) == (
        "POST",
        "/chat/cc-gpt-stream",
        {"prompt": "hi", "stream": True},
    )


def test_a_call_puts_each_argument_where_the_operation_takes_it(tmp_path: Path) -> None:
    def anything(request: HttpRequest) -> HttpResponse:
        return ok({"echo": request.path})

    _, sent = served(anything, lambda c: c.call("B035", organization_id="o1", duration="ONE_YEAR"))
    assert sent[0].method == "POST" and sent[0].json == {
        "organization_id": "o1",
        "duration": "ONE_YEAR",
    }

    path_call = lambda c: c.call("X-facet-type-detail", job_id="j 1", facet_type="ipc", length=5)  # noqa: E731
    _, sent = served(anything, path_call)
    assert sent[0].url.endswith("/landscape-api/jobs/j%201/facets/ipc/detail")
    assert sent[0].params == {"length": "5"}

    _, sent = served(anything, lambda c: c.call("AI88-1", {"X-Site-Lang": "en"}))
    assert sent[0].headers["X-Site-Lang"] == "en"

    pdf = tmp_path / "molecule.pdf"
    pdf.write_bytes(b"%PDF-1.4 ...")
    upload = {"X-PatSnap-From": "sdk", "document": pdf, "patent_number": "US1B2"}
    _, sent = served(anything, lambda c: c.call("B067-1", upload))
    assert sent[0].json is None
    assert sent[0].data == {"document": ("molecule.pdf", b"%PDF-1.4 ..."), "patent_number": "US1B2"}


def test_a_catalog_path_can_be_overridden_by_name() -> None:
    _, sent = served(claims, lambda c: c.lookup("P018", ["US1B2"]), paths={"claim": "/v2/claims"})
    assert sent[0].path == "/v2/claims"
