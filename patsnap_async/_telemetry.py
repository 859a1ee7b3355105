"""What a client tells about its calls: OpenTelemetry spans and metrics, hooks, raw answers.

The session and the engines call a thin interface: `Telemetry.call(...)` for each SDK
call (a batch lookup, a page drain, a job's wait, a single call), and
`Telemetry.attempt(...)` for each HTTP attempt, whose watch the session tells what
happens to it (`slotted`, `admitted`, `sending`, `answered`, `rate_limited`,
`decided`). When nobody listens (no tracer or meter provider configured, no hook, no
`with_raw_response` call), both hand out a shared watch whose methods do nothing.

OpenTelemetry through its API only, the library convention: no SDK, exporter or
setting here, and the API is never imported by this package. An application that
configured a provider has imported `opentelemetry.trace` (or `.metrics`), so the
modules are looked up in `sys.modules` at each call: when they are absent, or the
provider is still the API's deferred one (Python's API has no public "is configured"
query), nothing is emitted and nothing is imported. `PatsnapClient(tracer_provider=,
meter_provider=)` takes providers of its own instead of the global ones.

Spans follow OpenTelemetry's HTTP client conventions where they fit: an attempt is a
CLIENT span named `{method} {url.template}` with `http.request.method`, `url.path`
(never `url.full`: the query carries `apikey=`), `server.address`, `server.port`,
`http.response.status_code`, `http.request.resend_count` and `error.type`; what is
PatSnap's is under `patsnap.`. No header, query, body or token is read here: no
secret can reach a span, a metric or an event (tests/test_telemetry.py reads every
attribute of every span of a run to hold this).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import contextvars
import math
import sys
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from . import _raw
from ._errors import APIError, PatsnapError, RateLimitError
from ._hooks import (
    AnswerReceived,
    AttemptKind,
    Hooks,
    RateLimited,
    RequestSent,
    RetryScheduled,
    TokenRefreshed,
    call_hook,
)
from ._transports.base import HttpResponse
from ._version import __version__

if TYPE_CHECKING:
    from opentelemetry.metrics import (
        CallbackOptions,
        Histogram,
        Meter,
        MeterProvider,
        Observation,
    )
    from opentelemetry.trace import Span, Tracer, TracerProvider

    from ._retry import Decision

__all__ = ["NULL_ATTEMPT", "NULL_CALL", "AttemptWatch", "CallWatch", "Telemetry", "current_call"]

#: Seconds between two looks for a global provider while none is configured.
RECHECK: Final = 1.0
#: The instrumentation scope of every span and metric.
SCOPE: Final = "patsnap_async"
#: The API's providers that stand for "not configured": deferred ones, and no-ops.
_UNCONFIGURED: Final = frozenset(
    {"ProxyTracerProvider", "NoOpTracerProvider", "_ProxyMeterProvider", "NoOpMeterProvider"}
)
#: `http.client.request.duration` buckets, as OpenTelemetry's HTTP conventions advise.
DURATION_BUCKETS: Final = (
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
)  # fmt: skip


def _configured(provider: object) -> bool:
    cls = type(provider)
    return not (cls.__module__.startswith("opentelemetry.") and cls.__name__ in _UNCONFIGURED)


def _now() -> float:
    return asyncio.get_running_loop().time()


class Telemetry:
    """A client's telemetry: one per client, shared by its `with_options` copies.

    Args:
        hooks: the user's callbacks.
        base_url: the host, for `server.address` and `server.port`.
        tracer_provider: spans go here instead of to the global provider.
        meter_provider: metrics go here instead of to the global provider.
        pacer: reads the pacer's rate and learned limit, for the gauges: returns
            `(requests per second now, accepted_qps)`, either None when unknown.
    """

    def __init__(
        self,
        *,
        hooks: Hooks | None,
        base_url: str,
        tracer_provider: TracerProvider | None = None,
        meter_provider: MeterProvider | None = None,
        pacer: Callable[[], tuple[float | None, float | None]] = lambda: (None, None),
    ) -> None:
        self.hooks = hooks if hooks is not None else Hooks()
        self._hooked = bool(self.hooks)
        self._tracer_provider = tracer_provider
        self._meter_provider = meter_provider
        self._tracer: Tracer | None = None
        self._metrics: _Instruments | None = None
        #: When to look again for a global provider, by signal, while none is set.
        self._unset_until: dict[str, float] = {}
        self.pacer = pacer
        parts = urlsplit(base_url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        self.server: Mapping[str, Any] = {
            "server.address": parts.hostname or "",
            "server.port": port,
        }
        self.scheme = parts.scheme

    def tracer(self) -> Tracer | None:
        """The tracer, once a tracer provider is configured; else None (nothing imported)."""
        if self._tracer is None and self._look("trace"):
            provider = self._tracer_provider
            if provider is None and (api := sys.modules.get("opentelemetry.trace")):
                provider = api.get_tracer_provider()
            if provider is not None and _configured(provider):
                self._tracer = provider.get_tracer(SCOPE, __version__)
        return self._tracer

    def metrics(self) -> _Instruments | None:
        """The instruments, once a meter provider is configured; else None."""
        if self._metrics is None and self._look("metrics"):
            provider = self._meter_provider
            if provider is None and (api := sys.modules.get("opentelemetry.metrics")):
                provider = api.get_meter_provider()
            if provider is not None and _configured(provider):
                self._metrics = _Instruments.of(provider)
                self._metrics.sources.add(self)
        return self._metrics

    def _look(self, signal: str) -> bool:
        """Whether to look for a global provider of `signal` now: at most once a second.

        Asking the API costs two environment lookups (about 1.5 µs); a provider set
        after the first calls is seen within `RECHECK` seconds.
        """
        now = time.monotonic()
        if now < self._unset_until.get(signal, -math.inf):
            return False
        self._unset_until[signal] = now + RECHECK
        return True

    def close(self) -> None:
        """The client closed: its pacer leaves the gauges."""
        if self._metrics is not None:
            self._metrics.sources.discard(self)

    def call(self, kind: str, code: str, name: str, path: str) -> CallWatch:
        """The watch of one SDK call: `with` it around a coroutine call, or (a drain)
        `start` it, run each request in `current()`, and `finish` it.

        Args:
            kind: `lookup`, `listing`, `call`, `request` or `wait`.
            code: the endpoint's code (`P014`), or `""`.
            name: the endpoint's name (`family`), or `""`.
            path: the endpoint's path, its parameters unfilled (`url.template`).
        """
        tracer, metrics = self.tracer(), self.metrics()
        if tracer is None and metrics is None and not self._hooked and not _raw.recording():
            return _QuietCall()
        return CallWatch(self, tracer, metrics, kind, code, name, path)

    def attempt(self, method: str, path: str, number: int, kind: AttemptKind) -> AttemptWatch:
        """The watch of one HTTP attempt; `with` it around the attempt.

        An attempt of a call is watched as its call is (asked once, when the call
        began); a token purchase, or a request outside any call, asks again.
        """
        call = None if kind == "token" else _current.get()
        if call is None:
            tracer, metrics = self.tracer(), self.metrics()
            if tracer is None and metrics is None and not self._hooked:
                return NULL_ATTEMPT
        elif call.quiet:
            return NULL_ATTEMPT
        else:
            tracer, metrics = call.tracer, call.metrics
        return AttemptWatch(self, tracer, metrics, call, method, path, number, kind)


_current: contextvars.ContextVar[CallWatch | None] = contextvars.ContextVar(
    "patsnap_async_call", default=None
)


def current_call() -> CallWatch | None:
    """The SDK call whose requests are sent here, when someone watches it."""
    return _current.get()


class CallWatch:
    """One SDK call, as its span and metrics tell it: what it asked for and got.

    Attributes:
        counts: `patsnap.<name>` integers set on the span when the call ends (`ids`,
            `records`, `missing`, `billed`, `cache_hits`, `requests`, ...).
        quiet: nobody watches the call (nor, then, its attempts).
    """

    quiet = False

    def __init__(
        self,
        telemetry: Telemetry,
        tracer: Tracer | None,
        metrics: _Instruments | None,
        kind: str,
        code: str,
        name: str,
        path: str,
    ) -> None:
        self.telemetry = telemetry
        self.kind = kind
        self.code = code or None
        self.name = name
        self.path = path
        self.counts: dict[str, int] = {}
        self.attributes: dict[str, Any] = {}
        self.tracer = tracer
        self.metrics = metrics
        self._span: Span | None = None
        self._restore: list[Callable[[], None]] = []

    def __enter__(self) -> CallWatch:
        self.start()
        self._restore.append(self._enter())
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._restore.pop()()
        self.finish(error)

    def start(self) -> None:
        """The call begins: its span starts, under the caller's current span."""
        if self.tracer is None:
            return
        from opentelemetry.trace import SpanKind

        label = f"{self.code} {self.name}" if self.code else self.name
        attributes = {"patsnap.call.kind": self.kind}
        if self.code:
            attributes["patsnap.endpoint.code"] = self.code
        else:  # a path of the caller's (`client.request`, `batch`, `paginate`)
            attributes["patsnap.endpoint.path"] = self.path
        if self.name:
            attributes["patsnap.endpoint.name"] = self.name
        self._span = self.tracer.start_span(
            f"patsnap.{self.kind} {label}".rstrip(), kind=SpanKind.INTERNAL, attributes=attributes
        )

    @contextlib.contextmanager
    def current(self) -> Iterator[None]:
        """Requests sent in here belong to this call (a drain's page fetches)."""
        restore = self._enter()
        try:
            yield
        finally:
            restore()

    def _enter(self) -> Callable[[], None]:
        token = _current.set(self)
        if self._span is None:
            return lambda: _current.reset(token)
        from opentelemetry import context, trace

        otel = context.attach(trace.set_span_in_context(self._span))

        def restore() -> None:
            context.detach(otel)
            _current.reset(token)

        return restore

    def add(self, name: str, count: int = 1) -> None:
        """Add to the count `patsnap.<name>` of the call's span."""
        self.counts[name] = self.counts.get(name, 0) + count

    def set(self, name: str, value: str | int | float | bool) -> None:
        """Set the attribute `patsnap.<name>` of the call's span."""
        self.attributes[name] = value

    def billed(self, records: int) -> None:
        """The platform billed `records` records to this call (metric and count)."""
        self.add("billed", records)
        if self.metrics is not None and records:
            self.metrics.count("patsnap.client.billed_records", self._metric_attributes(), records)

    def cache_hits(self, records: int) -> None:
        """`records` ids were answered from the record cache, unsent."""
        self.add("cache_hits", records)
        if self.metrics is not None and records:
            self.metrics.count("patsnap.client.cache_hits", self._metric_attributes(), records)

    def _metric_attributes(self) -> Attributes:
        host = ("server.address", self.telemetry.server["server.address"])
        return (host, ("patsnap.endpoint.code", self.code)) if self.code else (host,)

    def finish(self, error: BaseException | None = None) -> None:
        """The call is over (with `error`, if it raised): the span ends."""
        span, self._span = self._span, None
        if span is None:
            return
        if span.is_recording():
            told = {f"patsnap.{k}": v for k, v in (self.counts | self.attributes).items()}
            if error is not None and not isinstance(error, GeneratorExit):
                told |= _failed(span, error)
            span.set_attributes(told)
        span.end()


class _QuietCall(CallWatch):
    """The watch of a call nobody watches: it only tells its attempts so."""

    quiet = True

    def __init__(self) -> None:
        self._restore: list[Callable[[], None]] = []

    def start(self) -> None:
        pass

    def _enter(self) -> Callable[[], None]:
        token = _current.set(self)
        return lambda: _current.reset(token)

    def add(self, name: str, count: int = 1) -> None:
        pass

    def set(self, name: str, value: str | int | float | bool) -> None:
        pass

    def billed(self, records: int) -> None:
        pass

    def cache_hits(self, records: int) -> None:
        pass

    def finish(self, error: BaseException | None = None) -> None:
        pass


#: The watch of a call made where nothing is watched (a test's own engine call).
NULL_CALL: Final[CallWatch] = _QuietCall()


class AttemptWatch:
    """One HTTP attempt, from the start of its wait to its answer and what came next.

    What is learned along the way is kept in `told` and set on the span once, when
    the attempt ends: each `set_attribute` of the SDK takes a lock and checks the
    value.
    """

    def __init__(
        self,
        telemetry: Telemetry,
        tracer: Tracer | None,
        metrics: _Instruments | None,
        call: CallWatch | None,
        method: str,
        path: str,
        number: int,
        kind: AttemptKind,
    ) -> None:
        self.telemetry = telemetry
        self.call = call
        self.method = method
        self.path = path
        self.number = number
        self.kind = kind
        self.endpoint = call.code if call is not None else None
        self.started = self.admitted_at = self.sent_at = _now()
        self.pacer_wait = 0.0
        self.told: dict[str, Any] = {}
        self._metrics = metrics
        self._flying = False
        self._span: Span | None = None
        if tracer is not None:
            self._span = self._start(tracer)

    def _start(self, tracer: Tracer) -> Span:
        from opentelemetry.trace import SpanKind

        template = self.call.path if self.call is not None and self.call.path else self.path
        attributes: dict[str, Any] = {
            "http.request.method": self.method,
            "url.path": self.path,
            **self.telemetry.server,
            "patsnap.attempt.kind": self.kind,
        }
        if template != self.path:
            attributes["url.template"] = template
        if self.number > 1:
            attributes["http.request.resend_count"] = self.number - 1
        if self.endpoint:
            attributes["patsnap.endpoint.code"] = self.endpoint
        name = f"{self.method} {template}"
        return tracer.start_span(name, kind=SpanKind.CLIENT, attributes=attributes)

    def __enter__(self) -> AttemptWatch:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._landed()
        span, self._span = self._span, None
        if span is None:
            return
        if span.is_recording():
            if error is not None:
                self.told |= _failed(span, error)
            span.set_attributes(self.told)
        span.end()

    def slotted(self) -> None:
        """The attempt has its connection slot; the pacer's wait starts."""
        self.admitted_at = _now()
        self.told["patsnap.slot.wait"] = self.admitted_at - self.started

    def admitted(self) -> None:
        """The pacer admitted the attempt."""
        now = _now()
        self.pacer_wait, self.admitted_at = now - self.admitted_at, now
        self.told["patsnap.pacer.wait"] = self.pacer_wait

    def sending(self) -> None:
        """The attempt goes to the transport now."""
        self.sent_at = _now()
        if self._metrics is not None:
            self._flying = True
            self._metrics.count("http.client.active_requests", self._host())
            self._metrics.count("patsnap.client.requests", self._attributes(kind=True))
        if self.call is not None:
            self.call.add("requests")
        hook = self.telemetry.hooks.request_sent
        if hook is not None:
            call_hook(
                hook,
                RequestSent(
                    self.method, self.path, self.number, self.kind, self.endpoint, self.pacer_wait
                ),
            )

    def answered(self, response: HttpResponse, error: PatsnapError | None) -> None:
        """Its answer came back: a success, or what `error` says it stands for."""
        elapsed = _now() - self.sent_at
        self._landed()
        code = error.code if isinstance(error, APIError) else None
        self.told["http.response.status_code"] = response.status
        if code is not None:
            self.told["patsnap.error_code"] = code
        if self._metrics is not None:
            attributes = self._attributes(status=response.status, error=error)
            self._metrics.duration.record(elapsed, dict(attributes))
        hook = self.telemetry.hooks.answer_received
        if hook is not None:
            event = AnswerReceived(
                self.method,
                self.path,
                self.number,
                self.kind,
                self.endpoint,
                response.status,
                code,
                error,
                elapsed,
            )
            call_hook(hook, event)
        if self.kind != "token":
            _raw.record(self.method, self.path, self.number, response, used=error is None)

    def rate_limited(self, error: RateLimitError) -> None:
        """The answer was 67200002 or HTTP 429 (its `retry_after` as obeyed)."""
        if self.call is not None:
            self.call.add("rate_limited")
        if self._metrics is not None:
            self._metrics.count("patsnap.client.rejections", self._attributes(error=error))
        if self._span is not None:
            what = {"patsnap.error_code": error.code} if error.code is not None else {}
            if error.http_status is not None:
                what["http.response.status_code"] = error.http_status
            self._span.add_event("patsnap.rate_limited", what)
            if error.retry_after is not None:
                after = {"patsnap.retry_after": error.retry_after}
                self._span.add_event("patsnap.retry_after", after)
        hook = self.telemetry.hooks.rate_limited
        if hook is not None:
            event = RateLimited(
                self.method,
                self.path,
                self.number,
                self.endpoint,
                error.code,
                error.http_status,
                error.retry_after,
            )
            call_hook(hook, event)

    def decided(self, error: PatsnapError, decision: Decision) -> None:
        """The retry loop's decision after the attempt failed with `error`."""
        if self._span is not None:
            self.told |= _failed(self._span, error)
            self.told["patsnap.retry.action"] = decision.action
            if decision.action != "raise":
                self.told["patsnap.retry.wait"] = decision.wait
        if decision.action == "raise":
            return
        if decision.action != "replay":
            if self.call is not None:
                self.call.add("retries")
            if self._metrics is not None:
                retried = (*self._attributes(), ("patsnap.retry.action", decision.action))
                self._metrics.count("patsnap.client.retries", retried)
        hook = self.telemetry.hooks.retry_scheduled
        if hook is not None:
            event = RetryScheduled(
                self.method,
                self.path,
                self.number,
                self.endpoint,
                decision.action,
                decision.wait,
                error,
                decision.why,
            )
            call_hook(hook, event)

    def token_bought(self, expires_in: float) -> None:
        """The attempt bought a token that lives `expires_in` seconds."""
        if self._metrics is not None:
            self._metrics.count("patsnap.client.token_requests", self._host())
        hook = self.telemetry.hooks.token_refreshed
        if hook is not None:
            call_hook(hook, TokenRefreshed(expires_in, _now() - self.started))

    def _landed(self) -> None:
        if self._flying:
            self._flying = False
            assert self._metrics is not None
            self._metrics.count("http.client.active_requests", self._host(), -1)

    def _host(self) -> Attributes:
        return (("server.address", self.telemetry.server["server.address"]),)

    def _attributes(
        self, *, kind: bool = False, status: int | None = None, error: BaseException | None = None
    ) -> Attributes:
        """A metric's attributes: the method, the host, the endpoint, and what is asked."""
        attributes: list[tuple[str, Any]] = [
            ("http.request.method", self.method),
            ("server.address", self.telemetry.server["server.address"]),
        ]
        if self.endpoint:
            attributes.append(("patsnap.endpoint.code", self.endpoint))
        if kind:
            attributes.append(("patsnap.attempt.kind", self.kind))
        if status is not None:
            attributes.append(("http.response.status_code", status))
        if error is not None:
            attributes.append(("error.type", _error_type(error)))
            if isinstance(error, APIError) and error.code is not None:
                attributes.append(("patsnap.error_code", error.code))
        return tuple(attributes)


class _NullAttempt(AttemptWatch):
    """The watch of an attempt nobody watches: every method does nothing."""

    def __init__(self) -> None:
        self.pacer_wait = 0.0

    def __exit__(self, *_: object) -> None:
        pass

    def slotted(self) -> None:
        pass

    def admitted(self) -> None:
        pass

    def sending(self) -> None:
        pass

    def answered(self, response: HttpResponse, error: PatsnapError | None) -> None:
        pass

    def rate_limited(self, error: RateLimitError) -> None:
        pass

    def decided(self, error: PatsnapError, decision: Decision) -> None:
        pass

    def token_bought(self, expires_in: float) -> None:
        pass


NULL_ATTEMPT: Final[AttemptWatch] = _NullAttempt()


def _error_type(error: BaseException) -> str:
    """`error.type`, as the HTTP conventions have it: the status code of an HTTP error,
    else the exception's class."""
    status = getattr(error, "http_status", None)
    if isinstance(error, APIError) and error.code is None and status and status >= 400:
        return str(status)
    if isinstance(error, asyncio.CancelledError):
        return "cancelled"
    return type(error).__qualname__


def _failed(span: Span, error: BaseException) -> dict[str, Any]:
    """Mark `span` as failed with `error` (its message is secret-free by design); the
    attributes that say how, for the caller to set with the others."""
    from opentelemetry.trace import StatusCode

    span.set_status(StatusCode.ERROR, f"{type(error).__name__}: {error}"[:300])
    told: dict[str, Any] = {"error.type": _error_type(error)}
    if isinstance(error, APIError) and error.code is not None:
        told["patsnap.error_code"] = error.code
    return told


def _histogram(meter: Meter, name: str, unit: str, description: str) -> Histogram:
    """A histogram with the HTTP conventions' buckets, where the API can advise them."""
    try:
        # As a mapping: typed against any release of the API, the newest or the oldest.
        advice: dict[str, Any] = {"explicit_bucket_boundaries_advisory": DURATION_BUCKETS}
        return meter.create_histogram(name, unit, description, **advice)
    except TypeError:  # an API older than the advice (1.28 has none): the SDK's buckets
        return meter.create_histogram(name, unit, description)


#: The counters, read when the metrics are collected from tallies kept here: a
#: synchronous instrument of the SDK costs about 13 µs a measurement, a tally 0.3 µs.
COUNTERS: Final = {
    "patsnap.client.requests": (
        "{request}",
        "HTTP attempts sent: first tries, retries, resends, replays, token purchases",
    ),
    "patsnap.client.rejections": (
        "{answer}",
        "Answers 67200002 or HTTP 429: the platform pacing the client",
    ),
    "patsnap.client.retries": (
        "{request}",
        "Requests sent again after a retryable failure or a 67200002 / HTTP 429",
    ),
    "patsnap.client.token_requests": ("{request}", "Tokens bought at /oauth/token"),
    "patsnap.client.billed_records": ("{record}", "Records returned by billed lookups"),
    "patsnap.client.cache_hits": ("{record}", "Ids answered from a cache, unsent"),
}
IN_FLIGHT: Final = "http.client.active_requests"

Attributes = tuple[tuple[str, Any], ...]
"""A metric's attributes, as a key of the tallies."""


class _Instruments:
    """The client's metrics on one meter provider.

    A meter keeps the first instrument of each name, so they are made once per
    provider; every client on it adds to the same tallies, and the pacer gauges read
    every client that uses them (`sources`). The tallies are cumulative, as
    observable counters report; they are read on the reader's thread, each as one
    `list()` of its items, which no other thread can change midway.
    """

    _made: Final[dict[int, tuple[object, _Instruments]]] = {}

    @classmethod
    def of(cls, provider: MeterProvider) -> _Instruments:
        found = cls._made.get(id(provider))
        if found is None or found[0] is not provider:
            found = (provider, cls(provider.get_meter(SCOPE, __version__)))
            cls._made[id(provider)] = found
        return found[1]

    def __init__(self, meter: Meter) -> None:
        self.sources: weakref.WeakSet[Telemetry] = weakref.WeakSet()
        self.tallies: dict[str, collections.Counter[Attributes]] = {
            name: collections.Counter() for name in (*COUNTERS, IN_FLIGHT)
        }
        for name, (unit, description) in COUNTERS.items():
            meter.create_observable_counter(name, [self._reader(name)], unit, description)
        meter.create_observable_up_down_counter(
            IN_FLIGHT, [self._reader(IN_FLIGHT)], "{request}", "HTTP attempts on the wire"
        )
        self.duration = _histogram(
            meter,
            "http.client.request.duration",
            "s",
            "Seconds from an attempt's send to its whole answer",
        )
        meter.create_observable_gauge(
            "patsnap.pacer.rate",
            [self._rates],
            "{request}/s",
            "Requests per second the pacer admits now",
        )
        meter.create_observable_gauge(
            "patsnap.pacer.accepted_qps",
            [self._limits],
            "{request}/s",
            "The rate the platform accepts from the account, when found below qps",
        )

    def count(self, name: str, attributes: Attributes, amount: int = 1) -> None:
        """Add `amount` to the counter `name` under `attributes`."""
        self.tallies[name][attributes] += amount

    def _reader(self, name: str) -> Callable[[CallbackOptions], Iterable[Observation]]:
        tally = self.tallies[name]

        def read(options: CallbackOptions) -> Iterable[Observation]:
            from opentelemetry.metrics import Observation

            return [Observation(value, dict(key)) for key, value in list(tally.items())]

        return read

    def _observe(self, which: int) -> Iterable[Observation]:
        from opentelemetry.metrics import Observation

        for source in list(self.sources):
            value = source.pacer()[which]
            if value is not None:
                yield Observation(value, {"server.address": source.server["server.address"]})

    def _rates(self, options: CallbackOptions) -> Iterable[Observation]:
        return list(self._observe(0))

    def _limits(self, options: CallbackOptions) -> Iterable[Observation]:
        return list(self._observe(1))
