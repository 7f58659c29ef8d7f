"""The SQL an order or receipt update with `lines_changes` costs through HTTP: a fixed number of
statements, whatever the number of lines added, updated and destroyed (counted with an engine
event listener, not timed)."""

from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.inbound.factories import Stockholding, added, destroyed, document, stockholding, updated
from tests.outbound.test_create_statements import DELIVERY, of_the_create
from tests.support import ApiClientFactory, Caller, statements_run


def line_changes(
    line_ids: list[int], product_id: int, quantity: str, adds: int, updates: int
) -> list[dict[str, Any]]:
    """`adds` new lines, UPDATEs of the first `updates` lines (all changing `quantity`) and
    DESTROYs of the rest."""
    return [
        *(added(product_id=product_id, **{quantity: 2}) for _ in range(adds)),
        *(updated(line_id, **{quantity: 3}) for line_id in line_ids[:updates]),
        *(destroyed(line_id) for line_id in line_ids[updates:]),
    ]


MIXES = ((4, 3, 3, "1"), (40, 30, 30, "2"))
"""Line changes of an update (ADDs, UPDATEs, DESTROYs) and the record's reference suffix:
10 changes, then 100."""


async def statements_of_update(
    caller: Caller,
    db: Database,
    path: str,
    resource: str,
    changes: list[dict[str, Any]],
    lines: int,
) -> list[str]:
    with statements_run(db, token_reads=True) as statements:
        response = await caller.patch(path, document(resource, {"lines_changes": changes}))
    assert response.status_code == 200, response.text
    assert len(response.json()["data"]["attributes"]["lines"]) == lines
    return of_the_create(statements)


def verbs(statements: list[str]) -> list[list[str]]:
    return [statement.split()[:3] for statement in statements]


async def created(
    caller: Caller, stock: Stockholding, resource: str, quantity: str, lines: int, **extra: Any
) -> tuple[str, list[int]]:
    """A record of `lines` lines: its path and its lines' ids."""
    attributes = {
        "account_id": stock.account_id,
        "warehouse_id": stock.warehouse_id,
        "lines_changes": [added(product_id=stock.product_id, **{quantity: 1})] * lines,
        **extra,
    }
    response = await caller.post(f"/api/{resource}", document(resource, attributes, DELIVERY))
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    return f"/api/{resource}/{data['id']}", [line["id"] for line in data["attributes"]["lines"]]


async def test_an_order_update_runs_seven_statements_whatever_its_line_changes(
    clients: ApiClientFactory, db: Database
) -> None:
    """The order read under lock with its address and every check at once, its UPDATE, one
    DELETE, UPDATE and INSERT of lines, the lines read back and the event: the same for 10
    line changes as for 100."""
    caller = await clients.new()
    stock = await stockholding(caller)
    counted = []
    for adds, updates, destroys, suffix in MIXES:
        path, line_ids = await created(
            caller,
            stock,
            "goods_outs",
            "order_quantity",
            updates + destroys,
            reference=f"SO{suffix}",
            expected_date_of_dispatch="2024-01-20T10:00:00Z",
        )
        changes = line_changes(line_ids, stock.product_id, "order_quantity", adds, updates)
        counted.append(
            await statements_of_update(caller, db, path, "goods_outs", changes, adds + updates)
        )

    for statements in counted:
        assert verbs(statements) == [
            ["SELECT", "goods_outs.id,", "goods_outs.tenant_id,"],
            ["UPDATE", "goods_outs", "SET"],
            ["DELETE", "FROM", "goods_out_lines"],
            ["UPDATE", "goods_out_lines", "SET"],
            ["INSERT", "INTO", "goods_out_lines"],
            ["SELECT", "goods_out_lines.id,", "goods_out_lines.tenant_id,"],
            ["INSERT", "INTO", "events"],
        ], statements


async def test_a_receipt_update_runs_eight_statements_whatever_its_line_changes(
    clients: ApiClientFactory, db: Database
) -> None:
    """As an order's, with the read of the added products' storage units."""
    caller = await clients.new()
    stock = await stockholding(caller)
    counted = []
    for adds, updates, destroys, suffix in MIXES:
        path, line_ids = await created(
            caller,
            stock,
            "goods_in_receipts",
            "expected_quantity",
            updates + destroys,
            reference=f"PO{suffix}",
        )
        changes = line_changes(line_ids, stock.product_id, "expected_quantity", adds, updates)
        counted.append(
            await statements_of_update(
                caller, db, path, "goods_in_receipts", changes, adds + updates
            )
        )

    for statements in counted:
        assert verbs(statements) == [
            ["SELECT", "goods_in_receipts.id,", "goods_in_receipts.tenant_id,"],
            ["SELECT", "product_storage_units.product_id,", "product_storage_units.id,"],
            ["UPDATE", "goods_in_receipts", "SET"],
            ["DELETE", "FROM", "goods_in_receipt_lines"],
            ["UPDATE", "goods_in_receipt_lines", "SET"],
            ["INSERT", "INTO", "goods_in_receipt_lines"],
            ["SELECT", "goods_in_receipt_lines.id,", "goods_in_receipt_lines.tenant_id,"],
            ["INSERT", "INTO", "events"],
        ], statements
