"""booking load

Revision ID: d3f1a8c5b2e7
Revises: e5a1c7d3b9f2
Create Date: 2026-12-07 15:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d3f1a8c5b2e7"
down_revision: str | None = "d0fa76512c96"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "load_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
            )
        )
        batch_op.create_index(batch_op.f("ix_bookings_load_id"), ["load_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_bookings_load_id_loads"),
            "loads",
            ["load_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_bookings_load_id_loads"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_bookings_load_id"))
        batch_op.drop_column("load_id")
