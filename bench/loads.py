"""`python -m bench.loads`: a load of 200 storage units loaded and dispatched, in seconds per load.

For each backend, a fresh database gets one tenant with a shelf, a goods out bay and a loading
location (LOADBAY), `--units` pallets of one each on the shelf, and one order of dispatch
strategy `load` for all of them, processed and picked (not measured): one LOAD task per pallet.
A load with a trailer that takes them all and a drop for the order is made. Measured: each
pallet loaded in a request's transaction of its own (`load_storage_unit`: the `LOAD` movement in
the ledger, the task completed, the load's and drop's counts), then the load dispatched in one
more (`dispatch_load`: every unit's stock leaves from the loading location). Seconds per load is
the wall time of both; p50 and p99 are per unit loaded.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bench.allocation import insert_one
from bench.databases import DEFAULT_POSTGRES_ADMIN_URL, BackendUnavailable, postgres_database
from bench.report import BenchRow, nearest_rank, text_table
from clarus.auth.service import create_api_client
from clarus.catalog.tables import products, stock_unit_types, storage_unit_types, storage_units
from clarus.core.db import Database, utcnow
from clarus.core.migrate import upgrade
from clarus.core.records import id_of
from clarus.core.settings import Settings
from clarus.inventory.schemas import PositiveAdjustmentAttributes
from clarus.inventory.service import adjust_up
from clarus.inventory.tables import stocks
from clarus.masterdata.tables import accounts, location_types, locations, warehouses
from clarus.outbound.picking import complete_picks
from clarus.outbound.processing import process_picks
from clarus.outbound.schemas import GoodsOutAttributes
from clarus.outbound.service import GOODS_OUTS, create_goods_out
from clarus.shipping.load_dispatch import dispatch_load
from clarus.shipping.load_tasks import load_storage_unit
from clarus.shipping.schemas import LoadTaskTarget
from clarus.shipping.tables import load_drops, loads, trailer_types, trailers
from clarus.tasks.handlers import Completion
from clarus.tasks.rows import TaskRow, task_row
from clarus.tasks.statuses import OPEN, TaskType
from clarus.tasks.tables import tasks
from clarus.tenancy.service import create_tenant

UNITS = 200


@dataclass(frozen=True)
class Loaded:
    """What the measured part works on: the tenant, its user, the load and its LOAD tasks."""

    tenant_id: int
    user_id: int
    load_id: int
    task_ids: list[int]


@dataclass(frozen=True)
class Result:
    backend: str
    units: int
    seconds_per_load: float
    p50_ms: float
    p99_ms: float
    dispatch_ms: float

    def row(self) -> BenchRow:
        return BenchRow(
            self.backend,
            "loads",
            f"load {self.units} units + dispatch",
            60 / self.seconds_per_load,
            "loads/min",
            self.p50_ms,
            self.p99_ms,
        )

    def note(self) -> str:
        return (
            f"{self.backend}/loads: {self.units} storage units loaded one request each and the"
            f" load dispatched in {self.seconds_per_load:.2f} s per load (p50/p99 per unit"
            f" loaded; the dispatch alone {self.dispatch_ms:.0f} ms)"
        )


async def seed(db: Database, units: int) -> Loaded:
    async with db.write_session() as session:
        tenant = await create_tenant(session=session, subdomain="loads", company_name="Loads")
        issued = await create_api_client(
            session=session, tenant=tenant, name="bench", scopes=frozenset({"write"})
        )
        user_id, tenant_id = issued.client.user_id, tenant.id
        account_id = await insert_one(session, accounts, tenant_id=tenant_id, code="L", name="L")
        warehouse_id = await insert_one(
            session, warehouses, tenant_id=tenant_id, code="W", name="W"
        )
        place: dict[str, int] = {}
        for code in ("SHELF", "GOBAY", "LOADBAY"):
            type_id = await insert_one(
                session, location_types, tenant_id=tenant_id, code=code, name=code
            )
            place[code] = await insert_one(
                session,
                locations,
                tenant_id=tenant_id,
                code=code,
                warehouse_id=warehouse_id,
                location_type_id=type_id,
            )
        unit_id = await insert_one(
            session, stock_unit_types, tenant_id=tenant_id, code="EA", name="EA"
        )
        product_id = await insert_one(
            session,
            products,
            tenant_id=tenant_id,
            code="P",
            description="P",
            stock_unit_type_id=unit_id,
        )
        pallet_type = await insert_one(
            session,
            storage_unit_types,
            tenant_id=tenant_id,
            code="PAL",
            name="Pallet",
            unit_name="pallet",
            sequence_id=1,
        )
        now = utcnow()
        pallets = await session.execute(
            insert(storage_units).returning(storage_units.c.id, sort_by_parameter_order=True),
            [
                {
                    "tenant_id": tenant_id,
                    "storage_unit_type_id": pallet_type,
                    "reference": f"PAL-{number:05d}",
                    "created_at": now,
                    "updated_at": now,
                }
                for number in range(units)
            ],
        )
        for pallet_id in pallets.scalars().all():
            await adjust_up(
                session,
                tenant_id=tenant_id,
                user_id=user_id,
                attributes=PositiveAdjustmentAttributes(
                    product_id=product_id,
                    account_id=account_id,
                    location_id=place["SHELF"],
                    storage_unit_id=pallet_id,
                    quantity=Decimal(1),
                ),
            )
        trailer_type = await insert_one(
            session,
            trailer_types,
            tenant_id=tenant_id,
            code="ARTIC",
            name="Artic",
            storage_unit_capacity=units,
        )
        trailer_id = await insert_one(
            session,
            trailers,
            tenant_id=tenant_id,
            code="T1",
            name="T1",
            active=True,
            trailer_type_id=trailer_type,
        )
    async with db.write_session() as session:
        order = await create_goods_out(
            session,
            GOODS_OUTS,
            tenant_id=tenant_id,
            attributes=GoodsOutAttributes.model_validate(
                {
                    "account_id": account_id,
                    "warehouse_id": warehouse_id,
                    "reference": "SO-LOAD",
                    "dispatch_strategy": "load",
                    "expected_date_of_dispatch": dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
                    "lines_changes": [
                        {
                            "type": "ADD",
                            "attributes": {"product_id": product_id, "order_quantity": units},
                        }
                    ],
                }
            ),
        )
    order_id = id_of(order)
    async with db.write_session() as session:
        await process_picks(
            session, tenant_id=tenant_id, goods_out_ids=[order_id], consolidate=False
        )
    async with db.write_session() as session:
        picks = await _open_tasks(session, order_id, TaskType.PICK)
        await complete_picks(
            session,
            tenant_id=tenant_id,
            user_id=user_id,
            picks=[(task, Completion()) for task in picks],
        )
    async with db.write_session() as session:
        load_id = await insert_one(
            session,
            loads,
            tenant_id=tenant_id,
            reference="LOAD-1",
            status="pending",
            warehouse_id=warehouse_id,
            trailer_id=trailer_id,
            expected_storage_unit_quantity=units,
            number_of_storage_units_loaded=0,
        )
        await insert_one(
            session,
            load_drops,
            tenant_id=tenant_id,
            load_id=load_id,
            sequence=1,
            status="pending",
            goods_out_id=order_id,
            expected_storage_unit_quantity=units,
            number_of_storage_units_loaded=0,
        )
        task_ids = [int(task["id"]) for task in await _open_tasks(session, order_id, TaskType.LOAD)]
    if len(task_ids) != units:
        raise RuntimeError(f"{len(task_ids)} load tasks for {units} pallets")
    return Loaded(tenant_id, user_id, load_id, task_ids)


async def _open_tasks(session: AsyncSession, order_id: int, task_type: TaskType) -> list[TaskRow]:
    statement = (
        select(tasks)
        .where(
            tasks.c.goods_out_id == order_id,
            tasks.c.task_type_code == task_type,
            tasks.c.status.in_(sorted(OPEN)),
        )
        .order_by(tasks.c.id)
    )
    return [task_row(row) for row in (await session.execute(statement)).mappings()]


async def measure(db: Database, loaded: Loaded) -> tuple[list[float], float]:
    """Each unit loaded in a transaction of its own, then the load dispatched: the per-unit
    times and the dispatch's, in ms."""
    per_unit = []
    target = LoadTaskTarget(load_id=loaded.load_id)
    for task_id in loaded.task_ids:
        started = time.perf_counter()
        async with db.write_session() as session:
            await load_storage_unit(
                session,
                tenant_id=loaded.tenant_id,
                user_id=loaded.user_id,
                task_id=task_id,
                target=target,
            )
        per_unit.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    async with db.write_session() as session:
        load = await dispatch_load(
            session, tenant_id=loaded.tenant_id, user_id=loaded.user_id, load_id=loaded.load_id
        )
    dispatch_ms = (time.perf_counter() - started) * 1000
    if load["status"] != "dispatched" or load["number_of_storage_units_loaded"] != len(per_unit):
        raise RuntimeError(f"the load was not dispatched whole: {load}")
    return per_unit, dispatch_ms


async def _left_in_stock(db: Database) -> Decimal:
    async with db.read_session() as session:
        total = (await session.execute(select(func.sum(stocks.c.quantity)))).scalar_one()
    return Decimal(total or 0)


async def run_case(backend: str, url: str, units: int) -> Result:
    await upgrade(url)
    db = Database(Settings(database_url=url))
    try:
        loaded = await seed(db, units)
        started = time.perf_counter()
        per_unit, dispatch_ms = await measure(db, loaded)
        elapsed = time.perf_counter() - started
        if await _left_in_stock(db) != 0:
            raise RuntimeError("stock is left after the load's dispatch")
    finally:
        await db.dispose()
    per_unit.sort()
    return Result(
        backend,
        units,
        elapsed,
        nearest_rank(per_unit, 0.5),
        nearest_rank(per_unit, 0.99),
        dispatch_ms,
    )


def case(backend: str, units: int, *, postgres_admin_url: str) -> Result:
    with tempfile.TemporaryDirectory(prefix="clarus-loads-") as work_dir:
        database = (
            nullcontext(f"sqlite:///{Path(work_dir) / 'bench.db'}")
            if backend == "sqlite"
            else postgres_database(postgres_admin_url)
        )
        with database as url:
            return asyncio.run(run_case(backend, url, units))


def render(results: Sequence[Result]) -> str:
    header = ("backend", "units", "s/load", "p50 ms/unit", "p99 ms/unit", "dispatch ms")
    rows = [
        (
            r.backend,
            str(r.units),
            f"{r.seconds_per_load:.2f}",
            f"{r.p50_ms:.2f}",
            f"{r.p99_ms:.2f}",
            f"{r.dispatch_ms:.0f}",
        )
        for r in results
    ]
    return text_table(header, rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.loads", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--units", type=int, default=UNITS)
    parser.add_argument("--postgres-admin-url", default=DEFAULT_POSTGRES_ADMIN_URL)
    args = parser.parse_args(argv)
    results: list[Result] = []
    for backend in args.backends.split(","):
        print(f"{backend}: a load of {args.units} storage units", file=sys.stderr)
        try:
            results.append(case(backend, args.units, postgres_admin_url=args.postgres_admin_url))
        except BackendUnavailable as unavailable:
            print(f"{backend}: skipped ({unavailable})", file=sys.stderr)
    print(render(results))


if __name__ == "__main__":
    main()
