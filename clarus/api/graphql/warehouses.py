from __future__ import annotations

import strawberry

from clarus.api.graphql.addresses import AddressNode
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import AddressByIdLoader, loaded_field
from clarus.api.graphql.nodes import CustomFieldsNode, ExternalReferencesNode, TimestampsNode
from clarus.masterdata.tables import warehouses


@strawberry.type(name="Warehouse")
class WarehouseNode(ExternalReferencesNode, CustomFieldsNode, TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    is_active: bool
    timezone: str | None
    site_id: int | None
    address_id: int | None
    consolidate_pick_enabled: bool
    loading_validation_setting: str
    opening_times_enabled: bool

    address = loaded_field(AddressByIdLoader, "address_id", AddressNode | None)


@strawberry.input
class WarehouseFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    site_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class WarehouseQueries:
    all = list_field(WarehouseNode, WarehouseFilterType, warehouses)
