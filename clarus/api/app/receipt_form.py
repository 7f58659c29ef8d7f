"""The office forms that create a receipt (the goods expected in) and change one, read as
`POST /api/goods_in_receipts` and `PATCH /api/goods_in_receipts/{id}` read their bodies and
written by the inbound services they call (`document_form`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from clarus.api.app.document_form import (
    Current,
    CurrentLine,
    FilledForm,
    HeaderField,
    LinedRecordForm,
    Widget,
    edit_page,
    form_page,
    moment_text,
    quantity_text,
    submit,
)
from clarus.api.app.order_record import record_id_of
from clarus.api.app.permissions import EDIT_RECEIPT, NEW_RECEIPT, RECEIPTS, access
from clarus.api.app.sessions import CheckedFormDep
from clarus.auth.app_sessions import SessionUser
from clarus.inbound.queries import receipt_view
from clarus.inbound.schemas import GoodsInReceiptAttributes, GoodsInReceiptUpdateAttributes
from clarus.inbound.service import RECEIPT_WRITES
from clarus.inbound.service import RECEIPTS as RECEIPT_KIND

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
WriterDep = Annotated[SessionUser, Depends(access(NEW_RECEIPT))]
EditorDep = Annotated[SessionUser, Depends(access(EDIT_RECEIPT))]
ReceiptIdPath = Annotated[str, Path(alias="receipt_id")]


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


@router.get(NEW_RECEIPT.path)
async def new_receipt(request: Request, user: WriterDep) -> Response:
    return await form_page(request, user, RECEIPT_FORM, FilledForm({}))


@router.post(NEW_RECEIPT.path)
async def create_receipt(request: Request, user: WriterDep, posted: CheckedFormDep) -> Response:
    return await submit(request, user, RECEIPT_FORM, posted)


@router.get(EDIT_RECEIPT.path)
async def edit_receipt(request: Request, user: EditorDep, receipt_id: ReceiptIdPath) -> Response:
    return await edit_page(request, user, RECEIPT_FORM, record_id_of(receipt_id))


@router.post(EDIT_RECEIPT.path)
async def change_receipt(
    request: Request, user: EditorDep, posted: CheckedFormDep, receipt_id: ReceiptIdPath
) -> Response:
    return await submit(request, user, RECEIPT_FORM, posted, record_id_of(receipt_id))
