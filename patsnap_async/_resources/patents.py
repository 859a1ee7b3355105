"""Patent basic data: families (P014) and forward citations (P015), any number of ids."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from .._batch import BatchResult, ProgressCallback
from .._endpoints import CITED_BY, FAMILY, PATENT_ID, Lookup
from .._families import PatentsOperations
from .._models import CitedByRecord, FamilyRecord

__all__ = ["Patents"]

R = TypeVar("R", FamilyRecord, CitedByRecord)


class Patents(PatentsOperations):
    """`client.patents`: batch lookups by patent number or PatSnap patent id."""

    async def family(
        self,
        patent_numbers: Iterable[str] | None = None,
        *,
        patent_ids: Iterable[str] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[FamilyRecord]:
        """The simple, INPADOC and PatSnap families of each patent (P014).

        Pass exactly one of `patent_numbers` (e.g. `"US11205304B2"`) or `patent_ids`.
        Any number of ids: duplicates are sent once, the rest 100 per request, all
        requests concurrently under the client's QPS.

        Args:
            patent_numbers: publication numbers.
            patent_ids: PatSnap patent ids.
            progress: called as `progress(ids_done, ids_total)` after each request.

        Returns:
            A mapping from each id as you spelled it to its `FamilyRecord`; ids the
            platform answered without a record for are in `.missing`. An answer with
            no `data` (or not an array) is retried, and its ids fail if it stays so.

        Raises:
            BatchError: some requests failed after retries; `.result` holds the rest.
            ValueError: both or neither id list, or a bad id, named with its position
                (before anything is sent): an empty one, one longer than 64
                characters, or one with a character other than ASCII letters, digits
                and `. _ / -` (an inner space, a control character, `,`, `&`...).
        """
        return await self._batch(FAMILY, patent_numbers, patent_ids, progress)

    async def cited_by(
        self,
        patent_numbers: Iterable[str] | None = None,
        *,
        patent_ids: Iterable[str] | None = None,
        progress: ProgressCallback | None = None,
    ) -> BatchResult[CitedByRecord]:
        """The patents citing each patent, with 3- and 5-year counts (P015).

        Same arguments, batching and errors as `family`.
        """
        return await self._batch(CITED_BY, patent_numbers, patent_ids, progress)

    async def _batch(
        self,
        endpoint: Lookup[R],
        patent_numbers: Iterable[str] | None,
        patent_ids: Iterable[str] | None,
        progress: ProgressCallback | None,
    ) -> BatchResult[R]:
        if (patent_numbers is None) == (patent_ids is None):
            raise ValueError("pass exactly one of patent_numbers or patent_ids")
        if patent_numbers is not None:
            return await self._engines.lookup(endpoint, patent_numbers, progress=progress)
        assert patent_ids is not None
        by = PATENT_ID.param
        return await self._engines.lookup(endpoint, patent_ids, by=by, progress=progress)
