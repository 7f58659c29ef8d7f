"""Column sets shared by tenant-owned tables, and the platform tables of `core`."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, LargeBinary, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from clarus.core.db import Base, IdType, JsonType, UTCDateTime, utcnow

NEVER_REUSED_IDS = {"sqlite_autoincrement": True}
"""`__table_args__` of a table whose rows are deleted through the API (orders, receipts, their
lines): SQLite would otherwise hand a deleted row's id to the next row, and an integrator who
kept the old id would find another record under it."""


class TenantOwned:
    """`id` and `tenant_id` (indexed, cascading with its tenant) for every tenant-owned table."""

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True, sort_order=-20)

    @declared_attr
    def tenant_id(cls) -> Mapped[int]:
        return mapped_column(
            IdType,
            ForeignKey("tenants.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
            sort_order=-10,
        )


class Timestamps:
    created_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow, sort_order=10
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow, sort_order=10
    )


class ExternalReferences:
    external_system_reference1: Mapped[str | None] = mapped_column(String(255))
    external_system_reference2: Mapped[str | None] = mapped_column(String(255))
    external_system_reference3: Mapped[str | None] = mapped_column(String(255))


class CustomStrings:
    string1: Mapped[str | None] = mapped_column(String(255))
    string2: Mapped[str | None] = mapped_column(String(255))
    string3: Mapped[str | None] = mapped_column(String(255))
    string4: Mapped[str | None] = mapped_column(String(255))
    string5: Mapped[str | None] = mapped_column(String(255))


class CustomFields(CustomStrings):
    """The generic slots `string1..5`, `integer1..5`, `datetime1..5`, `boolean1..5`."""

    integer1: Mapped[int | None] = mapped_column(IdType)
    integer2: Mapped[int | None] = mapped_column(IdType)
    integer3: Mapped[int | None] = mapped_column(IdType)
    integer4: Mapped[int | None] = mapped_column(IdType)
    integer5: Mapped[int | None] = mapped_column(IdType)
    datetime1: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    datetime2: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    datetime3: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    datetime4: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    datetime5: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    boolean1: Mapped[bool | None] = mapped_column()
    boolean2: Mapped[bool | None] = mapped_column()
    boolean3: Mapped[bool | None] = mapped_column()
    boolean4: Mapped[bool | None] = mapped_column()
    boolean5: Mapped[bool | None] = mapped_column()


class Event(TenantOwned, Base):
    """The transactional outbox: one row per domain event, written with the change itself."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("tenant_id", "resource_name", "record_id", "sequence"),
        Index(
            "ix_events_pending_fan_out",
            "id",
            postgresql_where=text("fanned_out_at IS NULL"),
            sqlite_where=text("fanned_out_at IS NULL"),
        ),
        Index(
            "ix_events_pending_charge",
            "id",
            postgresql_where=text("charged_at IS NULL"),
            sqlite_where=text("charged_at IS NULL"),
        ),
    )

    resource_name: Mapped[str] = mapped_column(String(64), nullable=False)
    event: Mapped[str] = mapped_column(String(64), nullable=False)
    record_id: Mapped[int] = mapped_column(IdType, nullable=False)
    sequence: Mapped[int] = mapped_column(nullable=False)
    payload: Mapped[dict[str, object]] = mapped_column(JsonType, nullable=False)
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    fanned_out_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    """When the webhook worker turned the event into its deliveries (none if no automation
    matched); null while it waits, which the partial index finds fast."""
    charged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    """When the charge engine read the event (and charged it, if it is priced activity); null
    while it waits. A flag rather than a cursor: an event whose transaction commits after one
    with a higher id is still waiting when the engine next runs."""


class IdempotencyKey(TenantOwned, Base):
    """A remembered write: the first response to a key, replayed for a retry of the same request."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (
        UniqueConstraint("tenant_id", "api_client_id", "key"),
        Index("ix_idempotency_keys_expires_at", "expires_at"),
    )

    api_client_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("api_clients.id", ondelete="CASCADE"), nullable=False
    )
    key: Mapped[str] = mapped_column(String(255), nullable=False)
    request_fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
    status_code: Mapped[int | None] = mapped_column()
    response_body: Mapped[bytes | None] = mapped_column(LargeBinary)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
