"""webhook deliveries of a record, newest first (the record pages)

Revision ID: e7b3c1d9a2f4
Revises: c4d2a8e6f1b3
Create Date: 2026-12-07 18:05:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "e7b3c1d9a2f4"
down_revision: str | None = "c4d2a8e6f1b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_webhook_deliveries_record",
        "webhook_deliveries",
        ["tenant_id", "resource_name", "record_id", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_webhook_deliveries_record", table_name="webhook_deliveries")
