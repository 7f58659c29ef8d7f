"""Receiving on the handheld: scan the receipt's reference (a pending receipt is received then,
making its receive tasks), then each product (its code, an alternative code or a GS1-128
barcode, read by `catalog.scans`) and, where the flow asks for it, the quantity. Each scan is
one receive task completed by `inbound.receive_tasks.receive`, the service of
`POST /api/receive_tasks/{id}/receive`."""

from __future__ import annotations

import decimal
from dataclasses import dataclass, replace
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from clarus.api.app.handheld import (
    StepField,
    flow_of,
    quantity_of,
    refusal,
    render_step,
    shown_quantity,
    t,
    text,
)
from clarus.api.app.handheld_details import (
    Detail,
    described,
    detail_fields,
    details_asked,
    details_given,
    missing_details,
)
from clarus.api.app.permissions import RECEIVE, access
from clarus.api.app.sessions import CheckedFormDep, PageProblem
from clarus.auth.app_sessions import SessionUser
from clarus.catalog.records import BarcodeScanRecord
from clarus.catalog.scans import read_scan
from clarus.core.db import Database
from clarus.core.errors import ClarusError
from clarus.core.fields import INT64_MAX
from clarus.core.records import required
from clarus.inbound.queries import (
    OpenReceive,
    ReceiptToReceive,
    StockDetails,
    open_receives,
    receipt_ids_with_reference,
    receipt_to_receive,
)
from clarus.inbound.receive_tasks import receive, receive_task
from clarus.inbound.receiving import receive_receipt
from clarus.inbound.statuses import ReceiptStatus
from clarus.tasks.handlers import Completion
from clarus.tasks.rf_flows import HandheldFlow

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
ReceiverDep = Annotated[SessionUser, Depends(access(RECEIVE))]
ReceiptIdPath = Annotated[int, Path(ge=1, le=INT64_MAX)]


def _reference_screen(
    request: Request, user: SessionUser, *, error: str | None = None, status_code: int = 200
) -> Response:
    field = StepField("reference", t("handheld.scan_receipt"))
    return render_step(
        request,
        user,
        RECEIVE,
        action="",
        fields=[field],
        submit=t("handheld.next"),
        error=error,
        status_code=status_code,
    )


@router.get(RECEIVE.path)
async def receive_start(request: Request, user: ReceiverDep) -> Response:
    return _reference_screen(request, user)


@router.post(RECEIVE.path)
async def receive_reference(request: Request, user: ReceiverDep, form: CheckedFormDep) -> Response:
    """The receipt the scanned reference names; a pending one is received now."""
    reference = text(form, "reference")
    db: Database = request.app.state.db
    async with db.read_session() as session:
        ids = await receipt_ids_with_reference(
            session, tenant_id=user.tenant_id, reference=reference
        )
    if len(ids) != 1:
        key = "handheld.no_receipt" if not ids else "handheld.several_receipts"
        return _reference_screen(request, user, error=t(key, reference=reference), status_code=422)
    try:
        async with db.write_session() as session:
            receipt = await receipt_to_receive(session, tenant_id=user.tenant_id, receipt_id=ids[0])
            if receipt is not None and receipt.status == ReceiptStatus.PENDING:
                await receive_receipt(
                    session, tenant_id=user.tenant_id, user_id=user.user_id, receipt_id=ids[0]
                )
    except ClarusError as error:
        return _reference_screen(request, user, error=refusal(error), status_code=422)
    return RedirectResponse(f"{RECEIVE.url(user.subdomain)}/{ids[0]}", status_code=303)


async def _receipt(request: Request, user: SessionUser, receipt_id: int) -> ReceiptToReceive:
    db: Database = request.app.state.db
    async with db.read_session() as session:
        receipt = await receipt_to_receive(session, tenant_id=user.tenant_id, receipt_id=receipt_id)
    if receipt is None:
        raise PageProblem(404, "problem.not_found")
    return receipt


def _product_screen(
    request: Request,
    user: SessionUser,
    receipt: ReceiptToReceive,
    flow: HandheldFlow,
    *,
    prompt: DetailsPrompt | None = None,
    error: str | None = None,
    notice: str | None = None,
    status_code: int = 200,
) -> Response:
    """The product to scan; with `prompt`, the scan and quantity given again with the batch and
    dates the product is received by, the first missing one focused."""
    fields = [StepField("scan", t("handheld.scan_product"))]
    quantity_input = flow.input_of("quantity")
    if quantity_input is not None:
        label = "handheld.scan_quantity" if quantity_input == "scan" else "handheld.quantity"
        fields.append(StepField("quantity", t(label), scan=quantity_input == "scan", numeric=True))
    focus = None
    if prompt is not None:
        fields = [replace(field, value=prompt.form_values.get(field.name, "")) for field in fields]
        fields += detail_fields(flow, prompt.asked, prompt.given)
        focus = prompt.missing[0]
    return render_step(
        request,
        user,
        RECEIVE,
        action=f"/{receipt.id}",
        fields=fields,
        submit=t("handheld.next"),
        facts=[
            (t("handheld.receipt"), receipt.reference or str(receipt.id)),
            (t("handheld.status"), t(f"receipt_status.{receipt.status.value}")),
        ],
        error=error,
        notice=notice,
        done_url=RECEIVE.url(user.subdomain),
        focus=focus,
        status_code=status_code,
    )


@dataclass(frozen=True, slots=True)
class DetailsPrompt:
    """The batch and dates still to give of a scanned product, and what was given so far
    (`form_values`: the scan and quantity, to post again)."""

    product: str
    form_values: dict[str, str]
    asked: tuple[Detail, ...]
    given: StockDetails
    missing: list[Detail]


@dataclass(frozen=True, slots=True)
class Received:
    """A receive task completed, and what the screen says of it."""

    notice: str


@router.get(RECEIVE.path + "/{receipt_id}")
async def receive_products(
    request: Request, user: ReceiverDep, receipt_id: ReceiptIdPath
) -> Response:
    receipt = await _receipt(request, user, receipt_id)
    return _product_screen(request, user, receipt, await flow_of(request, user, "standard"))


@router.post(RECEIVE.path + "/{receipt_id}")
async def receive_product(
    request: Request, user: ReceiverDep, receipt_id: ReceiptIdPath, form: CheckedFormDep
) -> Response:
    """One product scanned: its open receive task on this receipt completed with the quantity
    typed (the task's whole quantity when the flow asks for none); a product the receipt
    expects by batch or dates first asks for them, and they choose the line received."""
    receipt = await _receipt(request, user, receipt_id)
    flow = await flow_of(request, user, "standard")
    quantity = None
    if flow.asks_for("quantity"):
        quantity = quantity_of(form)
        if quantity is None:
            return _product_screen(
                request, user, receipt, flow, error=t("handheld.bad_quantity"), status_code=422
            )
    db: Database = request.app.state.db
    try:
        async with db.write_session() as session:
            outcome = await _received(session, user, receipt, flow, form, quantity)
    except ClarusError as error:
        return _product_screen(request, user, receipt, flow, error=refusal(error), status_code=422)
    if isinstance(outcome, DetailsPrompt):
        notice = t("handheld.details_asked", product=outcome.product)
        return _product_screen(request, user, receipt, flow, prompt=outcome, notice=notice)
    if isinstance(outcome, str):
        return _product_screen(request, user, receipt, flow, error=outcome, status_code=422)
    receipt = await _receipt(request, user, receipt_id)
    return _product_screen(request, user, receipt, flow, notice=outcome.notice)


async def _received(
    session: AsyncSession,
    user: SessionUser,
    receipt: ReceiptToReceive,
    flow: HandheldFlow,
    form: FormData,
    quantity: decimal.Decimal | None,
) -> Received | DetailsPrompt | str:
    """The scanned product's receive task completed; or the batch and dates still to ask for;
    or the message of the first wrong scan (nothing received)."""
    scan = text(form, "scan")
    read = await read_scan(
        session, tenant_id=user.tenant_id, scan=scan, account_id=receipt.account_id
    )
    if read.product_id is None:
        return t("handheld.no_product", code=scan)
    product = read.product_code or scan
    receives = await open_receives(
        session, tenant_id=user.tenant_id, receipt_id=receipt.id, product_id=read.product_id
    )
    if not receives:
        return t("handheld.nothing_to_receive", product=product)
    chosen = _chosen(flow, form, read, product, receives)
    if not isinstance(chosen, OpenReceive):
        return chosen
    task = await receive(
        session,
        tenant_id=user.tenant_id,
        user_id=user.user_id,
        task=await receive_task(session, tenant_id=user.tenant_id, task_id=chosen.task_id),
        completion=Completion(confirmed_quantity=quantity),
    )
    shown = shown_quantity(required(task["confirmed_quantity"], "confirmed_quantity"))
    if not chosen.expects.is_tracked:
        return Received(t("handheld.received", quantity=shown, product=product))
    details = described(chosen.expects)
    return Received(
        t("handheld.received_details", quantity=shown, product=product, details=details)
    )


def _chosen(
    flow: HandheldFlow,
    form: FormData,
    read: BarcodeScanRecord,
    product: str,
    receives: list[OpenReceive],
) -> OpenReceive | DetailsPrompt | str:
    """The open receive task the scan is for: the first, or for a product the receipt's lines
    expect by batch or dates, the one whose line expects those given; else the prompt for what
    is missing of them, or the message of a date that is none or of details no line expects."""
    asked = details_asked(flow, receives)
    if not asked:
        return receives[0]
    given = details_given(form, read, asked)
    if isinstance(given, str):
        return given
    missing = missing_details(given, asked)
    if missing:
        values = {"scan": text(form, "scan"), "quantity": text(form, "quantity")}
        return DetailsPrompt(product, values, asked, given, missing)
    matching = next((each for each in receives if each.expects.is_met_by(given)), None)
    if matching is not None:
        return matching
    return t(
        "handheld.details_not_expected",
        product=product,
        given=described(given),
        expected=t("handheld.or").join(described(each.expects) for each in receives),
    )
