"""A harvest's output (or a record cache) as flat tables a user can load.

    from patsnap_async import export

    done = export.from_output("families.jsonl", "families")           # CSV
    export.from_output("hits.jsonl", "hits", formats=["csv", "parquet"])
    rows = export.read_csv("families", "simple_family")               # typed dicts

One table holds the records (`records`): the id asked for (`requested_id`), a list's
`index` and a split search's `part` where the output has them, then every scalar of
the record, its objects' fields flattened into it (`patent_family_simple_family_id`);
a list of scalars is one column of type `list<T>`. Each list of objects is a table of
its own named after it (`simple_family`, `cited_by_patents`, `hsps`, `patents`), one
row per item, keyed by its parent's key and the item's position
(`simple_family_index`); a family member's `pn` is built from its country, document
number and kind.

Every column is there whatever the first lines hold, typed by the SDK's model or the
catalog's record type (ids are strings, `evalue` is a number) and widened where the
data does not fit. The types are in `schema.json` beside the tables, and in the
Parquet files' schemas. Parquet needs pyarrow: `pip install 'patsnap-async[parquet]'`.
What cannot be exported raises `patsnap_async.ExportError` (a `ValueError`).
`from_cache` exports a record cache through the `RecordSource` protocol (its
`entries()`, each a `CacheEntry`).
"""

from ._export import (
    CacheEntry,
    Exported,
    ExportedTable,
    RecordSource,
    from_cache,
    from_output,
    read_csv,
    read_schema,
)

__all__ = [
    "CacheEntry",
    "Exported",
    "ExportedTable",
    "RecordSource",
    "from_cache",
    "from_output",
    "read_csv",
    "read_schema",
]
