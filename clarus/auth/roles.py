"""Roles: named permission sets given to users, and each tenant's default role, which a user
made without a role gets."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.auth.tables import roles, users
from clarus.core.crud import RecordKind
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import id_of, insert_returning
from clarus.tenancy.tables import tenants

DEFAULT_ROLE_NAME = "Default"
DEFAULT_ROLE_DESCRIPTION = "Given to users made without a role; the subdomain's default_role_id."


async def create_default_role(session: AsyncSession, *, tenant_id: int) -> int:
    """A new tenant's default role, set as its `default_role_id`; its id."""
    role = await insert_returning(
        session,
        roles,
        tenant_id=tenant_id,
        values={"name": DEFAULT_ROLE_NAME, "description": DEFAULT_ROLE_DESCRIPTION},
    )
    role_id = id_of(role)
    await session.execute(
        update(tenants).where(tenants.c.id == tenant_id).values(default_role_id=role_id)
    )
    return role_id


async def default_role_id(session: AsyncSession, *, tenant_id: int) -> int:
    statement = select(tenants.c.default_role_id).where(tenants.c.id == tenant_id)
    role_id = (await session.execute(statement)).scalar_one()
    assert role_id is not None, f"tenant {tenant_id} has no default role"
    return int(role_id)


async def ensure_role_deletable(session: AsyncSession, tenant_id: int, role_id: int) -> None:
    """The tenant's default role cannot be deleted: name another default first."""
    if await default_role_id(session, tenant_id=tenant_id) == role_id:
        raise ClarusError.of(
            ErrorKind.RECORD_IN_USE,
            f"role {role_id} is the tenant's default role; change the subdomain's"
            " default_role_id first.",
            resource="subdomains",
            ids=[tenant_id],
            count=1,
        )


ROLES = RecordKind(
    roles,
    event_name="role",
    natural_key="name",
    flag_defaults={"permissions": []},
    dependents=(users.c.role_id,),
    ensure_deletable=ensure_role_deletable,
)
"""A role given to users cannot be deleted (documented): move them to another role first."""
