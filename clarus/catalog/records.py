"""Response attribute models (what the API echoes back), for the OpenAPI document."""

from __future__ import annotations

import datetime as dt

from clarus.catalog.schemas import (
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
