"""Groups, put-away rules and warehouse routes made and read through the API, for the stock
control tests."""

from __future__ import annotations

from typing import Any

from tests.support import Caller


def body(resource_type: str, **attributes: Any) -> dict[str, Any]:
    return {"data": {"type": resource_type, "attributes": attributes}}


async def created(caller: Caller, path: str, resource_type: str, **attributes: Any) -> Any:
    response = await caller.post(path, body(resource_type, **attributes))
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def group(caller: Caller, name: str = "Hazardous", **attributes: Any) -> int:
    data = await created(caller, "/api/groups", "groups", name=name, **attributes)
    return int(data["id"])


async def putaway_rule(
    caller: Caller, account_id: int, rule: str, direction: str, **more: Any
) -> str:
    data = await created(
        caller,
        "/api/putaway_rules",
        "putaway_rules",
        account_id=account_id,
        rule=rule,
        direction=direction,
        **more,
    )
    return str(data["id"])


async def warehouse_route(caller: Caller, product_id: int, **scope: Any) -> str:
    data = await created(
        caller, "/api/warehouse_routes", "warehouse_routes", product_id=product_id, **scope
    )
    return str(data["id"])


async def move(caller: Caller, path: str, position: Any) -> None:
    response = await caller.patch(f"{path}/position", {"position": position})
    assert response.status_code == 204, response.text
    assert response.content == b""


async def listed(caller: Caller, root: str, filter_type: str, fields: str, **filter_: Any) -> Any:
    result = await caller.graphql(
        f"query($f: {filter_type}) {{ {root} {{ all(filter: $f) {{ total_count edges {{ node {{"
        f" {fields} }} }} }} }} }}",
        {"f": filter_},
    )
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"][root]["all"]["edges"]]


async def rule_order(caller: Caller, account_id: int) -> list[tuple[str, str, str, int]]:
    """The account's rules as (id, rule, direction, position), in position order."""
    nodes = await listed(
        caller,
        "putaway_rules",
        "PutawayRuleFilterType",
        "id rule direction position",
        account_id={"eq": str(account_id)},
    )
    rows = [(n["id"], n["rule"], n["direction"], n["position"]) for n in nodes]
    return sorted(rows, key=lambda row: row[3])


async def route_order(caller: Caller) -> list[tuple[str, int]]:
    """The tenant's routes as (id, position), in position order."""
    nodes = await listed(caller, "warehouse_routes", "WarehouseRouteFilterType", "id position")
    return sorted(((n["id"], n["position"]) for n in nodes), key=lambda row: row[1])
