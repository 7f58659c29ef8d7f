"""automation action parameter attachments

Revision ID: e194084bf2ea
Revises: 3f1373fddc41
Create Date: 2026-11-27 16:01:25.536373
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clarus.core.db

revision: str = "e194084bf2ea"
down_revision: str | None = "3f1373fddc41"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "automation_action_parameter_attachments",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "automation_action_parameter_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=255), nullable=False),
        sa.Column("byte_size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["automation_action_parameter_id"],
            ["automation_action_parameters.id"],
            name=op.f(
                "fk_automation_action_parameter_attachments_automation_action_parameter_id_automation_action_parameters"
            ),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_automation_action_parameter_attachments_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_automation_action_parameter_attachments")),
        sa.UniqueConstraint(
            "automation_action_parameter_id",
            name=op.f("uq_automation_action_parameter_attachments_automation_action_parameter_id"),
        ),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("automation_action_parameter_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_automation_action_parameter_attachments_tenant_id"),
            ["tenant_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("automation_action_parameter_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_automation_action_parameter_attachments_tenant_id"))

    op.drop_table("automation_action_parameter_attachments")
