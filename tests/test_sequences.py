"""client.sequences: jobs, hits, and every patent of a sequence, against the emulator."""

from __future__ import annotations

import pytest

from patsnap_async import (
    JobStatus,
    NotFoundError,
    SequenceHit,
    SequenceJob,
    SequenceJobError,
    SequencePatent,
    SequenceWaitTimeout,
)

from .conftest import ServeFactory, business, client_for

PATENTS = "/bio-openapi/sequence/patent"
PROTEIN = "MQVDLLGSAQSAHALHLFHQHSPLVHCMTNDVVQTFTANTLLALGASPAMVIETEEASQFAAIASALLINVGTLTQ"


async def test_submit_wait_and_read_every_hit(serve: ServeFactory) -> None:
    async with serve(job_hits=230, job_polls_until_done=2) as (emu, _):
        async with client_for(emu) as client:
            job = await client.sequences.submit(
                PROTEIN,
                sequence_type="protein",
                query_type="PROTEIN",
                algorithm="blastp",
                limit=500,
                label="SEQ1",
                database=["ALLPATENT", "claims"],
                evalue=10,
                word_size=3,
                with_gaps=True,
                filters={"perc_identity": (80, 100), "subject_length": {"start": 10, "end": 900}},
            )
            assert isinstance(job, SequenceJob)
            assert job.label == "SEQ1" and job.sequence == PROTEIN and job.job_id
            assert (await client.sequences.status(job)).status in {"QUEUEING", "RUNNING"}
            done = await client.sequences.wait(job, poll_interval=0.001)
            assert isinstance(done, JobStatus) and done.succeeded
            page = await client.sequences.results(
                job.job_id, page=2, size=50, sort_by="evalue", order="asc"
            )
            hits = [
                h
                async for h in client.sequences.iter_results(
                    job.job_id, sort_by="evalue", order="asc"
                )
            ]
        assert page.total == 230
        assert hits[50:100] == list(page.results)
        assert len(hits) == 230
        assert all(isinstance(h, SequenceHit) and isinstance(h.seq_id, str) for h in hits)
        assert len({h.seq_id for h in hits}) == 230
        submitted = business(emu)[0].body
        assert submitted["sequence_list"] == [{"sequence": PROTEIN, "label": "SEQ1"}]
        assert submitted["params"] == {
            "algorithm": "blastp",
            "evalue": 10,
            "word_size": 3,
            "with_gaps": True,
            "filter": {
                "perc_identity": {"start": 80, "end": 100},
                "subject_length": {"start": 10, "end": 900},
            },
        }
        assert submitted["database"] == ["ALLPATENT", "CLAIMS"]


async def test_motif_job(serve: ServeFactory) -> None:
    async with serve() as (emu, _):
        async with client_for(emu) as client:
            job = await client.sequences.submit_motif(
                "RSMATC[AN]{0,1}", limit=10, filters={"scov_hsp_perc": (0, 100)}
            )
            await client.sequences.wait(job.job_id, poll_interval=0)
            hits = [h async for h in client.sequences.iter_results(job.job_id)]
        assert len(hits) == 10
        body = business(emu)[0].body
        assert body["motif_sequence"] == "RSMATC[AN]{0,1}"
        assert body["params"] == {"filter": {"scov_hsp_perc": {"start": 0, "end": 100}}}


@pytest.mark.parametrize("outcome", ["ERROR", "TIMEOUT"])
async def test_failed_job_raises_with_the_platforms_message(
    serve: ServeFactory, outcome: str
) -> None:
    async with serve() as (emu, _):
        async with client_for(emu) as client:
            job = await client.sequences.submit(
                f"ACGT{outcome}ACGT",
                sequence_type="NUCLEOTIDE",
                query_type="NUCLEOTIDE",
                algorithm="blastn",
            )
            with pytest.raises(SequenceJobError) as info:
                await client.sequences.wait(job, poll_interval=0)
        assert info.value.status == outcome
        assert info.value.job_id == job.job_id
        if outcome == "ERROR":
            assert info.value.message and "Invalid input" in info.value.message


async def test_wait_gives_up_after_its_timeout(serve: ServeFactory) -> None:
    async with serve(job_polls_until_done=10_000) as (emu, _):
        async with client_for(emu) as client:
            job = await client.sequences.submit_motif("RSMATC")
            with pytest.raises(SequenceWaitTimeout) as info:
                await client.sequences.wait(job, poll_interval=0.01, timeout=0.05)
        assert isinstance(info.value, TimeoutError)
        assert info.value.last_status.status in {"QUEUEING", "RUNNING"}


async def test_unknown_job_is_not_found(serve: ServeFactory) -> None:
    async with serve() as (emu, _):
        async with client_for(emu) as client:
            with pytest.raises(NotFoundError) as info:
                await client.sequences.status("0" * 32)
        assert info.value.code == 53000002
        assert len(business(emu)) == 1


async def test_2537_patents_drain_in_order_with_pages_in_flight(serve: ServeFactory) -> None:
    async with serve(sequence_patent_totals={"777": 2537}, latency=(0.02, 0.06)) as (emu, _):
        async with client_for(emu) as client:
            patents = [p async for p in client.sequences.iter_patents("777")]
            pages = [await client.sequences.patents(777, page=n) for n in (1, 26)]
        assert len(patents) == 2537
        assert all(isinstance(p, SequencePatent) for p in patents)
        assert patents[:100] == list(pages[0].patents)
        assert patents[-37:] == list(pages[1].patents)
        assert len({p.pn for p in patents}) == 2537
        calls = [s for s in business(emu) if s.path == PATENTS][:26]
        assert sorted(s.body["page"] for s in calls) == list(range(1, 27))
        # more than one page in flight: many arrived before the first answer came back
        assert emu.max_arrivals_in_window(0.015, path_prefix=PATENTS) > 1


async def test_a_hit_with_150_patents_expands_to_150(serve: ServeFactory) -> None:
    async with serve(job_hits=3, sequence_patent_totals={"834879": 150}) as (emu, _):
        async with client_for(emu) as client:
            job = await client.sequences.submit_motif("RSMATC")
            await client.sequences.wait(job, poll_interval=0)
            plain = [h async for h in client.sequences.iter_results(job)]
            full = [h async for h in client.sequences.iter_results(job, expand_patents=True)]
        big = next(h for h in plain if h.seq_id == "834879")
        assert big.patents is not None and big.patents.total == 150
        assert len(big.patents.patents) == 100  # what the platform embeds
        expanded = next(h for h in full if h.seq_id == "834879")
        assert expanded.patents is not None
        assert len(expanded.patents.patents) == 150
        assert expanded.patents.patents[:100] == big.patents.patents
        assert len({p.pn for p in expanded.patents.patents}) == 150
        # every hit with more than 100 patents gets its full list; the others are left
        # as they are, with no extra request
        expected_calls = 0
        for before, after in zip(plain, full, strict=True):
            assert before.patents is not None and after.patents is not None
            total = before.patents.total or 0
            if total <= 100:
                assert before == after
            else:
                assert len(after.patents.patents) == total
                expected_calls += -(-total // 100)
        assert sum(1 for s in business(emu) if s.path == PATENTS) == expected_calls


async def test_big_hits_are_expanded_at_the_same_time_and_yielded_in_order(
    serve: ServeFactory,
) -> None:
    # Five hits of 250 patents (three B005 pages each), answers taking 0.2 s: one after
    # the other, each expansion would start after the previous one's last answer.
    seq_ids = [str(834879 + 7919 * i) for i in range(5)]
    totals = dict.fromkeys(seq_ids, 250)
    settings = {"job_hits": 5, "sequence_patent_totals": totals, "latency": 0.2}
    async with serve(**settings) as (emu, _), client_for(emu) as client:
        job = await client.sequences.submit_motif("RSMATC")
        await client.sequences.wait(job, poll_interval=0)
        plain = [h async for h in client.sequences.iter_results(job)]
        emu.reset_log()
        hits = [h async for h in client.sequences.iter_results(job, expand_patents=True)]
    assert sorted(h.seq_id or "" for h in plain) == sorted(seq_ids)
    assert [h.seq_id for h in hits] == [h.seq_id for h in plain]  # the platform's order
    assert all(h.patents is not None and len(h.patents.patents) == 250 for h in hits)
    first_page_at = {
        s.body["seq_id"]: s.time for s in business(emu) if s.path == PATENTS and s.body["page"] == 1
    }
    assert sorted(first_page_at) == sorted(seq_ids)
    # every expansion had started before the first answer of any came back
    assert max(first_page_at.values()) - min(first_page_at.values()) < 0.1


async def test_unknown_sequence_has_no_patents(serve: ServeFactory) -> None:
    async with serve() as (emu, _):
        async with client_for(emu) as client:
            patents = [p async for p in client.sequences.iter_patents("not-a-sequence")]
        assert patents == []
        assert len(business(emu)) == 1


async def test_resuming_a_drain_fetches_only_what_is_left(serve: ServeFactory) -> None:
    settings = {"sequence_patent_totals": {"777": 2537}, "job_hits": 250}
    async with serve(**settings) as (emu, _), client_for(emu) as client:
        every = [p async for p in client.sequences.iter_patents("777")]
        emu.reset_log()
        rest = [p async for p in client.sequences.iter_patents("777", start=2450)]
        assert rest == every[2450:]
        assert sorted(s.body["page"] for s in business(emu)) == [25, 26]
        job = await client.sequences.submit_motif("RSMATC")
        await client.sequences.wait(job, poll_interval=0)
        hits = [h async for h in client.sequences.iter_results(job)]
        later = [h async for h in client.sequences.iter_results(job, start=199)]
        assert later == hits[199:]
        nothing = [p async for p in client.sequences.iter_patents("777", start=5000)]
        assert nothing == []
