"""The administrator's roles page (each role's permissions and what they open in the app) and
giving a user another role from the users page, through the service `PATCH /api/users/{id}`
calls: the new role applies from the user's next page; only administrators, with the form's
token; another tenant's user or role answered like a missing one."""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from clarus.auth.tables import users
from clarus.core.db import Database
from tests.api.app.support import AppUser, browser, form_token, new_app_user, resource, signed_in
from tests.api.app.test_admin_users import ADMIN
from tests.api.app.test_edit_forms import alerts
from tests.support import ApiClientFactory, Caller


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def new_role(caller: Caller, *permissions: str, name: str = "") -> int:
    created = await caller.post(
        "/api/roles",
        resource(
            "roles",
            name=name or f"Role {uuid.uuid4().hex[:8]}",
            description="Counts stock",
            permissions=list(permissions),
        ),
    )
    assert created.status_code == 200, created.text
    return int(created.json()["data"]["id"])


async def role_of(db: Database, user_id: int) -> int:
    async with db.read_session() as session:
        statement = select(users.c.role_id).where(users.c.id == user_id)
        return int((await session.execute(statement)).scalar_one())


def role_row(page: httpx.Response, name: str) -> str:
    found = re.search(rf'<tr>\s*<th scope="row">{re.escape(name)}.*?</tr>', page.text, re.S)
    assert found is not None, page.text
    return html.unescape(found.group(0))


async def change_role(
    http: httpx.AsyncClient, admin: AppUser, user_id: int | str, role: str, *, token: bool = True
) -> httpx.Response:
    page = await http.get(f"{admin.root}/office/admin/users")
    data = {"role": role, **({"csrf_token": form_token(page)} if token else {})}
    return await http.post(f"{admin.root}/office/admin/users/{user_id}/role", data=data)


async def test_the_roles_page_lists_each_role_with_what_it_opens(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    admin = await new_app_user(clients, db, permissions=ADMIN)
    await new_role(admin.caller, "read", "write", "goods_in.view", name="Counter")
    await new_role(admin.caller, "goods_in.view", name="Legacy")
    await signed_in(http_browser, admin)
    office = await http_browser.get(f"{admin.root}/office")
    assert f'href="{admin.root}/office/admin/roles">Roles</a>' in office.text
    page = await http_browser.get(f"{admin.root}/office/admin/roles")
    assert page.status_code == 200
    counter = role_row(page, "Counter")
    assert "read, write, goods_in.view" in counter
    assert "read: lists, records and the dashboard" in counter
    assert "write: handheld tasks, forms and order actions" in counter
    assert "admin:" not in counter
    assert '<td class="number">0</td>' in counter
    assert "Nothing: no page of the app." in role_row(page, "Legacy")
    assert "(Default)" in role_row(page, "Default")


async def test_an_administrator_gives_a_user_another_role(
    app: FastAPI, http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    admin = await new_app_user(clients, db, permissions=ADMIN)
    clerk = await new_app_user(clients, db, permissions=("read",), caller=admin.caller)
    writer_role = await new_role(admin.caller, "read", "write")
    first_role = await role_of(db, clerk.user_id)
    await signed_in(http_browser, admin)
    async with browser(app) as clerk_browser:
        await signed_in(clerk_browser, clerk)
        new_order = f"{clerk.root}/office/orders/new"
        assert (await clerk_browser.get(new_order)).status_code == 403
        refused = await change_role(
            http_browser, admin, clerk.user_id, str(writer_role), token=False
        )
        assert refused.status_code == 403
        assert await role_of(db, clerk.user_id) == first_role
        done = await change_role(http_browser, admin, clerk.user_id, str(writer_role))
        assert done.status_code == 303
        assert "The role is changed" in (await http_browser.get(done.headers["location"])).text
        assert await role_of(db, clerk.user_id) == writer_role
        assert (await clerk_browser.get(new_order)).status_code == 200

    garbage = await change_role(http_browser, admin, clerk.user_id, "writer")
    assert garbage.status_code == 422
    assert "role_id" in alerts(garbage)[0]
    assert await role_of(db, clerk.user_id) == writer_role


async def test_another_tenants_user_or_role_is_answered_like_a_missing_one(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    admin = await new_app_user(clients, db, permissions=ADMIN)
    clerk = await new_app_user(clients, db, caller=admin.caller)
    stranger = await new_app_user(clients, db, permissions=ADMIN)
    foreign_role = await new_role(stranger.caller, "admin")
    own_role = await role_of(db, clerk.user_id)
    await signed_in(http_browser, admin)
    foreign_user = await change_role(http_browser, admin, stranger.user_id, str(own_role))
    missing_user = await change_role(http_browser, admin, 999_999_999, str(own_role))
    assert foreign_user.status_code == missing_user.status_code == 404
    assert foreign_user.text == missing_user.text
    foreign = await change_role(http_browser, admin, clerk.user_id, str(foreign_role))
    missing = await change_role(http_browser, admin, clerk.user_id, "999999999")
    assert foreign.status_code == missing.status_code == 422
    [foreign_message], [missing_message] = alerts(foreign), alerts(missing)
    assert foreign_message == f"roles {foreign_role} does not exist."
    assert foreign_message.replace(str(foreign_role), "N") == missing_message.replace(
        "999999999", "N"
    )
    assert await role_of(db, clerk.user_id) == own_role
    assert await role_of(db, stranger.user_id) != own_role


async def test_only_an_administrator_sees_roles_or_changes_one(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    writer = await new_app_user(clients, db, permissions=("read", "write"))
    clerk = await new_app_user(clients, db, caller=writer.caller)
    await signed_in(http_browser, writer)
    assert (await http_browser.get(f"{writer.root}/office/admin/roles")).status_code == 403
    office = await http_browser.get(f"{writer.root}/office")
    assert "/office/admin/roles" not in office.text
    token = form_token(office)
    refused = await http_browser.post(
        f"{writer.root}/office/admin/users/{clerk.user_id}/role",
        data={"csrf_token": token, "role": str(await role_of(db, writer.user_id))},
    )
    assert refused.status_code == 403
