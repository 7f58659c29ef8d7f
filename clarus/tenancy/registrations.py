"""What tenancy registers with master data, which sits below it and cannot import it: the
tenant's default order type keeps that order type from being deleted. The package imports this
module, so the rule holds wherever tenancy is loaded."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ClarusError, ErrorKind
from clarus.masterdata.service import ORDER_TYPE_USES
from clarus.tenancy.tables import tenants


async def ensure_not_default_order_type(
    session: AsyncSession, tenant_id: int, order_type_id: int
) -> None:
    """Change the subdomain's `default_order_type_id` before deleting the order type it names."""
    statement = select(tenants.c.id).where(
        tenants.c.id == tenant_id, tenants.c.default_order_type_id == order_type_id
    )
    if (await session.execute(statement)).first() is not None:
        raise ClarusError.of(
            ErrorKind.RECORD_IN_USE,
            f"order type {order_type_id} is the tenant's default order type; change the"
            " subdomain's default_order_type_id first.",
            resource="subdomains",
            ids=[tenant_id],
            count=1,
        )


ORDER_TYPE_USES.append(ensure_not_default_order_type)
