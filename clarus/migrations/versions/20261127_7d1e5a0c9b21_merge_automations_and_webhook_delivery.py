"""merge automations and webhook delivery

Revision ID: 7d1e5a0c9b21
Revises: e194084bf2ea, 0f92ce49f1be
Create Date: 2026-11-27 16:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "7d1e5a0c9b21"
down_revision: str | tuple[str, ...] | None = ("e194084bf2ea", "0f92ce49f1be")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
