"""`python -m bench.cycle`: full order cycles per second, through the services the API runs.

One cycle is what an order goes through in a warehouse: created with 10 lines (one
transaction), then allocated, put on a pick list, picked to the goods out bay and dispatched
(one transaction: the sandbox simulator's `fulfil`, which runs the real operations). Orders are
run one after another on one connection, so the figure is the work of a cycle, not of
concurrency.
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

from sqlalchemy import Engine, event, select
from sqlalchemy.ext.asyncio import AsyncSession

from bench.allocation import Seeded, insert_one
from bench.databases import DEFAULT_POSTGRES_ADMIN_URL, BackendUnavailable, postgres_database
from bench.report import BenchRow, nearest_rank, text_table
from clarus.auth.service import create_api_client
from clarus.catalog.tables import products, stock_unit_types
from clarus.core.db import Database
from clarus.core.migrate import upgrade
from clarus.core.records import id_of
from clarus.core.settings import Settings
from clarus.inventory.schemas import PositiveAdjustmentAttributes
from clarus.inventory.service import adjust_up
from clarus.masterdata.tables import accounts, location_types, locations, warehouses
from clarus.outbound.schemas import GoodsOutAttributes
from clarus.outbound.service import GOODS_OUTS, create_goods_out
from clarus.simulation.service import fulfil
from clarus.tenancy.service import create_tenant

LINES = 10
WARM_UP = 3


@dataclass(frozen=True)
class Stocked:
    seeded: Seeded
    user_id: int
    product_ids: list[int]


class StatementCounter:
    """How many SQL statements an engine sends while the block runs (an executemany is one)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.count = 0

    def _counted(self, *_arguments: object) -> None:
        self.count += 1

    def __enter__(self) -> StatementCounter:
        event.listen(self.engine, "before_cursor_execute", self._counted)
        return self

    def __exit__(self, *_exception: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._counted)


@dataclass(frozen=True)
class Result:
    backend: str
    lines: int
    cycles: int
    cycles_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    statements_per_cycle: float

    def row(self) -> BenchRow:
        return BenchRow(
            self.backend,
            "cycle",
            f"create+fulfil, {self.lines} lines",
            self.cycles_per_second,
            "cycles/s",
            self.p50_ms,
            self.p99_ms,
        )

    def note(self) -> str:
        return (
            f"{self.backend}/cycle, {self.lines} lines: {self.statements_per_cycle:.0f} SQL "
            f"statements per cycle, "
            f"{self.cycles} cycles one after another"
        )


async def seed(db: Database, lines: int = LINES) -> Stocked:
    """A tenant with a storage location, a goods out bay and `lines` products in stock."""
    async with db.write_session() as session:
        tenant = await create_tenant(session=session, subdomain="cycle", company_name="Cycle")
        issued = await create_api_client(
            session=session, tenant=tenant, name="bench", scopes=frozenset({"write"})
        )
        user_id = issued.client.user_id
        tenant_id = tenant.id
        account_id = await insert_one(session, accounts, tenant_id=tenant_id, code="C", name="C")
        warehouse_id = await insert_one(
            session, warehouses, tenant_id=tenant_id, code="W", name="W"
        )
        for code in ("SHELF", "GOBAY"):
            type_id = await insert_one(
                session, location_types, tenant_id=tenant_id, code=code, name=code
            )
            await insert_one(
                session,
                locations,
                tenant_id=tenant_id,
                code=code,
                warehouse_id=warehouse_id,
                location_type_id=type_id,
            )
        unit_type_id = await insert_one(
            session, stock_unit_types, tenant_id=tenant_id, code="EA", name="EA"
        )
        product_ids = [
            await insert_one(
                session,
                products,
                tenant_id=tenant_id,
                code=f"P{n}",
                description="Cycle",
                stock_unit_type_id=unit_type_id,
            )
            for n in range(lines)
        ]
        shelf_id = await _location_id(session, tenant_id, "SHELF")
        for product_id in product_ids:
            await adjust_up(
                session,
                tenant_id=tenant_id,
                user_id=user_id,
                attributes=PositiveAdjustmentAttributes(
                    product_id=product_id,
                    account_id=account_id,
                    location_id=shelf_id,
                    quantity=Decimal(1_000_000),
                ),
            )
    return Stocked(
        Seeded(tenant_id, account_id, warehouse_id, product_ids[0]), user_id, product_ids
    )


async def _location_id(session: AsyncSession, tenant_id: int, code: str) -> int:
    statement = select(locations.c.id).where(
        locations.c.tenant_id == tenant_id, locations.c.code == code
    )
    return int((await session.execute(statement)).scalar_one())


def _order(stocked: Stocked, number: int) -> GoodsOutAttributes:
    return GoodsOutAttributes.model_validate(
        {
            "account_id": stocked.seeded.account_id,
            "warehouse_id": stocked.seeded.warehouse_id,
            "reference": f"CYCLE-{number}",
            "expected_date_of_dispatch": dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
            "lines_changes": [
                {"type": "ADD", "attributes": {"product_id": product_id, "order_quantity": 2}}
                for product_id in stocked.product_ids
            ],
        }
    )


async def cycles(db: Database, stocked: Stocked, numbers: range) -> list[float]:
    timings = []
    tenant_id = stocked.seeded.tenant_id
    for number in numbers:
        started = time.perf_counter()
        async with db.write_session() as session:
            order = await create_goods_out(
                session, GOODS_OUTS, tenant_id=tenant_id, attributes=_order(stocked, number)
            )
        async with db.write_session() as session:
            done = await fulfil(
                session, tenant_id=tenant_id, user_id=stocked.user_id, goods_out_id=id_of(order)
            )
        timings.append((time.perf_counter() - started) * 1000)
        if done["goods_out_status_id"] != 6:
            raise RuntimeError(f"order {order['id']} was not dispatched: {done}")
    return timings


async def run_case(backend: str, url: str, count: int, lines: int = LINES) -> Result:
    await upgrade(url)
    db = Database(Settings(database_url=url))
    try:
        stocked = await seed(db, lines)
        await cycles(db, stocked, range(WARM_UP))
        with StatementCounter(db.write_engine.sync_engine) as statements:
            started = time.perf_counter()
            timings = sorted(await cycles(db, stocked, range(WARM_UP, WARM_UP + count)))
            elapsed = time.perf_counter() - started
    finally:
        await db.dispose()
    return Result(
        backend,
        lines,
        count,
        count / elapsed,
        statistics.median(timings),
        nearest_rank(timings, 0.95),
        nearest_rank(timings, 0.99),
        statements.count / count,
    )


def render(results: Sequence[Result]) -> str:
    header = ("backend", "lines", "cycles", "cycles/s", "p50 ms", "p95 ms", "SQL/cycle")
    rows = [
        (
            r.backend,
            str(r.lines),
            str(r.cycles),
            f"{r.cycles_per_second:.1f}",
            f"{r.p50_ms:.1f}",
            f"{r.p95_ms:.1f}",
            f"{r.statements_per_cycle:.0f}",
        )
        for r in results
    ]
    return text_table(header, rows)


def case(backend: str, *, cycles: int, postgres_admin_url: str, lines: int = LINES) -> Result:
    """`cycles` measured cycles on a fresh database of `backend`."""
    with tempfile.TemporaryDirectory(prefix="clarus-cycle-") as work_dir:
        database = (
            nullcontext(f"sqlite:///{Path(work_dir) / 'bench.db'}")
            if backend == "sqlite"
            else postgres_database(postgres_admin_url)
        )
        with database as url:
            return asyncio.run(run_case(backend, url, cycles, lines))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.cycle", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--cycles", type=int, default=100)
    parser.add_argument("--lines", default=str(LINES), help="lines per order, comma-separated")
    parser.add_argument("--postgres-admin-url", default=DEFAULT_POSTGRES_ADMIN_URL)
    args = parser.parse_args(argv)
    results = []
    for backend in args.backends.split(","):
        for lines in (int(value) for value in args.lines.split(",")):
            print(f"{backend}: {args.cycles} cycles of {lines} lines", file=sys.stderr)
            try:
                results.append(
                    case(
                        backend,
                        cycles=args.cycles,
                        postgres_admin_url=args.postgres_admin_url,
                        lines=lines,
                    )
                )
            except BackendUnavailable as unavailable:
                print(f"{backend}: skipped ({unavailable})", file=sys.stderr)
                break
    print(render(results))


if __name__ == "__main__":
    main()
