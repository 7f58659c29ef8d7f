"""The office form that creates an order: its header and up to `LINE_ROWS` lines by product
code, made by the service `POST /api/goods_outs` calls. What the service or the attribute model
refuses is shown beside the field it names (the problem's path mapped to the form's field);
nothing is written unless all of it is accepted."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import ValidationError
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from clarus.api.app.messages import translator
from clarus.api.app.order_record import order_url
from clarus.api.app.permissions import NEW_ORDER, ORDERS, access
from clarus.api.app.rendering import render
from clarus.api.app.sessions import CheckedFormDep
from clarus.auth.app_sessions import SessionUser
from clarus.catalog.queries import product_ids_by_code
from clarus.core.db import Database
from clarus.core.errors import ClarusError, Problem
from clarus.core.records import id_of
from clarus.core.validation import problems_from_validation_error
from clarus.masterdata.queries import accounts_and_warehouses
from clarus.outbound import service
from clarus.outbound.schemas import GoodsOutAttributes

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
LINE_ROWS = 5
HEADER_FIELDS = {
    "account_id": "account",
    "warehouse_id": "warehouse",
    "reference": "reference",
    "expected_date_of_dispatch": "due",
    "order_notes": "notes",
}
"""The attribute each header field of the form sets."""
LINE_FIELDS = {"product_id": "product", "order_quantity": "quantity"}
NUMBER = re.compile(r"-?\d{1,18}(\.\d{1,9})?")
LINE_PATH = re.compile(r"^/lines_changes/(\d+)/attributes/(\w+)")
WriterDep = Annotated[SessionUser, Depends(access(NEW_ORDER))]


@dataclass(slots=True)
class OrderForm:
    """What was typed, the attributes it makes, and the messages by form field (`""`: about
    the form as a whole)."""

    values: dict[str, str]
    rows: list[int]
    """The form's line rows that were filled in, in the order they are sent."""
    errors: dict[str, str] = field(default_factory=dict)

    def place(self, problem: Problem) -> None:
        """Show `problem` beside the field its path names (the first message a field gets)."""
        name = _field_of(problem.path or "", self.rows)
        self.errors.setdefault(name, problem.details or problem.kind.message)


def _field_of(path: str, rows: list[int]) -> str:
    line = LINE_PATH.match(path)
    if line is not None:
        index, attribute = int(line.group(1)), line.group(2)
        if index < len(rows) and attribute in LINE_FIELDS:
            return f"line-{rows[index]}-{LINE_FIELDS[attribute]}"
        return ""
    return HEADER_FIELDS.get(path.strip("/").split("/")[0], "")


def _timestamp(text: str) -> str:
    """A `datetime-local` value as an ISO 8601 UTC time; anything else as typed, for the model
    to refuse with the message the API gives."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return moment.isoformat().replace("+00:00", "Z")


def _number(text: str) -> int | float | str:
    """A number typed in a form as the JSON number the API would be sent; anything else as
    typed, for the model to refuse."""
    if NUMBER.fullmatch(text) is None:
        return text
    return float(text) if "." in text else int(text)


def _read(form: FormData) -> OrderForm:
    names = [*HEADER_FIELDS.values()]
    names += [f"line-{row}-{part}" for row in range(LINE_ROWS) for part in LINE_FIELDS.values()]
    values = {name: str(form.get(name) or "").strip() for name in names}
    rows = [
        row
        for row in range(LINE_ROWS)
        if values[f"line-{row}-product"] or values[f"line-{row}-quantity"]
    ]
    return OrderForm(values, rows)


def _attributes(form: OrderForm, product_ids: Mapping[str, int]) -> dict[str, object]:
    """The body's attributes as `POST /api/goods_outs` is sent them (read as JSON, strictly, as
    the API reads a body, so the messages are the API's); empty fields left out."""
    values = form.values
    attributes: dict[str, object] = {
        attribute: values[name] for attribute, name in HEADER_FIELDS.items() if values[name]
    }
    for attribute in ("account_id", "warehouse_id"):
        if attribute in attributes:
            attributes[attribute] = _number(values[HEADER_FIELDS[attribute]])
    if "expected_date_of_dispatch" in attributes:
        attributes["expected_date_of_dispatch"] = _timestamp(values["due"])
    lines: list[dict[str, object]] = []
    for row in form.rows:
        code, quantity = values[f"line-{row}-product"], values[f"line-{row}-quantity"]
        line: dict[str, object] = {}
        if code:
            line["product_id"] = product_ids.get(code, 0)
        if quantity:
            line["order_quantity"] = _number(quantity)
        lines.append({"type": "ADD", "attributes": line})
    if lines:
        attributes["lines_changes"] = lines
    return attributes


async def _form_page(
    request: Request, user: SessionUser, form: OrderForm, *, status_code: int = 200
) -> Response:
    db: Database = request.app.state.db
    async with db.read_session() as session:
        account_choices, warehouse_choices = await accounts_and_warehouses(
            session, tenant_id=user.tenant_id
        )
    t = translator()
    return render(
        request,
        "order_form.html",
        subdomain=user.subdomain,
        user=user,
        current_page=ORDERS,
        form=form,
        accounts=account_choices,
        warehouses=warehouse_choices,
        line_rows=range(LINE_ROWS),
        error=t("form.correct_fields") if form.errors else None,
        status_code=status_code,
    )


@router.get(NEW_ORDER.path)
async def new_order(request: Request, user: WriterDep) -> Response:
    return await _form_page(request, user, OrderForm({}, []))


@router.post(NEW_ORDER.path)
async def create_order(request: Request, user: WriterDep, posted: CheckedFormDep) -> Response:
    form = _read(posted)
    db: Database = request.app.state.db
    t = translator()
    codes = {form.values[f"line-{row}-product"] for row in form.rows} - {""}
    async with db.read_session() as session:
        product_ids = await product_ids_by_code(session, tenant_id=user.tenant_id, codes=codes)
    for row in form.rows:
        code = form.values[f"line-{row}-product"]
        if code and code not in product_ids:
            form.errors[f"line-{row}-product"] = t("form.unknown_product", code=code)
    try:
        attributes = GoodsOutAttributes.model_validate_json(
            json.dumps(_attributes(form, product_ids)), strict=True
        )
    except ValidationError as error:
        for problem in problems_from_validation_error(error):
            form.place(problem)
    if form.errors:
        return await _form_page(request, user, form, status_code=422)
    try:
        async with db.write_session() as session:
            record = await service.GOODS_OUT_WRITES.create(
                session, service.GOODS_OUTS, tenant_id=user.tenant_id, attributes=attributes
            )
    except ClarusError as error:
        for problem in error.problems:
            form.place(problem)
        return await _form_page(request, user, form, status_code=422)
    return RedirectResponse(order_url(user.subdomain, id_of(record)), 303)
