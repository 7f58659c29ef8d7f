from __future__ import annotations

import strawberry

from clarus.api.graphql.addresses import AddressNode
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    IntegerInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import AddressByIdLoader, loaded_field
from clarus.api.graphql.nodes import ExternalReferencesNode, TimestampsNode
from clarus.masterdata.service import CUSTOMERS

customers = CUSTOMERS.table


@strawberry.type(name="Customer")
class CustomerNode(ExternalReferencesNode, TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    shelf_life_min: int | None
    shelf_life_max: int | None
    pick_label_id: strawberry.ID | None
    address_id: strawberry.ID | None

    address = loaded_field(AddressByIdLoader, "address_id", AddressNode | None)


@strawberry.input
class CustomerFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    external_system_reference1: StringInputType | None = None
    shelf_life_min: IntegerInputType | None = None
    shelf_life_max: IntegerInputType | None = None
    pick_label_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class CustomerQueries:
    all = list_field(CustomerNode, CustomerFilterType, customers)
