"""The raw answer: a call's parsed result with the HTTP answers behind it.

    raw = await client.with_raw_response.patents.family(["US11205304B2"])
    raw.parsed            # what `client.patents.family` returns
    raw.http_status, raw.headers, raw.status, raw.error_code, raw.error_msg
    raw.answers           # one `RawAnswer` a request: a batch has one per chunk
    error.answers         # when the call failed: every answer it received

openai-python's `with_raw_response` is the convention. `client.with_raw_response`
mirrors the client (`_engines.WithRawResponse`): each of its calls (and those of its
families, `.patents`, `.legal`, ...) runs as usual, and returns a `RawResponse`. The
answers are collected through a context variable while the call runs, so every task a
batch starts records into the same call; the session records the answer of each
request whose `data` the call used (see `record`).
"""

from __future__ import annotations

import contextvars
from collections.abc import Awaitable, Mapping
from typing import Generic, TypeVar

import attrs

from ._errors import PatsnapError
from ._protocol import read_envelope
from ._transports.base import HttpResponse

__all__ = ["RawAnswer", "RawResponse", "collected", "record", "recording"]

T = TypeVar("T")


@attrs.frozen
class RawAnswer:
    """One HTTP answer of a call, as it came.

    Attributes:
        method: `GET`, `POST`, ...
        path: the URL's path (never the query).
        attempt: the attempt of its request that this answer answered, from 1.
        http_status: the HTTP status.
        headers: the answer's headers, as the transport read them (with aiohttp,
            case-insensitive, a repeated header's values all there: `getall`).
        status: the envelope's `status` (`true` / `false`), None when absent.
        error_code: the envelope's `error_code` (0 on success), None when absent.
        error_msg: the envelope's `error_msg`, None when absent.
    """

    method: str
    path: str
    attempt: int
    http_status: int
    headers: Mapping[str, str] = attrs.field(repr=False)
    status: bool | None
    error_code: int | None
    error_msg: str | None


@attrs.frozen
class RawResponse(Generic[T]):
    """A call's result and the HTTP answers behind it (`client.with_raw_response`).

    The properties read the last answer: for a single call, the call's own.

    Attributes:
        parsed: what the call returns without `with_raw_response`.
        answers: one per request whose answer the call used, in the order they came
            (a batch sends one request per 100 ids; a job's wait one per poll).
    """

    parsed: T
    answers: tuple[RawAnswer, ...]

    @property
    def last(self) -> RawAnswer:
        """The last answer. Raises LookupError when the call sent nothing."""
        if not self.answers:
            raise LookupError("the call sent no request (nothing to ask, or all from a cache)")
        return self.answers[-1]

    @property
    def http_status(self) -> int:
        """The last answer's HTTP status."""
        return self.last.http_status

    @property
    def headers(self) -> Mapping[str, str]:
        """The last answer's headers."""
        return self.last.headers

    @property
    def status(self) -> bool | None:
        """The last answer's envelope `status`."""
        return self.last.status

    @property
    def error_code(self) -> int | None:
        """The last answer's envelope `error_code`."""
        return self.last.error_code

    @property
    def error_msg(self) -> str | None:
        """The last answer's envelope `error_msg`."""
        return self.last.error_msg


#: The answers of the `with_raw_response` call running here: each, and whether the call
#: used it (an answer that failed its attempt was not used).
_answers: contextvars.ContextVar[list[tuple[RawAnswer, bool]] | None] = contextvars.ContextVar(
    "patsnap_async_raw_answers", default=None
)


def recording() -> bool:
    """Whether a `with_raw_response` call is collecting answers here."""
    return _answers.get() is not None


def record(method: str, path: str, attempt: int, response: HttpResponse, *, used: bool) -> None:
    """Keep `response` for the `with_raw_response` call running here, if any.

    Args:
        used: whether the call used its answer; False for an attempt that failed.
    """
    answers = _answers.get()
    if answers is None:
        return
    envelope = read_envelope(response.body)
    answer = RawAnswer(
        method=method,
        path=path,
        attempt=attempt,
        http_status=response.status,
        headers=response.headers,
        status=envelope.status,
        error_code=envelope.error_code,
        error_msg=envelope.error_msg,
    )
    answers.append((answer, used))


async def collected(call: Awaitable[T]) -> RawResponse[T]:
    """Await `call`, collecting the answers its requests used; both as a `RawResponse`.

    Raises:
        PatsnapError: the call's, its `answers` every answer the call received, in the
            order they came, the failed attempts' included.
    """
    answers: list[tuple[RawAnswer, bool]] = []
    token = _answers.set(answers)
    try:
        parsed = await call
    except PatsnapError as error:
        error.answers = tuple(answer for answer, _ in answers)
        raise
    finally:
        _answers.reset(token)
    return RawResponse(parsed, tuple(answer for answer, used in answers if used))
