"""Loads and their drops: `POST /api/loads`, `PATCH`/`DELETE /api/loads/{id}`,
`POST /api/load_drops`, `PATCH /api/load_drops/{id}` and `PATCH /api/load_drops/{id}/sequence`.

No `from __future__ import annotations`: FastAPI reads the endpoint's annotations.
"""

from fastapi import Request, Response

from clarus.api.rest.crud import RecordIdPath, RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import documented_models, openapi_operation
from clarus.api.rest.responses import ResponseShape, no_content, resource_response
from clarus.api.rest.routers import write_router
from clarus.core.validation import parse_json_body
from clarus.shipping.load_dispatch import dispatch_load
from clarus.shipping.load_drops import LOAD_DROP_WRITES, load_drop_of, sequence_load_drop
from clarus.shipping.loads import LOAD_DROPS, LOAD_WRITES, LOADS
from clarus.shipping.records import LoadDropRecord, LoadRecord
from clarus.shipping.schemas import (
    LoadAttributes,
    LoadDropAttributes,
    LoadDropSequence,
    LoadDropUpdateAttributes,
    LoadUpdateAttributes,
)

loads_router = write_router("Loads")
add_crud_routes(
    loads_router,
    RestResource(
        kind=LOADS,
        writes=LOAD_WRITES,
        resource_type="loads",
        schema_name="Load",
        create_attributes=LoadAttributes,
        update_attributes=LoadUpdateAttributes,
        record=LoadRecord,
        create_operation="createLoad",
        update_operation="updateLoad",
        delete_operation="destroyLoad",
        label="load",
    ),
)

load_drops_router = write_router("Load Drops")
add_crud_routes(
    load_drops_router,
    RestResource(
        kind=LOAD_DROPS,
        writes=LOAD_DROP_WRITES,
        resource_type="load_drops",
        schema_name="LoadDrop",
        create_attributes=LoadDropAttributes,
        update_attributes=LoadDropUpdateAttributes,
        record=LoadDropRecord,
        create_operation="createLoadDrop",
        update_operation="updateLoadDrop",
        delete_operation="destroyLoadDrop",
        label="load drop",
        shape=ResponseShape(id_as_string=True),
    ),
)

documented_models[LoadDropSequence.__name__] = LoadDropSequence


@load_drops_router.patch(
    "/load_drops/{id}/sequence",
    status_code=204,
    operation_id="sequenceLoadDrop",
    summary="Reorder a load drop",
    openapi_extra=openapi_operation(LoadDropSequence),
)
async def sequence(
    record_id: RecordIdPath, request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    """The drop moves to stop `sequence` (1 is first; 0 is read as 1, past the end as last);
    the load's other drops are renumbered 1, 2, ... around it."""
    await load_drop_of(session, tenant_id=principal.tenant_id, drop_id=record_id)
    body = parse_json_body(LoadDropSequence, await request.body())
    await sequence_load_drop(
        session, tenant_id=principal.tenant_id, drop_id=record_id, sequence=body.sequence
    )
    return no_content()


@loads_router.post(
    "/loads/{id}/dispatch",
    operation_id="dispatchLoad",
    summary="Dispatch a load",
)
async def dispatch(
    record_id: RecordIdPath, principal: PrincipalDep, session: SessionDep
) -> Response:
    """Ours (the contract has none): every order on the load's drops is dispatched (its picked
    stock leaves, the order is completed) and the load and its drops become `dispatched`. All
    or nothing: an order that is not picked and waiting for dispatch refuses the whole load
    (`load_order_not_picked`), as does a load with no orders (`load_empty`) or one already
    dispatched (`load_dispatched`)."""
    record = await dispatch_load(
        session, tenant_id=principal.tenant_id, user_id=principal.user_id, load_id=record_id
    )
    return resource_response("loads", record)
