"""Signing in to and out of the operator app of a subdomain."""

from __future__ import annotations

import math

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from clarus.api import csrf
from clarus.api.app.messages import translator
from clarus.api.app.rendering import render
from clarus.api.app.sessions import (
    CheckedFormDep,
    app_root,
    clear_session_cookie,
    lifetime,
    now,
    session_token,
    set_session_cookie,
    sign_in_url,
    valid_subdomain,
)
from clarus.api.forms import client_address, text_fields
from clarus.auth import app_sessions, signin
from clarus.auth.models import User
from clarus.core.db import Database
from clarus.core.settings import Settings
from clarus.tenancy.service import find_by_subdomain

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)


def _sign_in_page(
    request: Request,
    subdomain: str,
    *,
    email: str = "",
    error: str | None = None,
    notice: str | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """The sign-in form with a fresh double-submit token: nobody is signed in yet, so the token
    lives in a cookie of its own (`clarus.api.csrf`), scoped to the subdomain's app."""
    settings: Settings = request.app.state.settings
    token = csrf.csrf_token(request)
    response = render(
        request,
        "sign_in.html",
        subdomain=subdomain,
        sign_in_token=token,
        email=email,
        error=error,
        notice=notice,
        status_code=status_code,
    )
    response.headers.update(headers or {})
    csrf.set_csrf_cookie(
        response, token, public_base_url=settings.public_base_url, path=app_root(subdomain)
    )
    return response


@router.get("/sign-in")
async def sign_in_page(request: Request, subdomain: str, signed_out: bool = False) -> Response:
    t = translator()
    notice = t("sign_in.signed_out") if signed_out else None
    return _sign_in_page(request, valid_subdomain(subdomain), notice=notice)


async def _tenant_id(request: Request, subdomain: str) -> int | None:
    db: Database = request.app.state.db
    async with db.read_session() as session:
        tenant = await find_by_subdomain(session, subdomain)
    return tenant.id if tenant is not None and tenant.is_active else None


def _refused_page(
    request: Request, subdomain: str, email: str, refused: signin.SignInRefused
) -> Response:
    t = translator()
    if refused.retry_after is None:
        error = t("sign_in.wrong_credentials")
        return _sign_in_page(request, subdomain, email=email, error=error, status_code=401)
    error = t("sign_in.throttled", minutes=math.ceil(refused.retry_after / 60))
    return _sign_in_page(
        request,
        subdomain,
        email=email,
        error=error,
        status_code=429,
        headers={"Retry-After": str(refused.retry_after)},
    )


async def _start_session(request: Request, subdomain: str, user: User) -> Response:
    """A new session for the user, replacing any the browser held (a new id at every sign-in,
    so an id planted or seen before sign-in is worth nothing after it)."""
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    async with db.write_session() as session:
        previous = session_token(request)
        if previous is not None:
            await app_sessions.end_session(session, session_token=previous)
        token = await app_sessions.start_session(
            session, user=user, lifetime=lifetime(settings), now=now(request)
        )
    response = RedirectResponse(f"{app_root(subdomain)}/", status_code=303)
    set_session_cookie(response, subdomain, token, settings)
    return response


@router.post("/sign-in")
async def sign_in(request: Request, subdomain: str) -> Response:
    valid_subdomain(subdomain)
    settings: Settings = request.app.state.settings
    form = await text_fields(request)
    email, password = form.get("email"), form.get("password")
    email = email.strip() if isinstance(email, str) else ""
    if not (
        csrf.is_same_origin(request, public_base_url=settings.public_base_url)
        and csrf.has_valid_csrf_token(request, form)
    ):
        error = translator()("sign_in.form_expired")
        return _sign_in_page(request, subdomain, email=email, error=error, status_code=403)
    outcome = await signin.sign_in(
        request.app.state.db,
        settings,
        tenant_id=await _tenant_id(request, subdomain),
        email=email,
        password=password if isinstance(password, str) else "",
        address=client_address(request),
        now=now(request),
    )
    if isinstance(outcome, signin.SignInRefused):
        return _refused_page(request, subdomain, email, outcome)
    return await _start_session(request, subdomain, outcome)


@router.post("/sign-out")
async def sign_out(request: Request, subdomain: str, _form: CheckedFormDep) -> Response:
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    token = session_token(request)
    if token is not None:
        async with db.write_session() as session:
            await app_sessions.end_session(session, session_token=token)
    response = RedirectResponse(f"{sign_in_url(subdomain)}?signed_out=true", status_code=303)
    clear_session_cookie(response, subdomain, settings)
    return response
