"""Every error code the PatSnap documentation lists, with its documented message.

Messages are copied from PatSnap's endpoint pages, of which ``tests/data/api`` in the
repository holds copies (the P014/P015 wording where pages disagree, e.g. P002 calls
67200002 "Quota exceeds the limit!").
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ACCESS_ERROR",
    "APIKEY_MISMATCH",
    "APIKEY_MISSING",
    "BAD_REQUEST",
    "BUSY",
    "ERROR_MESSAGES",
    "INVALID_PARAMETER",
    "JOB_NOT_FOUND",
    "NO_SUCH_API",
    "QPS_EXCEEDED",
    "SERVICE_ERROR",
    "message_for",
]

INVALID_PARAMETER: Final = 68300004
BAD_REQUEST: Final = 68300007
SERVICE_ERROR: Final = 68300008
QPS_EXCEEDED: Final = 67200002
ACCESS_ERROR: Final = 67200003
APIKEY_MISSING: Final = 67200008
APIKEY_MISMATCH: Final = 67200009
BUSY: Final = 67200100
NO_SUCH_API: Final = 67200101
JOB_NOT_FOUND: Final = 53000002

ERROR_MESSAGES: Final[dict[int, str]] = {
    # Business errors.
    68300004: "Invalid parameter!",
    68300005: "Search api failure!",
    68300006: "Analytic basic access error!",
    68300007: "Bad request!",
    68300008: "Service error, please try again later!",
    68300010: "The file does not comply with upload specifications!",
    # Platform (gateway) errors.
    67200000: "API call exceeds the total limit set by the platform!",
    67200001: "API call exceeds the total limit set by the platform!",
    67200002: ("The current call rate is too fast, exceeding the current configuration limit QPS!"),
    67200003: (
        "The key and secret parameters for applying for the token are incorrect "
        "or the client has been disabled!"
    ),
    67200004: ("The requested api does not have permission. Please contact our support personnel!"),
    67200005: "Insufficient account balance/number of calls!",
    67200006: "The client has exceeded the activation validity period!",
    67200007: "The current call exceeds the configured usage limit of the day!",
    67200008: "Please check if the required apikey in the query parameter has been transmitted!",
    67200009: (
        "The apikey does not match the passed bearerToken. "
        "Please check if a valid token is being used!"
    ),
    67200012: "The request is illegal!",
    67200100: "The current server status is busy, request response timeout!",
    67200101: "The API requested currently does not exist. Please check the request path!",
    # Sequence jobs.
    53000002: "Unable to find job id.",
}


def message_for(code: int) -> str:
    """Return the documented message for *code*, or a generic one for undocumented codes."""
    return ERROR_MESSAGES.get(code, f"Unknown error {code}.")
