"""Warehouse routes: kept in order across the tenant (created, moved, updated, deleted with the
others renumbered), every refusal writing nothing, and pick tasks made in route order, through
HTTP only."""

from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.catalog import factories as catalog
from tests.graphql.stock import add_stock
from tests.inbound.factories import added, document
from tests.stockcontrol.rules import body, listed, move, route_order, warehouse_route
from tests.support import ApiClientFactory, Caller, assert_refused, row_counts

PROCESS = "/api/goods_out_processes/process_picks_async"


async def test_routes_keep_their_order_without_gaps(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    products = [int((await catalog.product(caller))["id"]) for _ in range(3)]
    first, second, third = [await warehouse_route(caller, product) for product in products]
    assert await route_order(caller) == [(first, 1), (second, 2), (third, 3)]

    await move(caller, f"/api/warehouse_routes/{first}", 3)
    assert await route_order(caller) == [(second, 1), (third, 2), (first, 3)]
    inserted = await warehouse_route(caller, products[0], position=1)
    assert await route_order(caller) == [(inserted, 1), (second, 2), (third, 3), (first, 4)]

    response = await caller.patch(
        f"/api/warehouse_routes/{third}",
        body("warehouse_routes", product_id=products[1], position=0),
    )
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["id"] == third
    assert {k: data["attributes"][k] for k in ("product_id", "customer_id", "position")} == {
        "product_id": products[1],
        "customer_id": None,
        "position": 1,
    }
    response = await caller.delete(f"/api/warehouse_routes/{inserted}")
    assert response.status_code == 204, response.text
    assert await route_order(caller) == [(third, 1), (second, 2), (first, 3)]


async def test_the_list_shows_and_filters_as_documented(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    product = await catalog.product(caller, code="WIDGET-BLUE-M")
    other = await catalog.product(caller)
    account = await caller.create_account(code="ACME")
    warehouse = await caller.create_warehouse(code="MAN")
    customer = (await caller.create("customers", code="NORTH01", name="North"))["data"]
    scoped = await warehouse_route(
        caller,
        product["id"],
        warehouse_id=warehouse["id"],
        account_id=account["id"],
        customer_id=int(customer["id"]),
    )
    bare = await warehouse_route(caller, other["id"])
    fields = (
        "id position product { id code } warehouse { id code } account { id code }"
        " customer { id code }"
    )
    nodes = await listed(
        caller,
        "warehouse_routes",
        "WarehouseRouteFilterType",
        fields,
        product_code={"ilike": "widget"},
    )
    assert nodes == [
        {
            "id": scoped,
            "position": 1,
            "product": {"id": str(product["id"]), "code": "WIDGET-BLUE-M"},
            "warehouse": {"id": str(warehouse["id"]), "code": "MAN"},
            "account": {"id": str(account["id"]), "code": "ACME"},
            "customer": {"id": str(customer["id"]), "code": "NORTH01"},
        }
    ]
    [node] = await listed(
        caller, "warehouse_routes", "WarehouseRouteFilterType", fields, position={"eq": 2}
    )
    assert node["id"] == bare
    assert (node["warehouse"], node["account"], node["customer"]) == (None, None, None)
    assert await listed(
        caller,
        "warehouse_routes",
        "WarehouseRouteFilterType",
        "id",
        customer_id={"eq": str(customer["id"])},
    ) == [{"id": scoped}]


async def test_refusals_write_nothing(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    product = int((await catalog.product(caller))["id"])
    route = await warehouse_route(caller, product)

    async def refused(method: str, path: str, sent: Any, symbol: str, pointer: str) -> None:
        await assert_refused(caller, db, method, path, sent, symbol=symbol, pointer=pointer)

    await refused(
        "POST",
        "/api/warehouse_routes",
        body("warehouse_routes", warehouse_id=1),
        "missing_field",
        "/data/attributes/product_id",
    )
    await refused(
        "POST",
        "/api/warehouse_routes",
        body("warehouse_routes", product_id=product, customer_id=999999999),
        "reference_not_found",
        "/data/attributes/customer_id",
    )
    await refused(
        "PATCH",
        f"/api/warehouse_routes/{route}",
        body("warehouse_routes", product_id=None),
        "invalid_type",
        "/data/attributes/product_id",
    )
    await refused(
        "PATCH",
        f"/api/warehouse_routes/{route}/position",
        {"position": -2},
        "out_of_range",
        "/position",
    )
    assert await route_order(caller) == [(route, 1)]


async def test_another_tenants_route_is_answered_as_missing(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    theirs = await warehouse_route(other, int((await catalog.product(other))["id"]))
    before = await row_counts(db, other.tenant_id)
    answers = []
    for route_id in (theirs, "999999999"):
        for method, path, sent in (
            ("PATCH", f"/api/warehouse_routes/{route_id}/position", {"position": 1}),
            ("PATCH", f"/api/warehouse_routes/{route_id}", body("warehouse_routes")),
            ("DELETE", f"/api/warehouse_routes/{route_id}", None),
        ):
            response = await caller.http.request(method, path, json=sent, headers=caller.headers())
            answers.append((response.status_code, response.json()["errors"][0]["symbol"]))
    assert answers == [(404, "record_not_found")] * 6
    assert await row_counts(db, other.tenant_id) == before


async def picked_products(caller: Caller, order_id: int) -> list[str]:
    """The products of the order's PICK tasks, in task id order (how ListTasks lists them)."""
    nodes = await listed(
        caller,
        "tasks",
        "TaskFilterType",
        "id product { code }",
        goods_out_id={"eq": str(order_id)},
        task_type_code={"eq": "PICK"},
    )
    return [node["product"]["code"] for node in nodes]


async def processed_order(caller: Caller, where: dict[str, Any], **attributes: Any) -> int:
    """An order for one of each product, in code order, processed into PICK tasks."""
    response = await caller.post(
        "/api/goods_outs",
        document(
            "goods_outs",
            {
                "account_id": where["account_id"],
                "warehouse_id": where["warehouse_id"],
                "reference": f"SO-{len(where['orders'])}",
                "expected_date_of_dispatch": "2026-12-01T10:00:00Z",
                "lines_changes": [
                    added(product_id=product_id, order_quantity=1)
                    for product_id in where["products"].values()
                ],
                **attributes,
            },
        ),
    )
    assert response.status_code == 200, response.text
    order_id = int(response.json()["data"]["id"])
    where["orders"].append(order_id)
    response = await caller.post(PROCESS, {"ids": [order_id]})
    assert response.status_code == 200, response.text
    return order_id


async def test_pick_tasks_come_out_in_route_order(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account = int((await caller.create_account())["id"])
    warehouse = await caller.create_warehouse()
    products = {code: int((await catalog.product(caller, code=code))["id"]) for code in "ABC"}
    for code, product_id in products.items():
        shelf = await caller.create_location(f"S-{code}", warehouse_id=warehouse["id"])
        await add_stock(caller, str(product_id), str(account), str(shelf["id"]), 10)
    north = (await caller.create("customers", code="NORTH", name="North"))["data"]
    south = (await caller.create("customers", code="SOUTH", name="South"))["data"]
    where = {
        "account_id": account,
        "warehouse_id": int(warehouse["id"]),
        "products": products,
        "orders": [],
    }
    assert await picked_products(caller, await processed_order(caller, where)) == ["A", "B", "C"]

    await warehouse_route(caller, products["C"])
    warehouse_b = await warehouse_route(caller, products["B"], warehouse_id=warehouse["id"])
    assert await picked_products(caller, await processed_order(caller, where)) == ["C", "B", "A"]

    south_a = await warehouse_route(caller, products["A"], customer_id=int(south["id"]))
    await move(caller, f"/api/warehouse_routes/{south_a}", 1)
    for_north = await processed_order(caller, where, customer_id=int(north["id"]))
    assert await picked_products(caller, for_north) == ["C", "B", "A"]
    for_south = await processed_order(caller, where, customer_id=int(south["id"]))
    assert await picked_products(caller, for_south) == ["A", "C", "B"]

    await warehouse_route(
        caller, products["B"], warehouse_id=warehouse["id"], customer_id=int(south["id"])
    )
    await move(caller, f"/api/warehouse_routes/{warehouse_b}", 1)
    for_north = await processed_order(caller, where, customer_id=int(north["id"]))
    assert await picked_products(caller, for_north) == ["B", "C", "A"]
    for_south = await processed_order(caller, where, customer_id=int(south["id"]))
    assert await picked_products(caller, for_south) == ["A", "C", "B"], (
        "the route naming the customer and warehouse outranks the one naming the warehouse"
    )
