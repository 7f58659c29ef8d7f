"""merge warehouses and catalog

Revision ID: ba4c4b6d3fa7
Revises: aee3bacb8df6, c0c4af2fafea
Create Date: 2026-11-27 11:45:56.817445
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "ba4c4b6d3fa7"
down_revision: str | tuple[str, ...] | None = ("aee3bacb8df6", "c0c4af2fafea")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
