"""The administrator's page of roles: each role with its permissions, what they open in the
operator app (the scopes among them, the one check `permissions.access` makes) and how many
users have it. A user's role is changed on the users page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from clarus.api.app.permissions import ADMIN_ROLES, access
from clarus.api.app.rendering import render
from clarus.auth.app_sessions import SessionUser
from clarus.auth.queries import roles_with_users
from clarus.core.db import Database

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
AdminDep = Annotated[SessionUser, Depends(access(ADMIN_ROLES))]


@router.get(ADMIN_ROLES.path)
async def roles_page(request: Request, user: AdminDep) -> Response:
    db: Database = request.app.state.db
    async with db.read_session() as session:
        roles = await roles_with_users(session, tenant_id=user.tenant_id)
    return render(
        request,
        "admin_roles.html",
        subdomain=user.subdomain,
        user=user,
        current_page=ADMIN_ROLES,
        roles=roles,
    )
