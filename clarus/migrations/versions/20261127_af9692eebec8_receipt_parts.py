"""receipt parts: goods_in_receipts.part_of_goods_in_receipt_id

Revision ID: af9692eebec8
Revises: 489c52828edd
Create Date: 2026-11-27 15:27:41.500223
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "af9692eebec8"
down_revision: str | None = "489c52828edd"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


KEEP_AUTOINCREMENT = {"sqlite_autoincrement": True}
"""SQLite batch operations copy a table into a new one; without this the copy forgets that its
ids are never reused."""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("goods_outs", recreate="always", table_kwargs=KEEP_AUTOINCREMENT):
            pass  # an earlier batch copy of goods_outs lost AUTOINCREMENT: give it back
    with op.batch_alter_table(
        "goods_in_receipts", schema=None, table_kwargs=KEEP_AUTOINCREMENT
    ) as batch_op:
        batch_op.add_column(
            sa.Column(
                "part_of_goods_in_receipt_id",
                sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                nullable=True,
            )
        )
        batch_op.create_index(
            batch_op.f("ix_goods_in_receipts_part_of_goods_in_receipt_id"),
            ["part_of_goods_in_receipt_id"],
            unique=False,
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_goods_in_receipts_part_of_goods_in_receipt_id_goods_in_receipts"),
            "goods_in_receipts",
            ["part_of_goods_in_receipt_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table(
        "goods_in_receipts", schema=None, table_kwargs=KEEP_AUTOINCREMENT
    ) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_goods_in_receipts_part_of_goods_in_receipt_id_goods_in_receipts"),
            type_="foreignkey",
        )
        batch_op.drop_index(batch_op.f("ix_goods_in_receipts_part_of_goods_in_receipt_id"))
        batch_op.drop_column("part_of_goods_in_receipt_id")
