from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import update

from clarus.core.db import Database
from clarus.outbound.tables import goods_outs
from tests.inbound.factories import (
    Stockholding,
    added,
    document,
    stockholding,
    updated,
)
from tests.support import (
    ApiClientFactory,
    Caller,
    assert_refused,
    events_of,
    refused,
    row_counts,
)

DELIVERY = {
    "name": "John Smith",
    "address_1": "123 Main Street",
    "postcode": "AB1 2CD",
    "country_code": "GB",
    "email_address": "john.smith@example.com",
}
PENDING, DRAFT, PICK, ALLOCATED, COMPLETED, CANCELLED = 2, 1, 3, 5, 6, 8
LINES = "/data/attributes/lines_changes"


def order(stock: Stockholding, **attributes: Any) -> dict[str, Any]:
    return {
        "account_id": stock.account_id,
        "warehouse_id": stock.warehouse_id,
        "reference": "SO-001",
        "expected_date_of_dispatch": "2024-01-20T10:00:00Z",
        **attributes,
    }


async def create_order(
    caller: Caller, stock: Stockholding, address: dict[str, Any] | None = None, **attributes: Any
) -> dict[str, Any]:
    response = await caller.post(
        "/api/goods_outs", document("goods_outs", order(stock, **attributes), address)
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def patch_order(caller: Caller, order_id: int, **attributes: Any) -> dict[str, Any]:
    response = await caller.patch(f"/api/goods_outs/{order_id}", document("goods_outs", attributes))
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def set_status(db: Database, order_id: int, status: int) -> None:
    """Allocation and picking come with the warehouse operations; until then a test puts an
    order in the state they would leave it in."""
    async with db.write_session() as session:
        await session.execute(
            update(goods_outs).where(goods_outs.c.id == order_id).values(goods_out_status_id=status)
        )


async def test_create_applies_the_defaults_and_starts_pending(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    data = await create_order(
        caller,
        stock,
        DELIVERY,
        priority=1,
        external_system_reference1="SHOP-1001",
        lines_changes=[
            added(product_id=stock.product_id, order_quantity=10, string1="BATCH-7"),
            added(product_id=stock.product_id, order_quantity=0.5),
        ],
    )
    assert data["type"] == "goods_outs"
    attributes = data["attributes"]
    assert attributes["goods_out_status_id"] == PENDING
    assert attributes["goods_out_type"] == "sales_order"
    assert (attributes["pick_type"], attributes["pack_strategy"]) == ("standard", "disabled")
    assert attributes["dispatch_strategy"] == "auto"
    assert attributes["order_type_id"] is None
    assert attributes["expected_date_of_dispatch"] == "2024-01-20T10:00:00Z"
    assert attributes["actual_date_of_dispatch"] is None
    assert attributes["address"]["country_code"] == "GB"
    assert attributes["address"]["email_address"] == "john.smith@example.com"
    first, second = attributes["lines"]
    assert (first["order_quantity"], first["string1"]) == (10.0, "BATCH-7")
    assert (first["allocated_quantity"], first["pick_quantity"]) == (0.0, 0.0)
    assert (second["order_quantity"], second["dispatch_quantity"]) == (0.5, 0.0)
    assert second["goods_out_id"] == data["id"]
    [event] = [
        e for e in await events_of(db, caller.tenant_id) if e["resource_name"] == "goods_out"
    ]
    assert (event["event"], event["record_id"]) == ("created", data["id"])
    assert event["payload"]["lines"][0]["order_quantity"] == 10.0
    assert event["payload"]["address"]["postcode"] == "AB1 2CD"


async def test_an_order_can_be_created_as_a_draft_and_released(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    data = await create_order(caller, stock, goods_out_status_id=DRAFT)
    assert data["attributes"]["goods_out_status_id"] == DRAFT
    released = await patch_order(caller, data["id"], goods_out_status_id=PENDING)
    assert released["attributes"]["goods_out_status_id"] == PENDING
    back = await patch_order(caller, data["id"], goods_out_status_id=DRAFT)
    assert back["attributes"]["goods_out_status_id"] == DRAFT


async def test_tenant_and_account_defaults_apply_and_can_change(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    order_type = await caller.create(
        "order_types", code="EXPORT", name="Export", duty_payable=False
    )
    response = await caller.patch(
        f"/api/subdomains/{caller.tenant_id}",
        document(
            "subdomains",
            {
                "default_pick_type": "tote",
                "default_pack_strategy": "pack_by_line",
                "default_dispatch_strategy": "manual",
                "default_goods_out_type": "work_order",
                "default_order_type_id": int(order_type["id"]),
            },
        ),
    )
    assert response.status_code == 200, response.text
    stock = await stockholding(caller)
    attributes = (await create_order(caller, stock))["attributes"]
    assert attributes["goods_out_type"] == "work_order"
    assert (attributes["pick_type"], attributes["pack_strategy"]) == ("tote", "pack_by_line")
    assert attributes["dispatch_strategy"] == "manual"
    assert attributes["order_type_id"] == int(order_type["id"])
    account = await caller.create_account(
        pack_strategy="pack_by_unit", dispatch_strategy="load", tote_dispatch_strategy="shipment"
    )
    own = await create_order(caller, stock, reference="SO-2", account_id=int(account["id"]))
    assert (own["attributes"]["pack_strategy"], own["attributes"]["dispatch_strategy"]) == (
        "pack_by_unit",
        "shipment",
    )
    standard = await create_order(
        caller, stock, reference="SO-3", account_id=int(account["id"]), pick_type="standard"
    )
    assert standard["attributes"]["dispatch_strategy"] == "load"
    sent = await create_order(
        caller, stock, reference="SO-4", dispatch_strategy="auto", goods_out_type="crossdock"
    )
    assert (sent["attributes"]["dispatch_strategy"], sent["attributes"]["goods_out_type"]) == (
        "auto",
        "crossdock",
    )
    reset = await patch_order(caller, sent["id"], dispatch_strategy=None)
    assert reset["attributes"]["dispatch_strategy"] == "manual"
    assert reset["attributes"]["goods_out_type"] == "crossdock"


async def test_the_warehouse_is_inferred_only_when_there_is_one(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    attributes = {k: v for k, v in order(stock).items() if k != "warehouse_id"}
    only = await caller.post("/api/goods_outs", document("goods_outs", attributes))
    assert only.status_code == 200, only.text
    assert only.json()["data"]["attributes"]["warehouse_id"] == stock.warehouse_id
    second = await caller.create_warehouse()
    attributes["reference"] = "SO-2"
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/goods_outs",
        document("goods_outs", attributes),
        symbol="missing_field",
        pointer="/data/attributes/warehouse_id",
    )
    await caller.create(
        "account_warehouses", account_id=stock.account_id, warehouse_id=int(second["id"])
    )
    linked = await caller.post("/api/goods_outs", document("goods_outs", attributes))
    assert linked.status_code == 200, linked.text
    assert linked.json()["data"]["attributes"]["warehouse_id"] == int(second["id"])


async def test_a_reference_is_unique_per_account_among_orders_not_cancelled(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    first = await create_order(caller, stock, reference="SO-9")
    errors = await assert_refused(
        caller,
        db,
        "POST",
        "/api/goods_outs",
        document("goods_outs", order(stock, reference="SO-9")),
        symbol="reference_taken",
        pointer="/data/attributes/reference",
    )
    assert errors[0]["context"]["existing_id"] == first["id"]
    other = await caller.create_account()
    await create_order(caller, stock, reference="SO-9", account_id=int(other["id"]))
    await set_status(db, first["id"], ALLOCATED)
    cancelled = await caller.post(f"/api/goods_outs/{first['id']}/cancel", None)
    assert cancelled.status_code == 200, cancelled.text
    await create_order(caller, stock, reference="SO-9")


async def test_lines_change_together_with_the_header(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    created = await create_order(
        caller,
        stock,
        lines_changes=[
            added(product_id=stock.product_id, order_quantity=1),
            added(product_id=stock.product_id, order_quantity=2),
        ],
    )
    kept, removed = created["attributes"]["lines"]
    body = document(
        "goods_outs",
        {
            "reference": "SO-001-REV",
            "expected_date_of_dispatch": "2024-01-25T10:00:00-05:00",
            "lines_changes": [
                updated(kept["id"], order_quantity=15),
                {"type": "REMOVE", "id": removed["id"]},
                added(product_id=stock.product_id, order_quantity=3),
            ],
        },
        {"name": "Jane Smith", "address_1": "456 High Street", "country_code": "GB"},
    )
    response = await caller.patch(f"/api/goods_outs/{created['id']}", body)
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert attributes["reference"] == "SO-001-REV"
    assert attributes["expected_date_of_dispatch"] == "2024-01-25T15:00:00Z"
    assert attributes["address"]["name"] == "Jane Smith"
    assert [(line["id"], line["order_quantity"]) for line in attributes["lines"]] == [
        (kept["id"], 15.0),
        (attributes["lines"][1]["id"], 3.0),
    ]
    events = [e for e in await events_of(db, caller.tenant_id) if e["resource_name"] == "goods_out"]
    assert [(e["event"], e["sequence"]) for e in events] == [("created", 1), ("updated", 2)]


@pytest.mark.parametrize(
    ("status", "symbol"),
    [(PICK, "goods_out_being_picked"), (ALLOCATED, "goods_out_already_allocated")],
)
async def test_what_an_order_asks_for_is_fixed_once_the_warehouse_started(
    clients: ApiClientFactory, db: Database, status: int, symbol: str
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    created = await create_order(
        caller, stock, lines_changes=[added(product_id=stock.product_id, order_quantity=4)]
    )
    [line] = created["attributes"]["lines"]
    await set_status(db, created["id"], status)
    path = f"/api/goods_outs/{created['id']}"
    body = document("goods_outs", {"lines_changes": [updated(line["id"], order_quantity=9)]})
    errors = await refused(caller, db, "PATCH", path, body)
    assert errors == [(symbol, LINES)]
    other = await caller.create_warehouse()
    body = document("goods_outs", {"warehouse_id": int(other["id"]), "lines_changes": []})
    assert await refused(caller, db, "PATCH", path, body) == [
        (symbol, "/data/attributes/warehouse_id")
    ]
    body = document("goods_outs", {"goods_out_status_id": PENDING})
    assert await refused(caller, db, "PATCH", path, body) == [
        ("status_forbids_change", "/data/attributes/goods_out_status_id")
    ]
    noted = await patch_order(caller, created["id"], order_notes="Call ahead")
    assert noted["attributes"]["order_notes"] == "Call ahead"
    assert noted["attributes"]["goods_out_status_id"] == status
    assert await refused(caller, db, "DELETE", path) == [("status_forbids_change", None)]


async def test_a_status_the_warehouse_sets_cannot_be_asked_for(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    body = document("goods_outs", order(stock, goods_out_status_id=COMPLETED))
    assert await refused(caller, db, "POST", "/api/goods_outs", body) == [
        ("invalid_value", "/data/attributes/goods_out_status_id")
    ]
    created = await create_order(caller, stock)
    body = document("goods_outs", {"goods_out_status_id": ALLOCATED})
    path = f"/api/goods_outs/{created['id']}"
    assert await refused(caller, db, "PATCH", path, body) == [
        ("invalid_value", "/data/attributes/goods_out_status_id")
    ]


async def test_a_dispatched_order_does_not_change(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    created = await create_order(caller, stock)
    await set_status(db, created["id"], COMPLETED)
    path = f"/api/goods_outs/{created['id']}"
    body = document("goods_outs", {"order_notes": "x"})
    assert await refused(caller, db, "PATCH", path, body) == [("status_forbids_change", None)]
    assert await refused(caller, db, "POST", f"{path}/cancel") == [("status_forbids_change", None)]


async def test_delete_takes_the_lines_and_address(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    before = await row_counts(db, caller.tenant_id)
    created = await create_order(
        caller,
        stock,
        DELIVERY,
        lines_changes=[added(product_id=stock.product_id, order_quantity=1)],
    )
    response = await caller.delete(f"/api/goods_outs/{created['id']}")
    assert response.status_code == 204, response.text
    after = await row_counts(db, caller.tenant_id)
    assert {name: after[name] for name in after if name != "events"} == {
        name: before[name] for name in before if name != "events"
    }
    events = [e for e in await events_of(db, caller.tenant_id) if e["resource_name"] == "goods_out"]
    assert [e["event"] for e in events] == ["created", "deleted"]


async def test_cancel_deletes_an_order_not_started(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    created = await create_order(
        caller,
        stock,
        DELIVERY,
        lines_changes=[added(product_id=stock.product_id, order_quantity=1)],
    )
    response = await caller.post(f"/api/goods_outs/{created['id']}/cancel", None)
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["id"], data["attributes"]["goods_out_status_id"]) == (created["id"], CANCELLED)
    assert len(data["attributes"]["lines"]) == 1
    counts = await row_counts(db, caller.tenant_id)
    assert (counts["goods_outs"], counts["goods_out_lines"]) == (0, 0)
    events = [e for e in await events_of(db, caller.tenant_id) if e["resource_name"] == "goods_out"]
    assert [e["event"] for e in events] == ["created", "cancelled"]
    gone = await caller.post(f"/api/goods_outs/{created['id']}/cancel", None)
    assert gone.status_code == 404


async def test_cancel_keeps_a_started_order_as_cancelled(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    created = await create_order(caller, stock)
    await set_status(db, created["id"], PICK)
    path = f"/api/goods_outs/{created['id']}/cancel"
    response = await caller.post(path, None)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"]["goods_out_status_id"] == CANCELLED
    assert (await row_counts(db, caller.tenant_id))["goods_outs"] == 1
    assert await refused(caller, db, "POST", path) == [("status_forbids_change", None)]


async def test_another_tenants_order_is_not_found(clients: ApiClientFactory) -> None:
    owner, stranger = await clients.new(), await clients.new()
    created = await create_order(owner, await stockholding(owner))
    path = f"/api/goods_outs/{created['id']}"
    assert (await stranger.patch(path, document("goods_outs", {}))).status_code == 404
    assert (await stranger.delete(path)).status_code == 404
    assert (await stranger.post(f"{path}/cancel", None)).status_code == 404


LINE = f"{LINES}/0/attributes"
REFUSED: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing reference", {"reference": None}, "missing_field", "/data/attributes/reference"),
    ("blank reference", {"reference": "  "}, "blank_value", "/data/attributes/reference"),
    ("long reference", {"reference": "R" * 51}, "too_long", "/data/attributes/reference"),
    ("unknown attribute", {"colour": "red"}, "unknown_attribute", "/data/attributes/colour"),
    (
        "datetime UTC cannot hold",
        {"expected_date_of_dispatch": "0001-01-01T00:00:00+14:00"},
        "out_of_range",
        "/data/attributes/expected_date_of_dispatch",
    ),
    (
        "naive datetime",
        {"expected_date_of_dispatch": "2024-01-20T10:00:00"},
        "timezone_required",
        "/data/attributes/expected_date_of_dispatch",
    ),
    (
        "bad enum",
        {"goods_out_type": "return"},
        "invalid_enum_value",
        "/data/attributes/goods_out_type",
    ),
    ("priority 0", {"priority": 0}, "out_of_range", "/data/attributes/priority"),
    (
        "bad line enum",
        {"lines_changes": [added(product_id=1, order_quantity=1, pack_strategy="boxed")]},
        "invalid_enum_value",
        f"{LINE}/pack_strategy",
    ),
    (
        "negative quantity",
        {"lines_changes": [added(product_id=1, order_quantity=-1)]},
        "out_of_range",
        f"{LINE}/order_quantity",
    ),
    (
        "quantity as text",
        {"lines_changes": [added(product_id=1, order_quantity="1")]},
        "invalid_type",
        f"{LINE}/order_quantity",
    ),
    (
        "line datetime UTC cannot hold",
        {
            "lines_changes": [
                added(product_id=1, order_quantity=1, datetime1_to="9999-12-31T23:59:59-14:00")
            ]
        },
        "out_of_range",
        f"{LINE}/datetime1_to",
    ),
]


@pytest.mark.parametrize(
    ("case", "changes", "symbol", "pointer"), REFUSED, ids=[case[0] for case in REFUSED]
)
async def test_invalid_input_is_refused_and_writes_nothing(
    clients: ApiClientFactory,
    db: Database,
    case: str,
    changes: dict[str, Any],
    symbol: str,
    pointer: str,
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    attributes = {k: v for k, v in {**order(stock), **changes}.items() if v is not None}
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/goods_outs",
        document("goods_outs", attributes),
        symbol=symbol,
        pointer=pointer,
    )


async def test_a_bad_country_code_in_the_delivery_address_is_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    body = document("goods_outs", order(stock), {**DELIVERY, "country_code": "XX"})
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/goods_outs",
        body,
        symbol="invalid_country_code",
        pointer="/data/relationships/address/data/attributes/country_code",
    )


async def test_another_tenants_records_are_refused_where_they_are_named(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, stranger = await clients.new(), await clients.new()
    stock, theirs = await stockholding(caller), await stockholding(stranger)
    carrier = await stranger.create("carriers", code="DPD", name="DPD")
    body = document(
        "goods_outs",
        order(
            stock,
            carrier_id=int(carrier["data"]["id"]),
            lines_changes=[added(product_id=theirs.product_id, order_quantity=1)],
        ),
    )
    assert await refused(caller, db, "POST", "/api/goods_outs", body) == [
        ("reference_not_found", "/data/attributes/carrier_id")
    ]
    body = document(
        "goods_outs",
        order(stock, lines_changes=[added(product_id=theirs.product_id, order_quantity=1)]),
    )
    assert await refused(caller, db, "POST", "/api/goods_outs", body) == [
        ("reference_not_found", f"{LINE}/product_id")
    ]
    body = document("goods_outs", order(stock, account_id=theirs.account_id))
    assert await refused(caller, db, "POST", "/api/goods_outs", body) == [
        ("reference_not_found", "/data/attributes/account_id")
    ]
