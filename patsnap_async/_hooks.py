"""Hooks: what a client does, told to callbacks of yours, for those without OpenTelemetry.

    client = PatsnapClient(hooks=Hooks(retry_scheduled=lambda event: print(event)))

Five moments of a client's life, each with its own frozen event, in the order they
happen to one HTTP attempt:

* `RequestSent`: an attempt leaves (after its connection slot, the pacer and the
  token), with how long it waited in the pacer;
* `AnswerReceived`: its answer came back, with the HTTP status and PatSnap's error
  code when the answer was an error;
* `RateLimited`: the answer was 67200002 or HTTP 429 (and its `Retry-After`);
* `RetryScheduled`: the retry loop sends it again (a retry, a rate-limited resend or a
  replay with a new token) after `wait` seconds;
* `TokenRefreshed`: a token was bought at `/oauth/token` (client credentials only).

A hook is a plain function, called on the event loop at that moment: keep it quick
(hand the event to a queue for anything slow); a coroutine function is refused. An
exception raised in a hook is logged (WARNING, logger `patsnap_async`) and never
reaches the call. No event carries a secret: paths never hold the query (where
`apikey=` travels), and no header, body or token is in any event.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Any, Literal

import attrs

from ._errors import ConfigurationError, PatsnapError

__all__ = [
    "AnswerReceived",
    "AttemptKind",
    "Hooks",
    "RateLimited",
    "RequestSent",
    "RetryScheduled",
    "TokenRefreshed",
    "call_hook",
]

log = logging.getLogger("patsnap_async")

AttemptKind = Literal["first", "retry", "token_replay", "rate_limited_resend", "token"]
"""Why an attempt was sent: a call's first try, a retry after a retryable failure, a
replay with a new token after the platform refused the cached one, a resend after a
67200002 / HTTP 429, or the purchase of a token."""


@attrs.frozen
class RequestSent:
    """An HTTP attempt is about to go on the wire.

    Attributes:
        method: `GET`, `POST`, ...
        path: the URL's path, never its query.
        attempt: the attempt's number within its call, from 1.
        kind: why it is sent (see `AttemptKind`).
        endpoint: the code of the catalog operation it is for (`P014`), else None.
        pacer_wait: seconds it waited for the pacer's admission.
    """

    method: str
    path: str
    attempt: int
    kind: AttemptKind
    endpoint: str | None
    pacer_wait: float


@attrs.frozen
class AnswerReceived:
    """An HTTP attempt's answer came back and was read.

    Attributes:
        method, path, attempt, kind, endpoint: as `RequestSent`'s.
        http_status: the HTTP status.
        error_code: PatSnap's `error_code` when the answer stood for an error (a 200
            with `"status": false` included); None for a success.
        error: the error the answer stands for; None for a success.
        elapsed: seconds from the send to the whole answer.
    """

    method: str
    path: str
    attempt: int
    kind: AttemptKind
    endpoint: str | None
    http_status: int
    error_code: int | None
    error: PatsnapError | None
    elapsed: float


@attrs.frozen
class RateLimited:
    """The platform refused an attempt for pacing (67200002, or HTTP 429).

    Attributes:
        method, path, attempt, endpoint: as `RequestSent`'s.
        error_code: 67200002, or None for an HTTP 429 without a code.
        http_status: the HTTP status (200 for a 67200002 in a 200, or 429).
        retry_after: seconds an HTTP 429's `Retry-After` asked for, as obeyed (capped
            at the retry policy's longest wait); None when it asked for none.
    """

    method: str
    path: str
    attempt: int
    endpoint: str | None
    error_code: int | None
    http_status: int | None
    retry_after: float | None


@attrs.frozen
class RetryScheduled:
    """The retry loop will send a failed attempt's request again.

    Attributes:
        method, path, attempt, endpoint: as `RequestSent`'s (`attempt` is the one
            that failed).
        action: `"retry"` (counted in `max_retries`), `"resend"` (after a 67200002 /
            HTTP 429, not counted) or `"replay"` (at once, with a new token).
        wait: seconds before it is sent again.
        error: what the failed attempt met.
        reason: the retry loop's reason, as logged at DEBUG.
    """

    method: str
    path: str
    attempt: int
    endpoint: str | None
    action: Literal["retry", "resend", "replay"]
    wait: float
    error: PatsnapError
    reason: str


@attrs.frozen
class TokenRefreshed:
    """A token was bought at `/oauth/token`.

    Attributes:
        expires_in: seconds the platform says it lives.
        elapsed: seconds the purchase took, pacer included.
    """

    expires_in: float
    elapsed: float


def _hook(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not callable(value):
        raise ConfigurationError(f"hook {attribute.name} must be callable, got {value!r}")
    if inspect.iscoroutinefunction(value) or inspect.iscoroutinefunction(
        getattr(value, "__call__", None)  # noqa: B004 - an object with an async __call__
    ):
        raise ConfigurationError(
            f"hook {attribute.name} must be a plain function, not a coroutine function: "
            "hooks are called on the event loop as things happen (put the event on a "
            "queue for async work)"
        )


@attrs.frozen
class Hooks:
    """Callbacks on what a client does; pass as `PatsnapClient(hooks=Hooks(...))`.

    Each takes its event and returns nothing; None: not called. They run on the event
    loop, in the order things happen; an exception in one is logged and never breaks
    a call. See the module's docstring for the moments.

    Raises:
        ConfigurationError: a hook that is not callable, or a coroutine function.
    """

    request_sent: Callable[[RequestSent], object] | None = attrs.field(
        default=None, validator=_hook
    )
    answer_received: Callable[[AnswerReceived], object] | None = attrs.field(
        default=None, validator=_hook
    )
    rate_limited: Callable[[RateLimited], object] | None = attrs.field(
        default=None, validator=_hook
    )
    retry_scheduled: Callable[[RetryScheduled], object] | None = attrs.field(
        default=None, validator=_hook
    )
    token_refreshed: Callable[[TokenRefreshed], object] | None = attrs.field(
        default=None, validator=_hook
    )

    def __bool__(self) -> bool:
        return any(getattr(self, a.name) is not None for a in attrs.fields(Hooks))


def call_hook(hook: Callable[[Any], object] | None, event: object) -> None:
    """Call `hook(event)`; an exception is logged, never raised into the call."""
    if hook is None:
        return
    try:
        hook(event)
    except Exception:
        log.warning(
            "hook %s raised on %s; the call goes on",
            getattr(hook, "__qualname__", repr(hook)),
            type(event).__name__,
            exc_info=True,
        )
