"""What the catalogue registers with tenancy, which sits below it and cannot import it: every
new tenant gets the read-only alternative code types. The package imports this module, so it
holds wherever the catalogue is loaded."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.alternative_codes import add_system_types
from clarus.tenancy.service import TENANT_SETUP


async def make_system_alternative_code_types(session: AsyncSession, tenant_id: int) -> None:
    await add_system_types(session, tenant_id=tenant_id)


TENANT_SETUP.append(make_system_alternative_code_types)
