"""pickface products

Revision ID: 669f897f4608
Revises: ba4c4b6d3fa7
Create Date: 2026-11-27 12:33:11.602693
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clarus.core.db

revision: str = "669f897f4608"
down_revision: str | None = "ba4c4b6d3fa7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pickface_products",
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
            "product_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "location_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("replenishment_type", sa.String(length=16), nullable=False),
        sa.Column(
            "trigger_min", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "trigger_max", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("priority", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("full_storage_units_only", sa.Boolean(), nullable=False),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["locations.id"],
            name=op.f("fk_pickface_products_location_id_locations"),
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_pickface_products_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_pickface_products_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pickface_products")),
        sa.UniqueConstraint(
            "product_id", "location_id", name=op.f("uq_pickface_products_product_id_location_id")
        ),
    )
    with op.batch_alter_table("pickface_products", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pickface_products_location_id"), ["location_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_pickface_products_tenant_id"), ["tenant_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("pickface_products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pickface_products_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_pickface_products_location_id"))

    op.drop_table("pickface_products")
