"""Stock checks made and worked through the REST API, shared by the stock check tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from clarus.core.db import Database
from clarus.inventory.tables import stocks, transactions
from tests.support import Caller, unique_code

DUE = "2026-12-24T17:00:00Z"


def check_body(location_id: int, due: str = DUE) -> dict[str, Any]:
    return {
        "data": {
            "type": "stock_checks",
            "attributes": {"location_id": location_id, "expected_completion_date": due},
        }
    }


def attempt_body(product_id: int, physical_count: float, **group: Any) -> dict[str, Any]:
    return {
        "data": {
            "attributes": {"product_id": product_id, "physical_count": physical_count, **group}
        }
    }


async def create_check(caller: Caller, location_id: int) -> Any:
    response = await caller.post("/api/stock_checks", check_body(location_id))
    assert response.status_code == 200, response.text
    return response.json()


async def count(
    caller: Caller, check_id: int, product_id: int, physical: float, **group: Any
) -> Any:
    response = await caller.post(
        f"/api/stock_checks/{check_id}/record_attempt", attempt_body(product_id, physical, **group)
    )
    assert response.status_code == 200, response.text
    return response.json()


async def complete(caller: Caller, check_id: int) -> Any:
    response = await caller.post(f"/api/stock_checks/{check_id}/complete", None)
    assert response.status_code == 200, response.text
    return response.json()


async def stock_check_reason(caller: Caller, **attributes: Any) -> int:
    created = await caller.create(
        "reason_codes",
        **{
            "code": unique_code("SC"),
            "name": "Miscount",
            "description": "Found in a stock check",
            "reason_type": "stock_check",
            **attributes,
        },
    )
    return int(created["data"]["id"])


async def resolve(caller: Caller, record_ids: list[int], reason_code_id: int) -> None:
    response = await caller.post(
        "/api/stock_checks/resolve",
        {"stock_check_record_ids": record_ids, "reason_code_id": reason_code_id},
    )
    assert response.status_code == 204, response.text


def by_product(answer: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {record["product_id"]: record for record in answer["records"]}


async def quantities(db: Database, tenant_id: int) -> dict[int, tuple[float, float]]:
    """Each stock record's quantity and allocated quantity."""
    async with db.read_session() as session:
        rows = await session.execute(
            select(stocks.c.id, stocks.c.quantity, stocks.c.allocated_quantity).where(
                stocks.c.tenant_id == tenant_id
            )
        )
        return {row.id: (float(row.quantity), float(row.allocated_quantity)) for row in rows}


async def adjustments(db: Database, tenant_id: int) -> list[tuple[int, str, float, int | None]]:
    """The adjustment ledger rows: stock, category, signed quantity and reason, in order."""
    async with db.read_session() as session:
        rows = await session.execute(
            select(
                transactions.c.stock_id,
                transactions.c.category,
                transactions.c.quantity,
                transactions.c.reason_code_id,
            )
            .where(
                transactions.c.tenant_id == tenant_id,
                transactions.c.category.in_(["POSITIVE_ADJUSTMENT", "NEGATIVE_ADJUSTMENT"]),
                transactions.c.description.like("stock check %"),
            )
            .order_by(transactions.c.id)
        )
        return [
            (row.stock_id, row.category, float(row.quantity), row.reason_code_id) for row in rows
        ]


async def ledger_total(db: Database, tenant_id: int, product_id: int) -> Decimal:
    async with db.read_session() as session:
        total = (
            await session.execute(
                select(func.coalesce(func.sum(transactions.c.quantity), 0)).where(
                    transactions.c.tenant_id == tenant_id,
                    transactions.c.product_id == product_id,
                )
            )
        ).scalar_one()
    return Decimal(total)
