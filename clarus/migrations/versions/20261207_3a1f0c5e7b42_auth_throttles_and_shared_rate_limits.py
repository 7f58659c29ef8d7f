"""auth throttles and shared rate limits

Revision ID: 3a1f0c5e7b42
Revises: b7e3c9a14d52
Create Date: 2026-12-07 09:00:00.000000

The API's token buckets move into the database, so every server process spends one budget, and
failed sign-ins and client authentications are counted per key in a fixed window.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3a1f0c5e7b42"
down_revision: str | None = "b7e3c9a14d52"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rate_limit_buckets",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("tokens", sa.Double(), nullable=False),
        sa.Column("refilled_at", sa.Double(), nullable=False),
        sa.Column("last_taken", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_limit_buckets")),
    )
    op.create_table(
        "auth_failure_counts",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_auth_failure_counts")),
    )
    op.create_index(
        op.f("ix_auth_failure_counts_window_ends_at"),
        "auth_failure_counts",
        ["window_ends_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_auth_failure_counts_window_ends_at"), table_name="auth_failure_counts")
    op.drop_table("auth_failure_counts")
    op.drop_table("rate_limit_buckets")
