"""Tasks: create a job of the platform, wait for it with a bounded wait, read its outcome.

Many operations of the catalog are steps of a task (`Operation.step`): one creates it
and answers a handle (`task_id`, `job_id`, ...), one polls it until it is done, and
others read or continue it. `client.tasks` drives any of them the same way, as
`client.sequences` drives the sequence jobs:

    task = await client.tasks.create("P055.export", query_text="TACD: graphene",
                                     fields="PN,TITLE", export_type="json", rows=5000)
    status = await client.tasks.wait(task, poll_interval=10, timeout=900)
    status.data["url"]   # P055: where the export waits, for 24 hours

    job = await client.tasks.create("X-landscape-api-jobs", job_id="mine-1", ...)
    await client.tasks.wait(job)                        # polls X-job-id-status
    result = await client.tasks.step(job, "X-job-id-result")

A poll's answer carries its state under one of a few names (`status`, `export_status`,
`job_status`, `report_status`, `task_status`), spelled as words (`SUCCESS`, `RUNNING`,
`FAILED`) or as numbers (`1` running, `2` done, `3` failed); `TaskStatus.state` reads
either into `pending`, `done` or `failed`. A few tasks have no poll (P047's fee data,
B068's triplets, AI68's chat): call their steps.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Mapping
from typing import Any, Final, Literal

import attrs

from .. import _validate as check
from .._engines import Resource, resolve
from .._errors import MalformedResponseError, TaskFailedError, TaskWaitTimeout
from .._operations import Operation
from .._telemetry import CallWatch

__all__ = ["Task", "TaskStatus", "Tasks"]

#: Where a poll's answer says how the task stands, in the order they are looked for.
STATE_FIELDS: Final = ("status", "export_status", "job_status", "report_status", "task_status")
#: States that mean done or failed, as the platform's descriptions spell them.
DONE: Final = frozenset({"SUCCESS", "SUCCEED", "SUCCEEDED", "COMPLETED", "DONE", "2"})
FAILED: Final = frozenset(
    {"FAIL", "FAILED", "ERROR", "TIMEOUT", "TERMINATED", "NOT_FOUND", "EXCEPTION", "3"}
)


@attrs.frozen
class Task:
    """A created task: its flow, its handle and the create call's answer.

    Attributes:
        flow: the task's name in the catalog (`P055`, `AI35`).
        handle: the field naming it (`task_id`).
        id: its id.
        created: the answer of the call that created it.
    """

    flow: str
    handle: str
    id: str
    created: Any = attrs.field(default=None, repr=False)


@attrs.frozen
class TaskStatus:
    """A poll's answer, and how the task stands.

    Attributes:
        state: `pending`, `done` or `failed`.
        value: the platform's own word or number for it (None if the answer had none).
        data: the poll's whole answer (`data`): the result, once done, for many tasks.
    """

    state: Literal["pending", "done", "failed"]
    value: Any
    data: Any = attrs.field(repr=False)

    @classmethod
    def read(cls, data: Any) -> TaskStatus:
        """How a poll's answer says the task stands."""
        value = None
        if isinstance(data, Mapping):
            value = next((data[f] for f in STATE_FIELDS if data.get(f) is not None), None)
        word = str(value).strip().upper() if value is not None else ""
        state: Literal["pending", "done", "failed"] = "pending"
        if word in DONE:
            state = "done"
        elif word in FAILED:
            state = "failed"
        return cls(state=state, value=value, data=data)


class Tasks(Resource):
    """`client.tasks`: create, poll and wait for any task of the catalog."""

    async def create(
        self, operation: str, arguments: Mapping[str, Any] | None = None, **values: Any
    ) -> Task:
        """Create a task with its `create` operation (e.g. `"P055.export"`); the task.

        Raises:
            ValueError: the operation does not create a task, or a bad argument.
            MalformedResponseError: the answer carries no handle.
        """
        op = _step(operation, "create")
        assert op.step is not None
        given = {**(arguments or {}), **values}
        data = await self._engines.call(op, given)
        handle = _handle(data, op.step.handle, given)
        if not isinstance(handle, str | int) or isinstance(handle, bool) or handle == "":
            raise MalformedResponseError(
                None, f"{op.code} answered no {op.step.handle}: {data!r}"[:300], retryable=False
            )
        return Task(flow=op.step.flow, handle=op.step.handle, id=str(handle), created=data)

    async def status(
        self, task: Task, *, poll: str | None = None, arguments: Mapping[str, Any] | None = None
    ) -> TaskStatus:
        """Poll the task once (with `poll`, or the flow's first poll operation).

        Args:
            arguments: other arguments the poll takes (a header such as `X-PatSnap-From`).
        """
        op = _poller(task, poll)
        return TaskStatus.read(await self._engines.call(op, _poll_values(op, task, arguments)))

    async def step(
        self,
        task: Task,
        operation: str,
        arguments: Mapping[str, Any] | None = None,
        **values: Any,
    ) -> Any:
        """Call one later operation of the task (a result, a confirmation): its answer.

        The task's handle goes in under the operation's own name for it; `arguments` and
        `values` are the operation's other arguments. A step answering a stream of
        server-sent events (AI68-2) gives its events, as `client.call` does.

        Raises:
            ValueError: `operation` is not a later step or poll of the task's flow, or a
                bad argument.
        """
        if not isinstance(task, Task):
            raise TypeError(f"task must be a Task (from client.tasks.create), got {task!r}")
        op = resolve(operation)
        if op.step is None or op.step.flow != task.flow or op.step.role == "create":
            raise ValueError(f"{op.code} ({op.name}) is not a later step of the task {task.flow}")
        return await self._engines.call(op, _poll_values(op, task, {**(arguments or {}), **values}))

    async def wait(
        self,
        task: Task,
        *,
        poll: str | None = None,
        arguments: Mapping[str, Any] | None = None,
        poll_interval: float = 5.0,
        timeout: float | None = 600.0,
    ) -> TaskStatus:
        """Poll until the task is done; its last status.

        Args:
            poll: the poll operation to use (a flow may have several); None: the first.
            arguments: other arguments each poll takes (a header such as
                `X-PatSnap-From`).
            poll_interval: seconds between polls (each one is a paced request).
            timeout: seconds to wait in all; None waits for ever.

        Raises:
            TaskFailedError: the task failed (its last status attached).
            TaskWaitTimeout: `timeout` passed first; the task may still finish.
        """
        op = _poller(task, poll)
        poll_interval = check.number("poll_interval", poll_interval, minimum=0)
        if timeout is not None:
            timeout = check.number("timeout", timeout, above=0)
        values = _poll_values(op, task, arguments)
        with self._engines.watch("wait", op.code, op.name, op.path) as watch:
            watch.set("job.id", task.id)
            status = await self._polled(task, op, values, poll_interval, timeout, watch)
            watch.set("job.status", str(status.value))
            return status

    async def _polled(
        self,
        task: Task,
        op: Operation,
        values: Mapping[str, Any],
        poll_interval: float,
        timeout: float | None,
        watch: CallWatch,
    ) -> TaskStatus:
        """`wait`'s polls (with `values`): the status until it is final, each poll
        counted by `watch`."""
        loop = asyncio.get_running_loop()  # its clock: monotonic, and a test's virtual one
        started = loop.time()
        deadline = math.inf if timeout is None else started + timeout
        while True:
            status = TaskStatus.read(await self._engines.call(op, values))
            watch.add("job.polls")
            if status.state == "done":
                return status
            if status.state == "failed":
                watch.set("job.status", str(status.value))
                raise TaskFailedError(task.flow, task.id, status.value, status)
            now = loop.time()
            if now + poll_interval > deadline:
                raise TaskWaitTimeout(task.flow, task.id, now - started, status)
            await asyncio.sleep(poll_interval)


def _handle(data: Any, name: str, given: Mapping[str, Any]) -> Any:
    """The task's handle in a create step's answer: under `name`, in a list of one, the
    answer itself (a bare id), or the one the caller gave (a job id of its own)."""
    if isinstance(data, list) and data and isinstance(data[0], Mapping):
        data = data[0]  # some answer a list of one
    if isinstance(data, Mapping):
        return data.get(name, given.get(name))
    return data if isinstance(data, str | int) else given.get(name)


def _poll_values(op: Operation, task: Task, arguments: Mapping[str, Any] | None) -> dict[str, Any]:
    """A poll's or a step's arguments: the handle under its own name and type, and the rest."""
    assert op.step is not None
    handle: Any = task.id
    taken = next((p for p in op.params if p.name == op.step.handle), None)
    if taken is not None and taken.type == "integer" and task.id.lstrip("-").isdigit():
        handle = int(task.id)
    return {**(arguments or {}), op.step.handle: handle}


def _step(operation: str, role: str) -> Operation:
    op = resolve(operation)
    if op.step is None or op.step.role != role:
        raise ValueError(f"{op.code} ({op.name}) is not the {role} step of a task")
    return op


def _poller(task: Task, poll: str | None) -> Operation:
    if not isinstance(task, Task):
        raise TypeError(f"task must be a Task (from client.tasks.create), got {task!r}")
    if poll is not None:
        op = _step(poll, "poll")
        assert op.step is not None
        if op.step.flow != task.flow:
            raise ValueError(f"{op.code} polls the task {op.step.flow}, not {task.flow}")
        return op
    from .. import catalog

    polls = [op for op in catalog.FLOWS.get(task.flow, ()) if op.step and op.step.role == "poll"]
    if not polls:
        raise ValueError(
            f"the task {task.flow} has no poll operation: call its steps (client.tasks.step)"
        )
    return polls[0]
