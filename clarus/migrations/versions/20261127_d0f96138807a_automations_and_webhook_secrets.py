"""automations and webhook secrets

Revision ID: d0f96138807a
Revises: 489c52828edd
Create Date: 2026-11-27 15:26:26.759427
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import clarus.core.db

revision: str = "d0f96138807a"
down_revision: str | None = "489c52828edd"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "automations",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("resource_name", sa.String(length=64), nullable=False),
        sa.Column("event", sa.String(length=64), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column(
            "integration_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("disabled_reason", sa.Text(), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_automations_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_automations")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("automations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_automations_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(
            "ix_automations_tenant_trigger", ["tenant_id", "resource_name", "event"], unique=False
        )

    op.create_table(
        "automation_actions",
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
            "automation_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("destination_type", sa.String(length=32), nullable=False),
        sa.Column("destination_code", sa.String(length=255), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["automation_id"],
            ["automations.id"],
            name=op.f("fk_automation_actions_automation_id_automations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_automation_actions_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_automation_actions")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("automation_actions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_automation_actions_automation_id"), ["automation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_automation_actions_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "automation_conditions",
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
            "automation_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("condition_code", sa.String(length=64), nullable=False),
        sa.Column("source_path", sa.String(length=255), nullable=False),
        sa.Column("operator", sa.String(length=32), nullable=False),
        sa.Column(
            "value",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["automation_id"],
            ["automations.id"],
            name=op.f("fk_automation_conditions_automation_id_automations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_automation_conditions_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_automation_conditions")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("automation_conditions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_automation_conditions_automation_id"), ["automation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_automation_conditions_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "automation_action_parameters",
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
            "automation_action_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column("parameter_code", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("operator", sa.String(length=32), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["automation_action_id"],
            ["automation_actions.id"],
            name=op.f("fk_automation_action_parameters_automation_action_id_automation_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_automation_action_parameters_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_automation_action_parameters")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("automation_action_parameters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_automation_action_parameters_automation_action_id"),
            ["automation_action_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_automation_action_parameters_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "webhook_secrets",
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
            "automation_action_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column("secret", sa.String(length=128), nullable=False),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["automation_action_id"],
            ["automation_actions.id"],
            name=op.f("fk_webhook_secrets_automation_action_id_automation_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_webhook_secrets_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_secrets")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("webhook_secrets", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_webhook_secrets_automation_action_id"),
            ["automation_action_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_webhook_secrets_tenant_id"), ["tenant_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("webhook_secrets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhook_secrets_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_webhook_secrets_automation_action_id"))

    op.drop_table("webhook_secrets")
    with op.batch_alter_table("automation_action_parameters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_automation_action_parameters_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_automation_action_parameters_automation_action_id"))

    op.drop_table("automation_action_parameters")
    with op.batch_alter_table("automation_conditions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_automation_conditions_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_automation_conditions_automation_id"))

    op.drop_table("automation_conditions")
    with op.batch_alter_table("automation_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_automation_actions_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_automation_actions_automation_id"))

    op.drop_table("automation_actions")
    with op.batch_alter_table("automations", schema=None) as batch_op:
        batch_op.drop_index("ix_automations_tenant_trigger")
        batch_op.drop_index(batch_op.f("ix_automations_tenant_id"))

    op.drop_table("automations")
