"""Where each endpoint lives; PatSnap versions paths (`/v2`, `/v3`), so all are settable."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._errors import ConfigurationError

if TYPE_CHECKING:
    from ._endpoints import Listing, Lookup
    from ._operations import Operation

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
    #: Paths of the catalog's other operations, by name or code (`{"claim": "/v2/..."}`).
    operations: Mapping[str, str] = attrs.field(factory=dict)

    def of_operation(self, operation: Operation, path: str) -> str:
        """The path of a catalog operation: an override by its name or code, else `path`.

        `path` is the operation's own, its path parameters filled in.
        """
        if operation.name in attrs.fields_dict(Paths):
            own: str = getattr(self, operation.name)
            return own
        return self.operations.get(operation.name) or self.operations.get(operation.code) or path

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
        fields = {a.name for a in attrs.fields(cls)} - {"operations"}
        own = {k: v for k, v in value.items() if k in fields}
        others = {k: v for k, v in value.items() if k not in fields}
        if others:
            _check_operations(others)
        return cls(**own, operations=others)


def _check_operations(paths: Mapping[str, str]) -> None:
    """Overrides of catalog operations: each names one (by name or code) and is a path."""
    from . import catalog  # only when a catalog path is overridden

    for name, path in paths.items():
        try:
            catalog.by_name(name)
        except KeyError:
            try:
                catalog.by_code(name)
            except KeyError as error:
                raise ConfigurationError(f"unknown path name {name!r}: {error.args[0]}") from None
        if not isinstance(path, str) or not path.startswith("/"):
            raise ConfigurationError(f"path {name!r} must start with '/', got {path!r}")
