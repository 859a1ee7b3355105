"""The account's own ledger: PatSnap's statement of account, beside what was billed here.

    import datetime
    from patsnap_async import usage

    march = datetime.date(2025, 3, 1), datetime.date(2025, 3, 31)
    found = await usage.statement(client, *march)        # calls and charges per API
    ledger = usage.HarvestedLedger(["families.jsonl"])   # or the record cache
    for line in usage.compare(found, ledger.billed(*usage.day_bounds(*march))):
        print(line.code, line.calls, line.charged, line.billed_here, line.differs)

`statement` calls the platform's "Statement of account V2" (`POST
/open-user/statement/v2`), which takes the account's client id and secret in its body.
`BilledLedger` is what this machine's side implements: what each lookup billed over a
time range (`BilledRow`s). The record cache implements it; `HarvestedLedger` counts the
records of harvest outputs, which record no time.
"""

from ._usage import (
    ApiUsage,
    BilledLedger,
    BilledRow,
    CountedUsage,
    HarvestBilled,
    HarvestedLedger,
    Statement,
    UsageLine,
    compare,
    day_bounds,
    parse_statement,
    statement,
    tally,
)

__all__ = [
    "ApiUsage",
    "BilledLedger",
    "BilledRow",
    "CountedUsage",
    "HarvestBilled",
    "HarvestedLedger",
    "Statement",
    "UsageLine",
    "compare",
    "day_bounds",
    "parse_statement",
    "statement",
    "tally",
]
