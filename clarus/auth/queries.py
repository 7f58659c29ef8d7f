"""Reads of a tenant's people and programs that a transport lists: its users with their
roles, its API clients."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.auth.scopes import ALL_SCOPES, scopes_of_role
from clarus.auth.tables import api_clients, roles, users
from clarus.core.listing import ListFilter, ListRow, ListSelect, PageQuery, matching_text
from clarus.masterdata.queries import Choice
from clarus.tenancy.tables import tenants


@dataclass(frozen=True, slots=True)
class UserListRow:
    id: int
    email: str
    name: str | None
    role_name: str | None
    is_active: bool
    role_id: int | None


def _user_list_row(row: ListRow) -> UserListRow:
    values = row._mapping
    return UserListRow(
        id=values["id"],
        email=values["email"],
        name=values["name"],
        role_name=values["role_name"],
        is_active=bool(values["is_active"]),
        role_id=values["role_id"],
    )


def user_list(*, tenant_id: int, filters: ListFilter) -> ListSelect:
    """The tenant's users with their role's name; the search on email and name."""
    return (
        select(
            users.c.id,
            users.c.email,
            users.c.name,
            roles.c.name.label("role_name"),
            users.c.is_active,
            users.c.role_id,
        )
        .select_from(users.outerjoin(roles, roles.c.id == users.c.role_id))
        .where(
            users.c.tenant_id == tenant_id,
            *matching_text(filters.search, users.c.email, users.c.name),
        )
    )


user_page: PageQuery[UserListRow] = PageQuery(user_list, (users.c.id,), _user_list_row)
"""A page of `user_list`, newest user first: one statement."""


@dataclass(frozen=True, slots=True)
class ClientListRow:
    """An API client without anything secret: its secret is never stored, only its hash."""

    id: int
    client_id: str
    name: str
    scopes: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None


def _client_list_row(row: ListRow) -> ClientListRow:
    values = row._mapping
    return ClientListRow(
        id=values["id"],
        client_id=values["client_id"],
        name=values["name"],
        scopes=values["scopes"],
        created_at=values["created_at"],
        revoked_at=values["revoked_at"],
    )


def client_list(*, tenant_id: int, filters: ListFilter) -> ListSelect:
    """The tenant's API clients; the search on name and client id."""
    return select(
        api_clients.c.id,
        api_clients.c.client_id,
        api_clients.c.name,
        api_clients.c.scopes,
        api_clients.c.created_at,
        api_clients.c.revoked_at,
    ).where(
        api_clients.c.tenant_id == tenant_id,
        *matching_text(filters.search, api_clients.c.name, api_clients.c.client_id),
    )


client_page: PageQuery[ClientListRow] = PageQuery(
    client_list, (api_clients.c.id,), _client_list_row
)
"""A page of `client_list`, newest client first: one statement."""


async def role_choices(session: AsyncSession, *, tenant_id: int) -> list[Choice]:
    """The tenant's roles by name, for a form's choice of role: one statement."""
    statement = (
        select(roles.c.id, roles.c.name)
        .where(roles.c.tenant_id == tenant_id)
        .order_by(roles.c.name)
    )
    return [Choice(role_id, name) for role_id, name in await session.execute(statement)]


ROLE_ROWS = 500
"""The roles a page lists, by name: a tenant has a handful."""


@dataclass(frozen=True, slots=True)
class RoleRow:
    id: int
    name: str
    description: str | None
    permissions: list[str]
    user_count: int
    is_default: bool

    @property
    def scopes(self) -> list[str]:
        """What the role opens in the operator app: its permissions that name a scope."""
        granted = scopes_of_role(self.permissions)
        return [scope for scope in ALL_SCOPES if scope in granted]


async def roles_with_users(
    session: AsyncSession, *, tenant_id: int, limit: int = ROLE_ROWS
) -> list[RoleRow]:
    """The tenant's roles by name with their permissions, how many users have each and which
    is the default: one statement."""
    counted = (
        select(users.c.role_id, func.count().label("user_count"))
        .where(users.c.tenant_id == tenant_id)
        .group_by(users.c.role_id)
        .subquery()
    )
    statement = (
        select(
            roles.c.id,
            roles.c.name,
            roles.c.description,
            roles.c.permissions,
            func.coalesce(counted.c.user_count, 0),
            tenants.c.default_role_id,
        )
        .select_from(
            roles.join(tenants, tenants.c.id == roles.c.tenant_id).outerjoin(
                counted, counted.c.role_id == roles.c.id
            )
        )
        .where(roles.c.tenant_id == tenant_id)
        .order_by(roles.c.name, roles.c.id)
        .limit(limit)
    )
    return [
        RoleRow(
            role_id,
            name,
            description,
            [str(permission) for permission in permissions or []],
            int(user_count),
            default_role_id == role_id,
        )
        for role_id, name, description, permissions, user_count, default_role_id in (
            await session.execute(statement)
        )
    ]
