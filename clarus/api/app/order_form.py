"""The office forms that create an order and change one (its header, its lines' quantities,
lines added and removed), read as `POST /api/goods_outs` and `PATCH /api/goods_outs/{id}` read
their bodies and written by the services they call (`document_form`)."""

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
from clarus.api.app.permissions import EDIT_ORDER, NEW_ORDER, ORDERS
from clarus.outbound import service
from clarus.outbound.queries import goods_out_view
from clarus.outbound.schemas import GoodsOutAttributes, GoodsOutUpdateAttributes

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)


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


add_form_routes(router, ORDER_FORM, NEW_ORDER, EDIT_ORDER)
