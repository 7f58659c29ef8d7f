"""Groups (ours: `POST /api/groups`) and their members: products and locations added and
removed, every refusal writing nothing, and the GraphQL list."""

from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.catalog import factories as catalog
from tests.stockcontrol.rules import body, created, group, listed
from tests.support import ApiClientFactory, Caller, assert_refused, events_of, row_counts

FIELDS = "id name is_active use_for_products use_for_locations created_at"


async def members(caller: Caller, db: Database, group_id: int) -> dict[str, list[int]]:
    """The group's products and locations, read from the tables."""
    from sqlalchemy import select

    from clarus.stockcontrol.tables import location_groups, product_groups

    async with db.read_session() as session:
        found = {}
        for name, table, column in (
            ("products", product_groups, "product_id"),
            ("locations", location_groups, "location_id"),
        ):
            statement = (
                select(table.c[column])
                .where(table.c.group_id == group_id)
                .order_by(table.c[column])
            )
            found[name] = [int(value) for value in (await session.execute(statement)).scalars()]
    return found


async def test_a_group_is_made_updated_listed_and_deleted(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    data = await created(caller, "/api/groups", "groups", name="Hazardous", use_for_products=True)
    assert data["type"] == "groups"
    assert data["attributes"] == {
        "name": "Hazardous",
        "is_active": True,
        "use_for_products": True,
        "use_for_locations": False,
        "created_at": data["attributes"]["created_at"],
        "updated_at": data["attributes"]["updated_at"],
    }
    await group(caller, "Chilled", use_for_locations=True, is_active=False)
    response = await caller.patch(
        f"/api/groups/{data['id']}", body("groups", use_for_locations=True)
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"]["use_for_locations"] is True

    nodes = await listed(caller, "groups", "GroupFilterType", FIELDS, name={"ilike": "hazard"})
    assert [(n["id"], n["name"], n["use_for_products"], n["use_for_locations"]) for n in nodes] == [
        (str(data["id"]), "Hazardous", True, True)
    ]
    inactive = await listed(caller, "groups", "GroupFilterType", "name", is_active={"eq": False})
    assert inactive == [{"name": "Chilled"}]
    for_locations = await listed(
        caller, "groups", "GroupFilterType", "name", use_for_locations={"eq": True}
    )
    assert sorted(n["name"] for n in for_locations) == ["Chilled", "Hazardous"]

    response = await caller.delete(f"/api/groups/{data['id']}")
    assert response.status_code == 204, response.text
    assert await listed(caller, "groups", "GroupFilterType", "name") == [{"name": "Chilled"}]


async def test_products_and_locations_join_and_leave_a_group(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    group_id = await group(caller, use_for_products=True, use_for_locations=True)
    product = await catalog.product(caller)
    warehouse = await caller.create_warehouse()
    first = await caller.create_location("A-01", warehouse_id=warehouse["id"])
    second = await caller.create_location("A-02", warehouse_id=warehouse["id"])

    path = f"/api/groups/{group_id}"
    added = await created(
        caller,
        f"{path}/product_groups",
        "product_groups",
        group_id=group_id,
        product_id=product["id"],
    )
    assert added["type"] == "product_groups"
    assert (added["attributes"]["group_id"], added["attributes"]["product_id"]) == (
        group_id,
        product["id"],
    )
    again = await created(
        caller,
        f"{path}/product_groups",
        "product_groups",
        group_id=group_id,
        product_id=product["id"],
    )
    assert again["id"] == added["id"]

    response = await caller.post(
        f"{path}/location_groups",
        body(
            "location_groups",
            group_id=group_id,
            location_id=first["id"],
            location_ids=[second["id"], first["id"]],
        ),
    )
    assert response.status_code == 200, response.text
    entries = response.json()["data"]
    assert [(e["type"], e["attributes"]["location_id"]) for e in entries] == [
        ("location_groups", first["id"]),
        ("location_groups", second["id"]),
    ]
    assert await members(caller, db, group_id) == {
        "products": [product["id"]],
        "locations": sorted([first["id"], second["id"]]),
    }
    names = [(e["resource_name"], e["event"]) for e in await events_of(db, caller.tenant_id)]
    assert names.count(("product_group", "created")) == 1
    assert names.count(("location_group", "created")) == 2

    response = await caller.delete(f"{path}/product_group?product_id={product['id']}")
    assert response.status_code == 204, response.text
    response = await caller.delete(f"{path}/location_group?location_id={first['id']}")
    assert response.status_code == 204, response.text
    assert await members(caller, db, group_id) == {"products": [], "locations": [second["id"]]}

    before = await row_counts(db, caller.tenant_id)
    response = await caller.delete(f"{path}/product_group?product_id={product['id']}")
    assert response.status_code == 404, response.text
    assert response.json()["errors"][0]["symbol"] == "record_not_found"
    response = await caller.delete(f"{path}/location_group?location_id={first['id']}")
    assert response.status_code == 404, response.text
    assert await row_counts(db, caller.tenant_id) == before


async def test_refusals_write_nothing(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    for_products = await group(caller, "Products only", use_for_products=True)
    for_locations = await group(caller, "Locations only", use_for_locations=True)
    product = await catalog.product(caller)
    location = await caller.create_location()

    async def refused(
        path: str, resource_type: str, symbol: str, pointer: str, **sent: Any
    ) -> None:
        await assert_refused(
            caller, db, "POST", path, body(resource_type, **sent), symbol=symbol, pointer=pointer
        )

    products_of = f"/api/groups/{for_locations}/product_groups"
    await refused(
        products_of,
        "product_groups",
        "group_not_for_products",
        "/data/attributes/group_id",
        group_id=for_locations,
        product_id=product["id"],
    )
    locations_of = f"/api/groups/{for_products}/location_groups"
    await refused(
        locations_of,
        "location_groups",
        "group_not_for_locations",
        "/data/attributes/group_id",
        group_id=for_products,
        location_ids=[location["id"]],
    )
    await refused(
        f"/api/groups/{for_products}/product_groups",
        "product_groups",
        "invalid_value",
        "/data/attributes/group_id",
        group_id=for_locations,
        product_id=product["id"],
    )
    await refused(
        f"/api/groups/{for_locations}/location_groups",
        "location_groups",
        "reference_not_found",
        "/data/attributes/location_ids/1",
        group_id=for_locations,
        location_ids=[location["id"], 999999999],
    )
    await refused(
        f"/api/groups/{for_locations}/location_groups",
        "location_groups",
        "missing_field",
        "/data/attributes/location_ids",
        group_id=for_locations,
    )
    await refused(
        f"/api/groups/{for_products}/product_groups",
        "product_groups",
        "reference_not_found",
        "/data/attributes/product_id",
        group_id=for_products,
        product_id=999999999,
    )
    await refused(
        "/api/groups", "groups", "code_taken", "/data/attributes/name", name="Products only"
    )
    await refused("/api/groups", "groups", "missing_field", "/data/attributes/name")


async def test_another_tenants_group_is_answered_as_missing(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    theirs = await group(other, use_for_products=True, use_for_locations=True)
    before = await row_counts(db, other.tenant_id)
    product = await catalog.product(caller)
    answers = []
    for group_id in (theirs, 999999999):
        response = await caller.post(
            f"/api/groups/{group_id}/product_groups",
            body("product_groups", group_id=group_id, product_id=product["id"]),
        )
        answers.append((response.status_code, response.json()["errors"][0]["symbol"]))
        for member in (f"product_group?product_id={product['id']}", "location_group?location_id=1"):
            response = await caller.delete(f"/api/groups/{group_id}/{member}")
            answers.append((response.status_code, response.json()["errors"][0]["symbol"]))
    assert answers == [(404, "record_not_found")] * 6
    assert await listed(caller, "groups", "GroupFilterType", "id") == []
    assert await row_counts(db, other.tenant_id) == before
