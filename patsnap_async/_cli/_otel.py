"""`--otel`: a harvest's traces and metrics, exported through OTLP, for dashboards.

The library only speaks OpenTelemetry's API (`_telemetry.py`); the command line is an
application, so here it configures the SDK: a tracer provider whose spans go out in
batches and a meter provider read every `OTEL_METRIC_EXPORT_INTERVAL` (60 s), both
exporting OTLP over HTTP (protobuf) where the standard variables say
(`OTEL_EXPORTER_OTLP_ENDPOINT`, by default http://localhost:4318, its `_TRACES_` and
`_METRICS_` forms, `OTEL_EXPORTER_OTLP_HEADERS`, ...), under the resource of
`OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES` (`service.name` is `patsnap-async`
unless they name one). `pip install 'patsnap-async[otlp]'` brings the SDK and the
exporter.

It is on with `--otel`, and without it when the SDK is installed and the variables ask
for OTLP (an `OTEL_EXPORTER_OTLP_*ENDPOINT`, or `OTEL_TRACES_EXPORTER` /
`OTEL_METRICS_EXPORTER` set to `otlp`). `OTEL_SDK_DISABLED=true` turns it off, and
`OTEL_TRACES_EXPORTER=none` or `OTEL_METRICS_EXPORTER=none` leaves that signal out. A
provider set already (the command run under `opentelemetry-instrument`) is kept as
it is. Whatever is buffered is exported when the harvest ends, interrupted or not.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Final

from ._options import OptionError

if TYPE_CHECKING:
    from .._harvest._progress import Summary

__all__ = ["Exporting", "harvest_span", "start_exporting"]

log = logging.getLogger("patsnap_async")

#: Variables that ask for OTLP export without `--otel`.
ENDPOINTS: Final = (
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
)
INSTALL: Final = "pip install 'patsnap-async[otlp]'"


class Exporting:
    """The providers `start_exporting` set: `close()` exports what is left, once."""

    def __init__(self, closers: list[Callable[[], Any]]) -> None:
        self._closers = closers

    def close(self) -> None:
        closers, self._closers = self._closers, []
        for close in closers:
            try:
                close()
            except Exception:  # an exporter's failure must not change the exit status
                log.warning("OpenTelemetry export failed at exit", exc_info=True)


def _asked(flag: bool) -> tuple[bool, bool]:
    """Whether to export traces and metrics, from `--otel` and the variables."""
    if os.environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False, False
    named = {
        os.environ.get(f"OTEL_{s}_EXPORTER", "").strip().lower() for s in ("TRACES", "METRICS")
    }
    asked = flag or any(os.environ.get(v) for v in ENDPOINTS) or "otlp" in named
    traces = asked and os.environ.get("OTEL_TRACES_EXPORTER", "").strip().lower() != "none"
    metrics = asked and os.environ.get("OTEL_METRICS_EXPORTER", "").strip().lower() != "none"
    return traces, metrics


def start_exporting(flag: bool) -> Exporting:
    """Set the global tracer and meter providers, exporting through OTLP, if asked.

    Raises:
        OptionError: `--otel` without the SDK or the exporter installed.
    """
    traces, metrics = _asked(flag)
    if not (traces or metrics):
        return Exporting([])
    try:
        from opentelemetry import metrics as metrics_api
        from opentelemetry import trace as trace_api
        from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.metrics import MeterProvider
        from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader
        from opentelemetry.sdk.resources import OTELResourceDetector, Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError as error:
        if flag:
            raise OptionError(f"--otel needs the OpenTelemetry SDK ({INSTALL}): {error}") from None
        log.debug("OTEL_* variables set but the OpenTelemetry SDK is not installed: %s", error)
        return Exporting([])
    named = OTELResourceDetector().detect().attributes
    own = {} if "service.name" in named else {"service.name": "patsnap-async"}
    resource = Resource.create(own)
    closers: list[Callable[[], Any]] = []
    if traces and type(trace_api.get_tracer_provider()).__name__ == "ProxyTracerProvider":
        tracer_provider = TracerProvider(resource=resource)
        tracer_provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
        trace_api.set_tracer_provider(tracer_provider)
        closers.append(tracer_provider.shutdown)
    if metrics and type(metrics_api.get_meter_provider()).__name__ == "_ProxyMeterProvider":
        reader = PeriodicExportingMetricReader(OTLPMetricExporter())
        meter_provider = MeterProvider(resource=resource, metric_readers=[reader])
        metrics_api.set_meter_provider(meter_provider)
        closers.append(meter_provider.shutdown)
    return Exporting(closers)


@contextlib.contextmanager
def harvest_span(summary: Summary) -> Iterator[None]:
    """The harvest as one span, every SDK call under it, when a tracer is configured.

    It ends with the summary's counts (`patsnap.harvest.written`, ...).
    """
    trace_api = _configured_trace()
    if trace_api is None:
        yield
        return
    tracer = trace_api.get_tracer("patsnap_async.cli")
    with tracer.start_as_current_span(
        f"patsnap-async {summary.command}",
        attributes={"patsnap.harvest.command": summary.command},
    ) as span:
        try:
            yield
        finally:
            counts = {
                "written": summary.written,
                "missing": summary.missing,
                "failed": len(summary.failed),
                "unsent": summary.unsent,
                "requests": summary.requests,
                "retries": summary.retries,
                "rate_limited": summary.rate_limited,
                "billed_results": summary.billed_results,
                "cache_hits": summary.cache_hits,
                "billed_saved": summary.billed_saved,
            }
            span.set_attributes({f"patsnap.harvest.{k}": v for k, v in counts.items()})
            if summary.interrupted:
                span.set_attribute("patsnap.harvest.interrupted", True)


def _configured_trace() -> Any:
    """`opentelemetry.trace` when a tracer provider is set; else None (nothing imported)."""
    import sys

    trace_api = sys.modules.get("opentelemetry.trace")
    if trace_api is None:
        return None
    provider = trace_api.get_tracer_provider()
    return None if type(provider).__name__ == "ProxyTracerProvider" else trace_api
