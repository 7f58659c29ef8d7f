"""The administrator's page of API clients: create one (its secret shown on the answer to the
form and never again, as `clarus client create` prints it once) and revoke one with its tokens,
through the auth services the CLI calls."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import RedirectResponse, Response

from clarus.api.app.messages import translator
from clarus.api.app.permissions import ADMIN_CLIENTS, access
from clarus.api.app.rendering import render
from clarus.api.app.sessions import CheckedFormDep, PageProblem
from clarus.auth import service
from clarus.auth.app_sessions import SessionUser
from clarus.auth.errors import OAuthError
from clarus.auth.queries import client_page
from clarus.auth.scopes import ALL_SCOPES
from clarus.core.db import Database
from clarus.core.listing import ListFilter

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
AdminDep = Annotated[SessionUser, Depends(access(ADMIN_CLIENTS))]
CLIENT_ROWS = 200
NAME_LENGTH = 255


async def _clients_page(
    request: Request,
    user: SessionUser,
    *,
    issued: service.IssuedClient | None = None,
    errors: dict[str, str] | None = None,
    values: dict[str, object] | None = None,
    status_code: int = 200,
) -> Response:
    db: Database = request.app.state.db
    async with db.read_session() as session:
        page = await client_page(
            session, tenant_id=user.tenant_id, filters=ListFilter(), after=None, limit=CLIENT_ROWS
        )
    revoked = request.query_params.get("done") == "revoked"
    return render(
        request,
        "admin_clients.html",
        subdomain=user.subdomain,
        user=user,
        current_page=ADMIN_CLIENTS,
        clients=page.rows,
        all_scopes=sorted(ALL_SCOPES),
        issued=issued,
        form_errors=errors or {},
        values=values or {"scopes": []},
        notice=translator()("admin_clients.revoked") if revoked else None,
        error=translator()("form.correct_fields") if errors else None,
        status_code=status_code,
    )


@router.get(ADMIN_CLIENTS.path)
async def clients_page(request: Request, user: AdminDep) -> Response:
    return await _clients_page(request, user)


@router.post(ADMIN_CLIENTS.path)
async def create_client(request: Request, user: AdminDep, form: CheckedFormDep) -> Response:
    name = str(form.get("name") or "").strip()
    scopes = frozenset(str(scope) for scope in form.getlist("scopes"))
    values: dict[str, object] = {"name": name, "scopes": sorted(scopes)}
    errors: dict[str, str] = {}
    if not name or len(name) > NAME_LENGTH:
        errors["name"] = translator()("admin_clients.name_needed")
    if errors:
        return await _clients_page(request, user, errors=errors, values=values, status_code=422)
    db: Database = request.app.state.db
    try:
        async with db.write_session() as session:
            issued = await service.create_client_of_tenant(
                session=session, tenant_id=user.tenant_id, name=name, scopes=scopes
            )
    except OAuthError as error:
        errors["scopes"] = str(error)
        return await _clients_page(request, user, errors=errors, values=values, status_code=422)
    return await _clients_page(request, user, issued=issued)


@router.post(f"{ADMIN_CLIENTS.path}/{{client_id}}/revoke")
async def revoke_client(
    request: Request, user: AdminDep, _form: CheckedFormDep, client_id: Annotated[str, Path()]
) -> Response:
    db: Database = request.app.state.db
    async with db.write_session() as session:
        found = await service.revoke_client_of_tenant(
            session=session, tenant_id=user.tenant_id, client_id=client_id
        )
    if not found:
        raise PageProblem(404, "problem.not_found")
    return RedirectResponse(f"{ADMIN_CLIENTS.url(user.subdomain)}?done=revoked", 303)
