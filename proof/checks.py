"""What a load or fault run must leave behind, checked against the database, the API and the
webhook receiver, and against the client's book of what it was told.

- orders: every order the server answered as created exists once, with its 10 lines and their
  quantities, and is readable through GraphQL by its tenant and by no other; any other order of
  the run belongs to a create that got no answer, and is whole too (no half-written order).
- stock: every stock record's quantity is the sum of its ledger rows; none is negative or more
  allocated than it holds; moves and picks net to zero; every adjustment answered as done is in
  the ledger once, one that got no answer at most once; every completed order's dispatch took
  exactly its lines' quantity, and no other order's took any.
- events (proof/delivery.py): once the workers have drained the outbox, every event one can
  subscribe to (the catalogue's events of goods outs and stock; `stock moved` is not one) has
  reached the receiver at least once (duplicates are counted), and every delivery succeeded.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import Database
from clarus.core.settings import Settings
from clarus.inventory.statuses import Movement
from clarus.inventory.tables import stocks, transactions
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.tables import goods_out_lines, goods_outs
from proof.delivery import check_events, drain
from proof.stack import INITIAL_QUANTITY, PRODUCTS, Tenant, headers
from proof.traffic import LINES, ORDERS_BY_ID, Book
from proof.verdict import Verdict

READ_BATCH = 100


OrderRow = tuple[int, int, int, Decimal]
"""An order as written: tenant id, order id, how many lines, their total quantity."""


async def _orders(session: AsyncSession, prefix: str) -> tuple[dict[str, OrderRow], list[str]]:
    """The run's orders by reference, and the references written more than once."""
    statement = (
        select(
            goods_outs.c.reference,
            goods_outs.c.tenant_id,
            goods_outs.c.id,
            func.count(goods_out_lines.c.id),
            func.coalesce(func.sum(goods_out_lines.c.order_quantity), 0),
        )
        .outerjoin(goods_out_lines, goods_out_lines.c.goods_out_id == goods_outs.c.id)
        .where(goods_outs.c.reference.like(f"{prefix}-%"))
        .group_by(goods_outs.c.id)
    )
    found: dict[str, OrderRow] = {}
    duplicated = []
    for reference, tenant_id, order_id, lines, quantity in await session.execute(statement):
        if reference in found:
            duplicated.append(reference)
        found[reference] = (tenant_id, order_id, lines, Decimal(quantity))
    return found, duplicated


def check_orders(
    verdict: Verdict,
    book: Book,
    written: tuple[dict[str, OrderRow], list[str]],
    tenant_ids: dict[str, int],
) -> None:
    found, duplicated = written
    problems = [f"{reference} written more than once" for reference in duplicated]
    for reference, (subdomain, order_id) in book.orders.items():
        row = found.get(reference)
        expected = (tenant_ids[subdomain], order_id, LINES, book.quantities[reference])
        if row != expected:
            problems.append(f"{reference}: {row} instead of {expected}")
    for reference, (_tenant_id, order_id, lines, quantity) in found.items():
        if reference in book.refused_orders:
            problems.append(f"{reference} was refused but exists as {order_id}")
        elif reference not in book.orders and reference not in book.unknown_orders:
            problems.append(f"{reference} was never sent but exists")
        elif lines != LINES or quantity != book.quantities[reference]:
            problems.append(f"{reference}: half written ({lines} lines, {quantity} units)")
    verdict.orders_checked = len(found)
    verdict.add("every order answered is whole; no other order is half written", problems)


def check_readable(
    verdict: Verdict, base_url: str, tenants: Sequence[Tenant], tokens: Sequence[str], book: Book
) -> None:
    """Each tenant reads all its orders by id through GraphQL; the next tenant reads none."""
    problems = []
    with httpx.Client(base_url=base_url, trust_env=False, timeout=60.0) as http:
        for index, tenant in enumerate(tenants):
            ids = book.order_ids[tenant.subdomain]
            readers = [(index, True)]
            if len(tenants) > 1:
                readers.append(((index + 1) % len(tenants), False))
            for start in range(0, len(ids), READ_BATCH):
                batch = ids[start : start + READ_BATCH]
                variables = {"filter": {"id": {"in": [str(order_id) for order_id in batch]}}}
                for reader, is_owner in readers:
                    response = http.post(
                        "/graphql",
                        json={"query": ORDERS_BY_ID, "variables": variables},
                        headers=headers(tenants[reader], tokens[reader]),
                    )
                    edges = response.json()["data"]["goods_outs"]["all"]["edges"]
                    expected = len(batch) if is_owner else 0
                    if len(edges) != expected:
                        problems.append(
                            f"{tenants[reader].subdomain} read {len(edges)} of "
                            f"{tenant.subdomain}'s {len(batch)} orders (expected {expected})"
                        )
    verdict.add("every order answered is readable by its tenant, by no other", problems)


async def check_stock(verdict: Verdict, session: AsyncSession, book: Book, tenant: Tenant) -> None:
    tenant_id, subdomain = tenant.tenant_id, tenant.subdomain
    ledger = (
        select(transactions.c.stock_id, func.sum(transactions.c.quantity).label("total"))
        .where(transactions.c.tenant_id == tenant_id)
        .group_by(transactions.c.stock_id)
        .subquery()
    )
    records = await session.execute(
        select(stocks.c.id, stocks.c.quantity, stocks.c.allocated_quantity, ledger.c.total)
        .outerjoin(ledger, ledger.c.stock_id == stocks.c.id)
        .where(stocks.c.tenant_id == tenant_id)
    )
    problems = []
    total = Decimal(0)
    for stock_id, quantity, allocated, ledger_total in records:
        verdict.stock_records_checked += 1
        total += quantity
        if quantity != (ledger_total or 0):
            problems.append(f"stock {stock_id}: {quantity} but its ledger sums to {ledger_total}")
        if quantity < 0 or not 0 <= allocated <= quantity:
            problems.append(f"stock {stock_id}: {quantity} with {allocated} allocated")
        if allocated != 0:
            problems.append(f"stock {stock_id}: {allocated} left allocated")
    by_category = dict(
        (
            await session.execute(
                select(transactions.c.category, func.sum(transactions.c.quantity))
                .where(transactions.c.tenant_id == tenant_id)
                .group_by(transactions.c.category)
            )
        ).all()
    )
    for movement in (Movement.MOVE, Movement.PICK):
        if by_category.get(movement, 0) != 0:
            problems.append(f"{movement} rows net to {by_category[movement]}, not 0")
    adjustment_problems, added = await _adjustments(session, book, tenant)
    problems += adjustment_problems
    problems += await _dispatches(session, book, tenant_id)
    expected_total = sum(by_category.values(), Decimal(0))
    if total != expected_total or set(by_category) - {m.value for m in Movement}:
        problems.append(f"{subdomain}: {total} in stock, the ledger says {expected_total}")
    initial = PRODUCTS * INITIAL_QUANTITY
    removed_or_sent = (Movement.NEGATIVE_ADJUSTMENT, Movement.DISPATCH)
    changed = added + sum(by_category.get(movement, 0) for movement in removed_or_sent)
    if total != initial + changed:
        problems.append(f"{subdomain}: {total} in stock, not {initial} + {changed}")
    verdict.add(f"{subdomain}: ledger consistent, no stock lost or doubled", problems)


async def _adjustments(
    session: AsyncSession, book: Book, tenant: Tenant
) -> tuple[list[str], Decimal]:
    """What is wrong with the adjustments in the ledger, and how much they added."""
    rows = await session.execute(
        select(transactions.c.category, transactions.c.description, transactions.c.quantity).where(
            transactions.c.tenant_id == tenant.tenant_id,
            transactions.c.category.in_(
                [Movement.POSITIVE_ADJUSTMENT, Movement.NEGATIVE_ADJUSTMENT]
            ),
        )
    )
    added: Counter[str] = Counter()
    added_quantity = Decimal(0)
    removed = 0
    problems = []
    for category, description, quantity in rows:
        if category == Movement.NEGATIVE_ADJUSTMENT:
            removed += 1
        elif description != "seed":
            added[description] += 1
            added_quantity += quantity
            sent = book.added.get(description) or book.unknown_added.get(description)
            if sent is None or sent != (tenant.subdomain, quantity):
                problems.append(f"adjustment {description} of {quantity} was not sent so")
    for description, (subdomain, _quantity) in book.added.items():
        if subdomain == tenant.subdomain and added[description] != 1:
            problems.append(f"adjustment {description} answered, applied {added[description]}x")
    problems += [f"adjustment {name} applied {n}x" for name, n in added.items() if n > 1]
    done, unknown = book.removed[tenant.subdomain], book.unknown_removed[tenant.subdomain]
    if not done <= removed <= done + unknown:
        problems.append(f"{removed} removals in the ledger, {done} answered, {unknown} unknown")
    return problems, added_quantity


async def _dispatches(session: AsyncSession, book: Book, tenant_id: int) -> list[str]:
    dispatched = dict(
        (
            await session.execute(
                select(transactions.c.goods_out_id, func.sum(transactions.c.quantity))
                .where(
                    transactions.c.tenant_id == tenant_id,
                    transactions.c.category == Movement.DISPATCH,
                )
                .group_by(transactions.c.goods_out_id)
            )
        ).all()
    )
    ordered = await session.execute(
        select(
            goods_outs.c.id,
            goods_outs.c.goods_out_status_id,
            func.sum(goods_out_lines.c.order_quantity),
        )
        .join(goods_out_lines, goods_out_lines.c.goods_out_id == goods_outs.c.id)
        .where(goods_outs.c.tenant_id == tenant_id)
        .group_by(goods_outs.c.id)
    )
    problems = []
    for order_id, status, quantity in ordered:
        taken = -dispatched.pop(order_id, Decimal(0))
        expected = quantity if status == GoodsOutStatus.COMPLETED else 0
        if taken != expected:
            problems.append(f"order {order_id} (status {status}) dispatched {taken} of {quantity}")
        if order_id in book.fulfilled and status != GoodsOutStatus.COMPLETED:
            problems.append(f"order {order_id} answered as fulfilled is {status}")
    problems += [f"dispatch of no order {order_id}" for order_id in dispatched]
    return problems


async def verify(
    database_url: str,
    *,
    base_url: str,
    tenants: Sequence[Tenant],
    tokens: Sequence[str],
    book: Book,
    prefix: str,
    out_path: Path,
    drain_within: float,
) -> Verdict:
    verdict = Verdict(checks=[])
    db = Database(Settings(database_url=database_url))
    tenant_ids = {tenant.subdomain: tenant.tenant_id for tenant in tenants}
    try:
        async with db.read_session() as session:
            check_orders(verdict, book, await _orders(session, prefix), tenant_ids)
            for tenant in tenants:
                await check_stock(verdict, session, book, tenant)
        await asyncio.to_thread(check_readable, verdict, base_url, tenants, tokens, book)
        try:
            verdict.drain_seconds = await drain(db, list(tenant_ids.values()), drain_within)
        except TimeoutError as error:
            verdict.add("the workers drain the outbox", [str(error)])
        async with db.read_session() as session:
            await check_events(verdict, session, tenants, out_path)
    finally:
        await db.dispose()
    return verdict
