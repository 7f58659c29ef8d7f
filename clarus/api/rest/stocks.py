"""Stock actions: `POST /api/stocks/positive_adjustment` (ours), `/{id}/negative_adjustment`,
`/{id}/move`, `/{id}/transfer`, and the bulk `/hold` and `/offhold`."""

from collections.abc import Awaitable, Sequence
from typing import Annotated, Protocol, TypeVar

from fastapi import Depends, Request, Response
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.api.rest.crud import RecordIdPath
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import (
    ResourceBody,
    body_of,
    documented_models,
    openapi_operation,
    resource_body,
)
from clarus.api.rest.errors import ATTRIBUTES, input_at
from clarus.api.rest.responses import JsonResponse, resource_response
from clarus.api.rest.routers import write_router
from clarus.core.records import RowDict
from clarus.core.validation import parse_json_body
from clarus.inventory import service
from clarus.inventory.schemas import (
    HoldRequest,
    MoveAttributes,
    NegativeAdjustmentAttributes,
    PositiveAdjustmentAttributes,
    TransferAttributes,
)
from clarus.inventory.statuses import StockStatus

RESOURCE_TYPE = "stocks"
router = write_router("Stocks")
PositiveAdjustmentBody = resource_body(
    "StockPositiveAdjustmentBody", RESOURCE_TYPE, PositiveAdjustmentAttributes
)
NegativeAdjustmentBody = resource_body(
    "StockNegativeAdjustmentBody", RESOURCE_TYPE, NegativeAdjustmentAttributes
)
MoveBody = resource_body("StockMoveBody", RESOURCE_TYPE, MoveAttributes)
TransferBody = resource_body("StockTransferBody", RESOURCE_TYPE, TransferAttributes)
documented_models[HoldRequest.__name__] = HoldRequest


@router.post(
    "/stocks/positive_adjustment",
    operation_id="positiveAdjustmentStock",
    summary="Add stock (ours)",
    openapi_extra=openapi_operation(PositiveAdjustmentBody),
)
async def adjust_up(
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[
        ResourceBody[PositiveAdjustmentAttributes], Depends(body_of(PositiveAdjustmentBody))
    ],
) -> Response:
    """Stock found or counted in, added to the matching stock record in the location (same
    product, account, storage unit, batch and dates) or to a new one; answers with it."""
    with input_at(ATTRIBUTES):
        stock = await service.adjust_up(
            session,
            tenant_id=principal.tenant_id,
            user_id=principal.user_id,
            attributes=body.data.attributes,
        )
    return resource_response(RESOURCE_TYPE, stock)


AttributesT = TypeVar("AttributesT", bound=BaseModel)
AttributesT_contra = TypeVar("AttributesT_contra", bound=BaseModel, contravariant=True)


class StockAction(Protocol[AttributesT_contra]):
    """A stock service run on one record with a request's attributes; answers a record."""

    def __call__(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        user_id: int,
        stock_id: int,
        attributes: AttributesT_contra,
    ) -> Awaitable[RowDict]: ...


def _add_stock_action(
    action: str,
    operation_id: str,
    summary: str,
    body_model: type[ResourceBody[AttributesT]],
    run: StockAction[AttributesT],
    description: str,
) -> None:
    """`POST /stocks/{id}/<action>`: run the service on the record with the body's
    attributes; the answer is the stock record the service returns."""

    async def endpoint(
        record_id: RecordIdPath,
        principal: PrincipalDep,
        session: SessionDep,
        body: Annotated[ResourceBody[AttributesT], Depends(body_of(body_model))],
    ) -> Response:
        with input_at(ATTRIBUTES):
            stock = await run(
                session,
                tenant_id=principal.tenant_id,
                user_id=principal.user_id,
                stock_id=record_id,
                attributes=body.data.attributes,
            )
        return resource_response(RESOURCE_TYPE, stock)

    router.add_api_route(
        f"/stocks/{{id}}/{action}",
        endpoint,
        methods=["POST"],
        operation_id=operation_id,
        summary=summary,
        description=description,
        openapi_extra=openapi_operation(body_model),
    )


_add_stock_action(
    "negative_adjustment",
    "negativeAdjustmentStock",
    "Remove stock",
    NegativeAdjustmentBody,
    service.adjust_down,
    "At most the record's unallocated quantity (422 `insufficient_stock`).",
)
_add_stock_action(
    "move",
    "moveStock",
    "Move stock to another location",
    MoveBody,
    service.move,
    "Within the record's warehouse; answers with the record the stock arrived in.",
)
_add_stock_action(
    "transfer",
    "transferStock",
    "Transfer stock to another account",
    TransferBody,
    service.transfer,
    "Answers with the new owner's record.",
)


@router.post(
    "/stocks/hold",
    operation_id="holdStocks",
    summary="Place stocks on hold",
    openapi_extra=openapi_operation(HoldRequest),
)
async def hold(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    """Bare body `{"ids", "description", "reason_code_id"?}`; all or nothing."""
    body = parse_json_body(HoldRequest, await request.body())
    changed = await service.hold(
        session, tenant_id=principal.tenant_id, user_id=principal.user_id, request=body
    )
    return _statuses_changed(body, StockStatus.HELD, changed)


@router.post(
    "/stocks/offhold",
    operation_id="offholdStocks",
    summary="Release stocks from hold",
    openapi_extra=openapi_operation(HoldRequest),
)
async def release(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    body = parse_json_body(HoldRequest, await request.body())
    changed = await service.release(
        session, tenant_id=principal.tenant_id, user_id=principal.user_id, request=body
    )
    return _statuses_changed(body, StockStatus.AVAILABLE, changed)


def _statuses_changed(
    body: HoldRequest, status: StockStatus, changed: Sequence[RowDict]
) -> Response:
    """The ids asked for, now all `status`, and the ones this request changed."""
    attributes = {
        "ids": body.ids,
        "status": status.value,
        "changed_ids": [record["id"] for record in changed],
    }
    return JsonResponse({"data": {"type": RESOURCE_TYPE, "attributes": attributes}})
