"""Quantities are stored as `NUMERIC(15, 4)`: a line's quantity with more digits before or after
the point than that holds is refused as out of range, naming the field, and nothing is written
(on PostgreSQL it would otherwise overflow the column)."""

from __future__ import annotations

import pytest

from tests.inbound.factories import added, document, stockholding
from tests.support import ApiClientFactory

DELIVERY = {"name": "Limits", "address_1": "1 Street", "postcode": "AB1 2CD", "country_code": "GB"}
POINTER = "/data/attributes/lines_changes/0/attributes/order_quantity"


@pytest.mark.parametrize(
    ("quantity", "refused"),
    [
        (99_999_999_999.9999, False),
        (100_000_000_000, True),
        (123_456_789_012_345, True),
        (1.2345, False),
        (1.23456, True),
    ],
)
async def test_a_line_quantity_must_fit_the_column(
    clients: ApiClientFactory, quantity: float, refused: bool
) -> None:
    caller = await clients.new()
    stock = await stockholding(caller)
    attributes = {
        "account_id": stock.account_id,
        "warehouse_id": stock.warehouse_id,
        "reference": "SO-LIMITS",
        "expected_date_of_dispatch": "2026-12-01T10:00:00Z",
        "lines_changes": [added(product_id=stock.product_id, order_quantity=quantity)],
    }
    response = await caller.post("/api/goods_outs", document("goods_outs", attributes, DELIVERY))
    if not refused:
        assert response.status_code == 200, response.text
        return
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert error["symbol"] == "out_of_range", error
    assert error["context"]["pointer"] == POINTER
    answer = await caller.graphql(
        '{ goods_outs { all(filter: {reference: {eq: "SO-LIMITS"}}) { total_count } } }'
    )
    assert answer["data"]["goods_outs"]["all"]["total_count"] == 0
