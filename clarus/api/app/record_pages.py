"""The record pages of a receipt (its lines, expected and received) and of a product (its
codes and where its stock is)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import Response

from clarus.api.app.document_form import SAVED
from clarus.api.app.messages import translator
from clarus.api.app.order_record import record_id_of
from clarus.api.app.permissions import (
    EDIT_PRODUCT,
    EDIT_RECEIPT,
    PRODUCT_RECORD,
    PRODUCTS,
    RECEIPT_RECORD,
    RECEIPTS,
    access,
    may_open,
)
from clarus.api.app.rendering import render
from clarus.api.app.sessions import PageProblem
from clarus.auth.app_sessions import SessionUser
from clarus.catalog.queries import product_view
from clarus.core.db import Database
from clarus.inbound.queries import receipt_view
from clarus.inbound.statuses import ReceiptStatus
from clarus.inventory.queries import stock_of_product

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
STOCK_ROWS = 50
"""The locations a product's page lists."""
CLOSED = frozenset({ReceiptStatus.COMPLETED, ReceiptStatus.CANCELLED})
"""A receipt in these states does not change: its page offers no edit."""


def saved_notice(request: Request) -> str | None:
    """ "Saved" on the page a form landed on after saving the record."""
    return translator()("form.saved") if request.query_params.get("done") == SAVED else None


@router.get(RECEIPT_RECORD.path)
async def receipt_page(
    request: Request,
    user: Annotated[SessionUser, Depends(access(RECEIPT_RECORD))],
    receipt_id: Annotated[str, Path()],
) -> Response:
    db: Database = request.app.state.db
    async with db.read_session() as session:
        view = await receipt_view(
            session, tenant_id=user.tenant_id, receipt_id=record_id_of(receipt_id)
        )
    if view is None:
        raise PageProblem(404, "problem.not_found")
    return render(
        request,
        "receipt.html",
        subdomain=user.subdomain,
        user=user,
        current_page=RECEIPTS,
        receipt=view,
        notice=saved_notice(request),
        can_edit=may_open(user, EDIT_RECEIPT) and view.header.status not in CLOSED,
    )


@router.get(PRODUCT_RECORD.path)
async def product_page(
    request: Request,
    user: Annotated[SessionUser, Depends(access(PRODUCT_RECORD))],
    product_id: Annotated[str, Path()],
) -> Response:
    db: Database = request.app.state.db
    record_id = record_id_of(product_id)
    async with db.read_session() as session:
        product = await product_view(session, tenant_id=user.tenant_id, product_id=record_id)
        if product is None:
            raise PageProblem(404, "problem.not_found")
        stock = await stock_of_product(
            session, tenant_id=user.tenant_id, product_id=record_id, limit=STOCK_ROWS
        )
    return render(
        request,
        "product.html",
        subdomain=user.subdomain,
        user=user,
        current_page=PRODUCTS,
        product=product,
        notice=saved_notice(request),
        stock=stock,
        can_edit=may_open(user, EDIT_PRODUCT),
    )
