"""warehouses, sites, locations

Revision ID: bde3edc2f6fd
Revises: ba4d58d05900
Create Date: 2026-11-27 10:53:50.895646
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clarus.core.db

revision: str = "bde3edc2f6fd"
down_revision: str | None = "ba4d58d05900"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "location_types",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_location_types_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_location_types")),
        sa.UniqueConstraint("tenant_id", "code", name=op.f("uq_location_types_tenant_id_code")),
    )
    with op.batch_alter_table("location_types", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_location_types_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "sites",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("default", sa.Boolean(), nullable=False),
        sa.Column("tier", sa.String(length=16), nullable=True),
        sa.Column(
            "address_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("external_system_reference1", sa.String(length=255), nullable=True),
        sa.Column("external_system_reference2", sa.String(length=255), nullable=True),
        sa.Column("external_system_reference3", sa.String(length=255), nullable=True),
        sa.Column("integer1", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer2", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer3", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer4", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer5", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("datetime1", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime2", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime3", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime4", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime5", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("boolean1", sa.Boolean(), nullable=True),
        sa.Column("boolean2", sa.Boolean(), nullable=True),
        sa.Column("boolean3", sa.Boolean(), nullable=True),
        sa.Column("boolean4", sa.Boolean(), nullable=True),
        sa.Column("boolean5", sa.Boolean(), nullable=True),
        sa.Column("string1", sa.String(length=255), nullable=True),
        sa.Column("string2", sa.String(length=255), nullable=True),
        sa.Column("string3", sa.String(length=255), nullable=True),
        sa.Column("string4", sa.String(length=255), nullable=True),
        sa.Column("string5", sa.String(length=255), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["address_id"],
            ["addresses.id"],
            name=op.f("fk_sites_address_id_addresses"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_sites_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sites")),
        sa.UniqueConstraint("tenant_id", "code", name=op.f("uq_sites_tenant_id_code")),
    )
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sites_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "account_warehouses",
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
        sa.Column(
            "warehouse_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_account_warehouses_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_account_warehouses_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"],
            ["warehouses.id"],
            name=op.f("fk_account_warehouses_warehouse_id_warehouses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_warehouses")),
        sa.UniqueConstraint(
            "tenant_id",
            "account_id",
            "warehouse_id",
            name=op.f("uq_account_warehouses_tenant_id_account_id_warehouse_id"),
        ),
    )
    with op.batch_alter_table("account_warehouses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_warehouses_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_account_warehouses_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_account_warehouses_warehouse_id"), ["warehouse_id"], unique=False
        )

    op.create_table(
        "locations",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column(
            "warehouse_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "location_type_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("barcode", sa.String(length=255), nullable=True),
        sa.Column("zone", sa.String(length=255), nullable=True),
        sa.Column("aisle", sa.String(length=255), nullable=True),
        sa.Column("bay", sa.String(length=255), nullable=True),
        sa.Column("level", sa.String(length=255), nullable=True),
        sa.Column("position", sa.String(length=255), nullable=True),
        sa.Column("column", sa.String(length=255), nullable=True),
        sa.Column("row", sa.String(length=255), nullable=True),
        sa.Column("slot", sa.String(length=255), nullable=True),
        sa.Column(
            "pick_sequence", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "putaway_sequence", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("max_weight", sa.Float(), nullable=True),
        sa.Column("max_cube", sa.Float(), nullable=True),
        sa.Column(
            "max_storage_units", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "storage_unit_type_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("is_pickface", sa.Boolean(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("integer1", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer2", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer3", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer4", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer5", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("datetime1", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime2", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime3", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime4", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime5", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("boolean1", sa.Boolean(), nullable=True),
        sa.Column("boolean2", sa.Boolean(), nullable=True),
        sa.Column("boolean3", sa.Boolean(), nullable=True),
        sa.Column("boolean4", sa.Boolean(), nullable=True),
        sa.Column("boolean5", sa.Boolean(), nullable=True),
        sa.Column("string1", sa.String(length=255), nullable=True),
        sa.Column("string2", sa.String(length=255), nullable=True),
        sa.Column("string3", sa.String(length=255), nullable=True),
        sa.Column("string4", sa.String(length=255), nullable=True),
        sa.Column("string5", sa.String(length=255), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_type_id"],
            ["location_types.id"],
            name=op.f("fk_locations_location_type_id_location_types"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_locations_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_locations_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_locations")),
        sa.UniqueConstraint(
            "tenant_id",
            "warehouse_id",
            "code",
            name=op.f("uq_locations_tenant_id_warehouse_id_code"),
        ),
    )
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_locations_location_type_id"), ["location_type_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_locations_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_locations_warehouse_id"), ["warehouse_id"], unique=False
        )

    with op.batch_alter_table("warehouses", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "site_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column(
                "address_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column(
                "consolidate_pick_enabled", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.add_column(
            sa.Column(
                "loading_validation_setting",
                sa.String(length=32),
                nullable=False,
                server_default="none",
            )
        )
        batch_op.add_column(
            sa.Column(
                "opening_times_enabled", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.create_index(batch_op.f("ix_warehouses_site_id"), ["site_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_warehouses_address_id_addresses"),
            "addresses",
            ["address_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_warehouses_site_id_sites"), "sites", ["site_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("warehouses", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_warehouses_site_id_sites"), type_="foreignkey")
        batch_op.drop_constraint(
            batch_op.f("fk_warehouses_address_id_addresses"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_warehouses_site_id"))
        batch_op.drop_column("opening_times_enabled")
        batch_op.drop_column("loading_validation_setting")
        batch_op.drop_column("consolidate_pick_enabled")
        batch_op.drop_column("address_id")
        batch_op.drop_column("site_id")

    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_locations_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_locations_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_locations_location_type_id"))

    op.drop_table("locations")
    with op.batch_alter_table("account_warehouses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_warehouses_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_account_warehouses_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_account_warehouses_account_id"))

    op.drop_table("account_warehouses")
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sites_tenant_id"))

    op.drop_table("sites")
    with op.batch_alter_table("location_types", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_location_types_tenant_id"))

    op.drop_table("location_types")
