"""A month of an account's activity made by the existing flows (the sandbox simulator receives,
puts away, allocates, picks and dispatches through them), priced on a card with two tax rates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tests.billing.factories import card, gbp, price, tax_type
from tests.inbound.factories import added, document, stockholding
from tests.support import Caller, resource_body

DAYS = 30


@dataclass(frozen=True)
class Billed:
    account_id: int
    card_id: int
    first_day: dt.date


async def receive(caller: Caller, where: dict[str, int], product_id: int, quantity: int) -> None:
    lines = {"lines_changes": [added(product_id=product_id, expected_quantity=quantity)]}
    receipt = await caller.post(
        "/api/goods_in_receipts", document("goods_in_receipts", where | lines)
    )
    assert receipt.status_code == 200, receipt.text
    receipt_id = receipt.json()["data"]["id"]
    received = await caller.post(f"/api/simulations/goods_in_receipts/{receipt_id}/receive", None)
    assert received.status_code == 200, received.text


async def dispatch(
    caller: Caller, where: dict[str, int], product_id: int, quantity: int, reference: str
) -> int:
    """An order of `quantity` units, fulfilled (picked and dispatched); its id."""
    attributes: dict[str, Any] = where | {
        "lines_changes": [added(product_id=product_id, order_quantity=quantity)],
        "reference": reference,
        "expected_date_of_dispatch": "2026-06-15T10:00:00Z",
    }
    order = await caller.post("/api/goods_outs", document("goods_outs", attributes))
    assert order.status_code == 200, order.text
    order_id = order.json()["data"]["id"]
    fulfilled = await caller.post(f"/api/simulations/goods_outs/{order_id}/fulfil", None)
    assert fulfilled.status_code == 200, fulfilled.text
    return int(order_id)


async def priced_card(caller: Caller, account_id: int) -> int:
    """Receipts and picks at 20% VAT, storage at 5%."""
    await gbp(caller)
    standard, reduced = await tax_type(caller, "VAT20", 20), await tax_type(caller, "VAT5", 5)
    card_id = await card(caller, account_id)
    for code, charge_type, unit, amount, tax in (
        ("RCV", "RECEIPT", "goods_in_receipt_completed", 12.5, standard),
        ("RCV-UNIT", "RECEIPT", "item", 0.15, standard),
        ("PICK-UNIT", "PICK", "item", 0.45, standard),
        ("ORDER", "PICK", "goods_out_completed", 1.99, standard),
        ("STORE", "RENTAL", "storage_unit", 0.333, reduced),
    ):
        await price(
            caller,
            card_id,
            code=code,
            name=code,
            charge_type=charge_type,
            unit_of_measure=unit,
            price=amount,
            tax_type_id=tax,
        )
    return card_id


async def a_month_of_activity(caller: Caller, *, charged: bool = True) -> Billed:
    """10 units received, orders of 3 and 2 dispatched, every event charged (unless `charged`
    is false: the engine is left to the caller) and 30 days of storage run from today."""
    stock = await stockholding(caller)
    card_id = await priced_card(caller, stock.account_id)
    where = {"account_id": stock.account_id, "warehouse_id": stock.warehouse_id}
    await receive(caller, where, stock.product_id, 10)
    await dispatch(caller, where, stock.product_id, 3, "SO-1")
    await dispatch(caller, where, stock.product_id, 2, "SO-2")
    if charged:
        await charge_all_events(caller)
    first_day = dt.datetime.now(dt.UTC).date()
    for offset in range(DAYS):
        await storage_run(caller, first_day + dt.timedelta(days=offset))
    return Billed(stock.account_id, card_id, first_day)


async def charge_all_events(caller: Caller) -> int:
    """Engine rounds until the outbox is charged; the lines written."""
    written = 0
    while True:
        response = await caller.http.post(
            "/api/charge_lines/charge_events", json={"batch_size": 7}, headers=caller.headers()
        )
        assert response.status_code == 200, response.text
        done = response.json()
        written += int(done["lines"])
        if done["events"] == 0:
            return written


async def storage_run(caller: Caller, day: dt.date) -> int:
    response = await caller.http.post(
        "/api/charge_lines/storage_run", json={"day": day.isoformat()}, headers=caller.headers()
    )
    assert response.status_code == 200, response.text
    lines: int = response.json()["lines"]
    return lines


async def closed_basket(caller: Caller, billed: Billed) -> str:
    start = dt.datetime.combine(billed.first_day, dt.time(), tzinfo=dt.UTC)
    end = start + dt.timedelta(days=DAYS)
    response = await caller.post(
        "/api/charge_baskets",
        resource_body(
            "charge_baskets",
            account_id=billed.account_id,
            charge_card_id=billed.card_id,
            start_at=start.isoformat(),
            end_at=end.isoformat(),
        ),
    )
    assert response.status_code == 200, response.text
    basket_id: str = response.json()["data"]["id"]
    closing = await caller.patch(
        f"/api/charge_baskets/{basket_id}", resource_body("charge_baskets", status="CLOSED")
    )
    assert closing.status_code == 200, closing.text
    return basket_id


LINES = (
    "query($filter: ChargeLineFilterType) { charge_lines { all(first: 100, filter: $filter) {"
    " edges { node { id code quantity price total tax_rate invoice_id } } } } }"
)


async def basket_lines(caller: Caller, basket_id: str) -> list[dict[str, Any]]:
    result = await caller.graphql(LINES, {"filter": {"charge_basket_id": {"eq": basket_id}}})
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"]["charge_lines"]["all"]["edges"]]
