"""Signing in to the operator app: server-side sessions in the database, their cookie, their
rotation, their end (sign-out, idle timeout, lifetime, deactivation), and a cookie that is
useless in any other tenant."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, update

from clarus.api.application import create_app
from clarus.auth.passwords import hash_password
from clarus.auth.secrets import token_hash
from clarus.auth.tables import app_sessions, users
from clarus.core.db import Database
from clarus.core.settings import Settings
from tests.api.app.support import (
    SESSION_COOKIE,
    AppUser,
    browser,
    form_token,
    new_app_user,
    resource,
    sign_in,
    signed_in,
)
from tests.conftest import make_settings
from tests.support import ApiClientFactory
from tests.webhooks.fakes import FakeClock


@pytest.fixture
async def user(clients: ApiClientFactory, db: Database) -> AppUser:
    return await new_app_user(clients, db)


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


def redirect_of(response: httpx.Response) -> tuple[int, str | None]:
    return response.status_code, response.headers.get("location")


async def test_signing_in_sets_a_session_cookie_and_opens_the_dashboard(
    http_browser: httpx.AsyncClient, user: AppUser, db: Database
) -> None:
    response = await sign_in(http_browser, user.subdomain, user.email, user.password)
    assert redirect_of(response) == (303, f"{user.root}/")
    cookie = response.headers["set-cookie"]
    token = http_browser.cookies[SESSION_COOKIE]
    assert cookie.startswith(f"{SESSION_COOKIE}={token};")
    assert {"HttpOnly", f"Path={user.root}", "SameSite=lax"} <= {
        part.strip() for part in cookie.split(";")
    }
    assert "Max-Age" not in cookie
    async with db.read_session() as session:
        stored = await session.execute(
            select(app_sessions.c.user_id, app_sessions.c.id_hash).where(
                app_sessions.c.tenant_id == user.caller.tenant_id
            )
        )
        assert stored.all() == [(user.user_id, token_hash(token))]
    home = await http_browser.get(f"{user.root}/")
    assert redirect_of(home) == (303, f"{user.root}/office")
    dashboard = await http_browser.get(f"{user.root}/office")
    assert dashboard.status_code == 200
    assert "Signed in as Ann" in dashboard.text


async def test_a_wrong_password_shows_a_clear_message_and_signs_nobody_in(
    http_browser: httpx.AsyncClient, user: AppUser
) -> None:
    response = await sign_in(http_browser, user.subdomain, user.email, "not the password")
    assert response.status_code == 401
    assert '<p class="message message-error" role="alert">Wrong email or password.</p>' in (
        response.text
    )
    assert f'value="{user.email}"' in response.text
    assert SESSION_COOKIE not in http_browser.cookies
    unknown = await sign_in(http_browser, user.subdomain, "nobody@example.com", user.password)
    assert unknown.status_code == 401
    assert "Wrong email or password." in unknown.text


async def test_signing_in_again_rotates_the_session(
    http_browser: httpx.AsyncClient, user: AppUser, app: FastAPI
) -> None:
    first = await signed_in(http_browser, user)
    second = await signed_in(http_browser, user)
    assert second != first
    async with browser(app) as other:
        other.cookies.set(SESSION_COOKIE, first)
        assert redirect_of(await other.get(f"{user.root}/office")) == (
            303,
            f"{user.root}/sign-in",
        )
    assert (await http_browser.get(f"{user.root}/office")).status_code == 200


async def test_signing_out_ends_the_session(
    http_browser: httpx.AsyncClient, user: AppUser, app: FastAPI
) -> None:
    token = await signed_in(http_browser, user)
    page = await http_browser.get(f"{user.root}/office")
    signed_out = await http_browser.post(
        f"{user.root}/sign-out", data={"csrf_token": form_token(page)}
    )
    assert redirect_of(signed_out) == (303, f"{user.root}/sign-in?signed_out=true")
    assert SESSION_COOKIE not in http_browser.cookies
    notice = await http_browser.get(f"{user.root}/sign-in?signed_out=true")
    assert "You are signed out." in notice.text
    async with browser(app) as replay:
        replay.cookies.set(SESSION_COOKIE, token)
        response = await replay.get(f"{user.root}/office")
    assert redirect_of(response) == (303, f"{user.root}/sign-in")


async def test_a_form_posted_without_its_token_is_refused(
    http_browser: httpx.AsyncClient, user: AppUser
) -> None:
    await signed_in(http_browser, user)
    page = await http_browser.get(f"{user.root}/office")
    token = form_token(page)
    altered = token[:-1] + ("1" if token.endswith("0") else "0")
    for data in ({}, {"csrf_token": "forged"}, {"csrf_token": altered}):
        refused = await http_browser.post(f"{user.root}/sign-out", data=data)
        assert refused.status_code == 403
        assert "This form expired or was sent from another site." in refused.text
    cross_site = await http_browser.post(
        f"{user.root}/sign-out",
        data={"csrf_token": form_token(page)},
        headers={"Origin": "https://evil.example"},
    )
    assert cross_site.status_code == 403
    assert (await http_browser.get(f"{user.root}/office")).status_code == 200


async def test_the_sign_in_form_without_its_token_is_refused(
    http_browser: httpx.AsyncClient, user: AppUser
) -> None:
    response = await http_browser.post(
        f"{user.root}/sign-in", data={"email": user.email, "password": user.password}
    )
    assert response.status_code == 403
    assert "This form expired or was sent from another site. Sign in again." in response.text
    assert SESSION_COOKIE not in http_browser.cookies


async def test_a_cookie_of_one_tenant_is_useless_in_another(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database, app: FastAPI
) -> None:
    """Sent to tenant B's app (as a tool would; a browser keeps it to A's path), A's session
    cookie is answered exactly like no cookie, and like a subdomain that does not exist."""
    tenant_a = await new_app_user(clients, db)
    tenant_b = await new_app_user(clients, db)
    token = await signed_in(http_browser, tenant_a)
    answers = {}
    for subdomain in (tenant_b.subdomain, "t-nosuchtenant"):
        for cookie in (token, None):
            async with browser(app) as other:
                if cookie is not None:
                    other.cookies.set(SESSION_COOKIE, cookie)
                for path in ("/", "/office", "/handheld", "/orders/1"):
                    response = await other.get(f"/app/{subdomain}{path}")
                    answers[(subdomain, cookie is None, path)] = redirect_of(response)
    for (subdomain, _no_cookie, _path), answer in answers.items():
        assert answer == (303, f"/app/{subdomain}/sign-in")


async def test_deactivating_a_user_ends_their_sessions(
    http_browser: httpx.AsyncClient, user: AppUser, db: Database
) -> None:
    await signed_in(http_browser, user)
    deactivated = await user.caller.patch(
        f"/api/users/{user.user_id}", resource("users", is_active=False)
    )
    assert deactivated.status_code == 200, deactivated.text
    response = await http_browser.get(f"{user.root}/office")
    assert redirect_of(response) == (303, f"{user.root}/sign-in")
    async with db.read_session() as session:
        left = await session.execute(
            select(func.count()).where(app_sessions.c.user_id == user.user_id)
        )
        assert left.scalar_one() == 0
    again = await sign_in(http_browser, user.subdomain, user.email, user.password)
    assert again.status_code == 401


@pytest.fixture
async def clocked_app(settings: Settings) -> AsyncIterator[tuple[FastAPI, FakeClock]]:
    clock = FakeClock()
    application = create_app(
        make_settings(
            settings.database_url, app_session_idle_seconds=600, app_session_lifetime_seconds=3600
        ),
        clock=clock,
    )
    yield application, clock
    await application.state.db.dispose()


async def test_a_session_ends_after_its_idle_timeout(
    clocked_app: tuple[FastAPI, FakeClock], user: AppUser
) -> None:
    application, clock = clocked_app
    async with browser(application) as http:
        await signed_in(http, user)
        clock.advance(dt.timedelta(seconds=590))
        assert (await http.get(f"{user.root}/office")).status_code == 200
        clock.advance(dt.timedelta(seconds=590))
        assert (await http.get(f"{user.root}/office")).status_code == 200
        clock.advance(dt.timedelta(seconds=601))
        response = await http.get(f"{user.root}/office")
    assert redirect_of(response) == (303, f"{user.root}/sign-in")


async def test_a_busy_session_ends_at_its_lifetime(
    clocked_app: tuple[FastAPI, FakeClock], user: AppUser
) -> None:
    application, clock = clocked_app
    async with browser(application) as http:
        await signed_in(http, user)
        for _ in range(7):
            clock.advance(dt.timedelta(seconds=500))
            assert (await http.get(f"{user.root}/office")).status_code == 200
        clock.advance(dt.timedelta(seconds=500))
        response = await http.get(f"{user.root}/office")
    assert redirect_of(response) == (303, f"{user.root}/sign-in")


async def test_a_password_change_ends_the_users_sessions(
    http_browser: httpx.AsyncClient, user: AppUser, db: Database
) -> None:
    """Whatever changes the password (an administrator's tool, `clarus demo` again) writes a new
    hash; the sessions made with the old one no longer sign anyone in."""
    await signed_in(http_browser, user)
    async with db.write_session() as session:
        await session.execute(
            update(users)
            .where(users.c.id == user.user_id)
            .values(password_hash=await hash_password("a new password"))
        )
    response = await http_browser.get(f"{user.root}/office")
    assert redirect_of(response) == (303, f"{user.root}/sign-in")


async def test_the_session_cookie_is_secure_when_the_site_is_https(
    settings: Settings, user: AppUser
) -> None:
    application = create_app(
        make_settings(settings.database_url, public_base_url="https://wms.example.com")
    )
    try:
        async with browser(application, "https://wms.example.com") as http:
            response = await sign_in(http, user.subdomain, user.email, user.password)
    finally:
        await application.state.db.dispose()
    assert response.status_code == 303
    assert "Secure" in {part.strip() for part in response.headers["set-cookie"].split(";")}


async def sessions_of(db: Database, user: AppUser) -> int:
    async with db.read_session() as session:
        counted = await session.execute(
            select(func.count()).where(app_sessions.c.user_id == user.user_id)
        )
        return int(counted.scalar_one())


async def wait_for_sessions(db: Database, user: AppUser, expected: int) -> int:
    """The user's stored sessions once they are `expected` (or after 20 seconds)."""
    for _ in range(400):
        count = await sessions_of(db, user)
        if count == expected:
            return count
        await asyncio.sleep(0.05)
    return count


async def test_the_server_deletes_sessions_past_their_idle_timeout_or_lifetime(
    settings: Settings, clients: ApiClientFactory, db: Database
) -> None:
    """A browser that never signs out leaves its session behind: the app's lifespan sweeps it
    away once it has ended, at once on start and then every `app_session_sweep_seconds`; a live
    session stays."""
    clock = FakeClock()
    application = create_app(
        make_settings(
            settings.database_url,
            app_session_idle_seconds=600,
            app_session_lifetime_seconds=3600,
            app_session_sweep_seconds=0.05,
        ),
        clock=clock,
    )
    idle, busy = await new_app_user(clients, db), await new_app_user(clients, db)
    try:
        async with browser(application) as idle_http, browser(application) as busy_http:
            await signed_in(idle_http, idle)
            clock.advance(dt.timedelta(seconds=400))
            await signed_in(busy_http, busy)
            clock.advance(dt.timedelta(seconds=300))
            async with application.router.lifespan_context(application):
                assert await wait_for_sessions(db, idle, 0) == 0
                assert await sessions_of(db, busy) == 1
                assert (await busy_http.get(f"{busy.root}/office")).status_code == 200
                for _ in range(6):
                    clock.advance(dt.timedelta(seconds=500))
                    assert (await busy_http.get(f"{busy.root}/office")).status_code == 200
                assert await sessions_of(db, busy) == 1
                clock.advance(dt.timedelta(seconds=500))
                assert await wait_for_sessions(db, busy, 0) == 0
    finally:
        await application.state.db.dispose()
