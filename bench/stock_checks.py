"""`python -m bench.stock_checks`: a stock check of a location holding 1,000 stock records:
how long creating it, completing it and resolving its variances take.

For each backend, a fresh database gets one tenant; per measured check, a new location is
seeded with N stock records (a product and batch each), a check of it is created (a record per
group and its COUNT task), completed with every group left uncounted (each counted as zero, so
each fails with its whole quantity missing), and all its records resolved at once with a
`stock_check` reason code (N negative adjustments: ledger rows and `stock` events). Each step
runs in its own transaction through the services the API calls, and its wall time is measured.
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

from sqlalchemy import insert

from bench.allocation import insert_one
from bench.databases import DEFAULT_POSTGRES_ADMIN_URL, BackendUnavailable, postgres_database
from bench.report import BenchRow, nearest_rank, text_table
from clarus.auth.tables import users
from clarus.catalog.tables import products, stock_unit_types
from clarus.core.db import Database, utcnow
from clarus.core.migrate import upgrade
from clarus.core.settings import Settings
from clarus.inventory.statuses import StockStatus
from clarus.inventory.tables import stocks
from clarus.masterdata.tables import accounts, location_types, locations, reason_codes, warehouses
from clarus.stockcontrol.stock_check_resolution import resolve_records
from clarus.stockcontrol.stock_check_schemas import (
    StockCheckAttributes,
    StockCheckResolveRequest,
)
from clarus.stockcontrol.stock_checks import complete_stock_check, create_stock_check
from clarus.tenancy.service import create_tenant

STEPS = ("create", "complete", "resolve")
PRODUCTS = 200
DUE = dt.datetime(2026, 12, 24, 17, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Tenant:
    tenant_id: int
    user_id: int
    account_id: int
    warehouse_id: int
    location_type_id: int
    reason_code_id: int
    product_ids: tuple[int, ...]


@dataclass(frozen=True)
class Result:
    backend: str
    stock_records: int
    checks: int
    timings: dict[str, list[float]]
    """Per step, its wall times in milliseconds."""

    def rows(self) -> list[BenchRow]:
        return [
            BenchRow(
                self.backend,
                "stock_checks",
                f"{step} a check of {self.stock_records:,} stocks",
                len(self.timings[step]) * 1000 / sum(self.timings[step]),
                "checks/s",
                statistics.median(self.timings[step]),
                nearest_rank(sorted(self.timings[step]), 0.99),
            )
            for step in STEPS
        ]

    def note(self) -> str:
        return (
            f"{self.backend}/stock_checks: {self.checks} checks of a location with "
            f"{self.stock_records:,} stock records; resolving posts {self.stock_records:,} "
            "negative adjustments each"
        )


async def seed_tenant(db: Database) -> Tenant:
    async with db.write_session() as session:
        tenant = await create_tenant(session=session, subdomain="bench", company_name="Bench")
        tenant_id = tenant.id
        user_id = await insert_one(
            session,
            users,
            tenant_id=tenant_id,
            email="bench@example.com",
            name="Bench",
            user_type="api",
            role_id=tenant.default_role_id,
        )
        account_id = await insert_one(session, accounts, tenant_id=tenant_id, code="B", name="B")
        warehouse_id = await insert_one(
            session, warehouses, tenant_id=tenant_id, code="W", name="W"
        )
        type_id = await insert_one(session, location_types, tenant_id=tenant_id, code="T", name="T")
        reason_id = await insert_one(
            session,
            reason_codes,
            tenant_id=tenant_id,
            code="COUNT",
            name="Count",
            description="Stock check variance",
            reason_type="stock_check",
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
        product_ids = tuple(row[0] for row in result)
    return Tenant(tenant_id, user_id, account_id, warehouse_id, type_id, reason_id, product_ids)


async def seed_location(db: Database, tenant: Tenant, number: int, stock_records: int) -> int:
    """A new location holding `stock_records` records: a product and batch each."""
    now = utcnow()
    async with db.write_session() as session:
        location_id = await insert_one(
            session,
            locations,
            tenant_id=tenant.tenant_id,
            code=f"L{number}",
            warehouse_id=tenant.warehouse_id,
            location_type_id=tenant.location_type_id,
        )
        await session.execute(
            insert(stocks),
            [
                {
                    "tenant_id": tenant.tenant_id,
                    "product_id": tenant.product_ids[n % len(tenant.product_ids)],
                    "account_id": tenant.account_id,
                    "warehouse_id": tenant.warehouse_id,
                    "location_id": location_id,
                    "status": StockStatus.AVAILABLE.value,
                    "quantity": Decimal(10),
                    "allocated_quantity": Decimal(0),
                    "fifo_date": now,
                    "string1": f"LOT{n}",
                    "created_at": now,
                    "updated_at": now,
                }
                for n in range(stock_records)
            ],
        )
    return location_id


async def check_once(db: Database, tenant: Tenant, location_id: int) -> dict[str, float]:
    """Create, complete and resolve one check of the location; each step's milliseconds."""
    took: dict[str, float] = {}
    started = time.perf_counter()
    async with db.write_session() as session:
        created = await create_stock_check(
            session,
            tenant_id=tenant.tenant_id,
            user_id=tenant.user_id,
            attributes=StockCheckAttributes(location_id=location_id, expected_completion_date=DUE),
        )
    took["create"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    async with db.write_session() as session:
        completed = await complete_stock_check(
            session,
            tenant_id=tenant.tenant_id,
            user_id=tenant.user_id,
            stock_check_id=created.check["id"],
        )
    took["complete"] = (time.perf_counter() - started) * 1000
    request = StockCheckResolveRequest(
        stock_check_record_ids=[record["id"] for record in completed.records],
        reason_code_id=tenant.reason_code_id,
    )
    started = time.perf_counter()
    async with db.write_session() as session:
        [resolved] = await resolve_records(
            session, tenant_id=tenant.tenant_id, user_id=tenant.user_id, request=request
        )
    took["resolve"] = (time.perf_counter() - started) * 1000
    if resolved["status"] != "resolved":
        raise RuntimeError(f"stock check {resolved['id']} was not resolved: {resolved}")
    return took


async def run_case(backend: str, url: str, stock_records: int, checks: int) -> Result:
    await upgrade(url)
    db = Database(Settings(database_url=url))
    timings: dict[str, list[float]] = {step: [] for step in STEPS}
    try:
        tenant = await seed_tenant(db)
        for number in range(checks + 1):
            location_id = await seed_location(db, tenant, number, stock_records)
            took = await check_once(db, tenant, location_id)
            if number:
                for step in STEPS:
                    timings[step].append(took[step])
    finally:
        await db.dispose()
    return Result(backend, stock_records, checks, timings)


def case(backend: str, stock_records: int, *, checks: int, postgres_admin_url: str) -> Result:
    """A fresh database (the first check warms up and is not measured)."""
    with tempfile.TemporaryDirectory(prefix="clarus-stock-checks-") as work_dir:
        database = (
            nullcontext(f"sqlite:///{Path(work_dir) / 'bench.db'}")
            if backend == "sqlite"
            else postgres_database(postgres_admin_url)
        )
        with database as url:
            return asyncio.run(run_case(backend, url, stock_records, checks))


def render(results: Sequence[Result]) -> str:
    header = ("backend", "stock records", "checks", *(f"{step} p50 ms" for step in STEPS))
    rows = [
        (
            r.backend,
            f"{r.stock_records:,}",
            str(r.checks),
            *(f"{statistics.median(r.timings[step]):.1f}" for step in STEPS),
        )
        for r in results
    ]
    return text_table(header, rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.stock_checks", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--stocks", type=int, default=1000, help="stock records in the location")
    parser.add_argument("--checks", type=int, default=5, help="measured checks per backend")
    parser.add_argument("--postgres-admin-url", default=DEFAULT_POSTGRES_ADMIN_URL)
    args = parser.parse_args(argv)
    results: list[Result] = []
    for backend in args.backends.split(","):
        print(f"{backend}: stock checks of {args.stocks:,} stock records", file=sys.stderr)
        try:
            results.append(
                case(
                    backend,
                    args.stocks,
                    checks=args.checks,
                    postgres_admin_url=args.postgres_admin_url,
                )
            )
        except BackendUnavailable as unavailable:
            print(f"{backend}: skipped ({unavailable})", file=sys.stderr)
    print(render(results))


if __name__ == "__main__":
    main()
