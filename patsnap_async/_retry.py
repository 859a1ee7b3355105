"""When to send a failed request again, and how long to wait first.

Each decision is a small named function, and the session's one retry loop asks `decide`
what to do after a failed attempt: replay it at once with a new token, send it again
after a wait (a retry, or a rate-limited resend that `max_retries` does not count), or
raise. `decide` reads the error and what the call went through (`Attempts`) and
changes nothing.
Retried: HTTP 429 and 5xx, dropped or refused connections, timeouts, malformed bodies,
67200002 (too fast), 67200100 (busy), 68300005 (search failure), 68300008 (service
error). Never retried: invalid or bad requests, missing permission, exhausted quotas,
balance or validity, unknown job ids: the same request would fail the same way, and
some of them cost money.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, Final, Literal

import attrs
import backoff

from . import _validate as check
from ._errors import APIError, ConfigurationError, PatsnapError, RateLimitError

__all__ = [
    "MAX_RATE_LIMITED",
    "Attempts",
    "Decision",
    "RetryPolicy",
    "decide",
    "describe",
    "should_retry",
]

#: Rate-limited attempts of one call before it fails: a bound, not a policy (the pacer
#: adapts long before), so that a platform that never accepts does not loop forever.
MAX_RATE_LIMITED: Final = 100


def _count(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check.integer(attribute.name, value, minimum=0, setting=True)


def _seconds(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check.number(attribute.name, value, minimum=0, setting=True)


def _flag(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise ConfigurationError(f"{attribute.name} must be True or False, got {value!r}")


def _callable(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not callable(value):
        raise ConfigurationError(f"{attribute.name} must be callable, got {value!r}")


@attrs.frozen
class RetryPolicy:
    """Exponential backoff with full jitter, capped.

    Args:
        max_retries: attempts after the first; 0 disables retries.
        initial_delay: the upper bound of the first wait, in seconds.
        max_delay: no single wait is longer than this.
        rate_limit_delay: the least wait after a 67200002, so that the server's
            one-second window has moved on before the request is sent again.
        jitter: draw each wait uniformly from [0, bound] ("full jitter"); without it the
            bound itself is used.
        sleep: how to wait; tests inject a recorder instead of `asyncio.sleep`.

    Raises:
        ConfigurationError: a count that is not an int >= 0, or a delay that is not a
            finite number >= 0 (NaN would wait for ever); names the setting and value.
    """

    max_retries: int = attrs.field(default=5, validator=_count)
    initial_delay: float = attrs.field(default=0.5, validator=_seconds)
    max_delay: float = attrs.field(default=30.0, validator=_seconds)
    rate_limit_delay: float = attrs.field(default=0.5, validator=_seconds)
    jitter: bool = attrs.field(default=True, validator=_flag)
    sleep: Callable[[float], Awaitable[None]] = attrs.field(
        default=asyncio.sleep, repr=False, validator=_callable
    )

    def delays(self) -> Iterator[float]:
        """The upper bounds of successive waits: initial, doubled each time, capped."""
        bounds = backoff.expo(base=2, factor=self.initial_delay, max_value=self.max_delay)
        next(bounds)  # backoff's generators yield a priming 0 first
        return bounds

    def retry_wait(self, retries: int) -> float:
        """The wait before retry number `retries + 1`: its bound, jittered."""
        bound = next(itertools.islice(self.delays(), retries, None))
        return min(backoff.full_jitter(bound) if self.jitter else bound, self.max_delay)

    def rate_limited_wait(self, error: RateLimitError) -> float:
        """The wait before sending a rate-limited request again.

        At least `rate_limit_delay`; an HTTP 429's `Retry-After` is obeyed up to the
        policy's longest wait (one of an hour would hold the client for an hour).
        """
        return max(self.rate_limit_delay, min(error.retry_after or 0.0, self.longest_wait))

    @property
    def longest_wait(self) -> float:
        """The longest single wait of this policy."""
        return max(self.max_delay, self.rate_limit_delay)


@attrs.define
class Attempts:
    """What one call went through so far."""

    #: Retries after retryable failures (these count against `max_retries`).
    retries: int = 0
    #: Resends after 67200002 / HTTP 429 (these do not).
    rate_limited: int = 0
    #: Replays with a new token after a refused one (at most one in a row).
    replays: int = 0
    #: Whether the call was replayed with a new token since its last other failure.
    replayed: bool = False

    @property
    def number(self) -> int:
        """The number of the next attempt, from 1: every HTTP attempt of the call."""
        return self.retries + self.rate_limited + self.replays + 1


@attrs.frozen
class Decision:
    """What the retry loop does after a failed attempt, and why (for the DEBUG log)."""

    action: Literal["replay", "resend", "retry", "raise"]
    why: str
    wait: float = 0.0


def decide(
    policy: RetryPolicy, error: PatsnapError, attempts: Attempts, *, stale_token: bool
) -> Decision:
    """Replay with a new token, resend after a 67200002, retry, or raise `error`.

    Args:
        stale_token: the attempt carried a cached token that `error` refused;
            replayed once, at once (the session drops the token when it replays).
    """
    if stale_token and not attempts.replayed:
        return Decision("replay", f"token refused ({describe(error)}); refreshing once")
    if isinstance(error, RateLimitError) and policy.max_retries > 0:
        if attempts.rate_limited >= MAX_RATE_LIMITED:
            return Decision("raise", f"rate limited {attempts.rate_limited} times, giving up")
        wait = policy.rate_limited_wait(error)
        why = f"rate limited ({attempts.rate_limited + 1}), again in {wait:.2f} s"
        return Decision("resend", why, wait)
    if not should_retry(error):
        return Decision("raise", f"not retrying: {describe(error)}")
    if attempts.retries >= policy.max_retries:
        return Decision("raise", f"giving up after {attempts.retries} retries: {describe(error)}")
    wait = policy.retry_wait(attempts.retries)
    why = f"retry {attempts.retries + 1}/{policy.max_retries} in {wait:.2f} s after "
    return Decision("retry", why + describe(error), wait)


def should_retry(error: BaseException) -> bool:
    """Whether sending the same request again may succeed."""
    return isinstance(error, PatsnapError) and error.retryable


def describe(error: BaseException) -> str:
    """A short, secret-free description for log lines: `67200002 rate limited`."""
    if isinstance(error, APIError):
        code = error.code if error.code is not None else f"HTTP {error.http_status}"
        return f"{code} {type(error).__name__}"
    return f"{type(error).__name__}: {error}"
