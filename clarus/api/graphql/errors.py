from __future__ import annotations

from graphql import GraphQLError


class PublicError(GraphQLError):
    """An error whose message is safe to show; every other error is masked."""
