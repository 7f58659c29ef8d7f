"""The administrator's users page: who may sign in, and deactivating a user, which ends their
app sessions at once; only for a role that administers, with the form's token, and another
tenant's user answered like a missing one."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from clarus.core.db import Database
from tests.api.app.support import AppUser, browser, form_token, new_app_user, signed_in
from tests.support import ApiClientFactory

ADMIN = ("read", "write", "admin")


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def deactivate(
    http: httpx.AsyncClient, admin: AppUser, user_id: int, *, token: bool = True
) -> httpx.Response:
    page = await http.get(f"{admin.root}/office/admin/users")
    assert page.status_code == 200, page.text
    data = {"csrf_token": form_token(page)} if token else {}
    return await http.post(f"{admin.root}/office/admin/users/{user_id}/deactivate", data=data)


async def test_deactivating_a_user_ends_their_sessions(
    app: FastAPI, http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    admin = await new_app_user(clients, db, permissions=ADMIN)
    clerk = await new_app_user(clients, db, caller=admin.caller)
    await signed_in(http_browser, admin)
    page = await http_browser.get(f"{admin.root}/office/admin/users")
    assert clerk.email in page.text
    assert f"Deactivate {clerk.email}" in page.text
    assert f"Deactivate {admin.email}" not in page.text, "nobody locks themselves out"
    async with browser(app) as clerk_browser:
        await signed_in(clerk_browser, clerk)
        assert (await clerk_browser.get(f"{clerk.root}/office")).status_code == 200
        refused = await deactivate(http_browser, admin, clerk.user_id, token=False)
        assert refused.status_code == 403
        assert (await clerk_browser.get(f"{clerk.root}/office")).status_code == 200
        done = await deactivate(http_browser, admin, clerk.user_id)
        assert done.status_code == 303
        after = await http_browser.get(done.headers["location"])
        assert "The user is deactivated" in after.text
        ended = await clerk_browser.get(f"{clerk.root}/office")
        assert (ended.status_code, ended.headers["location"]) == (303, f"{clerk.root}/sign-in")
    self_refused = await deactivate(http_browser, admin, admin.user_id)
    assert self_refused.status_code == 422
    assert 'class="message message-error" role="alert"' in self_refused.text


async def test_another_tenants_user_is_answered_like_a_missing_one(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    admin = await new_app_user(clients, db, permissions=ADMIN)
    stranger = await new_app_user(clients, db)
    await signed_in(http_browser, admin)
    foreign = await deactivate(http_browser, admin, stranger.user_id)
    missing = await deactivate(http_browser, admin, 99999999999)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.text == missing.text


async def test_a_role_that_does_not_administer_cannot_open_it(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    supervisor = await new_app_user(clients, db)
    await signed_in(http_browser, supervisor)
    assert (await http_browser.get(f"{supervisor.root}/office/admin/users")).status_code == 403
    dashboard = await http_browser.get(f"{supervisor.root}/office")
    assert "/office/admin/users" not in dashboard.text


async def test_the_administrator_creates_a_user_and_a_mistake_writes_nothing(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    admin = await new_app_user(clients, db, permissions=ADMIN)
    await signed_in(http_browser, admin)
    page = await http_browser.get(f"{admin.root}/office/admin/users")
    token = form_token(page)
    bad = await http_browser.post(
        f"{admin.root}/office/admin/users",
        data={"csrf_token": token, "email": "not an email", "name": "Bo"},
    )
    assert bad.status_code == 422
    assert '<p class="field-error" id="email-error">email:' in bad.text
    taken = await http_browser.post(
        f"{admin.root}/office/admin/users",
        data={"csrf_token": token, "email": admin.email.upper(), "name": "Bo"},
    )
    assert taken.status_code == 422
    assert '<p class="field-error" id="email-error">' in taken.text
    made = await http_browser.post(
        f"{admin.root}/office/admin/users",
        data={"csrf_token": token, "email": "bo@example.com", "name": "Bo"},
    )
    assert made.status_code == 303
    listed = await http_browser.get(made.headers["location"])
    assert "The user is created." in listed.text
    assert listed.text.count("<td>bo@example.com</td>") == 1
    assert "not an email" not in listed.text
