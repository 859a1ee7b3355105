"""Deterministic synthetic records shaped like the PatSnap documentation examples.

Every function here is pure: the same inputs give the same record in every process
(hashes are blake2b/shake, never Python's salted ``hash``), whatever the emulator's
``seed``. Long lists (search hits, a sequence's patents) are generated item by item,
so a page of a million-item list costs only the page.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from collections.abc import Mapping
from typing import Any, Final

from ._patent_ids import is_patent_number, patent_number_of, patent_uuid

__all__ = [
    "HIT_SORT_FIELDS",
    "cited_by_record",
    "family_record",
    "first_sequence_patents",
    "hit_record",
    "hit_scores",
    "hit_seq_id",
    "identity_by_id",
    "identity_by_number",
    "is_unknown",
    "job_id_for",
    "patent_number_of",
    "patent_uuid",
    "search_result",
    "search_total",
    "sequence_patent",
    "sequence_patent_total",
]

Record = dict[str, Any]

#: Fields a job's results can be sorted on (B003/4-1 ``sort_field.field``).
HIT_SORT_FIELDS: Final = (
    "perc_identity",
    "q_perc_identity",
    "s_perc_identity",
    "q_coverage",
    "s_coverage",
    "evalue",
)

_COUNTRIES: Final = ("US", "EP", "CN", "JP", "WO", "KR", "DE")
_KINDS: Final = ("A1", "A", "B1", "B2", "U")
_CITE_TYPES: Final = ("APP", "EXA", "OPP", "TPO", "OTHER")
_CATEGORIES: Final = ("X", "Y", "A")
_LOCATION_KEYS: Final = ("APP", "FIG", "PAGE", "ANNEX", "TABLE", "EXAMPLE")
_TITLES: Final = (
    "核磁共振陀螺中抑制碱金属原子极化磁场影响的有效方法",
    "一种基于虚拟现实的交互式训练系统",
    "半導体装置及びその製造方法",
    "Vorrichtung zur Überwachung eines Fahrzeugs",
    "Procédé de fabrication d'un élément optique",
    "Head-mounted display with eye tracking",
)
_INVENTORS: Final = ("张燚", "汪之国", "李佳佳", "Jane Doe", "山田太郎", "Müller Jörg")
_ASSIGNEES: Final = (
    "中国人民解放军国防科技大学",
    "Example Devices Inc.",
    "株式会社サンプル",
    "Beispiel GmbH",
)
_PROTEIN: Final = "ACDEFGHIKLMNPQRSTVWY"
_NUCLEOTIDE: Final = "ACGT"
_FIRST_HIT_SEQ_ID: Final = 834879
_HIT_SEQ_ID_STEP: Final = 7919
_DEFAULT_PATENT_TOTAL_MODULUS: Final = 300


def stable_hash(*parts: object) -> int:
    """Return a 64-bit hash of *parts* that is the same in every process."""
    text = "\x1f".join(str(part) for part in parts)
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def _stream(length: int, *parts: object) -> bytes:
    """Return *length* deterministic pseudo-random bytes derived from *parts*."""
    seed = "\x1f".join(str(part) for part in parts).encode()
    return hashlib.shake_128(seed).digest(length)


# --- P014 / P015: patents looked up by id ------------------------------------------


def is_unknown(pn: str, patent_id: str, unknown_ids: frozenset[str]) -> bool:
    """Tell whether the platform has no record of the patent *pn* / *patent_id*.

    Args:
        pn: Its publication number.
        patent_id: Its patent id.
        unknown_ids: Extra unknown numbers and ids, already stripped and upper-cased:
            either name makes the patent unknown by both.
    """
    return pn.startswith("UNKNOWN") or pn in unknown_ids or patent_id.upper() in unknown_ids


def identity_by_number(raw_number: str) -> tuple[str, str] | None:
    """Return ``(pn, patent_id)`` of a patent looked up by publication number.

    None when *raw_number* is no patent number (a patent id given as one, say).
    """
    pn = raw_number.strip().upper()
    return (pn, patent_uuid(pn)) if is_patent_number(pn) else None


def identity_by_id(raw_id: str) -> tuple[str, str] | None:
    """Return ``(pn, patent_id)`` of a patent looked up by patent id.

    None when *raw_id* is the id of no patent (a patent number given as one, say).
    """
    patent_id = raw_id.strip().lower()
    pn = patent_number_of(patent_id)
    return None if pn is None else (pn, patent_id)


def _family_members(pn: str, family: str) -> list[Record]:
    """Return the 1 to 4 members of one family of *pn*."""
    count = 1 + stable_hash("family", family, pn) % 4
    members = []
    for sequence in range(1, count + 1):
        h = stable_hash("member", family, pn, sequence)
        members.append(
            {
                "kind": _KINDS[h % len(_KINDS)],
                "country": _COUNTRIES[(h >> 8) % len(_COUNTRIES)],
                "sequence": sequence,
                "doc_number": f"{2000 + (h >> 16) % 25}{(h >> 24) % 10**7:07d}",
            }
        )
    return members


def _family_id(pn: str, family: str) -> int:
    """Return a positive int32 family id."""
    return 100_000_000 + stable_hash("family-id", family, pn) % 900_000_000


def family_record(pn: str, patent_id: str) -> Record:
    """Return the P014 record of one patent."""
    return {
        "pn": pn,
        "patent_id": patent_id,
        "patent_family": {
            "simple_family": _family_members(pn, "simple"),
            "inpadoc_family": _family_members(pn, "inpadoc"),
            "patsnap_family": _family_members(pn, "patsnap"),
            "simple_family_id": _family_id(pn, "simple"),
            "inpadoc_family_id": _family_id(pn, "inpadoc"),
            "patsnap_family_id": _family_id(pn, "patsnap"),
        },
    }


def _citing_patent(pn: str, index: int) -> Record:
    """Return the *index*-th patent citing *pn*, with every example field."""
    h = stable_hash("citing", pn, index)
    country = ("CN", "US", "EP", "JP", "KR")[h % 5]
    year = 2005 + (h >> 4) % 19
    apdt = year * 10000 + (1 + (h >> 12) % 12) * 100 + 1 + (h >> 16) % 28
    doc_number = f"{year}{(h >> 20) % 10**7:07d}"
    kind = ("A", "A1", "B2")[(h >> 28) % 3]
    inventors = [_INVENTORS[(h >> (30 + 3 * j)) % len(_INVENTORS)] for j in range(1 + h % 3)]
    assignee = _ASSIGNEES[(h >> 40) % len(_ASSIGNEES)]
    return {
        "pn": f"{country}{doc_number}{kind}",
        "apdt": apdt,
        "apno": f"{country}{year}{(h >> 24) % 10**8:08d}.{(h >> 52) % 10}",
        "kind": kind,
        "pbdt": apdt + 10000,
        "title": _TITLES[(h >> 44) % len(_TITLES)],
        "country": country,
        "category": [c for j, c in enumerate(_CATEGORIES) if (h >> (48 + j)) & 1] or ["X"],
        "inventor": "|".join(dict.fromkeys(inventors)),
        "sequence": index + 1,
        "cite_type": [_CITE_TYPES[(h >> 56) % len(_CITE_TYPES)]],
        "doc_number": doc_number,
        "current_assignee": assignee,
        "original_assignee": assignee,
    }


def cited_by_record(pn: str, patent_id: str) -> Record:
    """Return the P015 record of one patent (0 to 3 citing patents)."""
    h = stable_hash("cited", pn)
    count = h % 4
    cited_5y = count + (h >> 4) % 3
    simple = count + (h >> 12) % 3
    inpadoc = simple + (h >> 16) % 2
    return {
        "pn": pn,
        "patent_id": patent_id,
        "patent_cited": {
            "cited_by_3y": (h >> 8) % (cited_5y + 1),
            "cited_by_5y": cited_5y,
            "cited_by_patents": [_citing_patent(pn, k) for k in range(count)],
            "cited_by_simple_family": simple,
            "cited_by_inpadoc_family": inpadoc,
            "cited_by_patsnap_family": inpadoc + (h >> 20) % 2,
        },
    }


# --- P002: query search ---------------------------------------------------------------


#: The publication dates a query's results are spread over, evenly, in result order.
SEARCH_DATES: Final = (datetime.date(2000, 1, 1), datetime.date(2023, 12, 31))


def first_result_on(
    total: int, dates: tuple[datetime.date, datetime.date], day: datetime.date
) -> int:
    """Return the index of the first of *total* results published on or after *day*."""
    start, end = dates
    days = (end - start).days + 1
    offset = (day - start).days
    if offset <= 0:
        return 0
    if offset >= days:
        return total
    return -(-offset * total // days)


def search_total(query_text: str) -> int:
    """Return the default total hit count (0..5000) of *query_text*."""
    return stable_hash("total", query_text) % 5001


def search_result(query_text: str, index: int) -> Record:
    """Return hit *index* (0-based) of *query_text*; unique within the query."""
    base = 10_000_000 + stable_hash("base", query_text) % 80_000_000
    pn = f"US{base + index}B2"
    return {"pn": pn, "patent_id": patent_uuid(pn)}


# --- B005: the patents of one sequence ------------------------------------------------


def _is_number(text: str) -> bool:
    """Tell whether *text* is a non-empty run of ASCII digits."""
    return text.isascii() and text.isdigit()


def sequence_patent_total(seq_key: str, overrides: Mapping[str, int]) -> int:
    """Return how many patents sequence *seq_key* appears in.

    ``overrides[seq_key]`` if given, else ``int(seq_key) % 300`` for a numeric id, else 0
    (the platform does not know the sequence).
    """
    if seq_key in overrides:
        return overrides[seq_key]
    if _is_number(seq_key):
        return int(seq_key) % _DEFAULT_PATENT_TOTAL_MODULUS
    return 0


def sequence_patent(seq_key: str, index: int) -> Record:
    """Return patent *index* (0-based) of sequence *seq_key*; unique within the sequence."""
    number = int(seq_key) if _is_number(seq_key) else stable_hash("seq", seq_key)
    pn = f"WO{2000 + index % 25}{number % 10**6:06d}{index:05d}A1"
    h = stable_hash("seq-patent", pn)
    values = {
        "APP": [str(1 + h % 9)],
        "FIG": [f"{1 + (h >> 4) % 9}A"],
        "PAGE": [f"{1 + (h >> 8) % 55}/56"],
        "ANNEX": [str(1 + (h >> 14) % 5)],
        "TABLE": [f"A-{1 + (h >> 18) % 9}"],
        "EXAMPLE": [str(1 + (h >> 22) % 20)],
    }
    # Keep a hash-chosen subset of the location keys, at least one.
    present = [key for j, key in enumerate(_LOCATION_KEYS) if (h >> (40 + j)) & 1] or ["APP"]
    return {
        "pn": pn,
        "claimed": bool((h >> 60) & 1),
        "location": {key: values[key] for key in present},
        "patent_id": patent_uuid(pn),
        "sequence_id_number": [str(1 + (h >> 28) % 200)],
    }


@functools.lru_cache(maxsize=128)
def first_sequence_patents(seq_key: str, count: int) -> tuple[Record, ...]:
    """Return patents ``0 .. count - 1`` of *seq_key* (cached: every job shares hit ids).

    The records are shared between calls: callers must not mutate them.
    """
    return tuple(sequence_patent(seq_key, i) for i in range(count))


# --- B003/B004: sequence search jobs --------------------------------------------------


def job_id_for(counter: int, sequence: str) -> str:
    """Return the 32-hex-digit job id of the *counter*-th submitted sequence."""
    return hashlib.blake2b(f"job\x1f{counter}\x1f{sequence}".encode(), digest_size=16).hexdigest()


def hit_seq_id(index: int) -> int:
    """Return the subject ``seq_id`` of hit *index* (0-based) of any job.

    Hit 0 is the documentation's 834879; predictable so tests can configure
    ``sequence_patent_totals`` for it.
    """
    return _FIRST_HIT_SEQ_ID + _HIT_SEQ_ID_STEP * index


def _evalue(h: int) -> float:
    """Return an e-value like ``1.12271e-54`` derived from *h*."""
    mantissa = 1 + (h % 900_000) / 100_000
    return float(f"{mantissa:.5f}e-{1 + (h >> 20) % 100}")


def hit_scores(query_sequence: str, seq_id: int) -> dict[str, float]:
    """Return the sortable scores (:data:`HIT_SORT_FIELDS`) of one hit."""
    h = stable_hash("hit", query_sequence, seq_id)
    return {
        "perc_identity": round(30 + (h % 7001) / 100, 2),
        "q_perc_identity": round(30 + ((h >> 13) % 7001) / 100, 2),
        "s_perc_identity": round(30 + ((h >> 26) % 7001) / 100, 2),
        "q_coverage": round(10 + ((h >> 39) % 9001) / 100, 2),
        "s_coverage": round(10 + ((h >> 52) % 901) / 10, 2),
        "evalue": _evalue(stable_hash("evalue", query_sequence, seq_id)),
    }


def hit_record(
    query_sequence: str,
    target_type: str,
    seq_id: int,
    patents_total: int,
    patents: list[Record] | tuple[Record, ...],
) -> Record:
    """Return one B003/4-1 hit with every field of the documentation example.

    Args:
        query_sequence: The job's query (sequence or motif).
        target_type: ``"PROTEIN"`` or ``"NUCLEOTIDE"``: the alphabet of the subject.
        seq_id: The subject sequence id (sent as a JSON number, like the example).
        patents_total: How many patents the subject appears in.
        patents: The first ``min(patents_total, 100)`` of them.
    """
    alphabet = _PROTEIN if target_type == "PROTEIN" else _NUCLEOTIDE
    h = stable_hash("hit-shape", query_sequence, seq_id)
    s_len = 20 + h % 180
    noise = _stream(2 * s_len, "subject", query_sequence, seq_id)
    q_string = query_sequence[: min(len(query_sequence), s_len, 60)]
    aligned = len(q_string)
    # The aligned subject region copies the query with some substitutions.
    s_string = "".join(
        q if noise[j] % 4 else alphabet[noise[s_len + j] % len(alphabet)]
        for j, q in enumerate(q_string)
    )
    tail = "".join(alphabet[b % len(alphabet)] for b in noise[aligned:s_len])
    matched = "".join(
        q if q == s else ("+" if noise[s_len + j] % 2 else " ")
        for j, (q, s) in enumerate(zip(q_string, s_string, strict=True))
    )
    identities = sum(1 for q, s in zip(q_string, s_string, strict=True) if q == s)
    positives = identities + matched.count("+")
    score = round(aligned * 1.9 + (h >> 8) % 100 / 10, 2)
    return {
        "gaps": 0,
        "hsps": [
            {
                "q_end": aligned,
                "s_end": aligned,
                "matched": matched,
                "q_start": 1,
                "s_start": 1,
                "q_string": q_string,
                "s_string": s_string,
            }
        ],
        "s_len": s_len,
        "score": score,
        "seq_id": seq_id,
        "patents": {"total": patents_total, "patents": list(patents)},
        "identity": f"{identities}/{aligned}",
        "positive": f"{positives}/{aligned}",
        "bit_score": round(score * 0.9, 2),
        "s_sequence": s_string + tail,
        **hit_scores(query_sequence, seq_id),
    }
