"""The platform's limits, in one place: what one request may carry and a list may reach.

The resources check their arguments against these, the MCP server states them in its
tool schemas, the command line in its help, and the emulator enforces them. They come
from PatSnap's doc pages (`shared/api`), which win over the OpenAPI where the two
differ (the query length: 1 500 on P002's page, 12 000 in the OpenAPI).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

__all__ = [
    "DEFAULT_JOB_LIMIT",
    "DEFAULT_SEQUENCE_ALGORITHMS",
    "ID_CHARACTERS",
    "ID_PATTERN",
    "MAX_IDS_PER_REQUEST",
    "MAX_ID_LENGTH",
    "MAX_JOB_LIMIT",
    "MAX_QPS",
    "MAX_QUERY_LENGTH",
    "MAX_SEARCH_PAGE",
    "MAX_SEARCH_RESULTS",
    "MAX_SEQUENCE_PAGE",
    "SEQUENCE_ALGORITHMS",
    "SEQUENCE_TYPES",
]

#: Ids one request of a batch endpoint (P014, P015) takes; longer lists are split.
MAX_IDS_PER_REQUEST: Final = 100
#: The longest id a batch call sends. The longest real ones (PatSnap's 36-character
#: patent ids) fit twice over, and 100 of them still make a URL well under the 8 KiB
#: that common web servers accept.
MAX_ID_LENGTH: Final = 64
#: What an id is made of: letters and digits, with the separators patent numbers are
#: written with (`US-2013/0033085-A1`, `CN201310012345.6`) and the hyphens of ids.
ID_CHARACTERS: Final = re.compile(r"[A-Za-z0-9._/-]+")
#: The same, as a JSON Schema `pattern` (anchored: JSON Schema patterns search).
ID_PATTERN: Final = f"^{ID_CHARACTERS.pattern}$"
#: P002: the longest query text.
MAX_QUERY_LENGTH: Final = 1500
#: P002: results one page holds.
MAX_SEARCH_PAGE: Final = 1000
#: P002: no result is served past offset + limit = 20 000.
MAX_SEARCH_RESULTS: Final = 20_000
#: B003/4-1 and B005: items one page holds.
MAX_SEQUENCE_PAGE: Final = 100
#: B003/B004: the most hits a sequence job finds.
MAX_JOB_LIMIT: Final = 10_000
#: B003/B004: the hits a sequence job finds when no `limit` is given.
DEFAULT_JOB_LIMIT: Final = 1000
#: B003/B004: the types of a query sequence, and of the sequences it is searched in.
SEQUENCE_TYPES: Final = frozenset({"NUCLEOTIDE", "PROTEIN"})
#: B003: the BLAST algorithms by (query sequence type, target sequence type).
SEQUENCE_ALGORITHMS: Final[Mapping[tuple[str, str], frozenset[str]]] = {
    ("NUCLEOTIDE", "NUCLEOTIDE"): frozenset({"megablast", "blastn", "blastn-short"}),
    ("NUCLEOTIDE", "PROTEIN"): frozenset({"blastx-fast"}),
    ("PROTEIN", "PROTEIN"): frozenset({"blastp", "blastp-fast", "blastp-short"}),
    ("PROTEIN", "NUCLEOTIDE"): frozenset({"tblastn-fast"}),
}
#: The algorithm a harvest or an MCP tool picks for each (query type, target type).
DEFAULT_SEQUENCE_ALGORITHMS: Final[Mapping[tuple[str, str], str]] = {
    ("PROTEIN", "PROTEIN"): "blastp",
    ("NUCLEOTIDE", "NUCLEOTIDE"): "blastn",
    ("NUCLEOTIDE", "PROTEIN"): "blastx-fast",
    ("PROTEIN", "NUCLEOTIDE"): "tblastn-fast",
}
#: The highest `qps` a client or the command line takes: far above any account's, low
#: enough to compute with.
MAX_QPS: Final = 1_000_000
