"""Writes of master data. Services never commit: the caller owns the transaction."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.crud import RecordKind
from clarus.core.db import table_of
from clarus.core.errors import ClarusError, ErrorKind
from clarus.masterdata.models import Account, OrderType, ReasonCode
from clarus.tenancy.models import Tenant

tenants = table_of(Tenant)

ACCOUNTS = RecordKind(
    table_of(Account),
    event_name="account",
    flag_defaults={"is_active": True, "is_short_pickable": False},
)


async def ensure_order_type_deletable(
    session: AsyncSession, tenant_id: int, order_type_id: int
) -> None:
    """An order type still in use cannot be deleted.

    Today that is the tenant's `default_order_type_id` (change it through the subdomain first).
    The automations issue adds automation conditions that name the order type (a documented
    refusal), and goods outs add their `order_type_id`, each as one more check here.
    """
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


ORDER_TYPES = RecordKind(
    table_of(OrderType),
    event_name="order_type",
    ensure_deletable=ensure_order_type_deletable,
)
REASON_CODES = RecordKind(
    table_of(ReasonCode),
    event_name="reason_code",
    flag_defaults={"active": True, "generic": False},
)
