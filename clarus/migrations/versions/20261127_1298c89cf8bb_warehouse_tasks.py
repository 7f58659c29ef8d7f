"""warehouse tasks

Revision ID: 1298c89cf8bb
Revises: da44c017204f
Create Date: 2026-11-27 13:09:56.898756
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import clarus.core.db

revision: str = "1298c89cf8bb"
down_revision: str | None = "da44c017204f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tasks",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("task_type_code", sa.String(length=8), nullable=False),
        sa.Column("subtype", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("priority", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "warehouse_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "product_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "location_from_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "location_to_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "storage_unit_from_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column(
            "storage_unit_to_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("stock_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("start_quantity", sa.Numeric(precision=15, scale=4), nullable=True),
        sa.Column("confirmed_quantity", sa.Numeric(precision=15, scale=4), nullable=True),
        sa.Column("stock_description", sa.String(length=255), nullable=True),
        sa.Column(
            "serial_numbers",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "drop_sequence", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "parent_task_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "user_created_by_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column(
            "user_completed_by_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column(
            "last_accessed_by_user_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("assigned_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("start_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("end_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("completed_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_accessed_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "goods_in_receipt_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column(
            "goods_in_receipt_line_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column(
            "goods_out_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "goods_out_line_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
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
            "status IN ('AVAILABLE', 'ALLOCATED', 'COMPLETED', 'CANCELLED')",
            name=op.f("ck_tasks_status_known"),
        ),
        sa.CheckConstraint(
            "task_type_code IN ('PICK', 'DISP', 'RCV', 'PWAY', 'TRAN', 'REPLEN', 'LOAD', 'CONV')",
            name=op.f("ck_tasks_task_type_code_known"),
        ),
        sa.CheckConstraint(
            "confirmed_quantity >= 0", name=op.f("ck_tasks_confirmed_quantity_not_negative")
        ),
        sa.CheckConstraint(
            "start_quantity >= 0", name=op.f("ck_tasks_start_quantity_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_tasks_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["goods_in_receipt_id"],
            ["goods_in_receipts.id"],
            name=op.f("fk_tasks_goods_in_receipt_id_goods_in_receipts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["goods_in_receipt_line_id"],
            ["goods_in_receipt_lines.id"],
            name=op.f("fk_tasks_goods_in_receipt_line_id_goods_in_receipt_lines"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["goods_out_id"],
            ["goods_outs.id"],
            name=op.f("fk_tasks_goods_out_id_goods_outs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["goods_out_line_id"],
            ["goods_out_lines.id"],
            name=op.f("fk_tasks_goods_out_line_id_goods_out_lines"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["last_accessed_by_user_id"],
            ["users.id"],
            name=op.f("fk_tasks_last_accessed_by_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["location_from_id"], ["locations.id"], name=op.f("fk_tasks_location_from_id_locations")
        ),
        sa.ForeignKeyConstraint(
            ["location_to_id"], ["locations.id"], name=op.f("fk_tasks_location_to_id_locations")
        ),
        sa.ForeignKeyConstraint(
            ["parent_task_id"],
            ["tasks.id"],
            name=op.f("fk_tasks_parent_task_id_tasks"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_tasks_product_id_products")
        ),
        sa.ForeignKeyConstraint(["stock_id"], ["stocks.id"], name=op.f("fk_tasks_stock_id_stocks")),
        sa.ForeignKeyConstraint(
            ["storage_unit_from_id"],
            ["storage_units.id"],
            name=op.f("fk_tasks_storage_unit_from_id_storage_units"),
        ),
        sa.ForeignKeyConstraint(
            ["storage_unit_to_id"],
            ["storage_units.id"],
            name=op.f("fk_tasks_storage_unit_to_id_storage_units"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_tasks_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_completed_by_id"], ["users.id"], name=op.f("fk_tasks_user_completed_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["user_created_by_id"], ["users.id"], name=op.f("fk_tasks_user_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_tasks_user_id_users")),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_tasks_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tasks_account_id"), ["account_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_tasks_goods_in_receipt_id"), ["goods_in_receipt_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_tasks_goods_in_receipt_line_id"),
            ["goods_in_receipt_line_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_tasks_goods_out_id"), ["goods_out_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_tasks_goods_out_line_id"), ["goods_out_line_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_tasks_location_from_id"), ["location_from_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_tasks_location_to_id"), ["location_to_id"], unique=False
        )
        batch_op.create_index(
            "ix_tasks_open_work",
            ["tenant_id", "warehouse_id", "task_type_code", "status"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_tasks_parent_task_id"), ["parent_task_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_tasks_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tasks_stock_id"), ["stock_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_tasks_storage_unit_from_id"), ["storage_unit_from_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_tasks_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tasks_user_id"), ["user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tasks_warehouse_id"), ["warehouse_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tasks_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_user_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_storage_unit_from_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_stock_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_product_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_parent_task_id"))
        batch_op.drop_index("ix_tasks_open_work")
        batch_op.drop_index(batch_op.f("ix_tasks_location_to_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_location_from_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_goods_out_line_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_goods_out_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_goods_in_receipt_line_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_goods_in_receipt_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_account_id"))

    op.drop_table("tasks")
