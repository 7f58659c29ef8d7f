"""storage unit locations

Revision ID: 42566fe3bd1e
Revises: a7545b947a28
Create Date: 2026-11-27 12:50:09.730275
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "42566fe3bd1e"
down_revision: str | None = "a7545b947a28"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "UPDATE storage_units SET location_id = NULL WHERE location_id IS NOT NULL"
        " AND location_id NOT IN (SELECT id FROM locations)"
    )
    with op.batch_alter_table("storage_units", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_storage_units_location_id"), ["location_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_storage_units_location_id_locations"),
            "locations",
            ["location_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("storage_units", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_storage_units_location_id_locations"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_storage_units_location_id"))
