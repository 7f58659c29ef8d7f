"""Order types, reason codes, roles; users and tenants (subdomains) extended

Revision ID: 6270e56ec745
Revises: ba4d58d05900
Create Date: 2026-11-27 10:53:05.478515
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import clarus.core.db

revision: str = "6270e56ec745"
down_revision: str | None = "ba4d58d05900"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "order_types",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("duty_payable", sa.Boolean(), nullable=False),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_order_types_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_types")),
        sa.UniqueConstraint("tenant_id", "code", name=op.f("uq_order_types_tenant_id_code")),
    )
    with op.batch_alter_table("order_types", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_order_types_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "reason_codes",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("description", sa.String(length=150), nullable=False),
        sa.Column("reason_type", sa.String(length=32), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("generic", sa.Boolean(), nullable=False),
        sa.Column("external_system_reference1", sa.String(length=255), nullable=True),
        sa.Column("external_system_reference2", sa.String(length=255), nullable=True),
        sa.Column("external_system_reference3", sa.String(length=255), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_reason_codes_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reason_codes")),
        sa.UniqueConstraint("tenant_id", "code", name=op.f("uq_reason_codes_tenant_id_code")),
    )
    with op.batch_alter_table("reason_codes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reason_codes_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "roles",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "permissions",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("role_type", sa.String(length=16), nullable=False),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_roles_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roles")),
        sa.UniqueConstraint("tenant_id", "name", name=op.f("uq_roles_tenant_id_name")),
    )
    with op.batch_alter_table("roles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_roles_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "reason_code_accounts",
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
            "reason_code_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_reason_code_accounts_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reason_code_id"],
            ["reason_codes.id"],
            name=op.f("fk_reason_code_accounts_reason_code_id_reason_codes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_reason_code_accounts_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reason_code_accounts")),
        sa.UniqueConstraint(
            "reason_code_id",
            "account_id",
            name=op.f("uq_reason_code_accounts_reason_code_id_account_id"),
        ),
    )
    with op.batch_alter_table("reason_code_accounts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reason_code_accounts_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reason_code_accounts_tenant_id"), ["tenant_id"], unique=False
        )

    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_free_trial", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("is_internal", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "subscription_rf_implementations_active_limit",
                sa.Integer(),
                server_default="2",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("email_address", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("main_phone", sa.String(length=50), nullable=True))
        batch_op.add_column(sa.Column("website", sa.String(length=255), nullable=True))
        batch_op.add_column(
            sa.Column("vat_registration_number", sa.String(length=50), nullable=True)
        )
        batch_op.add_column(
            sa.Column("company_registration_number", sa.String(length=50), nullable=True)
        )
        batch_op.add_column(
            sa.Column("global_location_number", sa.String(length=50), nullable=True)
        )
        batch_op.add_column(sa.Column("invoice_header_notes", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("invoice_footer_notes", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "address_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column(
                "currency_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column(
                "tax_rate_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column(
                "load_drop_manifest_template_id",
                sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                nullable=True,
            )
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_tenants_default_order_type_id_order_types"),
            "order_types",
            ["default_order_type_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_tenants_address_id_addresses"),
            "addresses",
            ["address_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "role_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
            )
        )
        batch_op.add_column(sa.Column("language", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("timezone", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("external_system_reference1", sa.String(length=255), nullable=True)
        )
        batch_op.add_column(
            sa.Column("external_system_reference2", sa.String(length=255), nullable=True)
        )
        batch_op.add_column(
            sa.Column("external_system_reference3", sa.String(length=255), nullable=True)
        )
        batch_op.add_column(sa.Column("string1", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("string2", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("string3", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("string4", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("string5", sa.String(length=255), nullable=True))
        batch_op.create_index(batch_op.f("ix_users_role_id"), ["role_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_users_role_id_roles"), "roles", ["role_id"], ["id"], ondelete="RESTRICT"
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_users_role_id_roles"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_users_role_id"))
        batch_op.drop_column("string5")
        batch_op.drop_column("string4")
        batch_op.drop_column("string3")
        batch_op.drop_column("string2")
        batch_op.drop_column("string1")
        batch_op.drop_column("external_system_reference3")
        batch_op.drop_column("external_system_reference2")
        batch_op.drop_column("external_system_reference1")
        batch_op.drop_column("timezone")
        batch_op.drop_column("language")
        batch_op.drop_column("role_id")

    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_tenants_address_id_addresses"), type_="foreignkey")
        batch_op.drop_constraint(
            batch_op.f("fk_tenants_default_order_type_id_order_types"), type_="foreignkey"
        )
        batch_op.drop_column("load_drop_manifest_template_id")
        batch_op.drop_column("tax_rate_id")
        batch_op.drop_column("currency_id")
        batch_op.drop_column("address_id")
        batch_op.drop_column("invoice_footer_notes")
        batch_op.drop_column("invoice_header_notes")
        batch_op.drop_column("global_location_number")
        batch_op.drop_column("company_registration_number")
        batch_op.drop_column("vat_registration_number")
        batch_op.drop_column("website")
        batch_op.drop_column("main_phone")
        batch_op.drop_column("email_address")
        batch_op.drop_column("subscription_rf_implementations_active_limit")
        batch_op.drop_column("is_internal")
        batch_op.drop_column("is_free_trial")

    with op.batch_alter_table("reason_code_accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reason_code_accounts_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_reason_code_accounts_account_id"))

    op.drop_table("reason_code_accounts")
    with op.batch_alter_table("roles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_roles_tenant_id"))

    op.drop_table("roles")
    with op.batch_alter_table("reason_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reason_codes_tenant_id"))

    op.drop_table("reason_codes")
    with op.batch_alter_table("order_types", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_types_tenant_id"))

    op.drop_table("order_types")
