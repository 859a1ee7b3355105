"""Deterministic values shaped by the OpenAPI schemas of PatSnap's answers.

`Synth.value(schema, seed)` makes a JSON value of a schema's shape. Every value is a
function of the seed and of its place in the answer (blake2b, as in `_data`), so the
same request gets the same answer in every process, whatever the emulator's `seed`.

Types follow the schema, not its example (PatSnap's examples often disagree with
their schemas); the example only shapes the value: a uuid stays a uuid, a date a date
in the same format, an identifier keeps its letters and gets new digits, a URL its
host, and other text is kept as it is. Arrays hold one to three items (one inside a
nested array); an array with no item schema mimics its example.

**One patent, the same everywhere.** An object with a `pn`, `patent_pn`,
`patent_number` or `patent_id` field is a patent's record. Its values are seeded by its
publication number and their path inside it, not by the request: so the same patent
shows the same values at the same paths whichever endpoint answers (P011 and P012
share their `bibliographic_data`), and its `patent_id` is the one `_patent_ids` gives
its number. The facts of a patent (title, dates, country, kind, assignee, application
number) are derived from its number alone and written wherever a field names them
(`FACTS`): its title is the same under D301's `title`, P043's `title` and P012's
`invention_title`. The patent an answer is about (a lookup's record, a listing's item)
is given as `subject`; the patents nested in an answer get numbers of their own.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from ._data import stable_hash
from ._patent_ids import patent_uuid
from ._shapes import Schema

__all__ = ["FACTS", "Patent", "Synth", "facts", "patent_number"]

#: Fields naming a publication number, and a patent id (an array's items too).
_PN_FIELDS: Final = frozenset(
    {
        "pn",
        "pns",
        "patent_pn",
        "patent_number",
        "patent_numbers",
        "pn_related",
        "publication_number",
    }
)
_PATENT_ID_FIELDS: Final = frozenset({"patent_id", "patent_ids"})
#: Fields that make an object a patent's record: they name its number.
_OWN_NUMBER: Final = ("pn", "patent_pn", "patent_number")
#: Fields whose example is a code (a status, a type) to keep, not a count to vary.
_CODE_SUFFIXES: Final = ("status", "code", "type")
_ID_SUFFIXES: Final = ("id", "_no", "_num", "_number", "number")
_DATE_NAMES: Final = ("date", "_dt", "apdt", "pbdt", "exdt", "isd")
_MAX_REFS: Final = 24  # schemas followed into one another, at most
_MAX_ITEMS: Final = 3
_COUNTRIES: Final = ("US", "EP", "CN", "JP", "WO", "KR", "DE")
_KINDS: Final = ("A1", "A", "B1", "B2", "U")
_TITLES: Final = (
    "一种基于虚拟现实的交互式训练系统",
    "半導体装置及びその製造方法",
    "Vorrichtung zur Überwachung eines Fahrzeugs",
    "Head-mounted display with eye tracking",
    "Battery electrode with a layered cathode",
    "Method for purifying a recombinant antibody",
)
_ASSIGNEES: Final = (
    "Example Devices Inc.",
    "株式会社サンプル",
    "Beispiel GmbH",
    "示例科技有限公司",
)
_EPOCH: Final = datetime.date(1995, 1, 1)
_UUID: Final = re.compile(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_HEX: Final = re.compile(r"(?=.*[a-f])[0-9a-f]{16,}")  # digits alone: a number
_DASHED_DATE: Final = re.compile(r"(19|20)\d\d-[01]\d-[0-3]\d")
_DIGIT_DATE: Final = re.compile(r"(19|20)\d\d[01]\d[0-3]\d")
_PN_SHAPE: Final = re.compile(r"([A-Z]{2})(.*?)([A-Z]\d?)?")

#: Paths inside a patent's record that name one of its facts (`[]`: any item).
FACTS: Final[Mapping[str, str]] = {
    "title": "title",
    "title[].text": "title",
    "bibliographic_data.invention_title[].text": "title",
    "application_date": "application_date",
    "apdt": "application_date",
    "app_date": "application_date",
    "bibliographic_data.application_reference.date": "application_date",
    "publication_date": "publication_date",
    "pbdt": "publication_date",
    "bibliographic_data.publication_reference.date": "publication_date",
    "priority_date": "priority_date",
    "earliest_priority_date": "priority_date",
    "country": "country",
    "registration_country": "country",
    "bibliographic_data.publication_reference.country": "country",
    "bibliographic_data.application_reference.country": "country",
    "kind": "kind",
    "bibliographic_data.publication_reference.kind": "kind",
    "bibliographic_data.publication_reference.doc_number": "doc_number",
    "apno": "application_number",
    "bibliographic_data.application_reference.apno": "application_number",
    "current_assignee": "assignee",
    "original_assignee": "assignee",
}


@attrs.frozen
class Patent:
    """A patent: its publication number and the `patent_id` `_patent_ids` gives it."""

    pn: str
    patent_id: str

    @classmethod
    def numbered(cls, pn: str) -> Patent:
        """The patent numbered `pn`."""
        return cls(pn, patent_uuid(pn))


def patent_number(h: int) -> str:
    """A publication number drawn from `h` (13 or 14 characters, e.g. `CN2013123456A`)."""
    country = _COUNTRIES[h % len(_COUNTRIES)]
    kind = _KINDS[(h >> 40) % len(_KINDS)]
    return f"{country}{2000 + (h >> 8) % 24}{(h >> 16) % 10**6:06d}{kind}"


def facts(pn: str) -> dict[str, str | int]:
    """What the emulator says of patent `pn` wherever it names it (see `FACTS`)."""
    h = stable_hash("patent", pn)
    applied = _EPOCH + datetime.timedelta(days=h % 10_000)
    priority = applied - datetime.timedelta(days=(h >> 16) % 366)
    published = applied + datetime.timedelta(days=180 + (h >> 28) % 900)
    shape = _PN_SHAPE.fullmatch(pn)
    country, number, kind = shape.groups("") if shape else ("", pn, "")
    return {
        "title": _TITLES[(h >> 40) % len(_TITLES)],
        "application_date": _yyyymmdd(applied),
        "publication_date": _yyyymmdd(published),
        "priority_date": _yyyymmdd(priority),
        "country": country,
        "kind": kind,
        "doc_number": number,
        "application_number": f"{country}{applied.year}{(h >> 20) % 10**8:08d}.{h % 10}",
        "assignee": _ASSIGNEES[(h >> 48) % len(_ASSIGNEES)],
    }


class _At:
    """Where a value is made: a hash of its seed and path, and the patent it belongs to.

    The hash of a place is the hash of its parent's and its name (or index), so a value
    is a function of the seed and of the path from it. `key` is that path as `FACTS`
    spells it (`bibliographic_data.invention_title[].text`).
    """

    __slots__ = ("arrays", "h", "key", "name", "patent", "refs")

    def __init__(
        self,
        h: int,
        key: str = "",
        name: str = "",
        patent: Patent | None = None,
        arrays: int = 0,
        refs: frozenset[str] = frozenset(),
    ) -> None:
        self.h, self.key, self.name, self.patent = h, key, name, patent
        self.arrays, self.refs = arrays, refs

    @classmethod
    def root(cls, seed: str, patent: Patent | None = None, parent: _At | None = None) -> _At:
        """The top of a value seeded by `seed` (inside `parent`'s arrays and references)."""
        arrays, refs = (0, frozenset[str]()) if parent is None else (parent.arrays, parent.refs)
        return cls(stable_hash(seed), patent=patent, arrays=arrays, refs=refs)

    def child(self, name: str) -> _At:
        key = f"{self.key}.{name}" if self.key else name
        return _At(_mix(self.h, name), key, name, self.patent, self.arrays, self.refs)

    def item(self, index: int) -> _At:
        h = _mix(self.h, index)
        return _At(h, self.key + "[]", self.name, self.patent, self.arrays + 1, self.refs)

    def through(self, ref: str) -> _At:
        """The same place, reached through the schema `ref`."""
        return _At(self.h, self.key, self.name, self.patent, self.arrays, self.refs | {ref})

    def fact(self) -> str | None:
        """The fact of its patent this place names, if any."""
        return None if self.patent is None else FACTS.get(self.key)


class Synth:
    """Makes values of the shapes `resolve` finds (see the module's docstring)."""

    def __init__(self, resolve: Callable[[Schema | None], Schema]) -> None:
        self._resolve = resolve

    def value(self, schema: Schema | None, seed: str, *, subject: Patent | None = None) -> Any:
        """A value of `schema`, seeded by `seed`; `subject`: the patent it is a record of."""
        node = self._resolve(schema)
        if subject is not None and _names_patent(self._fields(node)):
            return self._record(node, _At.root(subject.pn, subject))
        return self._make(node, _At.root(seed))

    def _fields(self, node: Schema) -> Mapping[str, Schema]:
        fields = node.get("properties")
        return fields if isinstance(fields, Mapping) else {}

    def _make(self, node: Schema, at: _At) -> Any:
        ref = node.get("$ref")
        if ref is not None:
            if ref in at.refs or len(at.refs) > _MAX_REFS:
                return None  # a schema containing itself: stop
            return self._make(self._resolve(node), at.through(ref))
        kind = node.get("type")
        if kind == "object" or "properties" in node:
            return self._object(node, at)
        if kind == "array":
            return self._array(node, at)
        return _leaf(node, kind, at)

    def _object(self, node: Schema, at: _At) -> Any:
        fields = self._fields(node)
        if not fields:
            example = node.get("example")
            return _mimic(example, at.h) if isinstance(example, dict) else {}
        if _names_patent(fields):
            patent = Patent.numbered(patent_number(at.h))
            return self._record(node, _At.root(patent.pn, patent, at))
        return {name: self._make(sub, at.child(name)) for name, sub in fields.items()}

    def _record(self, node: Schema, at: _At) -> dict[str, Any]:
        """A patent's record (`at.patent`), seeded by its number."""
        assert at.patent is not None
        fields = self._fields(node)
        record = {name: self._make(sub, at.child(name)) for name, sub in fields.items()}
        for name in _OWN_NUMBER:
            if isinstance(record.get(name), str):
                record[name] = at.patent.pn
        if "patent_id" in record:
            record["patent_id"] = at.patent.patent_id
        return record

    def _array(self, node: Schema, at: _At) -> list[Any]:
        h = at.h
        count = 1 + h % _MAX_ITEMS if at.arrays < 1 else 1
        items = node.get("items")
        example = node.get("example")
        if items is None and isinstance(example, list) and example:
            # No item schema: items like the example's (the same count as with one).
            return [_mimic(example[i % len(example)], at.item(i).h) for i in range(count)]
        return [self._make(items or {"type": "string"}, at.item(i)) for i in range(count)]


def _names_patent(fields: Mapping[str, Any]) -> bool:
    return "patent_id" in fields or any(name in fields for name in _OWN_NUMBER)


def _leaf(node: Schema, kind: object, at: _At) -> Any:
    """A string, number or boolean: a fact of its patent, else drawn from its place."""
    example = node.get("example")
    fact = at.fact()
    if fact is not None:
        assert at.patent is not None
        return _as_type(facts(at.patent.pn)[fact], kind, example)
    h = at.h
    if kind in ("string", "file"):
        return _string(at.name, node.get("format"), example, h)
    if kind == "integer":
        return _integer(at.name, example, h)
    if kind == "number":
        return _number(example, h)
    if kind == "boolean":
        return bool(h & 1)
    return _mimic(example, h)


def _as_type(value: str | int, kind: object, example: object) -> Any:
    """A fact as the field's type (a date as `YYYY-MM-DD` where its example is so)."""
    if kind == "integer":
        return value if isinstance(value, int) else int(re.sub(r"\D", "", value) or 0)
    if isinstance(value, int) and isinstance(example, str) and "-" in example:
        text = str(value)
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return str(value)


def _string(name: str, fmt: object, example: object, h: int) -> str:
    if name in _PN_FIELDS:
        return patent_number(h)
    if name in _PATENT_ID_FIELDS:
        return patent_uuid(patent_number(h))
    if fmt == "date-time":
        return f"{_day(h).isoformat()}T{h % 24:02d}:{(h >> 5) % 60:02d}:{(h >> 11) % 60:02d}Z"
    if isinstance(example, int | float) and not isinstance(example, bool):
        return str(
            _number(example, h) if isinstance(example, float) else _integer(name, example, h)
        )
    if not isinstance(example, str) or _placeholder(example):
        return f"{name or 'text'}-{h % 10**6:06d}"
    return _reshape(name, example, h)


def _reshape(name: str, example: str, h: int) -> str:
    """A string shaped like `example`: new digits for an identifier, date or URL."""
    shape = _shape(example, name.endswith(_ID_SUFFIXES))
    if shape == "uuid":
        text = f"{_mix(h, 1):016x}{_mix(h, 2):016x}"
        return f"{text[:8]}-{text[8:12]}-4{text[13:16]}-a{text[17:20]}-{text[20:32]}"
    if shape == "hex":
        digits = "".join(f"{_mix(h, k):016x}" for k in range(len(example) // 16 + 1))
        return digits[: len(example)]
    if shape == "dashed date":
        return _day(h).isoformat()
    if shape == "date":
        return str(_yyyymmdd(_day(h)))
    if shape == "url":
        scheme, _, rest = example.partition("://")
        return f"{scheme}://{rest.split('/', 1)[0]}/{h:016x}"
    if shape == "identifier":
        stream = iter(f"{_mix(h, 1):020d}{_mix(h, 2):020d}" * 4)
        return "".join(next(stream) if c.isdigit() else c for c in example)
    return example


@functools.lru_cache(maxsize=4096)
def _shape(example: str, names_an_id: bool) -> str:
    """What `example` is, for `_reshape` (once per example: there are a few thousand)."""
    if _UUID.fullmatch(example):
        return "uuid"
    if _HEX.fullmatch(example):
        return "hex"
    if _DASHED_DATE.fullmatch(example):
        return "dashed date"
    if _DIGIT_DATE.fullmatch(example):
        return "date"
    if example.startswith(("http://", "https://")):
        return "url"
    if names_an_id and any(c.isdigit() for c in example):
        return "identifier"
    return "text"


def _mix(h: int, part: object) -> int:
    """`stable_hash(h, part)`, the same value, without its generality (it runs per node)."""
    digest = hashlib.blake2b(f"{h}\x1f{part}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def _placeholder(example: str) -> bool:
    """Whether an example says nothing of the value (`"Please check the form: X"`)."""
    return not example.strip() or example.startswith("Please check") or example == "no sample"


def _integer(name: str, example: object, h: int) -> int:
    ex = _as_number(example)
    if ex is not None and name.endswith(_CODE_SUFFIXES):
        return int(ex)
    if name.endswith(_DATE_NAMES) or (ex is not None and 18_000_101 <= ex <= 21_001_231):
        return _yyyymmdd(_day(h))
    if ex is not None and 1900 <= ex <= 2100 and "year" in name:
        return _day(h).year
    if ex is not None and 10**12 <= ex < 10**14:  # epoch milliseconds
        return 946_684_800_000 + h % (25 * 365 * 86_400_000)
    if ex is not None and abs(ex) >= 10**15:  # a long identifier, below 2**63 (a long)
        return 10**18 + h % (8 * 10**18)
    return h % int(2 * abs(ex or 0) + 10)


def _number(example: object, h: int) -> float:
    ex = _as_number(example)
    if ex is None or 0 <= ex <= 1:
        return round((h % 10_001) / 10_000, 4)
    return round((h % 100_001) / 100_000 * (2 * abs(ex) + 1), 2)


def _as_number(example: object) -> float | None:
    """The example as a number (a JSON number, or a string of one); None if none."""
    if isinstance(example, bool):
        return None
    if isinstance(example, int | float):
        return example
    if isinstance(example, str):
        try:
            return float(example) if "." in example or "e" in example else int(example)
        except ValueError:
            return None
    return None


def _mimic(example: object, h: int) -> Any:
    """A value shaped like `example`: its containers and text kept, its numbers varied."""
    if isinstance(example, dict):
        return {k: _mimic(v, _mix(h, k)) for k, v in example.items()}
    if isinstance(example, list):
        return [_mimic(v, _mix(h, i)) for i, v in enumerate(example[:_MAX_ITEMS])]
    if isinstance(example, bool) or example is None or isinstance(example, str):
        return example
    if isinstance(example, int):
        return h % (2 * abs(example) + 10)
    if isinstance(example, float):
        return _number(example, h)
    return None


def _day(h: int) -> datetime.date:
    return _EPOCH + datetime.timedelta(days=h % 11_000)


def _yyyymmdd(day: datetime.date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day
