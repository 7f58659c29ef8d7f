"""`python -m bench.app`: the operator app's office dashboard and order list, per page, as the
data grows.

One tenant holds N orders (spread over the open and finished statuses and over due dates from
a week late to a week ahead), N/10 receipts, N/5 open tasks, N/10 held stock records and N/20
failed webhook deliveries. Each table gets one block of rows, then doubles set-based
(`INSERT ... SELECT` of its own rows) until it holds its share, so 100,000 orders take seconds.
A supervisor signs in through the sign-in form, then each page is requested one request after
another through the whole app in process (session lookup, permissions, the page's statements,
the template), so the figures are the server's work per page. The statements of each page are
counted: the same at every N, or a page reads per row; and the order list's at 25 and at 100
rows a page must be the same, or the benchmark refuses to report.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import httpx
from sqlalchemy import ColumnElement, Table, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bench.allocation import insert_one
from bench.cycle import StatementCounter
from bench.databases import DEFAULT_POSTGRES_ADMIN_URL, BackendUnavailable, postgres_database
from bench.report import BenchRow, nearest_rank, text_table
from clarus.api.application import create_app
from clarus.auth.models import Role
from clarus.auth.service import create_user
from clarus.auth.tables import users
from clarus.catalog.tables import products, stock_unit_types
from clarus.core.db import Database, utcnow
from clarus.core.migrate import upgrade
from clarus.core.settings import Settings
from clarus.core.tables import events
from clarus.inbound.statuses import ReceiptStatus
from clarus.inbound.tables import goods_in_receipts
from clarus.inventory.statuses import StockStatus
from clarus.inventory.tables import stocks
from clarus.masterdata.tables import accounts, location_types, locations, warehouses
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.tables import goods_outs
from clarus.tasks.statuses import TaskStatus, TaskType
from clarus.tasks.tables import tasks
from clarus.tenancy.service import create_tenant
from clarus.webhooks.tables import webhook_deliveries

SUBDOMAIN = "bench"
EMAIL, PASSWORD = "supervisor@bench.example.com", "bench-password-1"
FORM_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
ORDER_STATUSES = tuple(GoodsOutStatus)
PAGES = {"dashboard": "/office", "orders": "/office/orders?rows=25"}
"""The measured pages by name: the dashboard, and the order list's first page of 25 rows."""
PAGE_SIZES = (25, 100)
"""The order list's page sizes whose statements must be as many."""
SEED_BLOCK = 336
"""The rows each table starts with (one order per hour of the two weeks of due dates); the
rest are copies."""
Renamed = Mapping[str, Callable[[int], ColumnElement[str]]]
"""Columns a copy changes, by name: a unique reference gets the round's suffix."""
TASK_TYPES = (TaskType.PICK, TaskType.PUTAWAY, TaskType.RECEIVE, TaskType.REPLENISH)


@dataclass(frozen=True)
class Result:
    backend: str
    page: str
    orders: int
    requests: int
    p50_ms: float
    p99_ms: float
    per_second: float
    statements: tuple[int, ...]
    """Statements of each measured page: one value when the count is constant."""

    def row(self) -> BenchRow:
        counts = "/".join(str(count) for count in sorted(set(self.statements)))
        return BenchRow(
            self.backend,
            "app",
            f"{self.page}, {self.orders:,} orders, {counts} statements/page",
            self.per_second,
            "pages/s",
            self.p50_ms,
            self.p99_ms,
        )


@dataclass(frozen=True)
class Place:
    tenant_id: int
    account_id: int
    warehouse_id: int
    location_id: int
    product_id: int


async def _bulk(session: AsyncSession, table: Table, rows: list[dict[str, object]]) -> None:
    if rows:
        await session.execute(insert(table), rows)


async def _place(session: AsyncSession) -> Place:
    tenant = await create_tenant(session=session, subdomain=SUBDOMAIN, company_name="Bench")
    tenant_id = tenant.id
    account_id = await insert_one(session, accounts, tenant_id=tenant_id, code="A", name="A")
    warehouse_id = await insert_one(session, warehouses, tenant_id=tenant_id, code="W", name="W")
    type_id = await insert_one(session, location_types, tenant_id=tenant_id, code="T", name="T")
    location_id = await insert_one(
        session,
        locations,
        tenant_id=tenant_id,
        code="L",
        warehouse_id=warehouse_id,
        location_type_id=type_id,
    )
    unit_id = await insert_one(session, stock_unit_types, tenant_id=tenant_id, code="EA", name="E")
    product_id = await insert_one(
        session,
        products,
        tenant_id=tenant_id,
        code="P1",
        description="Bench",
        stock_unit_type_id=unit_id,
    )
    return Place(tenant_id, account_id, warehouse_id, location_id, product_id)


async def _supervisor(session: AsyncSession, tenant_id: int) -> None:
    role = Role(tenant_id=tenant_id, name="Supervisor", permissions=["read", "write"])
    session.add(role)
    await session.flush()
    user = await create_user(
        session=session, tenant_id=tenant_id, email=EMAIL, name="Bench", password=PASSWORD
    )
    await session.execute(users.update().where(users.c.id == user.id).values(role_id=role.id))


def _orders(place: Place, count: int, now: dt.datetime) -> list[dict[str, object]]:
    return [
        {
            "tenant_id": place.tenant_id,
            "account_id": place.account_id,
            "warehouse_id": place.warehouse_id,
            "reference": f"SO-{number}",
            "goods_out_type": "standard",
            "goods_out_status_id": ORDER_STATUSES[number % len(ORDER_STATUSES)].value,
            "expected_date_of_dispatch": now + dt.timedelta(hours=number % 336 - 168),
            "pick_type": "standard",
            "pack_strategy": "none",
            "dispatch_strategy": "none",
        }
        for number in range(count)
    ]


def _receipts(place: Place, count: int, now: dt.datetime) -> list[dict[str, object]]:
    statuses = tuple(ReceiptStatus)
    return [
        {
            "tenant_id": place.tenant_id,
            "account_id": place.account_id,
            "warehouse_id": place.warehouse_id,
            "reference": f"PO-{number}",
            "status": statuses[number % len(statuses)].value,
            "receipt_type": "standard",
            "expected_date_of_arrival": now + dt.timedelta(hours=number % 72 - 36),
        }
        for number in range(count)
    ]


def _tasks(place: Place, count: int) -> list[dict[str, object]]:
    statuses = (TaskStatus.AVAILABLE, TaskStatus.ALLOCATED)
    return [
        {
            "tenant_id": place.tenant_id,
            "task_type_code": TASK_TYPES[number % len(TASK_TYPES)].value,
            "subtype": "standard",
            "status": statuses[number % 2].value,
            "account_id": place.account_id,
            "warehouse_id": place.warehouse_id,
        }
        for number in range(count)
    ]


def _held(place: Place, count: int, now: dt.datetime) -> list[dict[str, object]]:
    return [
        {
            "tenant_id": place.tenant_id,
            "product_id": place.product_id,
            "account_id": place.account_id,
            "warehouse_id": place.warehouse_id,
            "location_id": place.location_id,
            "status": StockStatus.HELD.value,
            "quantity": Decimal(number + 1),
            "fifo_date": now,
            "hold_description": "Bench",
        }
        for number in range(count)
    ]


async def _failed_deliveries(
    session: AsyncSession, place: Place, count: int, now: dt.datetime
) -> None:
    """`count` failed deliveries of one event."""
    statement = insert(events).values(
        tenant_id=place.tenant_id,
        resource_name="goods_out",
        event="created",
        record_id=1,
        sequence=1,
        payload={},
    )
    event_id = (await session.execute(statement.returning(events.c.id))).scalar_one()
    rows: list[dict[str, object]] = [
        {
            "tenant_id": place.tenant_id,
            "event_id": event_id,
            "automation_id": 1,
            "action_id": 1,
            "resource_name": "goods_out",
            "event": "created",
            "record_id": number,
            "sequence": number,
            "url": "https://example.com/hook",
            "method": "POST",
            "status": "failed",
            "attempt_count": 10,
            "last_error": "HTTP 500",
            "next_attempt_at": now,
        }
        for number in range(min(count, SEED_BLOCK))
    ]
    await _grow(session, webhook_deliveries, place.tenant_id, rows, count)


def _suffixed(table: Table) -> Renamed:
    """A copy's `reference`: the original's with `-<round>`, unique as the original is."""
    return {"reference": lambda round_number: table.c.reference + f"-{round_number}"}


async def _grow(
    session: AsyncSession,
    table: Table,
    tenant_id: int,
    block: list[dict[str, object]],
    total: int,
    renamed: Renamed | None = None,
) -> None:
    """The tenant's `total` rows of `table`: `block` inserted, then copied set-based, each
    round doubling them (at most), until there are `total`."""
    await _bulk(session, table, block[:total])
    copied = [column for column in table.columns if column.name != "id"]
    changed = renamed or {}
    held = min(len(block), total)
    round_number = 0
    while 0 < held < total:
        round_number += 1
        wanted = min(held, total - held)
        source = (
            select(
                *(
                    changed[column.name](round_number) if column.name in changed else column
                    for column in copied
                )
            )
            .where(table.c.tenant_id == tenant_id)
            .order_by(table.c.id)
            .limit(wanted)
        )
        await session.execute(insert(table).from_select([c.name for c in copied], source))
        held += wanted
    counted = select(func.count()).select_from(table).where(table.c.tenant_id == tenant_id)
    assert (await session.execute(counted)).scalar_one() == total, table.name


async def seed(db: Database, orders: int) -> None:
    now = utcnow()
    async with db.write_session() as session:
        place = await _place(session)
        tenant_id = place.tenant_id
        await _supervisor(session, tenant_id)
        block = _orders(place, SEED_BLOCK, now)
        await _grow(session, goods_outs, tenant_id, block, orders, _suffixed(goods_outs))
        receipts = _receipts(place, SEED_BLOCK, now)
        references = _suffixed(goods_in_receipts)
        await _grow(session, goods_in_receipts, tenant_id, receipts, orders // 10, references)
        await _grow(session, tasks, tenant_id, _tasks(place, SEED_BLOCK), orders // 5)
        await _grow(session, stocks, tenant_id, _held(place, SEED_BLOCK, now), orders // 10)
        await _failed_deliveries(session, place, orders // 20, now)


async def analyzed(db: Database) -> None:
    """The planner's statistics of the seeded tables, as autovacuum would gather them soon
    after a bulk load (PostgreSQL plans a page by them; SQLite keeps none unless asked)."""
    if db.write_engine.dialect.name == "postgresql":
        async with db.write_engine.connect() as connection:
            await connection.execute(text("ANALYZE"))
            await connection.commit()


async def sign_in(http: httpx.AsyncClient) -> None:
    page = await http.get(f"/app/{SUBDOMAIN}/sign-in")
    found = FORM_TOKEN.search(page.text)
    assert found is not None, page.text
    response = await http.post(
        f"/app/{SUBDOMAIN}/sign-in",
        data={"csrf_token": found.group(1), "email": EMAIL, "password": PASSWORD},
    )
    assert response.status_code == 303, response.text


async def _statements_of(http: httpx.AsyncClient, db: Database, path: str) -> tuple[int, float]:
    """One request of the page at `path`: its statements and its time in milliseconds."""
    engines = {db.read_engine.sync_engine, db.write_engine.sync_engine}
    counters = [StatementCounter(engine) for engine in engines]
    with ExitStack() as stack:
        for counter in counters:
            stack.enter_context(counter)
        started = time.perf_counter()
        response = await http.get(f"/app/{SUBDOMAIN}{path}")
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.text
    return sum(counter.count for counter in counters), elapsed * 1000


async def order_list_statements(http: httpx.AsyncClient, db: Database) -> dict[int, int]:
    """The statements of the order list's first page at each of PAGE_SIZES (not timed)."""
    return {
        rows: (await _statements_of(http, db, f"/office/orders?rows={rows}"))[0]
        for rows in PAGE_SIZES
    }


async def _page(
    http: httpx.AsyncClient, db: Database, path: str, requests: int, warmup: int
) -> tuple[list[float], list[int]]:
    timings: list[float] = []
    statements: list[int] = []
    for index in range(warmup + requests):
        counted, elapsed = await _statements_of(http, db, path)
        if index >= warmup:
            timings.append(elapsed)
            statements.append(counted)
    return timings, statements


async def measure(backend: str, url: str, orders: int, requests: int, warmup: int) -> list[Result]:
    """Each of PAGES measured at `orders` orders; refused when the order list's statements
    grow with its page size."""
    await upgrade(url)
    settings = Settings(database_url=url, webhook_worker_in_process=False)
    app = create_app(settings)
    db: Database = app.state.db
    results = []
    try:
        await seed(db, orders)
        await analyzed(db)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            await sign_in(http)
            by_size = await order_list_statements(http, db)
            if len(set(by_size.values())) != 1:
                raise RuntimeError(f"the order list's statements grow with its rows: {by_size}")
            for page, path in PAGES.items():
                timings, statements = await _page(http, db, path, requests, warmup)
                results.append(
                    Result(
                        backend,
                        page,
                        orders,
                        requests,
                        statistics.median(timings),
                        nearest_rank(timings, 0.99),
                        1000 * len(timings) / sum(timings),
                        tuple(statements),
                    )
                )
    finally:
        await db.dispose()
    return results


def case(
    backend: str, orders: int, *, requests: int, warmup: int = 3, postgres_admin_url: str
) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="clarus-app-bench-") as work_dir:
        database = (
            nullcontext(f"sqlite:///{Path(work_dir) / 'bench.db'}")
            if backend == "sqlite"
            else postgres_database(postgres_admin_url)
        )
        with database as url:
            return asyncio.run(measure(backend, url, orders, requests, warmup))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.app", description=__doc__)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--orders", default="10000,100000")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--postgres-admin-url", default=DEFAULT_POSTGRES_ADMIN_URL)
    options = parser.parse_args(argv)
    rows: list[tuple[str, ...]] = []
    for backend in options.backends.split(","):
        for orders in (int(value) for value in options.orders.split(",")):
            started = time.perf_counter()
            try:
                results = case(
                    backend,
                    orders,
                    requests=options.requests,
                    postgres_admin_url=options.postgres_admin_url,
                )
            except BackendUnavailable as unavailable:
                print(f"{backend}: skipped: {unavailable}", file=sys.stderr)
                break
            print(
                f"{backend}, {orders:,} orders: seeded and measured in"
                f" {time.perf_counter() - started:.1f} s",
                file=sys.stderr,
            )
            rows.extend(
                (
                    backend,
                    result.page,
                    f"{orders:,}",
                    f"{result.p50_ms:.1f}",
                    f"{result.p99_ms:.1f}",
                    f"{result.per_second:.0f}",
                    "/".join(str(count) for count in sorted(set(result.statements))),
                )
                for result in results
            )
    headers = ("backend", "page", "orders", "p50 ms", "p99 ms", "pages/s", "statements/page")
    print(text_table(headers, rows))


if __name__ == "__main__":
    main()
