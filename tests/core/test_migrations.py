"""`alembic upgrade head` on an empty database gives exactly the models' schema."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import create_async_engine

from clarus.core import migrate
from clarus.core.db import async_database_url
from clarus.core.registry import Base
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
