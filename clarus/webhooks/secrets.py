"""Standard Webhooks signing secrets: `whsec_` and the base64 of 32 random bytes, stored sealed
(`clarus.core.secret_box`): the table never holds one in the clear."""

from __future__ import annotations

import base64
import datetime as dt
import secrets

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.secret_box import SecretBox
from clarus.webhooks.tables import webhook_secrets

PREFIX = "whsec_"
SECRET_BYTES = 32
DEFAULT_OVERLAP = dt.timedelta(hours=24)


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


async def issue_secrets(
    session: AsyncSession, *, tenant_id: int, action_ids: list[int], box: SecretBox
) -> dict[int, str]:
    """A current secret for each new webhook action; the caller shows each once."""
    issued = {action_id: new_secret() for action_id in action_ids}
    if issued:
        now = utcnow()
        await session.execute(
            insert(webhook_secrets),
            [
                {
                    "tenant_id": tenant_id,
                    "automation_action_id": action_id,
                    "secret": box.seal(secret),
                    "created_at": now,
                }
                for action_id, secret in issued.items()
            ],
        )
    return issued


async def unsigned_actions(
    session: AsyncSession, *, tenant_id: int, action_ids: list[int]
) -> list[int]:
    """The actions among `action_ids` without a current secret (new ones, and one that has just
    become a webhook), in the order given."""
    if not action_ids:
        return []
    statement = select(webhook_secrets.c.automation_action_id).where(
        webhook_secrets.c.tenant_id == tenant_id,
        webhook_secrets.c.automation_action_id.in_(action_ids),
        webhook_secrets.c.expires_at.is_(None),
    )
    signed = set((await session.execute(statement)).scalars())
    return [action_id for action_id in action_ids if action_id not in signed]


async def rotate_secret(
    session: AsyncSession,
    *,
    tenant_id: int,
    action_id: int,
    overlap: dt.timedelta,
    box: SecretBox,
) -> str:
    """A new current secret; the ones still current sign on until `overlap` has passed (and
    a secret already expiring keeps its earlier end)."""
    now = utcnow()
    ends = now + overlap
    await session.execute(
        update(webhook_secrets)
        .where(
            webhook_secrets.c.tenant_id == tenant_id,
            webhook_secrets.c.automation_action_id == action_id,
            (webhook_secrets.c.expires_at.is_(None)) | (webhook_secrets.c.expires_at > ends),
        )
        .values(expires_at=ends)
    )
    issued = await issue_secrets(session, tenant_id=tenant_id, action_ids=[action_id], box=box)
    return issued[action_id]


async def reseal_secrets(session: AsyncSession, *, box: SecretBox) -> int:
    """Every stored secret sealed again with the box's first key (after a new key was put
    first), so the older keys can be dropped; how many there were."""
    rows = (await session.execute(select(webhook_secrets.c.id, webhook_secrets.c.secret))).all()
    for row_id, sealed in rows:
        await session.execute(
            update(webhook_secrets)
            .where(webhook_secrets.c.id == row_id)
            .values(secret=box.reseal(sealed))
        )
    return len(rows)
