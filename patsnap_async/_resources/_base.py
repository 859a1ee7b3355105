"""What every resource borrows from the client: its one `request` verb and its paths."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._converter import parse

__all__ = ["Resource", "parse"]
from .._paths import Paths
from .._protocol import Expect, build_request
from .._validate import ParamValue

if TYPE_CHECKING:
    from .._client import PatsnapClient


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
