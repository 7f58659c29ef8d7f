"""Sites: a tenant has at most one default site; a site may carry an inline address."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.crud import RecordKind, RecordWrites, change_records
from clarus.core.records import RowDict, id_of
from clarus.core.schemas import InputModel
from clarus.masterdata.addresses import (
    create_with_address,
    delete_with_address,
    update_with_address,
)
from clarus.masterdata.service import SITES
from clarus.masterdata.tables import sites


async def make_sole_default(session: AsyncSession, *, tenant_id: int, site_id: int) -> None:
    """Clear `default` on the tenant's other sites, each such change an event of its own."""
    await change_records(
        session,
        SITES,
        tenant_id=tenant_id,
        where=(sites.c.id != site_id) & sites.c["default"].is_(True),
        values={"default": False},
    )


async def create_site(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    """A site saved as the default takes that role from the tenant's other sites."""
    record = await create_with_address(session, kind, tenant_id=tenant_id, attributes=attributes)
    if record["default"]:
        await make_sole_default(session, tenant_id=tenant_id, site_id=id_of(record))
    return record


async def update_site(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    record = await update_with_address(
        session, kind, tenant_id=tenant_id, record_id=record_id, attributes=attributes
    )
    if record["default"]:
        await make_sole_default(session, tenant_id=tenant_id, site_id=record_id)
    return record


SITE_WRITES = RecordWrites(create=create_site, update=update_site, delete=delete_with_address)
