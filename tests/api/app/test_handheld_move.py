"""Moving stock on the handheld: from-location, product, quantity and to-location scanned; the
stock moves through the service of `POST /api/stocks/{id}/move`; every wrong scan a message."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from clarus.core.db import Database
from tests.api.app.handheld import error_of, notice_of
from tests.api.app.support import browser
from tests.api.app.test_handheld_pick import operator_handheld
from tests.api.app.test_handheld_receive import product_code
from tests.inventory.test_stock_actions import assert_ledger_matches_stock
from tests.outbound.test_fulfilment import STOCKS, nodes, stocked_warehouse
from tests.support import ApiClientFactory


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def test_stock_scanned_from_a_shelf_moves_to_another_location(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller, where = await stocked_warehouse(clients)
    handheld = await operator_handheld(http_browser, clients, db, caller)
    code = await product_code(caller, where.stock.product_id)
    scans = {"from_location": "A-01-01", "product": code, "quantity": "4"}
    to_bay = {**scans, "to_location": "GOODS-IN"}
    wrong = [
        ({**to_bay, "from_location": "NOPE-9"}, "No location has the code NOPE-9."),
        ({**to_bay, "product": "NOPE"}, "No product has the code NOPE."),
        ({**to_bay, "quantity": "0"}, "Type a quantity above 0."),
        ({**scans, "to_location": "NOPE-8"}, "No location has the code NOPE-8."),
        ({**to_bay, "quantity": "11"}, f"A-01-01 has no 11 of {code} free to move."),
    ]
    for fields, message in wrong:
        refused = await handheld.scan("move", **fields)
        assert refused.status_code == 422, message
        assert error_of(refused) == message
    product = {"product_id": {"eq": str(where.stock.product_id)}}
    assert await nodes(caller, STOCKS, "stocks", product) == [
        {"quantity": 10.0, "allocated_quantity": 0.0, "location": {"code": "A-01-01"}}
    ]
    moved = await handheld.scan("move", **to_bay)
    assert notice_of(moved) == f"Moved 4 of {code} from A-01-01 to GOODS-IN.", moved.text
    stock = await nodes(caller, STOCKS, "stocks", product)
    assert sorted((row["location"]["code"], row["quantity"]) for row in stock) == [
        ("A-01-01", 6.0),
        ("GOODS-IN", 4.0),
    ]
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_another_tenants_location_answers_like_a_missing_one(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    owner, where = await stocked_warehouse(clients)
    code = await product_code(owner, where.stock.product_id)
    caller = await clients.new()
    handheld = await operator_handheld(http_browser, clients, db, caller)
    answers = []
    for location in ("A-01-01", "NOPE-9"):
        response = await handheld.scan(
            "move", from_location=location, product=code, quantity="1", to_location="GOODS-IN"
        )
        answers.append((response.status_code, response.text.replace(location, "CODE")))
    assert answers[0] == answers[1]
    assert answers[0][0] == 422
    unsigned = await http_browser.post(
        handheld.url("move"),
        data={
            "from_location": "A-01-01",
            "product": code,
            "quantity": "1",
            "to_location": "GOODS-IN",
        },
    )
    assert unsigned.status_code == 403
    product = {"product_id": {"eq": str(where.stock.product_id)}}
    assert await nodes(owner, STOCKS, "stocks", product) == [
        {"quantity": 10.0, "allocated_quantity": 0.0, "location": {"code": "A-01-01"}}
    ]
