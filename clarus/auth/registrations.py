"""What auth registers with tenancy, which sits below it and cannot import it: every new tenant
gets its default role. The package imports this module, so it holds wherever auth is loaded."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.auth.roles import create_default_role
from clarus.tenancy.service import TENANT_SETUP


async def make_default_role(session: AsyncSession, tenant_id: int) -> None:
    await create_default_role(session, tenant_id=tenant_id)


TENANT_SETUP.append(make_default_role)
