"""merge receipt parts and automations

Revision ID: 3f1373fddc41
Revises: af9692eebec8, d0f96138807a
Create Date: 2026-11-27 15:42:25.222978
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "3f1373fddc41"
down_revision: str | tuple[str, ...] | None = ("af9692eebec8", "d0f96138807a")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
