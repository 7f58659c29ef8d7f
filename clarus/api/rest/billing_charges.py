"""Charge baskets (with `generate_invoice`), charge lines (with bulk delete), and our two
triggers of the charge engine: a round over the outbox and a day's storage run."""

from fastapi import Request, Response

from clarus.api.rest.crud import RecordIdPath, RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import documented_models, openapi_operation
from clarus.api.rest.ids import IdsQuery, parse_ids
from clarus.api.rest.pdfs import PDF, pdf_response
from clarus.api.rest.responses import JsonResponse, ResponseShape, attributes_of, no_content
from clarus.api.rest.routers import document_router, write_router
from clarus.auth.scopes import Scope
from clarus.billing.baskets import BASKET_WRITES, CHARGE_BASKETS, CHARGE_LINES, LINE_WRITES
from clarus.billing.baskets import delete_lines as delete_charge_lines
from clarus.billing.engine import charge_events, charge_storage_day
from clarus.billing.invoices import generate_invoices, invoice_pdf
from clarus.billing.records import ChargeBasketRecord, ChargeLineRecord
from clarus.billing.schemas import (
    ChargeBasketAttributes,
    ChargeBasketUpdateAttributes,
    ChargeEventsBody,
    ChargeLineAttributes,
    ChargeLineUpdateAttributes,
    GenerateInvoiceBody,
    StorageRunBody,
)
from clarus.core.records import RowDict
from clarus.core.validation import parse_json_body

baskets_router = write_router("Charging: Baskets")
lines_router = write_router("Charging: Lines")
for model in (GenerateInvoiceBody, StorageRunBody, ChargeEventsBody):
    documented_models[model.__name__] = model


@baskets_router.post(
    "/charge_baskets/generate_invoice",
    operation_id="generateInvoiceFromChargeBaskets",
    summary="Generate invoices from closed charge baskets",
    openapi_extra=openapi_operation(GenerateInvoiceBody),
)
async def generate_invoice(
    request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """Flat body `{"ids": [...]}`: one draft invoice per account of the (closed) baskets."""
    body = parse_json_body(GenerateInvoiceBody, await request.body())
    made = await generate_invoices(session, tenant_id=principal.tenant_id, basket_ids=body.ids)
    return JsonResponse({"data": [_ar_document(invoice) for invoice in made]})


def _ar_document(invoice: RowDict) -> dict[str, object]:
    """As the contract shows an AR document: the id a string, and again (an integer) among the
    attributes, the account also as a relationship."""
    return {
        "id": str(invoice["id"]),
        "type": "ar_documents",
        "attributes": {"id": invoice["id"], **attributes_of(invoice)},
        "relationships": {
            "account": {"data": {"id": str(invoice["account_id"]), "type": "accounts"}}
        },
    }


add_crud_routes(
    baskets_router,
    RestResource(
        kind=CHARGE_BASKETS,
        writes=BASKET_WRITES,
        resource_type="charge_baskets",
        schema_name="ChargeBasket",
        create_attributes=ChargeBasketAttributes,
        update_attributes=ChargeBasketUpdateAttributes,
        record=ChargeBasketRecord,
        create_operation="createChargeBasket",
        update_operation="updateChargeBasket",
        delete_operation="destroyChargeBasket",
        label="charge basket",
        shape=ResponseShape(id_as_string=True),
    ),
)


@lines_router.delete(
    "/charge_lines",
    status_code=204,
    operation_id="destroyChargeLineCollection",
    summary="Delete charge lines not yet invoiced",
)
async def destroy_charge_lines(
    principal: PrincipalDep, session: SessionDep, ids: IdsQuery = None
) -> Response:
    """All of them or, when any is invoiced or not one of the tenant's, none."""
    await delete_charge_lines(session, tenant_id=principal.tenant_id, line_ids=parse_ids(ids))
    return no_content()


@lines_router.post(
    "/charge_lines/charge_events",
    operation_id="chargeEvents",
    summary="Run the charge engine over the event outbox (ours)",
    openapi_extra=openapi_operation(ChargeEventsBody),
)
async def run_charge_engine(
    request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """One engine round: what the worker does on its schedule, for a caller that cannot wait."""
    body = parse_json_body(ChargeEventsBody, await request.body())
    done = await charge_events(session, limit=body.batch_size)
    return JsonResponse({"events": done.events, "lines": done.lines})


@lines_router.post(
    "/charge_lines/storage_run",
    operation_id="runStorageCharges",
    summary="Charge a day's storage of the tenant's accounts (ours)",
    openapi_extra=openapi_operation(StorageRunBody),
)
async def storage_run(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    """Run again for the same day, it writes nothing more."""
    body = parse_json_body(StorageRunBody, await request.body())
    written = await charge_storage_day(session, day=body.day, tenant_id=principal.tenant_id)
    return JsonResponse({"lines": written})


add_crud_routes(
    lines_router,
    RestResource(
        kind=CHARGE_LINES,
        writes=LINE_WRITES,
        resource_type="charge_lines",
        schema_name="ChargeLine",
        create_attributes=ChargeLineAttributes,
        update_attributes=ChargeLineUpdateAttributes,
        record=ChargeLineRecord,
        create_operation="createChargeLine",
        update_operation="updateChargeLine",
        delete_operation="destroyChargeLine",
        label="charge line",
    ),
)


invoices_router = document_router("Charging: Baskets", Scope.READ)


@invoices_router.get(
    "/ar_documents/{id}/pdf",
    operation_id="downloadInvoicePdf",
    summary="Download an invoice as a PDF (ours)",
    response_class=Response,
    responses={200: {"content": {PDF: {"schema": {"type": "string", "format": "binary"}}}}},
)
async def download_invoice(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    """The PDF rendered when the invoice was generated."""
    pdf = await invoice_pdf(session, tenant_id=principal.tenant_id, invoice_id=record_id)
    return pdf_response(pdf, f"invoice-{record_id}.pdf")
