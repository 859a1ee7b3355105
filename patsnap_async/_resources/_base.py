"""What every resource borrows from its client: the engines over its session, its paths."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._converter import parse
from .._engines import Engines
from .._paths import Paths
from .._protocol import Expect, build_request
from .._validate import ParamValue

__all__ = ["Resource", "parse"]


class Resource:
    """A thin family of calls on the client's engines (`Engines`)."""

    def __init__(self, engines: Engines) -> None:
        self._engines = engines

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._engines.session!r}>"

    @property
    def _paths(self) -> Paths:
        return self._engines.paths

    async def _request(
        self,
        method: str,
        path: str,
        *,
        expect: Expect,
        params: Mapping[str, ParamValue | None] | None = None,
        json: Any = None,
    ) -> Any:
        """One call, with the shape `data` must have: anything else is retried."""
        request = build_request(method, path, params=params, json=json, expect=expect)
        return await self._engines.send(request)
