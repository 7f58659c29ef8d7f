"""A load's drops: its stops, numbered 1..n by `sequence`. A drop is added last to a pending or
open load; the sequence endpoint moves it and renumbers the others without gaps. When the
load's warehouse validates loading by delivery address (or by sales order) each drop names one;
an order must be of the load's warehouse."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core import crud
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, fetch_record, id_of
from clarus.core.references import Reference, ensure_references_exist, sent_id
from clarus.core.schemas import InputModel
from clarus.masterdata.queries import loading_validation
from clarus.masterdata.tables import addresses
from clarus.outbound.tables import goods_outs
from clarus.shipping.load_statuses import DROPS_ALLOWED, LoadDropStatus
from clarus.shipping.loads import (
    LOAD_DROPS,
    ensure_not_dispatched,
    locked_load,
    recount_expected,
)
from clarus.shipping.rows import LoadDropRow, LoadRow, load_drop_row, load_row
from clarus.shipping.tables import loads
from clarus.stockcontrol import positions

LOAD_DROP_LIST = positions.OrderedKind(
    LOAD_DROPS, list_column="load_id", owner=loads, position_column="sequence"
)
REQUIRED_BY_VALIDATION = {
    "delivery_address": "delivery_address_id",
    "sales_order": "goods_out_id",
}
"""A warehouse's `loading_validation_setting` and the attribute each drop must then name."""


async def _check_targets(
    session: AsyncSession, *, tenant_id: int, load: LoadRow, values: Mapping[str, object]
) -> None:
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[
            Reference(
                addresses, sent_id(values.get("delivery_address_id")), "/delivery_address_id"
            ),
            Reference(goods_outs, sent_id(values.get("goods_out_id")), "/goods_out_id"),
        ],
    )
    setting = await loading_validation(session, warehouse_id=load["warehouse_id"])
    required = REQUIRED_BY_VALIDATION.get(setting)
    if required is not None and values.get(required) is None:
        raise ClarusError.of(
            ErrorKind.MISSING_FIELD,
            f"The load's warehouse validates loading by {setting}: the drop needs {required}.",
            path=f"/{required}",
        )
    goods_out_id = values.get("goods_out_id")
    if goods_out_id is not None:
        statement = select(goods_outs.c.warehouse_id).where(goods_outs.c.id == goods_out_id)
        if (await session.execute(statement)).scalar_one() != load["warehouse_id"]:
            raise ClarusError.of(
                ErrorKind.INVALID_VALUE,
                f"Order {goods_out_id} is not of the load's warehouse {load['warehouse_id']}.",
                path="/goods_out_id",
            )


async def create_load_drop(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    values = attributes.model_dump(exclude_none=True)
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[Reference(loads, sent_id(values.get("load_id")), "/load_id")],
    )
    load = await locked_load(session, tenant_id=tenant_id, load_id=int(values["load_id"]))
    if load["status"] not in DROPS_ALLOWED:
        raise ClarusError.of(
            ErrorKind.LOAD_NOT_OPEN,
            f"Load {load['id']} is {load['status']}; drops are added to pending or open loads.",
            path="/load_id",
        )
    await _check_targets(session, tenant_id=tenant_id, load=load, values=values)
    record = await positions.insert_at(
        session,
        LOAD_DROP_LIST,
        tenant_id=tenant_id,
        values={**values, "status": LoadDropStatus.PENDING},
        position=None,
    )
    await recount_expected(session, tenant_id=tenant_id, load_id=load["id"])
    return record


async def update_load_drop(
    session: AsyncSession,
    kind: crud.RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    drop = await _locked_drop(session, tenant_id=tenant_id, drop_id=record_id)
    load = await locked_load(session, tenant_id=tenant_id, load_id=drop["load_id"])
    ensure_not_dispatched(load)
    changes = kind.changes_of(attributes)
    await _check_targets(session, tenant_id=tenant_id, load=load, values={**drop, **changes})
    record = await crud.change_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
    )
    if "expected_storage_unit_quantity" in changes:
        await recount_expected(session, tenant_id=tenant_id, load_id=load["id"])
    return record


async def load_drop_of(session: AsyncSession, *, tenant_id: int, drop_id: int) -> LoadDropRow:
    """The drop; 404 when the tenant has none with this id (before its body is read)."""
    return await _locked_drop(session, tenant_id=tenant_id, drop_id=drop_id)


async def _locked_drop(session: AsyncSession, *, tenant_id: int, drop_id: int) -> LoadDropRow:
    return await fetch_record(
        session,
        LOAD_DROPS.table,
        tenant_id=tenant_id,
        record_id=drop_id,
        resource="load_drop",
        shape=load_drop_row,
    )


async def sequence_load_drop(
    session: AsyncSession, *, tenant_id: int, drop_id: int, sequence: int
) -> RowDict:
    """Move the drop to stop `sequence` (0 is read as 1, past the end as last)."""
    drop = await positions.locked_member(
        session, LOAD_DROP_LIST, tenant_id=tenant_id, record_id=drop_id
    )
    load = await fetch_record(
        session,
        loads,
        tenant_id=tenant_id,
        record_id=id_of(drop, "load_id"),
        resource="load",
        shape=load_row,
    )
    ensure_not_dispatched(load)
    return await positions.move(
        session, LOAD_DROP_LIST, tenant_id=tenant_id, record_id=drop_id, position=sequence
    )


async def delete_load_drop(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    """Ours (the contract has no delete): the stops after it move up."""
    drop = await positions.locked_member(
        session, LOAD_DROP_LIST, tenant_id=tenant_id, record_id=record_id
    )
    load = await fetch_record(
        session,
        loads,
        tenant_id=tenant_id,
        record_id=id_of(drop, "load_id"),
        resource="load",
        shape=load_row,
    )
    ensure_not_dispatched(load)
    if drop["number_of_storage_units_loaded"]:
        raise ClarusError.of(
            ErrorKind.LOAD_NOT_EMPTY,
            f"Load drop {record_id} has {drop['number_of_storage_units_loaded']} storage units"
            " loaded; unload them first.",
        )
    await positions.delete_member(session, LOAD_DROP_LIST, tenant_id=tenant_id, record_id=record_id)
    await recount_expected(session, tenant_id=tenant_id, load_id=load["id"])


LOAD_DROP_WRITES = crud.RecordWrites(
    create=create_load_drop, update=update_load_drop, delete=delete_load_drop
)
