"""The office form that creates a product (code, description, stock unit type, barcode), read
as `POST /api/products` reads its body and made by the service it calls; a refusal is shown
beside the field its path names and nothing is written."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import ValidationError
from starlette.responses import RedirectResponse, Response

from clarus.api.app.form_errors import placed
from clarus.api.app.messages import translator
from clarus.api.app.permissions import NEW_PRODUCT, PRODUCTS, access
from clarus.api.app.rendering import render
from clarus.api.app.sessions import CheckedFormDep, app_root
from clarus.auth.app_sessions import SessionUser
from clarus.catalog.products import PRODUCT_WRITES
from clarus.catalog.products import PRODUCTS as PRODUCT_KIND
from clarus.catalog.queries import stock_unit_type_choices
from clarus.catalog.schemas import ProductAttributes
from clarus.core.db import Database
from clarus.core.errors import ClarusError
from clarus.core.validation import problems_from_validation_error

router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
WriterDep = Annotated[SessionUser, Depends(access(NEW_PRODUCT))]
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
) -> Response:
    db: Database = request.app.state.db
    async with db.read_session() as session:
        unit_types = await stock_unit_type_choices(session, tenant_id=user.tenant_id)
    return render(
        request,
        "product_form.html",
        subdomain=user.subdomain,
        user=user,
        current_page=PRODUCTS,
        values=values,
        form_errors=errors,
        unit_types=unit_types,
        error=translator()("form.correct_fields") if errors else None,
        status_code=status_code,
    )


@router.get(NEW_PRODUCT.path)
async def new_product(request: Request, user: WriterDep) -> Response:
    return await _form_page(request, user, {}, {})


@router.post(NEW_PRODUCT.path)
async def create_product(request: Request, user: WriterDep, form: CheckedFormDep) -> Response:
    values = {name: str(form.get(name) or "").strip() for name in FIELDS.values()}
    attributes: dict[str, object] = {
        attribute: values[name] for attribute, name in FIELDS.items() if values[name]
    }
    unit_type = values["stock_unit_type"]
    if unit_type.isdigit():
        attributes["stock_unit_type_id"] = int(unit_type)
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
    return RedirectResponse(f"{app_root(user.subdomain)}/office/products/{record['id']}", 303)
