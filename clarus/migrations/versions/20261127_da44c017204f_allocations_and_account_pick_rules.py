"""allocations and account pick rules

Revision ID: da44c017204f
Revises: 126ad9eb23bf
Create Date: 2026-11-27 13:03:22.871732
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clarus.core.db

revision: str = "da44c017204f"
down_revision: str | None = "126ad9eb23bf"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "allocations",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "goods_out_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "goods_out_line_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column("stock_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=15, scale=4), nullable=False),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "quantity > 0", name=op.f("ck_allocations_ck_allocations_quantity_positive")
        ),
        sa.ForeignKeyConstraint(
            ["goods_out_id"],
            ["goods_outs.id"],
            name=op.f("fk_allocations_goods_out_id_goods_outs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["goods_out_line_id"],
            ["goods_out_lines.id"],
            name=op.f("fk_allocations_goods_out_line_id_goods_out_lines"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stock_id"], ["stocks.id"], name=op.f("fk_allocations_stock_id_stocks")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_allocations_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allocations")),
        sa.UniqueConstraint(
            "goods_out_line_id", "stock_id", name=op.f("uq_allocations_goods_out_line_id_stock_id")
        ),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("allocations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_allocations_goods_out_id"), ["goods_out_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_allocations_stock_id"), ["stock_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_allocations_tenant_id"), ["tenant_id"], unique=False)

    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("pick_rule", sa.String(length=16), server_default="fifo", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("pick_rule")

    with op.batch_alter_table("allocations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_allocations_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_allocations_stock_id"))
        batch_op.drop_index(batch_op.f("ix_allocations_goods_out_id"))

    op.drop_table("allocations")
