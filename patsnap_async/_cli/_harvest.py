"""The harvesting commands of the command line: one parser function per command."""

from __future__ import annotations

import argparse
import textwrap
from typing import Any

from .. import MAX_SEARCH_RESULTS, _validate
from .._limits import DEFAULT_JOB_LIMIT, MAX_JOB_LIMIT, MAX_QUERY_LENGTH, MAX_SEARCH_PAGE
from ._options import (
    add_cache_options,
    add_platform_options,
    argument_names,
    positive_int,
    rate,
    seconds,
)
from ._params import pair
from ._run import run_harvest

__all__ = ["add_harvest_commands", "run_harvest"]


def add_harvest_commands(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add `family`, `cited-by`, `sequence-patents`, `search`, `sequence-search`, `get`
    and `list`."""
    common = _common(parser_class)
    added = [_patents_command(commands, common, name) for name in ("family", "cited-by")]
    added += [
        _sequence_patents_command(commands, common),
        _search_command(commands, common),
        _sequence_search_command(commands, common),
        _get_command(commands, common),
        _list_command(commands, common),
    ]
    for command in added:
        # The flag of each Python name a harvest's message may hold (`max_billed`).
        command.set_defaults(run=run_harvest, names=argument_names(command))


def _add(commands: Any, common: argparse.ArgumentParser, name: str, about: str, example: str,
         **kwargs: Any) -> argparse.ArgumentParser:  # fmt: skip
    command: argparse.ArgumentParser = commands.add_parser(
        name,
        parents=[common],
        description=textwrap.fill(about, 80),
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        **kwargs,
    )
    return command


def _output(text: str) -> str:
    if text == "-":
        raise argparse.ArgumentTypeError(
            "a harvest writes a file that it can resume, with side files beside it, not "
            "standard output: give a file name, and follow it with tail -f FILE"
        )
    return text


def _query(text: str) -> str:
    try:
        return _validate.text("query", text, max_length=MAX_QUERY_LENGTH)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error).removeprefix("query ")) from None


def _common(parser_class: type[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    common = parser_class(add_help=False)
    out = common.add_argument_group("output")
    out.add_argument("-o", "--output", required=True, type=_output, metavar="FILE",
                     help="JSONL file, one record a line")  # fmt: skip
    again = out.add_mutually_exclusive_group()
    again.add_argument(
        "--resume", action="store_true", help="continue the harvest already in --output"
    )
    again.add_argument(
        "--overwrite", action="store_true", help="start afresh even if --output holds records"
    )
    out.add_argument("-q", "--quiet", action="store_true", help="no progress line, no summary")
    out.add_argument(
        "--summary-json",
        metavar="FILE",
        help="also write the summary to FILE as JSON (counts, state, exit status), for a "
        "scheduler; written however the run ends",
    )
    out.add_argument(
        "--otel",
        action="store_true",
        help="export the run's traces and metrics through OTLP (OTEL_EXPORTER_OTLP_ENDPOINT, "
        "default http://localhost:4318); needs pip install 'patsnap-async[otlp]'. Set, "
        "OTEL_EXPORTER_OTLP_ENDPOINT alone does the same",
    )
    out.add_argument(
        "--dry-run",
        action="store_true",
        help="print the requests (and billed results) the run would take; send nothing",
    )
    add_platform_options(common)
    return common


def _ids_input(command: argparse.ArgumentParser, what: str, *, required: bool = True) -> None:
    command.add_argument(
        "-i", "--input", required=required, metavar="FILE",
        help=f"{what}, one a line (# comments and blank lines skipped); - for stdin",
    )  # fmt: skip
    command.add_argument(
        "--column", metavar="NAME|N",
        help="read a CSV/TSV file's column, by header name or number from 1, or a JSON "
        "lines file's field (e.g. pn, of a search's output)",
    )  # fmt: skip


def _patents_command(
    commands: Any, common: argparse.ArgumentParser, name: str
) -> argparse.ArgumentParser:
    what = "patent families (P014)" if name == "family" else "citing patents (P015)"
    command = _add(
        commands, common, name,
        f"Harvest the {what} of every patent number (or PatSnap patent id) in a file, "
        "100 ids a request, into JSONL. PatSnap bills each record returned.",
        f"patsnap-async {name} -i numbers.csv --column pn -o {name}.jsonl --max-billed 5000",
        help=f"{what} of every id",
    )  # fmt: skip
    _ids_input(command, "patent numbers")
    command.add_argument(
        "--patent-ids", action="store_true", help="the input holds PatSnap patent ids"
    )
    _max_billed(command)
    add_cache_options(command)
    return command


def _max_billed(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--max-billed", type=positive_int, metavar="N",
        help="stop before this run's billed results could pass N (resume later)",
    )  # fmt: skip


def _params(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--param", dest="params", type=pair, action="append", default=[],
        metavar="NAME=VALUE",
        help="a parameter of the operation (repeatable), read as its type: a number, "
        "true/false, a list as A,B or JSON, an object as JSON; checked before anything "
        "is sent (patsnap-async endpoints CODE --json lists them)",
    )  # fmt: skip


def _get_command(commands: Any, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    command = _add(
        commands, common, "get",
        "Harvest any lookup of the catalog (claims, bibliography, legal status, valuation, "
        "...: patsnap-async endpoints --kind lookup lists them) for every patent number "
        "(or PatSnap patent id, with --by patent_id) in a file, 100 ids a request, into "
        "JSONL, as family does for P014. PatSnap bills each record returned.",
        "patsnap-async get P018 -i numbers.txt -o claims.jsonl --param replace_by_related=1",
        help="any lookup of the catalog, by code or name, for every id",
    )  # fmt: skip
    command.add_argument(
        "endpoint", metavar="CODE", help="the lookup's code (P018) or name (claim)"
    )
    _ids_input(command, "patent numbers (or patent ids, with --by patent_id)")
    command.add_argument("--by", metavar="PARAM",
                         help="the parameter the ids go in: patent_number (default) or "
                         "patent_id")  # fmt: skip
    _params(command)
    _max_billed(command)
    add_cache_options(command)
    return command


def _list_command(commands: Any, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    command = _add(
        commands, common, "list",
        "Write every item of any listing of the catalog (searches, drug and literature "
        "lists, ...: patsnap-async endpoints --kind listing lists them) into JSONL, one "
        "line per item with its index, up to what the platform serves of one list. "
        "--resume continues after the last line written.",
        'patsnap-async list P008 --param text="a wireless headset" -o similar.jsonl',
        help="every item of any listing of the catalog, by code or name",
    )  # fmt: skip
    command.add_argument("endpoint", metavar="CODE", help="the listing's code (P008) or name")
    _params(command)
    command.add_argument("--max-results", type=positive_int, default=None, metavar="N",
                         help="at most N items (at most the listing's cap; default: all "
                         "it serves)")  # fmt: skip
    command.add_argument("--page-size", type=positive_int, default=None, metavar="N",
                         help="items per request (default: the most it serves)")  # fmt: skip
    command.add_argument("--strict", action="store_true",
                         help="exit 1 when the list is longer than served")  # fmt: skip
    return command


def _sequence_patents_command(
    commands: Any, common: argparse.ArgumentParser
) -> argparse.ArgumentParser:
    command = _add(
        commands, common, "sequence-patents",
        "Harvest every patent of every sequence id in a file (B005), one line per patent.",
        "patsnap-async sequence-patents -i seq_ids.txt -o seq-patents.jsonl",
        help="every patent of every sequence (B005)",
    )  # fmt: skip
    _ids_input(command, "sequence ids (seq_id)")
    return command


def _search_command(commands: Any, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    command = _add(
        commands, common, "search",
        "Harvest every result of an analytics query (P002), or of each query of a file. "
        f"The platform serves at most {MAX_SEARCH_RESULTS} results of a query: --split harvests "
        "the rest by cutting the query into publication date ranges.",
        'patsnap-async search "TACD: virtual reality" -o vr.jsonl --split',
        help="every result of an analytics query (P002)",
    )  # fmt: skip
    command.add_argument("query", nargs="?", type=_query, help='e.g. "TACD: virtual reality"')
    _ids_input(command, "queries", required=False)
    command.add_argument("--max-results", type=positive_int, default=None,
                         help=f"at most {MAX_SEARCH_RESULTS} (default: all)")  # fmt: skip
    command.add_argument("--page-size", type=positive_int, default=MAX_SEARCH_PAGE,
                         help=f"results per request (1-{MAX_SEARCH_PAGE})")  # fmt: skip
    command.add_argument(
        "--split", action="store_true",
        help=f"past {MAX_SEARCH_RESULTS} results, harvest by halving date ranges, down to a day",
    )  # fmt: skip
    command.add_argument("--split-field", default="PBD", metavar="FIELD",
                         help="date field of the ranges (default PBD)")  # fmt: skip
    command.add_argument("--split-format", default="%Y%m%d", metavar="FORMAT",
                         help="strftime format of its dates (default %%Y%%m%%d)")  # fmt: skip
    command.add_argument("--strict", action="store_true",
                         help="exit 1 when a query has more results than served")  # fmt: skip
    return command


def _sequence_search_command(
    commands: Any, common: argparse.ArgumentParser
) -> argparse.ArgumentParser:
    command = _add(
        commands, common, "sequence-search",
        "Submit a sequence (or motif) search, wait for the job, and write every hit "
        "(B004/B003). The job id is saved at once, so --resume never submits twice.",
        "patsnap-async sequence-search MQVDLLGSAQSAHALHLFHQHS -o hits.jsonl --limit 500",
        help="submit a sequence search, wait, and write every hit (B004/B003)",
    )  # fmt: skip
    command.add_argument("sequence", nargs="?", help="the query sequence (or use --motif)")
    command.add_argument("--motif", help='a motif search instead, e.g. "RSMATC[AN]{0,1}"')
    types = ("PROTEIN", "NUCLEOTIDE")
    command.add_argument("--sequence-type", type=str.upper, choices=types, default="PROTEIN")
    command.add_argument(
        "--query-type", type=str.upper, choices=types, help="type searched (default: the same)"
    )
    command.add_argument(
        "--algorithm", help="blast algorithm (default: blastp, blastn, blastx-fast, tblastn-fast)"
    )
    command.add_argument("--limit", type=positive_int, default=DEFAULT_JOB_LIMIT,
                         help=f"most hits (1-{MAX_JOB_LIMIT})")  # fmt: skip
    command.add_argument(
        "--expand-patents", action="store_true", help="every patent of hits with over 100"
    )
    command.add_argument("--poll-interval", type=seconds, default=5.0, help="seconds (default 5)")
    command.add_argument("--wait-timeout", type=rate, default=600.0,
                         help="seconds to wait for the job (default 600)")  # fmt: skip
    return command
