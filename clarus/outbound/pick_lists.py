"""Writes of pick lists after processing picks made them: relabel (`reference`, custom strings)
and delete a finished one. Services never commit."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core import crud
from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, fetch_record
from clarus.core.schemas import InputModel
from clarus.outbound.rows import goods_out_row
from clarus.outbound.service import GOODS_OUTS, shown_goods_out
from clarus.outbound.statuses import PICK_LIST_FINISHED
from clarus.outbound.tables import goods_out_pick_lists, goods_outs


async def _locked(session: AsyncSession, *, tenant_id: int, record_id: int) -> RowDict:
    return await fetch_record(
        session,
        goods_out_pick_lists,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=GOODS_OUT_PICK_LISTS.event_name,
        lock=True,
    )


async def order_ids(session: AsyncSession, *, tenant_id: int, pick_list_id: int) -> list[int]:
    """The orders on a pick list, in id order."""
    statement = (
        select(goods_outs.c.id)
        .where(
            goods_outs.c.tenant_id == tenant_id,
            goods_outs.c.goods_out_pick_list_id == pick_list_id,
        )
        .order_by(goods_outs.c.id)
    )
    return list((await session.execute(statement)).scalars())


def _ensure_unchanged(name: str, sent: object, current: object) -> None:
    if sent != current:
        raise ClarusError.of(
            ErrorKind.READ_ONLY_ATTRIBUTE,
            f"A pick list's {name} is set when picks are processed and cannot be changed.",
            path=f"/{name}",
        )


async def update_pick_list(
    session: AsyncSession,
    kind: crud.RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    """Change the reference and custom strings sent; `warehouse_id` and `goods_out_ids` only
    as they are (refused otherwise: `read_only_attribute`)."""
    changes = kind.changes_of(attributes)
    current = await _locked(session, tenant_id=tenant_id, record_id=record_id)
    orders = await order_ids(session, tenant_id=tenant_id, pick_list_id=record_id)
    if "warehouse_id" in changes:
        _ensure_unchanged("warehouse_id", changes.pop("warehouse_id"), current["warehouse_id"])
    if "goods_out_ids" in changes:
        sent = changes.pop("goods_out_ids")
        _ensure_unchanged("goods_out_ids", None if sent is None else sorted(set(sent)), orders)
    record = await crud.change_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
    )
    return {**record, "goods_out_ids": orders}


async def _ensure_finished(session: AsyncSession, tenant_id: int, record_id: int) -> None:
    """Only a completed or cancelled list may go: one still being worked has open picks."""
    current = await _locked(session, tenant_id=tenant_id, record_id=record_id)
    status = current["status"]
    if status not in PICK_LIST_FINISHED:
        finished = " or ".join(sorted(PICK_LIST_FINISHED))
        raise ClarusError.of(
            ErrorKind.STATUS_FORBIDS_CHANGE,
            f"A {status} pick list cannot be deleted; only a {finished} one can.",
            status=status,
        )


async def delete_pick_list(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    """Delete a finished list; its orders stay, off any list (each with its `goods_out`
    event)."""
    await _ensure_finished(session, tenant_id, record_id)
    await _take_orders_off(session, tenant_id=tenant_id, pick_list_id=record_id)
    await crud.delete_record(session, kind, tenant_id=tenant_id, record_id=record_id)


async def _take_orders_off(session: AsyncSession, *, tenant_id: int, pick_list_id: int) -> None:
    """Unlink the list's orders in one statement (the foreign key would too, but silently), each
    with its `goods_out` event showing the order whole, as every order event does."""
    statement = (
        update(goods_outs)
        .where(
            goods_outs.c.tenant_id == tenant_id,
            goods_outs.c.goods_out_pick_list_id == pick_list_id,
        )
        .values(goods_out_pick_list_id=None, updated_at=utcnow())
        .returning(*goods_outs.c)
    )
    rows = (await session.execute(statement)).mappings()
    for order in sorted((goods_out_row(row) for row in rows), key=lambda order: order["id"]):
        record = await shown_goods_out(session, order, tenant_id=tenant_id)
        await crud.emit_change(
            session, GOODS_OUTS, tenant_id=tenant_id, event="updated", record=record
        )


GOODS_OUT_PICK_LISTS = crud.RecordKind(
    goods_out_pick_lists,
    event_name="goods_out_pick_list",
    unique_code=False,
)
GOODS_OUT_PICK_LIST_WRITES = crud.RecordWrites(update=update_pick_list, delete=delete_pick_list)
