"""Reads of goods in receipts that more than one transport needs."""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products
from clarus.core.listing import (
    ListFilter,
    ListRow,
    ListSelect,
    PageQuery,
    equal_to,
    matching_text,
    within,
)
from clarus.inbound.statuses import ReceiptStatus
from clarus.inbound.tables import goods_in_receipt_lines, goods_in_receipts
from clarus.masterdata.tables import accounts, locations, suppliers, warehouses
from clarus.tasks.queries import open_tasks_to_work
from clarus.tasks.statuses import OPEN, TaskType
from clarus.tasks.tables import tasks

AWAITED = (ReceiptStatus.PENDING, ReceiptStatus.RECEIVING, ReceiptStatus.RECEIVED)
"""Receipts whose goods are expected, or have arrived and are being received: not drafts, not
completed or cancelled."""


@dataclass(frozen=True, slots=True)
class ReceiptDue:
    id: int
    reference: str | None
    status: ReceiptStatus
    expected_date_of_arrival: dt.datetime


@dataclass(frozen=True, slots=True)
class ReceiptsDue:
    receipts: list[ReceiptDue]
    """The first `limit`, by expected arrival."""
    total: int


async def receipts_due(
    session: AsyncSession, *, tenant_id: int, day_start: dt.datetime, limit: int
) -> ReceiptsDue:
    """The awaited receipts expected to arrive in the day from `day_start`: the first `limit`
    and how many in all, in one statement (a window count)."""
    expected = goods_in_receipts.c.expected_date_of_arrival
    statement = (
        select(
            goods_in_receipts.c.id,
            goods_in_receipts.c.reference,
            goods_in_receipts.c.status,
            expected,
            func.count().over().label("total"),
        )
        .where(
            goods_in_receipts.c.tenant_id == tenant_id,
            goods_in_receipts.c.status.in_([status.value for status in AWAITED]),
            expected >= day_start,
            expected < day_start + dt.timedelta(days=1),
        )
        .order_by(expected, goods_in_receipts.c.id)
        .limit(limit)
    )
    rows = (await session.execute(statement)).all()
    return ReceiptsDue(
        [ReceiptDue(row.id, row.reference, ReceiptStatus(row.status), row[3]) for row in rows],
        rows[0].total if rows else 0,
    )


@dataclass(frozen=True, slots=True)
class ReceiptListRow:
    id: int
    reference: str | None
    status: ReceiptStatus
    account_code: str | None
    warehouse_code: str | None
    supplier_name: str | None
    expected_date_of_arrival: dt.datetime | None
    created_at: dt.datetime


def _receipt_list_row(row: ListRow) -> ReceiptListRow:
    values = row._mapping
    return ReceiptListRow(
        id=values["id"],
        reference=values["reference"],
        status=ReceiptStatus(values["status"]),
        account_code=values["account_code"],
        warehouse_code=values["warehouse_code"],
        supplier_name=values["supplier_name"],
        expected_date_of_arrival=values["expected_date_of_arrival"],
        created_at=values["created_at"],
    )


def receipt_list(*, tenant_id: int, filters: ListFilter) -> ListSelect:
    """The tenant's receipts that pass `filters`: dates on the expected arrival, the search on
    the reference and the first external reference; with account, warehouse and supplier."""
    receipts = goods_in_receipts
    source = (
        receipts.outerjoin(accounts, accounts.c.id == receipts.c.account_id)
        .outerjoin(warehouses, warehouses.c.id == receipts.c.warehouse_id)
        .outerjoin(suppliers, suppliers.c.id == receipts.c.supplier_id)
    )
    return (
        select(
            receipts.c.id,
            receipts.c.reference,
            receipts.c.status,
            accounts.c.code.label("account_code"),
            warehouses.c.code.label("warehouse_code"),
            suppliers.c.name.label("supplier_name"),
            receipts.c.expected_date_of_arrival,
            receipts.c.created_at,
        )
        .select_from(source)
        .where(
            receipts.c.tenant_id == tenant_id,
            *equal_to(receipts.c.status, filters.status),
            *equal_to(receipts.c.account_id, filters.account_id),
            *equal_to(receipts.c.warehouse_id, filters.warehouse_id),
            *within(receipts.c.expected_date_of_arrival, filters.since, filters.until),
            *matching_text(
                filters.search, receipts.c.reference, receipts.c.external_system_reference1
            ),
        )
    )


receipt_page: PageQuery[ReceiptListRow] = PageQuery(
    receipt_list, (goods_in_receipts.c.id,), _receipt_list_row
)
"""A page of `receipt_list`, newest receipt first: one statement."""


@dataclass(frozen=True, slots=True)
class ReceiptLineView:
    id: int
    product_code: str | None
    expected_quantity: decimal.Decimal
    received_quantity: decimal.Decimal


@dataclass(frozen=True, slots=True)
class ReceiptView:
    """A receipt as its record page shows it."""

    header: ReceiptListRow
    notes: str | None
    lines: list[ReceiptLineView]
    account_id: int
    warehouse_id: int


async def receipt_view(
    session: AsyncSession, *, tenant_id: int, receipt_id: int
) -> ReceiptView | None:
    """The tenant's receipt `receipt_id` with its lines, or None when it has no such receipt:
    two statements, whatever its size."""
    header_statement = receipt_list(tenant_id=tenant_id, filters=ListFilter()).where(
        goods_in_receipts.c.id == receipt_id
    )
    header_statement = header_statement.add_columns(
        goods_in_receipts.c.notes,
        goods_in_receipts.c.account_id.label("receipt_account_id"),
        goods_in_receipts.c.warehouse_id.label("receipt_warehouse_id"),
    )
    found = (await session.execute(header_statement)).first()
    if found is None:
        return None
    lines = goods_in_receipt_lines
    lines_statement = (
        select(lines.c.id, products.c.code, lines.c.expected_quantity, lines.c.received_quantity)
        .select_from(lines.outerjoin(products, products.c.id == lines.c.product_id))
        .where(lines.c.tenant_id == tenant_id, lines.c.goods_in_receipt_id == receipt_id)
        .order_by(lines.c.id)
    )
    return ReceiptView(
        _receipt_list_row(found),
        found._mapping["notes"],
        [
            ReceiptLineView(
                line_id,
                code,
                decimal.Decimal(str(expected or 0)),
                decimal.Decimal(str(received or 0)),
            )
            for line_id, code, expected, received in await session.execute(lines_statement)
        ],
        found._mapping["receipt_account_id"],
        found._mapping["receipt_warehouse_id"],
    )


async def receipt_ids_with_reference(
    session: AsyncSession, *, tenant_id: int, reference: str, limit: int = 2
) -> list[int]:
    """The awaited receipts whose reference is `reference` (it is unique per account, so
    several accounts may share one): at most `limit` ids, to tell one from several."""
    statement = (
        select(goods_in_receipts.c.id)
        .where(
            goods_in_receipts.c.tenant_id == tenant_id,
            goods_in_receipts.c.reference == reference,
            goods_in_receipts.c.status.in_([status.value for status in AWAITED]),
        )
        .order_by(goods_in_receipts.c.id)
        .limit(limit)
    )
    return list((await session.execute(statement)).scalars())


@dataclass(frozen=True, slots=True)
class ReceiptToReceive:
    id: int
    reference: str | None
    status: ReceiptStatus
    account_id: int


async def receipt_to_receive(
    session: AsyncSession, *, tenant_id: int, receipt_id: int
) -> ReceiptToReceive | None:
    """The tenant's receipt `receipt_id`, None when it has none of that id."""
    row = (
        await session.execute(
            select(
                goods_in_receipts.c.id,
                goods_in_receipts.c.reference,
                goods_in_receipts.c.status,
                goods_in_receipts.c.account_id,
            ).where(
                goods_in_receipts.c.tenant_id == tenant_id, goods_in_receipts.c.id == receipt_id
            )
        )
    ).one_or_none()
    if row is None:
        return None
    return ReceiptToReceive(row.id, row.reference, ReceiptStatus(row.status), row.account_id)


@dataclass(frozen=True, slots=True)
class StockDetails:
    """The batch and dates of stock received: a receipt line's `string1`, `datetime1` (sell by)
    and `datetime2` (best before), which the stock it receives carries."""

    batch: str | None = None
    sell_by: dt.date | None = None
    best_before: dt.date | None = None

    @property
    def is_tracked(self) -> bool:
        return any(value is not None for value in (self.batch, self.sell_by, self.best_before))

    def is_met_by(self, given: StockDetails) -> bool:
        """Whether what was given is what this line expects, of each detail it expects."""
        return all(
            expected is None or expected == found
            for expected, found in (
                (self.batch, given.batch),
                (self.sell_by, given.sell_by),
                (self.best_before, given.best_before),
            )
        )


@dataclass(frozen=True, slots=True)
class OpenReceive:
    task_id: int
    expects: StockDetails


async def open_receives(
    session: AsyncSession, *, tenant_id: int, receipt_id: int, product_id: int
) -> list[OpenReceive]:
    """The receipt's open receive tasks of the product, oldest first, with the batch and dates
    their lines expect."""
    lines = goods_in_receipt_lines
    statement = (
        select(tasks.c.id, lines.c.string1, lines.c.datetime1, lines.c.datetime2)
        .join(lines, lines.c.id == tasks.c.goods_in_receipt_line_id)
        .where(
            tasks.c.tenant_id == tenant_id,
            tasks.c.goods_in_receipt_id == receipt_id,
            tasks.c.task_type_code == TaskType.RECEIVE,
            tasks.c.status.in_([status.value for status in OPEN]),
            tasks.c.product_id == product_id,
        )
        .order_by(tasks.c.id)
    )
    return [
        OpenReceive(
            row.id,
            StockDetails(
                batch=row.string1,
                sell_by=None if row.datetime1 is None else row.datetime1.date(),
                best_before=None if row.datetime2 is None else row.datetime2.date(),
            ),
        )
        for row in await session.execute(statement)
    ]


@dataclass(frozen=True, slots=True)
class PutawayToDo:
    """An open put-away task as the handheld shows it."""

    task_id: int
    warehouse_id: int
    product_id: int
    product_code: str
    quantity: decimal.Decimal
    from_location_code: str | None
    offered_location_id: int | None
    offered_location_code: str | None


async def next_putaway(
    session: AsyncSession, *, tenant_id: int, task_id: int | None = None
) -> PutawayToDo | None:
    """The oldest open put-away task of the tenant (or the task `task_id`, when it is an open
    put-away of the tenant), with its product's and locations' codes, in one statement."""
    from_location, to_location = locations.alias("from_location"), locations.alias("to_location")
    statement = (
        select(
            tasks.c.id,
            tasks.c.warehouse_id,
            tasks.c.product_id,
            products.c.code.label("product_code"),
            tasks.c.start_quantity,
            from_location.c.code.label("from_code"),
            tasks.c.location_to_id,
            to_location.c.code.label("to_code"),
        )
        .join(products, products.c.id == tasks.c.product_id)
        .outerjoin(from_location, from_location.c.id == tasks.c.location_from_id)
        .outerjoin(to_location, to_location.c.id == tasks.c.location_to_id)
        .where(open_tasks_to_work(tenant_id=tenant_id, task_type=TaskType.PUTAWAY, task_id=task_id))
        .order_by(tasks.c.id)
        .limit(1)
    )
    row = (await session.execute(statement)).one_or_none()
    if row is None:
        return None
    return PutawayToDo(
        row.id,
        row.warehouse_id,
        row.product_id,
        row.product_code,
        row.start_quantity,
        row.from_code,
        row.location_to_id,
        row.to_code,
    )


async def receipt_ids_of_reference(
    session: AsyncSession, *, tenant_id: int, reference: str, limit: int
) -> list[int]:
    """The tenant's receipts whose reference is `reference`, whatever their status, oldest
    first: at most `limit` ids."""
    statement = (
        select(goods_in_receipts.c.id)
        .where(
            goods_in_receipts.c.tenant_id == tenant_id,
            goods_in_receipts.c.reference == reference,
        )
        .order_by(goods_in_receipts.c.id)
        .limit(limit)
    )
    return list((await session.execute(statement)).scalars())
