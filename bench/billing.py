"""`python -m bench.billing`: the charge engine's lines per second from a backlog of events, and
the daily storage run over many stock records.

For each backend, a fresh database gets one tenant whose account has a charge card with a PICK
price per order created and RENTAL prices per item and per storage unit held, and a monthly
charge window (so each line is placed in its period's basket), `--events`
`goods_out` `created` events waiting in the outbox and `--stock-records` stock records (those of
bench.allocation) each received the day before by one ledger transaction (not measured).
Measured: engine rounds of ROUND_EVENTS events, each in a transaction of its own, until the
outbox is charged (every event must give one line: the benchmark refuses to report otherwise);
then one storage run of the day (the ledger summed per stock record, per account: two lines).
p50 and p99 of the engine row are per round.
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

from bench.allocation import CHUNK, insert_one
from bench.allocation import seed as seed_stock
from bench.databases import DEFAULT_POSTGRES_ADMIN_URL, BackendUnavailable, postgres_database
from bench.report import BenchRow, nearest_rank, text_table
from clarus.billing.engine import charge_events, charge_storage_day
from clarus.billing.tables import (
    charge_card_accounts,
    charge_cards,
    charge_lines,
    charge_prices,
    charge_window_accounts,
    charge_windows,
    currencies,
)
from clarus.core.db import Database, utcnow
from clarus.core.migrate import upgrade
from clarus.core.settings import Settings
from clarus.core.tables import events
from clarus.inventory.tables import stocks, transactions

EVENTS = 100_000
STOCK_RECORDS = 100_000
ROUND_EVENTS = 1_000
"""Events per engine round (`clarus billing charge --batch-size`)."""


@dataclass(frozen=True)
class Result:
    backend: str
    events: int
    lines_per_second: float
    p50_round_ms: float
    p99_round_ms: float
    stock_records: int
    storage_ms: float

    def rows(self) -> list[BenchRow]:
        return [
            BenchRow(
                self.backend,
                "billing",
                f"charge {self.events:,} events",
                self.lines_per_second,
                "lines/s",
                self.p50_round_ms,
                self.p99_round_ms,
            ),
            BenchRow(
                self.backend,
                "billing",
                f"storage run, {self.stock_records:,} stock",
                self.stock_records / (self.storage_ms / 1000),
                "records/s",
                self.storage_ms,
                self.storage_ms,
            ),
        ]

    def note(self) -> str:
        return (
            f"{self.backend}/billing: {self.events:,} events charged in rounds of {ROUND_EVENTS:,}"
            f" at {self.lines_per_second:,.0f} lines/s (p50/p99 per round); the storage run"
            f" over {self.stock_records:,} stock records took {self.storage_ms:,.0f} ms"
        )


async def _priced_account(db: Database, stock_records: int) -> tuple[int, int]:
    """The stock of bench.allocation, received yesterday, and a card pricing its account."""
    seeded = await seed_stock(db, stock_records)
    tenant_id, account_id = seeded.tenant_id, seeded.account_id
    async with db.write_session() as session:
        await insert_one(
            session,
            currencies,
            tenant_id=tenant_id,
            code="GBP",
            name="Pound",
            default=True,
            minor_unit=2,
        )
        card_id = await insert_one(
            session, charge_cards, tenant_id=tenant_id, code="C", name="C", active=True
        )
        await session.execute(
            insert(charge_card_accounts).values(
                tenant_id=tenant_id, charge_card_id=card_id, account_id=account_id
            )
        )
        window_id = await insert_one(
            session, charge_windows, tenant_id=tenant_id, frequency="Month", numbers=[1]
        )
        await session.execute(
            insert(charge_window_accounts).values(
                tenant_id=tenant_id, charge_window_id=window_id, account_id=account_id
            )
        )
        for charge_type, unit, price in (
            ("PICK", "goods_out_created", "1.99"),
            ("RENTAL", "item", "0.01"),
            ("RENTAL", "storage_unit", "0.333"),
        ):
            await insert_one(
                session,
                charge_prices,
                tenant_id=tenant_id,
                charge_card_id=card_id,
                code=unit,
                name=unit,
                charge_type=charge_type,
                unit_of_measure=unit,
                quantity=Decimal(1),
                price=Decimal(price),
                auto_charge=True,
            )
    await _received_yesterday(db, tenant_id)
    return tenant_id, account_id


async def _received_yesterday(db: Database, tenant_id: int) -> None:
    yesterday = utcnow() - dt.timedelta(days=1)
    async with db.read_session() as session:
        held = (await session.execute(select(stocks).order_by(stocks.c.id))).mappings().all()
    for start in range(0, len(held), CHUNK):
        rows = [
            {
                "tenant_id": tenant_id,
                "stock_id": stock["id"],
                "subtype": "RECEIVED",
                "category": "RECEIVED",
                "quantity": stock["quantity"],
                "product_id": stock["product_id"],
                "account_id": stock["account_id"],
                "warehouse_id": stock["warehouse_id"],
                "location_to_id": stock["location_id"],
                "created_at": yesterday,
            }
            for stock in held[start : start + CHUNK]
        ]
        async with db.write_session() as session:
            await session.execute(insert(transactions), rows)


async def _backlog(db: Database, tenant_id: int, account_id: int, count: int) -> None:
    now = utcnow()
    for start in range(0, count, CHUNK):
        rows = [
            {
                "tenant_id": tenant_id,
                "resource_name": "goods_out",
                "event": "created",
                "record_id": number,
                "sequence": 1,
                "payload": {"id": number, "account_id": account_id},
                "occurred_at": now,
            }
            for number in range(start + 1, min(start + CHUNK, count) + 1)
        ]
        async with db.write_session() as session:
            await session.execute(insert(events), rows)


async def _charged(db: Database) -> int:
    """The lines written, each of which must be in its period's basket."""
    async with db.read_session() as session:
        statement = select(func.count(), func.count(charge_lines.c.charge_basket_id))
        lines, basketed = (await session.execute(statement)).one()
    if basketed != lines:
        raise RuntimeError(f"{lines - basketed} of {lines} lines are in no basket")
    return int(lines)


async def charge_backlog(db: Database) -> list[float]:
    """Engine rounds until the outbox is charged; each round's time in ms."""
    rounds: list[float] = []
    while True:
        started = time.perf_counter()
        async with db.write_session() as session:
            done = await charge_events(session, limit=ROUND_EVENTS)
        if done.events == 0:
            return rounds
        rounds.append((time.perf_counter() - started) * 1000)


async def run_case(backend: str, url: str, event_count: int, stock_records: int) -> Result:
    await upgrade(url)
    db = Database(Settings(database_url=url))
    try:
        tenant_id, account_id = await _priced_account(db, stock_records)
        await _backlog(db, tenant_id, account_id, event_count)
        started = time.perf_counter()
        rounds = await charge_backlog(db)
        elapsed = time.perf_counter() - started
        if (lines := await _charged(db)) != event_count:
            raise RuntimeError(f"{lines} lines for {event_count} events")
        started = time.perf_counter()
        async with db.write_session() as session:
            stored = await charge_storage_day(session, day=utcnow().date() - dt.timedelta(days=1))
        storage_ms = (time.perf_counter() - started) * 1000
        if stored != 2:
            raise RuntimeError(f"the storage run wrote {stored} lines, not 2")
    finally:
        await db.dispose()
    rounds.sort()
    return Result(
        backend,
        event_count,
        event_count / elapsed,
        nearest_rank(rounds, 0.5),
        nearest_rank(rounds, 0.99),
        stock_records,
        storage_ms,
    )


def case(backend: str, event_count: int, stock_records: int, *, postgres_admin_url: str) -> Result:
    with tempfile.TemporaryDirectory(prefix="clarus-billing-") as work_dir:
        database = (
            nullcontext(f"sqlite:///{Path(work_dir) / 'bench.db'}")
            if backend == "sqlite"
            else postgres_database(postgres_admin_url)
        )
        with database as url:
            return asyncio.run(run_case(backend, url, event_count, stock_records))


def render(results: Sequence[Result]) -> str:
    header = ("backend", "events", "lines/s", "p50 ms/round", "p99 ms/round", "stock", "storage ms")
    rows = [
        (
            r.backend,
            str(r.events),
            f"{r.lines_per_second:.0f}",
            f"{r.p50_round_ms:.1f}",
            f"{r.p99_round_ms:.1f}",
            str(r.stock_records),
            f"{r.storage_ms:.0f}",
        )
        for r in results
    ]
    return text_table(header, rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.billing", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--stock-records", type=int, default=STOCK_RECORDS)
    parser.add_argument("--postgres-admin-url", default=DEFAULT_POSTGRES_ADMIN_URL)
    args = parser.parse_args(argv)
    results: list[Result] = []
    for backend in args.backends.split(","):
        print(f"{backend}: {args.events:,} events, {args.stock_records:,} stock", file=sys.stderr)
        try:
            results.append(
                case(
                    backend,
                    args.events,
                    args.stock_records,
                    postgres_admin_url=args.postgres_admin_url,
                )
            )
        except BackendUnavailable as unavailable:
            print(f"{backend}: skipped ({unavailable})", file=sys.stderr)
    print(render(results))


if __name__ == "__main__":
    main()
