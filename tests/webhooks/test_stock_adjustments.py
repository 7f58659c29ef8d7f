"""The stock adjustment webhooks, as the knowledge-base guides `webhook-stock-positive` and
`webhook-stock-negative` show them: the record's account, product and warehouse with their codes,
`quantity` the amount adjusted and `new_quantity` the record's quantity after it, posted to a real
receiver by automations made through the API."""

from __future__ import annotations

import json
from typing import Any

from clarus.core.db import Database
from clarus.webhooks.directory import AutomationDirectory
from tests.catalog import factories as catalog
from tests.inventory.test_stock_actions import Place, act, add_stock
from tests.support import TEST_SECRET_BOX, ApiClientFactory, Caller, unique_code
from tests.webhooks.conftest import WorkerFactory
from tests.webhooks.helpers import deliveries_of, drain
from tests.webhooks.receiver import Receiver
from tests.webhooks.support import automation_body, condition, webhook_action


async def coded_place(caller: Caller, codes: dict[str, str]) -> Place:
    account = await caller.create_account(codes["account"])
    product = await catalog.product(caller, code=codes["product"])
    warehouse = await caller.create_warehouse(codes["warehouse"])
    location_type_id = int((await caller.create_location_type())["id"])
    first, second = [
        await caller.create_location(
            warehouse_id=int(warehouse["id"]), location_type_id=location_type_id
        )
        for _ in range(2)
    ]
    return Place(
        int(account["id"]),
        int(product["id"]),
        int(warehouse["id"]),
        int(first["id"]),
        int(second["id"]),
    )


async def watching(caller: Caller, event: str, account_id: int, url: str) -> None:
    response = await caller.post(
        "/api/automations",
        automation_body(
            resource_name="stock",
            event=event,
            conditions_changes=[condition("data.account_id", "eq", str(account_id))],
            actions_changes=[webhook_action(url, "POST")],
        ),
    )
    assert response.status_code == 200, response.text


def adjustment(body: dict[str, Any]) -> dict[str, Any]:
    data = body["data"]
    return {
        name: data[name]
        for name in (
            "id",
            "account_id",
            "product_id",
            "warehouse_id",
            "account",
            "product",
            "warehouse",
            "quantity",
            "new_quantity",
        )
    }


async def test_each_adjustment_posts_the_amount_adjusted_the_new_quantity_and_the_codes(
    private_clients: ApiClientFactory,
    db: Database,
    receiver: Receiver,
    make_worker: WorkerFactory,
) -> None:
    caller = await private_clients.new()
    codes = {
        "account": unique_code("ACC"),
        "product": unique_code("SKU"),
        "warehouse": unique_code("WH"),
    }
    where = await coded_place(caller, codes)
    for event in ("positively_adjusted", "negatively_adjusted"):
        await watching(caller, event, where.account_id, receiver.url)

    first = await add_stock(caller, where, 10)
    again = await add_stock(caller, where, 2.5)
    left = await act(caller, first["id"], "negative_adjustment", quantity=4)
    await drain(make_worker(directory=AutomationDirectory(TEST_SECRET_BOX)))

    bodies = sorted(
        (json.loads(request.body) for request in receiver.received),
        key=lambda body: body["sequence"],
    )
    assert [(body["resource_name"], body["event"]) for body in bodies] == [
        ("stock", "positively_adjusted"),
        ("stock", "positively_adjusted"),
        ("stock", "negatively_adjusted"),
    ]
    linked = {
        "account_id": where.account_id,
        "product_id": where.product_id,
        "warehouse_id": where.warehouse_id,
        "account": {"id": where.account_id, "code": codes["account"]},
        "product": {"id": where.product_id, "code": codes["product"]},
        "warehouse": {"id": where.warehouse_id, "code": codes["warehouse"]},
    }
    stock_id = first["id"]
    assert (again["id"], left["id"]) == (stock_id, stock_id)
    assert [adjustment(body) for body in bodies] == [
        {"id": stock_id, **linked, "quantity": 10.0, "new_quantity": 10.0},
        {"id": stock_id, **linked, "quantity": 2.5, "new_quantity": 12.5},
        {"id": stock_id, **linked, "quantity": -4.0, "new_quantity": 8.5},
    ]
    assert left["attributes"]["quantity"] == 8.5
    assert [delivery["status"] for delivery in await deliveries_of(db, caller.tenant_id)] == [
        "succeeded"
    ] * 3
