"""patsnap-async: an asyncio SDK for the PatSnap Open Platform.

    async with PatsnapClient(client_id=..., client_secret=..., qps=10) as client:
        families = await client.patents.family(["US11205304B2", "JP1999068462A"])

`patsnap_async.testing` holds a local emulator of the platform for tests and demos.
"""

from . import _logs
from ._batch import BatchResult
from ._client import DEFAULT_BASE_URL, PatsnapClient
from ._converter import unstructure as as_dict
from ._errors import (
    APIError,
    APITimeoutError,
    AuthenticationError,
    BatchError,
    ClientClosedError,
    ConfigurationError,
    ExportError,
    HarvestError,
    InvalidParameterError,
    LimiterUnavailableError,
    MalformedResponseError,
    NotFoundError,
    PatsnapError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    SequenceJobError,
    SequenceWaitTimeout,
    ServerError,
    TaskFailedError,
    TaskWaitTimeout,
    TransportError,
)
from ._hooks import (
    AnswerReceived,
    Hooks,
    RateLimited,
    RequestSent,
    RetryScheduled,
    TokenRefreshed,
)
from ._limits import MAX_ID_LENGTH, MAX_IDS_PER_REQUEST, MAX_SEARCH_RESULTS
from ._models import (
    CitedByRecord,
    CitingPatent,
    FamilyMember,
    FamilyRecord,
    HitPatents,
    Hsp,
    JobStatus,
    Location,
    PatentCited,
    PatentFamily,
    PatentRef,
    SearchPage,
    SequenceHit,
    SequenceJob,
    SequencePatent,
    SequencePatentsPage,
    SequenceResultsPage,
)
from ._pacing import Pacer
from ._pager import Pager
from ._paths import Paths
from ._raw import RawAnswer, RawResponse
from ._resources.tasks import Task, TaskStatus
from ._retry import RetryPolicy
from ._session import ClientStats
from ._transports.base import HttpRequest, HttpResponse
from ._validate import check_id
from ._version import __version__

# PATSNAP_LOG=debug (or info) turns the package's logging on, to stderr.
_logs.setup_logging()

#: Names that moved to a submodule, and where: still importable from here, with a
#: DeprecationWarning.
_MOVED = {
    "Limiter": "patsnap_async.interfaces",
    "Ticket": "patsnap_async.interfaces",
    "Transport": "patsnap_async.interfaces",
    "Paging": "patsnap_async.endpoints",
    "PAGE_PAGING": "patsnap_async.endpoints",
    "OFFSET_PAGING": "patsnap_async.endpoints",
}


def __getattr__(name: str) -> object:
    where = _MOVED.get(name)
    if where is None:
        raise AttributeError(f"module 'patsnap_async' has no attribute {name!r}")
    import importlib
    import warnings

    warnings.warn(
        f"patsnap_async.{name} moved: import it from {where}",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(importlib.import_module(where), name)


__all__ = [
    "DEFAULT_BASE_URL",
    "MAX_IDS_PER_REQUEST",
    "MAX_ID_LENGTH",
    "MAX_SEARCH_RESULTS",
    "APIError",
    "APITimeoutError",
    "AnswerReceived",
    "AuthenticationError",
    "BatchError",
    "BatchResult",
    "CitedByRecord",
    "CitingPatent",
    "ClientClosedError",
    "ClientStats",
    "ConfigurationError",
    "ExportError",
    "FamilyMember",
    "FamilyRecord",
    "HarvestError",
    "HitPatents",
    "Hooks",
    "Hsp",
    "HttpRequest",
    "HttpResponse",
    "InvalidParameterError",
    "JobStatus",
    "LimiterUnavailableError",
    "Location",
    "MalformedResponseError",
    "NotFoundError",
    "Pacer",
    "Pager",
    "PatentCited",
    "PatentFamily",
    "PatentRef",
    "Paths",
    "PatsnapClient",
    "PatsnapError",
    "PermissionDeniedError",
    "QuotaExceededError",
    "RateLimitError",
    "RateLimited",
    "RawAnswer",
    "RawResponse",
    "RequestSent",
    "RetryPolicy",
    "RetryScheduled",
    "SearchPage",
    "SequenceHit",
    "SequenceJob",
    "SequenceJobError",
    "SequencePatent",
    "SequencePatentsPage",
    "SequenceResultsPage",
    "SequenceWaitTimeout",
    "ServerError",
    "Task",
    "TaskFailedError",
    "TaskStatus",
    "TaskWaitTimeout",
    "TokenRefreshed",
    "TransportError",
    "__version__",
    "as_dict",
    "check_id",
]
