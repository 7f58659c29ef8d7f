"""`python -m bench.shipments`: shipments submitted per second with the custom carrier.

For each backend, a fresh database gets one tenant with a custom carrier (a custom carrier type,
its carrier and service) and `--shipments` dispatched orders, each with a shipment of two
weighed packages, made and submitted through the services the API runs (each request in its
own transaction). Then one `ShippingWorker` works the submissions: for each it takes two
tracking numbers from the carrier's sequence, draws the two-page label PDF (in a thread) and
stores it, in one transaction. Shipments/s is the count over the worker's wall time; p50 and
p99 are per shipment (one round's time over the shipments it worked).
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
from pathlib import Path

from sqlalchemy import func, select, update

from bench.allocation import insert_one
from bench.databases import DEFAULT_POSTGRES_ADMIN_URL, BackendUnavailable, postgres_database
from bench.report import BenchRow, nearest_rank, text_table
from clarus.catalog.tables import products, stock_unit_types, storage_unit_types
from clarus.core.db import Database
from clarus.core.migrate import upgrade
from clarus.core.settings import Settings
from clarus.masterdata.tables import accounts, carrier_services, carriers, warehouses
from clarus.outbound.schemas import GoodsOutAttributes
from clarus.outbound.service import GOODS_OUTS, create_goods_out
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.tables import goods_outs
from clarus.shipping.schemas import ShipmentAttributes
from clarus.shipping.shipments import SHIPMENTS, create_shipment
from clarus.shipping.statuses import ShipmentStatus
from clarus.shipping.submissions import request_submit
from clarus.shipping.tables import custom_carrier_types, shipments
from clarus.shipping.worker import ShippingWorker
from clarus.tenancy.service import create_tenant

BATCH = 20


@dataclass(frozen=True)
class Result:
    backend: str
    shipments: int
    per_second: float
    p50_ms: float
    p99_ms: float

    def row(self) -> BenchRow:
        return BenchRow(
            self.backend,
            "shipments",
            "submit, custom carrier + label",
            self.per_second,
            "shipments/s",
            self.p50_ms,
            self.p99_ms,
        )

    def note(self) -> str:
        return (
            f"{self.backend}/shipments: {self.shipments} shipments of two packages submitted"
            " and worked by one shipping worker (tracking numbers from the carrier's sequence,"
            " a two-page label PDF each)"
        )


async def seed(db: Database, count: int) -> tuple[int, list[int]]:
    """The tenant and its submitted shipments' ids."""
    async with db.write_session() as session:
        tenant = await create_tenant(session=session, subdomain="bench", company_name="Bench")
        tenant_id = tenant.id
        account_id = await insert_one(session, accounts, tenant_id=tenant_id, code="B", name="B")
        warehouse_id = await insert_one(
            session, warehouses, tenant_id=tenant_id, code="W", name="W"
        )
        unit_id = await insert_one(
            session, stock_unit_types, tenant_id=tenant_id, code="EA", name="Each"
        )
        product_id = await insert_one(
            session,
            products,
            tenant_id=tenant_id,
            code="P",
            description="P",
            stock_unit_type_id=unit_id,
        )
        box_id = await insert_one(
            session,
            storage_unit_types,
            tenant_id=tenant_id,
            code="BOX",
            name="Box",
            unit_name="box",
            sequence_id=1,
        )
        type_id = await insert_one(
            session, custom_carrier_types, tenant_id=tenant_id, code="OWN", name="Own"
        )
        carrier_id = await insert_one(
            session,
            carriers,
            tenant_id=tenant_id,
            code="OWN",
            name="Own fleet",
            custom_carrier_type_id=type_id,
        )
        service_id = await insert_one(
            session,
            carrier_services,
            tenant_id=tenant_id,
            carrier_id=carrier_id,
            code="NEXT",
            name="Next day",
            is_default=True,
            active=True,
        )
    shipment_ids = []
    for number in range(count):
        async with db.write_session() as session:
            order = await create_goods_out(
                session,
                GOODS_OUTS,
                tenant_id=tenant_id,
                attributes=GoodsOutAttributes.model_validate(
                    {
                        "account_id": account_id,
                        "warehouse_id": warehouse_id,
                        "reference": f"SO-{number}",
                        "expected_date_of_dispatch": dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
                        "lines_changes": [
                            {
                                "type": "ADD",
                                "attributes": {"product_id": product_id, "order_quantity": 1},
                            }
                        ],
                    }
                ),
            )
            await session.execute(
                update(goods_outs)
                .where(goods_outs.c.id == order["id"])
                .values(goods_out_status_id=GoodsOutStatus.COMPLETED.value)
            )
        box = {"storage_unit_type_id": box_id, "length": 30, "width": 20, "height": 15}
        async with db.write_session() as session:
            shipment = await create_shipment(
                session,
                SHIPMENTS,
                tenant_id=tenant_id,
                attributes=ShipmentAttributes.model_validate(
                    {
                        "goods_out_id": order["id"],
                        "carrier_service_id": service_id,
                        "packages": [box | {"weight": 2.5}, box | {"weight": 1.25}],
                    }
                ),
            )
        async with db.write_session() as session:
            await request_submit(session, tenant_id=tenant_id, shipment_id=shipment["id"])
        shipment_ids.append(int(shipment["id"]))
    return tenant_id, shipment_ids


async def run_case(backend: str, url: str, count: int) -> Result:
    await upgrade(url)
    db = Database(Settings(database_url=url))
    worker = ShippingWorker(db=db, batch_size=BATCH)
    try:
        _, shipment_ids = await seed(db, count)
        per_shipment: list[float] = []
        started = time.perf_counter()
        while True:
            round_started = time.perf_counter()
            outcomes = await worker.run_once()
            worked = sum(outcomes.values())
            if not worked:
                break
            if set(outcomes) != {"submitted"}:
                raise RuntimeError(f"not every shipment was submitted: {outcomes}")
            per_shipment += [(time.perf_counter() - round_started) * 1000 / worked] * worked
        elapsed = time.perf_counter() - started
        async with db.read_session() as session:
            submitted = (
                await session.execute(
                    select(func.count()).where(shipments.c.status == ShipmentStatus.SUBMITTED.value)
                )
            ).scalar_one()
        if submitted != len(shipment_ids):
            raise RuntimeError(f"{submitted} of {len(shipment_ids)} shipments submitted")
    finally:
        await worker.aclose()
        await db.dispose()
    per_shipment.sort()
    return Result(
        backend,
        len(shipment_ids),
        len(shipment_ids) / elapsed,
        nearest_rank(per_shipment, 0.5),
        nearest_rank(per_shipment, 0.99),
    )


def case(backend: str, count: int, *, postgres_admin_url: str) -> Result:
    with tempfile.TemporaryDirectory(prefix="clarus-shipments-") as work_dir:
        database = (
            nullcontext(f"sqlite:///{Path(work_dir) / 'bench.db'}")
            if backend == "sqlite"
            else postgres_database(postgres_admin_url)
        )
        with database as url:
            return asyncio.run(run_case(backend, url, count))


def render(results: Sequence[Result]) -> str:
    header = ("backend", "shipments", "shipments/s", "p50 ms", "p99 ms")
    rows = [
        (r.backend, str(r.shipments), f"{r.per_second:.1f}", f"{r.p50_ms:.2f}", f"{r.p99_ms:.2f}")
        for r in results
    ]
    return text_table(header, rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.shipments", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--shipments", type=int, default=200)
    parser.add_argument("--postgres-admin-url", default=DEFAULT_POSTGRES_ADMIN_URL)
    args = parser.parse_args(argv)
    results: list[Result] = []
    for backend in args.backends.split(","):
        print(f"{backend}: {args.shipments} shipments", file=sys.stderr)
        try:
            results.append(
                case(backend, args.shipments, postgres_admin_url=args.postgres_admin_url)
            )
        except BackendUnavailable as unavailable:
            print(f"{backend}: skipped ({unavailable})", file=sys.stderr)
    print(render(results))


if __name__ == "__main__":
    main()
