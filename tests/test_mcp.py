"""The MCP server, driven by the MCP SDK's own client, over the emulator on 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import re
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from mcp import Client, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.types import CallToolResult, TextContent

from patsnap_async import MAX_ID_LENGTH, HttpRequest, HttpResponse, PatsnapClient, catalog, check_id
from patsnap_async.cache import default_path
from patsnap_async.mcp import MAX_WAIT_SECONDS, SHOWN_HIT_PATENTS, build_server
from patsnap_async.testing import Emulator, MockTransport

from .conftest import ServeFactory, business, client_for

CLI = [sys.executable, "-m", "patsnap_async"]


@contextlib.asynccontextmanager
async def connected(
    emu: Emulator, *, poll_interval: float = 0.01, **options: Any
) -> AsyncIterator[tuple[Client, PatsnapClient]]:
    """The SDK's client connected in-process to a server on one PatsnapClient."""
    async with client_for(emu, **options) as patsnap:
        server = build_server(patsnap, poll_interval=poll_interval)
        async with Client(server) as client:
            yield client, patsnap


REFUSED = "invalid arguments, nothing was sent: "


async def schemas(client: Client) -> dict[str, dict[str, Any]]:
    """Each tool's input schema, by tool name."""
    return {tool.name: tool.input_schema for tool in (await client.list_tools()).tools}


def text_of(result: CallToolResult) -> str:
    block = result.content[0]
    assert isinstance(block, TextContent)
    return block.text


async def call(client: Client, tool: str, **arguments: Any) -> dict[str, Any]:
    """Call a tool that must succeed; its answer as JSON (text and structured alike)."""
    result = await client.call_tool(tool, arguments)
    assert not result.is_error, text_of(result)
    answer = json.loads(text_of(result))
    assert result.structured_content == answer
    assert isinstance(answer, dict)
    return answer


async def test_lists_the_tools_with_the_platform_limits_in_their_schemas(emu: Emulator) -> None:
    async with connected(emu) as (client, _):
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
    assert set(tools) == {
        "patent_families",
        "cited_by",
        "lookup",
        "search_patents",
        "sequence_search",
        "sequence_results",
        "sequence_patents",
    }
    read_only = {n for n, t in tools.items() if t.annotations and t.annotations.read_only_hint}
    assert read_only == set(tools) - {"sequence_search"}  # it creates a job
    ids = tools["patent_families"].input_schema["properties"]["ids"]
    assert (ids["minItems"], ids["maxItems"]) == (1, 100)
    assert tools["lookup"].input_schema["properties"]["ids"] == ids
    search = tools["search_patents"].input_schema["properties"]
    assert search["query"]["maxLength"] == 1500
    assert search["limit"]["maximum"] == 1000
    assert search["offset"]["exclusiveMaximum"] == 20_000
    for name in ("sequence_search", "sequence_results", "sequence_patents"):
        assert tools[name].input_schema["properties"]["size"]["maximum"] == 100
    assert (
        tools["sequence_results"].input_schema["properties"]["wait_seconds"]["maximum"]
        == MAX_WAIT_SECONDS
    )


async def test_families_batched_deduplicated_and_missing_named(emu: Emulator) -> None:
    ids = ["US11205304B2", " us11205304b2 ", "JP1999068462A", "UNKNOWN7"]
    async with connected(emu) as (client, _):
        answer = await call(client, "patent_families", ids=ids)
    assert [r["pn"] for r in answer["records"]] == ["US11205304B2", "JP1999068462A"]
    assert "simple_family" in answer["records"][0]["patent_family"]
    assert answer["missing"] == ["UNKNOWN7"]
    assert answer["billed_results"] == 2
    [served] = business(emu)
    assert sorted(served.ids) == ["JP1999068462A", "UNKNOWN7", "US11205304B2"]


async def test_cited_by_takes_patsnap_patent_ids(emu: Emulator) -> None:
    async with connected(emu) as (client, _):
        found = await call(client, "patent_families", ids=["US11205304B2"])
        patent_id = found["records"][0]["patent_id"]
        answer = await call(client, "cited_by", ids=[patent_id, "UNKNOWN1"], id_type="patent_id")
    [record] = answer["records"]
    assert record["patent_id"] == patent_id
    assert "cited_by_patents" in record["patent_cited"]
    assert answer["missing"] == ["UNKNOWN1"]
    assert answer["billed_results"] == 1
    assert "patent_id" in business(emu)[-1].query


async def test_search_answers_one_page_the_total_and_how_to_get_more(
    serve: ServeFactory,
) -> None:
    async with serve(search_totals={"TACD: drone": 25}) as (emu, _), connected(emu) as (client, _):
        first = await call(
            client, "search_patents", query="TACD: drone", limit=10, sort_by="PBDT_YEARMONTHDAY"
        )
        last = await call(client, "search_patents", query="TACD: drone", offset=20, limit=10)
    assert first["total"] == 25
    assert len(first["results"]) == first["billed_results"] == 10
    assert set(first["results"][0]) == {"pn", "patent_id"}
    assert "offset=10" in first["next"]
    assert len(last["results"]) == 5
    assert "next" not in last
    sent = business(emu)[0].body
    assert (sent["offset"], sent["limit"]) == (0, 10)
    assert sent["sort"] == [{"field": "PBDT_YEARMONTHDAY", "order": "DESC"}]


async def test_sequence_search_submits_waits_and_answers_the_first_page(
    serve: ServeFactory,
) -> None:
    async with (
        serve(job_hits=12, job_polls_until_done=2) as (emu, _),
        connected(emu) as (client, _),
    ):
        answer = await call(client, "sequence_search", sequence="MKVLAAGIVALLLAAGC", size=5)
        job_id = answer["job_id"]
        last = await call(client, "sequence_results", job_id=job_id, page=3, size=5)
    assert answer["status"] == "SUCCESS"
    assert answer["total"] == 12
    assert len(answer["hits"]) == answer["billed_results"] == 5
    assert f'job_id="{job_id}" page=2' in answer["next"]
    assert len(last["hits"]) == 2
    submitted = next(s for s in business(emu) if s.path.endswith("/sequence/job"))
    assert submitted.body["params"]["algorithm"] == "blastp"
    # The hits' embedded patent lists are cut, with a pointer to all of them.
    cut = [h for h in answer["hits"] if h["patents"].get("cut")]
    assert cut, "expected a hit with more embedded patents than are shown"
    assert all(len(h["patents"]["patents"]) == SHOWN_HIT_PATENTS for h in cut)
    assert "sequence_patents" in answer["next"]


async def test_sequence_search_still_running_answers_the_job_to_wait_on(
    serve: ServeFactory,
) -> None:
    # Polls every 5 s but may wait 1 s: the first RUNNING status ends the wait.
    async with (
        serve(job_polls_until_done=100) as (emu, _),
        connected(emu, poll_interval=5.0) as (client, _),
    ):
        answer = await call(client, "sequence_search", sequence="MKVLAAG", wait_seconds=1)
    assert answer["status"] in {"QUEUEING", "RUNNING"}
    assert f'job_id="{answer["job_id"]}"' in answer["next"]
    assert answer["billed_results"] == 0
    assert not any(s.path.endswith("/job/result") for s in business(emu))


async def test_sequence_search_without_waiting_answers_the_job(emu: Emulator) -> None:
    async with connected(emu) as (client, _):
        answer = await call(client, "sequence_search", sequence="MKVLAAG", wait_seconds=0)
        assert [s.path for s in business(emu)] == ["/bio-openapi/sequence/job"]
        hits = await call(client, "sequence_results", job_id=answer["job_id"])
    assert f'job_id="{answer["job_id"]}"' in answer["next"]
    assert (hits["status"], hits["total"], len(hits["hits"])) == ("SUCCESS", 30, 10)


async def test_sequence_patents_paged(serve: ServeFactory) -> None:
    async with serve(sequence_patent_totals={"77": 250}) as (emu, _), connected(emu) as (client, _):
        first = await call(client, "sequence_patents", seq_id="77")
        last = await call(client, "sequence_patents", seq_id="77", page=3)
    assert first["total"] == 250
    assert len(first["patents"]) == first["billed_results"] == 100
    assert "page=2" in first["next"]
    assert len(last["patents"]) == 50
    assert "next" not in last


@pytest.mark.parametrize(
    ("tool", "arguments", "named"),
    [
        ("patent_families", {"ids": [f"US{i}B2" for i in range(101)]}, "ids"),
        ("patent_families", {"ids": []}, "ids"),
        ("cited_by", {"ids": ["US1B2"], "id_type": "doi"}, "id_type"),
        ("search_patents", {"query": "x" * 1501}, "query"),
        ("search_patents", {"query": "TACD: car", "limit": 1001}, "limit"),
        ("search_patents", {"query": "TACD: car", "offset": 19_990, "limit": 20}, "offset + limit"),
        ("sequence_search", {"sequence": "MKV", "size": 101}, "size"),
        ("sequence_search", {"sequence": "MKV", "algorithm": "blastn"}, "algorithm"),
        ("sequence_results", {"job_id": "j", "wait_seconds": 121}, "wait_seconds"),
        ("sequence_patents", {"seq_id": "77", "page": 0}, "page"),
    ],
)
async def test_a_bad_call_is_refused_before_any_request(
    emu: Emulator, tool: str, arguments: dict[str, Any], named: str
) -> None:
    async with connected(emu) as (client, patsnap):
        result = await client.call_tool(tool, arguments)
    assert result.is_error
    assert named in text_of(result)
    assert emu.log == []
    assert patsnap.stats.requests == 0


async def test_id_schemas_state_the_sdks_id_rule(emu: Emulator) -> None:
    async with connected(emu) as (client, _):
        tools = await schemas(client)
    id_schemas = [
        tools["patent_families"]["properties"]["ids"]["items"],
        tools["lookup"]["properties"]["ids"]["items"],
        tools["cited_by"]["properties"]["ids"]["items"],
        tools["sequence_results"]["properties"]["job_id"],
        tools["sequence_patents"]["properties"]["seq_id"],
    ]
    for schema in id_schemas:
        assert (schema["minLength"], schema["maxLength"]) == (1, MAX_ID_LENGTH) == (1, 64)
        pattern = re.compile(schema["pattern"])
        for character in [*map(chr, range(128)), "é", "\u00a0", "\u2028", "\uff10"]:
            value = f"US{character}1"
            try:
                check_id(value)
            except ValueError:
                assert pattern.search(value) is None, repr(value)
            else:
                assert pattern.search(value) is not None, repr(value)


@pytest.mark.parametrize("bad", ["A" * 65, "US1,B2", "US1 B2", "US1&B2", "US1\x00", ""])
async def test_an_id_the_sdk_refuses_is_refused_in_the_sdks_words(emu: Emulator, bad: str) -> None:
    async with connected(emu) as (client, patsnap):
        result = await client.call_tool("patent_families", {"ids": ["US1B2", bad]})
    with pytest.raises(ValueError, match=r"^ids\[1\] ") as sdk:
        check_id(bad, "ids[1]")
    assert result.is_error
    assert text_of(result) == REFUSED + str(sdk.value)
    assert emu.log == []
    assert patsnap.stats.requests == 0


async def test_an_id_of_64_characters_is_sent(emu: Emulator) -> None:
    async with connected(emu) as (client, _):
        answer = await call(client, "patent_families", ids=["A" * 64, " US11205304B2 "])
    assert answer["missing"] == ["A" * 64]
    assert [r["pn"] for r in answer["records"]] == ["US11205304B2"]


async def test_every_tool_refuses_arguments_it_does_not_take(emu: Emulator) -> None:
    async with connected(emu) as (client, _):
        tools = await schemas(client)
    assert len(tools) == 7
    assert all(schema["additionalProperties"] is False for schema in tools.values())


@pytest.mark.parametrize(
    ("tool", "arguments", "message"),
    [
        (
            "sequence_search",
            {"sequence": "MKV", "limit": 5},
            "sequence_search takes no argument 'limit'; its arguments are sequence, "
            "sequence_type, query_type, algorithm, max_hits, wait_seconds, size",
        ),
        (
            "patent_families",
            {"ids": ["US1B2"], "id": "US2B2"},
            "patent_families takes no argument 'id' (did you mean 'ids'?); its arguments "
            "are ids, id_type",
        ),
        (
            "search_patents",
            {"query": "TACD: car", "limit": 1001},
            "limit must be an integer between 1 and 1000, got 1001",
        ),
        (
            "search_patents",
            {"query": "TACD: car", "offset": -1, "limit": "ten"},
            "offset must be an integer between 0 and 19999, got -1; "
            "limit must be an integer between 1 and 1000, got 'ten'",
        ),
        (
            "search_patents",
            {"query": "x" * 1501},
            f"query must be a string of 1 to 1500 characters, got {'x' * 40!r}... "
            "(1501 characters)",
        ),
        (
            "search_patents",
            {"query": "TACD: car", "sort_by": "DATE"},
            "sort_by must be one of 'SCORE', 'PBDT_YEARMONTHDAY', 'APD_YEARMONTHDAY', "
            "'ISD', or null, got 'DATE'",
        ),
        (
            "cited_by",
            {"ids": ["US1B2"], "id_type": "doi"},
            "id_type must be one of 'patent_number', 'patent_id', got 'doi'",
        ),
        ("patent_families", {"ids": []}, "ids must be a list of 1 to 100 ids, got []"),
        (
            "patent_families",
            {"ids": [f"US{i}B2" for i in range(101)]},
            "ids must be a list of 1 to 100 ids, got a list of 101",
        ),
        ("patent_families", {"ids": 7}, "ids must be a list of 1 to 100 ids, got 7"),
        ("sequence_patents", {"seq_id": "77", "page": 0}, "page must be an integer >= 1, got 0"),
        ("sequence_results", {}, "job_id is required"),
        (
            "sequence_search",
            {"sequence": "MKV", "wait_seconds": 121},
            "wait_seconds must be an integer between 0 and 120, got 121",
        ),
    ],
)
async def test_a_refusal_reads_like_the_sdks_own_messages(
    emu: Emulator, tool: str, arguments: dict[str, Any], message: str
) -> None:
    async with connected(emu) as (client, patsnap):
        result = await client.call_tool(tool, arguments)
    assert result.is_error
    assert text_of(result) == REFUSED + message
    assert result.structured_content == {"error": {"message": REFUSED + message}}
    assert emu.log == []
    assert patsnap.stats.requests == 0


async def test_tool_descriptions_are_not_indented(emu: Emulator) -> None:
    async with connected(emu) as (client, _):
        tools = (await client.list_tools()).tools
    for tool in tools:
        assert tool.description is not None
        assert tool.description == inspect.cleandoc(tool.description)
        assert not [line for line in tool.description.splitlines() if line.startswith(" ")]
    families = next(t for t in tools if t.name == "patent_families")
    assert families.description is not None
    assert "\nAnswers one record per id found" in families.description


async def test_an_error_after_a_request_does_not_say_nothing_was_sent() -> None:
    # The platform accepts the job (billed) but answers a job id the SDK will not send.
    def platform(request: HttpRequest) -> HttpResponse:
        job = {"label": "q", "job_id": "job 1", "sequence": "MKV"}
        envelope = json.dumps({"status": True, "error_code": 0, "data": [job]}).encode()
        return HttpResponse(200, {"Content-Type": "application/json"}, envelope)

    transport = MockTransport(platform)
    async with (
        PatsnapClient(api_key="sk-test", transport=transport) as patsnap,
        Client(build_server(patsnap, poll_interval=0.01)) as client,
    ):
        result = await client.call_tool("sequence_search", {"sequence": "MKV"})
    assert [r.url.rsplit("/", 1)[-1] for r in transport.requests] == ["job"]
    assert result.is_error
    assert "nothing was sent" not in text_of(result)
    assert text_of(result).startswith("ValueError after a request was sent: job_id contains ' '")


@pytest.mark.parametrize(
    ("tool", "arguments"),
    [("search_patents", {"query": "TACD: car"}), ("cited_by", {"ids": ["US11205304B2"]})],
)
async def test_a_platform_error_is_a_tool_error_with_its_code(
    emu: Emulator, tool: str, arguments: dict[str, Any]
) -> None:
    emu.inject(error_code=68300004)
    async with connected(emu) as (client, _):
        result = await client.call_tool(tool, arguments)
        assert result.is_error
        assert text_of(result).startswith("PatSnap error 68300004: Invalid parameter!")
        assert result.structured_content is not None
        error = result.structured_content["error"]
        assert (error["code"], error["retryable"]) == (68300004, False)
        # The server goes on answering.
        assert not (await client.call_tool(tool, arguments)).is_error


async def test_refused_credentials_leave_no_secret_in_the_error(emu: Emulator) -> None:
    emu.inject(error_code=67200003, path="/oauth/token")
    async with connected(emu, max_retries=0) as (client, _):
        result = await client.call_tool("patent_families", {"ids": ["US11205304B2"]})
    assert result.is_error
    assert "67200003" in text_of(result)
    everything = text_of(result) + json.dumps(result.structured_content)
    assert emu.client_secret not in everything


async def test_concurrent_tool_calls_share_one_pacer_and_one_token(serve: ServeFactory) -> None:
    async with serve(qps=20) as (emu, _), connected(emu, qps=20) as (client, patsnap):
        answers = await asyncio.gather(
            *(call(client, "patent_families", ids=[f"US{1000 + i}B2"]) for i in range(40))
        )
    assert [a["records"][0]["pn"] for a in answers] == [f"US{1000 + i}B2" for i in range(40)]
    assert patsnap.stats.token_requests == 1
    assert patsnap.stats.rate_limited == 0
    assert not [s for s in emu.log if s.error_code]
    assert len(business(emu)) == 40
    assert emu.max_arrivals_in_window(1.0) <= 20


async def test_cli_serves_the_tools_over_stdio_with_the_emulator() -> None:
    server = StdioServerParameters(command=CLI[0], args=[*CLI[1:], "mcp", "--emulator"])
    async with Client(stdio_client(server)) as client:
        answer = await call(client, "patent_families", ids=["US11205304B2", "UNKNOWN1"])
    assert answer["records"][0]["pn"] == "US11205304B2"
    assert answer["missing"] == ["UNKNOWN1"]


async def test_cli_serves_streamable_http_on_a_port() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = await asyncio.create_subprocess_exec(
        *CLI, "mcp", "--emulator", "--port", str(port), stderr=asyncio.subprocess.PIPE
    )
    try:
        assert process.stderr is not None
        line = (await asyncio.wait_for(process.stderr.readline(), 30)).decode()
        assert f"http://127.0.0.1:{port}/mcp" in line
        for _ in range(300):  # until uvicorn listens
            with contextlib.suppress(OSError):
                _, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.close()
                await writer.wait_closed()
                break
            await asyncio.sleep(0.1)
        async with Client(f"http://127.0.0.1:{port}/mcp") as client:
            answer = await call(client, "sequence_patents", seq_id="77", size=3)
        assert len(answer["patents"]) == 3
    finally:
        process.terminate()
        await process.wait()


@pytest.mark.parametrize("poll_interval", [0, -1.0, True])
async def test_build_server_refuses_a_bad_poll_interval(emu: Emulator, poll_interval: Any) -> None:
    async with client_for(emu) as patsnap:
        with pytest.raises(ValueError, match=f"poll_interval .* got {poll_interval!r}"):
            build_server(patsnap, poll_interval=poll_interval)


def test_cli_emulator_takes_no_credentials() -> None:
    done = subprocess.run(
        [*CLI, "mcp", "--emulator", "--api-key", "sk-secret-value"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--emulator takes no --api-key" in done.stderr
    assert "sk-secret-value" not in done.stderr


# --- lookup: any lookup of the catalog, by code or name ------------------------------


async def test_lookup_lists_every_lookup_of_the_catalog_by_code_and_name(emu: Emulator) -> None:
    async with connected(emu) as (client, _):
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
    lookup = tools["lookup"]
    schema = lookup.input_schema
    lookups = [catalog.by_code(code) for code in catalog.LOOKUPS]
    assert schema["properties"]["endpoint"]["enum"] == [
        *(op.code for op in lookups),
        *(op.name for op in lookups),
    ]
    assert schema["required"] == ["endpoint", "ids"]
    assert set(schema["properties"]) == {"endpoint", "ids", "id_type", "params"}
    assert lookup.annotations is not None and lookup.annotations.read_only_hint
    description = lookup.description or ""
    assert description == inspect.cleandoc(description)
    table = description.split("Lookups (code name: title; fields of its records; its params):\n")
    lines = table[1].splitlines()
    assert [line.split(":")[0] for line in lines] == [f"{op.code} {op.name}" for op in lookups]
    assert "P018 claim: Claim; records: claims, pn_related, claim_count; params: " \
        "replace_by_related" in lines  # fmt: skip
    assert "P014 family: Patent Family; records: patent_family" in lines


async def test_lookup_by_code_or_name_answers_as_patent_families(emu: Emulator) -> None:
    ids = ["US11205304B2", " us11205304b2 ", "JP1999068462A", "UNKNOWN7"]
    async with connected(emu) as (client, patsnap):
        families = await call(client, "patent_families", ids=ids)
        by_code = await call(client, "lookup", endpoint="P014", ids=ids)
        by_name = await call(client, "lookup", endpoint="family", ids=ids, params={})
        billed = patsnap.stats.billed_results
    assert by_code == by_name == families
    assert by_code["missing"] == ["UNKNOWN7"] and by_code["billed_results"] == 2
    assert billed == 6
    assert [sorted(s.ids) for s in business(emu)] == [
        ["JP1999068462A", "UNKNOWN7", "US11205304B2"]
    ] * 3  # one request each, duplicates sent once


async def test_lookup_takes_patent_ids_and_the_lookups_parameters() -> None:
    def claims(request: HttpRequest) -> HttpResponse:
        patent_ids = request.params["patent_id"].split(",")
        records = [{"pn": f"US{i}B2", "patent_id": i, "claims": [], "claim_count": 3}
                   for i in patent_ids if i != "id-none"]  # fmt: skip
        envelope = {"status": True, "error_code": 0, "data": records}
        return HttpResponse(200, {}, json.dumps(envelope).encode())

    transport = MockTransport(claims)
    async with (
        PatsnapClient(api_key="sk-test", transport=transport) as patsnap,
        Client(build_server(patsnap)) as client,
    ):
        arguments = {"ids": ["id-1", "id-none"], "id_type": "patent_id"}
        params = {"replace_by_related": 1}
        answer = await call(client, "lookup", endpoint="claim", params=params, **arguments)
    assert answer == {
        "records": [{"pn": "USid-1B2", "patent_id": "id-1", "claims": [], "claim_count": 3}],
        "missing": ["id-none"],
        "billed_results": 1,
        "from_cache": 0,
    }
    [sent] = transport.requests
    assert sent.path == "/basic-patent-data/claim-data"
    assert sent.params == {"patent_id": "id-1,id-none", "replace_by_related": "1"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"endpoint": "claims", "ids": ["US1B2"]},
            "endpoint must be one of the 74 values the tool's description lists, got "
            "'claims'; did you mean 'claim'?",
        ),
        (
            {"endpoint": "p018", "ids": ["US1B2"]},
            "endpoint must be one of the 74 values the tool's description lists, got "
            "'p018'; did you mean 'P018'?",
        ),
        (
            {"endpoint": "P018", "ids": ["US1B2"], "params": {"replace_by_relatd": 1}},
            "P018 takes no parameter 'replace_by_relatd' (did you mean 'replace_by_related'?); "
            "it takes: replace_by_related",
        ),
        (
            {"endpoint": "P018", "ids": ["US1B2"], "params": {"patent_number": "US2B2"}},
            "P018 takes no parameter 'patent_number'; it takes: replace_by_related",
        ),
        (
            {"endpoint": "P018", "ids": ["US1B2"], "params": {"replace_by_related": "yes"}},
            "P018 replace_by_related must be an integer, got 'yes'",
        ),
        (
            {"endpoint": "P018", "ids": ["US1B2"], "params": ["replace_by_related"]},
            "params must be an object, or null, got ['replace_by_related']",
        ),
        (
            {"endpoint": "P018", "ids": [f"US{i}B2" for i in range(101)]},
            "ids must be a list of 1 to 100 ids, got a list of 101",
        ),
        (
            {"endpoint": "P018", "ids": ["US1B2"], "by": "patent_id"},
            "lookup takes no argument 'by'; its arguments are endpoint, ids, id_type, params",
        ),
        ({"ids": ["US1B2"]}, "endpoint is required"),
    ],
)
async def test_lookup_refuses_a_bad_call_before_any_request(
    emu: Emulator, arguments: dict[str, Any], message: str
) -> None:
    async with connected(emu) as (client, patsnap):
        result = await client.call_tool("lookup", arguments)
    assert result.is_error
    assert text_of(result) == REFUSED + message
    assert emu.log == []
    assert patsnap.stats.requests == 0


async def test_lookup_platform_errors_are_tool_errors(emu: Emulator) -> None:
    emu.inject(error_code=68300004, path="/basic-patent-data/patent-family")
    async with connected(emu) as (client, _):
        result = await client.call_tool("lookup", {"endpoint": "P014", "ids": ["US11205304B2"]})
        assert result.is_error
        assert text_of(result).startswith("PatSnap error 68300004: Invalid parameter!")
        assert result.structured_content is not None
        assert result.structured_content["error"]["code"] == 68300004
        # The server goes on answering.
        assert not (
            await client.call_tool("lookup", {"endpoint": "family", "ids": ["US1B2"]})
        ).is_error


def refusing(bad: set[str]) -> MockTransport:
    """Any lookup; a request holding an id of `bad` refused as an invalid parameter."""

    def platform(request: HttpRequest) -> HttpResponse:
        field = "patent_id" if "patent_id" in request.params else "patent_number"
        ids = request.params[field].split(",")
        if bad & set(ids):
            body = {"status": False, "error_code": 68300004, "error_msg": "Invalid parameter!"}
        else:
            body = {"status": True, "error_code": 0, "data": [{"pn": i} for i in ids]}
        return HttpResponse(200, {}, json.dumps(body).encode())

    return MockTransport(platform)


BATCH_TOOLS = [("patent_families", {}), ("cited_by", {}), ("lookup", {"endpoint": "P018"})]


@pytest.mark.parametrize(("tool", "arguments"), BATCH_TOOLS)
async def test_an_id_the_platform_refuses_fails_alone_beside_the_records_billed(
    tool: str, arguments: dict[str, Any]
) -> None:
    ids = [f"US{1000 + i}B2" for i in range(10)]
    transport = refusing({"US1003B2"})
    async with (
        PatsnapClient(api_key="sk-test", transport=transport) as patsnap,
        Client(build_server(patsnap)) as client,
    ):
        answer = await call(client, tool, ids=ids, **arguments)
        billed = patsnap.stats.billed_results
    refused = {"message": "Invalid parameter!", "code": 68300004, "http_status": 200}
    assert answer == {
        "records": [{"pn": i} for i in ids if i != "US1003B2"],
        "missing": [],
        "failed": [{"ids": ["US1003B2"], "error": refused | {"retryable": False}}],
        "billed_results": 9,
        "from_cache": 0,
    }
    assert billed == 9
    assert len(transport.requests) == 9  # the refused requests halved, down to the bad id


@pytest.mark.parametrize(("tool", "arguments"), BATCH_TOOLS)
async def test_ids_all_refused_the_same_way_are_one_tool_error(
    tool: str, arguments: dict[str, Any]
) -> None:
    ids = [f"US{1000 + i}B2" for i in range(10)]
    transport = refusing(set(ids))
    async with (
        PatsnapClient(api_key="sk-test", transport=transport) as patsnap,
        Client(build_server(patsnap)) as client,
    ):
        result = await client.call_tool(tool, {"ids": ids, **arguments})
    assert result.is_error
    assert text_of(result).startswith("PatSnap error 68300004: Invalid parameter!")
    # 10, 5, 2, then two ids alone refused: not a bad id, not halved further.
    assert [len(r.params["patent_number"].split(",")) for r in transport.requests] == [
        10, 5, 2, 1, 1
    ]  # fmt: skip


# --- the record cache ----------------------------------------------------------------


async def test_lookups_say_how_many_records_came_from_the_cache(
    emu: Emulator, tmp_path: Path
) -> None:
    ids = ["US11205304B2", "JP1999068462A", "UNKNOWN7"]
    async with connected(emu, cache=tmp_path / "records.sqlite3") as (client, patsnap):
        first = await call(client, "patent_families", ids=ids)
        again = await call(client, "patent_families", ids=[*ids, "US11205305B2"])
        by_code = await call(client, "lookup", endpoint="P014", ids=ids[:1])
        cited = await call(client, "cited_by", ids=ids[:1])
    assert (first["billed_results"], first["from_cache"]) == (2, 0)
    assert (again["billed_results"], again["from_cache"]) == (1, 2)
    assert again["records"][:2] == first["records"] and again["missing"] == ["UNKNOWN7"]
    assert (by_code["billed_results"], by_code["from_cache"]) == (0, 1)
    assert (cited["billed_results"], cited["from_cache"]) == (1, 0)
    assert [sorted(s.ids) for s in business(emu)] == [sorted(ids), ["US11205305B2"], ids[:1]]
    assert patsnap.stats.billed_saved == 3


async def test_cli_serves_with_a_record_cache_and_the_emulator_with_none(tmp_path: Path) -> None:
    cache = tmp_path / "mcp.sqlite3"
    argv = [*CLI[1:], "mcp", "--emulator", "--cache", str(cache)]
    server = StdioServerParameters(command=CLI[0], args=argv)
    async with Client(stdio_client(server)) as client:
        first = await call(client, "patent_families", ids=["US11205304B2"])
        again = await call(client, "patent_families", ids=["US11205304B2"])
    assert (first["from_cache"], again["from_cache"]) == (0, 1)
    assert cache.exists()
    server = StdioServerParameters(command=CLI[0], args=[*CLI[1:], "mcp", "--emulator"])
    async with Client(stdio_client(server)) as client:
        answers = [await call(client, "patent_families", ids=["US1B2"]) for _ in range(2)]
    assert [a["from_cache"] for a in answers] == [0, 0]
    assert not default_path().exists()
