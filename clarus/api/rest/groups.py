"""Groups: `POST /api/groups` (ours, with `PATCH` and `DELETE /api/groups/{id}`: the contract
documents no create), and their members: `POST /api/groups/{group_id}/product_groups`,
`DELETE .../product_group?product_id=`, `POST .../location_groups`,
`DELETE .../location_group?location_id=`.

No `from __future__ import annotations`: FastAPI reads the endpoints' annotations.
"""

from typing import Annotated

from fastapi import Depends, Path, Query, Response

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.envelope import (
    ResourceBody,
    body_of,
    documented_models,
    openapi_operation,
    resource_body,
    resource_document_model,
)
from clarus.api.rest.errors import ATTRIBUTES, input_at
from clarus.api.rest.responses import JsonResponse, no_content, resource_document, resource_response
from clarus.api.rest.routers import write_router
from clarus.core.fields import INT64_MAX
from clarus.stockcontrol import groups
from clarus.stockcontrol.records import GroupRecord, LocationGroupsDocument, ProductGroupRecord
from clarus.stockcontrol.schemas import (
    GroupAttributes,
    GroupUpdateAttributes,
    LocationGroupAttributes,
    ProductGroupAttributes,
)

GroupIdPath = Annotated[
    int, Path(alias="group_id", ge=1, le=INT64_MAX, description="The group's id")
]
ProductIdQuery = Annotated[
    int, Query(ge=1, le=INT64_MAX, description="The product to remove from the group")
]
LocationIdQuery = Annotated[
    int, Query(ge=1, le=INT64_MAX, description="The location to remove from the group")
]

router = write_router("Groups")
add_crud_routes(
    router,
    RestResource(
        kind=groups.GROUPS,
        resource_type="groups",
        schema_name="Group",
        create_attributes=GroupAttributes,
        update_attributes=GroupUpdateAttributes,
        record=GroupRecord,
        create_operation="createGroup",
        update_operation="updateGroup",
        delete_operation="destroyGroup",
        label="group",
    ),
)
CreateProductGroupBody = resource_body(
    "CreateProductGroupBody", "product_groups", ProductGroupAttributes
)
ProductGroupDocument = resource_document_model(
    "ProductGroupDocument", "product_groups", ProductGroupRecord
)
CreateLocationGroupBody = resource_body(
    "CreateLocationGroupBody", "location_groups", LocationGroupAttributes
)
documented_models[LocationGroupsDocument.__name__] = LocationGroupsDocument


@router.post(
    "/groups/{group_id}/product_groups",
    operation_id="createProductGroup",
    summary="Add a product to a group",
    openapi_extra=openapi_operation(CreateProductGroupBody, ProductGroupDocument),
)
async def add_product(
    group_id: GroupIdPath,
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[ResourceBody[ProductGroupAttributes], Depends(body_of(CreateProductGroupBody))],
) -> Response:
    """The membership (`group_id`, `product_id`); a product already in the group answers the
    membership it has."""
    with input_at(ATTRIBUTES):
        membership = await groups.add_product(
            session,
            tenant_id=principal.tenant_id,
            group_id=group_id,
            attributes=body.data.attributes,
        )
    return resource_response("product_groups", membership)


@router.delete(
    "/groups/{group_id}/product_group",
    status_code=204,
    operation_id="destroyProductGroup",
    summary="Remove a product from a group",
)
async def remove_product(
    group_id: GroupIdPath, product_id: ProductIdQuery, principal: PrincipalDep, session: SessionDep
) -> Response:
    """404 when the product is not in the group; the product stays."""
    await groups.remove_product(
        session, tenant_id=principal.tenant_id, group_id=group_id, product_id=product_id
    )
    return no_content()


@router.post(
    "/groups/{group_id}/location_groups",
    operation_id="createLocationGroup",
    summary="Add locations to a group",
    openapi_extra=openapi_operation(CreateLocationGroupBody, LocationGroupsDocument),
)
async def add_locations(
    group_id: GroupIdPath,
    principal: PrincipalDep,
    session: SessionDep,
    body: Annotated[
        ResourceBody[LocationGroupAttributes], Depends(body_of(CreateLocationGroupBody))
    ],
) -> Response:
    """`{"data": [membership, ...]}`, one per location sent (`location_id`, then
    `location_ids`); all or none."""
    with input_at(ATTRIBUTES):
        memberships = await groups.add_locations(
            session,
            tenant_id=principal.tenant_id,
            group_id=group_id,
            attributes=body.data.attributes,
        )
    return JsonResponse(
        {"data": [resource_document("location_groups", row)["data"] for row in memberships]}
    )


@router.delete(
    "/groups/{group_id}/location_group",
    status_code=204,
    operation_id="destroyLocationGroup",
    summary="Remove a location from a group",
)
async def remove_location(
    group_id: GroupIdPath,
    location_id: LocationIdQuery,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    """404 when the location is not in the group; the location stays."""
    await groups.remove_location(
        session, tenant_id=principal.tenant_id, group_id=group_id, location_id=location_id
    )
    return no_content()
