"""`sites`: the groups of warehouses of multi-site operations (written as REST `sites`); the list
the polling guide reads first to check a connection (`query getSites`)."""

from __future__ import annotations

import strawberry

from clarus.api.graphql.addresses import AddressNode
from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import AddressByIdLoader, loaded_field
from clarus.api.graphql.nodes import CustomFieldsNode, ExternalReferencesNode, TimestampsNode
from clarus.masterdata.tables import sites


@strawberry.type(name="Site")
class SiteNode(ExternalReferencesNode, CustomFieldsNode, TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    default: bool = strawberry.field(description="Whether this is the tenant's default site")
    tier: str | None = strawberry.field(description="none, lower or upper")
    address_id: int | None

    address = loaded_field(AddressByIdLoader, "address_id", AddressNode | None)


@strawberry.input
class SiteFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    default: BooleanInputType | None = None
    tier: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class SiteQueries:
    all = list_field(SiteNode, SiteFilterType, sites)
