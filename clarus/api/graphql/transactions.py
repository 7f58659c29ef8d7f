"""`transactions`: the stock ledger, one row per change of a stock record, read only."""

from __future__ import annotations

from enum import Enum
from types import SimpleNamespace
from typing import Annotated

import strawberry
from sqlalchemy import ColumnElement, FromClause
from strawberry.types import Info

from clarus.api.graphql.connection import (
    LIST_SOURCES,
    Connection,
    ListSource,
    SortInputType,
    paginate_list,
)
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.enums import EnumInputType
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    StringInputType,
    filter_clause,
)
from clarus.api.graphql.loaders import (
    LocationByIdLoader,
    StockByIdLoader,
    UserByIdLoader,
    loaded_field,
)
from clarus.api.graphql.locations import LocationNode
from clarus.api.graphql.nodes import column_alias
from clarus.api.graphql.references import (
    AccountReferenceNode,
    ProductReferenceNode,
    WarehouseReferenceNode,
)
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.api.graphql.stocks import StockNode
from clarus.api.graphql.users import UserNode
from clarus.inventory.statuses import Movement
from clarus.inventory.tables import transactions

NOTHING_ARCHIVED = (
    "Accepted for compatibility and changes nothing: no transaction is archived (yet), so every"
    " one is always listed."
)


@strawberry.enum(name="SubtypeType")
class Subtype(Enum):
    """The short code of a ledger row (`Movement.subtype`)."""

    RCV = "RCV"
    PWAY = "PWAY"
    MOVE = "MOVE"
    TRAN = "TRAN"
    PICK = "PICK"
    DISP = "DISP"
    ADJ = "ADJ"
    HOLD = "HOLD"
    LOAD = "LOAD"


@strawberry.input(description="A transaction subtype: eq, in (any of)")
class SubtypeTypeInputType(EnumInputType[Subtype]):
    pass


@strawberry.type(name="Transaction")
class TransactionNode(ProductReferenceNode, AccountReferenceNode, WarehouseReferenceNode):
    id: strawberry.ID
    stock_id: strawberry.ID
    subtype: str
    category: str = strawberry.field(description=f"One of {', '.join(Movement)}")
    quantity: float = strawberry.field(
        description="The signed change of the stock record's quantity (0 for a change of status)"
    )
    location_from_id: strawberry.ID | None
    location_to_id: strawberry.ID | None
    reason_code_id: strawberry.ID | None
    description: str | None
    completing_user_id: strawberry.ID | None
    goods_out_id: strawberry.ID | None
    goods_in_receipt_id: strawberry.ID | None
    created_at: ISO8601DateTime

    updated_at = column_alias(
        "created_at", ISO8601DateTime, "A transaction never changes: its created_at (ours)"
    )

    stock = loaded_field(StockByIdLoader, "stock_id", StockNode)
    location_from = loaded_field(LocationByIdLoader, "location_from_id", LocationNode | None)
    location_to = loaded_field(LocationByIdLoader, "location_to_id", LocationNode | None)

    completing_user = loaded_field(
        UserByIdLoader,
        "completing_user_id",
        UserNode | None,
        description="The user who made the change",
    )


@strawberry.input
class TransactionFilterType:
    id: IdInputType | None = None
    subtype: SubtypeTypeInputType | None = None
    category: StringInputType | None = strawberry.field(
        default=None, description=f"One of {', '.join(Movement)}"
    )
    stock_id: IdInputType | None = None
    product_id: IdInputType | None = None
    account_id: IdInputType | None = strawberry.field(
        default=None, description="Stock account ID (stock owner)"
    )
    warehouse_id: IdInputType | None = None
    location_from_id: IdInputType | None = None
    location_to_id: IdInputType | None = None
    goods_out_id: IdInputType | None = None
    goods_in_receipt_id: IdInputType | None = None
    reason_code_id: IdInputType | None = None
    completing_user_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = strawberry.field(
        default=None, description="As created_at: a transaction never changes (ours)"
    )


def _ledger_where(
    source: FromClause, filter_input: object | None, tenant_id: int
) -> ColumnElement[bool]:
    return (transactions.c.tenant_id == tenant_id) & filter_clause(
        filter_input, source, {"updated_at": transactions.c.created_at}
    )


LEDGER = ListSource(
    source_of=lambda _tenant_id: transactions, where_of=_ledger_where, updated_at="created_at"
)


async def _page(
    self: object,
    info: Info[GraphQLContext, None],
    filter: TransactionFilterType | None = None,
    include_archived: Annotated[
        bool | None, strawberry.argument(description=NOTHING_ARCHIVED)
    ] = None,
    sort: SortInputType | None = None,
    first: int | None = None,
    after: str | None = None,
) -> Connection[SimpleNamespace]:
    return await paginate_list(
        info.context, LEDGER, filter_input=filter, first=first, after=after, sort=sort
    )


LIST_SOURCES[_page] = LEDGER


@strawberry.type
class TransactionQueries:
    all = strawberry.field(
        _page,
        description="The ledger of the tenant, oldest first (in id order)",
        graphql_type=Connection[TransactionNode],
    )
