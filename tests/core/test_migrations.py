"""`alembic upgrade head` on an empty database gives exactly the models' schema."""

from __future__ import annotations

import asyncio
import os
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
