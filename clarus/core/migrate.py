"""Apply Alembic migrations from code (`clarus serve`, `clarus db upgrade`, the tests)."""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from clarus.core.db import async_database_url


def alembic_config(database_url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", "clarus:migrations")
    if database_url:
        config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


async def upgrade(database_url: str, revision: str = "head") -> None:
    await _run(database_url, lambda config: command.upgrade(config, revision))


async def downgrade(database_url: str, revision: str) -> None:
    await _run(database_url, lambda config: command.downgrade(config, revision))


async def _run(database_url: str, alembic_command: Callable[[Config], None]) -> None:
    engine = create_async_engine(async_database_url(database_url))

    def run(connection: Connection) -> None:
        config = alembic_config(database_url)
        config.attributes["connection"] = connection
        alembic_command(config)

    try:
        async with engine.begin() as connection:
            await connection.run_sync(run)
    finally:
        await engine.dispose()
