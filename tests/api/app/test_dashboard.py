"""The office dashboard: open orders by status and due day, receipts due today, open tasks by
type, stock on hold and failed webhook deliveries, each of the signed-in tenant only, in a
number of statements that does not grow with the data."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from clarus.api.application import create_app
from clarus.core.db import Database
from clarus.core.settings import Settings
from clarus.webhooks.tables import webhook_deliveries
from tests.api.app.support import AppUser, browser, new_app_user, signed_in
from tests.conftest import make_settings
from tests.inbound.factories import added, document
from tests.inbound.receiving import Dock, dock, new_receipt
from tests.support import ApiClientFactory, Caller, statements_run
from tests.webhooks.fakes import FakeClock
from tests.webhooks.helpers import logged_delivery

NOON = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)
CELLS = re.compile(r"<t[hd][^>]*>([^<]*)</t[hd]>")


@pytest.fixture
async def noon_app(settings: Settings) -> AsyncIterator[FastAPI]:
    """The app at noon UTC on 7 December 2026."""
    clock = FakeClock()
    clock.current = NOON
    application = create_app(make_settings(settings.database_url), clock=clock)
    yield application
    await application.state.db.dispose()


def iso(moment: dt.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


async def order(caller: Caller, where: Dock, due: dt.datetime, **attributes: Any) -> int:
    body = document(
        "goods_outs",
        {
            "account_id": where.stock.account_id,
            "warehouse_id": where.stock.warehouse_id,
            "reference": f"SO-{due:%m%d%H}-{len(attributes)}",
            "expected_date_of_dispatch": iso(due),
            "lines_changes": [added(product_id=where.stock.product_id, order_quantity=1)],
            **attributes,
        },
    )
    response = await caller.post("/api/goods_outs", body)
    assert response.status_code == 200, response.text
    return int(response.json()["data"]["id"])


async def held_stock(caller: Caller, where: Dock, quantity: int) -> None:
    body = {
        "data": {
            "type": "stocks",
            "attributes": {
                "product_id": where.stock.product_id,
                "account_id": where.stock.account_id,
                "location_id": where.shelf_id,
                "quantity": quantity,
            },
        }
    }
    stock = await caller.post("/api/stocks/positive_adjustment", body)
    assert stock.status_code == 200, stock.text
    held = await caller.post(
        "/api/stocks/hold", {"ids": [stock.json()["data"]["id"]], "description": "Damaged"}
    )
    assert held.status_code == 200, held.text


async def failed_delivery(db: Database, tenant_id: int) -> None:
    """A delivery the worker gave up on (deliveries have no create: the worker makes them)."""
    delivery_id = await logged_delivery(db, tenant_id)
    async with db.write_session() as session:
        await session.execute(
            update(webhook_deliveries)
            .where(webhook_deliveries.c.id == delivery_id)
            .values(status="failed", last_error="HTTP 500", updated_at=NOON)
        )


async def seed(caller: Caller, db: Database) -> Dock:
    where = await dock(caller)
    day = NOON.replace(hour=0)
    await order(caller, where, day - dt.timedelta(hours=2))
    await order(caller, where, day + dt.timedelta(hours=15))
    await order(caller, where, day + dt.timedelta(days=1, hours=9), goods_out_status_id=1)
    await order(caller, where, day + dt.timedelta(days=5))
    receipt = await new_receipt(
        caller,
        where,
        {"expected_quantity": 4},
        reference="PO-TODAY",
        expected_date_of_arrival=iso(day + dt.timedelta(hours=9)),
    )
    await new_receipt(
        caller,
        where,
        {"expected_quantity": 4},
        reference="PO-TOMORROW",
        expected_date_of_arrival=iso(day + dt.timedelta(days=1, hours=9)),
    )
    received = await caller.post(f"/api/goods_in_receipts/{receipt['id']}/receive", None)
    assert received.status_code == 200, received.text
    await held_stock(caller, where, 3)
    await failed_delivery(db, caller.tenant_id)
    return where


def panel(html: str, heading_id: str) -> list[str]:
    """The text of every cell of the panel whose heading has `heading_id`."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return [cell.strip() for cell in CELLS.findall(html[start:end])]


def heading(html: str, heading_id: str) -> str:
    found = re.search(rf'<h2 id="{heading_id}">([^<]*)</h2>', html)
    assert found is not None
    return found.group(1)


async def dashboard(http: httpx.AsyncClient, user: AppUser) -> str:
    response = await http.get(f"{user.root}/office")
    assert response.status_code == 200, response.text
    return response.text


async def test_the_dashboard_shows_what_is_due_waiting_held_and_failed(
    noon_app: FastAPI, clients: ApiClientFactory, db: Database
) -> None:
    supervisor = await new_app_user(clients, db)
    await seed(supervisor.caller, db)
    other_tenant = await clients.new()
    await seed(other_tenant, db)
    async with browser(noon_app) as http:
        await signed_in(http, supervisor)
        html = await dashboard(http, supervisor)
    assert panel(html, "orders-heading")[6:] == [
        "Draft",
        "0",
        "0",
        "1",
        "0",
        "1",
        "Pending",
        "1",
        "1",
        "0",
        "1",
        "3",
    ]
    assert heading(html, "receipts-heading") == "Receipts due today: 1"
    assert panel(html, "receipts-heading")[3:] == ["PO-TODAY", "Received", "09:00"]
    assert panel(html, "tasks-heading")[3:] == ["Receive", "1", "0"]
    assert heading(html, "holds-heading") == "Stock on hold: 1"
    assert panel(html, "holds-heading")[4:][1:] == ["A-01-01", "3", "Damaged"]
    assert heading(html, "failed-heading") == "Failed webhook deliveries: 1"
    assert panel(html, "failed-heading")[4:] == [
        "daily_schedule triggered (0)",
        "1",
        "HTTP 500",
        "2026-12-07 12:00",
    ]


async def test_an_empty_tenant_gets_an_empty_dashboard(
    noon_app: FastAPI, clients: ApiClientFactory, db: Database
) -> None:
    supervisor = await new_app_user(clients, db)
    async with browser(noon_app) as http:
        await signed_in(http, supervisor)
        html = await dashboard(http, supervisor)
    for message in (
        "No open orders.",
        "No receipt is due today.",
        "No open tasks.",
        "No stock is on hold.",
        "No failed deliveries.",
    ):
        assert f'<p class="empty">{message}</p>' in html


async def test_the_dashboard_runs_as_many_statements_whatever_the_data(
    noon_app: FastAPI, clients: ApiClientFactory, db: Database
) -> None:
    supervisor = await new_app_user(clients, db)
    app_db: Database = noon_app.state.db
    async with browser(noon_app) as http:
        await signed_in(http, supervisor)
        with statements_run(app_db) as empty:
            await dashboard(http, supervisor)
        where = await seed(supervisor.caller, db)
        for day in range(6):
            await order(supervisor.caller, where, NOON + dt.timedelta(days=day - 3))
            await held_stock(supervisor.caller, where, day + 1)
        with statements_run(app_db) as busy:
            await dashboard(http, supervisor)
    assert len(busy) == len(empty)
    selects = [statement for statement in busy if statement.lstrip().startswith("SELECT")]
    assert len(selects) == 6, "the session's user and one statement per panel"
