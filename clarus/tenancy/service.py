from __future__ import annotations

import re

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import table_of
from clarus.tenancy.errors import invalid_subdomain, subdomain_taken
from clarus.tenancy.models import Tenant

_SUBDOMAIN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
tenants = table_of(Tenant)


def is_valid_subdomain(subdomain: str) -> bool:
    return _SUBDOMAIN.fullmatch(subdomain) is not None


async def find_by_subdomain(session: AsyncSession, subdomain: str) -> Tenant | None:
    if not is_valid_subdomain(subdomain):
        return None
    return (
        await session.execute(select(Tenant).where(Tenant.subdomain == subdomain))
    ).scalar_one_or_none()


async def create_tenant(*, session: AsyncSession, subdomain: str, company_name: str) -> Tenant:
    if not is_valid_subdomain(subdomain):
        raise invalid_subdomain(subdomain)
    if await find_by_subdomain(session, subdomain) is not None:
        raise subdomain_taken(subdomain)
    tenant_id = (
        await session.execute(
            insert(tenants)
            .values(subdomain=subdomain, company_name=company_name)
            .returning(tenants.c.id)
        )
    ).scalar_one()
    tenant = await session.get(Tenant, tenant_id)
    assert tenant is not None
    return tenant
