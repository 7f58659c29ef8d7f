"""stock checks

Revision ID: c5d2e8a1f3b6
Revises: c4d8e2f1a9b3
Create Date: 2026-12-07 11:51:15.073853

Stock checks (cycle counts) of a location, their records (stock groups) and numbered attempts;
`last_counted_at` on locations and stocks; the COUNT task type a stock check's task has.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clarus.core.db

revision: str = "c5d2e8a1f3b6"
down_revision: str | None = "c4d8e2f1a9b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


TASK_TYPES = ("PICK", "DISP", "RCV", "PWAY", "TRAN", "REPLEN", "LOAD", "CONV")
COUNT = "COUNT"
KEEP_AUTOINCREMENT = {"sqlite_autoincrement": True}
TASK_TYPE_CHECK = "ck_tasks_task_type_code_known"


def _allow_task_types(codes: Sequence[str]) -> None:
    with op.batch_alter_table("tasks", table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.drop_constraint(op.f(TASK_TYPE_CHECK), type_="check")
        batch_op.create_check_constraint(
            op.f(TASK_TYPE_CHECK),
            f"task_type_code IN ({', '.join(repr(code) for code in codes)})",
        )


def upgrade() -> None:
    op.create_table(
        "stock_checks",
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
            "location_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "warehouse_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("task_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "expected_completion_date", clarus.core.db.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("completed_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
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
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'passed', 'failed', 'resolved')",
            name=op.f("ck_stock_checks_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_stock_checks_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["location_id"], ["locations.id"], name=op.f("fk_stock_checks_location_id_locations")
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_stock_checks_task_id_tasks")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_stock_checks_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_completed_by_id"],
            ["users.id"],
            name=op.f("fk_stock_checks_user_completed_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["user_created_by_id"],
            ["users.id"],
            name=op.f("fk_stock_checks_user_created_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"],
            ["warehouses.id"],
            name=op.f("fk_stock_checks_warehouse_id_warehouses"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_checks")),
        sa.UniqueConstraint("task_id", name=op.f("uq_stock_checks_task_id")),
    )
    with op.batch_alter_table("stock_checks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stock_checks_location_id"), ["location_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_stock_checks_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_stock_checks_warehouse_id"), ["warehouse_id"], unique=False
        )
        batch_op.create_index(
            "uq_stock_checks_pending_location",
            ["tenant_id", "location_id"],
            unique=True,
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        )

    op.create_table(
        "stock_check_records",
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
            "stock_check_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "product_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("batch", sa.String(length=255), nullable=True),
        sa.Column("sell_by_date", sa.Date(), nullable=True),
        sa.Column("best_before_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "attempt_count", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("physical_count", sa.Numeric(precision=15, scale=4), nullable=True),
        sa.Column("system_count", sa.Numeric(precision=15, scale=4), nullable=True),
        sa.Column("variance", sa.Numeric(precision=15, scale=4), nullable=True),
        sa.Column(
            "reason_code_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("resolved_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "user_resolved_by_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('uncounted', 'success', 'failure', 'resolved')",
            name=op.f("ck_stock_check_records_status_known"),
        ),
        sa.CheckConstraint(
            "attempt_count BETWEEN 0 AND 2", name=op.f("ck_stock_check_records_attempts_limited")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_stock_check_records_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["reason_code_id"],
            ["reason_codes.id"],
            name=op.f("fk_stock_check_records_reason_code_id_reason_codes"),
        ),
        sa.ForeignKeyConstraint(
            ["stock_check_id"],
            ["stock_checks.id"],
            name=op.f("fk_stock_check_records_stock_check_id_stock_checks"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_stock_check_records_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_resolved_by_id"],
            ["users.id"],
            name=op.f("fk_stock_check_records_user_resolved_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_check_records")),
    )
    with op.batch_alter_table("stock_check_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stock_check_records_stock_check_id"), ["stock_check_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_stock_check_records_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "stock_check_attempts",
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
            "stock_check_record_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column(
            "attempt_number", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("physical_count", sa.Numeric(precision=15, scale=4), nullable=False),
        sa.Column("system_count", sa.Numeric(precision=15, scale=4), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "result IN ('success', 'failure')", name=op.f("ck_stock_check_attempts_result_known")
        ),
        sa.CheckConstraint(
            "attempt_number BETWEEN 1 AND 2", name=op.f("ck_stock_check_attempts_number_limited")
        ),
        sa.ForeignKeyConstraint(
            ["stock_check_record_id"],
            ["stock_check_records.id"],
            name=op.f("fk_stock_check_attempts_stock_check_record_id_stock_check_records"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_stock_check_attempts_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_stock_check_attempts_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_check_attempts")),
        sa.UniqueConstraint(
            "stock_check_record_id",
            "attempt_number",
            name=op.f("uq_stock_check_attempts_stock_check_record_id_attempt_number"),
        ),
    )
    with op.batch_alter_table("stock_check_attempts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stock_check_attempts_tenant_id"), ["tenant_id"], unique=False
        )

    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("last_counted_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True)
        )

    with op.batch_alter_table("stocks", table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.add_column(
            sa.Column("last_counted_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True)
        )

    _allow_task_types((*TASK_TYPES, COUNT))


def downgrade() -> None:
    with op.batch_alter_table("stocks", table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.drop_column("last_counted_at")

    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.drop_column("last_counted_at")

    with op.batch_alter_table("stock_check_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_check_attempts_tenant_id"))

    op.drop_table("stock_check_attempts")
    with op.batch_alter_table("stock_check_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_check_records_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_stock_check_records_stock_check_id"))

    op.drop_table("stock_check_records")
    with op.batch_alter_table("stock_checks", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_stock_checks_pending_location",
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        )
        batch_op.drop_index(batch_op.f("ix_stock_checks_warehouse_id"))
        batch_op.drop_index(batch_op.f("ix_stock_checks_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_stock_checks_location_id"))

    op.drop_table("stock_checks")
    tasks = sa.table("tasks", sa.column("task_type_code", sa.String))
    op.execute(sa.delete(tasks).where(tasks.c.task_type_code == COUNT))
    _allow_task_types(TASK_TYPES)
