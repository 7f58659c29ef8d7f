"""Stock made through REST for the GraphQL stock tests to read back: where it is, and the
actions that change it."""

from __future__ import annotations

from typing import Any

from tests.catalog import factories
from tests.graphql.orders import two_of_each
from tests.support import Caller

Seed = dict[str, Any]


def stock_body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "stocks", "attributes": attributes}}


async def posted(caller: Caller, path: str, body: dict[str, Any]) -> Any:
    response = await caller.post(path, body)
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def add_stock(
    caller: Caller, product: str, account: str, location: str, quantity: float, **attributes: Any
) -> str:
    """`POST /api/stocks/positive_adjustment`; the stock record's id as GraphQL shows it."""
    body = stock_body(
        product_id=int(product),
        account_id=int(account),
        location_id=int(location),
        quantity=quantity,
        **attributes,
    )
    return str((await posted(caller, "/api/stocks/positive_adjustment", body))["id"])


async def act(caller: Caller, stock_id: str, action: str, **attributes: Any) -> str:
    """`POST /api/stocks/{id}/<action>`; the id of the record the stock went to."""
    return str(
        (await posted(caller, f"/api/stocks/{stock_id}/{action}", stock_body(**attributes)))["id"]
    )


async def hold(caller: Caller, *stock_ids: str) -> None:
    body = {"ids": [int(stock_id) for stock_id in stock_ids], "description": "QC"}
    await posted(caller, "/api/stocks/hold", body)


async def places(caller: Caller) -> Seed:
    """`two_of_each`, with locations AISLE-04-BAY-12 ("location") and PACK-02
    ("other_location") in WH1, OVERFLOW-01 ("overflow") in WH2, and the pallet PAL00098231
    ("pallet") in WH1."""
    seed: Seed = await two_of_each(caller)
    location_type = int((await caller.create_location_type())["id"])
    for name, code, warehouse in (
        ("location", "AISLE-04-BAY-12", "warehouse"),
        ("other_location", "PACK-02", "warehouse"),
        ("overflow", "OVERFLOW-01", "other_warehouse"),
    ):
        location = await caller.create_location(
            code, warehouse_id=int(seed[warehouse]), location_type_id=location_type
        )
        seed[name] = str(location["id"])
    pallet_type = await factories.storage_unit_type(caller, code="PALLET", name="Pallet")
    pallet = await factories.created(
        caller,
        "/api/storage_units",
        "storage_units",
        reference="PAL00098231",
        storage_unit_type_id=int(pallet_type["id"]),
        warehouse_id=int(seed["warehouse"]),
    )
    seed["pallet"] = str(pallet["id"])
    return seed


async def stocked(caller: Caller) -> Seed:
    """`places`, with stock records:

    - "widget_stock": 240 WIDGET-RED-500 of ACME on the pallet in AISLE-04-BAY-12, LOT-1,
      arrived 2026-04-02;
    - "bolt_stock": 10 BOLT of ACME in AISLE-04-BAY-12, arrived 2026-04-03;
    - "held_stock": 5 WIDGET-RED-500 of BETA in OVERFLOW-01 (WH2), held, arrived 2026-04-04;
    - "empty_stock": BOLT of ACME in PACK-02, 3 added and taken again: at 0.
    """
    seed = await places(caller)
    seed["widget_stock"] = await add_stock(
        caller,
        seed["widget"],
        seed["account"],
        seed["location"],
        240,
        storage_unit_id=int(seed["pallet"]),
        string1="LOT-1",
        fifo_date="2026-04-02T00:00:00Z",
    )
    seed["bolt_stock"] = await add_stock(
        caller,
        seed["bolt"],
        seed["account"],
        seed["location"],
        10,
        fifo_date="2026-04-03T00:00:00Z",
    )
    seed["held_stock"] = await add_stock(
        caller,
        seed["widget"],
        seed["other_account"],
        seed["overflow"],
        5,
        fifo_date="2026-04-04T00:00:00Z",
    )
    await hold(caller, seed["held_stock"])
    seed["empty_stock"] = await add_stock(
        caller, seed["bolt"], seed["account"], seed["other_location"], 3
    )
    await act(caller, seed["empty_stock"], "negative_adjustment", quantity=3)
    return seed
