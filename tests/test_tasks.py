"""Tasks of the catalog: create, poll with a bounded wait, read the outcome (virtual clock).

P055 (an export by query) is the one bulk users want first: created with its
arguments checked, polled every `poll_interval` until its `export_status` says
SUCCESS, then its download address read from the last answer. States spelled as
numbers (`2` done, `3` failed) read the same way.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from patsnap_async import (
    HttpRequest,
    HttpResponse,
    PatsnapClient,
    Task,
    TaskFailedError,
    TaskWaitTimeout,
)
from patsnap_async.testing import MockTransport

from .virtual_time import run


def ok(data: Any) -> HttpResponse:
    body = {"status": True, "error_code": 0, "data": data}
    return HttpResponse(200, {}, json.dumps(body).encode())


class Export:
    """P055: the task is PENDING for `polls` polls, then `outcome`."""

    def __init__(self, polls: int, outcome: str = "SUCCESS") -> None:
        self.polls = polls
        self.outcome = outcome
        self.times: list[float] = []

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/patent-search/export":
            assert request.json["rows"] == 5000
            return ok({"task_id": "t-1", "count": 5000})
        assert request.path == "/patent-search/task" and request.params["task_id"] == "t-1"
        self.times.append(asyncio.get_running_loop().time())
        if len(self.times) <= self.polls:
            return ok({"export_status": "PENDING"})
        return ok({"export_status": self.outcome, "url": "https://cdn.example/x.json"})


def waited(handler: Any, **wait: Any) -> Any:
    async def main() -> Any:
        async with PatsnapClient(
            api_key="sk-x", base_url="https://api.test", transport=MockTransport(handler), qps=100
        ) as client:
            task = await client.tasks.create(
                "P055.export",
                query_text="TACD: graphene",
                fields="PN,TITLE",
                export_type="JSON",
                rows=5000,
            )
            assert task == Task(flow="P055", handle="task_id", id="t-1", created=task.created)
            return await client.tasks.wait(task, **wait)

    return run(main)


def test_an_export_is_polled_until_done_and_its_address_read() -> None:
    export = Export(polls=3)
    status = waited(export, poll_interval=10)
    assert (status.state, status.value) == ("done", "SUCCESS")
    assert status.data["url"] == "https://cdn.example/x.json"
    gaps = [b - a for a, b in zip(export.times, export.times[1:], strict=False)]
    assert gaps == pytest.approx([10.0] * 3, abs=0.05)


def test_a_failed_export_raises_with_its_last_status() -> None:
    with pytest.raises(TaskFailedError, match="FAIL") as info:
        waited(Export(polls=1, outcome="FAIL"), poll_interval=1)
    assert info.value.last.data["export_status"] == "FAIL"


def test_the_wait_is_bounded() -> None:
    with pytest.raises(TaskWaitTimeout) as info:
        waited(Export(polls=100), poll_interval=10, timeout=35)
    assert info.value.last.state == "pending"


@pytest.mark.parametrize(
    ("answer", "state"),
    [
        ({"status": 2}, "done"),
        ({"status": "3"}, "failed"),
        ({"status": 1}, "pending"),
        ({"job_status": "SUCCEED"}, "done"),
        ({"report_status": "RUNNING"}, "pending"),
        ({"status": "completed"}, "done"),
        ({}, "pending"),
        ([], "pending"),
    ],
)
def test_states_are_read_as_the_platform_spells_them(answer: Any, state: str) -> None:
    from patsnap_async import TaskStatus

    assert TaskStatus.read(answer).state == state


def test_only_a_create_step_creates_and_a_poll_of_the_flow_polls() -> None:
    async def main() -> None:
        async with PatsnapClient(
            api_key="sk-x", base_url="https://api.test", transport=MockTransport(Export(0))
        ) as client:
            with pytest.raises(ValueError, match="not the create step"):
                await client.tasks.create("P055.task", task_id="x")
            task = Task(flow="P055", handle="task_id", id="t-1")
            with pytest.raises(ValueError, match="polls the task B003/4"):
                await client.tasks.wait(task, poll="B003/4-0")

    run(main)
