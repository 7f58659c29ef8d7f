"""What a goods in receipt or goods out needs to exist first, made through the REST API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.catalog import factories as catalog
from tests.support import Caller


@dataclass(frozen=True)
class Stockholding:
    """An account, a warehouse and a product with storage units of priorities 0 and 1 (and one
    more per storage unit type an earlier call made)."""

    account_id: int
    warehouse_id: int
    product_id: int
    storage_unit_ids: tuple[int, int]


async def stockholding(caller: Caller) -> Stockholding:
    account = await caller.create_account()
    warehouse = await caller.create_warehouse()
    await catalog.storage_unit_type(caller, sequence_id=1)
    await catalog.storage_unit_type(caller, sequence_id=2)
    product = await catalog.product(caller)
    result = await caller.graphql(
        "query($filter: ProductStorageUnitFilterType) { product_storage_units {"
        " all(filter: $filter) { edges { node { id priority } } } } }",
        {"filter": {"product_id": {"eq": str(product["id"])}}},
    )
    assert "errors" not in result, result
    units = sorted(
        (edge["node"] for edge in result["data"]["product_storage_units"]["all"]["edges"]),
        key=lambda node: node["priority"],
    )
    assert [unit["priority"] for unit in units][:2] == [0, 1]
    return Stockholding(
        account_id=int(account["id"]),
        warehouse_id=int(warehouse["id"]),
        product_id=int(product["id"]),
        storage_unit_ids=(int(units[0]["id"]), int(units[1]["id"])),
    )


def document(
    resource_type: str, attributes: dict[str, Any], address: dict[str, Any] | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {"type": resource_type, "attributes": attributes}
    if address is not None:
        data["relationships"] = {"address": {"data": {"type": "addresses", "attributes": address}}}
    return {"data": data}


def added(**attributes: Any) -> dict[str, Any]:
    return {"type": "ADD", "attributes": attributes}


def updated(line_id: int, **attributes: Any) -> dict[str, Any]:
    return {"type": "UPDATE", "id": line_id, "attributes": attributes}


def destroyed(line_id: int) -> dict[str, Any]:
    return {"type": "DESTROY", "id": line_id}
