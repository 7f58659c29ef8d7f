"""Stock checks: `POST /api/stock_checks`, `/{id}/record_attempt`, `/{id}/complete` and the bare
`POST /api/stock_checks/resolve`. The answers carry the documented fields, and (ours, as the
spec README fills the gap) the check's records with the ids `resolve` needs; while a check is
pending its records hide their system counts: the count is blind."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import Depends, Request, Response
from pydantic import BaseModel

from clarus.api.rest.crud import RecordIdPath
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import (
    Envelope,
    ResourceBody,
    body_of,
    documented_models,
    openapi_operation,
    resource_body,
)
from clarus.api.rest.errors import ATTRIBUTES, input_at
from clarus.api.rest.responses import JsonResponse, no_content
from clarus.api.rest.routers import write_router
from clarus.core.records import RowDict
from clarus.core.schemas import InputModel
from clarus.core.validation import parse_json_body
from clarus.stockcontrol.stock_check_records import shown_check
from clarus.stockcontrol.stock_check_resolution import resolve_records
from clarus.stockcontrol.stock_check_schemas import (
    StockCheckAttemptAttributes,
    StockCheckAttributes,
    StockCheckResolveRequest,
)
from clarus.stockcontrol.stock_checks import (
    StockCheckState,
    complete_stock_check,
    create_stock_check,
    record_attempt,
)

RESOURCE_TYPE = "stock_checks"
router = write_router("Stock Checks")
StockCheckBody = resource_body("StockCheckBody", RESOURCE_TYPE, StockCheckAttributes)
documented_models[StockCheckResolveRequest.__name__] = StockCheckResolveRequest


class StockCheckAttemptData(InputModel):
    type: Literal["stock_checks"] | None = None
    """The contract's example sends none."""
    attributes: StockCheckAttemptAttributes


class StockCheckAttemptBody(Envelope[StockCheckAttemptData]):
    data: StockCheckAttemptData


documented_models[StockCheckAttemptBody.__name__] = StockCheckAttemptBody


class StockCheckRecordShown(BaseModel):
    id: int
    stock_check_id: int
    product_id: int
    batch: str | None
    sell_by_date: dt.date | None
    best_before_date: dt.date | None
    status: Literal["uncounted", "success", "failure", "resolved"]
    attempt_count: int
    physical_count: float | None
    system_count: float | None
    """Null while the check is pending."""
    variance: float | None
    """Counted less system; null while the check is pending."""
    reason_code_id: int | None
    resolved_at: dt.datetime | None


class StockCheckAnswer(BaseModel):
    """(ours) The check beside the documented fields."""

    stock_check_id: int
    task_id: int
    location_id: int
    warehouse_id: int
    status: Literal["pending", "passed", "failed", "resolved"]
    expected_completion_date: dt.datetime
    completed_at: dt.datetime | None
    resolved_at: dt.datetime | None
    records: list[StockCheckRecordShown]


class StockCheckAttemptAnswer(StockCheckAnswer):
    attempt_result: Literal["success", "failure"]
    attempt_number: int
    stock_check_record_id: int


for answer in (StockCheckAnswer, StockCheckAttemptAnswer):
    documented_models[answer.__name__] = answer


def _answer(state: StockCheckState) -> RowDict:
    shown = shown_check(state.check, state.records)
    return {
        "stock_check_id": shown["id"],
        **{name: shown[name] for name in StockCheckAnswer.model_fields if name in shown},
    }


@router.post(
    "/stock_checks",
    operation_id="createStockCheck",
    summary="Create a stock check",
    openapi_extra=openapi_operation(StockCheckBody, StockCheckAnswer),
)
async def create(
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[ResourceBody[StockCheckAttributes], Depends(body_of(StockCheckBody))],
) -> Response:
    """A pending check of the location with its COUNT task, or the location's pending check
    when it has one."""
    with input_at(ATTRIBUTES):
        state = await create_stock_check(
            session,
            tenant_id=principal.tenant_id,
            user_id=principal.user_id,
            attributes=body.data.attributes,
        )
    return JsonResponse(_answer(state))


@router.post(
    "/stock_checks/resolve",
    operation_id="resolveStockCheckRecords",
    summary="Resolve failed stock check records",
    status_code=204,
    openapi_extra=openapi_operation(StockCheckResolveRequest),
)
async def resolve(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    """Bare body `{"stock_check_record_ids", "reason_code_id"}`; all or nothing."""
    body = parse_json_body(StockCheckResolveRequest, await request.body())
    await resolve_records(
        session, tenant_id=principal.tenant_id, user_id=principal.user_id, request=body
    )
    return no_content()


@router.post(
    "/stock_checks/{id}/record_attempt",
    operation_id="recordStockCheckAttempt",
    summary="Record a stock check count attempt",
    openapi_extra=openapi_operation(StockCheckAttemptBody, StockCheckAttemptAnswer),
)
async def attempt(
    record_id: RecordIdPath,
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[StockCheckAttemptBody, Depends(body_of(StockCheckAttemptBody))],
) -> Response:
    """A blind count of one stock group; at most two per group."""
    with input_at(ATTRIBUTES):
        recorded = await record_attempt(
            session,
            tenant_id=principal.tenant_id,
            user_id=principal.user_id,
            stock_check_id=record_id,
            attributes=body.data.attributes,
        )
    return JsonResponse(
        {
            "attempt_result": recorded.result.value,
            "attempt_number": recorded.number,
            "stock_check_record_id": recorded.record_id,
            **_answer(recorded.state),
        }
    )


@router.post(
    "/stock_checks/{id}/complete",
    operation_id="completeStockCheck",
    summary="Complete a stock check",
    openapi_extra=openapi_operation(response=StockCheckAnswer),
)
async def complete(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    """Uncounted groups count as zero; `passed` or `failed`; the task completed."""
    state = await complete_stock_check(
        session,
        tenant_id=principal.tenant_id,
        user_id=principal.user_id,
        stock_check_id=record_id,
    )
    return JsonResponse(_answer(state))
