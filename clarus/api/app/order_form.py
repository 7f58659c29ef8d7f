"""The office forms that create an order and change one (its header, its lines' quantities,
lines added and removed), read as `POST /api/goods_outs` and `PATCH /api/goods_outs/{id}` read
their bodies and written by the services they call (`document_form`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
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
from clarus.api.app.order_record import OrderIdPath, record_id_of
from clarus.api.app.permissions import EDIT_ORDER, NEW_ORDER, ORDERS, access
from clarus.api.app.sessions import CheckedFormDep
from clarus.auth.app_sessions import SessionUser
from clarus.outbound import service
from clarus.outbound.queries import goods_out_view
from clarus.outbound.schemas import GoodsOutAttributes, GoodsOutUpdateAttributes

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
WriterDep = Annotated[SessionUser, Depends(access(NEW_ORDER))]
EditorDep = Annotated[SessionUser, Depends(access(EDIT_ORDER))]


async def _current_order(session: AsyncSession, tenant_id: int, order_id: int) -> Current | None:
    view = await goods_out_view(session, tenant_id=tenant_id, goods_out_id=order_id)
    if view is None:
        return None
    header = view.header
    values = {
        "account": str(header.account_id),
        "warehouse": "" if header.warehouse_id is None else str(header.warehouse_id),
        "reference": header.reference or "",
        "due": moment_text(header.expected_date_of_dispatch),
        "notes": header.order_notes or "",
    }
    lines = [
        CurrentLine(line.id, line.product_code or "", quantity_text(line.order_quantity))
        for line in view.lines
    ]
    return Current(values, lines, header.reference or str(header.id))


ORDER_FORM = LinedRecordForm(
    key="order",
    fields=(
        HeaderField("account_id", "account", "list.account", Widget.CHOICE, required=True),
        HeaderField("warehouse_id", "warehouse", "list.warehouse", Widget.CHOICE),
        HeaderField(
            "reference",
            "reference",
            "order_form.reference",
            Widget.TEXT,
            required=True,
            max_length=50,
        ),
        HeaderField(
            "expected_date_of_dispatch", "due", "order_form.due", Widget.MOMENT, required=True
        ),
        HeaderField("order_notes", "notes", "order_form.notes", Widget.NOTES),
    ),
    quantity="order_quantity",
    create_model=GoodsOutAttributes,
    update_model=GoodsOutUpdateAttributes,
    kind=service.GOODS_OUTS,
    writes=service.GOODS_OUT_WRITES,
    list_page=ORDERS,
    load=_current_order,
)


@router.get(NEW_ORDER.path)
async def new_order(request: Request, user: WriterDep) -> Response:
    return await form_page(request, user, ORDER_FORM, FilledForm({}))


@router.post(NEW_ORDER.path)
async def create_order(request: Request, user: WriterDep, posted: CheckedFormDep) -> Response:
    return await submit(request, user, ORDER_FORM, posted)


@router.get(EDIT_ORDER.path)
async def edit_order(request: Request, user: EditorDep, order_id: OrderIdPath) -> Response:
    return await edit_page(request, user, ORDER_FORM, record_id_of(order_id))


@router.post(EDIT_ORDER.path)
async def change_order(
    request: Request, user: EditorDep, posted: CheckedFormDep, order_id: OrderIdPath
) -> Response:
    return await submit(request, user, ORDER_FORM, posted, record_id_of(order_id))
