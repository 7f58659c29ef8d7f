"""Receiving a goods in receipt: `receive` makes one RCV task per line, `revert` takes them back
while none is done, and a receipt whose every task is done is `completed`. Services never
commit; the receipt row is locked before its tasks, always in that order."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import ColumnElement, and_, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.crud import emit_change
from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, fetch_record
from clarus.inbound.rows import (
    GoodsInReceiptLineRow,
    GoodsInReceiptRow,
    goods_in_receipt_line_row,
    goods_in_receipt_row,
)
from clarus.inbound.service import RECEIPTS, shown_receipt
from clarus.inbound.statuses import CANCELLABLE, ReceiptStatus
from clarus.inbound.tables import goods_in_receipt_lines, goods_in_receipts
from clarus.tasks.rows import TaskRow
from clarus.tasks.service import (
    cancel_open_tasks,
    ensure_open,
    fetch_task,
    insert_tasks,
    open_task_count,
)
from clarus.tasks.statuses import TaskStatus, TaskType
from clarus.tasks.tables import tasks


async def receive_receipt(
    session: AsyncSession, *, tenant_id: int, user_id: int, receipt_id: int
) -> RowDict:
    """A `pending` receipt with lines becomes `received`, with one AVAILABLE RCV task per line
    for its expected quantity. No stock yet: that comes as each task is received."""
    receipt = await lock_receipt(session, tenant_id=tenant_id, receipt_id=receipt_id)
    ensure_status(receipt, {ReceiptStatus.PENDING}, "received")
    lines = await lines_of(session, receipt_id)
    if not lines:
        raise ClarusError.of(
            ErrorKind.RECEIPT_HAS_NO_LINES, f"goods in receipt {receipt_id} has no lines."
        )
    await insert_tasks(
        session,
        tenant_id=tenant_id,
        rows=[
            {
                "task_type_code": TaskType.RECEIVE,
                "account_id": receipt["account_id"],
                "warehouse_id": receipt["warehouse_id"],
                "product_id": line["product_id"],
                "start_quantity": line["expected_quantity"],
                "goods_in_receipt_id": receipt_id,
                "goods_in_receipt_line_id": line["id"],
                "user_created_by_id": user_id,
            }
            for line in lines
        ],
    )
    return await _with_status(session, receipt, ReceiptStatus.RECEIVED, tenant_id=tenant_id)


async def revert_receipt(session: AsyncSession, *, tenant_id: int, receipt_id: int) -> RowDict:
    """A `received` receipt nothing has been received against goes back to `pending`; its
    tasks are deleted (they were only ever the plan to receive it)."""
    receipt = await lock_receipt(session, tenant_id=tenant_id, receipt_id=receipt_id)
    ensure_status(receipt, {ReceiptStatus.RECEIVED}, "reverted")
    await ensure_nothing_received(session, receipt_id)
    await session.execute(delete(tasks).where(tasks.c.goods_in_receipt_id == receipt_id))
    return await _with_status(session, receipt, ReceiptStatus.PENDING, tenant_id=tenant_id)


async def cancel_receipt(session: AsyncSession, *, tenant_id: int, receipt_id: int) -> RowDict:
    """(ours) A receipt nothing has been received against is `cancelled` (event `goods_in`
    `cancelled`), its open receive tasks with it, and its reference free again. Once goods have
    arrived it cannot be: `move_to_part` closes it with what came."""
    receipt = await lock_receipt(session, tenant_id=tenant_id, receipt_id=receipt_id)
    ensure_status(receipt, CANCELLABLE, "cancelled")
    await ensure_nothing_received(session, receipt_id)
    await cancel_open_tasks(session, tenant_id=tenant_id, where=receives_of(receipt_id))
    return await _with_status(
        session, receipt, ReceiptStatus.CANCELLED, tenant_id=tenant_id, event="cancelled"
    )


def receives_of(receipt_id: int) -> ColumnElement[bool]:
    """The receipt's RCV tasks (not the put-aways of what has arrived)."""
    return and_(
        tasks.c.goods_in_receipt_id == receipt_id, tasks.c.task_type_code == TaskType.RECEIVE
    )


async def ensure_received_something(session: AsyncSession, receipt_id: int) -> None:
    if not await _completed_task_ids(session, receipt_id):
        raise ClarusError.of(
            ErrorKind.RECEIPT_NOTHING_RECEIVED,
            f"nothing has been received against goods in receipt {receipt_id}; revert or "
            "cancel it instead.",
        )


async def _completed_task_ids(session: AsyncSession, receipt_id: int) -> list[int]:
    of_receipt = tasks.c.goods_in_receipt_id == receipt_id
    done = select(tasks.c.id).where(of_receipt, tasks.c.status == TaskStatus.COMPLETED)
    return sorted((await session.execute(done)).scalars())


async def ensure_nothing_received(session: AsyncSession, receipt_id: int) -> None:
    done_ids = await _completed_task_ids(session, receipt_id)
    if done_ids:
        raise ClarusError.of(
            ErrorKind.RECEIPT_TASKS_COMPLETED,
            f"tasks {done_ids} of goods in receipt {receipt_id} are completed.",
            task_ids=done_ids,
        )


async def finish_if_done(
    session: AsyncSession,
    *,
    tenant_id: int,
    receipt: GoodsInReceiptRow,
    announce_change: bool = True,
) -> RowDict:
    """The receipt, `completed` (event `goods_in` `completed`) once none of its tasks is open;
    otherwise as it is, its change (a line's received quantity) announced as `updated` unless
    the caller has announced it already."""
    open_tasks = await open_task_count(session, where=tasks.c.goods_in_receipt_id == receipt["id"])
    if open_tasks:
        record = await shown_receipt(session, receipt, tenant_id=tenant_id)
        if announce_change:
            await emit_change(
                session, RECEIPTS, tenant_id=tenant_id, event="updated", record=record
            )
        return record
    return await _with_status(
        session, receipt, ReceiptStatus.COMPLETED, tenant_id=tenant_id, event="completed"
    )


async def locked_receipt_task(
    session: AsyncSession, *, tenant_id: int, user_id: int, task: TaskRow
) -> tuple[GoodsInReceiptRow, TaskRow]:
    """The receipt's `task`, open and one the user may work on, read again, and its receipt,
    both locked: the receipt first, as everything that changes a receipt's tasks does."""
    if task["goods_in_receipt_id"] is None:
        raise ClarusError.of(
            ErrorKind.TASK_NOT_COMPLETABLE_HERE,
            f"task {task['id']} belongs to no goods in receipt; it is completed by its own work.",
        )
    receipt = await lock_receipt(
        session, tenant_id=tenant_id, receipt_id=task["goods_in_receipt_id"]
    )
    task = await fetch_task(
        session,
        tenant_id=tenant_id,
        task_id=task["id"],
        task_type=TaskType(task["task_type_code"]),
        lock=True,
    )
    ensure_open(task, user_id=user_id)
    return receipt, task


async def lock_receipts_of_tasks(session: AsyncSession, task_ids: Collection[int]) -> None:
    """Lock the receipts of these tasks in id order: work over many tasks (a bulk completion)
    then takes them as one task at a time would, never in crossing orders."""
    of_tasks = select(tasks.c.goods_in_receipt_id).where(tasks.c.id.in_(task_ids))
    statement = (
        select(goods_in_receipts.c.id)
        .where(goods_in_receipts.c.id.in_(of_tasks))
        .order_by(goods_in_receipts.c.id)
        .with_for_update()
    )
    await session.execute(statement)


async def lock_receipt(
    session: AsyncSession, *, tenant_id: int, receipt_id: int
) -> GoodsInReceiptRow:
    return await fetch_record(
        session,
        goods_in_receipts,
        tenant_id=tenant_id,
        record_id=receipt_id,
        resource=RECEIPTS.event_name,
        lock=True,
        shape=goods_in_receipt_row,
    )


def ensure_status(
    receipt: GoodsInReceiptRow, allowed: Collection[ReceiptStatus], action: str
) -> None:
    status = ReceiptStatus(receipt["status"])
    if status not in allowed:
        raise ClarusError.of(
            ErrorKind.STATUS_FORBIDS_CHANGE,
            f"A {status.value} receipt cannot be {action}.",
            status=status.value,
            allowed_statuses=sorted(allowed),
        )


async def lines_of(session: AsyncSession, receipt_id: int) -> list[GoodsInReceiptLineRow]:
    lines = goods_in_receipt_lines
    statement = select(lines).where(lines.c.goods_in_receipt_id == receipt_id).order_by(lines.c.id)
    return [goods_in_receipt_line_row(row) for row in (await session.execute(statement)).mappings()]


async def _with_status(
    session: AsyncSession,
    receipt: GoodsInReceiptRow,
    status: ReceiptStatus,
    *,
    tenant_id: int,
    event: str = "updated",
) -> RowDict:
    statement = (
        update(goods_in_receipts)
        .where(goods_in_receipts.c.id == receipt["id"])
        .values(status=status, updated_at=utcnow())
        .returning(*goods_in_receipts.c)
    )
    row = goods_in_receipt_row((await session.execute(statement)).mappings().one())
    record = await shown_receipt(session, row, tenant_id=tenant_id)
    await emit_change(session, RECEIPTS, tenant_id=tenant_id, event=event, record=record)
    return record
