"""merge catalog

Revision ID: aee3bacb8df6
Revises: 7474c93e13c1, 80a0840f6c29
Create Date: 2026-11-27 11:28:20.862091
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "aee3bacb8df6"
down_revision: str | tuple[str, ...] | None = ("7474c93e13c1", "80a0840f6c29")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
