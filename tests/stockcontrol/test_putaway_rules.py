"""Put-away rules: kept in order per account (created, moved, updated, deleted with the others
renumbered), every refusal writing nothing, and the put-away of a receipt sent where the first
rules say, through HTTP only."""

from __future__ import annotations

import asyncio
from typing import Any

from clarus.core.db import Database
from tests.inbound.receiving import Dock, awaiting_putaway, complete_task, dock, tasks_of
from tests.stockcontrol.rules import (
    body,
    group,
    listed,
    move,
    putaway_rule,
    rule_order,
)
from tests.support import ApiClientFactory, Caller, assert_refused, row_counts

STOCKS = "quantity location { code }"


async def rules_of_three(caller: Caller, account_id: int) -> tuple[str, str, str]:
    first = await putaway_rule(caller, account_id, "walk_sequence", "asc")
    second = await putaway_rule(caller, account_id, "code", "desc")
    third = await putaway_rule(caller, account_id, "remaining_height", "desc")
    return first, second, third


async def test_rules_keep_their_order_without_gaps(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account = int((await caller.create_account())["id"])
    other_account = int((await caller.create_account())["id"])
    first, second, third = await rules_of_three(caller, account)
    elsewhere = await putaway_rule(caller, other_account, "code", "asc")
    assert [(row[0], row[3]) for row in await rule_order(caller, account)] == [
        (first, 1),
        (second, 2),
        (third, 3),
    ]

    await move(caller, f"/api/putaway_rules/{third}", 1)
    assert [row[0] for row in await rule_order(caller, account)] == [third, first, second]
    await move(caller, f"/api/putaway_rules/{second}", 0)
    assert [row[0] for row in await rule_order(caller, account)] == [second, third, first]
    await move(caller, f"/api/putaway_rules/{second}", 99)
    assert [(row[0], row[3]) for row in await rule_order(caller, account)] == [
        (third, 1),
        (first, 2),
        (second, 3),
    ]

    response = await caller.patch(
        f"/api/putaway_rules/{first}",
        body("putaway_rules", account_id=account, rule="pickface_proximity", position=1),
    )
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["id"] == first
    assert {k: data["attributes"][k] for k in ("account_id", "rule", "direction", "position")} == {
        "account_id": account,
        "rule": "pickface_proximity",
        "direction": "asc",
        "position": 1,
    }
    inserted = await putaway_rule(caller, account, "code", "asc", position=2)
    assert [(row[0], row[3]) for row in await rule_order(caller, account)] == [
        (first, 1),
        (inserted, 2),
        (third, 3),
        (second, 4),
    ]
    response = await caller.delete(f"/api/putaway_rules/{inserted}")
    assert response.status_code == 204, response.text
    assert await rule_order(caller, account) == [
        (first, "pickface_proximity", "asc", 1),
        (third, "remaining_height", "desc", 2),
        (second, "code", "desc", 3),
    ]
    assert [(row[0], row[3]) for row in await rule_order(caller, other_account)] == [(elsewhere, 1)]


async def test_the_list_filters_as_documented(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account = await caller.create_account(code="ACME")
    first, second, third = await rules_of_three(caller, int(account["id"]))
    fields = "id rule direction position account { id code }"

    async def ids(**filter_: Any) -> list[str]:
        nodes = await listed(caller, "putaway_rules", "PutawayRuleFilterType", fields, **filter_)
        return [node["id"] for node in nodes]

    assert await ids(account_code={"eq": "ACME"}) == [first, second, third]
    assert await ids(rule={"in": ["code", "walk_sequence"]}) == [first, second]
    assert await ids(direction={"eq": "desc"}) == [second, third]
    assert await ids(position={"gteq": 2}) == [second, third]
    [node] = await listed(
        caller, "putaway_rules", "PutawayRuleFilterType", fields, id={"eq": first}
    )
    assert node == {
        "id": first,
        "rule": "walk_sequence",
        "direction": "asc",
        "position": 1,
        "account": {"id": str(account["id"]), "code": "ACME"},
    }


async def test_refusals_write_nothing(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    account = int((await caller.create_account())["id"])
    other_account = int((await caller.create_account())["id"])
    [rule] = [await putaway_rule(caller, account, "code", "asc")]

    async def refused(method: str, path: str, sent: Any, symbol: str, pointer: str) -> None:
        await assert_refused(caller, db, method, path, sent, symbol=symbol, pointer=pointer)

    attributes = {"account_id": account, "rule": "code", "direction": "asc"}
    create = "/api/putaway_rules"
    await refused(
        "POST",
        create,
        body("putaway_rules", **{**attributes, "rule": "fastest"}),
        "invalid_enum_value",
        "/data/attributes/rule",
    )
    await refused(
        "POST",
        create,
        body("putaway_rules", **{**attributes, "account_id": 999999999}),
        "reference_not_found",
        "/data/attributes/account_id",
    )
    await refused(
        "POST",
        create,
        body("putaway_rules", **{**attributes, "position": -1}),
        "out_of_range",
        "/data/attributes/position",
    )
    await refused(
        "PATCH",
        f"/api/putaway_rules/{rule}",
        body("putaway_rules", account_id=other_account, direction="desc"),
        "read_only_attribute",
        "/data/attributes/account_id",
    )
    await refused("PATCH", f"/api/putaway_rules/{rule}/position", {}, "missing_field", "/position")
    await refused(
        "PATCH",
        f"/api/putaway_rules/{rule}/position",
        {"position": "first"},
        "invalid_type",
        "/position",
    )
    assert await rule_order(caller, account) == [(rule, "code", "asc", 1)]


async def test_another_tenants_rule_is_answered_as_missing(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    theirs = await putaway_rule(other, int((await other.create_account())["id"]), "code", "asc")
    before = await row_counts(db, other.tenant_id)
    answers = []
    for rule_id in (theirs, "999999999"):
        for method, path, sent in (
            ("PATCH", f"/api/putaway_rules/{rule_id}/position", {"position": 1}),
            ("PATCH", f"/api/putaway_rules/{rule_id}", body("putaway_rules", direction="desc")),
            ("DELETE", f"/api/putaway_rules/{rule_id}", None),
        ):
            response = await caller.http.request(method, path, json=sent, headers=caller.headers())
            answers.append((response.status_code, response.json()["errors"][0]["symbol"]))
    assert answers == [(404, "record_not_found")] * 6
    assert await row_counts(db, other.tenant_id) == before


async def shelves(caller: Caller, where: Dock) -> dict[str, int]:
    """Two more shelves beside the dock's A-01-01 (no walk sequence): B-01 (walk 10), C-01
    (walk 30, room for one storage unit: made as a location range, the one write that sets
    `max_storage_units`)."""
    rack = int((await caller.create_location_type("RACK"))["id"])
    warehouse_id = where.stock.warehouse_id
    shelf = await caller.create_location(
        "B-01", warehouse_id=warehouse_id, location_type_id=rack, pick_sequence=10
    )
    response = await caller.post(
        "/api/location_ranges",
        body(
            "location_ranges",
            warehouse_id=warehouse_id,
            location_type_id=rack,
            prefix="C-",
            range_start_aisle="01",
            range_end_aisle="01",
            max_storage_units=1,
        ),
    )
    assert response.status_code == 204, response.text
    [small] = await listed(caller, "locations", "LocationsFilterType", "id", code={"eq": "C-01"})
    response = await caller.patch(
        f"/api/locations/{small['id']}", body("locations", pick_sequence=30)
    )
    assert response.status_code == 200, response.text
    return {"A-01-01": where.shelf_id, "B-01": int(shelf["id"]), "C-01": int(small["id"])}


async def suggestion(caller: Caller, where: Dock) -> tuple[Any, Any]:
    """A new receipt received: the location its put-away task offers, and the task."""
    _receipt, pway = await awaiting_putaway(caller, where, 5)
    return pway["location_to_id"], pway


async def stock_at(caller: Caller, product_id: int) -> list[tuple[str, float]]:
    nodes = await listed(
        caller, "stocks", "StockFilterType", STOCKS, product_id={"eq": str(product_id)}
    )
    return sorted((node["location"]["code"], node["quantity"]) for node in nodes)


async def test_a_receipt_is_put_away_where_the_first_rule_says(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    places = await shelves(caller, where)
    account = where.stock.account_id

    offered, _task = await suggestion(caller, where)
    assert offered is None

    walk = await putaway_rule(caller, account, "walk_sequence", "asc")
    offered, task = await suggestion(caller, where)
    assert offered == str(places["B-01"])
    await complete_task(caller, task["id"])
    assert await stock_at(caller, where.stock.product_id) == [("B-01", 5.0), ("GOODS-IN", 5.0)]

    code = await putaway_rule(caller, account, "code", "desc")
    offered, _task = await suggestion(caller, where)
    assert offered == str(places["B-01"])

    await move(caller, f"/api/putaway_rules/{code}", 1)
    offered, task = await suggestion(caller, where)
    assert offered == str(places["C-01"])
    await complete_task(caller, task["id"])

    offered, task = await suggestion(caller, where)
    assert offered == str(places["B-01"]), "C-01 holds all it may; GOODS-IN is the bay"
    await complete_task(caller, task["id"], location_to_id=places["A-01-01"])

    response = await caller.delete(f"/api/putaway_rules/{code}")
    assert response.status_code == 204, response.text
    response = await caller.patch(
        f"/api/putaway_rules/{walk}", body("putaway_rules", direction="desc")
    )
    assert response.status_code == 200, response.text
    offered, _task = await suggestion(caller, where)
    assert offered == str(places["B-01"]), "A-01-01 has no walk sequence: it sorts last"
    assert await stock_at(caller, where.stock.product_id) == [
        ("A-01-01", 5.0),
        ("B-01", 5.0),
        ("C-01", 5.0),
        ("GOODS-IN", 15.0),
    ]


async def test_a_product_in_a_group_goes_to_the_groups_locations(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    places = await shelves(caller, where)
    await putaway_rule(caller, where.stock.account_id, "code", "desc")
    hazardous = await group(caller, use_for_products=True, use_for_locations=True)
    response = await caller.post(
        f"/api/groups/{hazardous}/location_groups",
        body("location_groups", group_id=hazardous, location_id=places["A-01-01"]),
    )
    assert response.status_code == 200, response.text
    offered, _task = await suggestion(caller, where)
    assert offered == str(places["C-01"]), "the product is in no group yet"

    response = await caller.post(
        f"/api/groups/{hazardous}/product_groups",
        body("product_groups", group_id=hazardous, product_id=where.stock.product_id),
    )
    assert response.status_code == 200, response.text
    offered, task = await suggestion(caller, where)
    assert offered == str(places["A-01-01"])
    await complete_task(caller, task["id"], confirmed_quantity=2)
    [rest] = [
        t
        for t in await tasks_of(caller, int(task["goods_in_receipt_id"]), task_type_code="PWAY")
        if t["status"] != "COMPLETED"
    ]
    assert (rest["start_quantity"], rest["location_to_id"]) == (3.0, str(places["A-01-01"]))


async def test_concurrent_creates_and_moves_keep_positions_unique(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    account = int((await caller.create_account())["id"])
    ids = [await putaway_rule(caller, account, "code", "asc") for _ in range(3)]
    creates = [
        caller.post(
            "/api/putaway_rules",
            body("putaway_rules", account_id=account, rule="code", direction="desc", position=1),
        )
        for _ in range(4)
    ]
    moves = [
        caller.patch(f"/api/putaway_rules/{ids[index % 3]}/position", {"position": index % 4})
        for index in range(8)
    ]
    responses = await asyncio.gather(*creates, *moves)
    assert sorted({response.status_code for response in responses}) == [200, 204]
    order = await rule_order(caller, account)
    assert [row[3] for row in order] == [1, 2, 3, 4, 5, 6, 7]
    assert set(ids) <= {row[0] for row in order}
