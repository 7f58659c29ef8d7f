"""`alembic upgrade head` on an empty database gives exactly the models' schema."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from clarus.core import migrate
from clarus.core.db import async_database_url
from clarus.core.queries import events_of_record
from clarus.core.secret_box import KEY_FILE_NAME, secret_box
from clarus.core.settings import Settings
from clarus.registry import Base
from clarus.webhooks.queries import deliveries_of_record
from tests.conftest import (
    TEST_DATABASE_URL_ENV,
    _create_postgres_database,
    _drop_postgres_database,
)


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def _schema_differences(url: str) -> list[Any]:
    await migrate.upgrade(url)
    await migrate.upgrade(url)
    engine = create_async_engine(async_database_url(url))
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_differences)
    finally:
        await engine.dispose()


def test_migrations_match_the_models(tmp_path: Path) -> None:
    admin_url = os.environ.get(TEST_DATABASE_URL_ENV)
    if admin_url and make_url(admin_url).get_backend_name() == "postgresql":
        url = asyncio.run(_create_postgres_database(admin_url))
        try:
            assert asyncio.run(_schema_differences(url)) == []
        finally:
            asyncio.run(_drop_postgres_database(admin_url, url))
    else:
        assert asyncio.run(_schema_differences(f"sqlite:///{tmp_path / 'empty.db'}")) == []


def test_sqlite_tables_whose_ids_are_never_reused_keep_autoincrement(tmp_path: Path) -> None:
    """Batch migrations on SQLite copy a table; the copy must keep AUTOINCREMENT, or a deleted
    record's id could be given to a new one."""
    database = tmp_path / "autoincrement.db"
    asyncio.run(migrate.upgrade(f"sqlite:///{database}"))
    never_reused = sorted(
        table.name
        for table in Base.metadata.sorted_tables
        if table.dialect_options["sqlite"].get("autoincrement")
    )
    with sqlite3.connect(database) as connection:
        schemas = dict(connection.execute("SELECT name, sql FROM sqlite_master"))
    assert never_reused
    assert [name for name in never_reused if "AUTOINCREMENT" not in schemas[name]] == []


async def _record_page_reads(url: str) -> list[tuple[str, tuple[object, ...]]]:
    """The statements (and parameters) of a record page's events and deliveries, as run."""
    engine = create_async_engine(async_database_url(url))
    reads: list[tuple[str, tuple[object, ...]]] = []

    def record(
        _connection: object,
        _cursor: object,
        statement: str,
        parameters: tuple[object, ...],
        _context: object,
        _many: bool,
    ) -> None:
        reads.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        async with AsyncSession(engine) as session:
            for read in (events_of_record, deliveries_of_record):
                await read(session, tenant_id=1, resource_name="goods_out", record_id=7, limit=50)
    finally:
        await engine.dispose()
    return reads


def test_a_record_pages_events_and_deliveries_are_read_from_an_index_without_a_sort(
    tmp_path: Path,
) -> None:
    """The record pages read the latest events and webhook deliveries of one record: each read
    walks an index of (tenant, resource, record) in its order, neither scans the table nor
    sorts."""
    database = tmp_path / "record-reads.db"
    url = f"sqlite:///{database}"
    asyncio.run(migrate.upgrade(url))
    reads = asyncio.run(_record_page_reads(url))
    assert len(reads) == 2
    with sqlite3.connect(database) as connection:
        plans = [
            [row[-1] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", parameters)]
            for sql, parameters in reads
        ]
    assert plans == [
        [
            "SEARCH events USING INDEX sqlite_autoindex_events_1"
            " (tenant_id=? AND resource_name=? AND record_id=?)"
        ],
        [
            "SEARCH webhook_deliveries USING INDEX ix_webhook_deliveries_record"
            " (tenant_id=? AND resource_name=? AND record_id=?)"
        ],
    ]


def test_webhook_secrets_stored_before_are_sealed_by_the_upgrade_and_opened_by_the_downgrade(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'secrets.db'}"
    secret = "whsec_" + "A" * 44
    asyncio.run(migrate.upgrade(url, "7d1e5a0c9b21"))
    with sqlite3.connect(tmp_path / "secrets.db") as connection:
        connection.execute(
            "INSERT INTO webhook_secrets (id, tenant_id, automation_action_id, secret, created_at)"
            " VALUES (1, 1, 1, ?, '2026-01-01 00:00:00')",
            (secret,),
        )
    asyncio.run(migrate.upgrade(url))
    [[sealed]] = _stored_secrets(tmp_path / "secrets.db")
    assert "A" * 8 not in sealed
    assert secret_box(Settings(database_url=url)).open(sealed) == secret
    assert (tmp_path / KEY_FILE_NAME).stat().st_mode & 0o777 == 0o600
    asyncio.run(migrate.downgrade(url, "7d1e5a0c9b21"))
    assert _stored_secrets(tmp_path / "secrets.db") == [(secret,)]


def _stored_secrets(database: Path) -> list[tuple[str]]:
    with sqlite3.connect(database) as connection:
        return list(connection.execute("SELECT secret FROM webhook_secrets"))


BEFORE_DEFAULT_ROLES = "5d78f3b449a8"
CREATED = "'2026-01-01 00:00:00'"


def test_the_upgrade_gives_every_tenant_a_default_role_and_every_user_a_role(
    tmp_path: Path,
) -> None:
    """Tenant 1 has no role named `Default` (one is made), tenant 2 has one (it becomes the
    default); users without a role get their tenant's default, a user with one keeps it."""
    database = tmp_path / "roles.db"
    asyncio.run(migrate.upgrade(f"sqlite:///{database}", BEFORE_DEFAULT_ROLES))
    with sqlite3.connect(database) as connection:
        for tenant_id in (1, 2):
            connection.execute(
                "INSERT INTO tenants (id, subdomain, company_name, language, is_active, is_live,"
                " default_pick_type, default_pack_strategy, default_dispatch_strategy,"
                " default_receipt_type, default_goods_out_type, created_at, updated_at) VALUES"
                f" ({tenant_id}, 't{tenant_id}', 'T', 'en-gb', 1, 0, 'standard', 'disabled',"
                f" 'auto', 'standard', 'sales_order', {CREATED}, {CREATED})"
            )
        for role_id, tenant_id, name in ((7, 1, "Pickers"), (8, 2, "Default")):
            connection.execute(
                "INSERT INTO roles (id, tenant_id, name, permissions, role_type, created_at,"
                f" updated_at) VALUES ({role_id}, {tenant_id}, '{name}', '[]', 'custom',"
                f" {CREATED}, {CREATED})"
            )
        for user_id, tenant_id, role_id in ((1, 1, "NULL"), (2, 1, "7"), (3, 2, "NULL")):
            connection.execute(
                "INSERT INTO users (id, tenant_id, email, user_type, is_active, role_id,"
                f" created_at, updated_at) VALUES ({user_id}, {tenant_id}, 'u{user_id}@x.com',"
                f" 'web', 1, {role_id}, {CREATED}, {CREATED})"
            )
    asyncio.run(migrate.upgrade(f"sqlite:///{database}"))
    with sqlite3.connect(database) as connection:
        defaults = list(connection.execute("SELECT id, default_role_id FROM tenants ORDER BY id"))
        roles = list(connection.execute("SELECT id, tenant_id, name FROM roles ORDER BY id"))
        users = list(connection.execute("SELECT id, role_id FROM users ORDER BY id"))
    assert roles == [(7, 1, "Pickers"), (8, 2, "Default"), (9, 1, "Default")]
    assert defaults == [(1, 9), (2, 8)]
    assert users == [(1, 9), (2, 7), (3, 8)]
    asyncio.run(migrate.downgrade(f"sqlite:///{database}", BEFORE_DEFAULT_ROLES))
    with sqlite3.connect(database) as connection:
        assert list(connection.execute("SELECT id, role_id FROM users ORDER BY id")) == users
