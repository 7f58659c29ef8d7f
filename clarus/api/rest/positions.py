"""`PATCH /api/<plural>/{id}/position` for records kept in an order of their own (put-away
rules, warehouse routes): the bare body `{"position": n}`, 204.

No `from __future__ import annotations`: FastAPI reads the endpoint's annotations.
"""

from fastapi import APIRouter, Request, Response

from clarus.api.rest.crud import RecordIdPath
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import documented_models, openapi_operation
from clarus.api.rest.responses import no_content
from clarus.core.validation import parse_json_body
from clarus.stockcontrol import positions
from clarus.stockcontrol.schemas import PositionRequest

documented_models[PositionRequest.__name__] = PositionRequest


def add_position_route(
    router: APIRouter,
    ordered: positions.OrderedKind,
    *,
    resource_type: str,
    operation_id: str,
    label: str,
) -> None:
    """The record moves to `position` (1 is first; 0 is read as 1, past the end as last); the
    others are renumbered 1, 2, ... around it."""

    async def position(
        record_id: RecordIdPath, request: Request, principal: PrincipalDep, session: SessionDep
    ) -> Response:
        await positions.locked_member(
            session, ordered, tenant_id=principal.tenant_id, record_id=record_id
        )
        body = parse_json_body(PositionRequest, await request.body())
        await positions.move(
            session,
            ordered,
            tenant_id=principal.tenant_id,
            record_id=record_id,
            position=body.position,
        )
        return no_content()

    router.add_api_route(
        f"/{resource_type}/{{id}}/position",
        position,
        methods=["PATCH"],
        status_code=204,
        operation_id=operation_id,
        summary=f"Reorder a {label}",
        description=add_position_route.__doc__,
        openapi_extra=openapi_operation(PositionRequest),
    )
