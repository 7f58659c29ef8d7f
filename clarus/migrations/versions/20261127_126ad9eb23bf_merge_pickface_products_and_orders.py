"""merge pickface products and orders

Revision ID: 126ad9eb23bf
Revises: 669f897f4608, cede6abd52a7
Create Date: 2026-11-27 12:54:55.725809
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "126ad9eb23bf"
down_revision: str | tuple[str, ...] | None = ("669f897f4608", "cede6abd52a7")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
