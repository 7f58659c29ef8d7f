"""`rf_flows` (HHD flows) and `rf_users` (users' handheld profiles). An HHD implementation has
no table (`clarus.tasks.rf_flows`): its node is its id, and its code is that id written out."""

from __future__ import annotations

from enum import Enum

import strawberry
from sqlalchemy import ColumnElement, String, cast, func
from strawberry.scalars import JSON

from clarus.api.graphql.enums import EnumInputType
from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
    referenced_column,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import UserByIdLoader, WarehouseByIdLoader, loaded_field
from clarus.api.graphql.nodes import TimestampsNode, derived_field
from clarus.api.graphql.users import UserNode
from clarus.api.graphql.warehouses import WarehouseNode
from clarus.masterdata.tables import warehouses
from clarus.tasks.tables import rf_flows, rf_users


@strawberry.enum
class FlowType(Enum):
    standard = "standard"
    task = "task"
    loading = "loading"


@strawberry.input(name="FlowTypeInputType", description="A flow type: eq, in (any of)")
class FlowTypeInputType(EnumInputType[FlowType]):
    pass


@strawberry.type(name="RfImplementation")
class RfImplementationNode:
    id: strawberry.ID


def _slug(code: object) -> str:
    return str(code).lower().replace("_", "-")


def _implementation(implementation_id: object) -> RfImplementationNode | None:
    if implementation_id is None:
        return None
    return RfImplementationNode(id=strawberry.ID(str(implementation_id)))


@strawberry.type(name="RfFlow")
class RfFlowNode(TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    flow_type: str
    is_default: bool
    implementation_id: strawberry.ID
    definition: JSON | None

    slug = derived_field(
        _slug, "code", str, "The flow's code in lower case, hyphens for underscores"
    )


@strawberry.input
class RfFlowFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    flow_type: FlowTypeInputType | None = None
    implementation_id: IdInputType | None = None
    implementation_code: StringInputType | None = None
    is_default: BooleanInputType | None = None
    slug: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


SLUG: ColumnElement[str] = func.replace(func.lower(rf_flows.c.code), "_", "-")
"""A flow's slug: its code in lower case with hyphens for underscores."""

RF_FLOW_COLUMNS = {
    "implementation_code": cast(rf_flows.c.implementation_id, String),
    "slug": SLUG,
}


@strawberry.type
class RfFlowQueries:
    all = list_field(RfFlowNode, RfFlowFilterType, rf_flows, columns=RF_FLOW_COLUMNS)


@strawberry.type(name="RfUser")
class RfUserNode(TimestampsNode):
    id: strawberry.ID
    name: str
    username: str
    user_id: strawberry.ID
    warehouse_id: strawberry.ID | None

    user = loaded_field(UserByIdLoader, "user_id", UserNode | None)
    warehouse = loaded_field(WarehouseByIdLoader, "warehouse_id", WarehouseNode | None)
    default_rf_implementation = derived_field(
        _implementation, "default_rf_implementation_id", RfImplementationNode | None
    )


@strawberry.input
class RfUserFilterType:
    id: IdInputType | None = None
    user_id: IdInputType | None = None
    username: StringInputType | None = None
    user_name: StringInputType | None = None
    warehouse_id: IdInputType | None = None
    warehouse_code: StringInputType | None = None
    default_rf_implementation_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


RF_USER_COLUMNS = {
    "user_name": rf_users.c.name,
    "warehouse_code": referenced_column(warehouses, "code", rf_users.c.warehouse_id),
}


@strawberry.type
class RfUserQueries:
    all = list_field(RfUserNode, RfUserFilterType, rf_users, columns=RF_USER_COLUMNS)
