"""merge warehouses and locations

Revision ID: c0c4af2fafea
Revises: 80a0840f6c29, bde3edc2f6fd
Create Date: 2026-11-27 11:25:34.174401
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "c0c4af2fafea"
down_revision: str | tuple[str, ...] | None = ("80a0840f6c29", "bde3edc2f6fd")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
