"""groups, put-away rules and warehouse routes

Revision ID: c4d8e2f1a9b3
Revises: 3a1f0c5e7b42
Create Date: 2026-12-07 11:50:38.249888

Groups of products and locations and their members; put-away rules (ordered per account) and
warehouse routes (ordered per tenant).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clarus.core.db

revision: str = "c4d8e2f1a9b3"
down_revision: str | None = "3a1f0c5e7b42"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "groups",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("use_for_products", sa.Boolean(), nullable=False),
        sa.Column("use_for_locations", sa.Boolean(), nullable=False),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_groups_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groups")),
        sa.UniqueConstraint("tenant_id", "name", name=op.f("uq_groups_tenant_id_name")),
    )
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_groups_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "putaway_rules",
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
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("direction", sa.String(length=4), nullable=False),
        sa.Column("position", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_putaway_rules_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_putaway_rules_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_putaway_rules")),
    )
    with op.batch_alter_table("putaway_rules", schema=None) as batch_op:
        batch_op.create_index(
            "ix_putaway_rules_account_position", ["account_id", "position"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_putaway_rules_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "product_groups",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("group_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "product_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_product_groups_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_product_groups_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_product_groups_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_groups")),
        sa.UniqueConstraint(
            "group_id", "product_id", name=op.f("uq_product_groups_group_id_product_id")
        ),
    )
    with op.batch_alter_table("product_groups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_groups_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_product_groups_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "warehouse_routes",
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
            "warehouse_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "customer_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("position", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_warehouse_routes_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_warehouse_routes_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_warehouse_routes_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_warehouse_routes_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"],
            ["warehouses.id"],
            name=op.f("fk_warehouse_routes_warehouse_id_warehouses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warehouse_routes")),
    )
    with op.batch_alter_table("warehouse_routes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_warehouse_routes_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_warehouse_routes_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_warehouse_routes_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_warehouse_routes_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            "ix_warehouse_routes_tenant_position", ["tenant_id", "position"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_warehouse_routes_warehouse_id"), ["warehouse_id"], unique=False
        )

    op.create_table(
        "location_groups",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("group_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "location_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_location_groups_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["locations.id"],
            name=op.f("fk_location_groups_location_id_locations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_location_groups_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_location_groups")),
        sa.UniqueConstraint(
            "group_id", "location_id", name=op.f("uq_location_groups_group_id_location_id")
        ),
    )
    with op.batch_alter_table("location_groups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_location_groups_location_id"), ["location_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_location_groups_tenant_id"), ["tenant_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("location_groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_location_groups_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_location_groups_location_id"))

    op.drop_table("location_groups")
    with op.batch_alter_table("warehouse_routes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_warehouse_routes_warehouse_id"))
        batch_op.drop_index("ix_warehouse_routes_tenant_position")
        batch_op.drop_index(batch_op.f("ix_warehouse_routes_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_warehouse_routes_product_id"))
        batch_op.drop_index(batch_op.f("ix_warehouse_routes_customer_id"))
        batch_op.drop_index(batch_op.f("ix_warehouse_routes_account_id"))

    op.drop_table("warehouse_routes")
    with op.batch_alter_table("product_groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_groups_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_product_groups_product_id"))

    op.drop_table("product_groups")
    with op.batch_alter_table("putaway_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_putaway_rules_tenant_id"))
        batch_op.drop_index("ix_putaway_rules_account_position")

    op.drop_table("putaway_rules")
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_groups_tenant_id"))

    op.drop_table("groups")
