"""A page's reads by key go through the `(tenant_id, key)` indexes, not the `tenant_id` index
alone (which reads every row of the tenant): the query plans SQLite makes for them without
statistics, for a page of orders and of receipts with their lines."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from clarus.core.db import Database
from tests.inbound.factories import added, document, stockholding
from tests.support import ApiClientFactory, statements_run

DELIVERY = {"name": "Plans", "address_1": "1 Street", "postcode": "AB1 2CD", "country_code": "GB"}
PAGES = (
    "query($account: ID) { goods_outs { all(first: 100, filter: {account_id: {eq: $account}})"
    " { edges { node { id reference lines { id product_id order_quantity } } } } } }",
    "query($account: ID) { goods_in_receipts { all(first: 100,"
    " filter: {account_id: {eq: $account}}) { edges { node { id reference"
    " lines { id product_id expected_quantity } } } } } }",
)


@pytest.mark.parametrize("page", PAGES, ids=["orders", "receipts"])
async def test_a_page_reads_lines_by_their_parents_index(
    clients: ApiClientFactory, db: Database, page: str
) -> None:
    if not db.is_sqlite:
        pytest.skip("the plans are SQLite's; PostgreSQL plans from the statistics it keeps")
    caller = await clients.new()
    stock = await stockholding(caller)
    for number in range(3):
        order = {
            "account_id": stock.account_id,
            "warehouse_id": stock.warehouse_id,
            "reference": f"SO-PLANS-{number}",
            "expected_date_of_dispatch": "2026-12-01T10:00:00Z",
            "lines_changes": [added(product_id=stock.product_id, order_quantity=1)] * 3,
        }
        sent = await caller.post("/api/goods_outs", document("goods_outs", order, DELIVERY))
        assert sent.status_code == 200, sent.text
        receipt = {
            "account_id": stock.account_id,
            "warehouse_id": stock.warehouse_id,
            "reference": f"PO-PLANS-{number}",
            "lines_changes": [added(product_id=stock.product_id, expected_quantity=1)] * 3,
        }
        sent = await caller.post("/api/goods_in_receipts", document("goods_in_receipts", receipt))
        assert sent.status_code == 200, sent.text
    variables = {"account": str(stock.account_id)}
    with statements_run(db) as statements:
        answer = await caller.graphql(page, variables)
    assert "errors" not in answer, answer
    by_key = [statement for statement in statements if " IN (" in statement]
    assert by_key, statements
    async with db.read_session() as session:
        for statement in by_key:
            bound = statement.replace("?", "1")
            plan = (await session.execute(text(f"EXPLAIN QUERY PLAN {bound}"))).all()
            details = " ".join(str(step[-1]) for step in plan)
            assert "_tenant_id (tenant_id=?)" not in details, (statement, details)
