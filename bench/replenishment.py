"""`python -m bench.replenishment`: replenishment triggered under allocation load.

For each backend, a fresh database gets one tenant with FACES products, each with a pick face
(minimum 30, maximum 100, holding 40 of the oldest stock) and reserve stock spread over
RESERVE_LOCATIONS locations, `--stocks` reserve records in all. Two measurements, each through
the services the API runs, every request in its own transaction:

- `allocate at a pick face`: orders of one line of 7 are allocated one at a time, the products
  in turn; each allocation takes pick face stock and checks the faces it touched; the second at
  each face, then about one in ten, takes it below its minimum and makes its REPLEN task in the
  same transaction.
- `trigger under allocation load`: `trigger_replenishment` on the faces in turn while one loop
  creates and allocates orders (each allocation drains a face and may trigger too) and another
  completes the open REPLEN tasks; each trigger tops its face up to its maximum, or answers the
  tasks already on their way.
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

from sqlalchemy import func, insert, select

from bench.allocation import insert_one
from bench.databases import DEFAULT_POSTGRES_ADMIN_URL, BackendUnavailable, postgres_database
from bench.report import BenchRow, nearest_rank, text_table
from clarus.auth.service import create_api_client
from clarus.catalog.tables import pickface_products, products, stock_unit_types
from clarus.core.db import Database, utcnow
from clarus.core.migrate import upgrade
from clarus.core.settings import Settings
from clarus.inventory.statuses import StockStatus
from clarus.inventory.tables import stocks
from clarus.masterdata.tables import accounts, location_types, locations, warehouses
from clarus.outbound.processes import allocate_goods_outs
from clarus.outbound.schemas import GoodsOutAttributes
from clarus.outbound.service import GOODS_OUTS, create_goods_out
from clarus.outbound.statuses import GoodsOutStatus
from clarus.stockcontrol.replenishment import TriggerReplenishmentRequest, trigger_replenishment
from clarus.stockcontrol.replenishment_levels import OPEN_REPLENISHMENT
from clarus.stockcontrol.replenishment_tasks import complete_replenishment
from clarus.tasks.handlers import Completion
from clarus.tasks.tables import tasks
from clarus.tenancy.service import create_tenant

FACES = 10
RESERVE_LOCATIONS = 20
LOAD_OPERATION = "trigger under allocation load"
ORDERED = 7
EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Seeded:
    tenant_id: int
    user_id: int
    """The bench API client's user: who triggers and completes."""
    account_id: int
    warehouse_id: int
    faces: tuple[tuple[int, int], ...]
    """(product id, pick face location id) of each face."""


@dataclass(frozen=True)
class Result:
    backend: str
    operation: str
    count: int
    p50_ms: float
    p99_ms: float
    per_second: float
    unit: str
    replenishments: int

    def row(self) -> BenchRow:
        return BenchRow(
            self.backend,
            "replenishment",
            self.operation,
            self.per_second,
            self.unit,
            self.p50_ms,
            self.p99_ms,
        )


async def seed(db: Database, reserve_records: int) -> Seeded:
    async with db.write_session() as session:
        tenant = await create_tenant(session=session, subdomain="bench", company_name="Bench")
        tenant_id = tenant.id
        issued = await create_api_client(
            session=session,
            tenant=tenant,
            name="bench",
            scopes=frozenset({"write"}),
            redirect_uris=(),
        )
        await session.flush()
        user_id = issued.client.user_id
        account_id = await insert_one(session, accounts, tenant_id=tenant_id, code="B", name="B")
        warehouse_id = await insert_one(
            session, warehouses, tenant_id=tenant_id, code="W", name="W"
        )
        type_id = await insert_one(session, location_types, tenant_id=tenant_id, code="T", name="T")
        unit_type_id = await insert_one(
            session, stock_unit_types, tenant_id=tenant_id, code="EA", name="Each"
        )
        faces = []
        for n in range(FACES):
            product_id = await insert_one(
                session,
                products,
                tenant_id=tenant_id,
                code=f"P{n}",
                description="Bench",
                stock_unit_type_id=unit_type_id,
            )
            face_id = await insert_one(
                session,
                locations,
                tenant_id=tenant_id,
                code=f"PF{n}",
                warehouse_id=warehouse_id,
                location_type_id=type_id,
                is_pickface=True,
            )
            await insert_one(
                session,
                pickface_products,
                tenant_id=tenant_id,
                product_id=product_id,
                location_id=face_id,
                trigger_min=30,
                trigger_max=100,
            )
            faces.append((product_id, face_id))
        reserves = [
            await insert_one(
                session,
                locations,
                tenant_id=tenant_id,
                code=f"R{n}",
                warehouse_id=warehouse_id,
                location_type_id=type_id,
            )
            for n in range(RESERVE_LOCATIONS)
        ]
        place = Place(tenant_id, account_id, warehouse_id)
        await session.execute(
            insert(stocks), [place.row(product, face, 40, 0) for product, face in faces]
        )
        rows = [
            place.row(faces[n % FACES][0], reserves[n % RESERVE_LOCATIONS], 1000, n + 1)
            for n in range(reserve_records)
        ]
        for start in range(0, len(rows), 10_000):
            await session.execute(insert(stocks), rows[start : start + 10_000])
    return Seeded(tenant_id, user_id, account_id, warehouse_id, tuple(faces))


@dataclass(frozen=True)
class Place:
    tenant_id: int
    account_id: int
    warehouse_id: int

    def row(self, product_id: int, location_id: int, quantity: int, age: int) -> dict[str, object]:
        now = utcnow()
        return {
            "tenant_id": self.tenant_id,
            "product_id": product_id,
            "account_id": self.account_id,
            "warehouse_id": self.warehouse_id,
            "location_id": location_id,
            "status": StockStatus.AVAILABLE.value,
            "quantity": Decimal(quantity),
            "allocated_quantity": Decimal(0),
            "fifo_date": EPOCH + dt.timedelta(minutes=age),
            "created_at": now,
            "updated_at": now,
        }


async def allocate_one(db: Database, seeded: Seeded, number: int) -> float:
    """Create an order of one line for the next face's product, then allocate it; the
    allocation's wall time in milliseconds."""
    product_id, _face = seeded.faces[number % FACES]
    attributes = GoodsOutAttributes.model_validate(
        {
            "account_id": seeded.account_id,
            "warehouse_id": seeded.warehouse_id,
            "reference": f"BENCH-{number}",
            "expected_date_of_dispatch": "2026-12-01T00:00:00Z",
            "lines_changes": [
                {"type": "ADD", "attributes": {"product_id": product_id, "order_quantity": ORDERED}}
            ],
        }
    )
    async with db.write_session() as session:
        order = await create_goods_out(
            session, GOODS_OUTS, tenant_id=seeded.tenant_id, attributes=attributes
        )
    started = time.perf_counter()
    async with db.write_session() as session:
        [allocated] = await allocate_goods_outs(
            session, tenant_id=seeded.tenant_id, goods_out_ids=[order["id"]]
        )
    took = (time.perf_counter() - started) * 1000
    if allocated["goods_out_status_id"] != GoodsOutStatus.ALLOCATED:
        raise RuntimeError(f"order {order['id']} was not allocated: {allocated}")
    return took


async def trigger_one(db: Database, seeded: Seeded, number: int) -> float:
    product_id, face_id = seeded.faces[number % FACES]
    request = TriggerReplenishmentRequest(
        account_id=seeded.account_id, location_id=face_id, product_id=product_id
    )
    started = time.perf_counter()
    async with db.write_session() as session:
        await trigger_replenishment(
            session, tenant_id=seeded.tenant_id, user_id=seeded.user_id, request=request
        )
    return (time.perf_counter() - started) * 1000


async def replenishment_count(db: Database, tenant_id: int) -> int:
    statement = select(func.count()).where(
        tasks.c.tenant_id == tenant_id, tasks.c.task_type_code == "REPLEN"
    )
    async with db.read_session() as session:
        count: int = (await session.execute(statement)).scalar_one()
    return count


def _result(backend: str, operation: str, timings: Sequence[float], unit: str, made: int) -> Result:
    ordered = sorted(timings)
    return Result(
        backend,
        operation,
        len(ordered),
        statistics.median(ordered),
        nearest_rank(ordered, 0.99),
        len(ordered) * 1000 / sum(ordered),
        unit,
        made,
    )


async def run_case(backend: str, url: str, reserve_records: int, count: int) -> list[Result]:
    await upgrade(url)
    db = Database(Settings(database_url=url))
    try:
        seeded = await seed(db, reserve_records)
        allocations = [await allocate_one(db, seeded, number) for number in range(count)]
        made = await replenishment_count(db, seeded.tenant_id)
        allocating = _result(backend, "allocate at a pick face", allocations, "allocs/s", made)
        triggering = await _under_load(db, seeded, backend, count, made)
    finally:
        await db.dispose()
    return [allocating, triggering]


async def _under_load(
    db: Database, seeded: Seeded, backend: str, count: int, made_before: int
) -> Result:
    """`count` triggers, one after another, while one loop allocates orders and another
    completes the open REPLEN tasks (so the faces keep draining and filling)."""
    stop = asyncio.Event()

    async def allocating() -> None:
        number = 1_000_000
        while not stop.is_set():
            await allocate_one(db, seeded, number)
            number += 1

    async def completing() -> None:
        while not stop.is_set():
            if not await complete_oldest(db, seeded):
                await asyncio.sleep(0.01)

    workers = [asyncio.create_task(allocating()), asyncio.create_task(completing())]
    try:
        timings = [await trigger_one(db, seeded, number) for number in range(count)]
    finally:
        stop.set()
        await asyncio.gather(*workers)
    made = await replenishment_count(db, seeded.tenant_id) - made_before
    return _result(backend, LOAD_OPERATION, timings, "triggers/s", made)


async def complete_oldest(db: Database, seeded: Seeded) -> bool:
    """Complete the open REPLEN task with the lowest id, as `PATCH /api/tasks/{id}` does;
    whether there was one."""
    statement = (
        select(tasks)
        .where(tasks.c.tenant_id == seeded.tenant_id, OPEN_REPLENISHMENT)
        .order_by(tasks.c.id)
        .limit(1)
    )
    async with db.write_session() as session:
        task = (await session.execute(statement)).mappings().one_or_none()
        if task is None:
            return False
        await complete_replenishment(
            session,
            tenant_id=seeded.tenant_id,
            user_id=seeded.user_id,
            task=dict(task),
            completion=Completion(),
        )
    return True


def notes(backend: str, reserve_records: int, results: Sequence[Result]) -> list[str]:
    return [
        f"{backend}/replenishment: {FACES} pick faces, {reserve_records:,} reserve records;"
        f" {result.operation}: {result.count} measured, {result.replenishments} REPLEN tasks made"
        for result in results
    ]


def case(
    backend: str, reserve_records: int, *, count: int, postgres_admin_url: str
) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="clarus-replenishment-") as work_dir:
        database = (
            nullcontext(f"sqlite:///{Path(work_dir) / 'bench.db'}")
            if backend == "sqlite"
            else postgres_database(postgres_admin_url)
        )
        with database as url:
            return asyncio.run(run_case(backend, url, reserve_records, count))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.replenishment", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--stocks", type=int, default=10_000, help="reserve stock records")
    parser.add_argument("--count", type=int, default=100, help="measured allocations, triggers")
    parser.add_argument("--postgres-admin-url", default=DEFAULT_POSTGRES_ADMIN_URL)
    args = parser.parse_args(argv)
    results: list[Result] = []
    for backend in args.backends.split(","):
        try:
            found = case(
                backend, args.stocks, count=args.count, postgres_admin_url=args.postgres_admin_url
            )
        except BackendUnavailable as unavailable:
            print(f"{backend}: skipped ({unavailable})", file=sys.stderr)
            continue
        results += found
        print("\n".join(notes(backend, args.stocks, found)), file=sys.stderr)
    header = ("backend", "operation", "measured", "per s", "p50 ms", "p99 ms", "REPLEN made")
    rows = [
        (
            r.backend,
            r.operation,
            str(r.count),
            f"{r.per_second:.1f}",
            f"{r.p50_ms:.2f}",
            f"{r.p99_ms:.2f}",
            str(r.replenishments),
        )
        for r in results
    ]
    print(text_table(header, rows))


if __name__ == "__main__":
    main()
