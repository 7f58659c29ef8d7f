"""goods in receipts and goods outs

Revision ID: a7545b947a28
Revises: ba4c4b6d3fa7
Create Date: 2026-11-27 12:31:52.727671
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clarus.core.db

revision: str = "a7545b947a28"
down_revision: str | None = "ba4c4b6d3fa7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "goods_in_receipts",
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
        sa.Column(
            "supplier_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "address_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("reference", sa.String(length=255), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("receipt_type", sa.String(length=32), nullable=False),
        sa.Column(
            "expected_date_of_arrival", clarus.core.db.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "actual_date_of_arrival", clarus.core.db.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("notes", sa.Text(), nullable=True),
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
            ["account_id"], ["accounts.id"], name=op.f("fk_goods_in_receipts_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["address_id"],
            ["addresses.id"],
            name=op.f("fk_goods_in_receipts_address_id_addresses"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"],
            ["suppliers.id"],
            name=op.f("fk_goods_in_receipts_supplier_id_suppliers"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_goods_in_receipts_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"],
            ["warehouses.id"],
            name=op.f("fk_goods_in_receipts_warehouse_id_warehouses"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goods_in_receipts")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("goods_in_receipts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_goods_in_receipts_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_goods_in_receipts_expected_date_of_arrival"),
            ["expected_date_of_arrival"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_goods_in_receipts_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_goods_in_receipts_supplier_id"), ["supplier_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_goods_in_receipts_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_goods_in_receipts_warehouse_id"), ["warehouse_id"], unique=False
        )
        batch_op.create_index(
            "uq_goods_in_receipts_account_reference",
            ["tenant_id", "account_id", "reference"],
            unique=True,
            sqlite_where=sa.text("status <> 'cancelled'"),
            postgresql_where=sa.text("status <> 'cancelled'"),
        )

    op.create_table(
        "goods_in_receipt_lines",
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
            "goods_in_receipt_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column(
            "product_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "product_storage_unit_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("expected_quantity", sa.Numeric(precision=15, scale=4), nullable=False),
        sa.Column(
            "expected_configurations_quantity", sa.Numeric(precision=15, scale=4), nullable=True
        ),
        sa.Column("stock_configuration", sa.String(length=8), nullable=True),
        sa.Column("expected_quantity_dimension", sa.String(length=8), nullable=True),
        sa.Column(
            "received_quantity",
            sa.Numeric(precision=15, scale=4),
            server_default="0",
            nullable=False,
        ),
        sa.Column("alt_line_note", sa.Text(), nullable=True),
        sa.Column("alt_line_number", sa.String(length=255), nullable=True),
        sa.Column("alt_line_reference", sa.String(length=255), nullable=True),
        sa.Column("alt_product_code", sa.String(length=255), nullable=True),
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
            ["goods_in_receipt_id"],
            ["goods_in_receipts.id"],
            name=op.f("fk_goods_in_receipt_lines_goods_in_receipt_id_goods_in_receipts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_goods_in_receipt_lines_product_id_products"),
        ),
        sa.ForeignKeyConstraint(
            ["product_storage_unit_id"],
            ["product_storage_units.id"],
            name=op.f("fk_goods_in_receipt_lines_product_storage_unit_id_product_storage_units"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_goods_in_receipt_lines_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goods_in_receipt_lines")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("goods_in_receipt_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_goods_in_receipt_lines_goods_in_receipt_id"),
            ["goods_in_receipt_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_goods_in_receipt_lines_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_goods_in_receipt_lines_product_storage_unit_id"),
            ["product_storage_unit_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_goods_in_receipt_lines_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "goods_outs",
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
            "warehouse_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("reference", sa.String(length=50), nullable=False),
        sa.Column("goods_out_type", sa.String(length=16), nullable=False),
        sa.Column("goods_out_status_id", sa.SmallInteger(), nullable=False),
        sa.Column(
            "order_type_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "customer_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "carrier_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "carrier_service_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column(
            "location_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "address_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "original_delivery_address_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column(
            "integration_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "short_order_lines_reason_code_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("short_order_lines_description", sa.Text(), nullable=True),
        sa.Column(
            "expected_date_of_dispatch", clarus.core.db.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "actual_date_of_dispatch", clarus.core.db.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("priority", sa.SmallInteger(), nullable=True),
        sa.Column(
            "drop_sequence", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("pick_type", sa.String(length=16), nullable=False),
        sa.Column("pack_strategy", sa.String(length=16), nullable=False),
        sa.Column("dispatch_strategy", sa.String(length=16), nullable=False),
        sa.Column("load_reference", sa.String(length=255), nullable=True),
        sa.Column("pick_reference", sa.String(length=255), nullable=True),
        sa.Column("delivery_notes", sa.Text(), nullable=True),
        sa.Column("order_notes", sa.Text(), nullable=True),
        sa.Column("pick_notes", sa.Text(), nullable=True),
        sa.Column("packing_notes", sa.String(length=255), nullable=True),
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
        sa.CheckConstraint(
            "goods_out_status_id BETWEEN 1 AND 8",
            name=op.f("ck_goods_outs_ck_goods_outs_known_status"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_goods_outs_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["address_id"],
            ["addresses.id"],
            name=op.f("fk_goods_outs_address_id_addresses"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["carrier_id"], ["carriers.id"], name=op.f("fk_goods_outs_carrier_id_carriers")
        ),
        sa.ForeignKeyConstraint(
            ["carrier_service_id"],
            ["carrier_services.id"],
            name=op.f("fk_goods_outs_carrier_service_id_carrier_services"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_goods_outs_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["location_id"], ["locations.id"], name=op.f("fk_goods_outs_location_id_locations")
        ),
        sa.ForeignKeyConstraint(
            ["order_type_id"],
            ["order_types.id"],
            name=op.f("fk_goods_outs_order_type_id_order_types"),
        ),
        sa.ForeignKeyConstraint(
            ["original_delivery_address_id"],
            ["addresses.id"],
            name=op.f("fk_goods_outs_original_delivery_address_id_addresses"),
        ),
        sa.ForeignKeyConstraint(
            ["short_order_lines_reason_code_id"],
            ["reason_codes.id"],
            name=op.f("fk_goods_outs_short_order_lines_reason_code_id_reason_codes"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_goods_outs_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_goods_outs_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goods_outs")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("goods_outs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goods_outs_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_goods_outs_carrier_id"), ["carrier_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_goods_outs_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_goods_outs_expected_date_of_dispatch"),
            ["expected_date_of_dispatch"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_goods_outs_goods_out_status_id"), ["goods_out_status_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_goods_outs_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_goods_outs_warehouse_id"), ["warehouse_id"], unique=False
        )
        batch_op.create_index(
            "uq_goods_outs_account_reference",
            ["tenant_id", "account_id", "reference"],
            unique=True,
            sqlite_where=sa.text("goods_out_status_id <> 8"),
            postgresql_where=sa.text("goods_out_status_id <> 8"),
        )

    op.create_table(
        "goods_out_lines",
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
            "product_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("order_quantity", sa.Numeric(precision=15, scale=4), nullable=False),
        sa.Column(
            "ordered_configurations_quantity", sa.Numeric(precision=15, scale=4), nullable=True
        ),
        sa.Column("order_quantity_dimension", sa.String(length=8), nullable=True),
        sa.Column("stock_configuration", sa.String(length=8), nullable=True),
        sa.Column(
            "allocated_quantity",
            sa.Numeric(precision=15, scale=4),
            server_default="0",
            nullable=False,
        ),
        sa.Column(
            "pick_quantity", sa.Numeric(precision=15, scale=4), server_default="0", nullable=False
        ),
        sa.Column(
            "dispatch_quantity",
            sa.Numeric(precision=15, scale=4),
            server_default="0",
            nullable=False,
        ),
        sa.Column("short_status", sa.String(length=16), nullable=True),
        sa.Column(
            "carrier_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "carrier_service_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("dispatch_strategy", sa.String(length=16), nullable=True),
        sa.Column("pack_strategy", sa.String(length=16), nullable=True),
        sa.Column(
            "goods_in_receipt_line_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column(
            "stock_to_pick_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("storage_unit_reference", sa.String(length=255), nullable=True),
        sa.Column("stock_description", sa.Text(), nullable=True),
        sa.Column("alt_line_note", sa.Text(), nullable=True),
        sa.Column("alt_line_number", sa.String(length=255), nullable=True),
        sa.Column("alt_line_reference", sa.String(length=255), nullable=True),
        sa.Column("alt_product_code", sa.String(length=255), nullable=True),
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
        sa.Column("datetime1_from", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime1_to", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime2_from", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime2_to", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime3_from", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime3_to", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime4_from", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime4_to", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime5_from", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime5_to", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["carrier_id"], ["carriers.id"], name=op.f("fk_goods_out_lines_carrier_id_carriers")
        ),
        sa.ForeignKeyConstraint(
            ["carrier_service_id"],
            ["carrier_services.id"],
            name=op.f("fk_goods_out_lines_carrier_service_id_carrier_services"),
        ),
        sa.ForeignKeyConstraint(
            ["goods_in_receipt_line_id"],
            ["goods_in_receipt_lines.id"],
            name=op.f("fk_goods_out_lines_goods_in_receipt_line_id_goods_in_receipt_lines"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["goods_out_id"],
            ["goods_outs.id"],
            name=op.f("fk_goods_out_lines_goods_out_id_goods_outs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_goods_out_lines_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_goods_out_lines_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goods_out_lines")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("goods_out_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_goods_out_lines_goods_out_id"), ["goods_out_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_goods_out_lines_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_goods_out_lines_tenant_id"), ["tenant_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("goods_out_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goods_out_lines_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_goods_out_lines_product_id"))
        batch_op.drop_index(batch_op.f("ix_goods_out_lines_goods_out_id"))

    op.drop_table("goods_out_lines")
    with op.batch_alter_table("goods_outs", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_goods_outs_account_reference",
            sqlite_where=sa.text("goods_out_status_id <> 8"),
            postgresql_where=sa.text("goods_out_status_id <> 8"),
        )
        batch_op.drop_index(batch_op.f("ix_goods_outs_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_goods_outs_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_goods_outs_goods_out_status_id"))
        batch_op.drop_index(batch_op.f("ix_goods_outs_expected_date_of_dispatch"))
        batch_op.drop_index(batch_op.f("ix_goods_outs_customer_id"))
        batch_op.drop_index(batch_op.f("ix_goods_outs_carrier_id"))
        batch_op.drop_index(batch_op.f("ix_goods_outs_account_id"))

    op.drop_table("goods_outs")
    with op.batch_alter_table("goods_in_receipt_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goods_in_receipt_lines_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_goods_in_receipt_lines_product_storage_unit_id"))
        batch_op.drop_index(batch_op.f("ix_goods_in_receipt_lines_product_id"))
        batch_op.drop_index(batch_op.f("ix_goods_in_receipt_lines_goods_in_receipt_id"))

    op.drop_table("goods_in_receipt_lines")
    with op.batch_alter_table("goods_in_receipts", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_goods_in_receipts_account_reference",
            sqlite_where=sa.text("status <> 'cancelled'"),
            postgresql_where=sa.text("status <> 'cancelled'"),
        )
        batch_op.drop_index(batch_op.f("ix_goods_in_receipts_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_goods_in_receipts_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_goods_in_receipts_supplier_id"))
        batch_op.drop_index(batch_op.f("ix_goods_in_receipts_status"))
        batch_op.drop_index(batch_op.f("ix_goods_in_receipts_expected_date_of_arrival"))
        batch_op.drop_index(batch_op.f("ix_goods_in_receipts_account_id"))

    op.drop_table("goods_in_receipts")
