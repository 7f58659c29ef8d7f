"""`python -m bench.allocation`: how long allocating one order takes as the stock table grows.

For each backend and each stock size, a fresh database gets one tenant whose stock table holds
N records spread over many products (the product the orders ask for has a few dozen of them,
as in a real warehouse); then orders of one line are created and allocated one at a time
through the same services the API runs, each in its own transaction, and the allocation's
wall time is measured. If allocation scanned the stock table, its time would grow with N; with
the `ix_stocks_allocatable` index it should stay flat.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncSession

from bench.databases import DEFAULT_POSTGRES_ADMIN_URL, BackendUnavailable, postgres_database
from bench.report import BenchRow, nearest_rank, text_table
from clarus.catalog.tables import products, stock_unit_types
from clarus.core.db import Database, utcnow
from clarus.core.migrate import upgrade
from clarus.core.records import id_of
from clarus.core.settings import Settings
from clarus.inventory.statuses import StockStatus
from clarus.inventory.tables import stocks
from clarus.masterdata.tables import accounts, location_types, locations, warehouses
from clarus.outbound.processes import allocate_goods_outs
from clarus.outbound.schemas import GoodsOutAttributes
from clarus.outbound.service import GOODS_OUTS, create_goods_out
from clarus.outbound.statuses import GoodsOutStatus
from clarus.tenancy.service import create_tenant

WARM_UP = 5
CHUNK = 10_000
PRODUCTS = 2_000
RECORDS_OF_THE_ORDERED_PRODUCT = 40


@dataclass(frozen=True)
class Seeded:
    tenant_id: int
    account_id: int
    warehouse_id: int
    product_id: int


@dataclass(frozen=True)
class Result:
    backend: str
    stock_records: int
    orders: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    allocations_per_second: float
    """Allocations over the time spent allocating (each order's creation is not counted)."""
    seed_seconds: float

    def row(self) -> BenchRow:
        return BenchRow(
            self.backend,
            "allocation",
            f"allocate 1 line, {self.stock_records:,} stocks",
            self.allocations_per_second,
            "allocs/s",
            self.p50_ms,
            self.p99_ms,
        )

    def note(self) -> str:
        return (
            f"{self.backend}/allocation: {self.stock_records:,} stock records seeded in "
            f"{self.seed_seconds:.0f} s, {self.orders} orders allocated one at a time"
        )


async def insert_one(session: AsyncSession, table: Table, **values: object) -> int:
    now = utcnow()
    statement = insert(table).values(created_at=now, updated_at=now, **values)
    return int((await session.execute(statement.returning(table.c.id))).scalar_one())


async def seed(db: Database, stock_records: int) -> Seeded:
    """One tenant, account, warehouse and location, PRODUCTS products, and `stock_records`
    stock records: RECORDS_OF_THE_ORDERED_PRODUCT of the first product, the rest spread over
    the others."""
    async with db.write_session() as session:
        tenant = await create_tenant(session=session, subdomain="bench", company_name="Bench")
        tenant_id = tenant.id
        account_id = await insert_one(session, accounts, tenant_id=tenant_id, code="B", name="B")
        warehouse_id = await insert_one(
            session, warehouses, tenant_id=tenant_id, code="W", name="W"
        )
        type_id = await insert_one(session, location_types, tenant_id=tenant_id, code="T", name="T")
        location_id = await insert_one(
            session,
            locations,
            tenant_id=tenant_id,
            code="L",
            warehouse_id=warehouse_id,
            location_type_id=type_id,
        )
        unit_type_id = await insert_one(
            session, stock_unit_types, tenant_id=tenant_id, code="EA", name="Each"
        )
        now = utcnow()
        result = await session.execute(
            insert(products).returning(products.c.id),
            [
                {
                    "tenant_id": tenant_id,
                    "code": f"P{n}",
                    "description": "Bench",
                    "stock_unit_type_id": unit_type_id,
                    "created_at": now,
                    "updated_at": now,
                }
                for n in range(PRODUCTS)
            ],
        )
        product_ids = [row[0] for row in result]
    for start in range(0, stock_records, CHUNK):
        rows = [
            _stock_row(n, tenant_id, account_id, warehouse_id, location_id, product_ids)
            for n in range(start, min(start + CHUNK, stock_records))
        ]
        async with db.write_session() as session:
            await session.execute(insert(stocks), rows)
    return Seeded(tenant_id, account_id, warehouse_id, product_ids[0])


def _stock_row(
    n: int,
    tenant_id: int,
    account_id: int,
    warehouse_id: int,
    location_id: int,
    product_ids: Sequence[int],
) -> dict[str, object]:
    ordered = n < RECORDS_OF_THE_ORDERED_PRODUCT
    product_id = product_ids[0] if ordered else product_ids[1 + n % (len(product_ids) - 1)]
    now = utcnow()
    return {
        "tenant_id": tenant_id,
        "product_id": product_id,
        "account_id": account_id,
        "warehouse_id": warehouse_id,
        "location_id": location_id,
        "status": StockStatus.AVAILABLE.value,
        "quantity": Decimal(1_000_000),
        "allocated_quantity": Decimal(0),
        "fifo_date": now - dt.timedelta(minutes=n),
        "string1": f"LOT{n}",
        "created_at": now,
        "updated_at": now,
    }


def _order(seeded: Seeded, number: int) -> GoodsOutAttributes:
    line = {"product_id": seeded.product_id, "order_quantity": 3}
    return GoodsOutAttributes.model_validate(
        {
            "account_id": seeded.account_id,
            "warehouse_id": seeded.warehouse_id,
            "reference": f"BENCH-{number}",
            "expected_date_of_dispatch": dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
            "lines_changes": [{"type": "ADD", "attributes": line}],
        }
    )


async def allocate_orders(db: Database, seeded: Seeded, numbers: range) -> list[float]:
    """Create and allocate one order per number, each in its own transaction; the allocations'
    wall times in milliseconds."""
    timings = []
    for number in numbers:
        async with db.write_session() as session:
            order = await create_goods_out(
                session, GOODS_OUTS, tenant_id=seeded.tenant_id, attributes=_order(seeded, number)
            )
        started = time.perf_counter()
        async with db.write_session() as session:
            [allocated] = await allocate_goods_outs(
                session, tenant_id=seeded.tenant_id, goods_out_ids=[id_of(order)]
            )
        timings.append((time.perf_counter() - started) * 1000)
        if allocated["goods_out_status_id"] != GoodsOutStatus.ALLOCATED:
            raise RuntimeError(f"order {order['id']} was not allocated: {allocated}")
    return timings


async def run_case(backend: str, url: str, stock_records: int, orders: int) -> Result:
    await upgrade(url)
    db = Database(Settings(database_url=url))
    try:
        started = time.perf_counter()
        seeded = await seed(db, stock_records)
        seed_seconds = time.perf_counter() - started
        await allocate_orders(db, seeded, range(WARM_UP))
        timings = sorted(await allocate_orders(db, seeded, range(WARM_UP, WARM_UP + orders)))
    finally:
        await db.dispose()
    return Result(
        backend,
        stock_records,
        orders,
        statistics.median(timings),
        nearest_rank(timings, 0.95),
        nearest_rank(timings, 0.99),
        len(timings) * 1000 / sum(timings),
        seed_seconds,
    )


def render(results: Sequence[Result]) -> str:
    header = ("backend", "stock records", "orders", "p50 ms", "p95 ms", "seed s")
    rows = [
        (
            r.backend,
            f"{r.stock_records:,}",
            str(r.orders),
            f"{r.p50_ms:.2f}",
            f"{r.p95_ms:.2f}",
            f"{r.seed_seconds:.0f}",
        )
        for r in results
    ]
    return text_table(header, rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.allocation", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--stocks", default="10000,1000000", help="stock table sizes, comma-separated"
    )
    parser.add_argument("--orders", type=int, default=100, help="measured allocations per case")
    parser.add_argument("--postgres-admin-url", default=DEFAULT_POSTGRES_ADMIN_URL)
    args = parser.parse_args(argv)
    results: list[Result] = []
    for backend in args.backends.split(","):
        for size in (int(value) for value in args.stocks.split(",")):
            print(f"{backend}: {size:,} stock records", file=sys.stderr)
            try:
                results.append(
                    case(
                        backend,
                        size,
                        orders=args.orders,
                        postgres_admin_url=args.postgres_admin_url,
                    )
                )
            except BackendUnavailable as unavailable:
                print(f"{backend}: skipped ({unavailable})", file=sys.stderr)
    print(render(results))


def case(backend: str, size: int, *, orders: int, postgres_admin_url: str) -> Result:
    """A fresh database for one case (PostgreSQL's is made and dropped outside the event loop
    the case runs in)."""
    with tempfile.TemporaryDirectory(prefix="clarus-allocation-") as work_dir:
        database = (
            nullcontext(f"sqlite:///{Path(work_dir) / 'bench.db'}")
            if backend == "sqlite"
            else postgres_database(postgres_admin_url)
        )
        with database as url:
            return asyncio.run(run_case(backend, url, size, orders))


if __name__ == "__main__":
    main()
