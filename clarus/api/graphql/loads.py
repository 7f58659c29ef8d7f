"""Loads and their drops. A load's `load_by` is its `expected_date_of_dispatch`."""

from __future__ import annotations

import strawberry

from clarus.api.graphql.carriers import CarrierNode
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    IntegerInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import (
    CarrierByIdLoader,
    TrailerByIdLoader,
    WarehouseByIdLoader,
    loaded_field,
)
from clarus.api.graphql.nodes import (
    CustomFieldsNode,
    ExternalReferencesNode,
    TimestampsNode,
    column_alias,
)
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.api.graphql.trailers import TrailerNode
from clarus.api.graphql.warehouses import WarehouseNode
from clarus.shipping.tables import load_drops, loads

LOAD_FILTER_COLUMNS = {"load_by": loads.c.expected_date_of_dispatch}


@strawberry.type(name="Load")
class LoadNode(ExternalReferencesNode, CustomFieldsNode, TimestampsNode):
    id: strawberry.ID
    reference: str | None
    status: str
    warehouse_id: strawberry.ID
    carrier_id: strawberry.ID | None
    carrier_service_id: strawberry.ID | None
    trailer_id: strawberry.ID | None
    expected_date_of_dispatch: ISO8601DateTime | None
    expected_storage_unit_quantity: int
    number_of_storage_units_loaded: int
    dispatched_at: ISO8601DateTime | None

    load_by = column_alias("expected_date_of_dispatch", ISO8601DateTime | None)

    carrier = loaded_field(CarrierByIdLoader, "carrier_id", CarrierNode | None)
    warehouse = loaded_field(WarehouseByIdLoader, "warehouse_id", WarehouseNode | None)
    trailer = loaded_field(TrailerByIdLoader, "trailer_id", TrailerNode | None)


@strawberry.input
class LoadFilterType:
    id: IdInputType | None = None
    reference: StringInputType | None = None
    status: StringInputType | None = None
    carrier_id: IdInputType | None = None
    warehouse_id: IdInputType | None = None
    trailer_id: IdInputType | None = None
    load_by: DatetimeInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class LoadQueries:
    all = list_field(LoadNode, LoadFilterType, loads, columns=LOAD_FILTER_COLUMNS)


@strawberry.type(name="LoadDrop")
class LoadDropNode(TimestampsNode):
    id: strawberry.ID
    load_id: strawberry.ID
    sequence: int
    status: str
    delivery_address_id: strawberry.ID | None
    goods_out_id: strawberry.ID | None
    booking_date: ISO8601DateTime | None
    booking_reference: str | None
    expected_storage_unit_quantity: int | None
    number_of_storage_units_loaded: int


@strawberry.input
class LoadDropFilterType:
    id: IdInputType | None = None
    load_id: IdInputType | None = None
    sequence: IntegerInputType | None = None
    status: StringInputType | None = None
    goods_out_id: IdInputType | None = None
    delivery_address_id: IdInputType | None = None


@strawberry.type
class LoadDropQueries:
    all = list_field(LoadDropNode, LoadDropFilterType, load_drops)
