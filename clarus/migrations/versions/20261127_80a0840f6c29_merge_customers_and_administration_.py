"""merge customers and administration branches

Revision ID: 80a0840f6c29
Revises: 6270e56ec745, f29bf20d3254
Create Date: 2026-11-27 11:13:05.169770
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "80a0840f6c29"
down_revision: str | tuple[str, ...] | None = ("6270e56ec745", "f29bf20d3254")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
