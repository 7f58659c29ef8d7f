from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.support import ApiClientFactory, Caller, assert_refused, events_of


def link_body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "account_warehouses", "attributes": attributes}}


async def account_and_warehouse(caller: Caller) -> dict[str, int]:
    account = await caller.create_account()
    warehouse = await caller.create_warehouse()
    return {"account_id": account["id"], "warehouse_id": warehouse["id"]}


async def create_link(caller: Caller, pair: dict[str, int]) -> dict[str, Any]:
    created = await caller.create("account_warehouses", **pair)
    data: dict[str, Any] = created["data"]
    return data


def documented_document(link_id: str, account_id: int, warehouse_id: int) -> dict[str, Any]:
    return {
        "data": {
            "id": link_id,
            "type": "account_warehouses",
            "relationships": {
                "account": {"data": {"id": str(account_id), "type": "accounts"}},
                "warehouse": {"data": {"id": str(warehouse_id), "type": "warehouses"}},
            },
        }
    }


async def test_create_answers_the_documented_document(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    pair = await account_and_warehouse(caller)
    response = await caller.post("/api/account_warehouses", link_body(**pair))
    assert response.status_code == 200, response.text
    body = response.json()
    link_id = body["data"]["id"]
    assert link_id == str(int(link_id))
    assert body == documented_document(link_id, pair["account_id"], pair["warehouse_id"])


async def test_update_relinks_the_pair(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    pair = await account_and_warehouse(caller)
    link = await create_link(caller, pair)
    other = await account_and_warehouse(caller)
    response = await caller.patch(f"/api/account_warehouses/{link['id']}", link_body(**other))
    assert response.status_code == 200, response.text
    assert response.json() == documented_document(
        link["id"], other["account_id"], other["warehouse_id"]
    )


async def test_update_needs_both_ids(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    link = await create_link(caller, await account_and_warehouse(caller))
    await assert_refused(
        caller,
        db,
        "PATCH",
        f"/api/account_warehouses/{link['id']}",
        link_body(warehouse_id=int(link["relationships"]["warehouse"]["data"]["id"])),
        symbol="missing_field",
        pointer="/data/attributes/account_id",
    )


async def test_a_pair_is_linked_once(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    pair = await account_and_warehouse(caller)
    link = await create_link(caller, pair)
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        "/api/account_warehouses",
        link_body(**pair),
        symbol="record_exists",
        pointer="/data/attributes",
    )
    assert error["context"]["existing_id"] == int(link["id"])
    other = await create_link(caller, await account_and_warehouse(caller))
    await assert_refused(
        caller,
        db,
        "PATCH",
        f"/api/account_warehouses/{other['id']}",
        link_body(**pair),
        symbol="record_exists",
        pointer="/data/attributes",
    )
    unchanged = await caller.patch(f"/api/account_warehouses/{link['id']}", link_body(**pair))
    assert unchanged.status_code == 200


async def test_an_account_links_to_many_warehouses(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    for _ in range(2):
        warehouse = await caller.create_warehouse()
        await caller.create(
            "account_warehouses", account_id=account["id"], warehouse_id=warehouse["id"]
        )


async def test_delete_then_gone(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    link = await create_link(caller, await account_and_warehouse(caller))
    path = f"/api/account_warehouses/{link['id']}"
    assert (await caller.delete(path)).status_code == 204
    assert (await caller.delete(path)).status_code == 404
    events = [
        (e["event"], e["record_id"])
        for e in await events_of(db, caller.tenant_id)
        if e["resource_name"] == "account_warehouse"
    ]
    assert events == [("created", int(link["id"])), ("deleted", int(link["id"]))]


async def test_deleting_an_account_unlinks_it(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    pair = await account_and_warehouse(caller)
    link = await create_link(caller, pair)
    assert (await caller.delete(f"/api/accounts/{pair['account_id']}")).status_code == 204
    assert (await caller.delete(f"/api/account_warehouses/{link['id']}")).status_code == 404


async def test_another_tenants_link_is_not_found(clients: ApiClientFactory) -> None:
    owner, other = await clients.new(), await clients.new()
    pair = await account_and_warehouse(owner)
    link = await create_link(owner, pair)
    path = f"/api/account_warehouses/{link['id']}"
    assert (
        await other.patch(path, link_body(**await account_and_warehouse(other)))
    ).status_code == 404
    assert (await other.delete(path)).status_code == 404


async def test_another_tenants_records_are_not_references(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    theirs = await account_and_warehouse(other)
    errors = await assert_refused(
        caller,
        db,
        "POST",
        "/api/account_warehouses",
        link_body(**theirs),
        symbol="reference_not_found",
        pointer="/data/attributes/account_id",
    )
    assert [e["context"]["pointer"] for e in errors] == [
        "/data/attributes/account_id",
        "/data/attributes/warehouse_id",
    ]


REFUSED: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing warehouse", {"account_id": 1}, "missing_field", "/data/attributes/warehouse_id"),
    (
        "string id",
        {"account_id": "1", "warehouse_id": 1},
        "invalid_type",
        "/data/attributes/account_id",
    ),
    (
        "zero id",
        {"account_id": 1, "warehouse_id": 0},
        "out_of_range",
        "/data/attributes/warehouse_id",
    ),
    (
        "unknown attribute",
        {"account_id": 1, "warehouse_id": 1, "is_default": True},
        "unknown_attribute",
        "/data/attributes/is_default",
    ),
]


@pytest.mark.parametrize(
    ("case", "attributes", "symbol", "pointer"), REFUSED, ids=[case[0] for case in REFUSED]
)
async def test_invalid_input_is_refused_and_writes_nothing(
    clients: ApiClientFactory,
    db: Database,
    case: str,
    attributes: dict[str, Any],
    symbol: str,
    pointer: str,
) -> None:
    caller = await clients.new()
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/account_warehouses",
        link_body(**attributes),
        symbol=symbol,
        pointer=pointer,
    )
