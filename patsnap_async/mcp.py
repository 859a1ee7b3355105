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
returned to it (`billed_results`: PatSnap bills the batch calls, families and cited-by,
per result).
A platform error becomes a tool error carrying PatSnap's code and message.

Requires the `mcp` extra: `pip install 'patsnap-async[mcp]'`. Run it with
`patsnap-async mcp` (see the README).
"""

from __future__ import annotations

import difflib
import functools
import inspect
import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Annotated, Any, Literal, TypeVar

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.mcpserver.tools import Tool
from mcp.types import CallToolResult, InputRequiredResult, TextContent, ToolAnnotations
from pydantic import ConfigDict, Field, StringConstraints, ValidationError

from ._batch import MAX_IDS_PER_REQUEST, BatchResult
from ._client import PatsnapClient
from ._converter import unstructure
from ._errors import APIError, BatchError, PatsnapError, SequenceWaitTimeout
from ._resources._sequence_bodies import MAX_JOB_LIMIT
from ._resources._sequence_bodies import MAX_PAGE_SIZE as MAX_SEQUENCE_PAGE
from ._resources.search import MAX_PAGE_SIZE as MAX_SEARCH_LIMIT
from ._resources.search import MAX_QUERY_LENGTH, MAX_RESULTS
from ._validate import MAX_ID_LENGTH, check_id
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
# The sequence-type pair each algorithm searches, and the default algorithm of each pair.
_DEFAULT_ALGORITHM = {
    ("PROTEIN", "PROTEIN"): "blastp",
    ("PROTEIN", "NUCLEOTIDE"): "tblastn-fast",
    ("NUCLEOTIDE", "NUCLEOTIDE"): "blastn",
    ("NUCLEOTIDE", "PROTEIN"): "blastx-fast",
}

#: `check_id`'s rule, as a JSON schema pattern (surrounding spaces are dropped first).
ID_PATTERN = r"^[A-Za-z0-9._/-]+$"
#: A patent number, patent id, job id or sequence id, as `check_id` accepts them.
Id = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=MAX_ID_LENGTH, pattern=ID_PATTERN
    ),
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
    "PatSnap patent data on the user's own Open Platform account. Batch tools take up to "
    f"{MAX_IDS_PER_REQUEST} ids a call and are billed per record returned; search pages "
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
        _tool(functions.patent_families, "Patent families", _READS),
        _tool(functions.cited_by, "Patents citing these patents", _READS),
        _tool(functions.search_patents, "Patent search", _READS),
        _tool(functions.sequence_search, "Sequence search", _SUBMITS),
        _tool(functions.sequence_results, "Sequence search results", _READS),
        _tool(functions.sequence_patents, "Patents of a sequence", _READS),
    ]
    server = _Server(
        name, version=__version__, instructions=_INSTRUCTIONS, log_level="WARNING", tools=tools
    )
    server.input_schemas = {tool.name: tool.parameters for tool in tools}
    return server


def _tool(
    function: Callable[..., Awaitable[dict[str, Any]]], title: str, hints: ToolAnnotations
) -> Tool:
    """The MCP tool of one `_Tools` method: its docstring dedented, no argument but its own.

    The SDK reads the input schema from the method's signature, into a model that ignores
    unknown arguments: an agent's `limit` for `max_hits` would be dropped, and the job
    submitted with the default. The model here refuses them (`additionalProperties`
    false in the schema), before the tool runs.
    """
    tool = Tool.from_function(
        _answering(function),
        title=title,
        description=inspect.cleandoc(function.__doc__ or ""),
        annotations=hints,
        structured_output=False,
    )
    lenient = tool.fn_metadata.arg_model

    class Strict(lenient):  # type: ignore[valid-type, misc]
        model_config = ConfigDict(extra="forbid")

    Strict.__name__ = Strict.__qualname__ = lenient.__name__
    metadata = tool.fn_metadata.model_copy(update={"arg_model": Strict})
    schema = Strict.model_json_schema(by_alias=True)
    return tool.model_copy(update={"fn_metadata": metadata, "parameters": schema})


class _Server(MCPServer[Any]):
    """An `MCPServer` whose argument refusals read like the SDK's own messages.

    The MCP SDK checks a call's arguments against the tool's schema before the tool
    runs, and reports a mismatch as pydantic's multi-line text with a link to its
    documentation. Here it becomes one line naming each bad argument and its value,
    as `check_id` and the SDK's other checks word theirs.
    """

    #: Each tool's input schema, by name: what a refusal says the argument must be.
    input_schemas: Mapping[str, Mapping[str, Any]] = {}

    async def call_tool(
        self, name: str, arguments: dict[str, Any], context: Context[Any, Any] | None = None
    ) -> CallToolResult | InputRequiredResult:
        try:
            return await super().call_tool(name, arguments, context)
        except ToolError as error:
            schema = self.input_schemas.get(name)
            if schema is None or not isinstance(error.__cause__, ValidationError):
                raise
            return _error(_REFUSED + _explain(name, schema, error.__cause__), None)


class _Tools:
    """The tool functions; their signatures are the tools' input schemas."""

    def __init__(self, client: PatsnapClient, poll_interval: float) -> None:
        self._client = client
        self._poll_interval = poll_interval

    async def patent_families(self, ids: Ids, id_type: IdKind = "patent_number") -> dict[str, Any]:
        """The simple, INPADOC and PatSnap families of each patent (PatSnap P014).

        Answers one record per id found; 'missing' lists the ids PatSnap has no record
        for. Billed per record returned.
        """
        return await _batch(self._client.patents.family, ids, id_type)

    async def cited_by(self, ids: Ids, id_type: IdKind = "patent_number") -> dict[str, Any]:
        """The patents citing each patent, with citation counts (PatSnap P015).

        Answers one record per id found; 'missing' lists the ids PatSnap has no record
        for. Billed per record returned.
        """
        return await _batch(self._client.patents.cited_by, ids, id_type)

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
            raise _Refused(
                f"offset + limit must be <= {MAX_RESULTS} (the platform serves no result "
                f"past it), got offset={offset} limit={limit}; lower limit to "
                f"{MAX_RESULTS - offset}, or narrow the query (e.g. by date) to reach the rest"
            )
        sort = None if sort_by is None else [(sort_by, order)]
        page = await _first(self._client.search.query(query, offset=offset, limit=limit, sort=sort))
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
        job = await _first(
            self._client.sequences.submit(
                sequence,
                sequence_type=sequence_type,
                query_type=target,
                algorithm=algorithm or _DEFAULT_ALGORITHM[sequence_type, target],
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
        result = await _first(self._client.sequences.patents(seq_id, page=page, size=size))
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
                await (waiting if sent else _first(waiting))
            except SequenceWaitTimeout as timeout:
                return {
                    "job_id": job_id,
                    "status": timeout.last_status.status,
                    "next": f"still running after {wait} s; call sequence_results with "
                    f'job_id="{job_id}" to wait again',
                    "billed_results": 0,
                }
        reading = sequences.results(job_id, page=page, size=size)
        result = await (reading if sent or wait > 0 else _first(reading))
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


async def _batch(
    fetch: Callable[..., Awaitable[BatchResult[Any]]], ids: list[str], id_type: IdType
) -> dict[str, Any]:
    """One batch call of at most 100 ids: the records, and the ids without one."""
    try:
        result = await _first(fetch(**{f"{id_type}s": ids}))
    except BatchError as error:
        # At most 100 unique ids are one request: when it fails, nothing was fetched.
        raise next(iter(error.errors.values())) from None
    records = [_compact(unstructure(r)) for r in (*result.records, *result.unmatched)]
    return {"records": records, "missing": list(result.missing), "billed_results": len(records)}


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


_REFUSED = "invalid arguments, nothing was sent: "
_T = TypeVar("_T")


class _Refused(Exception):
    """A tool call's arguments, refused before it sent anything: nothing was billed."""


async def _first(request: Awaitable[_T]) -> _T:
    """Await the first request of a tool call.

    The SDK checks a call's arguments before it sends anything, and raises `ValueError`
    or `TypeError` naming the bad one: from the first request of a tool call, such an
    error means that nothing was sent. From a later one (a job's status, after the job
    was submitted), it does not.
    """
    try:
        return await request
    except PatsnapError:
        raise  # the platform's answer (`InvalidParameterError` is a ValueError too)
    except (ValueError, TypeError) as error:
        raise _Refused(str(error)) from error


def _explain(tool: str, schema: Mapping[str, Any], error: ValidationError) -> str:
    """The arguments the schema refused, on one line: each one's name, rule and value."""
    properties: Mapping[str, Any] = schema.get("properties", {})
    problems: list[str] = []
    for problem in error.errors(include_url=False):
        location = problem["loc"]
        name = str(location[0]) + "".join(f"[{part}]" for part in location[1:])
        value = problem.get("input")
        if problem["type"] == "extra_forbidden":
            close = difflib.get_close_matches(name, properties, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            taken = ", ".join(properties)
            problems.append(f"{tool} takes no argument {name!r}{hint}; its arguments are {taken}")
        elif problem["type"] == "missing":
            problems.append(f"{name} is required")
        else:
            rule = _schema_at(properties, location)
            problems.append(
                _id_refusal(rule, value, name)
                or f"{name} must be {_expected(rule)}, got {_shown(value)}"
            )
    return "; ".join(problems)


def _schema_at(properties: Mapping[str, Any], location: Sequence[int | str]) -> Mapping[str, Any]:
    """The schema of the argument, or of the list item, at `location`."""
    schema: Mapping[str, Any] = properties.get(str(location[0]), {})
    for part in location[1:]:
        if isinstance(part, int):
            schema = schema.get("items", {})
    return schema


def _id_refusal(schema: Mapping[str, Any], value: object, name: str) -> str | None:
    """`check_id`'s own message for an id the schema refused (it refuses the same)."""
    if schema.get("pattern") != ID_PATTERN:
        return None
    try:
        check_id(value, name)
    except (ValueError, TypeError) as error:
        return str(error)
    return None


def _expected(schema: Mapping[str, Any]) -> str:
    """What a value of `schema` must be, in words: "an integer between 1 and 1000"."""
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        null = ", or null" if len(options) < len(schema["anyOf"]) else ""
        return " or ".join(_expected(option) for option in options) + null
    if "enum" in schema:
        return "one of " + ", ".join(repr(value) for value in schema["enum"])
    kind = schema.get("type")
    if kind == "integer":
        low, high = schema.get("minimum"), schema.get("maximum")
        if "exclusiveMaximum" in schema:
            high = schema["exclusiveMaximum"] - 1
        if low is not None and high is not None:
            return f"an integer between {low} and {high}"
        return "an integer" + (f" >= {low}" if low is not None else f" <= {high}" if high else "")
    if kind == "array":
        ids = schema.get("items", {}).get("pattern") == ID_PATTERN
        items = "ids" if ids else "items"
        return f"a list of {schema.get('minItems', 0)} to {schema.get('maxItems')} {items}"
    if schema.get("pattern") == ID_PATTERN:
        return f"an id of 1 to {MAX_ID_LENGTH} characters"
    if "maxLength" in schema:
        return f"a string of {schema.get('minLength', 0)} to {schema['maxLength']} characters"
    return f"a {kind}" if kind else "valid"


def _shown(value: object) -> str:
    """A refused value as a message shows it: short."""
    if isinstance(value, list) and len(value) > 3:
        return f"a list of {len(value)}"
    if isinstance(value, str) and len(value) > 40:
        return f"{value[:40]!r}... ({len(value)} characters)"
    return repr(value)


def _answering(
    tool: Callable[..., Awaitable[dict[str, Any]]],
) -> Callable[..., Awaitable[CallToolResult]]:
    """Wrap a tool so it answers compact JSON, and errors as tool errors an agent can read."""

    # The SDK reads the input schema from the signature `wraps` points it to.
    @functools.wraps(tool)
    async def call(*args: Any, **kwargs: Any) -> CallToolResult:
        try:
            answer = await tool(*args, **kwargs)
        except APIError as error:
            # PatSnap's own code and message; APIError never carries a credential.
            return _error(
                f"PatSnap error {error.code}: {error.message} (HTTP {error.http_status})"
                + (" (retryable: try again later)" if error.retryable else ""),
                {
                    "code": error.code,
                    "message": error.message,
                    "http_status": error.http_status,
                    "retryable": error.retryable,
                },
            )
        except _Refused as error:
            return _error(_REFUSED + str(error), None)
        except PatsnapError as error:
            return _error(f"{type(error).__name__}: {error}", None)
        except (ValueError, TypeError) as error:
            # Raised once a request had gone out (see `_first`): something may be billed.
            return _error(f"{type(error).__name__} after a request was sent: {error}", None)
        text = _json(answer)
        return CallToolResult(
            content=[TextContent(type="text", text=text)], structured_content=answer
        )

    return call


def _error(text: str, details: Mapping[str, Any] | None) -> CallToolResult:
    structured = {"error": {"message": text} | dict(details or {})}
    return CallToolResult(
        content=[TextContent(type="text", text=text)],
        structured_content=structured,
        is_error=True,
    )


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
