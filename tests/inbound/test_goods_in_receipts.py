from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import update

from clarus.core.db import Database
from clarus.inbound.tables import goods_in_receipts
from tests.inbound.factories import (
    Stockholding,
    added,
    destroyed,
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

ADDRESS = {
    "name": "Supplier Co.",
    "address_1": "50 Factory Road",
    "address_3": "Birmingham",
    "postcode": "B1 1AA",
    "country_code": "GB",
}


def receipt(stock: Stockholding, **attributes: Any) -> dict[str, Any]:
    return {"account_id": stock.account_id, "warehouse_id": stock.warehouse_id, **attributes}


async def create_receipt(
    caller: Caller, stock: Stockholding, address: dict[str, Any] | None = None, **attributes: Any
) -> dict[str, Any]:
    body = document("goods_in_receipts", receipt(stock, **attributes), address)
    response = await caller.post("/api/goods_in_receipts", body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def patch_receipt(caller: Caller, receipt_id: int, **attributes: Any) -> Any:
    response = await caller.patch(
        f"/api/goods_in_receipts/{receipt_id}", document("goods_in_receipts", attributes)
    )
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def set_status(db: Database, receipt_id: int, status: str) -> None:
    """Receiving comes with the warehouse operations; until then a test puts a receipt in the
    state receiving would leave it in."""
    async with db.write_session() as session:
        await session.execute(
            update(goods_in_receipts)
            .where(goods_in_receipts.c.id == receipt_id)
            .values(status=status)
        )


async def test_create_keeps_the_lines_and_address_and_starts_pending(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    data = await create_receipt(
        caller,
        stock,
        ADDRESS,
        reference="PO-2024-001",
        expected_date_of_arrival="2024-01-15T10:00:00+01:00",
        external_system_reference1="ERP-PO-1",
        lines_changes=[
            added(product_id=stock.product_id, expected_quantity=100, string1="BATCH-001"),
            added(
                product_id=stock.product_id,
                expected_quantity=2.5,
                product_storage_unit_id=stock.storage_unit_ids[1],
            ),
        ],
    )
    assert data["type"] == "goods_in_receipts"
    assert isinstance(data["id"], int)
    attributes = data["attributes"]
    assert attributes["status"] == "pending"
    assert attributes["receipt_type"] == "standard"
    assert attributes["reference"] == "PO-2024-001"
    assert attributes["expected_date_of_arrival"] == "2024-01-15T09:00:00Z"
    assert attributes["external_system_reference1"] == "ERP-PO-1"
    assert attributes["supplier_id"] is None
    assert attributes["address"]["postcode"] == "B1 1AA"
    assert attributes["address_id"] == attributes["address"]["id"]
    first, second = attributes["lines"]
    assert (first["expected_quantity"], first["received_quantity"]) == (100.0, 0.0)
    assert first["product_storage_unit_id"] == stock.storage_unit_ids[0]
    assert first["string1"] == "BATCH-001"
    assert second["expected_quantity"] == 2.5
    assert second["product_storage_unit_id"] == stock.storage_unit_ids[1]
    assert first["goods_in_receipt_id"] == data["id"]
    [event] = [e for e in await events_of(db, caller.tenant_id) if e["resource_name"] == "goods_in"]
    assert (event["event"], event["record_id"], event["sequence"]) == ("created", data["id"], 1)
    assert [line["id"] for line in event["payload"]["lines"]] == [first["id"], second["id"]]


async def test_the_tenant_default_receipt_type_applies(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    data = await create_receipt(caller, stock)
    assert data["attributes"]["receipt_type"] == "standard"
    assert data["attributes"]["lines"] == []
    assert data["attributes"]["address"] is None


async def test_lines_change_together_with_the_header(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    created = await create_receipt(
        caller,
        stock,
        ADDRESS,
        reference="PO-1",
        lines_changes=[
            added(product_id=stock.product_id, expected_quantity=10),
            added(product_id=stock.product_id, expected_quantity=20),
        ],
    )
    kept, removed = created["attributes"]["lines"]
    body = document(
        "goods_in_receipts",
        {
            "reference": "PO-1-REV",
            "notes": "Fragile",
            "lines_changes": [
                updated(kept["id"], expected_quantity=15, string1="B-2"),
                destroyed(removed["id"]),
                added(product_id=stock.product_id, expected_quantity=5),
            ],
        },
        {"address_1": "75 New Road", "country_code": "ie"},
    )
    response = await caller.patch(f"/api/goods_in_receipts/{created['id']}", body)
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert (attributes["reference"], attributes["notes"]) == ("PO-1-REV", "Fragile")
    assert attributes["address"]["address_1"] == "75 New Road"
    assert attributes["address"]["country_code"] == "IE"
    assert attributes["address"]["postcode"] is None
    assert attributes["address_id"] == created["attributes"]["address_id"]
    lines = attributes["lines"]
    assert [(line["id"], line["expected_quantity"], line["string1"]) for line in lines] == [
        (kept["id"], 15.0, "B-2"),
        (lines[1]["id"], 5.0, None),
    ]
    assert lines[1]["id"] > removed["id"]
    assert lines[1]["product_storage_unit_id"] == stock.storage_unit_ids[0]
    events = [e for e in await events_of(db, caller.tenant_id) if e["resource_name"] == "goods_in"]
    assert [(e["event"], e["sequence"]) for e in events] == [("created", 1), ("updated", 2)]


async def test_remove_is_read_as_destroy(clients: ApiClientFactory) -> None:
    """The operations' prose shows `REMOVE` where the schema says `DESTROY`."""
    caller = await clients.new()
    stock = await stockholding(caller)
    created = await create_receipt(
        caller, stock, lines_changes=[added(product_id=stock.product_id, expected_quantity=1)]
    )
    [line] = created["attributes"]["lines"]
    changed = await patch_receipt(
        caller, created["id"], lines_changes=[{"type": "REMOVE", "id": line["id"]}]
    )
    assert changed["attributes"]["lines"] == []


async def test_a_null_address_removes_it(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    created = await create_receipt(caller, stock, ADDRESS)
    before = await row_counts(db, caller.tenant_id)
    body = document("goods_in_receipts", {})
    body["data"]["relationships"] = {"address": None}
    response = await caller.patch(f"/api/goods_in_receipts/{created['id']}", body)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"]["address"] is None
    assert (await row_counts(db, caller.tenant_id))["addresses"] == before["addresses"] - 1


async def test_a_reference_is_unique_per_account(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    first = await create_receipt(caller, stock, reference="PO-9")
    errors = await assert_refused(
        caller,
        db,
        "POST",
        "/api/goods_in_receipts",
        document("goods_in_receipts", receipt(stock, reference="PO-9")),
        symbol="reference_taken",
        pointer="/data/attributes/reference",
    )
    assert errors[0]["context"]["existing_id"] == first["id"]
    other_account = await caller.create_account()
    await create_receipt(caller, stock, reference="PO-9", account_id=int(other_account["id"]))
    second = await create_receipt(caller, stock, reference="PO-10")
    await assert_refused(
        caller,
        db,
        "PATCH",
        f"/api/goods_in_receipts/{second['id']}",
        document("goods_in_receipts", {"reference": "PO-9"}),
        symbol="reference_taken",
        pointer="/data/attributes/reference",
    )


async def test_a_storage_unit_must_be_the_products_own(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    other = await stockholding(caller)
    body = document(
        "goods_in_receipts",
        receipt(
            stock,
            lines_changes=[
                added(product_id=stock.product_id, expected_quantity=1),
                added(
                    product_id=stock.product_id,
                    expected_quantity=1,
                    product_storage_unit_id=other.storage_unit_ids[0],
                ),
            ],
        ),
    )
    assert await refused(caller, db, "POST", "/api/goods_in_receipts", body) == [
        ("invalid_value", "/data/attributes/lines_changes/1/attributes/product_storage_unit_id")
    ]


async def test_line_ids_must_belong_to_the_receipt(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    mine = await create_receipt(caller, stock)
    theirs = await create_receipt(
        caller, stock, lines_changes=[added(product_id=stock.product_id, expected_quantity=1)]
    )
    [their_line] = theirs["attributes"]["lines"]
    body = document(
        "goods_in_receipts",
        {"notes": "x", "lines_changes": [updated(their_line["id"], expected_quantity=3)]},
    )
    assert await refused(caller, db, "PATCH", f"/api/goods_in_receipts/{mine['id']}", body) == [
        ("line_not_found", "/data/attributes/lines_changes/0/id")
    ]


async def test_a_missing_line_naming_only_its_storage_unit_is_not_found(
    clients: ApiClientFactory, db: Database
) -> None:
    """The storage unit is checked against the line's product, which a missing line has not."""
    caller = await clients.new()
    stock = await stockholding(caller)
    mine = await create_receipt(caller, stock)
    change = updated(999_999, product_storage_unit_id=stock.storage_unit_ids[1])
    body = document("goods_in_receipts", {"lines_changes": [change]})
    assert await refused(caller, db, "PATCH", f"/api/goods_in_receipts/{mine['id']}", body) == [
        ("line_not_found", "/data/attributes/lines_changes/0/id")
    ]


async def test_create_takes_only_additions(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    body = document("goods_in_receipts", receipt(stock, lines_changes=[destroyed(1)]))
    assert await refused(caller, db, "POST", "/api/goods_in_receipts", body) == [
        ("invalid_enum_value", "/data/attributes/lines_changes/0/type")
    ]


async def test_lines_are_fixed_once_receiving_started(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    created = await create_receipt(
        caller, stock, lines_changes=[added(product_id=stock.product_id, expected_quantity=4)]
    )
    [line] = created["attributes"]["lines"]
    await set_status(db, created["id"], "receiving")
    path = f"/api/goods_in_receipts/{created['id']}"
    body = document(
        "goods_in_receipts", {"lines_changes": [updated(line["id"], expected_quantity=1)]}
    )
    assert await refused(caller, db, "PATCH", path, body) == [
        ("receipt_receiving_started", "/data/attributes/lines_changes")
    ]
    other_warehouse = await caller.create_warehouse()
    body = document("goods_in_receipts", {"warehouse_id": int(other_warehouse["id"])})
    assert await refused(caller, db, "PATCH", path, body) == [
        ("receipt_receiving_started", "/data/attributes/warehouse_id")
    ]
    assert (await patch_receipt(caller, created["id"], notes="late"))["attributes"][
        "notes"
    ] == "late"
    assert await refused(caller, db, "DELETE", path) == [("status_forbids_change", None)]


async def test_a_completed_receipt_cannot_change(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    created = await create_receipt(caller, stock)
    await set_status(db, created["id"], "completed")
    body = document("goods_in_receipts", {"notes": "x"})
    path = f"/api/goods_in_receipts/{created['id']}"
    assert await refused(caller, db, "PATCH", path, body) == [("status_forbids_change", None)]


async def test_delete_takes_the_lines_and_address(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    before = await row_counts(db, caller.tenant_id)
    created = await create_receipt(
        caller,
        stock,
        ADDRESS,
        lines_changes=[added(product_id=stock.product_id, expected_quantity=1)],
    )
    response = await caller.delete(f"/api/goods_in_receipts/{created['id']}")
    assert response.status_code == 204, response.text
    after = await row_counts(db, caller.tenant_id)
    assert {name: after[name] - before[name] for name in after if name != "events"} == {
        name: 0 for name in after if name != "events"
    }
    events = [e for e in await events_of(db, caller.tenant_id) if e["resource_name"] == "goods_in"]
    assert events[-1]["event"] == "deleted"
    assert len(events[-1]["payload"]["lines"]) == 1
    again = await caller.delete(f"/api/goods_in_receipts/{created['id']}")
    assert again.status_code == 404


async def test_another_tenants_receipt_is_not_found(clients: ApiClientFactory) -> None:
    owner, stranger = await clients.new(), await clients.new()
    created = await create_receipt(owner, await stockholding(owner))
    path = f"/api/goods_in_receipts/{created['id']}"
    assert (await stranger.patch(path, document("goods_in_receipts", {}))).status_code == 404
    assert (await stranger.delete(path)).status_code == 404


LINE = "/data/attributes/lines_changes/0/attributes"
REFUSED: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing account", {"account_id": None}, "missing_field", "/data/attributes/account_id"),
    ("blank reference", {"reference": " "}, "blank_value", "/data/attributes/reference"),
    ("unknown attribute", {"colour": "red"}, "unknown_attribute", "/data/attributes/colour"),
    (
        "datetime UTC cannot hold",
        {"expected_date_of_arrival": "9999-12-31T23:59:59-14:00"},
        "out_of_range",
        "/data/attributes/expected_date_of_arrival",
    ),
    (
        "naive datetime",
        {"expected_date_of_arrival": "2024-01-15T10:00:00"},
        "timezone_required",
        "/data/attributes/expected_date_of_arrival",
    ),
    (
        "bad line enum",
        {"lines_changes": [added(product_id=0, expected_quantity=1, stock_configuration="pallet")]},
        "invalid_enum_value",
        f"{LINE}/stock_configuration",
    ),
    (
        "zero quantity",
        {"lines_changes": [added(product_id=1, expected_quantity=0)]},
        "out_of_range",
        f"{LINE}/expected_quantity",
    ),
    (
        "line without product",
        {"lines_changes": [added(expected_quantity=1)]},
        "missing_field",
        f"{LINE}/product_id",
    ),
    (
        "bad change type",
        {"lines_changes": [{"type": "MOVE", "id": 1}]},
        "invalid_enum_value",
        "/data/attributes/lines_changes/0/type",
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
    attributes = {k: v for k, v in {**receipt(stock), **changes}.items() if v is not None}
    if "lines_changes" in changes:
        for change in attributes["lines_changes"]:
            if change.get("attributes", {}).get("product_id") == 0:
                change["attributes"]["product_id"] = stock.product_id
    body = document("goods_in_receipts", attributes)
    await assert_refused(
        caller, db, "POST", "/api/goods_in_receipts", body, symbol=symbol, pointer=pointer
    )


async def test_a_bad_country_code_in_the_address_is_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    body = document("goods_in_receipts", receipt(stock), {"country_code": "UK"})
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/goods_in_receipts",
        body,
        symbol="invalid_country_code",
        pointer="/data/relationships/address/data/attributes/country_code",
    )


async def test_another_tenants_records_are_refused_where_they_are_named(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, stranger = await clients.new(), await clients.new()
    stock, theirs = await stockholding(caller), await stockholding(stranger)
    body = document(
        "goods_in_receipts",
        receipt(
            stock,
            account_id=theirs.account_id,
            lines_changes=[added(product_id=theirs.product_id, expected_quantity=1)],
        ),
    )
    found = await refused(caller, db, "POST", "/api/goods_in_receipts", body)
    assert ("reference_not_found", "/data/attributes/account_id") in found
    body = document(
        "goods_in_receipts",
        receipt(stock, lines_changes=[added(product_id=theirs.product_id, expected_quantity=1)]),
    )
    assert await refused(caller, db, "POST", "/api/goods_in_receipts", body) == [
        ("reference_not_found", f"{LINE}/product_id")
    ]
