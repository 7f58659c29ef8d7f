"""orders, receipts and their lines by tenant and parent (the GraphQL pages' reads)

Without them SQLite (which keeps no statistics unless asked) answered `tenant_id = ? AND
goods_out_id IN (...)` through the `tenant_id` index alone, reading every line of the tenant
for a page of 100 orders.

Revision ID: b9e4d2c7a1f6
Revises: 73b601fbb9da
Create Date: 2026-12-07 23:05:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "b9e4d2c7a1f6"
down_revision: str | None = "73b601fbb9da"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_goods_outs_tenant_account", "goods_outs", ["tenant_id", "account_id", "id"]),
    ("ix_goods_out_lines_tenant_goods_out", "goods_out_lines", ["tenant_id", "goods_out_id"]),
    ("ix_goods_in_receipts_tenant_account", "goods_in_receipts", ["tenant_id", "account_id", "id"]),
    (
        "ix_goods_in_receipt_lines_tenant_receipt",
        "goods_in_receipt_lines",
        ["tenant_id", "goods_in_receipt_id"],
    ),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
