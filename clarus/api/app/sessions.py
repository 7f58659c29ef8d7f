"""The operator app's side of sessions: the cookie, the signed-in user of a request, the CSRF
check of a signed-in form, and the refusals a page answers with (`PageProblem`).

The subdomain always comes from the path (`/app/{subdomain}/...`). The session cookie is
scoped to that path, HttpOnly, SameSite=Lax and Secure over https; a session of another tenant
is not found, so its cookie is answered exactly like no cookie: a redirect to sign-in.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from clarus.api import csrf
from clarus.api.forms import text_fields
from clarus.auth import app_sessions
from clarus.auth.app_sessions import SessionLifetime, SessionUser
from clarus.core.db import Database
from clarus.core.settings import Settings
from clarus.tenancy.service import is_valid_subdomain
from clarus.webhooks.clock import Clock

SESSION_COOKIE = "clarus_session"
FORM_TOKEN_FIELD = csrf.CSRF_FIELD


class SignInRequired(Exception):
    """No live session of this subdomain: the browser is sent to its sign-in page."""

    def __init__(self, subdomain: str) -> None:
        super().__init__(subdomain)
        self.subdomain = subdomain


class PageProblem(Exception):
    """A refusal shown as a page: its status and the message key of what to tell the user,
    with the values its placeholders take."""

    def __init__(self, status_code: int, message_key: str, **values: str) -> None:
        super().__init__(message_key)
        self.status_code = status_code
        self.message_key = message_key
        self.values = values


def app_root(subdomain: str) -> str:
    return f"/app/{quote(subdomain, safe='')}"


def sign_in_url(subdomain: str) -> str:
    return f"{app_root(subdomain)}/sign-in"


def now(request: Request) -> dt.datetime:
    clock: Clock = request.app.state.clock
    return clock.now()


def lifetime(settings: Settings) -> SessionLifetime:
    return SessionLifetime(
        idle_timeout=dt.timedelta(seconds=settings.app_session_idle_seconds),
        absolute=dt.timedelta(seconds=settings.app_session_lifetime_seconds),
    )


def session_token(request: Request) -> str | None:
    return request.cookies.get(SESSION_COOKIE) or None


def set_session_cookie(response: Response, subdomain: str, token: str, settings: Settings) -> None:
    """A session cookie, not a persistent one: closing the browser ends it on a shared
    terminal; the server ends it anyway at its idle timeout and lifetime."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        path=app_root(subdomain),
        httponly=True,
        samesite="lax",
        secure=csrf.is_https(settings.public_base_url),
    )


def clear_session_cookie(response: Response, subdomain: str, settings: Settings) -> None:
    response.delete_cookie(
        SESSION_COOKIE,
        path=app_root(subdomain),
        httponly=True,
        samesite="lax",
        secure=csrf.is_https(settings.public_base_url),
    )


def valid_subdomain(subdomain: str) -> str:
    """The path's subdomain; a path that cannot name a tenant is a missing page."""
    if not is_valid_subdomain(subdomain):
        raise PageProblem(404, "problem.not_found")
    return subdomain


async def signed_in(request: Request, subdomain: str) -> SessionUser:
    """The user of the request's session in the path's subdomain (a dependency): a read, and a
    write of the session's last use at most once a minute."""
    token = session_token(request)
    if token is None:
        raise SignInRequired(valid_subdomain(subdomain))
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    moment = now(request)
    async with db.read_session() as session:
        user = await app_sessions.signed_in_user(
            session,
            subdomain=subdomain,
            session_token=token,
            lifetime=lifetime(settings),
            now=moment,
        )
    if user is None:
        raise SignInRequired(valid_subdomain(subdomain))
    if user.is_stale(moment):
        async with db.write_session() as session:
            await app_sessions.touch_session(session, session_id=user.session_id, now=moment)
    request.state.app_user = user
    return user


SignedInDep = Annotated[SessionUser, Depends(signed_in)]


async def checked_form(request: Request, _user: SignedInDep) -> FormData:
    """The fields of a signed-in form post, once its CSRF token matched its session's and a
    browser's `Origin` is this site; else a 403 page and nothing done."""
    settings: Settings = request.app.state.settings
    form = await text_fields(request)
    token, posted = session_token(request), form.get(FORM_TOKEN_FIELD)
    if (
        token is None
        or not isinstance(posted, str)
        or not csrf.is_same_origin(request, public_base_url=settings.public_base_url)
        or not app_sessions.form_token_matches(token, posted)
    ):
        raise PageProblem(403, "problem.form_expired")
    _ensure_storable(form)
    return form


def _ensure_storable(form: FormData) -> None:
    """No field holds a NUL: no record can (the API refuses one in any text, PostgreSQL in any
    query), and no person types one. A 400 page naming the field, before anything is read."""
    for name, value in form.multi_items():
        if isinstance(value, str) and "\x00" in value:
            raise PageProblem(400, "problem.nul_character", field=name.replace("\x00", ""))


CheckedFormDep = Annotated[FormData, Depends(checked_form)]
