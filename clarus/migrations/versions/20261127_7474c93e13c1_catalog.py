"""catalog

Revision ID: 7474c93e13c1
Revises: ba4d58d05900
Create Date: 2026-11-27 10:59:36.555115
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clarus.core.db

revision: str = "7474c93e13c1"
down_revision: str | None = "ba4d58d05900"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stock_unit_types",
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
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_stock_unit_types_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_unit_types")),
        sa.UniqueConstraint("tenant_id", "code", name=op.f("uq_stock_unit_types_tenant_id_code")),
    )
    with op.batch_alter_table("stock_unit_types", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stock_unit_types_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "storage_unit_types",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("unit_name", sa.String(length=255), nullable=False),
        sa.Column(
            "sequence_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.Column("max_chars", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("is_pickable", sa.Boolean(), nullable=False),
        sa.Column("has_check_digit", sa.Boolean(), nullable=False),
        sa.Column("inherits_dimensions_from_item", sa.Boolean(), nullable=False),
        sa.Column("leaves_warehouse", sa.Boolean(), nullable=False),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_storage_unit_types_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_storage_unit_types")),
        sa.UniqueConstraint("tenant_id", "code", name=op.f("uq_storage_unit_types_tenant_id_code")),
    )
    with op.batch_alter_table("storage_unit_types", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_storage_unit_types_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "products",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("code", sa.String(length=50), nullable=True),
        sa.Column("description", sa.String(length=150), nullable=False),
        sa.Column(
            "stock_unit_type_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column("long_description", sa.Text(), nullable=True),
        sa.Column("barcode", sa.String(length=255), nullable=True),
        sa.Column("case_barcode", sa.String(length=255), nullable=True),
        sa.Column("inner_barcode", sa.String(length=255), nullable=True),
        sa.Column("outer_barcode", sa.String(length=255), nullable=True),
        sa.Column("commodity_code", sa.String(length=14), nullable=True),
        sa.Column("country_of_manufacture", sa.String(length=6), nullable=True),
        sa.Column("customs_description", sa.String(length=255), nullable=True),
        sa.Column(
            "shelf_life_min", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "shelf_life_max", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("stop", sa.Boolean(), nullable=False),
        sa.Column("obsolete", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("specific_gravity", sa.Numeric(precision=15, scale=4), nullable=True),
        sa.Column("output_quantity", sa.Numeric(precision=15, scale=4), nullable=True),
        sa.Column("assemble_on_pick", sa.Boolean(), nullable=False),
        sa.Column("require_dimensions_on_receipt", sa.Boolean(), nullable=False),
        sa.Column("non_hazardous_for_transport", sa.Boolean(), nullable=False),
        sa.Column("pick_strategy", sa.String(length=32), nullable=True),
        sa.Column("product_type", sa.String(length=32), nullable=False),
        sa.Column("serial_number_tracking_setting", sa.String(length=32), nullable=False),
        sa.Column("unit_quantity_conversion_strategy", sa.String(length=32), nullable=False),
        sa.Column("default_order_configuration", sa.String(length=16), nullable=True),
        sa.Column("default_receipt_configuration", sa.String(length=16), nullable=True),
        sa.Column(
            "units_per_case", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
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
            ["stock_unit_type_id"],
            ["stock_unit_types.id"],
            name=op.f("fk_products_stock_unit_type_id_stock_unit_types"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_products_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
        sa.UniqueConstraint("tenant_id", "code", name=op.f("uq_products_tenant_id_code")),
    )
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_products_stock_unit_type_id"), ["stock_unit_type_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_products_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "storage_unit_type_dimensions",
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
            "storage_unit_type_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column("length", sa.Numeric(precision=15, scale=4), nullable=True),
        sa.Column("width", sa.Numeric(precision=15, scale=4), nullable=True),
        sa.Column("height", sa.Numeric(precision=15, scale=4), nullable=True),
        sa.Column("weight", sa.Numeric(precision=15, scale=4), nullable=True),
        sa.Column("unit_of_measure", sa.String(length=16), nullable=True),
        sa.Column("weight_unit_of_measure", sa.String(length=16), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["storage_unit_type_id"],
            ["storage_unit_types.id"],
            name=op.f("fk_storage_unit_type_dimensions_storage_unit_type_id_storage_unit_types"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_storage_unit_type_dimensions_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_storage_unit_type_dimensions")),
        sa.UniqueConstraint(
            "storage_unit_type_id",
            name=op.f("uq_storage_unit_type_dimensions_storage_unit_type_id"),
        ),
    )
    with op.batch_alter_table("storage_unit_type_dimensions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_storage_unit_type_dimensions_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "storage_units",
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
            "storage_unit_type_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column("reference", sa.String(length=255), nullable=True),
        sa.Column("barcode", sa.String(length=255), nullable=True),
        sa.Column(
            "warehouse_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "location_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("dispatched", sa.Boolean(), nullable=False),
        sa.Column("dispatched_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("string1", sa.String(length=255), nullable=True),
        sa.Column("string2", sa.String(length=255), nullable=True),
        sa.Column("string3", sa.String(length=255), nullable=True),
        sa.Column("string4", sa.String(length=255), nullable=True),
        sa.Column("string5", sa.String(length=255), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["storage_unit_type_id"],
            ["storage_unit_types.id"],
            name=op.f("fk_storage_units_storage_unit_type_id_storage_unit_types"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_storage_units_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"],
            ["warehouses.id"],
            name=op.f("fk_storage_units_warehouse_id_warehouses"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_storage_units")),
        sa.UniqueConstraint(
            "tenant_id", "reference", name=op.f("uq_storage_units_tenant_id_reference")
        ),
    )
    with op.batch_alter_table("storage_units", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_storage_units_storage_unit_type_id"),
            ["storage_unit_type_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_storage_units_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_storage_units_warehouse_id"), ["warehouse_id"], unique=False
        )

    op.create_table(
        "account_products",
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
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_account_products_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_account_products_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_account_products_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_products")),
        sa.UniqueConstraint(
            "product_id", "account_id", name=op.f("uq_account_products_product_id_account_id")
        ),
    )
    with op.batch_alter_table("account_products", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_products_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_account_products_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "product_storage_units",
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
            "storage_unit_type_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column("stock_configuration", sa.String(length=8), nullable=False),
        sa.Column("unit_of_measure", sa.String(length=16), nullable=False),
        sa.Column("per_layer", sa.Numeric(precision=15, scale=4), nullable=False),
        sa.Column(
            "number_of_layers", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("total", sa.Numeric(precision=15, scale=4), nullable=True),
        sa.Column("height", sa.Numeric(precision=15, scale=4), nullable=True),
        sa.Column("priority", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_product_storage_units_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["storage_unit_type_id"],
            ["storage_unit_types.id"],
            name=op.f("fk_product_storage_units_storage_unit_type_id_storage_unit_types"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_product_storage_units_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_storage_units")),
        sa.UniqueConstraint(
            "product_id", "priority", name=op.f("uq_product_storage_units_product_id_priority")
        ),
    )
    with op.batch_alter_table("product_storage_units", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_storage_units_storage_unit_type_id"),
            ["storage_unit_type_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_product_storage_units_tenant_id"), ["tenant_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("product_storage_units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_storage_units_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_product_storage_units_storage_unit_type_id"))

    op.drop_table("product_storage_units")
    with op.batch_alter_table("account_products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_products_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_account_products_account_id"))

    op.drop_table("account_products")
    with op.batch_alter_table("storage_units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_storage_units_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_storage_units_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_storage_units_storage_unit_type_id"))

    op.drop_table("storage_units")
    with op.batch_alter_table("storage_unit_type_dimensions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_storage_unit_type_dimensions_tenant_id"))

    op.drop_table("storage_unit_type_dimensions")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_products_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_products_stock_unit_type_id"))

    op.drop_table("products")
    with op.batch_alter_table("storage_unit_types", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_storage_unit_types_tenant_id"))

    op.drop_table("storage_unit_types")
    with op.batch_alter_table("stock_unit_types", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_unit_types_tenant_id"))

    op.drop_table("stock_unit_types")
