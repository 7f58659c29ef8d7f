"""Writes of goods outs: the order, its delivery address and its lines, in the caller's
transaction. Services never commit.

The hot path (an order with many lines) stays set-based: one read of the defaults, one query per
referenced table, one INSERT of the order, one executemany INSERT of its lines, one read of the
lines back for the response and the outbox event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products
from clarus.core.changes import LineChange
from clarus.core.crud import RecordKind, RecordWrites, check_record, emit_change
from clarus.core.documents import LINES_CHANGES_PATH, LinesKind
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import RowDict, update_returning
from clarus.core.schemas import InputModel
from clarus.inbound.tables import goods_in_receipt_lines
from clarus.inventory.tables import stocks
from clarus.masterdata.addresses import fetch_address
from clarus.masterdata.documents import DefaultsRead, DocumentKind, SentDocument
from clarus.masterdata.tables import (
    account_warehouses,
    accounts,
    addresses,
    carrier_services,
    carriers,
    customers,
    locations,
    order_types,
    reason_codes,
    warehouses,
)
from clarus.outbound.allocation import release_allocations
from clarus.outbound.pick_list_progress import settle_pick_list
from clarus.outbound.rows import GoodsOutRow, goods_out_row
from clarus.outbound.statuses import (
    ALLOCATED,
    FINISHED,
    OPEN,
    SETTABLE_BY_UPSTREAM,
    GoodsOutStatus,
)
from clarus.outbound.tables import allocations, goods_out_lines, goods_outs
from clarus.tasks.service import cancel_open_tasks
from clarus.tasks.statuses import TaskStatus, TaskType
from clarus.tasks.tables import tasks
from clarus.tenancy.tables import tenants

GOODS_OUTS = RecordKind(
    goods_outs,
    event_name="goods_out",
    unique_code=False,
    references={
        "account_id": accounts,
        "warehouse_id": warehouses,
        "order_type_id": order_types,
        "customer_id": customers,
        "carrier_id": carriers,
        "carrier_service_id": carrier_services,
        "location_id": locations,
        "original_delivery_address_id": addresses,
        "short_order_lines_reason_code_id": reason_codes,
    },
)
GOODS_OUT_LINES = LinesKind(
    goods_out_lines,
    "goods_out_id",
    references={
        "product_id": products,
        "carrier_id": carriers,
        "carrier_service_id": carrier_services,
        "goods_in_receipt_line_id": goods_in_receipt_lines,
        "stock_to_pick_id": stocks,
    },
)
STOCK_COLUMNS = frozenset({"account_id", "warehouse_id"})
"""Whose stock an order takes and from where: fixed, like its lines, once stock is reserved."""
STATUS_PATH = "/goods_out_status_id"
DEFAULTED = frozenset({"goods_out_type", "pick_type", "pack_strategy", "dispatch_strategy"})
"""Non-null fields an order takes from its account's and the tenant's defaults."""


@dataclass(frozen=True, slots=True)
class Defaults:
    """What an order leaves out falls back on: its account's strategies, then the tenant's."""

    goods_out_type: str
    pick_type: str
    pack_strategy: str
    dispatch_strategy: str
    tote_dispatch_strategy: str | None
    order_type_id: int | None

    def applied_to(self, values: Mapping[str, Any]) -> dict[str, Any]:
        pick_type = values.get("pick_type", self.pick_type)
        dispatch_strategy = self.dispatch_strategy
        if pick_type == "tote" and self.tote_dispatch_strategy is not None:
            dispatch_strategy = self.tote_dispatch_strategy
        return {
            "goods_out_type": self.goods_out_type,
            "order_type_id": self.order_type_id,
            "pack_strategy": self.pack_strategy,
            "dispatch_strategy": dispatch_strategy,
            **values,
            "pick_type": pick_type,
        }


async def create_goods_out(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    """A new order, PENDING unless it asks to be a DRAFT, with every field it leaves out taken
    from its account's and the tenant's defaults."""
    sent = GOODS_OUT_DOCUMENTS.sent_new(attributes)
    values = sent.values
    status = values.setdefault("goods_out_status_id", GoodsOutStatus.PENDING)
    if status not in SETTABLE_BY_UPSTREAM:
        raise _unsettable_status(status)
    checked = await _checked_in_one(session, tenant_id=tenant_id, values=values, sent=sent)
    if checked is not None:
        return await GOODS_OUT_DOCUMENTS.insert(
            session,
            tenant_id=tenant_id,
            values=checked.applied_to(values),
            changes=sent.changes,
            attributes=attributes,
        )
    await check_record(session, kind, tenant_id=tenant_id, values=values)
    defaults = await _defaults(session, tenant_id=tenant_id, account_id=values["account_id"])
    values = defaults.applied_to(values)
    if "warehouse_id" not in values:
        values["warehouse_id"] = await _only_warehouse(session, tenant_id, values["account_id"])
    return await GOODS_OUT_DOCUMENTS.create(
        session, tenant_id=tenant_id, values=values, changes=sent.changes, attributes=attributes
    )


async def _checked_in_one(
    session: AsyncSession, *, tenant_id: int, values: Mapping[str, object], sent: SentDocument
) -> Defaults | None:
    """The order's defaults, read in the statement that checks all it sends
    (`DocumentKind.checked_in_one`); None when a check fails or the order names no warehouse
    (the account's only one is then looked up)."""
    if "warehouse_id" not in values:
        return None
    found = await GOODS_OUT_DOCUMENTS.checked_in_one(
        session, ORDER_DEFAULTS, tenant_id=tenant_id, values=values, changes=sent.changes
    )
    return None if found is None else Defaults(*found)


DEFAULT_COLUMNS = (
    tenants.c.default_goods_out_type,
    tenants.c.default_pick_type,
    func.coalesce(accounts.c.pack_strategy, tenants.c.default_pack_strategy),
    func.coalesce(accounts.c.dispatch_strategy, tenants.c.default_dispatch_strategy),
    accounts.c.tote_dispatch_strategy,
    tenants.c.default_order_type_id,
)
"""What `Defaults` is read from: the tenant's defaults, overridden by the account's."""
ORDER_DEFAULTS = DefaultsRead(
    DEFAULT_COLUMNS,
    tenants.join(accounts, accounts.c.tenant_id == tenants.c.id),
    and_(tenants.c.id == bindparam("tenant_id"), accounts.c.id == bindparam("account_id")),
)


async def delete_goods_out(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    """Only an order the warehouse has not started on (DRAFT or PENDING) is deleted; any other
    is cancelled instead."""
    current = await GOODS_OUT_DOCUMENTS.locked(session, tenant_id=tenant_id, record_id=record_id)
    status = GoodsOutStatus(current["goods_out_status_id"])
    if status not in OPEN:
        raise ClarusError.of(
            ErrorKind.STATUS_FORBIDS_CHANGE,
            f"A {status.code} order cannot be deleted; cancel it instead.",
            status=status.code,
            allowed_statuses=sorted(open_status.code for open_status in OPEN),
        )
    await GOODS_OUT_DOCUMENTS.remove(session, current, tenant_id=tenant_id)


async def cancel_goods_out(session: AsyncSession, *, tenant_id: int, record_id: int) -> RowDict:
    """Cancel an order as the contract says: a DRAFT or PENDING one is deleted; a reserved or
    picking one becomes CANCELLED (its stock released, its open picks cancelled); a
    dispatched one cannot be cancelled. The answer is the order as cancelled."""
    current = await GOODS_OUT_DOCUMENTS.locked(session, tenant_id=tenant_id, record_id=record_id)
    status = GoodsOutStatus(current["goods_out_status_id"])
    if status in FINISHED:
        raise ClarusError.of(
            ErrorKind.STATUS_FORBIDS_CHANGE,
            f"A {status.code} order cannot be cancelled.",
            status=status.code,
        )
    if status in OPEN:
        record = await GOODS_OUT_DOCUMENTS.remove(
            session, current, tenant_id=tenant_id, event="cancelled"
        )
        return {**record, "goods_out_status_id": GoodsOutStatus.CANCELLED}
    await _ensure_nothing_loaded(session, order_id=record_id)
    await cancel_open_tasks(session, tenant_id=tenant_id, where=tasks.c.goods_out_id == record_id)
    await release_allocations(
        session, tenant_id=tenant_id, where=allocations.c.goods_out_id == record_id
    )
    row = await update_returning(
        session,
        goods_outs,
        tenant_id=tenant_id,
        record_id=record_id,
        values={"goods_out_status_id": GoodsOutStatus.CANCELLED},
        resource=GOODS_OUTS.event_name,
        shape=goods_out_row,
    )
    record = await shown_goods_out(session, row, tenant_id=tenant_id)
    await emit_change(session, GOODS_OUTS, tenant_id=tenant_id, event="cancelled", record=record)
    await settle_pick_list(
        session, tenant_id=tenant_id, pick_list_id=current["goods_out_pick_list_id"]
    )
    return record


async def _ensure_nothing_loaded(session: AsyncSession, *, order_id: int) -> None:
    """An order whose storage units are on a load (LOAD tasks completed, the load not yet
    dispatched) stays until they are unloaded: cancelling it would leave them on the trailer."""
    loaded = select(tasks.c.id).where(
        tasks.c.goods_out_id == order_id,
        tasks.c.task_type_code == TaskType.LOAD,
        tasks.c.status == TaskStatus.COMPLETED,
    )
    if (await session.execute(loaded.limit(1))).first() is not None:
        raise ClarusError.of(
            ErrorKind.ORDER_UNITS_LOADED,
            f"Order {order_id} has storage units loaded onto a load; unload them"
            " (unload_storage_unit) before cancelling it.",
        )


def _ensure_changeable(
    current: GoodsOutRow, values: Mapping[str, Any], changes: Sequence[LineChange]
) -> None:
    status = GoodsOutStatus(current["goods_out_status_id"])
    if status in FINISHED:
        raise ClarusError.of(
            ErrorKind.STATUS_FORBIDS_CHANGE,
            f"A {status.code} order cannot be changed.",
            status=status.code,
        )
    _ensure_status_change_allowed(status, values.get("goods_out_status_id"))
    stored: Mapping[str, object] = current
    changed = sorted(
        name for name in STOCK_COLUMNS if name in values and values[name] != stored[name]
    )
    paths = [f"/{name}" for name in changed]
    if changes:
        paths.append(LINES_CHANGES_PATH)
    if status in OPEN or not paths:
        return
    kind = (
        ErrorKind.GOODS_OUT_ALREADY_ALLOCATED
        if status in ALLOCATED
        else ErrorKind.GOODS_OUT_BEING_PICKED
    )
    raise ClarusError(*(Problem(kind, None, path, {"status": status.code}) for path in paths))


def _ensure_status_change_allowed(status: GoodsOutStatus, wanted: int | None) -> None:
    """An upstream system moves an order between DRAFT and PENDING only; the warehouse moves
    it on from there."""
    if wanted is None or wanted == status:
        return
    if wanted not in SETTABLE_BY_UPSTREAM:
        raise _unsettable_status(wanted)
    if status not in OPEN:
        raise ClarusError.of(
            ErrorKind.STATUS_FORBIDS_CHANGE,
            f"A {status.code} order cannot go back to {GoodsOutStatus(wanted).code}.",
            path=STATUS_PATH,
            status=status.code,
        )


def _unsettable_status(wanted: int) -> ClarusError:
    return ClarusError.of(
        ErrorKind.INVALID_VALUE,
        f"goods_out_status_id {wanted} is reached through warehouse work; a request may ask"
        " for DRAFT (1) or PENDING (2) only.",
        path=STATUS_PATH,
        allowed=sorted(int(status) for status in SETTABLE_BY_UPSTREAM),
    )


async def _defaults(session: AsyncSession, *, tenant_id: int, account_id: int) -> Defaults:
    """The tenant's defaults, overridden by the account's strategies (the account exists:
    `check_record` has made sure)."""
    statement = (
        select(*DEFAULT_COLUMNS)
        .select_from(tenants.join(accounts, accounts.c.tenant_id == tenants.c.id))
        .where(tenants.c.id == tenant_id, accounts.c.id == account_id)
    )
    return Defaults(*(await session.execute(statement)).one())


async def _nulls_to_defaults(
    session: AsyncSession, *, tenant_id: int, current: GoodsOutRow, values: dict[str, Any]
) -> dict[str, Any]:
    """An explicit null puts a defaulted field back to its default; a null status changes
    nothing."""
    if values.get("goods_out_status_id", 0) is None:
        del values["goods_out_status_id"]
    nulled = {name for name in DEFAULTED if name in values and values[name] is None}
    if not nulled:
        return values
    account_id = values.get("account_id", current["account_id"])
    defaults = await _defaults(session, tenant_id=tenant_id, account_id=account_id)
    kept = {name: value for name, value in {**current, **values}.items() if name in DEFAULTED}
    kept = {name: value for name, value in kept.items() if name not in nulled}
    restored = defaults.applied_to(kept)
    return {**values, **{name: restored[name] for name in nulled}}


GOODS_OUT_DOCUMENTS = DocumentKind(
    GOODS_OUTS,
    GOODS_OUT_LINES,
    header=goods_out_row,
    active=goods_outs.c.goods_out_status_id != GoodsOutStatus.CANCELLED,
    ensure_changeable=_ensure_changeable,
    complete_values=_nulls_to_defaults,
)
"""An order changes with its delivery address and lines. What it orders (lines, account,
warehouse) changes only while nothing is reserved or picked; a dispatched or cancelled order
does not change at all."""
GOODS_OUT_WRITES = RecordWrites(
    create=create_goods_out, update=GOODS_OUT_DOCUMENTS.update, delete=delete_goods_out
)


async def _only_warehouse(session: AsyncSession, tenant_id: int, account_id: int) -> int:
    """The warehouse an order that names none ships from: the account's only warehouse, else
    the tenant's only one. With a choice to make, the order must name it."""
    linked = select(account_warehouses.c.warehouse_id).where(
        account_warehouses.c.tenant_id == tenant_id, account_warehouses.c.account_id == account_id
    )
    every = select(warehouses.c.id).where(warehouses.c.tenant_id == tenant_id)
    for candidates in (linked, every):
        found: list[int] = list((await session.execute(candidates.limit(2))).scalars())
        if len(found) == 1:
            return found[0]
        if found:
            break
    raise ClarusError.of(
        ErrorKind.MISSING_FIELD,
        "warehouse_id is required: the account does not ship from exactly one warehouse.",
        path="/warehouse_id",
    )


async def shown_goods_out(session: AsyncSession, row: GoodsOutRow, *, tenant_id: int) -> RowDict:
    """The order as responses and events show it: its delivery address and its lines."""
    address = await fetch_address(session, tenant_id, row["address_id"])
    return await GOODS_OUT_DOCUMENTS.shown(session, row, address, tenant_id=tenant_id)
