"""Bulk harvests to JSONL that a kill at any moment cannot corrupt, and that resume.

The public face is `patsnap_async.harvest` (one function per harvest); the command
line calls it. Each record becomes one JSON line, `{"requested_id": ..., **record}`
(lists add `"index"`, the record's 0-based position in its list, and a split search
adds `"part"`, the date range the result was found in; a listing's `requested_id` is
its code), written with one `write`
call per chunk of 100 ids or per record of a list, so the file only ever grows by
complete lines. A kill can still cut one write short: a resumed run first cuts the
file back to its last newline, then skips everything the file already holds. A file
with any other line that is not a JSON record is not taken for a harvest's output.

Side files sit next to the output, named after it:

- `<output>.manifest.json`: what produced the output (command, id kind, query,
  options that change the records); a `--resume` that does not match is refused;
- `<output>.lock`: the process id of the run, removed when it ends (the lock itself,
  `flock`, is on the output file, so another name for it is locked too);
- `<output>.missing`: ids the platform has no record for, one a line, appended as they
  are learnt (a resume skips them too);
- `<output>.failed`: ids that still failed after the retries, rewritten at the end of
  each run (removed when there are none), ready to be fed back as `--input`;
- `<output>.errors`: one JSON line per failed id: `id`, `error`, `code`, `message`,
  `attempts`, rewritten with `.failed`;
- `<output>.unmatched`: records the platform returned under a spelling that matches
  no requested id (billed all the same), one JSON line each;
- `<output>.done`: sequence ids, job ids, split-search parts and listings (by code)
  whose whole list has been written, so a resume does not fetch their last page again;
- `<output>.job`: the sequence search job id, saved as soon as the job is submitted.
"""

from ._args import ArgumentError, Name, NamedError
from ._input import HarvestError, key, read_ids
from ._lists import harvest_listing
from ._manifest import describe
from ._output import IdFile, Output
from ._patents import harvest_lookup, harvest_sequence_patents
from ._progress import Progress, Summary, duration
from ._search import Split, harvest_search, harvest_sequence_search

__all__ = [
    "ArgumentError",
    "HarvestError",
    "IdFile",
    "Name",
    "NamedError",
    "Output",
    "Progress",
    "Split",
    "Summary",
    "describe",
    "duration",
    "harvest_listing",
    "harvest_lookup",
    "harvest_search",
    "harvest_sequence_patents",
    "harvest_sequence_search",
    "key",
    "read_ids",
]
