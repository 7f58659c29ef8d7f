"""Stock control's tables."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, IdType
from clarus.core.models import TenantOwned, Timestamps

# Groups, put-away rules and warehouse routes (s-rules).


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
