from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig

from clarus.api.graphql.accounts import AccountQueries
from clarus.api.graphql.errors import PublicError
from clarus.api.graphql.scalars import SCALARS

MAX_QUERY_DEPTH = 12


@strawberry.type
class Query:
    @strawberry.field(description="Accounts (stock owners) of the tenant")
    def accounts(self) -> AccountQueries:
        return AccountQueries()


def _is_internal(error: GraphQLError) -> bool:
    """Mask anything raised by our code that is not meant for the caller."""
    original = error.original_error
    return original is not None and not isinstance(original, PublicError | GraphQLError)


schema = strawberry.Schema(
    query=Query,
    config=StrawberryConfig(auto_camel_case=False, scalar_map=SCALARS),
    extensions=[
        lambda: QueryDepthLimiter(max_depth=MAX_QUERY_DEPTH),
        lambda: MaskErrors(should_mask_error=_is_internal, error_message="Internal server error"),
    ],
)
