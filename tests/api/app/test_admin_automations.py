"""The administrator's automations page: the delivery log with a retry of each delivery, which
queues it again through the service REST's retry calls; with the form's token only, and another
tenant's delivery answered like a missing one."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from clarus.core.db import Database
from clarus.webhooks.tables import webhook_deliveries
from tests.api.app.support import AppUser, browser, form_token, new_app_user, signed_in
from tests.api.app.test_dashboard import failed_delivery
from tests.support import ApiClientFactory

ADMIN = ("read", "write", "admin")


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def statuses(db: Database, tenant_id: int) -> list[str]:
    async with db.read_session() as session:
        statement = select(webhook_deliveries.c.status).where(
            webhook_deliveries.c.tenant_id == tenant_id
        )
        return [str(status) for status in (await session.execute(statement)).scalars()]


async def retry(
    http: httpx.AsyncClient, admin: AppUser, delivery_id: int, *, token: bool = True
) -> httpx.Response:
    page = await http.get(f"{admin.root}/office/admin/automations")
    assert page.status_code == 200, page.text
    data = {"csrf_token": form_token(page)} if token else {}
    return await http.post(
        f"{admin.root}/office/admin/automations/deliveries/{delivery_id}/retry", data=data
    )


async def delivery_ids(db: Database, tenant_id: int) -> list[int]:
    async with db.read_session() as session:
        statement = select(webhook_deliveries.c.id).where(
            webhook_deliveries.c.tenant_id == tenant_id
        )
        return list((await session.execute(statement)).scalars())


async def test_a_failed_delivery_is_retried_from_the_log(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    admin = await new_app_user(clients, db, permissions=ADMIN)
    await failed_delivery(db, admin.caller.tenant_id)
    [delivery_id] = await delivery_ids(db, admin.caller.tenant_id)
    await signed_in(http_browser, admin)
    page = await http_browser.get(f"{admin.root}/office/admin/automations")
    assert "daily_schedule triggered (0)" in page.text
    assert f"Send delivery {delivery_id} again" in page.text
    forged = await retry(http_browser, admin, delivery_id, token=False)
    assert forged.status_code == 403
    assert await statuses(db, admin.caller.tenant_id) == ["failed"]
    retried = await retry(http_browser, admin, delivery_id)
    assert retried.status_code == 303
    after = await http_browser.get(retried.headers["location"])
    assert "The delivery is queued to be sent now." in after.text
    assert await statuses(db, admin.caller.tenant_id) == ["pending"]


async def test_another_tenants_delivery_is_answered_like_a_missing_one(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    admin = await new_app_user(clients, db, permissions=ADMIN)
    stranger = await clients.new()
    await failed_delivery(db, stranger.tenant_id)
    [foreign_id] = await delivery_ids(db, stranger.tenant_id)
    await signed_in(http_browser, admin)
    foreign = await retry(http_browser, admin, foreign_id)
    missing = await retry(http_browser, admin, 99999999999)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.text == missing.text
    assert await statuses(db, stranger.tenant_id) == ["failed"]
    token = form_token(await http_browser.get(f"{admin.root}/office/admin/automations"))
    for automation in ("99999999999", "x"):
        recovered = await http_browser.post(
            f"{admin.root}/office/admin/automations/{automation}/recover",
            data={"csrf_token": token},
        )
        assert recovered.status_code == 404
        assert recovered.text == missing.text


async def test_only_an_administrator_opens_it(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    supervisor = await new_app_user(clients, db)
    await signed_in(http_browser, supervisor)
    page = await http_browser.get(f"{supervisor.root}/office/admin/automations")
    assert page.status_code == 403
