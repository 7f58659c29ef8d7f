"""load tasks: a task's load and drop, and what each drop has loaded

Revision ID: a7c3e9d1f5b8
Revises: e5a1c7d3b9f2
Create Date: 2026-12-07 15:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a7c3e9d1f5b8"
down_revision: str | None = "e5a1c7d3b9f2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
KEEP_AUTOINCREMENT = {"sqlite_autoincrement": True}
"""Tasks ids are never reused: the batch copy of the table on SQLite keeps AUTOINCREMENT."""


def upgrade() -> None:
    with op.batch_alter_table("tasks", schema=None, table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.add_column(sa.Column("load_id", ID_TYPE, nullable=True))
        batch_op.add_column(sa.Column("load_drop_id", ID_TYPE, nullable=True))
        batch_op.create_index(batch_op.f("ix_tasks_load_id"), ["load_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tasks_load_drop_id"), ["load_drop_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_tasks_load_id_loads"), "loads", ["load_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_tasks_load_drop_id_load_drops"),
            "load_drops",
            ["load_drop_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("load_drops", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("number_of_storage_units_loaded", ID_TYPE, server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("load_drops", schema=None) as batch_op:
        batch_op.drop_column("number_of_storage_units_loaded")
    with op.batch_alter_table("tasks", schema=None, table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_tasks_load_drop_id_load_drops"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_tasks_load_id_loads"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_tasks_load_drop_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_load_id"))
        batch_op.drop_column("load_drop_id")
        batch_op.drop_column("load_id")
