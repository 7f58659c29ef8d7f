"""A fresh database per backend and run: a temp SQLite file, or a throwaway PostgreSQL database."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine

DEFAULT_POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
CONNECT_TIMEOUT_SECONDS = 5


class BackendUnavailable(Exception):
    """The backend cannot be reached; its rows are skipped."""


def sqlite_url(work_dir: Path) -> str:
    return f"sqlite:///{work_dir / 'bench.db'}"


def _asyncpg_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


async def _execute_autocommit(admin_url: str, statement: str) -> None:
    engine = create_async_engine(
        _asyncpg_url(admin_url),
        isolation_level="AUTOCOMMIT",
        connect_args={"timeout": CONNECT_TIMEOUT_SECONDS},
    )
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


def _run_admin(admin_url: str, statement: str) -> None:
    asyncio.run(
        asyncio.wait_for(
            _execute_autocommit(admin_url, statement), timeout=CONNECT_TIMEOUT_SECONDS * 4
        )
    )


@contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    """Create `clarus_bench_<random>` through `admin_url`, yield its URL, then drop it."""
    name = f"clarus_bench_{secrets.token_hex(6)}"
    try:
        _run_admin(admin_url, f'CREATE DATABASE "{name}"')
    except (OSError, TimeoutError, SQLAlchemyError) as error:
        where = make_url(admin_url)
        raise BackendUnavailable(
            f"PostgreSQL at {where.host}:{where.port} is unreachable "
            f"({type(error).__name__}: {error})"
        ) from error
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        _run_admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
