"""patsnap-async: an asyncio SDK for the PatSnap Open Platform.

    async with PatsnapClient(client_id=..., client_secret=..., qps=10) as client:
        families = await client.patents.family(["US11205304B2", "JP1999068462A"])

`patsnap_async.testing` holds a local emulator of the platform for tests and demos.
"""

from . import _logs
from ._batch import MAX_IDS_PER_REQUEST, BatchError, BatchResult
from ._client import DEFAULT_BASE_URL, PatsnapClient
from ._converter import unstructure as as_dict
from ._errors import (
    APIError,
    AuthenticationError,
    ConfigurationError,
    InvalidParameterError,
    MalformedResponseError,
    NotFoundError,
    PatsnapError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ServerError,
    TimeoutError,
    TransportError,
)
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
from ._pacing import Limiter, Pacer
from ._paths import Paths
from ._resources import SearchResults, SequenceJobError, SequenceWaitTimeout
from ._resources.search import MAX_RESULTS as MAX_SEARCH_RESULTS
from ._retry import RetryPolicy
from ._session import ClientStats
from ._version import __version__

# PATSNAP_LOG=debug (or info) turns the package's logging on, to stderr.
_logs.setup_logging()

__all__ = [
    "DEFAULT_BASE_URL",
    "MAX_IDS_PER_REQUEST",
    "MAX_SEARCH_RESULTS",
    "APIError",
    "AuthenticationError",
    "BatchError",
    "BatchResult",
    "CitedByRecord",
    "CitingPatent",
    "ClientStats",
    "ConfigurationError",
    "FamilyMember",
    "FamilyRecord",
    "HitPatents",
    "Hsp",
    "InvalidParameterError",
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
    "PatsnapError",
    "Paths",
    "PermissionDeniedError",
    "QuotaExceededError",
    "RateLimitError",
    "RetryPolicy",
    "SearchPage",
    "SearchResults",
    "SequenceHit",
    "SequenceJob",
    "SequenceJobError",
    "SequencePatent",
    "SequencePatentsPage",
    "SequenceResultsPage",
    "SequenceWaitTimeout",
    "ServerError",
    "TimeoutError",
    "TransportError",
    "__version__",
    "as_dict",
]
