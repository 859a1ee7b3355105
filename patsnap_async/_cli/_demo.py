"""What `patsnap-async demo` harvests, through the public API only."""

from __future__ import annotations

from .. import PatsnapClient

#: The demo's sequence, and how many patents the emulator says it appears in.
DEMO_SEQ_ID = "834879"
DEMO_SEQ_PATENTS = 1234


def demo_ids(count: int) -> list[str]:
    """`count` patent numbers: every tenth unknown to the platform, a few repeated."""
    ids = [f"UNKNOWN{i:05d}" if i % 10 == 9 else f"US{11205304 + i * 37}B2" for i in range(count)]
    return ids + [f" {pn.lower()} " for pn in ids[: count // 20]]  # repeats, spelled loosely


async def run_demo(client: PatsnapClient, count: int) -> None:
    """Families of `count` patents, then every patent of one sequence."""
    ids = demo_ids(count)
    print(f"\n1. Patent families (P014) of {len(ids)} patent numbers, duplicates included")
    done: list[int] = []
    families = await client.patents.family(ids, progress=lambda d, t: done.append(d))
    print(
        f"   {len(families.records)} records for {len(families)} of the ids as given; "
        f"{len(families.missing)} unknown to the platform (e.g. {families.missing[0]!r}); "
        f"{len(done)} requests of at most 100 ids, sent concurrently"
    )
    for pn in ids[:2]:
        record = families[pn]
        family = record.patent_family
        if family is not None:
            members = ", ".join(f"{m.country}{m.doc_number}{m.kind}" for m in family.simple_family)
            print(f"   {record.pn}: simple family {family.simple_family_id} = {members}")

    print(f"\n2. Every patent of sequence {DEMO_SEQ_ID} (B005), pages drained concurrently")
    first, last, total = None, None, 0
    async for patent in client.sequences.iter_patents(DEMO_SEQ_ID):
        first = first or patent
        last = patent
        total += 1
    if first is not None and last is not None:
        print(f"   {total} patents, in order: {first.pn} ... {last.pn}")
