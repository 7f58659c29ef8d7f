"""The office forms that create a product (code, description, stock unit type, barcode) and
change one, read as `POST /api/products` and `PATCH /api/products/{id}` read their bodies and
written by the services they call; a refusal is shown beside the field its path names and
nothing is written."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from pydantic import ValidationError
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from clarus.api.app.document_form import SAVED
from clarus.api.app.form_errors import placed
from clarus.api.app.form_values import number
from clarus.api.app.messages import translator
from clarus.api.app.order_record import record_id_of
from clarus.api.app.permissions import EDIT_PRODUCT, NEW_PRODUCT, PRODUCTS, access
from clarus.api.app.rendering import render
from clarus.api.app.sessions import CheckedFormDep, PageProblem, app_root
from clarus.auth.app_sessions import SessionUser
from clarus.catalog.products import PRODUCT_WRITES
from clarus.catalog.products import PRODUCTS as PRODUCT_KIND
from clarus.catalog.queries import product_view, stock_unit_type_choices
from clarus.catalog.schemas import ProductAttributes, ProductUpdateAttributes
from clarus.core.db import Database
from clarus.core.errors import ClarusError
from clarus.core.records import id_of
from clarus.core.validation import problems_from_validation_error

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
WriterDep = Annotated[SessionUser, Depends(access(NEW_PRODUCT))]
EditorDep = Annotated[SessionUser, Depends(access(EDIT_PRODUCT))]
ProductIdPath = Annotated[str, Path(alias="product_id")]
FIELDS = {
    "code": "code",
    "description": "description",
    "stock_unit_type_id": "stock_unit_type",
    "barcode": "barcode",
}
"""The attribute each field of the form sets."""


async def _form_page(
    request: Request,
    user: SessionUser,
    values: dict[str, str],
    errors: dict[str, str],
    status_code: int = 200,
    *,
    record_id: int | None = None,
) -> Response:
    """The new product's form (`record_id` None) or the product's edit form."""
    db: Database = request.app.state.db
    async with db.read_session() as session:
        unit_types = await stock_unit_type_choices(session, tenant_id=user.tenant_id)
    t = translator()
    root = f"{app_root(user.subdomain)}/office/products"
    if record_id is None:
        title, action = t("product_form.heading"), f"{root}/new"
    else:
        title = t("product_form.edit", code=values.get("code") or record_id)
        action = f"{root}/{record_id}/edit"
    return render(
        request,
        "product_form.html",
        title=title,
        action=action,
        record_url=None if record_id is None else _product_url(user.subdomain, record_id),
        subdomain=user.subdomain,
        user=user,
        current_page=PRODUCTS,
        values=values,
        form_errors=errors,
        unit_types=unit_types,
        error=t("form.correct_fields") if errors else None,
        status_code=status_code,
    )


@router.get(NEW_PRODUCT.path)
async def new_product(request: Request, user: WriterDep) -> Response:
    return await _form_page(request, user, {}, {})


def _typed(form: FormData) -> dict[str, str]:
    return {name: str(form.get(name) or "").strip() for name in FIELDS.values()}


def _sent(attribute: str, text: str) -> object:
    """A field as the API is sent it: a unit type's id as a number (anything else as typed,
    for the model to refuse); an emptied field on an edit as null."""
    if not text:
        return None
    if attribute == "stock_unit_type_id":
        return number(text)
    return text


@router.post(NEW_PRODUCT.path)
async def create_product(request: Request, user: WriterDep, form: CheckedFormDep) -> Response:
    values = _typed(form)
    attributes = {
        attribute: _sent(attribute, values[name])
        for attribute, name in FIELDS.items()
        if values[name]
    }
    db: Database = request.app.state.db
    try:
        parsed = ProductAttributes.model_validate_json(json.dumps(attributes), strict=True)
        async with db.write_session() as session:
            record = await PRODUCT_WRITES.create(
                session, PRODUCT_KIND, tenant_id=user.tenant_id, attributes=parsed
            )
    except ValidationError as error:
        errors = placed(problems_from_validation_error(error), FIELDS, "code")
        return await _form_page(request, user, values, errors, 422)
    except ClarusError as error:
        errors = placed(error.problems, FIELDS, "code")
        return await _form_page(request, user, values, errors, 422)
    return RedirectResponse(f"{_product_url(user.subdomain, id_of(record))}?done={SAVED}", 303)


def _product_url(subdomain: str, product_id: int) -> str:
    return f"{app_root(subdomain)}/office/products/{product_id}"


async def _current_values(request: Request, user: SessionUser, product_id: int) -> dict[str, str]:
    """The product's fields as its edit form starts; the missing page when the tenant has no
    such product (another tenant's included)."""
    db: Database = request.app.state.db
    async with db.read_session() as session:
        product = await product_view(session, tenant_id=user.tenant_id, product_id=product_id)
    if product is None:
        raise PageProblem(404, "problem.not_found")
    unit_type = product.stock_unit_type_id
    return {
        "code": product.code,
        "description": product.description or "",
        "stock_unit_type": "" if unit_type is None else str(unit_type),
        "barcode": product.barcode or "",
    }


@router.get(EDIT_PRODUCT.path)
async def edit_product(request: Request, user: EditorDep, product_id: ProductIdPath) -> Response:
    record_id = record_id_of(product_id)
    values = await _current_values(request, user, record_id)
    return await _form_page(request, user, values, {}, record_id=record_id)


@router.post(EDIT_PRODUCT.path)
async def change_product(
    request: Request, user: EditorDep, form: CheckedFormDep, product_id: ProductIdPath
) -> Response:
    """What changed, read as `PATCH /api/products/{id}` reads its body and written by the
    service it calls: an emptied field is sent as null (refused where the product needs it)."""
    record_id = record_id_of(product_id)
    current = await _current_values(request, user, record_id)
    values = _typed(form)
    attributes = {
        attribute: _sent(attribute, values[name])
        for attribute, name in FIELDS.items()
        if values[name] != current[name]
    }
    db: Database = request.app.state.db
    try:
        parsed = ProductUpdateAttributes.model_validate_json(json.dumps(attributes), strict=True)
        async with db.write_session() as session:
            await PRODUCT_WRITES.update(
                session,
                PRODUCT_KIND,
                tenant_id=user.tenant_id,
                record_id=record_id,
                attributes=parsed,
            )
    except ValidationError as error:
        errors = placed(problems_from_validation_error(error), FIELDS, "")
        return await _form_page(request, user, values, errors, 422, record_id=record_id)
    except ClarusError as error:
        errors = placed(error.problems, FIELDS, "")
        return await _form_page(request, user, values, errors, 422, record_id=record_id)
    return RedirectResponse(f"{_product_url(user.subdomain, record_id)}?done={SAVED}", 303)
