"""Addresses (any address row, inline ones included) and delivery addresses (addresses of
their own, with a code): two tags of the contract, two routers."""

from __future__ import annotations

from fastapi import Response

from clarus.api.rest.crud import RestResource, add_crud_routes
from clarus.api.rest.deps import PrincipalDep, SessionDep
from clarus.api.rest.ids import IdsQuery, parse_ids
from clarus.api.rest.responses import ResponseShape, no_content
from clarus.api.rest.routers import write_router
from clarus.core.crud import delete_records
from clarus.masterdata.addresses import ADDRESS_WRITES, ADDRESSES, DELIVERY_ADDRESSES
from clarus.masterdata.records import AddressRecord
from clarus.masterdata.schemas import (
    AddressUpdateAttributes,
    DeliveryAddressAttributes,
    DeliveryAddressUpdateAttributes,
)

addresses_router = write_router("Addresses")
add_crud_routes(
    addresses_router,
    RestResource(
        kind=ADDRESSES,
        resource_type="addresses",
        schema_name="Address",
        create_attributes=None,
        update_attributes=AddressUpdateAttributes,
        record=AddressRecord,
        create_operation=None,
        update_operation="updateAddress",
        delete_operation="destroyAddress",
        label="address",
        shape=ResponseShape(id_as_string=True),
        writes=ADDRESS_WRITES,
    ),
)

delivery_addresses_router = write_router("Delivery Addresses")


@delivery_addresses_router.delete(
    "/delivery_addresses",
    status_code=204,
    operation_id="destroyDeliveryAddresses",
    summary="Delete multiple delivery addresses",
)
async def destroy_delivery_addresses(
    principal: PrincipalDep, session: SessionDep, ids: IdsQuery = None
) -> Response:
    """All of them or, when any id is not one of the tenant's delivery addresses, none."""
    await delete_records(
        session, DELIVERY_ADDRESSES, tenant_id=principal.tenant_id, record_ids=parse_ids(ids)
    )
    return no_content()


add_crud_routes(
    delivery_addresses_router,
    RestResource(
        kind=DELIVERY_ADDRESSES,
        resource_type="delivery_addresses",
        schema_name="DeliveryAddress",
        create_attributes=DeliveryAddressAttributes,
        update_attributes=DeliveryAddressUpdateAttributes,
        record=AddressRecord,
        create_operation="createDeliveryAddress",
        update_operation="updateDeliveryAddress",
        delete_operation="destroyDeliveryAddress",
        label="delivery address",
        shape=ResponseShape(id_as_string=True),
    ),
)
