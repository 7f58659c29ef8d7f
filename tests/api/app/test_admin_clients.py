"""The administrator's API clients page: a new client's secret shown once and working, a
revoked client refused a token, a form with a mistake writing nothing, and another tenant's
client answered like a missing one."""

from __future__ import annotations

import re
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


async def clients_page(http: httpx.AsyncClient, admin: AppUser) -> httpx.Response:
    page = await http.get(f"{admin.root}/office/admin/clients")
    assert page.status_code == 200, page.text
    return page


async def token_status(http: httpx.AsyncClient, client_id: str, secret: str) -> int:
    granted = await http.post(
        "/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret)
    )
    return granted.status_code


async def test_a_new_clients_secret_is_shown_once_and_revoking_it_ends_it(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    admin = await new_app_user(clients, db, permissions=ADMIN)
    await signed_in(http_browser, admin)
    token = form_token(await clients_page(http_browser, admin))
    created = await http_browser.post(
        f"{admin.root}/office/admin/clients",
        data={"csrf_token": token, "name": "Shop sync", "scopes": ["read", "write"]},
    )
    assert created.status_code == 200, created.text
    client_id = re.search(r'<code id="issued-client-id">([^<]+)</code>', created.text)
    secret = re.search(r'<code id="issued-secret">([^<]+)</code>', created.text)
    assert client_id is not None
    assert secret is not None
    assert await token_status(http_browser, client_id.group(1), secret.group(1)) == 200
    listed = await clients_page(http_browser, admin)
    assert client_id.group(1) in listed.text
    assert secret.group(1) not in listed.text
    revoked = await http_browser.post(
        f"{admin.root}/office/admin/clients/{client_id.group(1)}/revoke",
        data={"csrf_token": token},
    )
    assert revoked.status_code == 303
    assert await token_status(http_browser, client_id.group(1), secret.group(1)) == 401


async def test_a_mistake_writes_nothing_and_a_post_without_token_is_refused(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    admin = await new_app_user(clients, db, permissions=ADMIN)
    await signed_in(http_browser, admin)
    before = (await clients_page(http_browser, admin)).text.count("<code>")
    token = form_token(await clients_page(http_browser, admin))
    nameless = await http_browser.post(
        f"{admin.root}/office/admin/clients", data={"csrf_token": token, "scopes": ["read"]}
    )
    assert nameless.status_code == 422
    assert '<p class="field-error" id="name-error">Give the client a name' in nameless.text
    scopeless = await http_browser.post(
        f"{admin.root}/office/admin/clients", data={"csrf_token": token, "name": "No scopes"}
    )
    assert scopeless.status_code == 422
    assert '<p class="field-error" id="scopes-error">' in scopeless.text
    forged = await http_browser.post(
        f"{admin.root}/office/admin/clients", data={"name": "Forged", "scopes": ["read"]}
    )
    assert forged.status_code == 403
    assert (await clients_page(http_browser, admin)).text.count("<code>") == before


async def test_another_tenants_client_is_answered_like_a_missing_one(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    admin = await new_app_user(clients, db, permissions=ADMIN)
    stranger = await clients.new()
    await signed_in(http_browser, admin)
    token = form_token(await clients_page(http_browser, admin))
    foreign = await http_browser.post(
        f"{admin.root}/office/admin/clients/{stranger.client_id}/revoke",
        data={"csrf_token": token},
    )
    missing = await http_browser.post(
        f"{admin.root}/office/admin/clients/cl_nosuchclient/revoke", data={"csrf_token": token}
    )
    assert foreign.status_code == missing.status_code == 404
    assert foreign.text == missing.text
    assert await token_status(http_browser, stranger.client_id, stranger.client_secret) == 200
