"""The record cache: lookups' records in a SQLite file (`patsnap_async.cache` is its face).

- `_store.py`: the file's schema and every SQL statement, synchronous;
- `_cache.py`: `RecordCache` (the file, its thread, its health, the ledger) and a lookup
  call's view of it (`CallCache`), which the batch engine calls;
- `_freshness.py`: how long a record stays fresh, by lookup.
"""

from ._cache import DEFAULT_CLAIM_TTL, Billed, CallCache, Claim, Entry, RecordCache
from ._freshness import DEFAULT_MAX_AGE, MAX_AGES, MISSING_MAX_AGE, Freshness, parse_duration
from ._store import Scope

__all__ = [
    "DEFAULT_CLAIM_TTL",
    "DEFAULT_MAX_AGE",
    "MAX_AGES",
    "MISSING_MAX_AGE",
    "Billed",
    "CallCache",
    "Claim",
    "Entry",
    "Freshness",
    "RecordCache",
    "Scope",
    "parse_duration",
]
