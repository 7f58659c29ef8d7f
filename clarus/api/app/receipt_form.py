"""The office forms that create a receipt (the goods expected in) and change one, read as
`POST /api/goods_in_receipts` and `PATCH /api/goods_in_receipts/{id}` read their bodies and
written by the inbound services they call (`document_form`)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.api.app.document_form import (
    Current,
    CurrentLine,
    HeaderField,
    LinedRecordForm,
    Widget,
    add_form_routes,
    moment_text,
    quantity_text,
)
from clarus.api.app.permissions import EDIT_RECEIPT, NEW_RECEIPT, RECEIPTS
from clarus.inbound.queries import receipt_view
from clarus.inbound.schemas import GoodsInReceiptAttributes, GoodsInReceiptUpdateAttributes
from clarus.inbound.service import RECEIPT_WRITES
from clarus.inbound.service import RECEIPTS as RECEIPT_KIND

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)


async def _current_receipt(
    session: AsyncSession, tenant_id: int, receipt_id: int
) -> Current | None:
    view = await receipt_view(session, tenant_id=tenant_id, receipt_id=receipt_id)
    if view is None:
        return None
    header = view.header
    values = {
        "account": str(view.account_id),
        "warehouse": str(view.warehouse_id),
        "reference": header.reference or "",
        "expected": moment_text(header.expected_date_of_arrival),
        "notes": view.notes or "",
    }
    lines = [
        CurrentLine(line.id, line.product_code or "", quantity_text(line.expected_quantity))
        for line in view.lines
    ]
    return Current(values, lines, header.reference or str(header.id))


RECEIPT_FORM = LinedRecordForm(
    key="receipt",
    fields=(
        HeaderField("account_id", "account", "list.account", Widget.CHOICE, required=True),
        HeaderField("warehouse_id", "warehouse", "list.warehouse", Widget.CHOICE, required=True),
        HeaderField("reference", "reference", "list.reference", Widget.TEXT, max_length=255),
        HeaderField("expected_date_of_arrival", "expected", "list.expected_arrival", Widget.MOMENT),
        HeaderField("notes", "notes", "order.notes", Widget.NOTES),
    ),
    quantity="expected_quantity",
    create_model=GoodsInReceiptAttributes,
    update_model=GoodsInReceiptUpdateAttributes,
    kind=RECEIPT_KIND,
    writes=RECEIPT_WRITES,
    list_page=RECEIPTS,
    load=_current_receipt,
)


add_form_routes(router, RECEIPT_FORM, NEW_RECEIPT, EDIT_RECEIPT)
