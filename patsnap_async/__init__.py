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
    TransportError,
)
from ._limiter import Limiter, Ticket
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
from ._pager import OFFSET_PAGING, PAGE_PAGING, Pager, Paging
from ._paths import Paths
from ._retry import RetryPolicy
from ._session import ClientStats
from ._transports.base import HttpRequest, HttpResponse, Transport
from ._validate import check_id
from ._version import __version__

# PATSNAP_LOG=debug (or info) turns the package's logging on, to stderr.
_logs.setup_logging()

__all__ = [
    "DEFAULT_BASE_URL",
    "MAX_IDS_PER_REQUEST",
    "MAX_ID_LENGTH",
    "MAX_SEARCH_RESULTS",
    "OFFSET_PAGING",
    "PAGE_PAGING",
    "APIError",
    "APITimeoutError",
    "AuthenticationError",
    "BatchError",
    "BatchResult",
    "CitedByRecord",
    "CitingPatent",
    "ClientClosedError",
    "ClientStats",
    "ConfigurationError",
    "HarvestError",
    "FamilyMember",
    "FamilyRecord",
    "HitPatents",
    "HttpRequest",
    "HttpResponse",
    "Hsp",
    "InvalidParameterError",
    "LimiterUnavailableError",
    "Limiter",
    "JobStatus",
    "Location",
    "MalformedResponseError",
    "NotFoundError",
    "PatentCited",
    "PatentFamily",
    "PatentRef",
    "PatsnapClient",
    "Pacer",
    "Pager",
    "Paging",
    "PatsnapError",
    "Paths",
    "PermissionDeniedError",
    "QuotaExceededError",
    "RateLimitError",
    "RetryPolicy",
    "SearchPage",
    "SequenceHit",
    "SequenceJob",
    "SequenceJobError",
    "SequencePatent",
    "SequencePatentsPage",
    "SequenceResultsPage",
    "SequenceWaitTimeout",
    "ServerError",
    "Ticket",
    "Transport",
    "TransportError",
    "__version__",
    "as_dict",
    "check_id",
]
