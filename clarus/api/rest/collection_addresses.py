"""Collection addresses: one at a time, or several deleted at once."""

from __future__ import annotations

from fastapi import Response

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.ids import IdsQuery, parse_ids
from clarus.api.rest.responses import ResponseShape, no_content
from clarus.api.rest.routers import write_router
from clarus.core.crud import delete_records
from clarus.shipping.collection_addresses import COLLECTION_ADDRESSES
from clarus.shipping.records import CollectionAddressRecord
from clarus.shipping.schemas import (
    CollectionAddressAttributes,
    CollectionAddressUpdateAttributes,
)

router = write_router("Collection Addresses")


@router.delete(
    "/collection_addresses",
    status_code=204,
    operation_id="destroyCollectionAddresses",
    summary="Delete multiple collection addresses",
)
async def destroy_collection_addresses(
    principal: PrincipalDep, session: SessionDep, ids: IdsQuery = None
) -> Response:
    """All of them or, when any id is not one of the tenant's collection addresses or one is
    still named by a crossdock, none."""
    await delete_records(
        session, COLLECTION_ADDRESSES, tenant_id=principal.tenant_id, record_ids=parse_ids(ids)
    )
    return no_content()


add_crud_routes(
    router,
    RestResource(
        kind=COLLECTION_ADDRESSES,
        resource_type="collection_addresses",
        schema_name="CollectionAddress",
        create_attributes=CollectionAddressAttributes,
        update_attributes=CollectionAddressUpdateAttributes,
        record=CollectionAddressRecord,
        create_operation="createCollectionAddress",
        update_operation="updateCollectionAddress",
        delete_operation="destroyCollectionAddress",
        label="collection address",
        shape=ResponseShape(id_as_string=True),
    ),
)
