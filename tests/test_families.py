"""The catalog's operations as named methods of the client, grouped as a user looks.

`client.patents.claim(ids, replace_by_related=True)`, `client.legal.litigation(ids)`,
`client.valuation.patent_valuation(ids)`: every lookup, listing and single call of the
catalog is a method of its group's family, generated with the catalog
(tests/test_catalog.py checks the generated module against the generator). Names
never shadow the hand-written methods or the client's own attributes.
"""

from __future__ import annotations

import inspect
import json
from typing import Any

import pytest

from patsnap_async import HttpRequest, HttpResponse, PatsnapClient, catalog
from patsnap_async._families import Families
from patsnap_async._resources import Patents, Search
from patsnap_async.testing import MockTransport

from .virtual_time import run

WRAPPED = {"P002", "P014", "P015", "B003", "B004", "B003/4-0", "B003/4-1", "B005"}


def client(transport: MockTransport | None = None) -> PatsnapClient:
    transport = transport or MockTransport(_echo)
    return PatsnapClient(api_key="sk-x", base_url="https://api.test", transport=transport)


def _echo(request: HttpRequest) -> HttpResponse:
    ids = (request.params.get("patent_number") or request.params.get("patent_id") or "").split(",")
    data: Any = [{"pn": i, "patent_id": i} for i in ids if i] or {"path": request.path}
    body = {"status": True, "error_code": 0, "data": data}
    return HttpResponse(200, {}, json.dumps(body).encode())


def methods() -> dict[str, tuple[str, Any]]:
    """Each generated method's operation name -> (family, bound method)."""
    found = {}
    c = client()
    for family in [*Families.__annotations__, "patents", "search"]:
        resource = getattr(c, family)
        for name, member in inspect.getmembers(resource, inspect.ismethod):
            if not name.startswith("_"):
                found[name] = (family, member)
    return found


def test_every_lookup_listing_and_single_call_is_a_method_of_its_family() -> None:
    expected = {
        op.name
        for op in catalog.OPERATIONS.values()
        if op.kind in ("lookup", "listing", "single") and op.code not in WRAPPED
    }
    assert expected <= set(methods())


def test_no_generated_name_shadows_a_hand_written_one() -> None:
    generated = {name for cls in Patents.__mro__[1:] for name in vars(cls)}
    assert not {n for n in vars(Patents) if not n.startswith("_")} & generated
    generated = {name for cls in Search.__mro__[1:] for name in vars(cls)}
    assert not {n for n in vars(Search) if not n.startswith("_")} & generated
    own = {name for name in vars(PatsnapClient) if not name.startswith("_")}
    assert not own & set(Families.__annotations__)


def test_a_lookup_method_sends_its_operation_with_its_checked_keywords() -> None:
    transport = MockTransport(_echo)

    async def main() -> Any:
        async with client(transport) as c:
            claims = await c.patents.claim(["US1B2", "US2B2"], replace_by_related=True)
            with pytest.raises(TypeError, match="P018 replace_by_related"):
                await c.patents.claim(["US1B2"], replace_by_related="yes")  # type: ignore[arg-type]
            return claims

    claims = run(main)
    assert sorted(claims) == ["US1B2", "US2B2"]
    [sent] = transport.requests
    assert sent.path == "/basic-patent-data/claim-data"
    assert sent.params == {"patent_number": "US1B2,US2B2", "replace_by_related": "1"}


def test_a_single_call_method_checks_its_choices() -> None:
    async def main() -> Any:
        async with client() as c:
            answer = await c.drug_organizations.organization_profit(
                organization_id="o1", duration="FIVE_YEAR"
            )
            with pytest.raises(ValueError, match="must be one of"):
                await c.drug_organizations.organization_profit(duration="ONE_MONTH")  # type: ignore[arg-type]
            return answer

    if "organization_profit" not in methods():
        pytest.skip("B035 is not in this spec")
    assert run(main) == {"path": "/synapse/organization/profit"}
