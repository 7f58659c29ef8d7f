"""The administrator's page of users: who may sign in, with which role, and a button that
deactivates a user through the service `PATCH /api/users/{id}` calls (which ends their app
sessions and revokes their tokens at once)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from pydantic import ValidationError
from starlette.responses import RedirectResponse, Response

from clarus.api.app.form_errors import placed
from clarus.api.app.form_values import number
from clarus.api.app.listing import read_query
from clarus.api.app.messages import translator
from clarus.api.app.order_record import record_id_of
from clarus.api.app.permissions import ADMIN_USERS, access
from clarus.api.app.rendering import render
from clarus.api.app.sessions import CheckedFormDep, PageProblem
from clarus.auth import users
from clarus.auth.app_sessions import SessionUser
from clarus.auth.queries import role_choices, user_page
from clarus.auth.schemas import UserAttributes, UserUpdateAttributes
from clarus.core.db import Database
from clarus.core.errors import ClarusError, Problem
from clarus.core.validation import problems_from_validation_error

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
AdminDep = Annotated[SessionUser, Depends(access(ADMIN_USERS))]
DONE = {
    "deactivated": "admin_users.deactivated",
    "created": "admin_users.created",
    "role_changed": "admin_users.role_changed",
}
NEW_USER_FIELDS = {"email": "email", "name": "name", "role_id": "role"}
"""The attribute each field of the new user form sets."""


async def _users_page(
    request: Request,
    user: SessionUser,
    *,
    error: str | None = None,
    form_values: dict[str, str] | None = None,
    form_errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    query = read_query(request)
    db: Database = request.app.state.db
    async with db.read_session() as session:
        try:
            page = await user_page(
                session,
                tenant_id=user.tenant_id,
                filters=query.filters,
                after=query.after,
                limit=query.rows,
            )
        except ClarusError:
            raise PageProblem(404, "problem.not_found") from None
        roles = await role_choices(session, tenant_id=user.tenant_id)
    notice = DONE.get(request.query_params.get("done", ""))
    return render(
        request,
        "admin_users.html",
        subdomain=user.subdomain,
        user=user,
        current_page=ADMIN_USERS,
        users=page.rows,
        next_cursor=page.next_cursor,
        error=error,
        notice=None if notice is None else translator()(notice),
        roles=roles,
        form_values=form_values or {},
        form_errors=form_errors or {},
        status_code=status_code,
    )


@router.get(ADMIN_USERS.path)
async def users_page(request: Request, user: AdminDep) -> Response:
    return await _users_page(request, user)


async def _updated(
    request: Request, user: SessionUser, user_id: str, attributes: UserUpdateAttributes, done: str
) -> Response:
    """Change the tenant's user `user_id` through the service `PATCH /api/users/{id}` calls,
    then the users page with the notice `done`; another tenant's user is the missing page,
    any other refusal the users page with the domain's message."""
    db: Database = request.app.state.db
    try:
        async with db.write_session() as session:
            await users.update_user(
                session=session,
                tenant_id=user.tenant_id,
                acting_user_id=user.user_id,
                user_id=record_id_of(user_id),
                attributes=attributes,
            )
    except ClarusError as error:
        if error.status == 404:
            raise PageProblem(404, "problem.not_found") from None
        return await _users_page(request, user, error=str(error), status_code=422)
    return RedirectResponse(f"{ADMIN_USERS.url(user.subdomain)}?done={done}", 303)


@router.post(f"{ADMIN_USERS.path}/{{user_id}}/deactivate")
async def deactivate_user(
    request: Request,
    user: AdminDep,
    _form: CheckedFormDep,
    user_id: Annotated[str, Path()],
) -> Response:
    attributes = UserUpdateAttributes(is_active=False)
    return await _updated(request, user, user_id, attributes, "deactivated")


@router.post(f"{ADMIN_USERS.path}/{{user_id}}/role")
async def change_role(
    request: Request,
    user: AdminDep,
    form: CheckedFormDep,
    user_id: Annotated[str, Path()],
) -> Response:
    """Give a user another role: `role_id` read as `PATCH /api/users/{id}` reads it (a role of
    another tenant is refused as a missing one). The new role's permissions apply from the
    user's next page."""
    record_id_of(user_id)
    role = str(form.get("role") or "").strip()
    try:
        attributes = UserUpdateAttributes.model_validate_json(
            json.dumps({"role_id": number(role)}), strict=True
        )
    except ValidationError as error:
        message = placed(problems_from_validation_error(error), {}, "role")["role"]
        return await _users_page(request, user, error=message, status_code=422)
    return await _updated(request, user, user_id, attributes, "role_changed")


@router.post(ADMIN_USERS.path)
async def create_user(request: Request, user: AdminDep, form: CheckedFormDep) -> Response:
    """A new user, read as `POST /api/users` reads its body (strict JSON) and made by the
    service it calls; a refusal is shown beside the field its path names, nothing written."""
    values = {name: str(form.get(name) or "").strip() for name in NEW_USER_FIELDS.values()}
    attributes: dict[str, object] = {"email": values["email"]}
    if values["name"]:
        attributes["name"] = values["name"]
    if values["role"]:
        attributes["role_id"] = number(values["role"])
    errors: dict[str, str] = {}
    db: Database = request.app.state.db
    try:
        parsed = UserAttributes.model_validate_json(json.dumps(attributes), strict=True)
        async with db.write_session() as session:
            await users.create_user(session=session, tenant_id=user.tenant_id, attributes=parsed)
    except ValidationError as error:
        problems: Sequence[Problem] = problems_from_validation_error(error)
        errors = placed(problems, NEW_USER_FIELDS, "email")
    except ClarusError as error:
        errors = placed(error.problems, NEW_USER_FIELDS, "email")
    if errors:
        return await _users_page(
            request,
            user,
            error=translator()("form.correct_fields"),
            form_values=values,
            form_errors=errors,
            status_code=422,
        )
    return RedirectResponse(f"{ADMIN_USERS.url(user.subdomain)}?done=created", 303)
