"""Endpoints as declarations, for `client.lookup`, `client.listing` and `client.paginate`.

A `Lookup` is an id-keyed batch endpoint (ids comma-joined in a parameter, records
matched back by a field, billed per record); a `Listing` is a paged list, paging as a
`Paging` describes. The client runs any of them through its one batch engine and its
one page engine, with the same pacing, retries, checks and billing count as the
endpoints it wraps (declared here too):

    from patsnap_async.endpoints import PATENT_ID, PATENT_NUMBER, Lookup

    CLAIMS = Lookup(code="P018", name="claims", path="/basic-patent-data/claim-data",
                    ids=(PATENT_NUMBER, PATENT_ID))
    claims = await client.lookup(CLAIMS, ids)   # records as dicts, or pass model=
"""

from ._endpoints import (
    CITED_BY,
    FAMILY,
    OFFSET_PAGING,
    PAGE_PAGING,
    PATENT_ID,
    PATENT_NUMBER,
    SEARCH,
    SEQUENCE_PATENTS,
    SEQUENCE_RESULTS,
    IdParam,
    Listing,
    Lookup,
    Paging,
)

__all__ = [
    "CITED_BY",
    "FAMILY",
    "OFFSET_PAGING",
    "PAGE_PAGING",
    "PATENT_ID",
    "PATENT_NUMBER",
    "SEARCH",
    "SEQUENCE_PATENTS",
    "SEQUENCE_RESULTS",
    "IdParam",
    "Listing",
    "Lookup",
    "Paging",
]
