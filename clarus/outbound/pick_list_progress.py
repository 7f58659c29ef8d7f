"""A pick list follows its orders: `picked` once none of them has a pick left, `completed` once
each is dispatched or cancelled (at least one dispatched), `cancelled` once all were cancelled.
Each move emits its `goods_out_pick_list` event; a list already there emits nothing."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.events import emit
from clarus.core.records import RowDict, id_of
from clarus.outbound.statuses import PICK_LIST_FINISHED, GoodsOutStatus, PickListStatus
from clarus.outbound.tables import goods_out_pick_lists, goods_outs
from clarus.tasks.statuses import OPEN, TaskType
from clarus.tasks.tables import tasks

PICK_LIST_EVENTS = "goods_out_pick_list"
EVENT_OF = {
    PickListStatus.PICKED: "picked",
    PickListStatus.COMPLETED: "completed",
    PickListStatus.CANCELLED: "cancelled",
}


async def settle_pick_list(
    session: AsyncSession, *, tenant_id: int, pick_list_id: int | None
) -> None:
    """Move the list (if any) to where its orders now are."""
    if pick_list_id is None:
        return
    status = await _status_of_orders(session, pick_list_id)
    if status is None:
        return
    statement = (
        update(goods_out_pick_lists)
        .where(
            goods_out_pick_lists.c.id == pick_list_id,
            goods_out_pick_lists.c.status.not_in(sorted({status, *PICK_LIST_FINISHED})),
        )
        .values(status=status, updated_at=utcnow())
        .returning(*goods_out_pick_lists.c)
    )
    row = (await session.execute(statement)).mappings().one_or_none()
    if row is not None:
        await emit_pick_list(session, tenant_id, dict(row), EVENT_OF[status])


async def _status_of_orders(session: AsyncSession, pick_list_id: int) -> PickListStatus | None:
    on_list = goods_outs.c.goods_out_pick_list_id == pick_list_id
    statuses = set(
        (await session.execute(select(goods_outs.c.goods_out_status_id).where(on_list))).scalars()
    )
    if statuses == {GoodsOutStatus.CANCELLED}:
        return PickListStatus.CANCELLED
    if statuses <= {GoodsOutStatus.COMPLETED, GoodsOutStatus.CANCELLED}:
        return PickListStatus.COMPLETED
    open_pick = select(tasks.c.id).where(
        tasks.c.goods_out_id.in_(select(goods_outs.c.id).where(on_list)),
        tasks.c.task_type_code == TaskType.PICK,
        tasks.c.status.in_(sorted(OPEN)),
    )
    if (await session.execute(open_pick.limit(1))).first() is None:
        return PickListStatus.PICKED
    return None


async def emit_pick_list(
    session: AsyncSession, tenant_id: int, pick_list: RowDict, event: str
) -> None:
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=PICK_LIST_EVENTS,
        event=event,
        record_id=id_of(pick_list),
        payload={name: value for name, value in pick_list.items() if name != "tenant_id"},
    )
