from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import text
from starlette.responses import Response

from clarus.api.rest.responses import JsonResponse
from clarus.core.db import Database

router = APIRouter(tags=["Health"])


@router.get("/healthz", summary="Liveness: the process answers")
async def healthz() -> Response:
    return JsonResponse({"status": "ok"})


@router.get("/readyz", summary="Readiness: the database answers")
async def readyz(request: Request) -> Response:
    db: Database = request.app.state.db
    try:
        async with db.read_session() as session:
            await session.execute(text("SELECT 1"))
    except Exception:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    return JsonResponse({"status": "ok", "database": "ok"})
