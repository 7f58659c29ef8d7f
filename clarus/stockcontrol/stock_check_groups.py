"""Stock groups: what a stock check counts. A group is a product with its batch, sell-by and
best-before dates (the dates by their UTC day), in the check's location, whatever account,
storage unit or status the stock has; the system count of a group is the sum of its records."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.inventory.ledger import StockIdentity, StockRecord
from clarus.inventory.statuses import StockStatus
from clarus.inventory.tables import stocks


@dataclass(frozen=True, slots=True)
class GroupKey:
    product_id: int
    batch: str | None
    sell_by_date: dt.date | None
    best_before_date: dt.date | None

    @classmethod
    def of_stock(cls, stock: StockRecord) -> GroupKey:
        return cls(stock.product_id, stock.string1, _day(stock.datetime1), _day(stock.datetime2))

    @classmethod
    def of_record(cls, record: Mapping[str, object]) -> GroupKey:
        """The group a stock check record (or an attempt's attributes) names."""
        return cls(
            _id(record["product_id"]),
            _text(record["batch"]),
            _date(record["sell_by_date"]),
            _date(record["best_before_date"]),
        )

    def record_values(self) -> dict[str, object]:
        return {
            "product_id": self.product_id,
            "batch": self.batch,
            "sell_by_date": self.sell_by_date,
            "best_before_date": self.best_before_date,
        }

    def stock_identity(
        self, *, account_id: int, warehouse_id: int, location_id: int
    ) -> StockIdentity:
        """A new available stock record of this group found by a count, in the account,
        warehouse and location given: its batch, and its dates at midnight UTC."""
        return StockIdentity(
            product_id=self.product_id,
            account_id=account_id,
            warehouse_id=warehouse_id,
            location_id=location_id,
            storage_unit_id=None,
            status=StockStatus.AVAILABLE,
            string1=self.batch,
            datetime1=_midnight(self.sell_by_date),
            datetime2=_midnight(self.best_before_date),
        )


def _id(value: object) -> int:
    assert isinstance(value, int)
    return value


def _text(value: object) -> str | None:
    assert value is None or isinstance(value, str)
    return value


def _date(value: object) -> dt.date | None:
    assert value is None or isinstance(value, dt.date)
    return value


def _day(value: dt.datetime | None) -> dt.date | None:
    return None if value is None else value.astimezone(dt.UTC).date()


def _midnight(day: dt.date | None) -> dt.datetime | None:
    return None if day is None else dt.datetime.combine(day, dt.time(), dt.UTC)


async def location_stock(
    session: AsyncSession,
    *,
    tenant_id: int,
    location_id: int,
    product_ids: Collection[int] | None = None,
    lock: bool = False,
) -> list[StockRecord]:
    """The location's stock records (of these products), in id order; `lock`: held until the
    transaction ends, taken in id order as every change of many stock records takes them."""
    statement = (
        select(stocks)
        .where(stocks.c.tenant_id == tenant_id, stocks.c.location_id == location_id)
        .order_by(stocks.c.id)
    )
    if product_ids is not None:
        statement = statement.where(stocks.c.product_id.in_(sorted(product_ids)))
    if lock:
        statement = statement.with_for_update()
    return [StockRecord.of(row) for row in (await session.execute(statement)).mappings()]


def system_counts(stock: Iterable[StockRecord]) -> dict[GroupKey, decimal.Decimal]:
    """Each group the records hold stock of, with how much; groups at zero are left out."""
    counts: dict[GroupKey, decimal.Decimal] = {}
    for record in stock:
        key = GroupKey.of_stock(record)
        counts[key] = counts.get(key, decimal.Decimal(0)) + record.quantity
    return {key: total for key, total in counts.items() if total > 0}
