"""Processing picks: allocated orders onto pick lists, one PICK task per stock record allocated
to them (`process_picks_async`, `process_and_consolidate_picks`)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import RowMapping, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.documents import lines_by_parent
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import required
from clarus.core.references import Reference, ensure_references_exist
from clarus.inventory.tables import stocks
from clarus.masterdata.tables import locations
from clarus.outbound.allocation import allocate_lines
from clarus.outbound.pick_list_progress import emit_pick_list
from clarus.outbound.processes import locked_orders, with_status
from clarus.outbound.rows import GoodsOutRow, goods_out_line_row
from clarus.outbound.service import GOODS_OUT_LINES
from clarus.outbound.statuses import GoodsOutStatus, PickListStatus, PickProcessingStatus
from clarus.outbound.tables import allocations, goods_out_pick_lists, pick_processing_requests
from clarus.stockcontrol.pick_order import Pick, walk_order
from clarus.tasks.service import insert_tasks
from clarus.tasks.statuses import TaskType

GOODS_OUT_BAY_PATH = "/goods_out_pick_list_attributes/goods_out_bay_id"
PROCESSABLE = frozenset(
    {GoodsOutStatus.PENDING, GoodsOutStatus.PART_ALLOCATED, GoodsOutStatus.ALLOCATED}
)


@dataclass(frozen=True, slots=True)
class PickListOptions:
    """What `process_and_consolidate_picks` may say of the list it makes."""

    reference: str | None = None
    expected_date_of_dispatch: dt.datetime | None = None
    goods_out_bay_id: int | None = None


async def process_picks(
    session: AsyncSession,
    *,
    tenant_id: int,
    goods_out_ids: Sequence[int],
    consolidate: bool,
    options: PickListOptions | None = None,
) -> list[str]:
    """Put the orders on pick lists (one each, or one for all when consolidating; crossdocks
    always alone), allocating the ones not yet allocated; every order must be allocated in
    full (39), not already processed (59), and of one pick type when consolidated (318). All
    or nothing. Returns one process reference per order, to follow in
    `pick_processing_requests`."""
    options = options or PickListOptions()
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[Reference(locations, options.goods_out_bay_id, GOODS_OUT_BAY_PATH)],
    )
    orders = await locked_orders(session, tenant_id=tenant_id, goods_out_ids=goods_out_ids)
    _ensure_processable(orders, consolidate=consolidate)
    await _allocate_in_full(session, tenant_id=tenant_id, orders=orders)
    references = []
    for group in _groups(orders, consolidate=consolidate):
        references += await _pick_list_for(
            session, tenant_id=tenant_id, orders=group, options=options
        )
    return references


def _ensure_processable(orders: Sequence[GoodsOutRow], *, consolidate: bool) -> None:
    problems = []
    for order in orders:
        status = GoodsOutStatus(order["goods_out_status_id"])
        if status in PROCESSABLE:
            continue
        kind = (
            ErrorKind.GOODS_OUT_ALREADY_ALLOCATED
            if status in {GoodsOutStatus.PICK, GoodsOutStatus.PART}
            else ErrorKind.STATUS_FORBIDS_CHANGE
        )
        problems.append(
            Problem(
                kind,
                f"goods out {order['id']} is {status.code}; it cannot be processed.",
                "/ids",
                {"id": order["id"], "status": status.code},
            )
        )
    if consolidate and len({order["pick_type"] for order in orders}) > 1:
        problems.append(
            Problem(
                ErrorKind.GOODS_OUTS_WITH_DIFFERENT_PICK_TYPES_CANNOT_BE_CONSOLIDATED,
                None,
                "/ids",
                {"pick_types": sorted({order["pick_type"] for order in orders})},
            )
        )
    if problems:
        raise ClarusError(*problems)


async def _allocate_in_full(
    session: AsyncSession, *, tenant_id: int, orders: Sequence[GoodsOutRow]
) -> None:
    waiting = [o for o in orders if o["goods_out_status_id"] != GoodsOutStatus.ALLOCATED]
    if not waiting:
        return
    lines = await lines_by_parent(
        session,
        GOODS_OUT_LINES,
        tenant_id=tenant_id,
        parent_ids=[o["id"] for o in waiting],
        shape=goods_out_line_row,
    )
    short = []
    for order in waiting:
        status = await allocate_lines(
            session, tenant_id=tenant_id, order=order, lines=lines.get(order["id"], [])
        )
        if status is not GoodsOutStatus.ALLOCATED:
            short.append(order["id"])
    if short:
        raise ClarusError.of(
            ErrorKind.NOT_ENOUGH_STOCKS_FOR_PICKING,
            f"goods outs {short} cannot be allocated in full.",
            path="/ids",
            ids=short,
        )


def _groups(orders: Sequence[GoodsOutRow], *, consolidate: bool) -> list[list[GoodsOutRow]]:
    if not consolidate:
        return [[order] for order in orders]
    crossdocks = [[o] for o in orders if o["goods_out_type"] == "crossdock"]
    others = [o for o in orders if o["goods_out_type"] != "crossdock"]
    return ([others] if others else []) + crossdocks


async def _pick_list_for(
    session: AsyncSession, *, tenant_id: int, orders: list[GoodsOutRow], options: PickListOptions
) -> list[str]:
    now = utcnow()
    accounts = {order["account_id"] for order in orders}
    pick_list = dict(
        (
            await session.execute(
                insert(goods_out_pick_lists)
                .values(
                    tenant_id=tenant_id,
                    reference=options.reference,
                    warehouse_id=orders[0]["warehouse_id"],
                    account_id=accounts.pop() if len(accounts) == 1 else None,
                    pick_type=orders[0]["pick_type"],
                    status=PickListStatus.PENDING,
                    pick_reference=orders[0]["pick_reference"],
                    load_reference=orders[0]["load_reference"],
                    expected_date_of_dispatch=options.expected_date_of_dispatch,
                    goods_out_bay_id=options.goods_out_bay_id,
                    created_at=now,
                    updated_at=now,
                )
                .returning(*goods_out_pick_lists.c)
            )
        )
        .mappings()
        .one()
    )
    picks = await _pick_tasks(session, tenant_id=tenant_id, orders=orders)
    references = []
    for order in orders:
        reference = secrets.token_hex(8)
        references.append(reference)
        await session.execute(
            insert(pick_processing_requests).values(
                tenant_id=tenant_id,
                process_reference=reference,
                goods_out_id=order["id"],
                status=PickProcessingStatus.COMPLETED,
                message=f"pick list {pick_list['id']}: {picks[order['id']]} pick tasks",
                created_at=now,
                updated_at=now,
            )
        )
        await with_status(
            session,
            order,
            GoodsOutStatus.PICK,
            tenant_id=tenant_id,
            changes={"goods_out_pick_list_id": pick_list["id"]},
            event="processed",
        )
    await emit_pick_list(session, tenant_id, pick_list, "created")
    return references


async def _pick_tasks(
    session: AsyncSession, *, tenant_id: int, orders: Sequence[GoodsOutRow]
) -> dict[int, int]:
    """One PICK task per allocation (a line's share of one stock record), made (and so
    numbered) in walk order; how many per order."""
    by_id = {order["id"]: order for order in orders}
    statement = (
        select(allocations, stocks.c.location_id, stocks.c.product_id, stocks.c.storage_unit_id)
        .join(stocks, stocks.c.id == allocations.c.stock_id)
        .where(allocations.c.goods_out_id.in_(by_id))
        .order_by(allocations.c.goods_out_id, allocations.c.id)
    )
    rows = (await session.execute(statement)).mappings().all()
    rows = await _in_walk_order(session, tenant_id, rows, by_id)
    await insert_tasks(
        session,
        tenant_id=tenant_id,
        rows=[
            {
                "task_type_code": TaskType.PICK,
                "subtype": by_id[row["goods_out_id"]]["pick_type"],
                "account_id": by_id[row["goods_out_id"]]["account_id"],
                "warehouse_id": required(
                    by_id[row["goods_out_id"]]["warehouse_id"], "warehouse_id"
                ),
                "product_id": row["product_id"],
                "location_from_id": row["location_id"],
                "storage_unit_from_id": row["storage_unit_id"],
                "stock_id": row["stock_id"],
                "start_quantity": row["quantity"],
                "goods_out_id": row["goods_out_id"],
                "goods_out_line_id": row["goods_out_line_id"],
                "priority": by_id[row["goods_out_id"]]["priority"],
            }
            for row in rows
        ],
    )
    counts = dict.fromkeys(by_id, 0)
    for row in rows:
        counts[row["goods_out_id"]] += 1
    return counts


async def _in_walk_order(
    session: AsyncSession,
    tenant_id: int,
    rows: Sequence[RowMapping],
    orders: Mapping[int, GoodsOutRow],
) -> list[RowMapping]:
    """The allocations in the order the warehouse routes walk their products
    (`stockcontrol.pick_order`); as they came where no route applies."""
    picks = [
        Pick(
            product_id=row["product_id"],
            warehouse_id=required(orders[row["goods_out_id"]]["warehouse_id"], "warehouse_id"),
            account_id=orders[row["goods_out_id"]]["account_id"],
            customer_id=orders[row["goods_out_id"]]["customer_id"],
        )
        for row in rows
    ]
    return [rows[index] for index in await walk_order(session, tenant_id=tenant_id, picks=picks)]
