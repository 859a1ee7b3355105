"""How long a cached record stays fresh: a table by what the record holds, overridable.

PatSnap updates its data weekly, but not every record changes at that pace. The
published text of a patent (claims, description, abstracts, their translations) never
changes once published; families and bibliographic data change when a family member
or a correction is published; forward citations grow as later patents cite; legal
status and legal events (litigation, licences, transfers, ...) change on any day;
valuations are recomputed. Records that carry a download link (a PDF, an image) may
carry one that expires: they are kept an hour. An id the platform answered without a
record is kept a day at most (a patent may be published tomorrow), whatever its lookup.

Codes are the catalog's (`patsnap-async endpoints --kind lookup`); a lookup described
on the fly (`client.batch`) has no code, and gets `DEFAULT_MAX_AGE`.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping
from typing import Final

from .._errors import ConfigurationError

__all__ = [
    "DEFAULT_MAX_AGE",
    "MAX_AGES",
    "MISSING_MAX_AGE",
    "Freshness",
    "parse_duration",
]

HOUR: Final = 3600.0
DAY: Final = 24 * HOUR

#: Each class of lookup: its maximum age in seconds, and the codes of its lookups.
CLASSES: Final[Mapping[str, tuple[float, tuple[str, ...]]]] = {
    # Published text: the document as filed and published does not change.
    "text": (180 * DAY, ("P018", "P019", "P043", "P044", "P045")),
    # Families, bibliography, citations made, classifications: change when a family
    # member, a correction or a reclassification is published.
    "bibliographic": (
        30 * DAY,
        ("P011", "P012", "P014", "P016", "P022", "P023", "P024", "P025", "P064"),
    ),
    # Forward citations: grow as later patents cite this one.
    "citations": (14 * DAY, ("P015",)),
    # Valuations: recomputed by the platform.
    "valuation": (7 * DAY, ("P035", "P036", "P037", "P038", "P039", "P040")),
    # Legal status and legal events (litigation, re-examination, licences, transfers,
    # pledges, customs, awards, SEPs, the UPC), and the aggregate that holds them.
    "legal": (
        1 * DAY,
        (
            "P013",
            "P041",
            "P026",
            "P027",
            "P028",
            "P029",
            "P030",
            "P031",
            "P032",
            "P033",
            "P034",
            "P046",
            "D301",
        ),
    ),
    # Download links (PDFs, images), which may be signed and expire.
    "links": (1 * HOUR, ("P020", "D008", "P021")),
}

#: The maximum age of each lookup's records by code, in seconds (see `CLASSES`).
MAX_AGES: Final[Mapping[str, float]] = {
    code: age for age, codes in CLASSES.values() for code in codes
}
#: The maximum age of records of a lookup the table does not name (`client.batch`).
DEFAULT_MAX_AGE: Final = 1 * DAY
#: The longest an id answered without a record is taken as still having none.
MISSING_MAX_AGE: Final = 1 * DAY

_DURATION: Final = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)
_UNITS: Final = {"": 1.0, "s": 1.0, "m": 60.0, "h": HOUR, "d": DAY, "w": 7 * DAY}


def parse_duration(text: str) -> float:
    """Seconds of `90`, `90s`, `15m`, `12h`, `30d` or `2w`.

    Raises:
        ValueError: anything else, named.
    """
    match = _DURATION.match(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not a duration such as 3600, 90m, 12h, 30d or 2w: {text!r}")
    return float(match[1]) * _UNITS[match[2].lower()]


def _seconds(name: str, value: object) -> float:
    """A maximum age given as seconds or a `timedelta`: finite and >= 0."""
    if isinstance(value, datetime.timedelta):
        value = value.total_seconds()
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigurationError(f"{name} must be seconds or a timedelta, got {value!r}")
    if not math.isfinite(value) or value < 0:
        raise ConfigurationError(f"{name} must be finite and >= 0, got {value!r}")
    return float(value)


class Freshness:
    """The maximum age of each lookup's records: the table, with a caller's overrides.

    Args:
        max_age: None: the table (`MAX_AGES`). Seconds or a `timedelta`: every lookup's.
            A mapping: by a lookup's code or name (`{"P013": 3600, "family": 0}`), the
            others as the table says.

    Raises:
        ConfigurationError: a negative, infinite or non-numeric age, named.
    """

    def __init__(self, max_age: object = None) -> None:
        self.every: float | None = None
        self.by_endpoint: dict[str, float] = {}
        if isinstance(max_age, Mapping):
            for name, age in max_age.items():
                if not isinstance(name, str) or not name.strip():
                    raise ConfigurationError(f"max_age keys are lookup codes or names: {name!r}")
                self.by_endpoint[name.strip()] = _seconds(f"max_age[{name!r}]", age)
        elif max_age is not None:
            self.every = _seconds("max_age", max_age)

    def of(self, code: str, name: str) -> float:
        """Seconds a record of the lookup `code` (or `name`, when it has no code) stays fresh."""
        if self.every is not None:
            return self.every
        for known in (code, name):
            if known and known in self.by_endpoint:
                return self.by_endpoint[known]
        return MAX_AGES.get(code, DEFAULT_MAX_AGE)

    def of_missing(self, code: str, name: str) -> float:
        """Seconds an id answered without a record stays answered so: at most a day."""
        return min(self.of(code, name), MISSING_MAX_AGE)

    def __repr__(self) -> str:
        if self.every is not None:
            return f"Freshness({self.every:g})"
        return f"Freshness({self.by_endpoint!r})" if self.by_endpoint else "Freshness()"
