"""What the catalog knows of one operation of PatSnap's OpenAPI: the shapes `_catalog` fills.

`_catalog.py` is generated (`generator/generate_catalog.py`) and holds one `Operation`
for each of the platform's operations; `catalog.py` is its public face. An operation's
`kind` says which engine can run it:

- `lookup`: an id-keyed batch (`endpoint` is its `Lookup`), run by the batch engine;
- `listing`: a paged list (`endpoint` is its `Listing`), run by the page engine;
- `task`: a step of a job that is created, then polled or fetched (`step` says which);
- `stream`: answers as server-sent events (`text/event-stream`);
- `single`: one request, one answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal

import attrs

from ._endpoints import Listing, Lookup

__all__ = ["DOCS", "KINDS", "Kind", "Operation", "Param", "Step", "patent_identity"]

Kind = Literal["lookup", "listing", "task", "single", "stream"]
#: Where PatSnap's reference pages live: each at this address followed by its path.
DOCS: Final = "https://open.patsnap.com/devportal/api-reference"
#: Every kind, in the order the docs list them.
KINDS: Final[tuple[Kind, ...]] = ("lookup", "listing", "task", "stream", "single")


@attrs.frozen
class Param:
    """One parameter of an operation, as the OpenAPI states it.

    The OpenAPI has no `enum`, `minimum`, `maximum` or `maxLength` keywords: the bounds
    and choices here are read from the parameter's description ("1 <= limit <= 100",
    "The value is an enum with the following values: ..."), or set by a doc page.

    Attributes:
        name: its name on the wire.
        where: `query`, `body` (a property of the request body), `path` or `header`.
        type: its JSON type (`string`, `integer`, `number`, `boolean`, `array`, `object`),
            or `file` (a file of a multipart body).
        required: whether the OpenAPI marks it required.
        description: the first line of its description.
        enum: the values its description lists; None: not stated.
        minimum: the least value stated; None: not stated.
        maximum: the greatest value stated; None: not stated.
        max_length: the longest text stated; None: not stated.
    """

    name: str
    where: Literal["query", "body", "path", "header"]
    type: str = "string"
    required: bool = False
    description: str = ""
    enum: tuple[str | int, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None


@attrs.frozen
class Step:
    """An operation's place in a task (a job created, then polled or fetched).

    Attributes:
        flow: the task it belongs to: the code its operations share (`P055`, `AI35`).
        role: `create` (starts the task and answers its handle), `poll` (takes the
            handle and answers a status: call it until the task is done; it may carry
            the result too) or `step` (takes the handle, answers no status: a further
            step or the result).
        handle: the field naming the task (`task_id`, `job_id`, `ticket`, ...).
    """

    flow: str
    role: Literal["create", "poll", "step"]
    handle: str


@attrs.frozen
class Operation:
    """One operation of PatSnap's OpenAPI.

    Attributes:
        code: its key in the catalog: PatSnap's code (`P018`), suffixed where PatSnap
            gives two operations one code (`P055.patent-search-export`); `X-` and its
            operationId for the few without a code.
        name: its Python name (`claim`), unique in the catalog.
        group: its group (the OpenAPI tag: `Patent Basic Data`).
        summary: its title in the OpenAPI, code included (`P018 Claim`).
        operation_id: its operationId in the OpenAPI (`p018BasicPatentDataClaimData`).
        method: `GET`, `POST` or `DELETE`.
        path: where it lives below `base_url` (a doc page's, where one disagrees).
        kind: which engine runs it (see the module's docstring).
        params: its parameters, query and path first, then the body's.
        content_type: the media type of its request body; None: it has none.
        response: the OpenAPI schema of its answer; None: not stated.
        endpoint: its `Lookup` or `Listing` declaration (kinds `lookup`, `listing`).
        step: its place in a task; None: not part of one.
        note: why its kind is not what its shape suggests, or what the spec gets wrong.
    """

    code: str
    name: str
    group: str
    summary: str
    operation_id: str
    method: Literal["GET", "POST", "DELETE"]
    path: str
    kind: Kind
    params: tuple[Param, ...] = ()
    content_type: str | None = None
    response: str | None = None
    endpoint: Lookup[Any] | Listing[Any, Any] | None = None
    step: Step | None = None
    note: str = ""

    @property
    def docs(self) -> str:
        """PatSnap's reference page for it."""
        return DOCS + self.path

    def param(self, name: str) -> Param:
        """The parameter called `name`; KeyError naming the known ones if none is."""
        for param in self.params:
            if param.name == name:
                return param
        known = ", ".join(p.name for p in self.params)
        raise KeyError(f"{self.code} has no parameter {name!r}; it has: {known}")


def patent_identity(item: Mapping[str, Any]) -> str | None:
    """A listed patent's identity, to yield one sent twice once: its id, else its number."""
    value = item.get("patent_id") or item.get("pn")
    return value if isinstance(value, str) else None
