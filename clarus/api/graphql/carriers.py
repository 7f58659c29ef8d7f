"""Carriers and their services. A carrier's `carrier_authentication` (credentials) is never
readable."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
    referenced_column,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import CarrierByIdLoader, loaded_field
from clarus.api.graphql.nodes import ExternalReferencesNode, TimestampsNode
from clarus.masterdata.tables import carrier_services, carriers

SERVICE_FILTER_COLUMNS = {
    "carrier_code": referenced_column(carriers, "code", carrier_services.c.carrier_id)
}


@strawberry.type(name="Carrier")
class CarrierNode(ExternalReferencesNode, TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    description: str | None
    active: bool
    carrier_type: str | None
    carrier_externally_registered: bool
    custom_carrier_type_id: strawberry.ID | None
    shipment_reference_template: str | None


@strawberry.input
class CarrierFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    active: BooleanInputType | None = None
    carrier_type: StringInputType | None = None
    carrier_externally_registered: BooleanInputType | None = None
    external_system_reference1: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class CarrierQueries:
    all = list_field(CarrierNode, CarrierFilterType, carriers)


@strawberry.type(name="CarrierService")
class CarrierServiceNode(TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    active: bool
    is_default: bool
    carrier_id: strawberry.ID
    service_configuration: JSON | None
    external_preset_name: str | None
    external_preset_id: strawberry.ID | None

    carrier = loaded_field(CarrierByIdLoader, "carrier_id", CarrierNode | None)


@strawberry.input
class CarrierServiceFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    active: BooleanInputType | None = None
    is_default: BooleanInputType | None = None
    carrier_id: IdInputType | None = None
    carrier_code: StringInputType | None = None
    external_preset_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class CarrierServiceQueries:
    all = list_field(
        CarrierServiceNode,
        CarrierServiceFilterType,
        carrier_services,
        columns=SERVICE_FILTER_COLUMNS,
    )
