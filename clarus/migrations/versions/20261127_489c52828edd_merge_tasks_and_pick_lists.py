"""merge tasks and pick lists

Revision ID: 489c52828edd
Revises: 1298c89cf8bb, 5c5fae950b12
Create Date: 2026-11-27 13:52:10.075275
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "489c52828edd"
down_revision: str | tuple[str, ...] | None = ("1298c89cf8bb", "5c5fae950b12")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
