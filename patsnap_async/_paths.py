"""Where each endpoint lives; PatSnap versions paths (`/v2`, `/v3`), so all are settable."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._errors import ConfigurationError

if TYPE_CHECKING:
    from ._endpoints import Listing, Lookup

__all__ = ["Paths"]


def _path(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.startswith("/"):
        raise ConfigurationError(f"path {attribute.name!r} must start with '/', got {value!r}")


@attrs.frozen
class Paths:
    """The path of each endpoint below `base_url`.

    Override any of them without subclassing:
    `PatsnapClient(..., paths={"cited_by": "/basic-patent-data/forward-citation/v4"})`.
    """

    token: str = attrs.field(default="/oauth/token", validator=_path)
    search: str = attrs.field(default="/search/patent/query-search-patent", validator=_path)
    family: str = attrs.field(default="/basic-patent-data/patent-family", validator=_path)
    cited_by: str = attrs.field(default="/basic-patent-data/forward-citation/v3", validator=_path)
    sequence_job: str = attrs.field(default="/bio-openapi/sequence/job", validator=_path)
    motif_job: str = attrs.field(default="/bio-openapi/sequence/motif/job", validator=_path)
    job_status: str = attrs.field(default="/bio-openapi/sequence/job/status", validator=_path)
    job_result: str = attrs.field(default="/bio-openapi/sequence/job/result", validator=_path)
    sequence_patents: str = attrs.field(default="/bio-openapi/sequence/patent", validator=_path)

    def of_endpoint(self, endpoint: Lookup[Any] | Listing[Any, Any]) -> str:
        """The path of `endpoint`: this object's, when it names it, else its own."""
        if endpoint.name in attrs.fields_dict(Paths):
            path: str = getattr(self, endpoint.name)
            return path
        return endpoint.path

    @classmethod
    def of(cls, value: Paths | Mapping[str, str] | None) -> Paths:
        """`Paths` from a `Paths`, a mapping of overrides (names checked), or None."""
        if value is None:
            return cls()
        if isinstance(value, Paths):
            return value
        unknown = sorted(set(value) - {a.name for a in attrs.fields(cls)})
        if unknown:
            names = ", ".join(a.name for a in attrs.fields(cls))
            raise ConfigurationError(f"unknown path name(s) {unknown}; known: {names}")
        return cls(**value)
