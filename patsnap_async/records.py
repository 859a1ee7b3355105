"""The records of the catalog's lookups and the items of its listings, typed.

    from patsnap_async.records import ClaimRecord

    claims: BatchResult[ClaimRecord] = await client.lookup(catalog.LOOKUPS["P018"], ids)
    for record in claims.records:
        print(record.get("claim_count"))

Each is a `TypedDict` (`total=False`) over the dict the platform sent: mypy and the IDE
see the fields PatSnap's OpenAPI names, and a field the spec gets wrong never fails a
record at run time (see the generated module, `_catalog_types.py`, for why). The eight
endpoints the client wraps by hand keep their attrs models (`patsnap_async.FamilyRecord`).
"""

from ._catalog_types import *  # noqa: F403 - the generated module's names, each once
from ._catalog_types import __all__ as __all__
