"""Every task of the catalog, walked through `client.tasks` against the emulator.

For each flow with a create step: create it with its required arguments, wait for it
(the emulator answers the running state once, then done), and read its last status.
Covers the differences the platform's tasks have: a poll that names the handle
otherwise than the create (P062), an integer handle (R001), a bare id as the create's
answer (landscape jobs), a header each poll needs (B067).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from patsnap_async import PatsnapClient, catalog
from patsnap_async._operations import Operation, Param
from patsnap_async.testing import Emulator

#: The sequence jobs (B003/4) run through `client.sequences`, tested on their own.
FLOWS = sorted(
    flow
    for flow, ops in catalog.FLOWS.items()
    if any(op.step and op.step.role == "create" for op in ops)
    and any(op.step and op.step.role == "poll" for op in ops)
    and flow != "B003/4"
)


def sample(param: Param) -> Any:
    """A value the emulator takes for `param`."""
    if param.enum:
        return param.enum[0]
    return {
        "integer": param.minimum if param.minimum is not None else 1,
        "number": 1.0,
        "boolean": True,
        "array": ["x"],
        "object": {},
        "file": ("molecule.pdf", b"%PDF-1.4"),
    }.get(param.type, "x")


def required(op: Operation, *, but: str | None = None) -> dict[str, Any]:
    return {p.name: sample(p) for p in op.params if p.required and p.name != but}


pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client() -> AsyncIterator[PatsnapClient]:
    emulator = Emulator(job_polls_until_done=1)
    async with (
        emulator.serve() as url,
        PatsnapClient(api_key=emulator.api_key, base_url=url, qps=1000) as c,
    ):
        yield c


@pytest.mark.parametrize("flow", FLOWS)
async def test_every_task_is_created_waited_for_and_done(client: PatsnapClient, flow: str) -> None:
    ops = catalog.FLOWS[flow]
    create = next(op for op in ops if op.step and op.step.role == "create")
    poll = next(op for op in ops if op.step and op.step.role == "poll")
    assert poll.step is not None
    task = await client.tasks.create(create.code, required(create))
    status = await client.tasks.wait(
        task, arguments=required(poll, but=poll.step.handle), poll_interval=0.0, timeout=30
    )
    assert status.state == "done", (flow, status)
