"""`subdomain_users`: the tenant's users, each node the user's membership of the subdomain with
the user nested. A user belongs to one tenant here, so the two share one row and one id."""

from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.nodes import (
    CustomStringsNode,
    ExternalReferencesNode,
    TimestampsNode,
    own_row_field,
)
from clarus.auth.tables import users


@strawberry.type(name="User")
class UserNode(ExternalReferencesNode, CustomStringsNode, TimestampsNode):
    id: strawberry.ID
    email: str
    name: str | None
    user_type: str
    is_active: bool
    role_id: strawberry.ID | None
    language: str | None
    timezone: str | None


@strawberry.type(name="SubdomainUser")
class SubdomainUserNode(TimestampsNode):
    id: strawberry.ID

    user = own_row_field(UserNode)
    """The membership's row is the user's (`SubdomainUserQueries` lists `users`)."""


@strawberry.input
class SubdomainUserFilterType:
    id: IdInputType | None = None
    user_email: StringInputType | None = None
    user_name: StringInputType | None = None
    user_type: StringInputType | None = None
    is_active: BooleanInputType | None = None
    role_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


FILTER_COLUMNS = {"user_email": users.c.email, "user_name": users.c.name}


@strawberry.type
class SubdomainUserQueries:
    all = list_field(SubdomainUserNode, SubdomainUserFilterType, users, columns=FILTER_COLUMNS)
