from __future__ import annotations

import datetime as dt
import decimal

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from clarus.core.db import Base, DecimalType, IdType, UTCDateTime
from clarus.core.models import (
    CustomFields,
    CustomStrings,
    ExternalReferences,
    TenantOwned,
    Timestamps,
)


class StockUnitType(TenantOwned, Timestamps, Base):
    """The unit a product's stock is counted in (items, weight, cube)."""

    __tablename__ = "stock_unit_types"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(50), nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    description: Mapped[str | None] = mapped_column(String(255))


class StorageUnitType(TenantOwned, Timestamps, Base):
    """A kind of container stock is stored on: a pallet, a cage, a tote."""

    __tablename__ = "storage_unit_types"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(30), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    unit_name: Mapped[str] = mapped_column(String(255), nullable=False)
    sequence_id: Mapped[int] = mapped_column(IdType, nullable=False)
    description: Mapped[str | None] = mapped_column(String(255))
    max_chars: Mapped[int | None] = mapped_column(IdType)
    is_pickable: Mapped[bool] = mapped_column(nullable=False, default=False)
    has_check_digit: Mapped[bool] = mapped_column(nullable=False, default=False)
    inherits_dimensions_from_item: Mapped[bool] = mapped_column(nullable=False, default=False)
    leaves_warehouse: Mapped[bool] = mapped_column(nullable=False, default=False)


class StorageUnitTypeDimensions(TenantOwned, Timestamps, Base):
    """A storage unit type's size and weight, kept apart: REST never echoes them, GraphQL does."""

    __tablename__ = "storage_unit_type_dimensions"
    __table_args__ = (UniqueConstraint("storage_unit_type_id"),)

    storage_unit_type_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("storage_unit_types.id", ondelete="CASCADE"), nullable=False
    )
    length: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    width: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    height: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    weight: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    unit_of_measure: Mapped[str | None] = mapped_column(String(16))
    weight_unit_of_measure: Mapped[str | None] = mapped_column(String(16))


class StorageUnit(TenantOwned, Timestamps, CustomStrings, Base):
    """One physical container (a pallet with its licence plate)."""

    __tablename__ = "storage_units"
    __table_args__ = (UniqueConstraint("tenant_id", "reference"),)

    storage_unit_type_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("storage_unit_types.id"), nullable=False, index=True
    )
    reference: Mapped[str | None] = mapped_column(String(255))
    barcode: Mapped[str | None] = mapped_column(String(255))
    warehouse_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("warehouses.id"), index=True
    )
    location_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("locations.id"), index=True)
    active: Mapped[bool] = mapped_column(nullable=False, default=True)
    dispatched: Mapped[bool] = mapped_column(nullable=False, default=False)
    dispatched_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Product(TenantOwned, Timestamps, ExternalReferences, CustomFields, Base):
    """An item of the catalogue; `code` (the SKU) is unique in the tenant when set."""

    __tablename__ = "products"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str | None] = mapped_column(String(50))
    description: Mapped[str] = mapped_column(String(150), nullable=False)
    stock_unit_type_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("stock_unit_types.id"), nullable=False, index=True
    )
    long_description: Mapped[str | None] = mapped_column(Text)
    barcode: Mapped[str | None] = mapped_column(String(255))
    case_barcode: Mapped[str | None] = mapped_column(String(255))
    inner_barcode: Mapped[str | None] = mapped_column(String(255))
    outer_barcode: Mapped[str | None] = mapped_column(String(255))
    commodity_code: Mapped[str | None] = mapped_column(String(14))
    country_of_manufacture: Mapped[str | None] = mapped_column(String(6))
    customs_description: Mapped[str | None] = mapped_column(String(255))
    shelf_life_min: Mapped[int | None] = mapped_column(IdType)
    shelf_life_max: Mapped[int | None] = mapped_column(IdType)
    stop: Mapped[bool] = mapped_column(nullable=False, default=False)
    obsolete: Mapped[int | None] = mapped_column(IdType)
    specific_gravity: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    output_quantity: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    assemble_on_pick: Mapped[bool] = mapped_column(nullable=False, default=False)
    require_dimensions_on_receipt: Mapped[bool] = mapped_column(nullable=False, default=False)
    non_hazardous_for_transport: Mapped[bool] = mapped_column(nullable=False, default=False)
    pick_strategy: Mapped[str | None] = mapped_column(String(32))
    product_type: Mapped[str] = mapped_column(String(32), nullable=False, default="single")
    serial_number_tracking_setting: Mapped[str] = mapped_column(
        String(32), nullable=False, default="no_tracking"
    )
    unit_quantity_conversion_strategy: Mapped[str] = mapped_column(
        String(32), nullable=False, default="none"
    )
    default_order_configuration: Mapped[str | None] = mapped_column(String(16))
    default_receipt_configuration: Mapped[str | None] = mapped_column(String(16))
    units_per_case: Mapped[int | None] = mapped_column(IdType)
    """Read in GraphQL; no documented REST attribute writes it yet."""


class ProductStorageUnit(TenantOwned, Timestamps, Base):
    """How a product is packed on one storage unit type. `priority` orders a product's storage
    units 0, 1, 2, ... without gaps; 0 is the one receipts use by default."""

    __tablename__ = "product_storage_units"
    __table_args__ = (UniqueConstraint("product_id", "priority"),)

    product_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("products.id", ondelete="CASCADE"), nullable=False
    )
    storage_unit_type_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("storage_unit_types.id", ondelete="CASCADE"), nullable=False, index=True
    )
    stock_configuration: Mapped[str] = mapped_column(String(8), nullable=False)
    unit_of_measure: Mapped[str] = mapped_column(String(16), nullable=False)
    per_layer: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
    number_of_layers: Mapped[int] = mapped_column(IdType, nullable=False)
    total: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    height: Mapped[decimal.Decimal | None] = mapped_column(DecimalType)
    priority: Mapped[int] = mapped_column(IdType, nullable=False)


class AccountProduct(TenantOwned, Timestamps, Base):
    """A product assigned to a stock account (an account may hold stock of it)."""

    __tablename__ = "account_products"
    __table_args__ = (UniqueConstraint("product_id", "account_id"),)

    product_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("products.id", ondelete="CASCADE"), nullable=False
    )
    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True
    )


class PickfaceProduct(TenantOwned, Timestamps, Base):
    """A product assigned to a pickface location, with how that location is replenished. Each
    product is assigned to a location once; the product's assignments go with it, while a
    location that still has some cannot be deleted. Location groups (`location_group_id`) come
    with the Groups issue, which adds their column."""

    __tablename__ = "pickface_products"
    __table_args__ = (UniqueConstraint("product_id", "location_id"),)

    product_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("products.id", ondelete="CASCADE"), nullable=False
    )
    location_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("locations.id"), nullable=False, index=True
    )
    replenishment_type: Mapped[str] = mapped_column(
        String(16), nullable=False, default="continuous"
    )
    trigger_min: Mapped[int | None] = mapped_column(IdType)
    trigger_max: Mapped[int | None] = mapped_column(IdType)
    priority: Mapped[int | None] = mapped_column(IdType)
    full_storage_units_only: Mapped[bool] = mapped_column(nullable=False, default=False)


class AlternativeCodeType(TenantOwned, Timestamps, Base):
    """What an alternative code is (an EAN-13, a customer's SKU). System types (`system_type`,
    Customer and Supplier, made with every tenant) cannot be changed or deleted."""

    __tablename__ = "alternative_code_types"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(50), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    description: Mapped[str | None] = mapped_column(String(500))
    system_type: Mapped[bool] = mapped_column(nullable=False, default=False)


class AlternativeCode(TenantOwned, Timestamps, Base):
    """Another code of a record (`alternative_codeable_type`/`_id`: a product, supplier, carrier
    or warehouse), optionally owned by a record of another kind (an account's SKU for a
    product). `code` is unique per parent and owner; a product's codes resolve to it wherever a
    product is looked up by code or scan (`clarus.catalog.queries`)."""

    __tablename__ = "alternative_codes"
    __table_args__ = (Index("ix_alternative_codes_tenant_id_code", "tenant_id", "code"),)

    code: Mapped[str] = mapped_column(String(50), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    description: Mapped[str | None] = mapped_column(String(500))
    alternative_code_type_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("alternative_code_types.id"), nullable=False, index=True
    )
    alternative_codeable_type: Mapped[str | None] = mapped_column(String(16))
    alternative_codeable_id: Mapped[int | None] = mapped_column(IdType)
    owner_type: Mapped[str | None] = mapped_column(String(16))
    owner_id: Mapped[int | None] = mapped_column(IdType)


class BarcodeFormat(TenantOwned, Timestamps, Base):
    """How scans are read (`clarus.catalog.scans`): exactly one format of a tenant is its
    default once it has any (the partial unique index makes two writers that both set one
    conflict, 409)."""

    __tablename__ = "barcode_formats"
    __table_args__ = (
        UniqueConstraint("tenant_id", "code"),
        Index(
            "uq_barcode_formats_default",
            "tenant_id",
            unique=True,
            sqlite_where=text("is_default"),
            postgresql_where=text("is_default"),
        ),
    )

    code: Mapped[str] = mapped_column(String(50), nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    is_default: Mapped[bool] = mapped_column(nullable=False, default=False)


class ProductMaterial(TenantOwned, Timestamps, Base):
    """A component line of a bill-of-materials product: `quantity` of the child per parent.
    The lines go with their parent; a product used as a component cannot be deleted."""

    __tablename__ = "product_materials"
    __table_args__ = (UniqueConstraint("parent_product_id", "child_product_id"),)

    parent_product_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("products.id", ondelete="CASCADE"), nullable=False
    )
    child_product_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("products.id"), nullable=False, index=True
    )
    quantity: Mapped[decimal.Decimal] = mapped_column(DecimalType, nullable=False)
