"""Test fixtures: one migrated database per run (SQLite by default, PostgreSQL when
CLARUS_TEST_DATABASE_URL names one), and fresh tenants per test so tests never share rows."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from clarus.api.application import create_app
from clarus.core import migrate
from clarus.core.db import Database, async_database_url
from clarus.core.settings import Settings
from tests.support import TEST_SECRET_KEY, ApiClientFactory

TEST_DATABASE_URL_ENV = "CLARUS_TEST_DATABASE_URL"

PROPERTY_HEALTH_CHECKS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
"""Each example makes its own tenant through the function-scoped `clients`, and an example is
a dozen HTTP requests, so neither check says anything about our property tests."""
hypothesis_settings.register_profile(
    "ci",
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=PROPERTY_HEALTH_CHECKS,
    print_blob=True,
)
hypothesis_settings.register_profile(
    "long", max_examples=1000, deadline=None, suppress_health_check=PROPERTY_HEALTH_CHECKS
)
hypothesis_settings.register_profile(
    "dev",
    max_examples=5,
    derandomize=True,
    deadline=None,
    suppress_health_check=PROPERTY_HEALTH_CHECKS,
    phases=[Phase.explicit, Phase.generate],
)
"""A quick look while writing a property: the explicit examples and 5 more, no shrinking."""
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


async def _create_postgres_database(admin_url: str) -> str:
    """A new, empty database beside `admin_url`'s, so every run starts clean."""
    name = f"clarus_test_{uuid.uuid4().hex[:12]}"
    engine = create_async_engine(async_database_url(admin_url), isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    await engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


async def _drop_postgres_database(admin_url: str, url: str) -> None:
    name = make_url(url).database
    engine = create_async_engine(async_database_url(admin_url), isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    admin_url = os.environ.get(TEST_DATABASE_URL_ENV)
    if admin_url and make_url(admin_url).get_backend_name() == "postgresql":
        url = asyncio.run(_create_postgres_database(admin_url))
        asyncio.run(migrate.upgrade(url))
        yield url
        asyncio.run(_drop_postgres_database(admin_url, url))
        return
    path: Path = tmp_path_factory.mktemp("db") / "clarus.db"
    url = f"sqlite:///{path}"
    asyncio.run(migrate.upgrade(url))
    yield url


def make_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "rate_limit_per_second": 10_000.0,
        "rate_limit_burst": 10_000,
        "sign_in_max_failures_per_address": 1_000_000,
        "client_auth_max_failures_per_address": 1_000_000,
        "webhook_worker_in_process": False,
        "secret_keys": TEST_SECRET_KEY,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return make_settings(database_url)


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[object]:
    application = create_app(settings)
    yield application
    await application.state.db.dispose()


@pytest.fixture(scope="session")
async def db(app: object) -> Database:
    database: Database = app.state.db  # type: ignore[attr-defined]
    return database


@pytest.fixture
async def http(app: object) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://clarus.test") as client:
        yield client


@pytest.fixture
def clients(http: httpx.AsyncClient, db: Database) -> ApiClientFactory:
    return ApiClientFactory(http, db)
