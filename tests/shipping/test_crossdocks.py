from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.support import (
    ApiClientFactory,
    Caller,
    assert_refused,
    events_of,
    refused,
    resource_body,
    row_counts,
)


def body(**attributes: Any) -> dict[str, Any]:
    return resource_body("crossdocks", **attributes)


async def create_crossdock(caller: Caller, account_id: int, **attributes: Any) -> dict[str, Any]:
    created = await caller.create(
        "crossdocks",
        **{
            "account_id": account_id,
            "reference": "XD-2026-0042",
            "expected_date_of_receipt": "2026-06-20T09:00:00Z",
            **attributes,
        },
    )
    data: dict[str, Any] = created["data"]
    return data


async def test_create_echoes_the_crossdock_with_its_address(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    warehouse = await caller.create_warehouse()
    crossdock = await create_crossdock(
        caller,
        account["id"],
        inbound_method="collection",
        warehouse_id=warehouse["id"],
        notes="Two pallets",
        string1="batch",
        address={"name": "Acme", "address_1": "1 Way", "address_3": "Leeds", "country_code": "GB"},
    )
    assert crossdock["type"] == "crossdocks"
    assert isinstance(crossdock["id"], str)
    attributes = crossdock["attributes"]
    assert attributes["reference"] == "XD-2026-0042"
    assert attributes["status"] == "pending"
    assert attributes["crossdock_type"] == "external"
    assert attributes["inbound_method"] == "collection"
    assert attributes["expected_date_of_receipt"] == "2026-06-20T09:00:00Z"
    assert (attributes["warehouse_id"], attributes["string1"]) == (warehouse["id"], "batch")
    assert (attributes["address"]["address_3"], attributes["address"]["country_code"]) == (
        "Leeds",
        "GB",
    )
    events = await events_of(db, caller.tenant_id)
    assert [(e["resource_name"], e["event"]) for e in events][-1:] == [("crossdock", "created")]


async def test_status_moves_forward_only(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    crossdock = await create_crossdock(caller, account["id"])
    path = f"/api/crossdocks/{crossdock['id']}"
    response = await caller.patch(path, body(status="received"))
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"]["status"] == "received"
    await assert_refused(
        caller,
        db,
        "PATCH",
        path,
        body(status="confirmed"),
        symbol="status_forbids_change",
        pointer="/data/attributes/status",
    )
    errors = await refused(caller, db, "DELETE", path)
    assert [symbol for symbol, _ in errors] == ["status_forbids_change"]


async def test_refusals_name_the_field_and_change_nothing(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    await create_crossdock(caller, account["id"])
    base = {
        "account_id": account["id"],
        "reference": "XD-2",
        "expected_date_of_receipt": "2026-06-20T09:00:00Z",
    }
    cases = [
        ({**base, "reference": "XD-2026-0042"}, ("reference_taken", "/data/attributes/reference")),
        ({**base, "account_id": 999_999}, ("reference_not_found", "/data/attributes/account_id")),
        ({**base, "carrier_id": 999_999}, ("reference_not_found", "/data/attributes/carrier_id")),
        (
            {**base, "collection_address_id": 999_999},
            ("reference_not_found", "/data/attributes/collection_address_id"),
        ),
        ({**base, "status": "lost"}, ("invalid_enum_value", "/data/attributes/status")),
        (
            {**base, "inbound_method": "teleport"},
            ("invalid_enum_value", "/data/attributes/inbound_method"),
        ),
        (
            {key: value for key, value in base.items() if key != "expected_date_of_receipt"},
            ("missing_field", "/data/attributes/expected_date_of_receipt"),
        ),
    ]
    for attributes, expected in cases:
        errors = await refused(caller, db, "POST", "/api/crossdocks", body(**attributes))
        assert expected in errors, (attributes, errors)


async def test_update_and_delete_with_the_address(clients: ApiClientFactory, db: Database) -> None:
    owner = await clients.new()
    other = await clients.new()
    account = await owner.create_account()
    crossdock = await create_crossdock(owner, account["id"], address={"name": "Acme"})
    path = f"/api/crossdocks/{crossdock['id']}"
    before = await row_counts(db, owner.tenant_id)
    assert (await other.patch(path, body(notes="x"))).status_code == 404
    assert (await other.delete(path)).status_code == 404
    assert await row_counts(db, owner.tenant_id) == before
    response = await owner.patch(path, body(status="confirmed", address={"name": "Acme North"}))
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert (attributes["status"], attributes["address"]["name"]) == ("confirmed", "Acme North")
    assert (await owner.delete(path)).status_code == 204
    counts = await row_counts(db, owner.tenant_id)
    assert (counts["crossdocks"], counts["addresses"]) == (0, before["addresses"] - 1)


async def test_graphql_lists_crossdocks_in_the_documented_shape(clients: ApiClientFactory) -> None:
    owner = await clients.new()
    other = await clients.new()
    account = await owner.create_account(code="ACME")
    warehouse = await owner.create_warehouse(code="MAIN")
    await create_crossdock(owner, account["id"], warehouse_id=warehouse["id"])
    await create_crossdock(owner, account["id"], reference="OTHER-1")
    other_account = await other.create_account()
    await create_crossdock(other, other_account["id"])
    result = await owner.graphql(
        "query($filter: CrossdockFilterType) { crossdocks { all(filter: $filter) { edges { node {"
        " reference status inbound_method crossdock_type expected_date_of_receipt"
        " account { code } warehouse { code } } } } } }",
        {"filter": {"reference": {"ilike": "XD"}}},
    )
    assert result["data"]["crossdocks"]["all"]["edges"] == [
        {
            "node": {
                "reference": "XD-2026-0042",
                "status": "pending",
                "inbound_method": None,
                "crossdock_type": "external",
                "expected_date_of_receipt": "2026-06-20T09:00:00Z",
                "account": {"code": "ACME"},
                "warehouse": {"code": "MAIN"},
            }
        }
    ]
