"""External crossdocks: goods an account expects that leave again without being put away.

The status only moves forward (pending, confirmed, received, completed); once its goods are
received a crossdock is kept (it can no longer be deleted). A crossdock may carry its own
collection address inline (`address`) or name a collection address.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.crud import RecordKind, RecordWrites
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, fetch_record
from clarus.core.schemas import InputModel
from clarus.masterdata.addresses import (
    create_with_address,
    delete_with_address,
    update_with_address,
)
from clarus.masterdata.tables import accounts, carriers, locations, suppliers, warehouses
from clarus.shipping.rows import crossdock_row
from clarus.shipping.statuses import CROSSDOCK_ORDER, DELETABLE_CROSSDOCK_STATUSES, CrossdockStatus
from clarus.shipping.tables import collection_addresses, crossdocks


async def _ensure_deletable(session: AsyncSession, tenant_id: int, record_id: int) -> None:
    current = await fetch_record(
        session,
        crossdocks,
        tenant_id=tenant_id,
        record_id=record_id,
        resource="crossdock",
        shape=crossdock_row,
    )
    if current["status"] not in DELETABLE_CROSSDOCK_STATUSES:
        raise ClarusError.of(
            ErrorKind.STATUS_FORBIDS_CHANGE,
            f"A {current['status']} crossdock has had its goods received; it cannot be deleted.",
            status=current["status"],
        )


CROSSDOCKS = RecordKind(
    crossdocks,
    event_name="crossdock",
    natural_key="reference",
    natural_key_taken=ErrorKind.REFERENCE_TAKEN,
    references={
        "account_id": accounts,
        "warehouse_id": warehouses,
        "carrier_id": carriers,
        "supplier_id": suppliers,
        "collection_address_id": collection_addresses,
        "goods_in_location_id": locations,
    },
    ensure_deletable=_ensure_deletable,
)


async def create_crossdock(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    return await create_with_address(session, kind, tenant_id=tenant_id, attributes=attributes)


async def update_crossdock(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    wanted = attributes.changes().get("status")
    if wanted is not None:
        current = await fetch_record(
            session,
            kind.table,
            tenant_id=tenant_id,
            record_id=record_id,
            resource="crossdock",
            shape=crossdock_row,
        )
        _check_forward(CrossdockStatus(current["status"]), CrossdockStatus(str(wanted)))
    return await update_with_address(
        session, kind, tenant_id=tenant_id, record_id=record_id, attributes=attributes
    )


def _check_forward(current: CrossdockStatus, wanted: CrossdockStatus) -> None:
    if CROSSDOCK_ORDER.index(wanted) < CROSSDOCK_ORDER.index(current):
        raise ClarusError.of(
            ErrorKind.STATUS_FORBIDS_CHANGE,
            f"A {current} crossdock cannot go back to {wanted}.",
            path="/status",
            status=str(current),
        )


async def delete_crossdock(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    await delete_with_address(session, kind, tenant_id=tenant_id, record_id=record_id)


CROSSDOCK_WRITES = RecordWrites(
    create=create_crossdock, update=update_crossdock, delete=delete_crossdock
)
