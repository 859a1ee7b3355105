"""An MCP server over one `PatsnapClient`: patent data as tools for agents.

    from patsnap_async import PatsnapClient
    from patsnap_async.mcp import build_server

    async with PatsnapClient(qps=5) as client:
        await build_server(client).run_stdio_async()

Every tool call goes through the one client the server was built on, so all of them
share one pacer, one token and one set of connections, however many an agent runs at
once. Each tool's input schema carries the platform's limits (ids per call, page sizes,
the 20 000-result window, the 1500-character query) and the SDK's rule for ids, and
admits no other argument. The rules a schema cannot say are checked before any request
too, so a bad call is refused before any quota is spent, with one line naming each bad
argument and its value, in the words of the SDK's own checks. Answers are compact JSON
(also as structured content): `None` fields are left out, long lists are cut with a note
saying which call returns the rest, and each answer says how many results the platform
returned to it (`billed_results`: PatSnap bills the batch calls, families, cited-by and
every other lookup, per result). A client with a record cache (`patsnap-async mcp` opens
one by default: agents repeat themselves) answers lookups from it where it can: each
lookup's answer says how many of its records came from the cache (`from_cache`, billed
nothing) beside `billed_results`.
A platform error becomes a tool error carrying PatSnap's code and message; when only
some ids of a batch tool fail, its answer keeps the records fetched (and billed) and
lists the failed ids under `failed`, grouped by error.

Beside the tools of the wrapped endpoints, `lookup` reaches every lookup of the catalog
(claims, bibliography, legal status, valuation, ...: `_mcp_lookups.py`), named by its
code or name from an enum that its description tables.

Requires the `mcp` extra: `pip install 'patsnap-async[mcp]'`. Run it with
`patsnap-async mcp` (see the README).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, Literal

from mcp.server.mcpserver import MCPServer
from mcp.types import ToolAnnotations
from pydantic import Field

from ._batch import BatchResult, normalize_id
from ._client import PatsnapClient
from ._converter import unstructure
from ._errors import BatchError, PatsnapError, SequenceWaitTimeout
from ._limits import (
    DEFAULT_SEQUENCE_ALGORITHMS,
    MAX_IDS_PER_REQUEST,
    MAX_JOB_LIMIT,
    MAX_QUERY_LENGTH,
    MAX_SEQUENCE_PAGE,
)
from ._limits import MAX_SEARCH_PAGE as MAX_SEARCH_LIMIT
from ._limits import MAX_SEARCH_RESULTS as MAX_RESULTS
from ._mcp_lookups import LOOKUP_CHOICES, lookup_table
from ._mcp_server import Id, Refused, Server, error_of, first, tool
from ._version import __version__

__all__ = ["MAX_WAIT_SECONDS", "SHOWN_HIT_PATENTS", "build_server"]

#: The longest a sequence tool waits for its job in one call; the agent calls again.
MAX_WAIT_SECONDS = 120
#: Patents shown per sequence hit (the platform embeds up to 100); `sequence_patents`
#: pages through all of them.
SHOWN_HIT_PATENTS = 5

IdType = Literal["patent_number", "patent_id"]
SequenceType = Literal["PROTEIN", "NUCLEOTIDE"]
Algorithm = Literal[
    "blastp",
    "blastp-fast",
    "blastp-short",
    "tblastn-fast",
    "megablast",
    "blastn",
    "blastn-short",
    "blastx-fast",
]
Ids = Annotated[
    list[Id],
    Field(
        min_length=1,
        max_length=MAX_IDS_PER_REQUEST,
        description=f"1 to {MAX_IDS_PER_REQUEST} patent numbers (e.g. US11205304B2) "
        "or PatSnap patent ids; duplicates are sent once",
    ),
]
IdKind = Annotated[IdType, Field(description="what the ids are")]
if TYPE_CHECKING:
    Endpoint = str
else:  # the catalog's lookups, by code and by name: an enum in the schema
    Endpoint = Annotated[
        Literal[LOOKUP_CHOICES],
        Field(
            description="the lookup, by its code (P018) or name (claim): see the table in "
            "the tool's description"
        ),
    ]
LookupParams = Annotated[
    dict[str, Any] | None,
    Field(
        description="the lookup's other parameters where it has them (the table lists "
        'them), e.g. {"replace_by_related": 1}; checked before anything is sent'
    ),
]
WaitSeconds = Annotated[
    int,
    Field(
        ge=0,
        le=MAX_WAIT_SECONDS,
        description="seconds to wait for the job in this call; if it is still running, "
        "the answer says so and sequence_results waits again",
    ),
]
SequencePage = Annotated[int, Field(ge=1, description="1-based page number")]
SequencePageSize = Annotated[
    int, Field(ge=1, le=MAX_SEQUENCE_PAGE, description=f"per page, 1 to {MAX_SEQUENCE_PAGE}")
]

_INSTRUCTIONS = (
    "PatSnap patent data on the user's own Open Platform account. Batch tools (lookup "
    "reaches every id-keyed endpoint: claims, bibliography, legal status, valuation, ...) "
    f"take up to {MAX_IDS_PER_REQUEST} ids a call and are billed per record returned; "
    "search pages "
    f"hold up to {MAX_SEARCH_LIMIT} results and reach the first {MAX_RESULTS} only. "
    "Each answer's 'next' says how to get more."
)
_READS = ToolAnnotations(read_only_hint=True, open_world_hint=True)
# Submitting a job creates it on the platform (and is billed) every time.
_SUBMITS = ToolAnnotations(
    read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=True
)


def build_server(
    client: PatsnapClient, *, name: str = "patsnap", poll_interval: float = 5.0
) -> MCPServer[Any]:
    """An MCP server whose tools call PatSnap through `client`.

    The server does not own the client: open it before serving and close it after, so
    that it lives exactly as long as the server (`patsnap-async mcp` does this).

    Args:
        client: the one client every tool call shares (its pacer, token, connections).
        name: the server's name, as MCP clients show it.
        poll_interval: seconds between status calls while a sequence tool waits.

    Raises:
        ValueError: `poll_interval` is not a positive number.
    """
    if isinstance(poll_interval, bool) or not (
        isinstance(poll_interval, int | float) and poll_interval > 0
    ):
        raise ValueError(
            f"poll_interval must be a positive number of seconds, got {poll_interval!r}"
        )
    functions = _Tools(client, poll_interval)
    tools = [
        tool(functions.patent_families, "Patent families", _READS),
        tool(functions.cited_by, "Patents citing these patents", _READS),
        tool(functions.lookup, "Any patent lookup, by code or name", _READS, _lookup_doc()),
        tool(functions.search_patents, "Patent search", _READS),
        tool(functions.sequence_search, "Sequence search", _SUBMITS),
        tool(functions.sequence_results, "Sequence search results", _READS),
        tool(functions.sequence_patents, "Patents of a sequence", _READS),
    ]
    server = Server(
        name, version=__version__, instructions=_INSTRUCTIONS, log_level="WARNING", tools=tools
    )
    server.input_schemas = {tool.name: tool.parameters for tool in tools}
    return server


class _Tools:
    """The tool functions; their signatures are the tools' input schemas."""

    def __init__(self, client: PatsnapClient, poll_interval: float) -> None:
        self._client = client
        self._poll_interval = poll_interval

    async def patent_families(self, ids: Ids, id_type: IdKind = "patent_number") -> dict[str, Any]:
        """The simple, INPADOC and PatSnap families of each patent (PatSnap P014).

        Answers one record per id found; 'missing' lists the ids PatSnap has no record
        for; 'failed', if any, the ids that failed, by error (PatSnap's code and
        message), the other ids answered all the same. Billed per record returned.
        """
        return await _batch(self._client.patents.family, ids, id_type)

    async def cited_by(self, ids: Ids, id_type: IdKind = "patent_number") -> dict[str, Any]:
        """The patents citing each patent, with citation counts (PatSnap P015).

        Answers one record per id found; 'missing' lists the ids PatSnap has no record
        for; 'failed', if any, the ids that failed, by error (PatSnap's code and
        message), the other ids answered all the same. Billed per record returned.
        """
        return await _batch(self._client.patents.cited_by, ids, id_type)

    async def lookup(
        self,
        endpoint: Endpoint,
        ids: Ids,
        id_type: IdKind = "patent_number",
        params: LookupParams = None,
    ) -> dict[str, Any]:
        """Any id-keyed lookup of PatSnap: the description is `_lookup_doc()`."""
        request = self._client.lookup(endpoint, ids, by=id_type, params=params)
        return await _records(request)

    async def search_patents(
        self,
        query: Annotated[
            str,
            Field(
                min_length=1,
                max_length=MAX_QUERY_LENGTH,
                description='PatSnap analytics query, e.g. "TACD: virtual reality" '
                "(TACD = title, abstract, claims, description)",
            ),
        ],
        offset: Annotated[int, Field(ge=0, lt=MAX_RESULTS, description="results to skip")] = 0,
        limit: Annotated[
            int,
            Field(
                ge=1,
                le=MAX_SEARCH_LIMIT,
                description=f"results in this page; offset + limit <= {MAX_RESULTS}",
            ),
        ] = 20,
        sort_by: Annotated[
            Literal["SCORE", "PBDT_YEARMONTHDAY", "APD_YEARMONTHDAY", "ISD"] | None,
            Field(description="publication date, application date, issue date or score"),
        ] = None,
        order: Literal["desc", "asc"] = "desc",
    ) -> dict[str, Any]:
        """One page of patents matching a query (PatSnap P002), with the total.

        Results are patent numbers and PatSnap patent ids; pass them to
        patent_families or cited_by for details.
        """
        if offset + limit > MAX_RESULTS:
            raise Refused(
                f"offset + limit must be <= {MAX_RESULTS} (the platform serves no result "
                f"past it), got offset={offset} limit={limit}; lower limit to "
                f"{MAX_RESULTS - offset}, or narrow the query (e.g. by date) to reach the rest"
            )
        sort = None if sort_by is None else [(sort_by, order)]
        page = await first(self._client.search.query(query, offset=offset, limit=limit, sort=sort))
        results = [_compact(unstructure(ref)) for ref in page.results]
        total = page.total_search_result_count or 0
        end = offset + len(results)
        answer: dict[str, Any] = {"total": total, "offset": offset, "results": results}
        if end < min(total, MAX_RESULTS) and results:
            answer["next"] = f"call search_patents with offset={end} for the next results"
        elif total > MAX_RESULTS and end >= MAX_RESULTS:
            answer["next"] = (
                f"the platform serves only the first {MAX_RESULTS} results of a query; "
                "narrow it (e.g. by date ranges) to reach the rest"
            )
        answer["billed_results"] = len(results)
        return answer

    async def sequence_search(
        self,
        sequence: Annotated[
            str, Field(min_length=1, description="the query sequence (amino acids or bases)")
        ],
        sequence_type: Annotated[SequenceType, Field(description="type of the query")] = (
            "PROTEIN"
        ),
        query_type: Annotated[
            SequenceType | None, Field(description="type searched; default: sequence_type")
        ] = None,
        algorithm: Annotated[
            Algorithm | None,
            Field(
                description="BLAST algorithm; default blastp (protein in protein), "
                "tblastn-fast (protein in nucleotide), blastn (nucleotide in nucleotide), "
                "blastx-fast (nucleotide in protein)"
            ),
        ] = None,
        max_hits: Annotated[
            int, Field(ge=1, le=MAX_JOB_LIMIT, description="most hits the job finds")
        ] = 100,
        wait_seconds: WaitSeconds = 60,
        size: SequencePageSize = 10,
    ) -> dict[str, Any]:
        """BLAST a sequence against patent sequences (PatSnap B004): submit, wait, first hits.

        If the job finishes within wait_seconds, answers its first page of hits (best
        first); otherwise its job_id, to pass to sequence_results.
        """
        target = query_type or sequence_type
        job = await first(
            self._client.sequences.submit(
                sequence,
                sequence_type=sequence_type,
                query_type=target,
                algorithm=algorithm or DEFAULT_SEQUENCE_ALGORITHMS[sequence_type, target],
                limit=max_hits,
            )
        )
        assert job.job_id is not None  # submit raises without one
        if wait_seconds == 0:
            return {
                "job_id": job.job_id,
                "next": f'call sequence_results with job_id="{job.job_id}" for the hits',
                "billed_results": 0,
            }
        return await self._results(job.job_id, 1, size, wait_seconds, sent=True)

    async def sequence_results(
        self,
        job_id: Annotated[Id, Field(description="from sequence_search")],
        page: SequencePage = 1,
        size: SequencePageSize = 10,
        wait_seconds: WaitSeconds = 30,
    ) -> dict[str, Any]:
        """A page of a sequence search job's hits (PatSnap B003/4-1), waiting for the job."""
        return await self._results(job_id, page, size, wait_seconds, sent=False)

    async def sequence_patents(
        self,
        seq_id: Annotated[Id, Field(description="a hit's seq_id")],
        page: SequencePage = 1,
        size: SequencePageSize = MAX_SEQUENCE_PAGE,
    ) -> dict[str, Any]:
        """A page of every patent a sequence appears in (PatSnap B005), with the total."""
        result = await first(self._client.sequences.patents(seq_id, page=page, size=size))
        patents = [_compact(unstructure(p)) for p in result.patents]
        answer: dict[str, Any] = {"seq_id": seq_id, "total": result.total, "page": page}
        answer["patents"] = patents
        if patents and (page - 1) * size + len(patents) < (result.total or 0):
            answer["next"] = f"call sequence_patents with page={page + 1} for more"
        answer["billed_results"] = len(patents)
        return answer

    async def _results(
        self, job_id: str, page: int, size: int, wait: int, *, sent: bool
    ) -> dict[str, Any]:
        """Wait up to `wait` s for the job, then a page of its hits.

        Args:
            sent: whether this tool call has sent a request already (the job's).
        """
        sequences = self._client.sequences
        if wait > 0:
            waiting = sequences.wait(job_id, poll_interval=self._poll_interval, timeout=wait)
            try:
                await (waiting if sent else first(waiting))
            except SequenceWaitTimeout as timeout:
                return {
                    "job_id": job_id,
                    "status": timeout.last_status.status,
                    "next": f"still running after {wait} s; call sequence_results with "
                    f'job_id="{job_id}" to wait again',
                    "billed_results": 0,
                }
        reading = sequences.results(job_id, page=page, size=size)
        result = await (reading if sent or wait > 0 else first(reading))
        hits = [_hit(unstructure(hit)) for hit in result.results]
        answer: dict[str, Any] = {"job_id": job_id, "status": "SUCCESS", "total": result.total}
        answer["page"] = page
        answer["hits"] = hits
        notes = []
        if hits and (page - 1) * size + len(hits) < (result.total or 0):
            notes.append(f'call sequence_results with job_id="{job_id}" page={page + 1}')
        if any(h.get("patents", {}).get("cut") for h in hits):
            notes.append(
                f"hits show at most {SHOWN_HIT_PATENTS} patents each; call sequence_patents "
                "with a hit's seq_id for all of them"
            )
        if notes:
            answer["next"] = "; ".join(notes)
        answer["billed_results"] = len(hits)
        return answer


def _lookup_doc() -> str:
    """The `lookup` tool's description: what it answers, and every lookup it reaches."""
    return (
        "Records of any id-keyed lookup of PatSnap (claims, bibliography, legal status, "
        "valuation, litigation, ...) for up to "
        f"{MAX_IDS_PER_REQUEST} patent numbers or PatSnap patent ids: name the lookup in "
        "'endpoint' by its code or name.\n\n"
        "Answers one record per id found; 'missing' lists the ids PatSnap has no record "
        "for; 'failed', if any, the ids that failed, by error (PatSnap's code and "
        "message), the other ids answered all the same. Billed per record returned. "
        "'params' takes the lookup's other parameters, where the table lists some.\n\n"
        "Lookups (code name: title; fields of its records; its params):\n" + lookup_table()
    )


async def _batch(
    fetch: Callable[..., Awaitable[BatchResult[Any]]], ids: list[str], id_type: IdType
) -> dict[str, Any]:
    """A hand-wrapped batch call (`patents.family`) of at most 100 ids of one kind."""
    return await _records(fetch(**{f"{id_type}s": ids}))


async def _records(request: Awaitable[BatchResult[Any]]) -> dict[str, Any]:
    """One batch call of at most 100 ids: the records, the ids without one, the ids that
    failed with their errors, and of the records, how many the platform billed and how
    many the record cache answered.

    A call whose every id failed the same way, with nothing fetched, is that error
    (a tool error): nothing was billed. Otherwise the records fetched are answered, as
    billed, whatever became of the other ids: a refused request is sent again in
    halves (`client.lookup`), so one id the platform refuses fails alone.
    """
    failed: list[dict[str, Any]] = []
    try:
        result = await first(request)
    except BatchError as error:
        result = error.result
        failed = _failed(error.errors)
        if len(failed) == 1 and not (result or result.missing or result.unmatched):
            raise next(iter(error.errors.values())) from None
    records = [_compact(unstructure(r)) for r in (*result.records, *result.unmatched)]
    cached = len({normalize_id(i) for i in result.cached if i in result})
    answer: dict[str, Any] = {"records": records, "missing": list(result.missing)}
    if failed:
        answer["failed"] = failed
    answer["billed_results"] = len(records) - cached
    answer["from_cache"] = cached
    return answer


def _failed(errors: Mapping[str, BaseException]) -> list[dict[str, Any]]:
    """The failed ids grouped by their error, as a tool error shows it."""
    groups: dict[str, dict[str, Any]] = {}
    for failed_id, cause in errors.items():
        if not isinstance(cause, PatsnapError):
            raise cause  # a bug of the SDK's, not an answer of the platform's
        error = error_of(cause)
        group = groups.setdefault(json.dumps(error, sort_keys=True), {"ids": [], "error": error})
        group["ids"].append(failed_id)
    return list(groups.values())


def _hit(hit: dict[str, Any]) -> dict[str, Any]:
    """A sequence hit with its embedded patents cut to `SHOWN_HIT_PATENTS`."""
    hit = _compact(hit)
    embedded = hit.get("patents")
    if embedded and len(embedded.get("patents", ())) > SHOWN_HIT_PATENTS:
        embedded["patents"] = embedded["patents"][:SHOWN_HIT_PATENTS]
        embedded["cut"] = True
    return hit


def _compact(data: Any) -> Any:
    """JSON data with the `None` fields of objects left out."""
    if isinstance(data, Mapping):
        return {k: _compact(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_compact(v) for v in data]
    return data
