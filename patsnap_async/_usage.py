"""The account's statement (PatSnap's "Statement of account V2") and this machine's side.

`statement` asks the platform for the calls and charges of each API over a range of
days (`POST /open-user/statement/v2`, `X-statement-v2` in the catalog), read into
`Statement` (pure: `parse_statement`). `compare` sets each API's line beside what this
machine recorded as billed over the same days: the rows of a `BilledLedger`, which the
record cache implements (`RecordCache.billed`), or `HarvestedLedger`, which counts the
records of harvest outputs.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

import attrs

from ._client import PatsnapClient
from ._converter import parse
from ._secret import hide

__all__ = [
    "ApiUsage",
    "BilledLedger",
    "BilledRow",
    "CountedUsage",
    "HarvestBilled",
    "HarvestedLedger",
    "Statement",
    "UsageLine",
    "compare",
    "day_bounds",
    "parse_statement",
    "statement",
    "tally",
]

#: The catalog's code of the statement of account.
STATEMENT_CODE = "X-statement-v2"
#: The first day a statement may cover: no account is older (a day before it is a typo).
FIRST_DAY = datetime.date(2000, 1, 1)


@attrs.frozen
class ApiUsage:
    """One API of a statement: its calls, and what it was charged (the platform's fields).

    Attributes:
        serial_number: its code (`P014`).
        request_path: its path (`/basic-patent-data/patent-family`).
        request_path_name: its name, `<cn>...</cn><us>...</us>` (see `name`).
        usage_times: calls.
        fee_times: chargeable times: for a lookup billed per record, its records.
        used_money: the amount charged.
    """

    serial_number: str | None = None
    request_path: str | None = None
    request_path_name: str | None = None
    usage_times: float | None = None
    fee_times: float | None = None
    used_money: float | None = None

    @property
    def name(self) -> str | None:
        """The English name, without its code: `Patent Family`."""
        return _english(self.request_path_name)


@attrs.frozen
class CountedUsage:
    """An API the account counts rather than charges (the platform's `combo_usage`)."""

    url: str | None = None
    url_name: str | None = None
    used_num: int | None = None
    usage_num: int | None = None

    @property
    def name(self) -> str | None:
        """The English name, without its code."""
        return _english(self.url_name)


@attrs.frozen
class Statement:
    """The platform's statement of account over a range of days.

    Attributes:
        usage: each charged API.
        combo_usage: each counted API.
        usage_money: the amount charged, all APIs together.
        combo_use_num: counted calls, all together.
        combo_usage_num: the counted calls the account has.
    """

    usage: tuple[ApiUsage, ...] = ()
    combo_usage: tuple[CountedUsage, ...] = ()
    usage_money: float | None = None
    combo_use_num: int | None = None
    combo_usage_num: int | None = None


def _english(name: str | None) -> str | None:
    """`<cn>[P042]全文附图</cn><us>[P042]Fulltext Image</us>` -> `Fulltext Image`."""
    if name is None:
        return None
    found = re.search(r"<us>(.*?)</us>", name, re.S)
    text = found.group(1) if found else re.sub(r"<[^>]*>", "", name)
    return re.sub(r"^\s*\[[^\]]*\]\s*", "", text).strip()


def parse_statement(data: Any) -> Statement:
    """The statement in the `data` of the platform's answer.

    Raises:
        MalformedResponseError: `data` is not a statement.
    """
    return parse(data, Statement)


def _date(name: str, value: object) -> datetime.date:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise TypeError(f"{name} must be a datetime.date, got {value!r}")
    if value < FIRST_DAY:
        raise ValueError(f"{name} {value} is before {FIRST_DAY}: no statement is that old")
    return value


def _compact(day: datetime.date) -> str:
    """`YYYYMMDD`, as the platform takes a day (`strftime("%Y")` pads no year < 1000)."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


async def statement(
    client: PatsnapClient,
    start: datetime.date,
    end: datetime.date,
    *,
    client_id: str | None = None,
    client_secret: str | None = None,
) -> Statement:
    """The account's calls and charges per API from `start` to `end`, both included.

    The platform asks for the client id and secret in the request's body, besides the
    client's own authentication.

    Args:
        client_id: the account's client id. Default: `PATSNAP_CLIENT_ID`.
        client_secret: its secret. Default: `PATSNAP_CLIENT_SECRET`.

    Raises:
        TypeError / ValueError: a bad date or range (a day before 2000-01-01 too), or no
            client id or secret (before anything is sent).
        APIError / TransportError: as any call.
    """
    first, last = _date("start", start), _date("end", end)
    if last < first:
        raise ValueError(f"end {last} is before start {first}")
    client_id = hide(client_id or os.environ.get("PATSNAP_CLIENT_ID"))
    client_secret = hide(client_secret or os.environ.get("PATSNAP_CLIENT_SECRET"))
    if not client_id or not client_secret:
        raise ValueError(
            "the statement of account needs the account's client id and secret, which the "
            "platform takes in the request's body: pass client_id= and client_secret= (or "
            "set PATSNAP_CLIENT_ID and PATSNAP_CLIENT_SECRET); an API key alone is not enough"
        )
    data = await client.call(
        STATEMENT_CODE,
        apikey=client_id,
        client_secret=client_secret,
        time_start=_compact(first),
        time_end=_compact(last),
    )
    return parse_statement(data)


class BilledRow(Protocol):
    """One line of a `BilledLedger`: what one lookup billed."""

    @property
    def endpoint(self) -> str:
        """The lookup's code (`P014`), or its name when it has none."""
        ...

    @property
    def path(self) -> str:
        """The lookup's path (`/basic-patent-data/patent-family`)."""
        ...

    @property
    def billed(self) -> int:
        """Records billed: returned by the platform to a lookup billed per record."""
        ...


class BilledLedger(Protocol):
    """What this machine recorded as billed, per lookup, over a time range.

    The record cache implements it (`RecordCache.billed`); `HarvestedLedger` counts the
    records of harvest outputs.
    """

    def billed(self, start: datetime.datetime, end: datetime.datetime) -> Iterable[BilledRow]:
        """What each lookup billed from `start` (included) to `end` (excluded).

        Args:
            start, end: aware datetimes; `day_bounds` gives those of a range of days.

        Returns:
            A row per lookup (a lookup may have several: they are added up), for the
            requests sent to the platform, not the answers a cache gave.
        """
        ...


def day_bounds(
    start: datetime.date, end: datetime.date, tz: datetime.tzinfo | None = None
) -> tuple[datetime.datetime, datetime.datetime]:
    """The instants the days from `start` to `end` (both included) begin and end:
    `(start 00:00, the day after end 00:00)`, aware.

    Args:
        tz: the days' time zone; None: this machine's.
    """
    after = end + datetime.timedelta(days=1)
    if tz is not None:
        return (
            datetime.datetime.combine(start, datetime.time(), tz),
            datetime.datetime.combine(after, datetime.time(), tz),
        )
    first = datetime.datetime.combine(start, datetime.time()).astimezone()
    return first, datetime.datetime.combine(after, datetime.time()).astimezone()


@attrs.frozen
class UsageLine:
    """One API: the statement's figures beside this machine's (None: not known).

    Attributes:
        code, path, name: the API.
        calls, charged, amount: the statement's `usage_times`, `fee_times`, `used_money`.
        billed_here: the records this machine recorded as billed; None without a ledger,
            or when it recorded none for this API.
    """

    code: str | None
    path: str | None
    name: str | None
    calls: float | None = None
    charged: float | None = None
    amount: float | None = None
    billed_here: int | None = None

    @property
    def differs(self) -> bool:
        """Both sides know the API and disagree on what was billed."""
        here, there = self.billed_here, self.charged
        return here is not None and (there is None or here != there)


def compare(found: Statement, billed: Iterable[BilledRow] | None) -> list[UsageLine]:
    """The statement's APIs, each beside what `billed` (a ledger's rows) says was billed
    here (matched by code, else by path), then the lookups `billed` names that the
    statement does not (their calls and charges None).

    Args:
        billed: `ledger.billed(*day_bounds(start, end))`; None: nothing to compare with.
    """
    here = None if billed is None else tally(billed)
    lines = []
    matched: set[str] = set()
    for api in found.usage:
        count = None
        if here is not None:
            keys = [k for k in (api.serial_number, api.request_path) if k and k in here]
            matched.update(keys)
            count = sum(here[k] for k in keys) if keys else None
        line = UsageLine(api.serial_number, api.request_path, api.name, billed_here=count)
        lines.append(
            attrs.evolve(line, calls=api.usage_times, charged=api.fee_times, amount=api.used_money)
        )
    for key, count in (here or {}).items():
        if key not in matched and count:
            lines.append(_unstated(key, count))
    return lines


def tally(rows: Iterable[BilledRow]) -> dict[str, int]:
    """Records billed per lookup, keyed by its code (`P014`), or by its path when its
    endpoint is no code of the catalog (a lookup declared on the fly)."""
    from . import catalog

    found: dict[str, int] = {}
    for row in rows:
        key = row.endpoint if row.endpoint in catalog.OPERATIONS else row.path
        found[key] = found.get(key, 0) + row.billed
    return found


def _unstated(key: str, count: int) -> UsageLine:
    """An endpoint this machine billed that the statement does not name."""
    from ._engines import resolve

    op = None
    with contextlib.suppress(KeyError, ValueError):
        op = resolve(key) if not key.startswith("/") else None
    if op is None:
        return UsageLine(None, key, None, billed_here=count)
    name = op.summary.replace(f"[{op.code}]", "").removeprefix(op.code).strip()
    return UsageLine(op.code, op.path, name, billed_here=count)


@attrs.frozen
class HarvestBilled:
    """The records one harvest output holds (a `BilledRow`)."""

    endpoint: str
    path: str
    billed: int


class HarvestedLedger:
    """A `BilledLedger` of harvest outputs: the records each one holds.

    A harvest's output records no time: each output counts whole, and one last
    written before the range starts is left out (it cannot hold a record of it). Only
    lookups billed per record count (`family`, `cited-by`, `get CODE`); their
    `.unmatched` records were billed too. `notes` says what was left out, and why.
    """

    def __init__(self, outputs: Iterable[str | os.PathLike[str]]) -> None:
        self.outputs = [Path(output) for output in outputs]
        #: What the last `billed` left out, and why.
        self.notes: list[str] = []

    def __repr__(self) -> str:
        return f"HarvestedLedger({[str(output) for output in self.outputs]!r})"

    def describe(self) -> list[str]:
        """`records in OUTPUT, ...`, then each output left out and why."""
        where = f"records in {', '.join(map(str, self.outputs))}"
        return [where, *self.notes]

    def billed(self, start: datetime.datetime, end: datetime.datetime) -> list[HarvestBilled]:
        """One row per output of a lookup billed per record: its records."""
        from ._engines import resolve

        self.notes = []
        rows = []
        for output in self.outputs:
            code = self._billed_code(output, start)
            if code is not None:
                records = _lines(output) + _lines(output.with_name(output.name + ".unmatched"))
                rows.append(HarvestBilled(code, resolve(code).path, records))
        return rows

    def _billed_code(self, output: Path, start: datetime.datetime) -> str | None:
        """The code of the lookup `output` harvested, if it counts; else None and a note."""
        from ._harvest._input import HarvestError
        from ._harvest._manifest import read_manifest

        why = None
        try:
            written = datetime.datetime.fromtimestamp(output.stat().st_mtime).astimezone()
            manifest = read_manifest(output.with_name(output.name + ".manifest.json"))
        except OSError as error:
            why = f"cannot read it: {error.strerror}"
        except HarvestError as error:
            why = str(error)
        else:
            code = _lookup_code(manifest)
            if manifest is None:
                why = "no manifest says what it harvested"
            elif code is None:
                why = "not a lookup billed per record"
            elif written < start:
                why = f"last written {written:%Y-%m-%d}, before the range"
            else:
                return code
        self.notes.append(f"{output} left out: {why}")
        return None


def _lookup_code(manifest: Mapping[str, Any] | None) -> str | None:
    """The code of the lookup billed per record a manifest names; None for any other."""
    from ._engines import resolve

    if manifest is None:
        return None
    command = manifest.get("command")
    code = {"family": "P014", "cited-by": "P015"}.get(str(command))
    if command == "get" and isinstance(manifest.get("endpoint"), str):
        code = manifest["endpoint"]
    if code is None:
        return None
    try:
        endpoint = resolve(code).endpoint
    except (KeyError, ValueError):
        return None
    billed = getattr(endpoint, "billed", False)
    return code if billed else None


def _lines(path: Path) -> int:
    """Complete lines of a file (0 if there is none)."""
    try:
        with open(path, "rb") as file:
            return sum(block.count(b"\n") for block in iter(lambda: file.read(1 << 20), b""))
    except FileNotFoundError:
        return 0
