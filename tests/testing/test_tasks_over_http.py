"""Every task of the catalog, walked through `client.tasks` against the emulator.

For every flow: create it with its required arguments, wait for it (the emulator
answers the running state once, then done) and read its last status, then call each
of its later steps with `client.tasks.step`. A flow with no poll (P047's fee data,
B068's triplets, AI68's chat) says so when waited for; a step answering a stream
(AI68-2) gives its events. Covers the differences the platform's tasks have: a poll that names the
handle otherwise than the create (P062), an integer handle (R001), a bare id as the
create's answer and a poll answering its status beside the envelope, with no `data`
(landscape jobs), a header each poll needs (B067), a list of one job (B003/4).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from patsnap_async import PatsnapClient, TaskStatus, catalog
from patsnap_async._operations import Operation, Param
from patsnap_async.testing import Emulator

FLOWS = sorted(catalog.FLOWS)
#: The flows with no poll: their steps are called, not waited for.
UNPOLLED = {"AI68", "B068.eureka", "P047"}
#: Arguments the emulator checks beyond the catalog (the sequence jobs' types).
OWN = {
    "B003": {"sequence_type": "PROTEIN", "query_type": "PROTEIN", "motif_sequence": "MKV"},
    "B003/4-1": {"page": 1, "size": 10},
}


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
    chosen = {p.name: sample(p) for p in op.params if p.required and p.name != but}
    return {**chosen, **OWN.get(op.code, {})}


def role(ops: tuple[Operation, ...], wanted: str) -> list[Operation]:
    return [op for op in ops if op.step and op.step.role == wanted]


pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client() -> AsyncIterator[PatsnapClient]:
    emulator = Emulator(job_polls_until_done=1)
    async with (
        emulator.serve() as url,
        PatsnapClient(api_key=emulator.api_key, base_url=url, qps=1000) as c,
    ):
        yield c


async def test_every_flow_is_a_task_and_only_the_known_ones_have_no_poll() -> None:
    assert all(role(ops, "create") for ops in catalog.FLOWS.values())
    assert {flow for flow, ops in catalog.FLOWS.items() if not role(ops, "poll")} == UNPOLLED
    assert catalog.OPERATIONS["X-job-id-status"].step == catalog.Step(
        "X-landscape-api-jobs", "poll", "job_id"
    )


@pytest.mark.parametrize("flow", FLOWS)
async def test_every_task_is_created_waited_for_and_stepped_through(
    client: PatsnapClient, flow: str
) -> None:
    ops = catalog.FLOWS[flow]
    create = role(ops, "create")[0]
    task = await client.tasks.create(create.code, required(create))
    assert task.flow == flow and task.id
    polls = role(ops, "poll")
    if polls:
        poll = polls[0]
        assert poll.step is not None
        status = await client.tasks.wait(
            task, arguments=required(poll, but=poll.step.handle), poll_interval=0.0, timeout=30
        )
        assert status.state == "done", (flow, status)
        assert status.value is not None and isinstance(status.data, dict), (flow, status)
    else:
        with pytest.raises(ValueError, match="has no poll operation"):
            await client.tasks.wait(task, poll_interval=0.0, timeout=30)
    for op in ops:
        assert op.step is not None
        if op.step.role == "create":
            continue
        arguments = required(op, but=op.step.handle)
        answer = await client.tasks.step(task, op.code, arguments)
        if op.kind == "stream":  # AI68-2: the chat's answer, three events of the emulator's
            assert len(answer) == 3, answer
            assert all(event["status"] is True and "data" in event for event in answer)
            continue
        assert answer is not None, op.code  # never None where the answer held fields


async def test_a_landscape_job_is_submitted_polled_and_read(client: PatsnapClient) -> None:
    # Its status answers `job_status` beside the envelope, with no `data`.
    create = catalog.OPERATIONS["X-landscape-api-jobs"]
    job = await client.tasks.create(create.code, required(create), job_id="landscape-1")
    assert (job.flow, job.handle, job.id) == ("X-landscape-api-jobs", "job_id", "landscape-1")
    polled = await client.call("X-job-id-status", job_id=job.id)  # the first poll: running
    assert TaskStatus.read(polled).value == polled["job_status"] == "PROCESSING"
    assert "status" not in polled  # the envelope's: not the job's
    status = await client.tasks.wait(job, poll_interval=0.0, timeout=30)
    assert (status.state, status.value, status.data["job_status"]) == (
        "done",
        "COMPLETED",
        "COMPLETED",
    )
    assert isinstance(await client.tasks.step(job, "X-job-id-result"), dict)
    with pytest.raises(ValueError, match="not a later step of the task X-landscape-api-jobs"):
        await client.tasks.step(job, "P055.task")
