"""The catalog's Core tables, for set-based statements."""

from __future__ import annotations

from clarus.catalog.models import (
    AccountProduct,
    AlternativeCode,
    AlternativeCodeType,
    BarcodeFormat,
    PickfaceProduct,
    Product,
    ProductMaterial,
    ProductStorageUnit,
    StockUnitType,
    StorageUnit,
    StorageUnitType,
    StorageUnitTypeDimensions,
)
from clarus.core.db import table_of

stock_unit_types = table_of(StockUnitType)
storage_unit_types = table_of(StorageUnitType)
storage_unit_type_dimensions = table_of(StorageUnitTypeDimensions)
storage_units = table_of(StorageUnit)
products = table_of(Product)
product_storage_units = table_of(ProductStorageUnit)
account_products = table_of(AccountProduct)
pickface_products = table_of(PickfaceProduct)
alternative_code_types = table_of(AlternativeCodeType)
alternative_codes = table_of(AlternativeCode)
barcode_formats = table_of(BarcodeFormat)
product_materials = table_of(ProductMaterial)
