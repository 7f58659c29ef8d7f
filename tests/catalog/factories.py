"""Catalog records made through the REST API, for tests that need them as a starting point."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import insert

from clarus.core.db import Database
from clarus.masterdata.tables import warehouses
from tests.support import Caller, row_counts, unique_code


def body(resource_type: str, **attributes: Any) -> dict[str, Any]:
    return {"data": {"type": resource_type, "attributes": attributes}}


async def created(caller: Caller, path: str, resource_type: str, **attributes: Any) -> Any:
    response = await caller.post(path, body(resource_type, **attributes))
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def stock_unit_type(caller: Caller, **attributes: Any) -> Any:
    defaults = {"code": unique_code("SUT"), "name": "Each"}
    return await created(
        caller, "/api/stock_unit_types", "stock_unit_types", **{**defaults, **attributes}
    )


async def storage_unit_type(caller: Caller, **attributes: Any) -> Any:
    defaults = {"code": unique_code("P"), "name": "Pallet", "sequence_id": 1}
    return await created(
        caller, "/api/storage_unit_types", "storage_unit_types", **{**defaults, **attributes}
    )


async def product(caller: Caller, **attributes: Any) -> Any:
    if "stock_unit_type_id" not in attributes:
        attributes["stock_unit_type_id"] = int((await stock_unit_type(caller))["id"])
    defaults = {"code": unique_code("SKU"), "description": "Widget"}
    return await created(caller, "/api/products", "products", **{**defaults, **attributes})


async def product_storage_unit(caller: Caller, **attributes: Any) -> Any:
    defaults = {
        "stock_configuration": "case",
        "unit_of_measure": "centimetre",
        "per_layer": 10,
        "number_of_layers": 5,
    }
    return await created(
        caller,
        "/api/product_storage_units",
        "product_storage_units",
        **{**defaults, **attributes},
    )


async def priorities(caller: Caller, product_id: int) -> list[tuple[int, int]]:
    """(priority, id) of a product's storage units, in priority order, read through GraphQL."""
    result = await caller.graphql(
        "query($filter: ProductStorageUnitFilterType) { product_storage_units {"
        " all(filter: $filter) { edges { node { id priority } } } } }",
        {"filter": {"product_id": {"eq": str(product_id)}}},
    )
    assert "errors" not in result, result
    edges = result["data"]["product_storage_units"]["all"]["edges"]
    return sorted((edge["node"]["priority"], int(edge["node"]["id"])) for edge in edges)


async def warehouse(db: Database, tenant_id: int, code: str = "WH1", name: str = "Main") -> int:
    """A warehouse row written directly: warehouses have no REST endpoint on this branch yet."""
    async with db.write_session() as session:
        statement = (
            insert(warehouses)
            .values(tenant_id=tenant_id, code=code, name=name, is_active=True)
            .returning(warehouses.c.id)
        )
        warehouse_id: int = (await session.execute(statement)).scalar_one()
    return warehouse_id


def merged(defaults: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`defaults` with `changes` applied; a change to `...` leaves the attribute out."""
    attributes = {**defaults, **changes}
    return {name: value for name, value in attributes.items() if value is not ...}


def problems_of(response: httpx.Response) -> list[dict[str, Any]]:
    return [
        {"symbol": error["symbol"], "pointer": (error["context"] or {}).get("pointer")}
        for error in response.json()["errors"]
    ]


async def assert_refused_without_writes(
    caller: Caller, db: Database, path: str, payload: Any, symbol: str, pointer: str
) -> None:
    """POST `payload`: a 422 naming `symbol` at `pointer`, and not a row written."""
    before = await row_counts(db, caller.tenant_id)
    response = await caller.post(path, payload)
    assert response.status_code == 422, response.text
    assert {"symbol": symbol, "pointer": pointer} in problems_of(response)
    assert await row_counts(db, caller.tenant_id) == before
