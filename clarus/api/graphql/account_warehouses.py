from __future__ import annotations

import strawberry

from clarus.api.graphql.accounts import AccountNode
from clarus.api.graphql.filters import DatetimeInputType, IdInputType
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import AccountByIdLoader, WarehouseByIdLoader, loaded_field
from clarus.api.graphql.nodes import TimestampsNode
from clarus.api.graphql.warehouses import WarehouseNode
from clarus.masterdata.tables import account_warehouses


@strawberry.type(name="AccountWarehouse")
class AccountWarehouseNode(TimestampsNode):
    id: strawberry.ID
    account_id: int
    warehouse_id: int

    account = loaded_field(AccountByIdLoader, "account_id", AccountNode | None)
    warehouse = loaded_field(WarehouseByIdLoader, "warehouse_id", WarehouseNode | None)


@strawberry.input
class AccountWarehouseFilterType:
    id: IdInputType | None = None
    account_id: IdInputType | None = None
    warehouse_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class AccountWarehouseQueries:
    all = list_field(AccountWarehouseNode, AccountWarehouseFilterType, account_warehouses)
