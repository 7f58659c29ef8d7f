"""alternative codes and their types, barcode formats, product materials

Revision ID: c0de5a1b2c3d
Revises: c5d2e8a1f3b6
Create Date: 2026-12-07 11:53:33.169395

Every existing tenant is given the read-only alternative code types new tenants get
(`clarus.catalog.alternative_codes.SYSTEM_TYPES`, copied here as they are today).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import clarus.core.db

SYSTEM_TYPES = (
    ("CUSTOMER", "Customer", "Codes customers know the record by"),
    ("SUPPLIER", "Supplier", "Codes suppliers know the record by"),
)
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision: str = "c0de5a1b2c3d"
down_revision: str | None = "c5d2e8a1f3b6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alternative_code_types",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column("system_type", sa.Boolean(), nullable=False),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_alternative_code_types_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alternative_code_types")),
        sa.UniqueConstraint(
            "tenant_id", "code", name=op.f("uq_alternative_code_types_tenant_id_code")
        ),
    )
    with op.batch_alter_table("alternative_code_types", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alternative_code_types_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "barcode_formats",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_barcode_formats_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_barcode_formats")),
        sa.UniqueConstraint("tenant_id", "code", name=op.f("uq_barcode_formats_tenant_id_code")),
    )
    with op.batch_alter_table("barcode_formats", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_barcode_formats_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            "uq_barcode_formats_default",
            ["tenant_id"],
            unique=True,
            sqlite_where=sa.text("is_default"),
            postgresql_where=sa.text("is_default"),
        )

    op.create_table(
        "alternative_codes",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "tenant_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column(
            "alternative_code_type_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column("alternative_codeable_type", sa.String(length=16), nullable=True),
        sa.Column(
            "alternative_codeable_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("owner_type", sa.String(length=16), nullable=True),
        sa.Column("owner_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["alternative_code_type_id"],
            ["alternative_code_types.id"],
            name=op.f("fk_alternative_codes_alternative_code_type_id_alternative_code_types"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_alternative_codes_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alternative_codes")),
    )
    with op.batch_alter_table("alternative_codes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alternative_codes_alternative_code_type_id"),
            ["alternative_code_type_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_alternative_codes_tenant_id"), ["tenant_id"], unique=False
        )
        batch_op.create_index(
            "ix_alternative_codes_tenant_id_code", ["tenant_id", "code"], unique=False
        )

    op.create_table(
        "product_materials",
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
            "parent_product_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column(
            "child_product_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("quantity", sa.Numeric(precision=15, scale=4), nullable=False),
        sa.Column("created_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", clarus.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_product_id"],
            ["products.id"],
            name=op.f("fk_product_materials_child_product_id_products"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_product_id"],
            ["products.id"],
            name=op.f("fk_product_materials_parent_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_product_materials_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_materials")),
        sa.UniqueConstraint(
            "parent_product_id",
            "child_product_id",
            name=op.f("uq_product_materials_parent_product_id_child_product_id"),
        ),
    )
    with op.batch_alter_table("product_materials", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_materials_child_product_id"), ["child_product_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_product_materials_tenant_id"), ["tenant_id"], unique=False
        )

    _give_every_tenant_the_system_types()


def _give_every_tenant_the_system_types() -> None:
    bind = op.get_bind()
    tenants = sa.table("tenants", sa.column("id", ID))
    types = sa.table(
        "alternative_code_types",
        sa.column("tenant_id", ID),
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("description", sa.String),
        sa.column("system_type", sa.Boolean),
        sa.column("created_at", clarus.core.db.UTCDateTime()),
        sa.column("updated_at", clarus.core.db.UTCDateTime()),
    )
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "tenant_id": tenant_id,
            "code": code,
            "name": name,
            "description": description,
            "system_type": True,
            "created_at": now,
            "updated_at": now,
        }
        for tenant_id in bind.execute(sa.select(tenants.c.id).order_by(tenants.c.id)).scalars()
        for code, name, description in SYSTEM_TYPES
    ]
    if rows:
        bind.execute(sa.insert(types), rows)


def downgrade() -> None:
    with op.batch_alter_table("product_materials", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_materials_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_product_materials_child_product_id"))

    op.drop_table("product_materials")
    with op.batch_alter_table("alternative_codes", schema=None) as batch_op:
        batch_op.drop_index("ix_alternative_codes_tenant_id_code")
        batch_op.drop_index(batch_op.f("ix_alternative_codes_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_alternative_codes_alternative_code_type_id"))

    op.drop_table("alternative_codes")
    with op.batch_alter_table("barcode_formats", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_barcode_formats_default",
            sqlite_where=sa.text("is_default"),
            postgresql_where=sa.text("is_default"),
        )
        batch_op.drop_index(batch_op.f("ix_barcode_formats_tenant_id"))

    op.drop_table("barcode_formats")
    with op.batch_alter_table("alternative_code_types", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alternative_code_types_tenant_id"))

    op.drop_table("alternative_code_types")
