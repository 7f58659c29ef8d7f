"""foundation

Revision ID: ae1906dfc809
Revises:
Create Date: 2026-11-27 10:04:32.599275
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import clarus.core.db

revision: str = "ae1906dfc809"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tenants",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("subdomain", sa.String(length=63), nullable=False),
        sa.Column("company_name", sa.String(length=255), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("is_live", sa.Boolean(), nullable=False),
        sa.Column("import_timezone", sa.String(length=64), nullable=True),
        sa.Column("default_pick_type", sa.String(length=32), nullable=False),
        sa.Column("default_pack_strategy", sa.String(length=32), nullable=False),
        sa.Column("default_dispatch_strategy", sa.String(length=32), nullable=False),
        sa.Column("default_receipt_type", sa.String(length=32), nullable=False),
        sa.Column(
            "default_order_type_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("default_goods_out_type", sa.String(length=32), nullable=False),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tenants")),
        sa.UniqueConstraint("subdomain", name=op.f("uq_tenants_subdomain")),
    )
    op.create_table(
        "accounts",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=True),
        sa.Column("vat_number", sa.String(length=50), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("is_short_pickable", sa.Boolean(), nullable=False),
        sa.Column("dispatch_strategy", sa.String(length=32), nullable=True),
        sa.Column("tote_dispatch_strategy", sa.String(length=32), nullable=True),
        sa.Column("pack_strategy", sa.String(length=32), nullable=True),
        sa.Column("external_system_reference1", sa.String(length=255), nullable=True),
        sa.Column("external_system_reference2", sa.String(length=255), nullable=True),
        sa.Column("external_system_reference3", sa.String(length=255), nullable=True),
        sa.Column("integer1", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer2", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer3", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer4", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer5", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("datetime1", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime2", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime3", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime4", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime5", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("boolean1", sa.Boolean(), nullable=True),
        sa.Column("boolean2", sa.Boolean(), nullable=True),
        sa.Column("boolean3", sa.Boolean(), nullable=True),
        sa.Column("boolean4", sa.Boolean(), nullable=True),
        sa.Column("boolean5", sa.Boolean(), nullable=True),
        sa.Column("string1", sa.String(length=255), nullable=True),
        sa.Column("string2", sa.String(length=255), nullable=True),
        sa.Column("string3", sa.String(length=255), nullable=True),
        sa.Column("string4", sa.String(length=255), nullable=True),
        sa.Column("string5", sa.String(length=255), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_accounts_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("tenant_id", "code", name=op.f("uq_accounts_tenant_id_code")),
    )
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_accounts_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("resource_name", sa.String(length=64), nullable=False),
        sa.Column("event", sa.String(length=64), nullable=False),
        sa.Column(
            "record_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column(
            "payload",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("occurred_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_events_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint(
            "tenant_id",
            "resource_name",
            "record_id",
            "sequence",
            name=op.f("uq_events_tenant_id_resource_name_record_id_sequence"),
        ),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "users",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("user_type", sa.String(length=16), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_users_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("tenant_id", "email", name=op.f("uq_users_tenant_id_email")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "warehouses",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=True),
        sa.Column("external_system_reference1", sa.String(length=255), nullable=True),
        sa.Column("external_system_reference2", sa.String(length=255), nullable=True),
        sa.Column("external_system_reference3", sa.String(length=255), nullable=True),
        sa.Column("integer1", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer2", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer3", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer4", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("integer5", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("datetime1", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime2", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime3", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime4", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("datetime5", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("boolean1", sa.Boolean(), nullable=True),
        sa.Column("boolean2", sa.Boolean(), nullable=True),
        sa.Column("boolean3", sa.Boolean(), nullable=True),
        sa.Column("boolean4", sa.Boolean(), nullable=True),
        sa.Column("boolean5", sa.Boolean(), nullable=True),
        sa.Column("string1", sa.String(length=255), nullable=True),
        sa.Column("string2", sa.String(length=255), nullable=True),
        sa.Column("string3", sa.String(length=255), nullable=True),
        sa.Column("string4", sa.String(length=255), nullable=True),
        sa.Column("string5", sa.String(length=255), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_warehouses_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warehouses")),
        sa.UniqueConstraint("tenant_id", "code", name=op.f("uq_warehouses_tenant_id_code")),
    )
    with op.batch_alter_table("warehouses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_warehouses_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "api_clients",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("secret_hash", sa.String(length=128), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("scopes", sa.String(length=255), nullable=False),
        sa.Column("redirect_uris", sa.Text(), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("revoked_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_api_clients_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_clients_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_clients")),
        sa.UniqueConstraint("client_id", name=op.f("uq_api_clients_client_id")),
    )
    with op.batch_alter_table("api_clients", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_clients_tenant_id"), ["tenant_id"], unique=False)

    op.create_table(
        "idempotency_keys",
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
            "api_client_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("request_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("response_body", sa.LargeBinary(), nullable=True),
        sa.Column("locked_until", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["api_client_id"],
            ["api_clients.id"],
            name=op.f("fk_idempotency_keys_api_client_id_api_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_idempotency_keys_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_keys")),
        sa.UniqueConstraint(
            "tenant_id",
            "api_client_id",
            "key",
            name=op.f("uq_idempotency_keys_tenant_id_api_client_id_key"),
        ),
    )
    with op.batch_alter_table("idempotency_keys", schema=None) as batch_op:
        batch_op.create_index("ix_idempotency_keys_expires_at", ["expires_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_idempotency_keys_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "oauth_authorization_codes",
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
            "api_client_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("redirect_uri", sa.Text(), nullable=False),
        sa.Column("scopes", sa.String(length=255), nullable=False),
        sa.Column("code_challenge", sa.String(length=128), nullable=False),
        sa.Column("expires_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["api_client_id"],
            ["api_clients.id"],
            name=op.f("fk_oauth_authorization_codes_api_client_id_api_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_oauth_authorization_codes_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_oauth_authorization_codes_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oauth_authorization_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_oauth_authorization_codes_code_hash")),
    )
    with op.batch_alter_table("oauth_authorization_codes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_oauth_authorization_codes_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "oauth_tokens",
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
            "api_client_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("access_token_hash", sa.String(length=64), nullable=False),
        sa.Column("refresh_token_hash", sa.String(length=64), nullable=True),
        sa.Column("scopes", sa.String(length=255), nullable=False),
        sa.Column("expires_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("refresh_expires_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", clarus.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["api_client_id"],
            ["api_clients.id"],
            name=op.f("fk_oauth_tokens_api_client_id_api_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_oauth_tokens_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_oauth_tokens_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oauth_tokens")),
        sa.UniqueConstraint("access_token_hash", name=op.f("uq_oauth_tokens_access_token_hash")),
        sa.UniqueConstraint("refresh_token_hash", name=op.f("uq_oauth_tokens_refresh_token_hash")),
    )
    with op.batch_alter_table("oauth_tokens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_oauth_tokens_api_client_id"), ["api_client_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_oauth_tokens_tenant_id"), ["tenant_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("oauth_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_oauth_tokens_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_oauth_tokens_api_client_id"))

    op.drop_table("oauth_tokens")
    with op.batch_alter_table("oauth_authorization_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_oauth_authorization_codes_tenant_id"))

    op.drop_table("oauth_authorization_codes")
    with op.batch_alter_table("idempotency_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idempotency_keys_tenant_id"))
        batch_op.drop_index("ix_idempotency_keys_expires_at")

    op.drop_table("idempotency_keys")
    with op.batch_alter_table("api_clients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_clients_tenant_id"))

    op.drop_table("api_clients")
    with op.batch_alter_table("warehouses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_warehouses_tenant_id"))

    op.drop_table("warehouses")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_tenant_id"))

    op.drop_table("users")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_tenant_id"))

    op.drop_table("events")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accounts_tenant_id"))

    op.drop_table("accounts")
    op.drop_table("tenants")
