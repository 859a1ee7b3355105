"""When to send a failed request again, and how long to wait first.

Each decision is a small named function, and the session's one retry loop asks them.
Retried: HTTP 429 and 5xx, dropped or refused connections, timeouts, malformed bodies,
67200002 (too fast), 67200100 (busy), 68300005 (search failure), 68300008 (service
error). Never retried: invalid or bad requests, missing permission, exhausted quotas,
balance or validity, unknown job ids: the same request would fail the same way, and
some of them cost money.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import attrs
import backoff

from . import _validate as check
from ._errors import APIError, ConfigurationError, PatsnapError, RateLimitError

__all__ = ["RetryPolicy", "describe", "should_retry"]


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

    def wait_for(self, bound: float, error: BaseException) -> float:
        """The wait before the next attempt, given this attempt's bound and error."""
        wait = backoff.full_jitter(bound) if self.jitter else bound
        if isinstance(error, RateLimitError):
            wait = max(wait, self.rate_limit_delay)
        return min(wait, max(self.max_delay, self.rate_limit_delay))


def should_retry(error: BaseException) -> bool:
    """Whether sending the same request again may succeed."""
    return isinstance(error, PatsnapError) and error.retryable


def describe(error: BaseException) -> str:
    """A short, secret-free description for log lines: `67200002 rate limited`."""
    if isinstance(error, APIError):
        code = error.code if error.code is not None else f"HTTP {error.http_status}"
        return f"{code} {type(error).__name__}"
    return f"{type(error).__name__}: {error}"
