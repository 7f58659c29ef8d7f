"""The office forms of a record with lines (an order, a receipt): its header fields and its
lines by product code, read as the REST body of its create or `PATCH` is read (strict JSON, so
the messages are the API's) and written by the service REST calls.

An edit sends only what changed, as a `PATCH` would: a field emptied as null, a line's new
quantity as an UPDATE, a line marked for removal as a DESTROY, each filled new row as an ADD
(the `lines_changes` of the body). A refusal is shown beside the field its path names, or above
the form when it names none (an order that can no longer change); nothing is written unless all
of it is accepted."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from fastapi import APIRouter, Request
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from clarus.api.app.form_errors import placed
from clarus.api.app.form_values import number
from clarus.api.app.messages import translator
from clarus.api.app.order_record import record_id_of
from clarus.api.app.permissions import AppPage, ensure_may_open
from clarus.api.app.rendering import render
from clarus.api.app.sessions import CheckedFormDep, PageProblem, SignedInDep, app_root
from clarus.auth.app_sessions import SessionUser
from clarus.catalog.queries import product_ids_by_code
from clarus.core.crud import RecordKind, RecordWrites
from clarus.core.db import Database
from clarus.core.errors import ClarusError, Problem
from clarus.core.records import id_of
from clarus.core.schemas import InputModel
from clarus.core.validation import problems_from_validation_error
from clarus.masterdata.queries import accounts_and_warehouses

NEW_ROWS = 5
"""The empty rows a form offers for new lines."""
CHECKED = "on"
SAVED = "saved"
"""The record page's notice after a form saved it (`?done=saved`)."""
PATH_PARAMETER = re.compile(r"\{(\w+)\}")


class Widget(StrEnum):
    CHOICE = "choice"
    """One of the tenant's accounts or warehouses, by the field's name."""
    TEXT = "text"
    MOMENT = "datetime-local"
    NOTES = "notes"


@dataclass(frozen=True, slots=True)
class HeaderField:
    attribute: str
    name: str
    """The form field, also its element's id."""
    label_key: str
    widget: Widget
    required: bool = False
    max_length: int | None = None

    def sent(self, text: str) -> object:
        """`text` as the JSON value the API would be sent; anything a number or a time cannot
        be read from is sent as typed, for the model to refuse with the API's message."""
        if self.widget is Widget.CHOICE:
            return number(text)
        if self.widget is Widget.MOMENT:
            return _timestamp(text)
        return text


@dataclass(frozen=True, slots=True)
class CurrentLine:
    id: int
    product_code: str
    quantity: str

    @property
    def quantity_field(self) -> str:
        return f"current-{self.id}-quantity"

    @property
    def remove_field(self) -> str:
        return f"current-{self.id}-remove"


@dataclass(frozen=True, slots=True)
class Current:
    """A record as its edit form starts: each field's text by name, and its lines."""

    values: dict[str, str]
    lines: list[CurrentLine]
    heading: str
    """How a person knows the record (its reference, else its id)."""


Loader = Callable[[AsyncSession, int, int], Awaitable[Current | None]]
"""The tenant's record as its edit form starts, or None when it has no such record."""


@dataclass(frozen=True, slots=True)
class LinedRecordForm:
    """What the create and edit forms of one kind of record with lines need."""

    key: str
    """Its messages are `<key>_form.new` and `<key>_form.edit`."""
    fields: tuple[HeaderField, ...]
    quantity: str
    """The attribute of a line's quantity."""
    create_model: type[InputModel]
    update_model: type[InputModel]
    kind: RecordKind
    writes: RecordWrites
    list_page: AppPage
    load: Loader

    @property
    def attribute_fields(self) -> dict[str, str]:
        return {header.attribute: header.name for header in self.fields}

    def record_url(self, subdomain: str, record_id: int) -> str:
        return f"{app_root(subdomain)}{self.list_page.path}/{record_id}"


@dataclass(slots=True)
class FilledForm:
    """What was typed, the attributes it makes, and the messages by form field (`""`: about
    the form as a whole)."""

    values: dict[str, str]
    lines: list[CurrentLine] = field(default_factory=list)
    attributes: dict[str, object] = field(default_factory=dict)
    changes: list[dict[str, object]] = field(default_factory=list)
    change_fields: list[dict[str, str]] = field(default_factory=list)
    """For each change sent, the form field of each of its attributes (and of its `id`)."""
    errors: dict[str, str] = field(default_factory=dict)

    def place(self, problems: list[Problem], fields: Mapping[str, str]) -> None:
        for name, message in placed(problems, fields, "", self.change_fields).items():
            self.errors.setdefault(name, message)


def _timestamp(text: str) -> str:
    """A `datetime-local` value as an ISO 8601 UTC time; anything else as typed."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return moment.isoformat().replace("+00:00", "Z")


def moment_text(moment: dt.datetime | None) -> str:
    """A stored time as a `datetime-local` field shows it (UTC, to the minute)."""
    return "" if moment is None else moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M")


def quantity_text(quantity: decimal.Decimal) -> str:
    return format(quantity.normalize(), "f")


def _typed(posted: FormData, name: str) -> str:
    return str(posted.get(name) or "").strip()


def _row_field(row: int, part: str) -> str:
    return f"line-{row}-{part}"


def _read(spec: LinedRecordForm, posted: FormData, current: Current | None) -> FilledForm:
    """The form's fields as typed and the attributes and line changes they make."""
    names = [header.name for header in spec.fields]
    names += [_row_field(row, part) for row in range(NEW_ROWS) for part in ("product", "quantity")]
    form = FilledForm({name: _typed(posted, name) for name in names})
    for header in spec.fields:
        text = form.values[header.name]
        if current is None and text:
            form.attributes[header.attribute] = header.sent(text)
        elif current is not None and text != current.values.get(header.name, ""):
            form.attributes[header.attribute] = header.sent(text) if text else None
    if current is not None:
        form.lines = current.lines
        for line in current.lines:
            _read_current_line(spec, form, posted, line)
    return form


def _read_current_line(
    spec: LinedRecordForm, form: FilledForm, posted: FormData, line: CurrentLine
) -> None:
    quantity = _typed(posted, line.quantity_field)
    form.values[line.quantity_field] = quantity
    if _typed(posted, line.remove_field) == CHECKED:
        form.values[line.remove_field] = CHECKED
        form.changes.append({"type": "DESTROY", "id": line.id})
        form.change_fields.append({"id": line.remove_field})
    elif quantity != line.quantity:
        sent = {spec.quantity: number(quantity) if quantity else None}
        form.changes.append({"type": "UPDATE", "id": line.id, "attributes": sent})
        form.change_fields.append({"id": line.quantity_field, spec.quantity: line.quantity_field})


async def _add_new_rows(
    request: Request, user: SessionUser, spec: LinedRecordForm, form: FilledForm
) -> None:
    """An ADD for each filled new row, its product found by code (an unknown code is marked
    beside its field)."""
    values = form.values
    rows = [
        row
        for row in range(NEW_ROWS)
        if values[_row_field(row, "product")] or values[_row_field(row, "quantity")]
    ]
    codes = {values[_row_field(row, "product")] for row in rows} - {""}
    db: Database = request.app.state.db
    async with db.read_session() as session:
        product_ids = await product_ids_by_code(session, tenant_id=user.tenant_id, codes=codes)
    t = translator()
    for row in rows:
        product_field, quantity_field = _row_field(row, "product"), _row_field(row, "quantity")
        code, quantity = values[product_field], values[quantity_field]
        if code and code not in product_ids:
            form.errors[product_field] = t("form.unknown_product", code=code)
        line: dict[str, object] = {}
        if code:
            line["product_id"] = product_ids.get(code, 0)
        if quantity:
            line[spec.quantity] = number(quantity)
        form.changes.append({"type": "ADD", "attributes": line})
        form.change_fields.append({"product_id": product_field, spec.quantity: quantity_field})


async def form_page(
    request: Request,
    user: SessionUser,
    spec: LinedRecordForm,
    form: FilledForm,
    *,
    record_id: int | None = None,
    heading: str = "",
    status_code: int = 200,
) -> Response:
    """The new record's form (`record_id` None) or the record's edit form."""
    db: Database = request.app.state.db
    async with db.read_session() as session:
        accounts, warehouses = await accounts_and_warehouses(session, tenant_id=user.tenant_id)
    t = translator()
    root = app_root(user.subdomain)
    if record_id is None:
        title, action = t(f"{spec.key}_form.new"), f"{root}{spec.list_page.path}/new"
    else:
        title = t(f"{spec.key}_form.edit", reference=heading)
        action = f"{spec.record_url(user.subdomain, record_id)}/edit"
    return render(
        request,
        "document_form.html",
        subdomain=user.subdomain,
        user=user,
        current_page=spec.list_page,
        title=title,
        action=action,
        record_url=None if record_id is None else spec.record_url(user.subdomain, record_id),
        fields=spec.fields,
        choices={"account": accounts, "warehouse": warehouses},
        form=form,
        new_rows=range(NEW_ROWS),
        error=t("form.correct_fields") if form.errors else None,
        status_code=status_code,
    )


async def current_record(
    request: Request, user: SessionUser, spec: LinedRecordForm, record_id: int
) -> Current:
    """The record as its edit form starts; the missing page when the tenant has no such
    record (another tenant's included)."""
    db: Database = request.app.state.db
    async with db.read_session() as session:
        current = await spec.load(session, user.tenant_id, record_id)
    if current is None:
        raise PageProblem(404, "problem.not_found")
    return current


async def edit_page(
    request: Request, user: SessionUser, spec: LinedRecordForm, record_id: int
) -> Response:
    current = await current_record(request, user, spec, record_id)
    form = FilledForm(dict(current.values), current.lines)
    for line in current.lines:
        form.values[line.quantity_field] = line.quantity
    return await form_page(request, user, spec, form, record_id=record_id, heading=current.heading)


async def submit(
    request: Request,
    user: SessionUser,
    spec: LinedRecordForm,
    posted: FormData,
    record_id: int | None = None,
) -> Response:
    """Create the record (`record_id` None) or change it from the posted form; on a refusal,
    the form again with each message beside its field (422)."""
    current = None if record_id is None else await current_record(request, user, spec, record_id)
    form = _read(spec, posted, current)
    await _add_new_rows(request, user, spec, form)
    if form.changes:
        form.attributes["lines_changes"] = form.changes
    model = spec.create_model if current is None else spec.update_model
    fields = spec.attribute_fields
    attributes: InputModel | None = None
    try:
        attributes = model.model_validate_json(json.dumps(form.attributes), strict=True)
    except ValidationError as error:
        form.place(problems_from_validation_error(error), fields)
    if attributes is not None and not form.errors:
        try:
            saved_id = await _write(request, user, spec, attributes, record_id)
        except ClarusError as error:
            if error.status == 404 and record_id is not None and not error.problems[0].path:
                raise PageProblem(404, "problem.not_found") from None
            form.place(list(error.problems), fields)
        else:
            landing = f"{spec.record_url(user.subdomain, saved_id)}?done={SAVED}"
            return RedirectResponse(landing, 303)
    heading = "" if current is None else current.heading
    return await form_page(
        request, user, spec, form, record_id=record_id, heading=heading, status_code=422
    )


async def _write(
    request: Request,
    user: SessionUser,
    spec: LinedRecordForm,
    attributes: InputModel,
    record_id: int | None,
) -> int:
    db: Database = request.app.state.db
    async with db.write_session() as session:
        if record_id is None:
            record = await spec.writes.create(
                session, spec.kind, tenant_id=user.tenant_id, attributes=attributes
            )
        else:
            record = await spec.writes.update(
                session,
                spec.kind,
                tenant_id=user.tenant_id,
                record_id=record_id,
                attributes=attributes,
            )
    return id_of(record)


def add_form_routes(router: APIRouter, spec: LinedRecordForm, new: AppPage, edit: AppPage) -> None:
    """The new record's form at `new.path` and the record's edit form at `edit.path` (whose
    one parameter is the record's id), each shown by GET and posted to the same address."""
    [id_parameter] = PATH_PARAMETER.findall(edit.path)

    async def new_form(request: Request, user: SignedInDep) -> Response:
        ensure_may_open(user, new)
        return await form_page(request, user, spec, FilledForm({}))

    async def create(request: Request, user: SignedInDep, posted: CheckedFormDep) -> Response:
        ensure_may_open(user, new)
        return await submit(request, user, spec, posted)

    async def edit_form(request: Request, user: SignedInDep) -> Response:
        ensure_may_open(user, edit)
        record_id = record_id_of(str(request.path_params[id_parameter]))
        return await edit_page(request, user, spec, record_id)

    async def change(request: Request, user: SignedInDep, posted: CheckedFormDep) -> Response:
        ensure_may_open(user, edit)
        record_id = record_id_of(str(request.path_params[id_parameter]))
        return await submit(request, user, spec, posted, record_id)

    router.add_api_route(new.path, new_form, methods=["GET"])
    router.add_api_route(new.path, create, methods=["POST"])
    router.add_api_route(edit.path, edit_form, methods=["GET"])
    router.add_api_route(edit.path, change, methods=["POST"])
