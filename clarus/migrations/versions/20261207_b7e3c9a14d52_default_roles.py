"""default roles: every tenant has a default role, and every user a role

Revision ID: b7e3c9a14d52
Revises: 5d78f3b449a8
Create Date: 2026-12-07 09:00:00

Each tenant gets `tenants.default_role_id`: its role named `Default` (made when missing). Users
without a role are given their tenant's default role, and `users.role_id` becomes required.
The downgrade keeps the roles it made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from clarus.core.db import JsonType, UTCDateTime

revision: str = "b7e3c9a14d52"
down_revision: str | None = "5d78f3b449a8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_ROLE_NAME = "Default"
DEFAULT_ROLE_DESCRIPTION = "Given to users made without a role; the subdomain's default_role_id."
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
tenants = sa.table("tenants", sa.column("id", ID), sa.column("default_role_id", ID))
roles = sa.table(
    "roles",
    sa.column("id", ID),
    sa.column("tenant_id", ID),
    sa.column("name", sa.String),
    sa.column("description", sa.Text),
    sa.column("permissions", JsonType),
    sa.column("role_type", sa.String),
    sa.column("created_at", UTCDateTime()),
    sa.column("updated_at", UTCDateTime()),
)
users = sa.table("users", sa.column("tenant_id", ID), sa.column("role_id", ID))


def _default_role_id(bind: sa.Connection, tenant_id: int, now: dt.datetime) -> int:
    """The tenant's role named `Default`, made if it has none."""
    existing = bind.execute(
        sa.select(roles.c.id).where(
            roles.c.tenant_id == tenant_id, roles.c.name == DEFAULT_ROLE_NAME
        )
    ).scalar_one_or_none()
    if existing is not None:
        return int(existing)
    created = bind.execute(
        sa.insert(roles)
        .values(
            tenant_id=tenant_id,
            name=DEFAULT_ROLE_NAME,
            description=DEFAULT_ROLE_DESCRIPTION,
            permissions=[],
            role_type="custom",
            created_at=now,
            updated_at=now,
        )
        .returning(roles.c.id)
    ).scalar_one()
    return int(created)


def _give_every_tenant_a_default_role() -> None:
    bind = op.get_bind()
    now = dt.datetime.now(dt.UTC)
    for tenant_id in bind.execute(sa.select(tenants.c.id).order_by(tenants.c.id)).scalars():
        role_id = _default_role_id(bind, tenant_id, now)
        bind.execute(
            sa.update(tenants).where(tenants.c.id == tenant_id).values(default_role_id=role_id)
        )
        bind.execute(
            sa.update(users)
            .where(users.c.tenant_id == tenant_id, users.c.role_id.is_(None))
            .values(role_id=role_id)
        )


def upgrade() -> None:
    with op.batch_alter_table("tenants") as batch_op:
        batch_op.add_column(sa.Column("default_role_id", ID, nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_tenants_default_role_id_roles"),
            "roles",
            ["default_role_id"],
            ["id"],
            ondelete="RESTRICT",
        )
    _give_every_tenant_a_default_role()
    with op.batch_alter_table("users") as batch_op:
        batch_op.alter_column("role_id", existing_type=ID, nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.alter_column("role_id", existing_type=ID, nullable=True)
    with op.batch_alter_table("tenants") as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_tenants_default_role_id_roles"), type_="foreignkey")
        batch_op.drop_column("default_role_id")
