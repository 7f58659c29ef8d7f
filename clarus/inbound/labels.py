"""Storage unit labels of a goods in receipt, as PDF: one page per storage unit."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.labels import ensure_no_cloud_print, render_pick_labels, storage_unit_labels
from clarus.catalog.tables import storage_units
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import fetch_record
from clarus.core.references import Reference, ensure_references_exist
from clarus.core.schemas import InputModel
from clarus.inbound.service import RECEIPTS
from clarus.inbound.tables import goods_in_receipts
from clarus.inventory.statuses import Movement
from clarus.inventory.tables import stocks, transactions


async def receipt_storage_unit_labels(
    session: AsyncSession, *, tenant_id: int, receipt_id: int, attributes: InputModel
) -> bytes:
    """The label of the storage unit named, or of every storage unit goods were received on
    against the receipt (422 while there is none: receive first, or name one)."""
    await fetch_record(
        session,
        goods_in_receipts,
        tenant_id=tenant_id,
        record_id=receipt_id,
        resource=RECEIPTS.event_name,
    )
    sent = attributes.model_dump(exclude_none=True)
    ensure_no_cloud_print(sent)
    path = "/storage_unit_id"
    if "storage_unit_id" in sent:
        await ensure_references_exist(
            session,
            tenant_id=tenant_id,
            references=[Reference(storage_units, sent["storage_unit_id"], path)],
        )
        unit_ids = [sent["storage_unit_id"]]
    else:
        unit_ids = await _received_storage_units(session, tenant_id, receipt_id)
    if not unit_ids:
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE,
            f"No goods have been received on storage units against receipt {receipt_id} yet;"
            " receive it first, or name the storage_unit_id to label.",
            path=path,
        )
    labels = await storage_unit_labels(session, tenant_id=tenant_id, storage_unit_ids=unit_ids)
    return render_pick_labels(labels)


async def _received_storage_units(
    session: AsyncSession, tenant_id: int, receipt_id: int
) -> list[int]:
    """The storage units the receipt's receive transactions put stock on, in id order."""
    statement = (
        select(stocks.c.storage_unit_id)
        .join(transactions, transactions.c.stock_id == stocks.c.id)
        .where(
            transactions.c.tenant_id == tenant_id,
            transactions.c.goods_in_receipt_id == receipt_id,
            transactions.c.category == Movement.RECEIPT.value,
            stocks.c.storage_unit_id.is_not(None),
        )
        .distinct()
        .order_by(stocks.c.storage_unit_id)
    )
    return [unit_id for unit_id in (await session.execute(statement)).scalars()]
