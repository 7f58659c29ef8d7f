"""webhook secrets sealed at rest

Revision ID: 5d78f3b449a8
Revises: 7d1e5a0c9b21
Create Date: 2026-11-27 18:31:00.654670

The column widens to hold a Fernet token, and every secret already stored is sealed with the
key of the settings (`clarus.core.secret_box`); the downgrade opens them again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import context, op

from clarus.core.secret_box import SecretBox, secret_box
from clarus.core.settings import Settings

revision: str = "5d78f3b449a8"
down_revision: str | None = "7d1e5a0c9b21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PREFIX = "whsec_"
KEEP_AUTOINCREMENT = {"sqlite_autoincrement": True}
webhook_secrets = sa.table(
    "webhook_secrets", sa.column("id", sa.BigInteger), sa.column("secret", sa.Text)
)


def _box() -> SecretBox:
    url = context.config.get_main_option("sqlalchemy.url")
    return secret_box(Settings(database_url=url) if url else Settings())


def _rewrite(change: Callable[[SecretBox, str], str | None]) -> None:
    """Each stored secret through `change` (None: left as it is); the key is read only when
    there is a secret to change."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(webhook_secrets.c.id, webhook_secrets.c.secret)).all()
    box = _box() if rows else None
    for row_id, value in rows:
        assert box is not None
        changed = change(box, value)
        if changed is not None:
            bind.execute(
                sa.update(webhook_secrets)
                .where(webhook_secrets.c.id == row_id)
                .values(secret=changed)
            )


def upgrade() -> None:
    with op.batch_alter_table("webhook_secrets", table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.alter_column(
            "secret",
            existing_type=sa.VARCHAR(length=128),
            type_=sa.Text(),
            existing_nullable=False,
        )
    _rewrite(lambda box, value: box.seal(value) if value.startswith(PREFIX) else None)


def downgrade() -> None:
    _rewrite(lambda box, value: None if value.startswith(PREFIX) else box.open(value))
    with op.batch_alter_table("webhook_secrets", table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.alter_column(
            "secret",
            existing_type=sa.Text(),
            type_=sa.VARCHAR(length=128),
            existing_nullable=False,
        )
