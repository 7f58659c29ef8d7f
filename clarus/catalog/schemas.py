from __future__ import annotations

from typing import Annotated, Literal

from annotated_types import Ge, Gt, Le, MaxLen

from clarus.core.fields import (
    CountryOrSubdivisionCode,
    DecimalNumber,
    Integer,
    LongText,
    NonNegativeInteger,
    PositiveInteger,
    Quantity,
    RecordId,
    Text,
)
from clarus.core.schemas import (
    CustomFieldAttributes,
    CustomStringAttributes,
    ExternalReferenceAttributes,
    InputModel,
    Omittable,
)

LengthUnit = Literal["centimetre", "metre", "inch", "foot", "millimetre"]
WeightUnit = Literal["gram", "kilogram"]
PackagingLevel = Literal["unit", "case", "inner", "outer"]
PickStrategy = Literal["pick_by_line", "batch_pick"]
ProductType = Literal["single", "bill_of_materials"]
SerialNumberTrackingSetting = Literal["no_tracking", "track_during_pick", "full_tracking"]
UnitQuantityConversionStrategy = Literal["none", "volume", "weight"]
Measure = Annotated[DecimalNumber, Ge(0)]


class StockUnitTypeUpdateAttributes(InputModel):
    """The unit stock is counted in. `code` is unique in the tenant."""

    code: Omittable[Annotated[Text, MaxLen(50)]] = None
    name: Omittable[Text] = None
    description: Text | None = None


class StockUnitTypeAttributes(StockUnitTypeUpdateAttributes):
    """The unit stock is counted in. `code` is unique in the tenant."""

    code: Annotated[Text, MaxLen(50)]
    name: Text


class DimensionsAttributes(InputModel):
    unit_of_measure: LengthUnit | None = None
    length: Measure | None = None
    width: Measure | None = None
    height: Measure | None = None
    weight: Measure | None = None
    weight_unit_of_measure: WeightUnit | None = None


class StorageUnitTypeUpdateColumns(InputModel):
    """A storage unit type's own columns as an update takes them: each may be left out."""

    code: Omittable[Annotated[Text, MaxLen(30)]] = None
    name: Omittable[Annotated[Text, MaxLen(50)]] = None
    unit_name: Text | None = None
    sequence_id: Omittable[Integer] = None
    description: Text | None = None
    max_chars: Integer | None = None
    is_pickable: bool | None = None
    has_check_digit: bool | None = None
    inherits_dimensions_from_item: bool | None = None
    leaves_warehouse: bool | None = None


class StorageUnitTypeColumns(StorageUnitTypeUpdateColumns):
    """A kind of container. `code` is unique in the tenant; `unit_name` defaults to `name`."""

    code: Annotated[Text, MaxLen(30)]
    name: Annotated[Text, MaxLen(50)]
    sequence_id: Integer


class StorageUnitTypeAttributes(StorageUnitTypeColumns):
    dimensions: DimensionsAttributes | None = None
    """Write-only over REST (kept apart, never echoed); GraphQL reads it."""


class StorageUnitTypeUpdateAttributes(StorageUnitTypeUpdateColumns):
    dimensions: DimensionsAttributes | None = None


class StorageUnitUpdateAttributes(CustomStringAttributes):
    """One container. `reference` (its licence plate) is unique in the tenant when set."""

    storage_unit_type_id: Omittable[RecordId] = None
    reference: Text | None = None
    location_id: RecordId | None = None
    warehouse_id: RecordId | None = None
    barcode: Text | None = None


class StorageUnitAttributes(StorageUnitUpdateAttributes):
    """One container. `reference` (its licence plate) is unique in the tenant when set."""

    storage_unit_type_id: RecordId


class ProductUpdateAttributes(ExternalReferenceAttributes, CustomFieldAttributes):
    """A product. `code` (the SKU) is unique in the tenant when set."""

    description: Omittable[Annotated[Text, MaxLen(150)]] = None
    stock_unit_type_id: Omittable[RecordId] = None
    code: Annotated[Text, MaxLen(50)] | None = None
    long_description: LongText | None = None
    barcode: Text | None = None
    case_barcode: Text | None = None
    inner_barcode: Text | None = None
    outer_barcode: Text | None = None
    commodity_code: Annotated[Text, MaxLen(14)] | None = None
    country_of_manufacture: CountryOrSubdivisionCode | None = None
    customs_description: Annotated[Text, MaxLen(255)] | None = None
    shelf_life_min: PositiveInteger | None = None
    shelf_life_max: PositiveInteger | None = None
    stop: bool | None = None
    obsolete: Integer | None = None
    specific_gravity: DecimalNumber | None = None
    output_quantity: Annotated[DecimalNumber, Gt(0)] | None = None
    assemble_on_pick: bool | None = None
    require_dimensions_on_receipt: bool | None = None
    non_hazardous_for_transport: bool | None = None
    pick_strategy: PickStrategy | None = None
    product_type: ProductType | None = None
    serial_number_tracking_setting: SerialNumberTrackingSetting | None = None
    unit_quantity_conversion_strategy: UnitQuantityConversionStrategy | None = None
    default_order_configuration: PackagingLevel | None = None
    default_receipt_configuration: PackagingLevel | None = None


class ProductAttributes(ProductUpdateAttributes):
    """A product. `code` (the SKU) is unique in the tenant when set."""

    description: Annotated[Text, MaxLen(150)]
    stock_unit_type_id: RecordId


class ProductStorageUnitUpdateAttributes(InputModel):
    """How a product is packed on a storage unit type. Without `priority` it goes last; with
    one it is put in that place and the others move down. On create `total` defaults to
    `per_layer * number_of_layers`."""

    product_id: Omittable[RecordId] = None
    storage_unit_type_id: Omittable[RecordId] = None
    stock_configuration: Omittable[PackagingLevel] = None
    unit_of_measure: Omittable[LengthUnit] = None
    per_layer: Omittable[Measure] = None
    number_of_layers: Omittable[NonNegativeInteger] = None
    total: Measure | None = None
    height: Annotated[DecimalNumber, Gt(0)] | None = None
    priority: NonNegativeInteger | None = None


class ProductStorageUnitAttributes(ProductStorageUnitUpdateAttributes):
    """How a product is packed on a storage unit type. Without `priority` it goes last; with
    one it is put in that place and the others move down. On create `total` defaults to
    `per_layer * number_of_layers`."""

    product_id: RecordId
    storage_unit_type_id: RecordId
    stock_configuration: PackagingLevel
    unit_of_measure: LengthUnit
    per_layer: Measure
    number_of_layers: NonNegativeInteger


class ProductStorageUnitPriority(InputModel):
    """`PATCH /api/product_storage_units/{id}/priority`: a bare body, not the `data` envelope."""

    priority: NonNegativeInteger


class AccountProductAttributes(InputModel):
    account_id: RecordId


ReplenishmentType = Literal["continuous", "demand", "order_volume"]


class PickfaceProductAttributes(InputModel):
    """Assigns a product to a pickface: exactly one of `location_id` (a location whose
    `is_pickface` is true) or `location_group_id`. `replenishment_type` defaults to
    `continuous`; `trigger_min` may not exceed `trigger_max`."""

    product_id: RecordId
    location_id: RecordId | None = None
    location_group_id: RecordId | None = None
    replenishment_type: ReplenishmentType | None = None
    trigger_min: NonNegativeInteger | None = None
    trigger_max: NonNegativeInteger | None = None
    priority: NonNegativeInteger | None = None
    full_storage_units_only: bool | None = None


MAX_LABEL_COPIES = 100


class StorageUnitPickLabelAttributes(InputModel):
    """`POST /api/storage_units/{id}/pick_label`: `quantity` copies (1 to 100, default 1), the
    `task_id` printed on the label. `cloud_print: true` is refused until printers exist; without
    it `printer_id` is not used (a client may keep it in its request), but must be an id."""

    cloud_print: bool | None = None
    printer_id: RecordId | None = None
    quantity: Annotated[int, Ge(1), Le(MAX_LABEL_COPIES)] | None = None
    task_id: PositiveInteger | None = None


AlternativeCodeableType = Literal["Product", "Supplier", "Carrier", "Warehouse"]
AlternativeCodeOwnerType = Literal[
    "Account", "Customer", "Supplier", "Carrier", "Warehouse", "Product"
]


class AlternativeCodeTypeUpdateAttributes(InputModel):
    """A kind of alternative code. `code` is unique in the tenant."""

    code: Omittable[Annotated[Text, MaxLen(50)]] = None
    name: Omittable[Annotated[Text, MaxLen(50)]] = None
    description: Annotated[Text, MaxLen(500)] | None = None


class AlternativeCodeTypeAttributes(AlternativeCodeTypeUpdateAttributes):
    """A kind of alternative code. `code` is unique in the tenant."""

    code: Annotated[Text, MaxLen(50)]
    name: Annotated[Text, MaxLen(50)]


class AlternativeCodeUpdateAttributes(InputModel):
    """Another code of a record. The parent (`alternative_codeable_type` and `_id`) and the
    owner (`owner_type` and `_id`) are each sent whole or not at all, must exist in the tenant,
    and are of different kinds; `code` is unique per parent and owner."""

    code: Omittable[Annotated[Text, MaxLen(50)]] = None
    name: Omittable[Annotated[Text, MaxLen(50)]] = None
    description: Annotated[Text, MaxLen(500)] | None = None
    alternative_code_type_id: Omittable[RecordId] = None
    alternative_codeable_type: AlternativeCodeableType | None = None
    alternative_codeable_id: RecordId | None = None
    owner_type: AlternativeCodeOwnerType | None = None
    owner_id: RecordId | None = None


class AlternativeCodeAttributes(AlternativeCodeUpdateAttributes):
    """Another code of a record. The parent (`alternative_codeable_type` and `_id`) and the
    owner (`owner_type` and `_id`) are each sent whole or not at all, must exist in the tenant,
    and are of different kinds; `code` is unique per parent and owner."""

    code: Annotated[Text, MaxLen(50)]
    name: Annotated[Text, MaxLen(50)]
    alternative_code_type_id: RecordId


class BarcodeFormatUpdateAttributes(InputModel):
    """How scans are read. `code` is unique in the tenant and names the reading
    (`clarus.catalog.scans`): a GS1 code (`GS1-128`, `GS1_128`, `GS1`, `EAN128`) reads GS1
    element strings, any other code reads the scan whole as a product code."""

    code: Omittable[Annotated[Text, MaxLen(50)]] = None
    name: Omittable[Annotated[Text, MaxLen(255)]] = None
    is_default: bool | None = None


class BarcodeFormatAttributes(BarcodeFormatUpdateAttributes):
    """How scans are read. `code` is unique in the tenant and names the reading
    (`clarus.catalog.scans`): a GS1 code (`GS1-128`, `GS1_128`, `GS1`, `EAN128`) reads GS1
    element strings, any other code reads the scan whole as a product code."""

    code: Annotated[Text, MaxLen(50)]
    name: Annotated[Text, MaxLen(255)]


class ProductMaterialUpdateAttributes(InputModel):
    """A component of a bill-of-materials product (the parent, from the path)."""

    child_product_id: Omittable[RecordId] = None
    quantity: Omittable[Quantity] = None


class ProductMaterialAttributes(ProductMaterialUpdateAttributes):
    """A component of a bill-of-materials product (the parent, from the path)."""

    child_product_id: RecordId
    quantity: Quantity


MAX_SCAN_LENGTH = 500


class BarcodeScanAttributes(InputModel):
    """`POST /api/barcode_formats/parse` (ours): a scanned string read in a barcode format
    (`barcode_format_id`, else the tenant's default format, else recognised by its look), its
    product found by code or alternative code; `account_id` picks among codes accounts own."""

    scan: Annotated[Text, MaxLen(MAX_SCAN_LENGTH)]
    barcode_format_id: RecordId | None = None
    account_id: RecordId | None = None
