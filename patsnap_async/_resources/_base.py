"""What every resource borrows from the client: its one `request` verb and its paths."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import cattrs

from .._converter import structure
from .._errors import MalformedResponseError
from .._paths import Paths

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

    def _window(self) -> int:
        """Pages a drain keeps in flight: enough to cover latency at the client's rate."""
        return max(2, min(self._client.max_concurrency, 64))


def parse(data: Any, cls: type[T]) -> T:
    """Structure `data` into `cls`; an answer of the wrong shape is a malformed answer."""
    try:
        return structure(data, cls)
    except (cattrs.BaseValidationError, TypeError, ValueError) as error:
        detail = (
            "; ".join(cattrs.transform_error(error))
            if isinstance(error, cattrs.BaseValidationError)
            else str(error)
        )
        raise MalformedResponseError(
            None, f"unexpected answer for {cls.__name__}: {detail[:300]}", retryable=False
        ) from error
