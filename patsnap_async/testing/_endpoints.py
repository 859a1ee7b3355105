"""Request validation and answers of the stateless business endpoints (no I/O).

Each endpoint function takes the parsed query and body and either returns an
:class:`Answer` or raises :class:`ApiError` with the documented code the platform
would send; the emulator turns both into HTTP responses. The endpoints that build up
to a hundred records are coroutines that let the event loop run between slices of
records (see :func:`build_records`).
"""

from __future__ import annotations

import asyncio
import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

import attrs

from .._limits import (
    MAX_IDS_PER_REQUEST,
    MAX_QUERY_LENGTH,
    MAX_SEARCH_PAGE,
    MAX_SEARCH_RESULTS,
    MAX_SEQUENCE_PAGE,
)
from . import _codes, _data

__all__ = [
    "CITED_BY_PATH",
    "FAMILY_PATH",
    "JOB_RESULT_PATH",
    "JOB_STATUS_PATH",
    "MOTIF_JOB_PATH",
    "QUERY_SEARCH_PATH",
    "SEQUENCE_JOB_PATH",
    "SEQUENCE_PATENT_PATH",
    "TOKEN_PATH",
    "Answer",
    "ApiError",
    "EventStream",
    "as_int",
    "as_object",
    "build_records",
    "cited_by",
    "family",
    "invalid",
    "patent_batch",
    "query_search",
    "request_ids",
    "sequence_patents",
]

TOKEN_PATH: Final = "/oauth/token"
QUERY_SEARCH_PATH: Final = "/search/patent/query-search-patent"
FAMILY_PATH: Final = "/basic-patent-data/patent-family"
CITED_BY_PATH: Final = "/basic-patent-data/forward-citation/v3"
SEQUENCE_JOB_PATH: Final = "/bio-openapi/sequence/job"
MOTIF_JOB_PATH: Final = "/bio-openapi/sequence/motif/job"
JOB_STATUS_PATH: Final = "/bio-openapi/sequence/job/status"
JOB_RESULT_PATH: Final = "/bio-openapi/sequence/job/result"
SEQUENCE_PATENT_PATH: Final = "/bio-openapi/sequence/patent"

# The platform's limits: the SDK's own (`patsnap_async._limits`), from the doc pages.
MAX_QUERY_TEXT: Final = MAX_QUERY_LENGTH
MAX_SEARCH_LIMIT: Final = MAX_SEARCH_PAGE
MAX_SEARCH_WINDOW: Final = MAX_SEARCH_RESULTS
DEFAULT_SEARCH_LIMIT: Final = 10
MAX_BATCH_IDS: Final = MAX_IDS_PER_REQUEST
SEARCH_SORT_FIELDS: Final = frozenset({"PBDT_YEARMONTHDAY", "APD_YEARMONTHDAY", "ISD", "SCORE"})
SORT_ORDERS: Final = frozenset({"asc", "desc"})


#: Records built between two turns of the event loop (about 0.4 ms of work).
BUILD_SLICE: Final = 10


async def build_records(make: Callable[..., Any], args: Iterable[tuple[Any, ...]]) -> list[Any]:
    """Return ``[make(*a) for a in args]``, letting the event loop run every few records.

    A hundred records take a few milliseconds to build. Built in one go, they would
    hold up the requests arriving meanwhile, whose arrival times (the QPS window's
    clock) would then be taken late and bunched together: the emulator would count a
    burst that the client never sent.
    """
    records = []
    for count, arg in enumerate(args, 1):
        records.append(make(*arg))
        if count % BUILD_SLICE == 0:
            await asyncio.sleep(0)
    return records


@attrs.frozen
class Answer:
    """A successful answer: the envelope's ``data`` and the number of records in it.

    ``flat``: ``data`` is an object whose fields sit beside ``status`` and
    ``error_code`` instead of under ``data`` (as a few operations' schemas answer).
    """

    data: Any
    result_count: int
    flat: bool = False


@attrs.frozen
class EventStream:
    """A successful answer as ``text/event-stream``: one success envelope an event."""

    events: tuple[Any, ...]


class ApiError(Exception):
    """The platform answers with ``{"status": false, "error_code": code, ...}``."""

    def __init__(self, code: int, detail: str = "", *, http_status: int = 200) -> None:
        """Create the error.

        Args:
            code: Documented error code.
            detail: Why, for the emulator's debug log (never sent: the platform
                sends only the documented message).
            http_status: HTTP status of the answer.
        """
        super().__init__(f"{code}: {detail}" if detail else str(code))
        self.code = code
        self.detail = detail
        self.http_status = http_status


def invalid(detail: str) -> ApiError:
    """Return the 68300004 "Invalid parameter!" error, explained by *detail*."""
    return ApiError(_codes.INVALID_PARAMETER, detail)


def as_object(body: Any) -> dict[str, Any]:
    """Return *body* if it is a JSON object, else raise 68300004."""
    if not isinstance(body, dict):
        raise invalid(f"the body must be a JSON object, got {type(body).__name__}")
    return body


def as_int(value: Any, name: str, default: int | None = None) -> int:
    """Return *value* as an int (JSON number or digit string), else raise 68300004.

    Args:
        value: The raw parameter; None means absent.
        name: Parameter name, for the error detail.
        default: Value when absent; None makes the parameter required.
    """
    if value is None:
        if default is None:
            raise invalid(f"{name} is required")
        return default
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().removeprefix("-").isdigit():
        return int(value)
    raise invalid(f"{name} must be an integer, got {value!r}")


def _split_ids(value: str) -> list[str]:
    """Return the non-blank comma-separated ids of *value*."""
    return [part for part in value.split(",") if part.strip()]


def request_ids(path: str, query: Mapping[str, str], body: Any) -> tuple[str, ...]:
    """Return the ids a request asks about, for :attr:`Served.ids`."""
    if path in (FAMILY_PATH, CITED_BY_PATH):
        return tuple(
            part
            for key in ("patent_number", "patent_id")
            if key in query
            for part in query[key].split(",")
        )
    if path == JOB_STATUS_PATH and "job_id" in query:
        return (query["job_id"],)
    if path in (SEQUENCE_PATENT_PATH, JOB_RESULT_PATH) and isinstance(body, dict):
        key = "seq_id" if path == SEQUENCE_PATENT_PATH else "job_id"
        if body.get(key) is not None:
            return (str(body[key]),)
    return ()


# --- P002 -----------------------------------------------------------------------------


def _check_search_sort(sort: Any) -> None:
    """Validate P002 ``sort``: a list of ``{field, order}``."""
    if sort is None:
        return
    if not isinstance(sort, list):
        raise invalid(f"sort must be a list, got {sort!r}")
    for item in sort:
        if not isinstance(item, dict) or item.get("field") not in SEARCH_SORT_FIELDS:
            raise invalid(f"bad sort field in {item!r}")
        order = item.get("order", "desc")
        if not isinstance(order, str) or order.lower() not in SORT_ORDERS:
            raise invalid(f"bad sort order in {item!r}")


#: The one piece of the query language the emulator understands: a publication date
#: range AND-ed to a query, ``(QUERY) AND PBD:[YYYYMMDD TO YYYYMMDD]`` (parentheses
#: optional). Anything else is an opaque query text.
_PBD_RANGE = re.compile(
    r"^\s*(?:\((?P<inner>.*)\)|(?P<bare>.*?))\s+AND\s+PBD:\[(?P<lo>\d{8})\s+TO\s+"
    r"(?P<hi>\d{8})\]\s*$",
    re.S,
)


def _pbd(text: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise invalid(f"bad PBD date {text!r}") from None


def search_window(
    query_text: str, totals: Mapping[str, int], dates: tuple[datetime.date, datetime.date]
) -> tuple[str, int, int]:
    """The base query of *query_text* and the ``[first, end)`` slice of its results.

    A query's results are spread evenly over *dates* in result order (result ``i`` is
    published on day ``i * days // total`` of the span), so a date range selects a
    contiguous slice of them.
    """
    match = _PBD_RANGE.match(query_text)
    base = query_text if match is None else match["inner"] or match["bare"] or ""
    total = totals.get(base, _data.search_total(base))
    if match is None:
        return base, 0, total
    lo, hi = _pbd(match["lo"]), _pbd(match["hi"])
    first = _data.first_result_on(total, dates, lo)
    end = _data.first_result_on(total, dates, hi + datetime.timedelta(days=1))
    return base, first, max(first, end)


def query_search(
    body: Any,
    totals: Mapping[str, int],
    dates: tuple[datetime.date, datetime.date] = _data.SEARCH_DATES,
) -> Answer:
    """Answer P002: one page of a query's hits (a fixed order, whatever ``sort`` says).

    The query text may end in a publication date range (see ``search_window``).
    """
    request = as_object(body)
    query_text = request.get("query_text")
    if not isinstance(query_text, str) or not query_text.strip():
        raise invalid("query_text is required")
    if len(query_text) > MAX_QUERY_TEXT:
        raise invalid(f"query_text is {len(query_text)} > {MAX_QUERY_TEXT} characters")
    limit = as_int(request.get("limit"), "limit", DEFAULT_SEARCH_LIMIT)
    offset = as_int(request.get("offset"), "offset", 0)
    if not 1 <= limit <= MAX_SEARCH_LIMIT:
        raise invalid(f"limit {limit} not in 1..{MAX_SEARCH_LIMIT}")
    if offset < 0:
        raise invalid(f"offset {offset} < 0")
    if offset + limit > MAX_SEARCH_WINDOW:
        raise invalid(f"offset + limit = {offset + limit} > {MAX_SEARCH_WINDOW}")
    _check_search_sort(request.get("sort"))
    base, first, end = search_window(query_text, totals, dates)
    total = end - first
    results = [
        _data.search_result(base, first + i) for i in range(offset, min(offset + limit, total))
    ]
    data = {
        "results": results,
        "result_count": len(results),
        "total_search_result_count": total,
    }
    return Answer(data, len(results))


# --- P014 / P015 ----------------------------------------------------------------------


async def patent_batch(
    query: Mapping[str, str],
    unknown_ids: frozenset[str],
    record: Callable[[str, str], dict[str, Any]],
    respelled: Mapping[str, str],
) -> Answer:
    """Answer a batch lookup: one record per known id, sorted by ``pn``.

    Unknown ids are left out, like the platform does; duplicated ids give duplicated
    records (each is billed). A patent is the same whichever id it is asked by (see
    ``_patent_ids``), so a patent number given as a ``patent_id``, or a patent id
    given as a ``patent_number``, is an unknown id. A patent number in *respelled*
    (upper-cased) is answered under the number it maps to, as the platform answers a
    number without its kind code.
    """
    by_number = query.get("patent_number", "").strip()
    by_id = query.get("patent_id", "").strip()
    if bool(by_number) == bool(by_id):
        raise invalid("give exactly one of patent_id and patent_number")
    ids = _split_ids(by_number or by_id)
    if not 1 <= len(ids) <= MAX_BATCH_IDS:
        raise invalid(f"{len(ids)} ids not in 1..{MAX_BATCH_IDS}")
    if by_number:
        ids = [respelled.get(raw_id.strip().upper(), raw_id) for raw_id in ids]
    identify = _data.identity_by_number if by_number else _data.identity_by_id
    known = [
        identity
        for identity in map(identify, ids)
        if identity is not None and not _data.is_unknown(*identity, unknown_ids)
    ]
    records = await build_records(record, known)
    # The platform's order is not the request's: clients must match by pn/patent_id.
    records.sort(key=lambda item: (item["pn"], item["patent_id"]))
    return Answer(records, len(records))


async def family(
    query: Mapping[str, str], unknown_ids: frozenset[str], respelled: Mapping[str, str] = {}
) -> Answer:
    """Answer P014 (patent family)."""
    return await patent_batch(query, unknown_ids, _data.family_record, respelled)


async def cited_by(
    query: Mapping[str, str], unknown_ids: frozenset[str], respelled: Mapping[str, str] = {}
) -> Answer:
    """Answer P015 (cited by patents)."""
    return await patent_batch(query, unknown_ids, _data.cited_by_record, respelled)


# --- B005 -----------------------------------------------------------------------------


def page_bounds(request: Mapping[str, Any]) -> tuple[int, int]:
    """Return the validated ``(page, size)`` of a paged bio request."""
    page = as_int(request.get("page"), "page")
    size = as_int(request.get("size"), "size")
    if page < 1:
        raise invalid(f"page {page} < 1")
    if not 1 <= size <= MAX_SEQUENCE_PAGE:
        raise invalid(f"size {size} not in 1..{MAX_SEQUENCE_PAGE}")
    return page, size


def seq_key(value: Any) -> str:
    """Return a ``seq_id`` (JSON string or number) as a string key, else raise 68300004."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise invalid(f"seq_id must be a non-empty string or a number, got {value!r}")


async def sequence_patents(body: Any, totals: Mapping[str, int]) -> Answer:
    """Answer B005: one page of a sequence's patents, generated on demand."""
    request = as_object(body)
    key = seq_key(request.get("seq_id"))
    page, size = page_bounds(request)
    total = _data.sequence_patent_total(key, totals)
    start = (page - 1) * size
    indexes = range(start, min(start + size, total))
    patents = await build_records(_data.sequence_patent, ((key, i) for i in indexes))
    return Answer({"total": total, "patents": patents}, len(patents))
