"""The SQL an order or receipt create costs through HTTP: a fixed number of statements, whatever
the number of lines (counted with an engine event listener, not timed)."""

from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.inbound.factories import Stockholding, added, document, stockholding
from tests.support import TOKEN_READ, ApiClientFactory, Caller, statements_run

DELIVERY = {"name": "Bench", "address_1": "1 Street", "postcode": "AB1 2CD", "country_code": "GB"}
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK")


def of_the_create(statements: list[str]) -> list[str]:
    """The statements of the create itself, once the token's read (at most one: the caller's
    token is read in a read session of its own unless the in-process cache has it, for a
    second) is set apart; the rate limiter's takes, one per lease of tokens, are left out
    (`statements_run`)."""
    statements = [
        statement
        for statement in statements
        if not statement.lstrip().upper().startswith(TRANSACTION_CONTROL)
    ]
    assert len([s for s in statements if s.startswith(TOKEN_READ)]) <= 1, statements
    return [statement for statement in statements if not statement.startswith(TOKEN_READ)]


def order_document(stock: Stockholding, reference: str, lines: int) -> dict[str, Any]:
    attributes = {
        "account_id": stock.account_id,
        "warehouse_id": stock.warehouse_id,
        "reference": reference,
        "expected_date_of_dispatch": "2024-01-20T10:00:00Z",
        "lines_changes": [added(product_id=stock.product_id, order_quantity=1)] * lines,
    }
    return document("goods_outs", attributes, DELIVERY)


async def statements_of_create(
    caller: Caller, db: Database, stock: Stockholding, reference: str, lines: int
) -> list[str]:
    with statements_run(db, token_reads=True) as statements:
        response = await caller.post("/api/goods_outs", order_document(stock, reference, lines))
    assert response.status_code == 200, response.text
    assert len(response.json()["data"]["attributes"]["lines"]) == lines
    return of_the_create(statements)


async def test_an_order_create_runs_four_statements_on_postgresql_whatever_its_lines(
    clients: ApiClientFactory, db: Database
) -> None:
    """One check of every id with the defaults and the reference, the address and the order
    (on PostgreSQL one statement: SQLite has no data-modifying CTE), its lines (an INSERT ...
    RETURNING) and the event."""
    caller = await clients.new()
    stock = await stockholding(caller)
    await statements_of_create(caller, db, stock, "SO-WARM", 1)

    one = await statements_of_create(caller, db, stock, "SO-1", 1)
    hundred = await statements_of_create(caller, db, stock, "SO-100", 100)

    address_and_order = (
        [["WITH", "new_address", "AS"]]
        if db.write_engine.dialect.name == "postgresql"
        else [["INSERT", "INTO", "addresses"], ["INSERT", "INTO", "goods_outs"]]
    )
    expected = [
        ["SELECT", "tenants.default_goods_out_type,", "tenants.default_pick_type,"],
        *address_and_order,
        ["INSERT", "INTO", "goods_out_lines"],
        ["INSERT", "INTO", "events"],
    ]
    assert [statement.split()[:3] for statement in one] == expected, one
    assert [statement.split()[:3] for statement in hundred] == expected, hundred


async def test_a_receipt_create_runs_five_statements_whatever_its_lines(
    clients: ApiClientFactory, db: Database
) -> None:
    """One check of every id with the reference and the tenant's receipt type, one read of the
    products' storage units, the receipt and its lines (each an INSERT ... RETURNING) and the
    event."""
    caller = await clients.new()
    stock = await stockholding(caller)

    async def create(reference: str, lines: int) -> list[str]:
        attributes = {
            "account_id": stock.account_id,
            "warehouse_id": stock.warehouse_id,
            "reference": reference,
            "lines_changes": [added(product_id=stock.product_id, expected_quantity=1)] * lines,
        }
        with statements_run(db, token_reads=True) as statements:
            response = await caller.post(
                "/api/goods_in_receipts", document("goods_in_receipts", attributes)
            )
        assert response.status_code == 200, response.text
        assert len(response.json()["data"]["attributes"]["lines"]) == lines
        return of_the_create(statements)

    await create("PO-WARM", 1)
    one = await create("PO-1", 1)
    hundred = await create("PO-100", 100)

    assert len(one) == 5, one
    assert len(hundred) == 5, hundred
    assert [statement.split()[:3] for statement in one] == [
        ["SELECT", "tenants.default_receipt_type,", "(SELECT"],
        ["SELECT", "product_storage_units.product_id,", "product_storage_units.id,"],
        ["INSERT", "INTO", "goods_in_receipts"],
        ["INSERT", "INTO", "goods_in_receipt_lines"],
        ["INSERT", "INTO", "events"],
    ]
