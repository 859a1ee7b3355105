"""Endpoints as declarations: what a lookup or a paged list is, not how to call it.

A `Lookup` is an id-keyed batch endpoint (up to `batch_size` comma-joined ids a
request, records matched back to the ids by a field, billed per record returned); a
`Listing` is a paged list (how it pages, where a page's items and the list's total
are, its page model). The batch engine (`_batch.lookup`) and the page engine
(`_pager.listing`) run every one of them: the endpoints wrapped by hand below, those
`client.batch` and `client.paginate` describe on the fly, and the catalog generated
from PatSnap's OpenAPI.

Adding a lookup endpoint is one declaration and its record model:

    CLAIMS = Lookup(code="P018", name="claims", path="/basic-patent-data/claim-data",
                    ids=(PATENT_NUMBER, PATENT_ID), model=ClaimsRecord)
    await client.lookup(CLAIMS, ["US11205304B2"])
"""

from __future__ import annotations

import hashlib
import json as jsonlib
from collections.abc import Callable, Hashable, Mapping
from typing import Any, Final, Generic, Literal, TypeVar

import attrs

from . import _validate as check
from ._limits import MAX_IDS_PER_REQUEST, MAX_SEARCH_PAGE, MAX_SEARCH_RESULTS, MAX_SEQUENCE_PAGE
from ._models import (
    CitedByRecord,
    FamilyRecord,
    PatentRef,
    SearchPage,
    SequenceHit,
    SequencePatent,
    SequencePatentsPage,
    SequenceResultsPage,
)

__all__ = [
    "CITED_BY",
    "FAMILY",
    "OFFSET_PAGING",
    "PAGE_PAGING",
    "PATENT_ID",
    "PATENT_NUMBER",
    "SEARCH",
    "SEQUENCE_PATENTS",
    "SEQUENCE_RESULTS",
    "IdParam",
    "Listing",
    "Lookup",
    "Paging",
    "record_identity",
]

R = TypeVar("R")
P = TypeVar("P")
I = TypeVar("I")  # noqa: E741 - an item


def _name(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check.text(attribute.name, value)


def _path(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.startswith("/"):
        raise ValueError(f"{attribute.name} must be a path starting with '/', got {value!r}")


def _method(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check.choice(attribute.name, value, {"GET", "POST"})


def _by(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in ("page", "offset"):
        raise ValueError(f"Paging.by must be 'page' or 'offset', got {value!r}")


def _paging_name(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check.text(f"Paging.{attribute.name}", value)


def _count(minimum: int) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def validate(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None or attribute.name != "max_items":
            check.integer(f"Paging.{attribute.name}", value, minimum=minimum)

    return validate


@attrs.frozen
class Paging:
    """How an endpoint pages, for `client.paginate`.

    Args:
        by: `"page"` (numbered pages of `size` items) or `"offset"` (item offsets).
        position: the name of the page number or offset parameter.
        size: the name of the page-size parameter.
        first: the number of the first page (1 on PatSnap), or the first offset (0).
        max_size: the most items the endpoint serves a page.
        max_items: the most items the endpoint serves of one list (offset + size), or
            None when it serves all of them.

    Raises:
        ValueError / TypeError: a value out of range or of the wrong type, named.
    """

    by: Literal["page", "offset"] = attrs.field(validator=_by)
    position: str = attrs.field(validator=_paging_name)
    size: str = attrs.field(validator=_paging_name)
    first: int = attrs.field(validator=_count(0))
    max_size: int = attrs.field(validator=_count(1))
    max_items: int | None = attrs.field(default=None, validator=_count(1))


#: B003/4-1 (job results) and B005 (a sequence's patents): `page` from 1, `size` <= 100.
PAGE_PAGING = Paging(by="page", position="page", size="size", first=1, max_size=MAX_SEQUENCE_PAGE)
#: P002 (query search): `offset` from 0, `limit` <= 1000, offset + limit <= 20 000.
OFFSET_PAGING = Paging(
    by="offset",
    position="offset",
    size="limit",
    first=0,
    max_size=MAX_SEARCH_PAGE,
    max_items=MAX_SEARCH_RESULTS,
)


@attrs.frozen
class IdParam:
    """One way a lookup takes its ids.

    Attributes:
        param: the parameter the comma-joined ids go in (`patent_number`).
        key: the field of a record naming the id it answers (`pn`).
    """

    param: str = attrs.field(validator=_name)
    key: str = attrs.field(validator=_name)


#: Publication numbers, answered under `pn`.
PATENT_NUMBER: Final = IdParam("patent_number", "pn")
#: PatSnap patent ids, answered under `patent_id`.
PATENT_ID: Final = IdParam("patent_id", "patent_id")


def _ids(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not value or not all(isinstance(i, IdParam) for i in value):
        raise TypeError(f"ids must be a non-empty tuple of IdParam, got {value!r}")


def _size(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check.integer(attribute.name, value, minimum=1)


@attrs.frozen
class Lookup(Generic[R]):
    """An id-keyed batch endpoint.

    Attributes:
        code: PatSnap's code for it (`P014`), or `""` for one described on the fly.
        name: its name (`family`), also the key of its path in `Paths`.
        path: where it lives below `base_url`.
        ids: the ways it takes ids, the default first.
        model: the record model; None: records as the platform sent them (dicts).
        method: `GET` (ids in the query string) or `POST` (in the JSON body).
        batch_size: ids one request takes.
        billed: whether the platform bills each record it returns.
    """

    code: str
    name: str = attrs.field(validator=_name)
    path: str = attrs.field(validator=_path)
    ids: tuple[IdParam, ...] = attrs.field(validator=_ids)
    model: type[R] | None = None
    method: Literal["GET", "POST"] = attrs.field(default="GET", validator=_method)
    batch_size: int = attrs.field(default=MAX_IDS_PER_REQUEST, validator=_size)
    billed: bool = True

    def by(self, param: str | None) -> IdParam:
        """The way ids go in `param` (the default way for None); ValueError if none."""
        if param is None:
            return self.ids[0]
        for way in self.ids:
            if way.param == param:
                return way
        known = [way.param for way in self.ids]
        raise ValueError(f"{self.name} takes ids as one of {known}, not {param!r}")


@attrs.frozen
class Listing(Generic[P, I]):
    """A paged list.

    Attributes:
        code: PatSnap's code for it (`P002`), or `""` for one described on the fly.
        name: its name (`search`), also the key of its path in `Paths`.
        path: where it lives below `base_url`.
        paging: how it pages, under which names, and its limits.
        items: the field of a page holding its items.
        total: the field of a page holding the list's length.
        model: the page model (its attributes named as `items` and `total`); None:
            pages and items as the platform sent them (dicts).
        method: `GET` (paging in the query string) or `POST` (in the JSON body).
        key: an item's identity, to yield an item sent twice once; None: no check.
    """

    code: str
    name: str = attrs.field(validator=_name)
    path: str = attrs.field(validator=_path)
    paging: Paging
    items: str = attrs.field(validator=_name)
    total: str = attrs.field(validator=_name)
    model: type[P] | None = None
    method: Literal["GET", "POST"] = attrs.field(default="POST", validator=_method)
    key: Callable[[I], Hashable | None] | None = None


def record_identity(key: str | None) -> Callable[[Any], Hashable | None]:
    """An item's identity: its field `key`, or a digest of all its fields."""

    def by_field(item: Any) -> Hashable | None:
        value = item.get(key) if isinstance(item, Mapping) else None
        return value if isinstance(value, str | int) and not isinstance(value, bool) else None

    def by_content(item: Any) -> Hashable | None:
        text = jsonlib.dumps(item, sort_keys=True, default=str).encode()
        return hashlib.blake2b(text, digest_size=16).digest()

    return by_content if key is None else by_field


def _ref_identity(ref: PatentRef) -> str | None:
    """A result's identity: its patent id, else its number."""
    return ref.patent_id or ref.pn


def _hit_identity(hit: SequenceHit) -> str | None:
    """A hit's identity: its subject sequence."""
    return hit.seq_id


def _patent_identity(patent: SequencePatent) -> SequencePatent:
    """A sequence's patent is one per distinct entry (pn, location, ...)."""
    return patent


FAMILY: Final = Lookup[FamilyRecord](
    code="P014",
    name="family",
    path="/basic-patent-data/patent-family",
    ids=(PATENT_NUMBER, PATENT_ID),
    model=FamilyRecord,
)
CITED_BY: Final = Lookup[CitedByRecord](
    code="P015",
    name="cited_by",
    path="/basic-patent-data/forward-citation/v3",
    ids=(PATENT_NUMBER, PATENT_ID),
    model=CitedByRecord,
)
SEARCH: Final = Listing[SearchPage, PatentRef](
    code="P002",
    name="search",
    path="/search/patent/query-search-patent",
    paging=OFFSET_PAGING,
    items="results",
    total="total_search_result_count",
    model=SearchPage,
    key=_ref_identity,
)
SEQUENCE_RESULTS: Final = Listing[SequenceResultsPage, SequenceHit](
    code="B003/4-1",
    name="job_result",
    path="/bio-openapi/sequence/job/result",
    paging=PAGE_PAGING,
    items="results",
    total="total",
    model=SequenceResultsPage,
    key=_hit_identity,
)
SEQUENCE_PATENTS: Final = Listing[SequencePatentsPage, SequencePatent](
    code="B005",
    name="sequence_patents",
    path="/bio-openapi/sequence/patent",
    paging=PAGE_PAGING,
    items="patents",
    total="total",
    model=SequencePatentsPage,
    key=_patent_identity,
)
