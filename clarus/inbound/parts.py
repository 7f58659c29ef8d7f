"""(ours) Moving a part-received receipt's rest to a part receipt: the goods that came are kept
as received, the receives that will not happen now are cancelled, and a new `pending` receipt
expects what is still missing, line by line. The receipt announces `moved_to_part`; the part is
`created` like any receipt; the receipt is `completed` once its put-aways are done."""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.crud import emit_change
from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, id_of, insert_returning
from clarus.inbound.receiving import (
    ensure_received_something,
    ensure_status,
    finish_if_done,
    lines_of,
    lock_receipt,
    receives_of,
)
from clarus.inbound.rows import GoodsInReceiptLineRow, GoodsInReceiptRow, goods_in_receipt_row
from clarus.inbound.service import RECEIPT_DOCUMENTS, RECEIPTS, shown_receipt
from clarus.inbound.statuses import ReceiptStatus
from clarus.inbound.tables import goods_in_receipt_lines, goods_in_receipts
from clarus.masterdata.tables import addresses
from clarus.tasks.service import cancel_open_tasks

NOT_COPIED = frozenset({"id", "tenant_id", "created_at", "updated_at"})
PART_SUFFIX = "-PART"


async def move_to_part(session: AsyncSession, *, tenant_id: int, receipt_id: int) -> RowDict:
    """The new part receipt. Refused unless the receipt is `received` with something received
    and something still missing."""
    receipt = await lock_receipt(session, tenant_id=tenant_id, receipt_id=receipt_id)
    ensure_status(receipt, {ReceiptStatus.RECEIVED}, "moved to a part receipt")
    await ensure_received_something(session, receipt_id)
    missing = _missing(await lines_of(session, receipt_id))
    if not missing:
        raise ClarusError.of(
            ErrorKind.RECEIPT_NOTHING_MISSING,
            f"goods in receipt {receipt_id} has received everything it expected.",
        )
    await cancel_open_tasks(session, tenant_id=tenant_id, where=receives_of(receipt_id))
    part = await _part_receipt(session, tenant_id=tenant_id, receipt=receipt, missing=missing)
    moved = await shown_receipt(session, receipt, tenant_id=tenant_id)
    await emit_change(session, RECEIPTS, tenant_id=tenant_id, event="moved_to_part", record=moved)
    await finish_if_done(session, tenant_id=tenant_id, receipt=receipt, announce_change=False)
    return part


def _missing(
    lines: Sequence[GoodsInReceiptLineRow],
) -> list[tuple[GoodsInReceiptLineRow, decimal.Decimal]]:
    """Each line still short, with how much is missing."""
    return [
        (line, line["expected_quantity"] - line["received_quantity"])
        for line in lines
        if line["received_quantity"] < line["expected_quantity"]
    ]


async def _part_receipt(
    session: AsyncSession,
    *,
    tenant_id: int,
    receipt: GoodsInReceiptRow,
    missing: Sequence[tuple[GoodsInReceiptLineRow, decimal.Decimal]],
) -> RowDict:
    values = {
        **_copied(receipt),
        "status": ReceiptStatus.PENDING,
        "actual_date_of_arrival": None,
        "part_of_goods_in_receipt_id": receipt["id"],
        "reference": await _part_reference(session, receipt),
        "address_id": await _copied_address(session, tenant_id, receipt["address_id"]),
    }
    await RECEIPT_DOCUMENTS.ensure_reference_free(session, tenant_id=tenant_id, values=values)
    row = await insert_returning(
        session, goods_in_receipts, tenant_id=tenant_id, values=values, shape=goods_in_receipt_row
    )
    now = utcnow()
    await session.execute(
        insert(goods_in_receipt_lines),
        [
            {
                **_copied(line),
                "tenant_id": tenant_id,
                "goods_in_receipt_id": row["id"],
                "expected_quantity": quantity,
                "expected_configurations_quantity": None,
                "received_quantity": 0,
                "created_at": now,
                "updated_at": now,
            }
            for line, quantity in missing
        ],
    )
    part = await shown_receipt(session, row, tenant_id=tenant_id)
    await emit_change(session, RECEIPTS, tenant_id=tenant_id, event="created", record=part)
    return part


def _copied(row: Mapping[str, object]) -> RowDict:
    return {name: value for name, value in row.items() if name not in NOT_COPIED}


async def _part_reference(session: AsyncSession, receipt: GoodsInReceiptRow) -> str | None:
    """`<reference>-PART<n>`, n counting this receipt's parts."""
    if receipt["reference"] is None:
        return None
    statement = select(func.count()).where(
        goods_in_receipts.c.part_of_goods_in_receipt_id == receipt["id"]
    )
    earlier: int = (await session.execute(statement)).scalar_one()
    return f"{receipt['reference']}{PART_SUFFIX}{earlier + 1}"


async def _copied_address(
    session: AsyncSession, tenant_id: int, address_id: int | None
) -> int | None:
    """The part gets an inline address of its own, as every receipt has."""
    if address_id is None:
        return None
    row = (
        (await session.execute(select(addresses).where(addresses.c.id == address_id)))
        .mappings()
        .one()
    )
    copy = await insert_returning(
        session, addresses, tenant_id=tenant_id, values=_copied(dict(row))
    )
    return id_of(copy)
