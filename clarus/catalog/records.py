"""Response attribute models (what the API echoes back), for the OpenAPI document."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Literal

from pydantic import BaseModel

from clarus.catalog.schemas import (
    AlternativeCodeAttributes,
    AlternativeCodeTypeAttributes,
    PackagingLevel,
    ProductAttributes,
    ProductStorageUnitAttributes,
    ProductType,
    ReplenishmentType,
    SerialNumberTrackingSetting,
    StockUnitTypeAttributes,
    StorageUnitAttributes,
    StorageUnitTypeColumns,
    UnitQuantityConversionStrategy,
)
from clarus.masterdata.records import RecordTimestamps


class StockUnitTypeRecord(StockUnitTypeAttributes, RecordTimestamps):
    pass


class StorageUnitTypeRecord(StorageUnitTypeColumns, RecordTimestamps):
    """`dimensions` are not echoed: read them through GraphQL."""

    unit_name: str
    is_pickable: bool
    has_check_digit: bool
    inherits_dimensions_from_item: bool
    leaves_warehouse: bool


class StorageUnitRecord(StorageUnitAttributes, RecordTimestamps):
    active: bool
    dispatched: bool
    dispatched_at: dt.datetime | None


class ProductRecord(ProductAttributes, RecordTimestamps):
    stop: bool
    assemble_on_pick: bool
    require_dimensions_on_receipt: bool
    non_hazardous_for_transport: bool
    product_type: ProductType
    serial_number_tracking_setting: SerialNumberTrackingSetting
    unit_quantity_conversion_strategy: UnitQuantityConversionStrategy
    default_order_configuration: PackagingLevel | None
    units_per_case: int | None


class ProductStorageUnitRecord(ProductStorageUnitAttributes, RecordTimestamps):
    priority: int


class AccountProductRecord(RecordTimestamps):
    """The flat object `{"id", "account_id", "product_id", ...}`."""

    id: int
    account_id: int
    product_id: int


class PickfaceProductRecord(RecordTimestamps):
    """The attributes of a pickface product; its product and location are its
    `relationships`."""

    replenishment_type: ReplenishmentType
    trigger_min: int | None
    trigger_max: int | None
    priority: int | None
    full_storage_units_only: bool


class AlternativeCodeTypeRecord(AlternativeCodeTypeAttributes, RecordTimestamps):
    system_type: bool


class AlternativeCodeRecord(AlternativeCodeAttributes, RecordTimestamps):
    pass


class BarcodeFormatRecord(RecordTimestamps):
    """The flat object `{"id", "code", "name", "is_default", ...}`."""

    code: str
    name: str
    is_default: bool


class ProductMaterialRecord(RecordTimestamps):
    parent_product_id: int
    child_product_id: int
    quantity: decimal.Decimal


class ScanElementRecord(BaseModel):
    ai: str
    title: str
    value: str
    position: int
    """The character (from 0) of the scan where the element starts."""


class BarcodeScanRecord(BaseModel):
    """What `POST /api/barcode_formats/parse` answers (ours): how the scan was read (`gs1` or
    `code`), the product it names (null when none), and the GS1 fields it carries."""

    scan: str
    barcode_format_id: int | None
    reading: Literal["gs1", "code"]
    product_id: int | None
    product_code: str | None
    gtin: str | None
    content_gtin: str | None
    batch: str | None
    serial: str | None
    production_date: dt.date | None
    packaging_date: dt.date | None
    best_before: dt.date | None
    sell_by: dt.date | None
    expiry_date: dt.date | None
    quantity: int | None
    net_weight_kg: decimal.Decimal | None
    elements: list[ScanElementRecord]
