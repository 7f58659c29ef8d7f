"""Engines, sessions and the column types every table shares.

SQLite is the embedded default and PostgreSQL the production store; both are reached through
SQLAlchemy's async drivers (aiosqlite, asyncpg). Plain URLs are mapped to those drivers so that an
operator can paste the URL their tools already use.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer, MetaData, Numeric, Table, event
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection, Dialect, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.types import TypeDecorator

from clarus.core.fields import DECIMAL_PRECISION, DECIMAL_SCALE
from clarus.core.settings import Settings

_ASYNC_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+pysqlite": "sqlite+aiosqlite",
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
    "postgresql+psycopg2": "postgresql+asyncpg",
    "postgresql+psycopg": "postgresql+asyncpg",
}
SQLITE_BUSY_TIMEOUT_MS = 30_000


def async_database_url(url: str) -> str:
    """Return `url` with the async driver Clarus uses for its backend."""
    parsed = make_url(url)
    driver = _ASYNC_DRIVERS.get(parsed.drivername, parsed.drivername)
    if driver not in ("sqlite+aiosqlite", "postgresql+asyncpg"):
        raise ValueError(
            f"unsupported database URL scheme {parsed.drivername!r}: use sqlite:// or postgresql://"
        )
    return parsed.set(drivername=driver).render_as_string(hide_password=False)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _is_memory_database(url: str) -> bool:
    """An in-memory SQLite database lives in one connection (SQLAlchemy's StaticPool)."""
    return make_url(url).database in (None, "", ":memory:")


IdType = BigInteger().with_variant(Integer(), "sqlite")
JsonType = JSON().with_variant(JSONB(), "postgresql")
DecimalType = Numeric(DECIMAL_PRECISION, DECIMAL_SCALE)
"""Quantities and measures with fractions; read back as `Decimal`."""


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware datetimes stored in UTC on every backend (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes cannot be stored")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


UNREACHABLE_SQLSTATES = frozenset({"57P01", "57P02", "57P03"})
"""PostgreSQL shutting down (admin or crash) or not yet accepting connections."""


def sqlstate(error: BaseException) -> str | None:
    """The SQLSTATE of a driver error, wrapped by SQLAlchemy or not."""
    original = error.orig if isinstance(error, DBAPIError) else error
    code = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    return None if code is None else str(code)


def database_unreachable(error: BaseException) -> bool:
    """Whether `error` says the database could not be reached (down, restarting, a connection
    lost) rather than that the request was wrong: the same request can succeed once it is back."""
    code = sqlstate(error)
    if code is not None and (code.startswith("08") or code in UNREACHABLE_SQLSTATES):
        return True
    if isinstance(error, DBAPIError):
        return error.connection_invalidated or isinstance(error.orig, ConnectionError)
    return isinstance(error, ConnectionError | TimeoutError)


def table_of(model: type[Base]) -> Table:
    """The Core table of a mapped class, for set-based statements on hot paths."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _prepare_sqlite(engine: AsyncEngine, *, begin_immediate: bool) -> None:
    """Turn on WAL, foreign keys, a busy timeout and case-sensitive LIKE (as on PostgreSQL), and
    take the write lock up front.

    A deferred transaction that reads and then writes can fail with "database is locked" when it
    tries to upgrade its lock; `BEGIN IMMEDIATE` makes writers queue on the busy timeout instead.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA case_sensitive_like=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if begin_immediate else "BEGIN")


DRIVER_LOGGERS = ("aiosqlite",)
"""Drivers that log every statement with its parameters at DEBUG: the values written (a webhook
secret, a token's hash) must never reach a log, whatever level an operator turns on."""


def quiet_driver_logs() -> None:
    for name in DRIVER_LOGGERS:
        driver_logger = logging.getLogger(name)
        if driver_logger.level < logging.INFO:
            driver_logger.setLevel(logging.INFO)


class Database:
    """The engines and session factories of one database.

    Writes and reads get separate factories: on SQLite writes take the write lock at BEGIN while
    reads stay concurrent; on PostgreSQL both share one engine. SQLite has one writer at a time,
    so its write pool holds a single connection: writers queue for it in order, instead of
    sleeping and retrying on the busy timeout (a long p99 tail under concurrency, see bench/).
    Nothing may open a write session while holding another.

    On PostgreSQL every statement is planned for its parameters (`plan_cache_mode =
    force_custom_plan`): asyncpg prepares statements, and after five runs PostgreSQL may keep a
    generic plan, which for a tenant's `id IN (...)` of 500 ids (a GraphQL page's products)
    scans the tenant's rows and took 50 ms instead of 5.

    Connections are not pinged on checkout (a round trip per request). After PostgreSQL
    restarts, the first statement on a pooled connection fails as a disconnect: SQLAlchemy then
    invalidates the whole pool (every connection checked out later is a new one) and the request
    is answered 503, safe to retry (`database_unreachable`); the requests after it reconnect.
    """

    def __init__(self, settings: Settings) -> None:
        quiet_driver_logs()
        self.url = async_database_url(settings.database_url)
        self.is_sqlite = is_sqlite(self.url)
        self.write_engine = self._create_engine(settings, begin_immediate=True)
        self.read_engine = (
            self._create_engine(settings, begin_immediate=False)
            if self.is_sqlite
            else self.write_engine
        )
        self._write_sessions = async_sessionmaker(self.write_engine, expire_on_commit=False)
        self._read_sessions = async_sessionmaker(self.read_engine, expire_on_commit=False)

    def _create_engine(self, settings: Settings, *, begin_immediate: bool) -> AsyncEngine:
        options: dict[str, Any] = {"echo": settings.log_sql, "hide_parameters": True}
        if self.is_sqlite and begin_immediate and not _is_memory_database(self.url):
            options.update(pool_size=1, max_overflow=0, pool_timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
        if not self.is_sqlite:
            options.update(
                pool_size=settings.database_pool_size,
                max_overflow=10,
                connect_args={"server_settings": {"plan_cache_mode": "force_custom_plan"}},
            )
        engine = create_async_engine(self.url, **options)
        if self.is_sqlite:
            _prepare_sqlite(engine, begin_immediate=begin_immediate)
        return engine

    @asynccontextmanager
    async def write_session(self) -> AsyncIterator[AsyncSession]:
        """A session in one transaction, committed when the block ends without an error."""
        async with self._write_sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def read_session(self) -> AsyncIterator[AsyncSession]:
        async with self._read_sessions() as session, session.begin():
            yield session

    def new_write_session(self) -> AsyncSession:
        """A session whose transaction the caller begins and ends itself."""
        return self._write_sessions()

    def new_read_session(self) -> AsyncSession:
        return self._read_sessions()

    async def dispose(self) -> None:
        await self.write_engine.dispose()
        if self.read_engine is not self.write_engine:
            await self.read_engine.dispose()
