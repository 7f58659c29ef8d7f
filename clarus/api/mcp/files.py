"""`GET /mcp/{subdomain}/files/{token}`: a file a tool made (a CSV), for the user it was made
for only, with the same bearer token as the MCP server; anyone else's, or an expired one, is
answered as missing."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from clarus.api.mcp.gate import authorise
from clarus.auth.assistants import file_of
from clarus.core.db import Database, utcnow

FILES_PATH = "/mcp/{subdomain}/files/{token}"


def files_path(subdomain: str, token: str) -> str:
    return FILES_PATH.format(subdomain=subdomain, token=token)


async def download(request: Request) -> Response:
    subdomain = str(request.path_params["subdomain"])
    caller = await authorise(
        request,
        subdomain=subdomain,
        db=request.app.state.db,
        settings=request.app.state.settings,
        rate_limiter=request.app.state.rate_limiter,
    )
    if isinstance(caller, Response):
        return caller
    _token, principal = caller
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
