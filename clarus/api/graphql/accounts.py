from __future__ import annotations

import strawberry
from sqlalchemy import ColumnElement

from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
    id_condition,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.nodes import CustomFieldsNode, ExternalReferencesNode, TimestampsNode
from clarus.masterdata.queries import accounts_in_no_warehouse, accounts_in_warehouses
from clarus.masterdata.tables import accounts


@strawberry.type(name="Account")
class AccountNode(ExternalReferencesNode, CustomFieldsNode, TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    email: str | None
    vat_number: str | None
    is_active: bool
    is_short_pickable: bool
    dispatch_strategy: str | None
    tote_dispatch_strategy: str | None
    pack_strategy: str | None


@strawberry.input
class AccountFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    is_short_pickable: BooleanInputType | None = None
    is_active: BooleanInputType | None = None
    external_system_reference1: StringInputType | None = None
    warehouse_id: IdInputType | None = strawberry.field(
        default=None,
        description="Accounts associated with a warehouse (account_warehouses); `filled: false`"
        " finds the accounts associated with none",
    )
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


def _in_warehouse(spec: IdInputType) -> ColumnElement[bool]:
    """Accounts with a link to a warehouse that `spec` matches."""
    if spec.filled is False:
        return accounts_in_no_warehouse()
    return accounts_in_warehouses(lambda column: id_condition(column, spec, "warehouse_id"))


@strawberry.type
class AccountQueries:
    all = list_field(
        AccountNode, AccountFilterType, accounts, conditions={"warehouse_id": _in_warehouse}
    )
