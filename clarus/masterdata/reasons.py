"""Reason codes given to warehouse actions (adjustments, holds, transfers, short orders)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.references import Reference, ensure_references_exist
from clarus.masterdata.tables import reason_codes


async def ensure_reason_fits(
    session: AsyncSession,
    tenant_id: int,
    reason_code_id: int | None,
    reason_type: str,
) -> None:
    """A reason code given to an action (its input's `reason_code_id`) exists in the tenant and
    is one for that action (a `hold` code for a hold)."""
    if reason_code_id is None:
        return
    field = "/reason_code_id"
    await ensure_references_exist(
        session, tenant_id=tenant_id, references=[Reference(reason_codes, reason_code_id, field)]
    )
    statement = select(reason_codes.c.reason_type).where(reason_codes.c.id == reason_code_id)
    found = (await session.execute(statement)).scalar_one()
    if found != reason_type:
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE,
            f"reason code {reason_code_id} is a {found} reason, not a {reason_type} one.",
            path=field,
            reason_type=found,
        )
