"""Every exception patsnap-async raises, and the map from PatSnap's codes to them.

The tree::

    PatsnapError                      root of everything raised by this package
    ├── ConfigurationError            a bad setting of the client, its retry policy or limiter
    │                                 (also a ValueError)
    ├── TransportError                the request never got a usable answer
    │   ├── APITimeoutError           an attempt ran past its timeout (also builtins.TimeoutError)
    │   └── ClientClosedError         the client was closed before the call could send
    │                                 (also a RuntimeError)
    ├── APIError                      the platform answered with an error
    │   ├── AuthenticationError       67200003, 67200008, 67200009, HTTP 401
    │   ├── PermissionDeniedError     67200004, 67200012, 68300006, HTTP 403
    │   ├── RateLimitError            67200002, HTTP 429                       (retryable)
    │   ├── QuotaExceededError        67200000, 67200001, 67200005-67200007
    │   ├── InvalidParameterError     68300004, 68300007, 68300010 (also a ValueError)
    │   ├── NotFoundError             53000002, 67200101, HTTP 404
    │   └── ServerError               68300005, 68300008, 67200100, HTTP 5xx  (retryable)
    │       └── MalformedResponseError  not the answer the endpoint sends  (retryable if unreadable)
    ├── BatchError                    some chunks of a batch failed; the rest is in `.result`
    ├── SequenceJobError              a sequence job ended in ERROR or TIMEOUT
    ├── SequenceWaitTimeout           `sequences.wait` gave up first (also builtins.TimeoutError)
    ├── TaskFailedError               a task of the catalog ended failed
    ├── TaskWaitTimeout               `tasks.wait` gave up first (also builtins.TimeoutError)
    ├── HarvestError                  a harvest's input or output cannot be used (CLI: exit 2)
    ├── ExportError                   an output cannot be exported as asked (CLI: exit 2)
    │                                 (also a ValueError)
    └── LimiterUnavailableError       a shared limiter's Redis could not be reached

`APIError` itself is raised for a code this package does not know. Whether an error is
worth retrying is carried by the instance (`retryable`), so the retry policy never has
to know the codes, and so is whether it concerns the account or the endpoint rather
than the request (`fatal`: credentials, permission, quota, an unknown API path), after
which a batch or a harvest sends nothing more. A `MalformedResponseError` is retried
when the answer was unreadable (not JSON, cut short, nested too deep, an envelope
without `data` or with `data` of the wrong JSON type, or a page of a list shorter than
its total makes it), which a second try may mend; it is not when the answer parsed into
fields of the wrong types, or inflated past `max_response_bytes`, which would not.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Collection, Mapping
from typing import Any

__all__ = [
    "APIError",
    "APITimeoutError",
    "AuthenticationError",
    "BatchError",
    "ClientClosedError",
    "ConfigurationError",
    "ExportError",
    "HarvestError",
    "InvalidParameterError",
    "LimiterUnavailableError",
    "MalformedResponseError",
    "NotFoundError",
    "PatsnapError",
    "PermissionDeniedError",
    "QuotaExceededError",
    "RateLimitError",
    "SequenceJobError",
    "SequenceWaitTimeout",
    "ServerError",
    "TaskFailedError",
    "TaskWaitTimeout",
    "TransportError",
    "error_for_code",
    "error_for_status",
]


class PatsnapError(Exception):
    """Root of every exception raised by patsnap-async."""

    retryable: bool = False
    #: HTTP attempts the request took before this error was raised (set by the session).
    attempts: int = 1
    #: What a batch call had fetched when this error stopped it (a `BatchResult`), when
    #: a fatal error stopped one; None otherwise.
    result: Any = None
    #: With `client.with_raw_response`: every HTTP answer the failed call received, in
    #: the order they came, refusals and failed attempts included (each a `RawAnswer`:
    #: status, headers, PatSnap's envelope); empty otherwise.
    answers: tuple[Any, ...] = ()

    @property
    def fatal(self) -> bool:
        """Whether every other request of the call would fail the same way.

        True for errors that concern the account or the endpoint, not the request:
        refused credentials, no permission for the API, an exhausted quota, an API path
        that does not exist. A batch call sends nothing more after the first one.
        """
        return False


class ConfigurationError(PatsnapError, ValueError):
    """The client was configured with a bad or missing value."""


class TransportError(PatsnapError):
    """The request did not get a usable answer: connection refused, reset or dropped."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable


class APITimeoutError(TransportError, builtins.TimeoutError):
    """One attempt ran past the client's `timeout`."""


class ClientClosedError(TransportError, RuntimeError):
    """The client was closed: the call was not sent, or was cut off on the wire."""

    def __init__(self, message: str = "the client is closed") -> None:
        super().__init__(message, retryable=False)

    @property
    def fatal(self) -> bool:
        return True


class APIError(PatsnapError):
    """The platform answered with an error.

    Attributes:
        code: PatSnap's `error_code` (or the HTTP status when the body carried none).
        message: PatSnap's `error_msg`, or the documented message for the code.
        http_status: the HTTP status of the answer (errors often come with 200).
        retryable: whether sending the same request again may succeed.
    """

    default_retryable = False

    def __init__(
        self,
        code: int | None,
        message: str,
        *,
        http_status: int = 200,
        retryable: bool | None = None,
    ) -> None:
        self.code = code
        self.message = message
        self.http_status = http_status
        self.retryable = self.default_retryable if retryable is None else retryable
        super().__init__(code, message, http_status)

    def __str__(self) -> str:
        code = f"{self.code}: " if self.code is not None else ""
        return f"{code}{self.message} (HTTP {self.http_status})"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code!r}, message={self.message!r}, "
            f"http_status={self.http_status!r}, retryable={self.retryable!r})"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_api_error,
            (type(self), self.code, self.message, self.http_status, self.retryable),
        )


def _rebuild_api_error(
    cls: type[APIError], code: int | None, message: str, http_status: int, retryable: bool
) -> APIError:
    return cls(code, message, http_status=http_status, retryable=retryable)


class AuthenticationError(APIError):
    """Credentials were refused, the token expired, or the apikey is missing or wrong."""

    @property
    def fatal(self) -> bool:
        return True


class PermissionDeniedError(APIError):
    """The account may not call this API, or the request was refused as illegal."""

    @property
    def fatal(self) -> bool:
        return True


class RateLimitError(APIError):
    """The account's QPS was exceeded; the client slows down and retries."""

    default_retryable = True
    #: Seconds an HTTP 429's `Retry-After` asked the client to wait, if it said.
    retry_after: float | None = None


class QuotaExceededError(APIError):
    """A total, daily or balance limit was reached, or the client expired."""

    @property
    def fatal(self) -> bool:
        return True


class InvalidParameterError(APIError, ValueError):
    """The platform rejected the request's parameters."""


class NotFoundError(APIError):
    """The job id or the API path does not exist."""

    @property
    def fatal(self) -> bool:
        """An unknown API path (67200101, 404, or HTTP 404 without a code); not a job id."""
        return self.code in (67200101, 404) or (self.code is None and self.http_status == 404)


class ServerError(APIError):
    """The platform failed or was busy; sending the request again may succeed."""

    default_retryable = True


class MalformedResponseError(ServerError):
    """The answer was not what the endpoint sends; `retryable` only if it was unreadable.

    Retryable: a body that is not JSON (a gateway page, a torn answer), JSON nested too
    deep to parse, or an envelope without `data` or with `data` of the wrong JSON type.
    Not retryable: data whose fields have the wrong types, or a body past the client's
    `max_response_bytes`.
    """


class BatchError(PatsnapError):
    """Some chunks of a batch call failed after retries; the rest is in `result`.

    Attributes:
        result: the partial `BatchResult` (its `failed` lists the ids that failed).
        errors: each failed id, as the caller spelled it, mapped to its chunk's error.
    """

    # `result` is a `BatchResult`, typed `Any` here: this module, on the ground floor,
    # imports nothing from the package.
    def __init__(self, result: Any, errors: Mapping[str, BaseException]) -> None:
        self.result: Any = result
        self.errors = dict(errors)
        kinds = sorted({f"{type(e).__name__}: {e}" for e in self.errors.values()})
        super().__init__(
            f"{len(self.errors)} of {len(result) + len(result.missing) + len(self.errors)} ids "
            f"failed ({'; '.join(kinds[:3])}{'; ...' if len(kinds) > 3 else ''}); "
            f"{len(result)} fetched, kept in .result"
        )


class Stopped(PatsnapError):
    """Not sent: an earlier request of the same batch met a fatal error (`cause`).

    Internal: the batch engine counts the ids of such a request as unsent, and raises
    the fatal error itself.
    """

    def __init__(self, cause: PatsnapError) -> None:
        super().__init__(f"not sent: another request of the call failed with {cause}")
        self.cause = cause


class SequenceJobError(PatsnapError):
    """A sequence search job ended in ERROR or TIMEOUT; `message` is the platform's."""

    def __init__(self, job_id: str, status: str, message: str | None) -> None:
        self.job_id = job_id
        self.status = status
        self.message = message
        super().__init__(f"sequence job {job_id} ended in {status}: {message or 'no message'}")


class SequenceWaitTimeout(PatsnapError, builtins.TimeoutError):
    """`Sequences.wait` gave up before the job finished; the job may still finish."""

    # `last` is the `JobStatus` of the last poll (typed `Any`: see `BatchError`).
    def __init__(self, job_id: str, waited: float, last: Any) -> None:
        self.job_id = job_id
        self.last_status = last
        super().__init__(f"sequence job {job_id} still {last.status} after waiting {waited:.1f} s")


class TaskFailedError(PatsnapError):
    """A task of the catalog (`client.tasks`) ended failed; `last` is its last status."""

    def __init__(self, flow: str, task_id: str, value: Any, last: Any) -> None:
        self.flow = flow
        self.task_id = task_id
        self.last = last
        super().__init__(f"task {flow} {task_id} failed: {value!r}")


class TaskWaitTimeout(PatsnapError, builtins.TimeoutError):
    """`tasks.wait` gave up before the task was done; it may still finish."""

    def __init__(self, flow: str, task_id: str, waited: float, last: Any) -> None:
        self.flow = flow
        self.task_id = task_id
        self.last = last
        super().__init__(f"task {flow} {task_id} still {last.value!r} after {waited:.1f} s")


class HarvestError(PatsnapError):
    """A harvest's input is unusable, or its output is another run's or another harvest's.

    Raised before anything is sent; the command line prints it on one line and exits 2.
    """


class ExportError(PatsnapError, ValueError):
    """A harvest's output (or a cache) cannot be exported as asked: not a harvest's
    output, a folder that holds other files or an export not to overwrite, an unknown
    format, Parquet without pyarrow. The message says what to do.

    Its message is kept in pieces, an argument's name a piece of its own (listed in
    `names`), so that the command line names its flag (`--overwrite`) where Python
    names the argument.
    """

    def __init__(self, *pieces: str, names: Collection[str] = ()) -> None:
        self.pieces = pieces
        self.names = frozenset(names)
        super().__init__("".join(pieces))

    def naming(self, spell: Callable[[str], str]) -> str:
        """The message with each argument's name spelled by `spell` (as its flag)."""
        return "".join(spell(p) if p in self.names else p for p in self.pieces)


class LimiterUnavailableError(PatsnapError):
    """The shared limiter's Redis could not be reached (and no fallback was allowed)."""


# (class, documented message). The messages are PatSnap's own (tests/data/api has the pages).
_CODES: Mapping[int, tuple[type[APIError], str]] = {
    53000002: (NotFoundError, "Unable to find job id."),
    67200000: (QuotaExceededError, "API call exceeds the total limit set by the platform!"),
    67200001: (QuotaExceededError, "API call exceeds the total limit set by the platform!"),
    67200002: (
        RateLimitError,
        "The current call rate is too fast, exceeding the current configuration limit QPS!",
    ),
    67200003: (
        AuthenticationError,
        "The key and secret parameters for applying for the token are incorrect "
        "or the client has been disabled!",
    ),
    67200004: (
        PermissionDeniedError,
        "The requested api does not have permission. Please contact our support personnel!",
    ),
    67200005: (QuotaExceededError, "Insufficient account balance/number of calls!"),
    67200006: (QuotaExceededError, "The client has exceeded the activation validity period!"),
    67200007: (
        QuotaExceededError,
        "The current call exceeds the configured usage limit of the day!",
    ),
    67200008: (
        AuthenticationError,
        "Please check if the required apikey in the query parameter has been transmitted!",
    ),
    67200009: (
        AuthenticationError,
        "The apikey does not match the passed bearerToken. "
        "Please check if a valid token is being used!",
    ),
    67200012: (PermissionDeniedError, "The request is illegal!"),
    67200100: (ServerError, "The current server status is busy, request response timeout!"),
    67200101: (
        NotFoundError,
        "The API requested currently does not exist. Please check the request path!",
    ),
    68300004: (InvalidParameterError, "Invalid parameter!"),
    68300005: (ServerError, "Search api failure!"),
    68300006: (PermissionDeniedError, "Analytic basic access error!"),
    68300007: (InvalidParameterError, "Bad request!"),
    68300008: (ServerError, "Service error, please try again later!"),
    68300010: (InvalidParameterError, "The file does not comply with upload specifications!"),
    # The pages list these HTTP-like values as error codes too.
    401: (AuthenticationError, "Unauthorized"),
    403: (PermissionDeniedError, "Forbidden"),
    404: (NotFoundError, "Not Found"),
}

DOCUMENTED_CODES: frozenset[int] = frozenset(c for c in _CODES if c > 1000)


def error_for_code(code: int, message: str | None = None, *, http_status: int = 200) -> APIError:
    """The exception for PatSnap's `error_code`; an unknown code gives a plain `APIError`."""
    cls, documented = _CODES.get(code, (APIError, "Unknown error code"))
    return cls(code, message or documented, http_status=http_status)


def error_for_status(http_status: int, message: str | None = None) -> APIError:
    """The exception for an HTTP error status whose body carried no PatSnap error code."""
    if http_status == 429:
        return RateLimitError(None, message or "Too Many Requests", http_status=429)
    if http_status >= 500:
        return ServerError(None, message or f"HTTP {http_status}", http_status=http_status)
    if http_status in _CODES:
        cls, documented = _CODES[http_status]
        return cls(None, message or documented, http_status=http_status)
    return APIError(None, message or f"HTTP {http_status}", http_status=http_status)
