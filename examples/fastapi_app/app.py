"""A small FastAPI backend on patsnap-async: one client per worker, streaming drains.

Run it against the bundled emulator (in one shell `patsnap-async emulator --port 8080`)::

    PATSNAP_API_KEY=sk-test-api-key PATSNAP_BASE_URL=http://127.0.0.1:8080 \\
        uvicorn examples.fastapi_app.app:app

* The lifespan opens one `PatsnapClient` when the worker starts and closes it when the
  worker stops: one connection pool and one rate limiter for every request the worker
  serves. A client per request would open a pool per request and pace each request
  alone, so together they would exceed the account's QPS.
* Routes get the client through a dependency, so tests can swap it.
* SDK errors become HTTP answers: bad input 422, not found 404, rate limited or the
  platform down 503, anything else the platform refused 502.
* The NDJSON stream closes the SDK's drain with `aclosing`, so when the HTTP client
  disconnects, every page request still in flight is cancelled and awaited.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from patsnap_async import (
    APIError,
    BatchError,
    NotFoundError,
    Pager,
    PatsnapClient,
    RateLimitError,
    ServerError,
    TransportError,
    as_dict,
)

MAX_PATENT_NUMBERS = 500


def create_app(**client_options: Any) -> FastAPI:
    """The app; `client_options` go to `PatsnapClient` (default: the environment)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        options = {"qps": float(os.environ.get("PATSNAP_QPS", "5"))} | client_options
        async with PatsnapClient(**options) as client:
            app.state.patsnap = client
            yield

    app = FastAPI(title="patents", lifespan=lifespan)

    @app.exception_handler(ValueError)
    async def bad_input(request: Request, error: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=422)

    @app.exception_handler(APIError)
    async def platform_error(request: Request, error: APIError) -> JSONResponse:
        return JSONResponse({"detail": str(error), "code": error.code}, status_code=_status(error))

    @app.exception_handler(TransportError)
    async def platform_unreachable(request: Request, error: TransportError) -> JSONResponse:
        return JSONResponse({"detail": f"PatSnap unreachable: {error}"}, status_code=503)

    @app.get("/families")
    async def families(
        client: Annotated[PatsnapClient, Depends(patsnap)],
        pn: Annotated[list[str], Query(max_length=MAX_PATENT_NUMBERS)],
    ) -> dict[str, Any]:
        """Patent families of up to 500 patent numbers (`?pn=US1B2&pn=EP2B1`)."""
        try:
            result = await client.patents.family(pn)
            failed: list[str] = []
        except BatchError as error:  # keep what was fetched; say what was not
            if not error.result and not error.result.missing:
                raise next(iter(error.errors.values())) from error  # nothing at all
            result, failed = error.result, list(error.errors)
        return {
            "families": {pn: as_dict(record) for pn, record in result.items()},
            "missing": list(result.missing),
            "failed": failed,
        }

    @app.get("/sequences/{seq_id}/patents")
    async def sequence_patents(
        seq_id: str, client: Annotated[PatsnapClient, Depends(patsnap)]
    ) -> Response:
        """Every patent of a sequence, streamed as NDJSON while pages arrive."""
        drain = client.sequences.iter_patents(seq_id)
        # Fetch the first page before answering: a bad or unknown id becomes an HTTP
        # error rather than a broken stream.
        first = await anext(aiter(drain), None)
        if first is None:
            return JSONResponse({"detail": f"no patents for sequence {seq_id!r}"}, status_code=404)
        return StreamingResponse(_ndjson(first, drain), media_type="application/x-ndjson")

    return app


async def patsnap(request: Request) -> PatsnapClient:
    """The worker's one client (a dependency, so tests may override it)."""
    client: PatsnapClient = request.app.state.patsnap
    return client


async def _ndjson(first: Any, drain: Pager[Any]) -> AsyncIterator[bytes]:
    async with drain:
        yield json.dumps(as_dict(first)).encode() + b"\n"
        async for patent in drain:
            yield json.dumps(as_dict(patent)).encode() + b"\n"


def _status(error: APIError) -> int:
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, RateLimitError | ServerError):
        return 503
    if isinstance(error, ValueError):  # InvalidParameterError: the platform said bad input
        return 400
    return 502


app = create_app()
