"""The emulator's statement of account (`POST /open-user/statement/v2`), from its own log.

The platform's "Statement of account V2" answers the calls and charges of each API of
the account over a range of days. The emulator answers it from `Emulator.log`: every
business request it answered with success (HTTP 200, error code 0, no fault) on a day of
the range (the machine's local time), by path. A lookup the platform bills per record
(P014, P015, every lookup of the catalog) is charged the records it returned
(`Served.result_count`); any other API one charge per call. Each charge costs
`PRICE`. The token endpoint and the statement itself are left out.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, Final

from . import _codes
from ._endpoints import TOKEN_PATH, Answer, ApiError, invalid
from ._log import Served

__all__ = ["PRICE", "STATEMENT_PATH", "statement"]

STATEMENT_PATH: Final = "/open-user/statement/v2"
#: What the emulator charges for one charge (a record of a lookup, another call).
PRICE: Final = 0.01


def statement(
    body: Any,
    log: Iterable[Served],
    *,
    credentials: tuple[str, str],
    clock: float,
) -> Answer:
    """Answer the statement for the body's range from `log`.

    Args:
        body: the request's JSON body: `apikey`, `client_secret`, `time_start`,
            `time_end` (`YYYYMMDD`, both days included).
        credentials: the client id and secret the body must name.
        clock: `time.time() - loop.time()`: turns a `Served.time` into a wall time.

    Raises:
        ApiError: a field missing or not a date (68300004), or credentials that are not
            the account's (67200003).
    """
    if not isinstance(body, Mapping):
        raise invalid("the body must be a JSON object")
    if (body.get("apikey"), body.get("client_secret")) != credentials:
        raise ApiError(_codes.ACCESS_ERROR, "apikey and client_secret are not the account's")
    first, last = _day(body, "time_start"), _day(body, "time_end")
    if last < first:
        raise invalid(f"time_end {last} is before time_start {first}")
    served = [
        s
        for s in log
        if s.path not in (TOKEN_PATH, STATEMENT_PATH)
        and (s.http_status, s.error_code, s.fault) == (200, 0, None)
        and first <= datetime.date.fromtimestamp(s.time + clock) <= last
    ]
    usage = [_usage(path, [s for s in served if s.path == path]) for path in _paths(served)]
    money = round(sum(entry["used_money"] for entry in usage), 2)
    data = {
        "usage": usage,
        "combo_usage": [],
        "usage_money": money,
        "combo_use_num": 0,
        "combo_usage_num": 0,
    }
    return Answer(data, len(usage))


def _day(body: Mapping[str, Any], name: str) -> datetime.date:
    value = body.get(name)
    try:
        return datetime.datetime.strptime(str(value), "%Y%m%d").date()
    except ValueError:
        raise invalid(f"{name} must be a date as YYYYMMDD, got {value!r}") from None


def _paths(served: Iterable[Served]) -> list[str]:
    """The paths served, in the order first served."""
    return list(dict.fromkeys(s.path for s in served))


def _usage(path: str, served: list[Served]) -> dict[str, Any]:
    code, title, per_record = _operation(served[0].method, path)
    charged = sum(s.result_count for s in served) if per_record else len(served)
    return {
        "fee_times": charged,
        "used_money": round(charged * PRICE, 2),
        "usage_times": len(served),
        "request_path": path,
        "serial_number": code,
        "request_path_name": f"<cn>[{code}]{title}</cn><us>[{code}]{title}</us>",
    }


def _operation(method: str, path: str) -> tuple[str, str, bool]:
    """The code, title and per-record billing of the catalog's operation at `path`."""
    from .. import catalog  # the statement is asked rarely: the catalog loads then
    from .._endpoints import Lookup

    for op in catalog.OPERATIONS.values():
        if (op.method, op.path) == (method, path):
            title = op.summary.replace(f"[{op.code}]", "").removeprefix(op.code).strip()
            billed = isinstance(op.endpoint, Lookup) and op.endpoint.billed
            return op.code, title, billed
    return "", path, False
