"""The MCP SDK's side of `patsnap_async.mcp`: each tool's schema, its answers, its refusals.

- `tool()` makes one MCP tool of a tool function: its docstring dedented, its argument
  model refusing arguments the function does not take (`additionalProperties` false).
- `Server` words the SDK's schema refusals like the SDK's own checks: one line naming
  each argument and its value, instead of pydantic's text and documentation link.
- `answering()` turns a tool function's answer into compact JSON, and its errors into
  tool errors an agent can read; `first()` tells the errors raised before the tool sent
  anything (nothing was billed) from those raised after.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Annotated, Any, TypeVar

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.mcpserver.tools import Tool
from mcp.types import CallToolResult, InputRequiredResult, TextContent, ToolAnnotations
from pydantic import ConfigDict, StringConstraints, ValidationError

from ._errors import APIError, PatsnapError
from ._limits import ID_PATTERN, MAX_ID_LENGTH
from ._validate import check_id

__all__ = [
    "ID_PATTERN",
    "REFUSED",
    "Id",
    "Refused",
    "Server",
    "answering",
    "error_of",
    "first",
    "tool",
]

#: A patent number, patent id, job id or sequence id, as `check_id` accepts them.
Id = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=MAX_ID_LENGTH, pattern=ID_PATTERN
    ),
]
#: How a refusal before anything was sent begins.
REFUSED = "invalid arguments, nothing was sent: "
#: An enum longer than this is not spelt out in a refusal (the tool's description has it).
LONG_ENUM = 12
_T = TypeVar("_T")


def tool(
    function: Callable[..., Awaitable[dict[str, Any]]],
    title: str,
    hints: ToolAnnotations,
    description: str | None = None,
) -> Tool:
    """The MCP tool of one tool function: its docstring dedented (or `description`), no
    argument but its own.

    The MCP SDK reads the input schema from the function's signature, into a model that ignores
    unknown arguments: an agent's `limit` for `max_hits` would be dropped, and the job
    submitted with the default. The model here refuses them (`additionalProperties`
    false in the schema), before the tool runs.
    """
    built = Tool.from_function(
        answering(function),
        title=title,
        description=description or inspect.cleandoc(function.__doc__ or ""),
        annotations=hints,
        structured_output=False,
    )
    lenient = built.fn_metadata.arg_model

    class Strict(lenient):  # type: ignore[valid-type, misc]
        model_config = ConfigDict(extra="forbid")

    Strict.__name__ = Strict.__qualname__ = lenient.__name__
    metadata = built.fn_metadata.model_copy(update={"arg_model": Strict})
    schema = Strict.model_json_schema(by_alias=True)
    return built.model_copy(update={"fn_metadata": metadata, "parameters": schema})


class Server(MCPServer[Any]):
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
            return _error(REFUSED + _explain(name, schema, error.__cause__), None)


class Refused(Exception):
    """A tool call's arguments, refused before it sent anything: nothing was billed."""


async def first(request: Awaitable[_T]) -> _T:
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
        raise Refused(str(error)) from error


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
                or f"{name} must be {_expected(rule)}, got {_shown(value)}{_closest(rule, value)}"
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
    if "enum" in schema and len(schema["enum"]) > LONG_ENUM:
        return f"one of the {len(schema['enum'])} values the tool's description lists"
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
    if not kind:
        return "valid"
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _closest(schema: Mapping[str, Any], value: object) -> str:
    """`; did you mean 'P018'?` for a value close to one of a long enum's."""
    choices = schema.get("enum", ())
    if len(choices) <= LONG_ENUM or not isinstance(value, str):
        return ""
    text = [choice for choice in choices if isinstance(choice, str)]
    close = difflib.get_close_matches(value, text, n=3, cutoff=0.6)
    close += difflib.get_close_matches(value.upper(), text, n=1, cutoff=0.6)
    shown = list(dict.fromkeys(close))[:3]
    return f"; did you mean {', '.join(repr(c) for c in shown)}?" if shown else ""


def _shown(value: object) -> str:
    """A refused value as a message shows it: short."""
    if isinstance(value, list) and len(value) > 3:
        return f"a list of {len(value)}"
    if isinstance(value, str) and len(value) > 40:
        return f"{value[:40]!r}... ({len(value)} characters)"
    return repr(value)


def answering(
    tool: Callable[..., Awaitable[dict[str, Any]]],
) -> Callable[..., Awaitable[CallToolResult]]:
    """Wrap a tool so it answers compact JSON, and errors as tool errors an agent can read."""

    # The SDK reads the input schema from the signature `wraps` points it to.
    @functools.wraps(tool)
    async def call(*args: Any, **kwargs: Any) -> CallToolResult:
        try:
            answer = await tool(*args, **kwargs)
        except Refused as error:
            return _error(REFUSED + str(error), None)
        except PatsnapError as error:
            return _error(*_described(error))
        except (ValueError, TypeError) as error:
            # Raised once a request had gone out (see `first`): something may be billed.
            return _error(f"{type(error).__name__} after a request was sent: {error}", None)
        text = _json(answer)
        return CallToolResult(
            content=[TextContent(type="text", text=text)], structured_content=answer
        )

    return call


def error_of(error: PatsnapError) -> dict[str, Any]:
    """A platform error as a tool error's structured content holds it (`{"error": ...}`):
    PatSnap's code and message, or the SDK's message for an error of another kind."""
    text, details = _described(error)
    return {"message": text} | dict(details or {})


def _described(error: PatsnapError) -> tuple[str, dict[str, Any] | None]:
    """An error's text, and PatSnap's code and message when the platform answered it."""
    if not isinstance(error, APIError):
        return f"{type(error).__name__}: {error}", None
    # PatSnap's own code and message; APIError never carries a credential.
    text = f"PatSnap error {error.code}: {error.message} (HTTP {error.http_status})"
    details = {
        "code": error.code,
        "message": error.message,
        "http_status": error.http_status,
        "retryable": error.retryable,
    }
    return text + (" (retryable: try again later)" if error.retryable else ""), details


def _error(text: str, details: Mapping[str, Any] | None) -> CallToolResult:
    structured = {"error": {"message": text} | dict(details or {})}
    return CallToolResult(
        content=[TextContent(type="text", text=text)],
        structured_content=structured,
        is_error=True,
    )


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
