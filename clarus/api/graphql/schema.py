from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig

from clarus.api.graphql.account_warehouses import AccountWarehouseQueries
from clarus.api.graphql.accounts import AccountQueries
from clarus.api.graphql.errors import PublicError
from clarus.api.graphql.locations import LocationQueries
from clarus.api.graphql.scalars import SCALARS
from clarus.api.graphql.warehouses import WarehouseQueries

MAX_QUERY_DEPTH = 12
QUERY_CACHE_SIZE = 256
DEPTH_RULES = QueryDepthLimiter(max_depth=MAX_QUERY_DEPTH).validation_rules
"""Built once: the validation cache is keyed on the rules, so they must be the same objects."""


@strawberry.type
class Query:
    @strawberry.field(description="Accounts (stock owners) of the tenant")
    def accounts(self) -> AccountQueries:
        return AccountQueries()

    @strawberry.field(description="Warehouses of the tenant, with their addresses")
    def warehouses(self) -> WarehouseQueries:
        return WarehouseQueries()

    @strawberry.field(description="Locations in the tenant's warehouses")
    def locations(self) -> LocationQueries:
        return LocationQueries()

    @strawberry.field(description="Which accounts may operate in which warehouses")
    def account_warehouses(self) -> AccountWarehouseQueries:
        return AccountWarehouseQueries()


def _is_internal(error: GraphQLError) -> bool:
    """Mask anything raised by our code that is not meant for the caller."""
    original = error.original_error
    return original is not None and not isinstance(original, PublicError | GraphQLError)


schema = strawberry.Schema(
    query=Query,
    config=StrawberryConfig(auto_camel_case=False, scalar_map=SCALARS),
    extensions=[
        lambda: ParserCache(maxsize=QUERY_CACHE_SIZE),
        lambda: ValidationCache(maxsize=QUERY_CACHE_SIZE),
        lambda: AddValidationRules(DEPTH_RULES),
        lambda: MaskErrors(should_mask_error=_is_internal, error_message="Internal server error"),
    ],
)
