"""pick lists and pick processing requests

Revision ID: 5c5fae950b12
Revises: da44c017204f
Create Date: 2026-11-27 13:27:12.167128
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clarus.core.db

revision: str = "5c5fae950b12"
down_revision: str | None = "da44c017204f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "goods_out_pick_lists",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("reference", sa.String(length=255), nullable=True),
        sa.Column(
            "warehouse_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("pick_type", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("pick_reference", sa.String(length=255), nullable=True),
        sa.Column("load_reference", sa.String(length=255), nullable=True),
        sa.Column(
            "expected_date_of_dispatch", clarus.core.db.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "goods_out_bay_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("string1", sa.String(length=255), nullable=True),
        sa.Column("string2", sa.String(length=255), nullable=True),
        sa.Column("string3", sa.String(length=255), nullable=True),
        sa.Column("string4", sa.String(length=255), nullable=True),
        sa.Column("string5", sa.String(length=255), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_goods_out_pick_lists_account_id_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["goods_out_bay_id"],
            ["locations.id"],
            name=op.f("fk_goods_out_pick_lists_goods_out_bay_id_locations"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_goods_out_pick_lists_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"],
            ["warehouses.id"],
            name=op.f("fk_goods_out_pick_lists_warehouse_id_warehouses"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goods_out_pick_lists")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("goods_out_pick_lists", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_goods_out_pick_lists_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_goods_out_pick_lists_warehouse_id"), ["warehouse_id"], unique=False
        )

    op.create_table(
        "pick_processing_requests",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("process_reference", sa.String(length=64), nullable=False),
        sa.Column(
            "goods_out_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["goods_out_id"],
            ["goods_outs.id"],
            name=op.f("fk_pick_processing_requests_goods_out_id_goods_outs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_pick_processing_requests_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pick_processing_requests")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("pick_processing_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pick_processing_requests_goods_out_id"), ["goods_out_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_pick_processing_requests_process_reference"),
            ["process_reference"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_pick_processing_requests_tenant_id"), ["tenant_id"], unique=False
        )

    with op.batch_alter_table("goods_outs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "goods_out_pick_list_id",
                sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                nullable=True,
            )
        )
        batch_op.create_index(
            batch_op.f("ix_goods_outs_goods_out_pick_list_id"),
            ["goods_out_pick_list_id"],
            unique=False,
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_goods_outs_goods_out_pick_list_id_goods_out_pick_lists"),
            "goods_out_pick_lists",
            ["goods_out_pick_list_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("goods_outs", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_goods_outs_goods_out_pick_list_id_goods_out_pick_lists"),
            type_="foreignkey",
        )
        batch_op.drop_index(batch_op.f("ix_goods_outs_goods_out_pick_list_id"))
        batch_op.drop_column("goods_out_pick_list_id")

    with op.batch_alter_table("pick_processing_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pick_processing_requests_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_pick_processing_requests_process_reference"))
        batch_op.drop_index(batch_op.f("ix_pick_processing_requests_goods_out_id"))

    op.drop_table("pick_processing_requests")
    with op.batch_alter_table("goods_out_pick_lists", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goods_out_pick_lists_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_goods_out_pick_lists_tenant_id"))

    op.drop_table("goods_out_pick_lists")
