"""events charged_at

Revision ID: c4d2a8e6f1b3
Revises: b1e7c3a9d5f2
Create Date: 2026-12-07 16:25:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clarus.core.db

revision: str = "c4d2a8e6f1b3"
down_revision: str | None = "70d32447390d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("charged_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            "ix_events_pending_charge",
            ["id"],
            unique=False,
            postgresql_where=sa.text("charged_at IS NULL"),
            sqlite_where=sa.text("charged_at IS NULL"),
        )
    op.execute(
        "UPDATE events SET charged_at = CURRENT_TIMESTAMP WHERE id <= "
        "(SELECT COALESCE(MAX(last_event_id), 0) FROM charge_engine_cursors)"
    )


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_events_pending_charge",
            postgresql_where=sa.text("charged_at IS NULL"),
            sqlite_where=sa.text("charged_at IS NULL"),
        )
        batch_op.drop_column("charged_at")
