"""Shipments, their packages and the custom carrier types."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from clarus.api.graphql.addresses import AddressNode
from clarus.api.graphql.carriers import CarrierNode, CarrierServiceNode
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    StringInputType,
    referenced_column,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import (
    AddressByIdLoader,
    CarrierAttemptsByShipmentIdLoader,
    CarrierByIdLoader,
    CarrierServiceByIdLoader,
    PackagesByShipmentIdLoader,
    ShipmentByIdLoader,
    StorageUnitTypeByIdLoader,
    WarehouseByIdLoader,
    loaded_field,
)
from clarus.api.graphql.nodes import ExternalReferencesNode, TimestampsNode
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.api.graphql.storage_unit_types import StorageUnitTypeNode
from clarus.api.graphql.warehouses import WarehouseNode
from clarus.catalog.tables import storage_unit_types
from clarus.shipping.tables import custom_carrier_types, packages, shipments

PACKAGE_FILTER_COLUMNS = {
    "shipment_reference": referenced_column(shipments, "reference", packages.c.shipment_id),
    "storage_unit_type_code": referenced_column(
        storage_unit_types, "code", packages.c.storage_unit_type_id
    ),
}


@strawberry.type(name="CustomCarrierType")
class CustomCarrierTypeNode(TimestampsNode):
    id: strawberry.ID
    name: str | None
    code: str | None
    print_params: JSON | None
    tracking_number_pattern: str | None


@strawberry.input
class CustomCarrierTypeFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None


@strawberry.type
class CustomCarrierTypeQueries:
    all = list_field(CustomCarrierTypeNode, CustomCarrierTypeFilterType, custom_carrier_types)


@strawberry.type(name="ShipmentCarrierAttempt")
class ShipmentCarrierAttemptNode:
    """One call of the shipping worker to the carrier (ours): `action` `submit` or `cancel`,
    `attempt` counting from 1 per action, `outcome` `submitted`, `cancelled`, `failed` or
    `retry`, with the carrier's message."""

    id: strawberry.ID
    action: str
    attempt: int
    outcome: str
    message: str | None
    finished_at: ISO8601DateTime


@strawberry.type(name="Shipment")
class ShipmentNode(ExternalReferencesNode, TimestampsNode):
    id: strawberry.ID
    reference: str | None
    name: str | None
    status: str
    tracking_number: str | None
    delivery_notes: str | None
    collection_datetime: ISO8601DateTime | None
    label_filename: str | None
    failure_message: str | None
    submitted_at: ISO8601DateTime | None
    goods_out_id: strawberry.ID
    warehouse_id: strawberry.ID | None
    carrier_id: strawberry.ID | None
    carrier_service_id: strawberry.ID | None

    carrier = loaded_field(CarrierByIdLoader, "carrier_id", CarrierNode | None)
    carrier_service = loaded_field(
        CarrierServiceByIdLoader, "carrier_service_id", CarrierServiceNode | None
    )
    warehouse = loaded_field(WarehouseByIdLoader, "warehouse_id", WarehouseNode | None)
    address = loaded_field(
        AddressByIdLoader,
        "address_id",
        AddressNode | None,
        description=(
            "The shipment's own address (ours; `relationships.address` in REST), as REST shows"
            " it: null when it goes to the order's delivery address."
        ),
    )

    carrier_attempts = loaded_field(
        CarrierAttemptsByShipmentIdLoader,
        "id",
        list[ShipmentCarrierAttemptNode],
        description="The carrier calls the shipping worker made (ours), oldest first.",
    )

    packages = loaded_field(
        PackagesByShipmentIdLoader,
        "id",
        list[Annotated["PackageNode", strawberry.lazy("clarus.api.graphql.shipments")]],
    )
    packages_count = loaded_field(PackagesByShipmentIdLoader, "id", int, pick=len)


@strawberry.input
class ShipmentFilterType:
    id: IdInputType | None = None
    reference: StringInputType | None = None
    status: StringInputType | None = None
    tracking_number: StringInputType | None = None
    carrier_id: IdInputType | None = None
    carrier_service_id: IdInputType | None = None
    warehouse_id: IdInputType | None = None
    goods_out_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class ShipmentQueries:
    all = list_field(ShipmentNode, ShipmentFilterType, shipments)


@strawberry.type(name="Package")
class PackageNode(TimestampsNode):
    id: strawberry.ID
    shipment_id: strawberry.ID | None
    storage_unit_type_id: strawberry.ID | None
    storage_unit_id: strawberry.ID | None
    reference: str | None
    tracking_number: str | None
    unit_of_measure: str
    length: float | None
    width: float | None
    height: float | None
    weight: float | None
    weight_unit_of_measure: str
    value: float | None

    shipment = loaded_field(ShipmentByIdLoader, "shipment_id", ShipmentNode | None)
    storage_unit_type = loaded_field(
        StorageUnitTypeByIdLoader, "storage_unit_type_id", StorageUnitTypeNode | None
    )


@strawberry.input
class PackageFilterType:
    id: IdInputType | None = None
    shipment_id: IdInputType | None = None
    shipment_reference: StringInputType | None = None
    storage_unit_id: IdInputType | None = None
    storage_unit_type_code: StringInputType | None = None
    tracking_number: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class PackageQueries:
    all = list_field(PackageNode, PackageFilterType, packages, columns=PACKAGE_FILTER_COLUMNS)
