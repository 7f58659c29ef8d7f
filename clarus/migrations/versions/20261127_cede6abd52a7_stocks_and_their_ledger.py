"""stocks and their ledger

Revision ID: cede6abd52a7
Revises: 42566fe3bd1e
Create Date: 2026-11-27 12:53:43.002640
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clarus.core.db

revision: str = "cede6abd52a7"
down_revision: str | None = "42566fe3bd1e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stocks",
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
        sa.Column(
            "warehouse_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "location_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "storage_unit_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=15, scale=4), nullable=False),
        sa.Column(
            "allocated_quantity",
            sa.Numeric(precision=15, scale=4),
            server_default="0",
            nullable=False,
        ),
        sa.Column("fifo_date", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("string1", sa.String(length=255), nullable=True),
        sa.Column("datetime1", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime2", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("hold_description", sa.Text(), nullable=True),
        sa.Column(
            "hold_reason_code_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "allocated_quantity >= 0 AND allocated_quantity <= quantity",
            name=op.f("ck_stocks_ck_stocks_allocated_within_quantity"),
        ),
        sa.CheckConstraint("quantity >= 0", name=op.f("ck_stocks_ck_stocks_quantity_not_negative")),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_stocks_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["hold_reason_code_id"],
            ["reason_codes.id"],
            name=op.f("fk_stocks_hold_reason_code_id_reason_codes"),
        ),
        sa.ForeignKeyConstraint(
            ["location_id"], ["locations.id"], name=op.f("fk_stocks_location_id_locations")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_stocks_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["storage_unit_id"],
            ["storage_units.id"],
            name=op.f("fk_stocks_storage_unit_id_storage_units"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_stocks_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_stocks_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stocks")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("stocks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stocks_account_id"), ["account_id"], unique=False)
        batch_op.create_index(
            "ix_stocks_allocatable",
            ["tenant_id", "product_id", "account_id", "warehouse_id", "status"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_stocks_location_id"), ["location_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_stocks_storage_unit_id"), ["storage_unit_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_stocks_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stocks_warehouse_id"), ["warehouse_id"], unique=False)

    op.create_table(
        "transactions",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("stock_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("subtype", sa.String(length=8), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=15, scale=4), nullable=False),
        sa.Column(
            "product_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "warehouse_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "location_from_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "location_to_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "reason_code_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "completing_user_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column(
            "goods_out_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "goods_in_receipt_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_transactions_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["completing_user_id"],
            ["users.id"],
            name=op.f("fk_transactions_completing_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["goods_in_receipt_id"],
            ["goods_in_receipts.id"],
            name=op.f("fk_transactions_goods_in_receipt_id_goods_in_receipts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["goods_out_id"],
            ["goods_outs.id"],
            name=op.f("fk_transactions_goods_out_id_goods_outs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["location_from_id"],
            ["locations.id"],
            name=op.f("fk_transactions_location_from_id_locations"),
        ),
        sa.ForeignKeyConstraint(
            ["location_to_id"],
            ["locations.id"],
            name=op.f("fk_transactions_location_to_id_locations"),
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_transactions_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["reason_code_id"],
            ["reason_codes.id"],
            name=op.f("fk_transactions_reason_code_id_reason_codes"),
        ),
        sa.ForeignKeyConstraint(
            ["stock_id"], ["stocks.id"], name=op.f("fk_transactions_stock_id_stocks")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_transactions_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"],
            ["warehouses.id"],
            name=op.f("fk_transactions_warehouse_id_warehouses"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transactions")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transactions_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_transactions_goods_in_receipt_id"), ["goods_in_receipt_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_transactions_goods_out_id"), ["goods_out_id"], unique=False
        )
        batch_op.create_index(
            "ix_transactions_product", ["tenant_id", "product_id", "created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_transactions_stock_id"), ["stock_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_transactions_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_transactions_warehouse_id"), ["warehouse_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transactions_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_transactions_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_transactions_stock_id"))
        batch_op.drop_index("ix_transactions_product")
        batch_op.drop_index(batch_op.f("ix_transactions_goods_out_id"))
        batch_op.drop_index(batch_op.f("ix_transactions_goods_in_receipt_id"))
        batch_op.drop_index(batch_op.f("ix_transactions_account_id"))

    op.drop_table("transactions")
    with op.batch_alter_table("stocks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stocks_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_stocks_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_stocks_storage_unit_id"))
        batch_op.drop_index(batch_op.f("ix_stocks_location_id"))
        batch_op.drop_index("ix_stocks_allocatable")
        batch_op.drop_index(batch_op.f("ix_stocks_account_id"))

    op.drop_table("stocks")
