"""Harvest outputs and the record cache as flat tables (`patsnap_async.export`).

- `_shapes.py`: what each place of a record holds, declared by its type and widened by
  the data;
- `_layout.py`: the tables those places make, and the rows a record makes in them;
- `_source.py`: where records come from (a harvest's output, a cache) and their type;
- `_files.py`: CSV, Parquet and `schema.json`;
- `_run.py`: one export, its two passes, and reading a CSV table back.
"""

from ._run import Exported, ExportedTable, from_cache, from_output, read_csv, read_schema
from ._source import CacheEntry, RecordSource

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
