"""The rules stock and allocations keep after every request, read straight from the tables:
the property tests check them after each step of a generated scenario."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from clarus.core.db import Database
from clarus.inventory.tables import stocks, transactions
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.tables import allocations, goods_out_lines, goods_outs

ZERO = Decimal(0)


@dataclass(frozen=True)
class Snapshot:
    stocks: dict[int, dict[str, Any]]
    """Stock id to its row."""
    lines: dict[int, dict[str, Any]]
    """Goods out line id to its row, with its order's `account_id`, `warehouse_id` and
    `goods_out_status_id`."""
    allocations: list[dict[str, Any]]

    def total_of(self, product_id: int) -> Decimal:
        return sum(
            (row["quantity"] for row in self.stocks.values() if row["product_id"] == product_id),
            ZERO,
        )

    def allocated_by_order(self, order_id: int) -> dict[int, Decimal]:
        """Stock id to what the order's allocations reserve of it."""
        reserved: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for row in self.allocations:
            if row["goods_out_id"] == order_id:
                reserved[row["stock_id"]] += row["quantity"]
        return dict(reserved)


async def snapshot(db: Database, tenant_id: int) -> Snapshot:
    lines = (
        select(
            goods_out_lines,
            goods_outs.c.account_id,
            goods_outs.c.warehouse_id,
            goods_outs.c.goods_out_status_id,
        )
        .join(goods_outs, goods_outs.c.id == goods_out_lines.c.goods_out_id)
        .where(goods_out_lines.c.tenant_id == tenant_id)
    )
    async with db.read_session() as session:
        stock_rows = await session.execute(select(stocks).where(stocks.c.tenant_id == tenant_id))
        line_rows = await session.execute(lines)
        allocation_rows = await session.execute(
            select(allocations).where(allocations.c.tenant_id == tenant_id)
        )
        return Snapshot(
            stocks={row["id"]: dict(row) for row in stock_rows.mappings()},
            lines={row["id"]: dict(row) for row in line_rows.mappings()},
            allocations=[dict(row) for row in allocation_rows.mappings()],
        )


async def ledger_sums(db: Database, tenant_id: int) -> dict[int, Decimal]:
    statement = (
        select(transactions.c.stock_id, func.sum(transactions.c.quantity))
        .where(transactions.c.tenant_id == tenant_id)
        .group_by(transactions.c.stock_id)
    )
    async with db.read_session() as session:
        return {stock_id: Decimal(total) for stock_id, total in await session.execute(statement)}


async def assert_invariants(db: Database, tenant_id: int) -> Snapshot:
    """Every rule below, or an AssertionError naming the record that breaks it."""
    state = await snapshot(db, tenant_id)
    ledger = await ledger_sums(db, tenant_id)
    for stock_id, row in state.stocks.items():
        assert row["quantity"] >= 0, ("negative stock", row)
        assert 0 <= row["allocated_quantity"] <= row["quantity"], ("over-allocated", row)
        assert ledger.get(stock_id, ZERO) == row["quantity"], ("ledger", row, ledger.get(stock_id))
    assert set(ledger) <= set(state.stocks), ("ledger rows of no stock", ledger)
    _assert_allocations_add_up(state)
    return state


def _assert_allocations_add_up(state: Snapshot) -> None:
    of_stock: dict[int, Decimal] = defaultdict(lambda: ZERO)
    of_line: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in state.allocations:
        assert row["quantity"] > 0, ("empty allocation", row)
        stock, line = state.stocks[row["stock_id"]], state.lines[row["goods_out_line_id"]]
        assert row["goods_out_id"] == line["goods_out_id"], ("allocation of another order", row)
        assert (stock["product_id"], stock["account_id"], stock["warehouse_id"]) == (
            line["product_id"],
            line["account_id"],
            line["warehouse_id"],
        ), ("allocated from the wrong stock", row, stock, line)
        assert line["string1"] in (None, stock["string1"]), ("another batch", row, stock, line)
        of_stock[row["stock_id"]] += row["quantity"]
        of_line[row["goods_out_line_id"]] += row["quantity"]
    for stock_id, row in state.stocks.items():
        assert row["allocated_quantity"] == of_stock.get(stock_id, ZERO), ("stock vs rows", row)
    for line_id, line in state.lines.items():
        assert line["allocated_quantity"] == of_line.get(line_id, ZERO), ("line vs rows", line)
        assert 0 <= line["allocated_quantity"] <= line["order_quantity"], ("line over", line)
        if line["goods_out_status_id"] == GoodsOutStatus.CANCELLED:
            assert line["allocated_quantity"] == 0, ("cancelled yet allocated", line)
