"""Sites: a tenant has at most one default site."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.events import emit
from clarus.core.records import Record
from clarus.core.schemas import InputModel
from clarus.masterdata.addresses import AddressedWrites
from clarus.masterdata.service import SITES, sites


async def make_sole_default(session: AsyncSession, *, tenant_id: int, site_id: int) -> None:
    """Clear `default` on the tenant's other sites, each such change an event of its own."""
    statement = (
        update(sites)
        .where(
            sites.c.tenant_id == tenant_id,
            sites.c.id != site_id,
            sites.c["default"].is_(True),
        )
        .values(default=False, updated_at=utcnow())
        .returning(*sites.c)
    )
    for row in (await session.execute(statement)).mappings().all():
        await emit(
            session,
            tenant_id=tenant_id,
            resource_name=SITES.event_name,
            event="updated",
            record_id=row["id"],
            payload=dict(row),
        )


class SiteWrites(AddressedWrites):
    """A site saved as the default takes that role from the tenant's other sites."""

    async def create(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        attributes: InputModel,
        relationships: InputModel | None,
    ) -> Record:
        record = await super().create(
            session, tenant_id=tenant_id, attributes=attributes, relationships=relationships
        )
        if record["default"]:
            await make_sole_default(session, tenant_id=tenant_id, site_id=record["id"])
        return record

    async def update(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        record_id: int,
        attributes: InputModel,
        relationships: InputModel | None,
    ) -> Record:
        record = await super().update(
            session,
            tenant_id=tenant_id,
            record_id=record_id,
            attributes=attributes,
            relationships=relationships,
        )
        if record["default"]:
            await make_sole_default(session, tenant_id=tenant_id, site_id=record_id)
        return record


SITE_WRITES = SiteWrites(SITES)
