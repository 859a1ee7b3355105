"""Fault injection: one-shot injected faults and seeded random fault rates.

A fault replaces a business call's normal answer (after authentication, before the
endpoint runs, so a faulted call has no side effects such as creating or advancing a
job). Injected faults are consumed first, in the order they were queued; only when none
matches does the seeded random draw decide.

Besides errors and dropped connections, a fault can be an odd answer of HTTP 200 (the
body `odd_body` builds):

- ``"malformed"``: JSON cut short, as a torn answer;
- ``"empty"``: the success envelope with no ``data``, ``{"status": true, "error_code": 0}``;
- ``"wrong_shape"``: ``data`` of the other JSON type than the endpoint's (an object
  where a batch answers an array, an array where a page answers an object);
- ``"wrong_types"``: ``data`` of the right type whose fields have the wrong types;
- ``"deep"``: ``data`` nested 100 000 arrays deep (too deep for Python's JSON parser);
- ``"gzip_bomb"``: a gzip body of about 8 KiB that inflates to `GZIP_BOMB_BYTES` of
  valid JSON (an empty ``data`` padded with spaces).
"""

from __future__ import annotations

import functools
import gzip
import json
import random
from collections.abc import Mapping
from typing import Final

import attrs

from .. import _validate as check
from .._errors import ConfigurationError
from . import _codes
from . import _endpoints as ep

__all__ = ["GZIP_BOMB_BYTES", "ODD_KINDS", "Fault", "FaultPlan", "FaultRates", "odd_body"]

#: Odd answers of HTTP 200 a fault can send (see the module docstring).
ODD_KINDS: Final = frozenset(
    {"malformed", "empty", "wrong_shape", "wrong_types", "deep", "gzip_bomb"}
)
INJECT_KINDS: Final = frozenset({"error", "drop"}) | ODD_KINDS
#: Bytes the ``"gzip_bomb"`` answer inflates to (8 MiB): set a client's
#: `max_response_bytes` below it to see the answer refused.
GZIP_BOMB_BYTES: Final = 8 * 1024 * 1024
#: Arrays the ``"deep"`` answer nests.
DEEP_LEVELS: Final = 100_000
_SERVER_ERROR_STATUSES: Final = (500, 502, 503)
_MALFORMED_BODY: Final = b'{"data": {"results": [{"pn": "US11205304B2", "patent_id": "718e'
# Endpoints whose data is an array; every other one answers an object.
_ARRAY_PATHS: Final = frozenset(
    {ep.FAMILY_PATH, ep.CITED_BY_PATH, ep.SEQUENCE_JOB_PATH, ep.MOTIF_JOB_PATH}
)


def _copy_rates(rates: Mapping[int, float]) -> dict[int, float]:
    """Copy *rates* so a FaultRates never shares a mutable dict with its caller."""
    return dict(rates)


@attrs.frozen
class FaultRates:
    """Probabilities of random faults on each business call (never on ``/oauth/token``).

    The rates are exclusive outcomes of one draw per call, so they must sum to at most 1.

    Attributes:
        server_error: HTTP 500/502/503, with a JSON or an HTML body.
        error_codes: Error code to rate, each answered as HTTP 200 with
            ``{"status": false, "error_code": code, "error_msg": ...}``.
        drop: Close the connection without answering (client sees ServerDisconnected).
        malformed: HTTP 200 with a body that is not valid JSON.
        empty: HTTP 200 with the success envelope and no ``data``.
        wrong_shape: HTTP 200 with ``data`` of the other JSON type than the endpoint's.
        wrong_types: HTTP 200 with ``data`` whose fields have the wrong types.
    """

    server_error: float = 0.0
    error_codes: Mapping[int, float] = attrs.field(factory=dict, converter=_copy_rates)
    drop: float = 0.0
    malformed: float = 0.0
    empty: float = 0.0
    wrong_shape: float = 0.0
    wrong_types: float = 0.0

    def __attrs_post_init__(self) -> None:
        """Reject rates outside [0, 1] or summing to more than 1 (`ConfigurationError`)."""
        named = {**self._odd(), "server_error": self.server_error, "drop": self.drop}
        named |= {f"error_codes[{code}]": rate for code, rate in self.error_codes.items()}
        rates = [check.number(n, r, minimum=0, maximum=1, setting=True) for n, r in named.items()]
        if sum(rates) > 1.0 + 1e-9:
            raise ConfigurationError(f"fault rates must sum to at most 1, got {sum(rates)}")

    def _odd(self) -> dict[str, float]:
        """The rates of odd answers, by fault kind."""
        return {
            "malformed": self.malformed,
            "empty": self.empty,
            "wrong_shape": self.wrong_shape,
            "wrong_types": self.wrong_types,
        }


@attrs.frozen
class Fault:
    """How one faulted request is answered.

    Attributes:
        kind: ``"error"``, ``"server_error"`` (HTTP status >= 500), ``"drop"``, or one
            of `ODD_KINDS`; recorded as :attr:`Served.fault`.
        http_status: Status to answer with (unused for drops).
        error_code: Code of the JSON error body; None sends a non-JSON (HTML) body.
    """

    kind: str
    http_status: int = 200
    error_code: int | None = None


@attrs.define
class _Injection:
    """A queued one-shot fault and how many more requests it answers."""

    fault: Fault
    remaining: int
    path: str | None

    def matches(self, path: str, *, business: bool) -> bool:
        """Tell whether this injection applies to a request for *path*.

        None matches any business endpoint; an explicit prefix matches any path
        (so ``path="/oauth/token"`` can fault token requests).
        """
        if self.path is None:
            return business
        return path.startswith(self.path)


def _error_fault(http_status: int, error_code: int | None) -> Fault:
    """Return an error fault, named ``server_error`` for 5xx statuses."""
    kind = "server_error" if http_status >= 500 else "error"
    return Fault(kind, http_status, error_code)


def injected_fault(kind: str, error_code: int | None, http_status: int | None) -> Fault:
    """Return the fault :meth:`Emulator.inject` queues, validating its arguments."""
    if kind not in INJECT_KINDS:
        raise ValueError(f"kind must be one of {sorted(INJECT_KINDS)}, got {kind!r}")
    if kind == "drop":
        if error_code is not None or http_status is not None:
            raise ValueError("a 'drop' fault sends no response: give no error_code/http_status")
        return Fault("drop", 0)
    if kind in ODD_KINDS:
        if error_code is not None:
            raise ValueError(f"a {kind!r} fault has no error_code")
        return Fault(kind, http_status or 200)
    if error_code is None and http_status is None:
        raise ValueError("an 'error' fault needs error_code, http_status or both")
    return _error_fault(http_status or 200, error_code)


class FaultPlan:
    """Decides, request by request, whether and how to fault."""

    def __init__(self, rates: FaultRates | None, seed: int) -> None:
        """Create a plan with no injected faults.

        Args:
            rates: Random fault rates; None means no random faults.
            seed: Seed of the random draws (one per business call without an
                injected fault, plus one more to shape a server error).
        """
        self._rates = rates
        self._rng = random.Random(seed)
        self._queue: list[_Injection] = []

    def inject(self, fault: Fault, *, times: int, path: str | None) -> None:
        """Queue *fault* for the next *times* requests matching *path*."""
        if times < 1:
            raise ValueError(f"times must be >= 1, got {times}")
        self._queue.append(_Injection(fault, times, path))

    def pick(self, path: str, *, business: bool) -> Fault | None:
        """Return the fault for this request, or None to answer it normally."""
        for injection in self._queue:
            if injection.matches(path, business=business):
                injection.remaining -= 1
                if injection.remaining == 0:
                    self._queue.remove(injection)
                return injection.fault
        if business and self._rates is not None:
            return self._draw(self._rates)
        return None

    def _draw(self, rates: FaultRates) -> Fault | None:
        """Draw a random fault according to *rates*."""
        roll = self._rng.random()
        if roll < rates.server_error:
            status = self._rng.choice(_SERVER_ERROR_STATUSES)
            # Half the gateway errors carry a JSON body, half an HTML page.
            if self._rng.random() < 0.5:
                return _error_fault(status, None)
            code = _codes.BUSY if status == 503 else _codes.SERVICE_ERROR
            return _error_fault(status, code)
        roll -= rates.server_error
        for code, rate in sorted(rates.error_codes.items()):
            if roll < rate:
                return _error_fault(200, code)
            roll -= rate
        if roll < rates.drop:
            return Fault("drop", 0)
        roll -= rates.drop
        for kind, rate in rates._odd().items():
            if roll < rate:
                return Fault(kind, 200)
            roll -= rate
        return None


def odd_body(kind: str, path: str, *, array: bool | None = None) -> tuple[bytes, dict[str, str]]:
    """The body and extra headers of an odd answer of `kind` (one of `ODD_KINDS`) to `path`.

    `array`: whether the endpoint's `data` is an array; None: as the hand-answered
    endpoints' are (`_ARRAY_PATHS`).
    """
    if array is None:
        array = path in _ARRAY_PATHS
    if kind == "malformed":
        return _MALFORMED_BODY, {}
    if kind == "empty":
        return _envelope(), {}
    if kind == "wrong_shape":
        return _envelope({} if array else []), {}
    if kind == "wrong_types":
        # Every model has one of these fields, each here of another type than documented.
        wrong: object = (
            [{"pn": 11205304, "patent_id": ["718e"]}]
            if array
            else {"total": "1000", "total_search_result_count": "1000", "status": 2}
        )
        return _envelope(wrong), {}
    if kind == "deep":
        return _deep_body(), {}
    if kind == "gzip_bomb":
        return _gzip_bomb(), {"Content-Encoding": "gzip"}
    raise ValueError(f"not an odd answer: {kind!r}")


def _envelope(*data: object) -> bytes:
    payload = {"status": True, "error_code": 0} | ({"data": data[0]} if data else {})
    return json.dumps(payload).encode()


@functools.cache
def _deep_body() -> bytes:
    return b'{"status": true, "error_code": 0, "data": %s%s}' % (
        b"[" * DEEP_LEVELS,
        b"]" * DEEP_LEVELS,
    )


@functools.cache
def _gzip_bomb() -> bytes:
    head = b'{"status": true, "error_code": 0, "data": ['
    tail = b"]}"
    padding = b" " * (GZIP_BOMB_BYTES - len(head) - len(tail))
    return gzip.compress(head + padding + tail, compresslevel=9, mtime=0)
