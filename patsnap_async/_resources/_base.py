"""What every resource borrows from the client: its one `request` verb and its paths."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import cattrs

from .._converter import structure
from .._errors import MalformedResponseError
from .._paths import Paths
from .._protocol import Expect, build_request
from .._validate import ParamValue

if TYPE_CHECKING:
    from .._client import PatsnapClient

T = TypeVar("T")


class Resource:
    """A thin family of calls on top of `PatsnapClient.request`."""

    def __init__(self, client: PatsnapClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"

    @property
    def _paths(self) -> Paths:
        return self._client.paths

    async def _request(
        self,
        method: str,
        path: str,
        *,
        expect: Expect,
        params: Mapping[str, ParamValue | None] | None = None,
        json: Any = None,
    ) -> Any:
        """`client.request`, with the shape `data` must have: anything else is retried."""
        request = build_request(method, path, params=params, json=json, expect=expect)
        return await self._client._call(request)

    def _window(self) -> int:
        """Pages a drain keeps in flight: enough to cover latency at the client's rate."""
        return max(2, min(self._client.max_concurrency, 64))


def parse(data: Any, cls: type[T]) -> T:
    """Structure `data` into `cls`; data of the wrong types is a malformed answer.

    Any failure (a field of the wrong type, data nested past Python's recursion limit)
    raises `MalformedResponseError`, not retried: the same request would bring the
    same data back.
    """
    try:
        return structure(data, cls)
    except Exception as error:  # whatever the data makes cattrs raise: never a bare one
        raise MalformedResponseError(
            None, f"unexpected answer for {_name(cls)}: {_detail(error)}", retryable=False
        ) from error


def _name(cls: Any) -> str:
    return getattr(cls, "__name__", None) or str(cls)


def _detail(error: Exception) -> str:
    try:
        if isinstance(error, cattrs.BaseValidationError):
            detail = "; ".join(cattrs.transform_error(error))
        else:
            detail = f"{type(error).__name__}: {error}"
    except Exception:  # describing deeply nested data can fail the same way
        detail = type(error).__name__
    return detail[:300]
