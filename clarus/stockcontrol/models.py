"""Stock control's tables."""

from __future__ import annotations

import datetime as dt
import decimal
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, DecimalType, IdType, UTCDateTime, utcnow
from clarus.core.models import TenantOwned, Timestamps
from clarus.stockcontrol.statuses import (
    MAX_ATTEMPTS,
    AttemptResult,
    StockCheckRecordStatus,
    StockCheckStatus,
)

# Groups, put-away rules and warehouse routes.


class Group(TenantOwned, Timestamps, Base):
    """A named set of products and/or locations (`use_for_products`, `use_for_locations`); its
    name is unique in the tenant. A group used for both sends its products' put-aways to its
    locations (`stockcontrol.putaway_rules`)."""

    __tablename__ = "groups"
    __table_args__ = (UniqueConstraint("tenant_id", "name"),)

    name: Mapped[str] = mapped_column(String(100), nullable=False)
    is_active: Mapped[bool] = mapped_column(nullable=False, default=True)
    use_for_products: Mapped[bool] = mapped_column(nullable=False, default=False)
    use_for_locations: Mapped[bool] = mapped_column(nullable=False, default=False)


class ProductGroup(TenantOwned, Timestamps, Base):
    """A product in a group, once; it goes with its group or its product."""

    __tablename__ = "product_groups"
    __table_args__ = (UniqueConstraint("group_id", "product_id"),)

    group_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("groups.id", ondelete="CASCADE"), nullable=False
    )
    product_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("products.id", ondelete="CASCADE"), nullable=False, index=True
    )


class LocationGroup(TenantOwned, Timestamps, Base):
    """A location in a group, once; it goes with its group or its location."""

    __tablename__ = "location_groups"
    __table_args__ = (UniqueConstraint("group_id", "location_id"),)

    group_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("groups.id", ondelete="CASCADE"), nullable=False
    )
    location_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("locations.id", ondelete="CASCADE"), nullable=False, index=True
    )


class PutawayRule(TenantOwned, Timestamps, Base):
    """One sort key of an account's put-away: candidate locations are ordered by the account's
    rules in `position` order (1, 2, ... without gaps), each `rule` in its `direction`."""

    __tablename__ = "putaway_rules"
    __table_args__ = (Index("ix_putaway_rules_account_position", "account_id", "position"),)

    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False
    )
    rule: Mapped[str] = mapped_column(String(32), nullable=False)
    direction: Mapped[str] = mapped_column(String(4), nullable=False)
    position: Mapped[int] = mapped_column(IdType, nullable=False)


class WarehouseRoute(TenantOwned, Timestamps, Base):
    """A product's place in the tenant's pick walk (`position` 1, 2, ... without gaps), for
    picks in a warehouse, of an account, for a customer, or any of them where left null."""

    __tablename__ = "warehouse_routes"
    __table_args__ = (Index("ix_warehouse_routes_tenant_position", "tenant_id", "position"),)

    product_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("products.id", ondelete="CASCADE"), nullable=False, index=True
    )
    warehouse_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("warehouses.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    customer_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(IdType, nullable=False)


# Stock checks.


def _one_of(column: str, values: type[StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(str(value)) for value in values)})"


class StockCheck(TenantOwned, Timestamps, Base):
    """A count of every stock group in one location, with the COUNT task that does it. At most
    one check of a location is `pending` at a time."""

    __tablename__ = "stock_checks"
    __table_args__ = (
        CheckConstraint(_one_of("status", StockCheckStatus), name="status_known"),
        Index(
            "uq_stock_checks_pending_location",
            "tenant_id",
            "location_id",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
    )

    location_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("locations.id"), nullable=False, index=True
    )
    warehouse_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("warehouses.id"), nullable=False, index=True
    )
    account_id: Mapped[int] = mapped_column(IdType, ForeignKey("accounts.id"), nullable=False)
    """Its task's account: the account whose stock the location holds (the lowest stock id's),
    or, for an empty location, the warehouse's first account."""
    task_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("tasks.id"), nullable=False, unique=True
    )
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    expected_completion_date: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    completed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    user_created_by_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("users.id"))
    user_completed_by_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("users.id"))


class StockCheckRecord(TenantOwned, Timestamps, Base):
    """One stock group of a check: a product with its batch, sell-by and best-before dates.
    `physical_count` and `result` are the latest attempt's; `system_count` and `variance`
    (physical less system) are shown once the check is completed: the count is blind."""

    __tablename__ = "stock_check_records"
    __table_args__ = (
        CheckConstraint(_one_of("status", StockCheckRecordStatus), name="status_known"),
        CheckConstraint(f"attempt_count BETWEEN 0 AND {MAX_ATTEMPTS}", name="attempts_limited"),
    )

    stock_check_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("stock_checks.id", ondelete="CASCADE"), nullable=False, index=True
    )
    product_id: Mapped[int] = mapped_column(IdType, ForeignKey("products.id"), nullable=False)
    batch: Mapped[str | None] = mapped_column(String(255))
    sell_by_date: Mapped[dt.date | None] = mapped_column(Date)
    best_before_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    attempt_count: Mapped[int] = mapped_column(IdType, nullable=False, default=0)
    physical_count: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    system_count: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    variance: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    reason_code_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("reason_codes.id"))
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    user_resolved_by_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("users.id"))


class StockCheckAttempt(TenantOwned, Base):
    """One count of a record's group: what was counted against what the system held then."""

    __tablename__ = "stock_check_attempts"
    __table_args__ = (
        UniqueConstraint("stock_check_record_id", "attempt_number"),
        CheckConstraint(f"attempt_number BETWEEN 1 AND {MAX_ATTEMPTS}", name="number_limited"),
        CheckConstraint(_one_of("result", AttemptResult), name="result_known"),
    )

    stock_check_record_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("stock_check_records.id", ondelete="CASCADE"), nullable=False
    )
    attempt_number: Mapped[int] = mapped_column(IdType, nullable=False)
    physical_count: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    system_count: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    result: Mapped[str] = mapped_column(String(16), nullable=False)
    user_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
