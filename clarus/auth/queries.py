"""Reads of a tenant's people that a transport lists: its users with their roles."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from clarus.auth.tables import roles, users
from clarus.core.listing import ListFilter, ListRow, ListSelect, PageQuery, matching_text


@dataclass(frozen=True, slots=True)
class UserListRow:
    id: int
    email: str
    name: str | None
    role_name: str | None
    is_active: bool


def _user_list_row(row: ListRow) -> UserListRow:
    values = row._mapping
    return UserListRow(
        id=values["id"],
        email=values["email"],
        name=values["name"],
        role_name=values["role_name"],
        is_active=bool(values["is_active"]),
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
        )
        .select_from(users.outerjoin(roles, roles.c.id == users.c.role_id))
        .where(
            users.c.tenant_id == tenant_id,
            *matching_text(filters.search, users.c.email, users.c.name),
        )
    )


user_page: PageQuery[UserListRow] = PageQuery(user_list, (users.c.id,), _user_list_row)
"""A page of `user_list`, newest user first: one statement."""
