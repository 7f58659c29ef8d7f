"""`GET /mcp/{subdomain}/files/{token}`: a file a tool made (a CSV), for the user it was made
for only, with the same bearer token as the MCP server; anyone else's, or an expired one, is
answered as missing."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from clarus.api.mcp.gate import _bearer_token, resource_origins, unauthorised
from clarus.api.rest.ratelimit import SharedRateLimiter
from clarus.auth.assistants import file_of
from clarus.auth.principal import Principal
from clarus.auth.resources import mcp_resource
from clarus.auth.service import resolve_principal
from clarus.core.db import Database, utcnow
from clarus.core.settings import Settings

FILES_PATH = "/mcp/{subdomain}/files/{token}"


def files_path(subdomain: str, token: str) -> str:
    return FILES_PATH.format(subdomain=subdomain, token=token)


async def _principal(request: Request, subdomain: str, token: str) -> Principal | None:
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    audiences = tuple(
        mcp_resource(origin, subdomain) for origin in resource_origins(request, settings)
    )
    async with db.read_session() as session:
        return await resolve_principal(
            session, subdomain=subdomain, access_token=token, audiences=audiences
        )


async def download(request: Request) -> Response:
    subdomain = str(request.path_params["subdomain"])
    bearer = _bearer_token(request)
    principal = None if bearer is None else await _principal(request, subdomain, bearer)
    if principal is None:
        return unauthorised(request, subdomain, token_sent=bearer is not None)
    limiter: SharedRateLimiter = request.app.state.rate_limiter
    decision = await limiter.acquire(f"mcp-user:{principal.tenant_id}:{principal.user_id}")
    if not decision.allowed:
        return JSONResponse({"error": "rate_limited"}, status_code=429, headers=decision.headers())
    db: Database = request.app.state.db
    async with db.read_session() as session:
        found = await file_of(
            session, principal=principal, token=str(request.path_params["token"]), now=utcnow()
        )
    if found is None:
        return JSONResponse({"error": "not_found", "error_description": "No such file."}, 404)
    return Response(
        found.content.encode("utf-8"),
        media_type=found.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{found.name}"',
            "Cache-Control": "no-store",
        },
    )


def install_files(app: FastAPI) -> None:
    app.router.routes.append(
        Route(FILES_PATH, endpoint=download, methods=["GET"], include_in_schema=False)
    )
