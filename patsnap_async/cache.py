"""The record cache: never pay twice for a record.

PatSnap bills lookups per record returned. A `RecordCache` keeps each record a lookup
fetched, in a SQLite file (WAL mode: several processes and threads may share it), so
that a client given one answers every lookup it can from it and sends only the rest:

    from patsnap_async import PatsnapClient
    from patsnap_async.cache import RecordCache

    async with PatsnapClient(cache=RecordCache("records.sqlite3")) as client:
        families = await client.patents.family(ids)  # what the file holds is not sent
    print(client.stats.cache_hits, client.stats.billed_saved)

Records are keyed by the lookup, the host and path it was sent to, the kind of id asked
with (`patent_number` or `patent_id`), the other parameters sent (`lang`,
`replace_by_related`, ...) and the id, and stay fresh for their lookup's maximum age
(`MAX_AGES`: a day for legal status, a month for a family, ...; an id answered with no
record, a day at most). `RecordCache.billed` reads what the file recorded as billed
over a date range, and `RecordCache.entries` every record it holds.
"""

from ._cache import (
    DEFAULT_CLAIM_TTL,
    DEFAULT_MAX_AGE,
    MAX_AGES,
    MISSING_MAX_AGE,
    Billed,
    Entry,
    RecordCache,
)
from ._cache._paths import default_path

__all__ = [
    "DEFAULT_CLAIM_TTL",
    "DEFAULT_MAX_AGE",
    "MAX_AGES",
    "MISSING_MAX_AGE",
    "Billed",
    "Entry",
    "RecordCache",
    "default_path",
]
