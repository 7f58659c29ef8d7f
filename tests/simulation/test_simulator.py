from __future__ import annotations

from clarus.core.db import Database
from tests.inbound.factories import added, document, stockholding
from tests.inventory.test_stock_actions import assert_ledger_matches_stock
from tests.support import ApiClientFactory, events_of


async def test_a_sandbox_receives_and_fulfils_in_one_request_each(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    receipt = await caller.post(
        "/api/goods_in_receipts",
        document(
            "goods_in_receipts",
            {
                "account_id": stock.account_id,
                "warehouse_id": stock.warehouse_id,
                "lines_changes": [added(product_id=stock.product_id, expected_quantity=10)],
            },
        ),
    )
    assert receipt.status_code == 200, receipt.text
    received = await caller.post(
        f"/api/simulations/goods_in_receipts/{receipt.json()['data']['id']}/receive", None
    )
    assert received.status_code == 200, received.text
    attributes = received.json()["data"]["attributes"]
    assert attributes["status"] == "completed"
    assert attributes["lines"][0]["received_quantity"] == 10.0

    order = await caller.post(
        "/api/goods_outs",
        document(
            "goods_outs",
            {
                "account_id": stock.account_id,
                "warehouse_id": stock.warehouse_id,
                "reference": "SIM-1",
                "expected_date_of_dispatch": "2026-12-01T10:00:00Z",
                "lines_changes": [added(product_id=stock.product_id, order_quantity=4)],
            },
        ),
    )
    assert order.status_code == 200, order.text
    fulfilled = await caller.post(
        f"/api/simulations/goods_outs/{order.json()['data']['id']}/fulfil", None
    )
    assert fulfilled.status_code == 200, fulfilled.text
    attributes = fulfilled.json()["data"]["attributes"]
    assert attributes["goods_out_status_id"] == 6
    assert attributes["actual_date_of_dispatch"] is not None
    assert [(line["pick_quantity"], line["dispatch_quantity"]) for line in attributes["lines"]] == [
        (4.0, 4.0)
    ]
    locations = await caller.graphql("{ locations { all { edges { node { code } } } } }")
    codes = {edge["node"]["code"] for edge in locations["data"]["locations"]["all"]["edges"]}
    assert codes == {"SIM-GOODS-IN", "SIM-STORAGE", "SIM-GOODS-OUT"}
    events = await events_of(db, caller.tenant_id)
    assert [e["event"] for e in events if e["resource_name"] == "goods_out"] == [
        "created",
        "processed",
        "completed",
    ]
    assert [e["event"] for e in events if e["resource_name"] == "goods_in"][-1] == "completed"
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_a_live_tenant_cannot_simulate(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    live = await caller.patch(
        f"/api/subdomains/{caller.tenant_id}",
        {"data": {"type": "subdomains", "attributes": {"is_live": True}}},
    )
    assert live.status_code == 200, live.text
    order = await caller.post(
        "/api/goods_outs",
        document(
            "goods_outs",
            {
                "account_id": stock.account_id,
                "warehouse_id": stock.warehouse_id,
                "reference": "LIVE-1",
                "expected_date_of_dispatch": "2026-12-01T10:00:00Z",
            },
        ),
    )
    response = await caller.post(
        f"/api/simulations/goods_outs/{order.json()['data']['id']}/fulfil", None
    )
    assert response.status_code == 403
    assert response.json()["errors"][0]["symbol"] == "sandbox_only"
