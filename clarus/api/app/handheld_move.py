"""Moving stock on the handheld: scan the location it is in, the product, type the quantity and
scan the location it goes to. The oldest record of the product there with that much
unallocated is moved by `inventory.service.move`, the service of `POST /api/stocks/{id}/move`,
which refuses a location of another warehouse."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.responses import Response

from clarus.api.app.handheld import (
    StepField,
    menu_url,
    quantity_of,
    refusal,
    render_step,
    shown_quantity,
    t,
    text,
)
from clarus.api.app.permissions import MOVE, access
from clarus.api.app.sessions import CheckedFormDep
from clarus.auth.app_sessions import SessionUser
from clarus.catalog.scans import read_scan
from clarus.core.db import Database
from clarus.core.errors import ClarusError
from clarus.inventory.queries import movable_stock_id
from clarus.inventory.schemas import MoveAttributes
from clarus.inventory.service import move
from clarus.masterdata.queries import location_id_scanned

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
MoverDep = Annotated[SessionUser, Depends(access(MOVE))]


def _screen(
    request: Request,
    user: SessionUser,
    *,
    error: str | None = None,
    notice: str | None = None,
    status_code: int = 200,
) -> Response:
    return render_step(
        request,
        user,
        MOVE,
        action="",
        fields=[
            StepField("from_location", t("handheld.scan_from")),
            StepField("product", t("handheld.scan_product")),
            StepField("quantity", t("handheld.quantity"), scan=False, numeric=True),
            StepField("to_location", t("handheld.scan_to")),
        ],
        submit=t("handheld.next"),
        error=error,
        notice=notice,
        done_url=menu_url(user),
        status_code=status_code,
    )


@router.get(MOVE.path)
async def move_screen(request: Request, user: MoverDep) -> Response:
    return _screen(request, user)


@router.post(MOVE.path)
async def move_scanned(request: Request, user: MoverDep, form: CheckedFormDep) -> Response:
    """The scans read, then the stock moved; the empty screen again for the next move."""
    db: Database = request.app.state.db
    try:
        async with db.write_session() as session:
            problem, moved = await _moved(session, user, form)
    except ClarusError as error:
        return _screen(request, user, error=refusal(error), status_code=422)
    if moved is None:
        return _screen(request, user, error=problem, status_code=422)
    return _screen(request, user, notice=moved)


async def _moved(
    session: AsyncSession, user: SessionUser, form: FormData
) -> tuple[str, None] | tuple[None, str]:
    """The stock moved as scanned and the notice saying so, or the message of the first wrong
    scan (nothing moved)."""
    from_code, to_code = text(form, "from_location"), text(form, "to_location")
    from_id = await location_id_scanned(
        session, tenant_id=user.tenant_id, warehouse_id=None, scan=from_code
    )
    if from_id is None:
        return t("handheld.no_location_anywhere", code=from_code), None
    scanned = text(form, "product")
    read = await read_scan(session, tenant_id=user.tenant_id, scan=scanned)
    if read.product_id is None:
        return t("handheld.no_product", code=scanned), None
    product = read.product_code or scanned
    quantity = quantity_of(form)
    if quantity is None:
        return t("handheld.bad_quantity"), None
    to_id = await location_id_scanned(
        session, tenant_id=user.tenant_id, warehouse_id=None, scan=to_code
    )
    if to_id is None:
        return t("handheld.no_location_anywhere", code=to_code), None
    stock_id = await movable_stock_id(
        session,
        tenant_id=user.tenant_id,
        location_id=from_id,
        product_id=read.product_id,
        quantity=quantity,
    )
    shown = shown_quantity(quantity)
    if stock_id is None:
        return t("handheld.not_there", quantity=shown, product=product, location=from_code), None
    await move(
        session,
        tenant_id=user.tenant_id,
        user_id=user.user_id,
        stock_id=stock_id,
        attributes=MoveAttributes(quantity=quantity, to_location_id=to_id),
    )
    notice = t("handheld.moved", quantity=shown, product=product, source=from_code, to=to_code)
    return None, notice
