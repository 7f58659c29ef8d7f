"""Roles: named permission sets given to users."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.auth.models import Role, User
from clarus.core.crud import RecordKind
from clarus.core.db import table_of
from clarus.core.records import ensure_not_referenced

roles = table_of(Role)
users = table_of(User)


async def ensure_role_deletable(session: AsyncSession, tenant_id: int, role_id: int) -> None:
    """A role given to users cannot be deleted (documented): move them to another role first."""
    await ensure_not_referenced(
        session, users.c.role_id, tenant_id=tenant_id, record_id=role_id, resource="role"
    )


ROLES = RecordKind(
    roles,
    event_name="role",
    natural_key="name",
    flag_defaults={"permissions": []},
    ensure_deletable=ensure_role_deletable,
)
