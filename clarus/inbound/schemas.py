"""What a goods in receipt request may carry, as `GoodsInReceiptAttributes` documents it."""

from __future__ import annotations

from typing import Annotated, Literal

from annotated_types import MaxLen
from pydantic import Discriminator, Field

from clarus.catalog.schemas import PackagingLevel
from clarus.core.changes import AddLine, DestroyLine, UpdateLine
from clarus.core.fields import LongText, Quantity, RecordId, Text, Timestamp
from clarus.core.schemas import (
    CustomFieldAttributes,
    ExternalReferenceAttributes,
    InputModel,
    Omittable,
)

MAX_LINES_CHANGES = 10_000
QuantityDimension = Literal["length", "area", "volume", "weight", "none"]


class AlternativeLineAttributes(ExternalReferenceAttributes, CustomFieldAttributes):
    """What every line carries besides its product: the upstream's own names for it and the
    generic slots (batch in `string1`, sell-by in `datetime1`, best-before in `datetime2`)."""

    alt_line_note: LongText | None = None
    alt_line_number: Text | None = None
    alt_line_reference: Text | None = None
    alt_product_code: Text | None = None


class ReceiptLineUpdateAttributes(AlternativeLineAttributes):
    """A line added to a receipt. `product_storage_unit_id` (ours) is how the goods arrive
    packed: one of the product's storage units, its priority 0 one when left out."""

    product_id: Omittable[RecordId] = None
    expected_quantity: Omittable[Quantity] = None
    product_storage_unit_id: RecordId | None = None
    expected_configurations_quantity: Quantity | None = None
    stock_configuration: PackagingLevel | None = None
    expected_quantity_dimension: QuantityDimension | None = None


class ReceiptLineAttributes(ReceiptLineUpdateAttributes):
    """A line added to a receipt. `product_storage_unit_id` (ours) is how the goods arrive
    packed: one of the product's storage units, its priority 0 one when left out."""

    product_id: RecordId
    expected_quantity: Quantity


class GoodsInReceiptLineAdd(AddLine[ReceiptLineAttributes]):
    pass


class GoodsInReceiptLineUpdate(UpdateLine[ReceiptLineUpdateAttributes]):
    pass


class GoodsInReceiptLineDestroy(DestroyLine):
    pass


ReceiptLineChange = Annotated[
    GoodsInReceiptLineAdd | GoodsInReceiptLineUpdate | GoodsInReceiptLineDestroy,
    Discriminator("type"),
]
ReceiptLinesChanges = Annotated[list[ReceiptLineChange], Field(max_length=MAX_LINES_CHANGES)]


class ReceiptHeaderUpdateAttributes(ExternalReferenceAttributes, CustomFieldAttributes):
    """A receipt's own fields as an update takes them: each may be left out."""

    account_id: Omittable[RecordId] = None
    warehouse_id: Omittable[RecordId] = None
    reference: Annotated[Text, MaxLen(255)] | None = None
    supplier_id: RecordId | None = None
    expected_date_of_arrival: Timestamp | None = None
    actual_date_of_arrival: Timestamp | None = None
    notes: LongText | None = None


class ReceiptHeaderAttributes(ReceiptHeaderUpdateAttributes):
    account_id: RecordId
    warehouse_id: RecordId


class GoodsInReceiptAttributes(ReceiptHeaderAttributes):
    lines_changes: ReceiptLinesChanges | None = None


class GoodsInReceiptUpdateAttributes(ReceiptHeaderUpdateAttributes):
    lines_changes: ReceiptLinesChanges | None = None


class ReceiptLabelAttributes(InputModel):
    """`POST /api/goods_in_receipts/{id}/storage_unit_labels`: one storage unit, or all the
    receipt's. `cloud_print: true` is refused until printers exist; `printer_id` is then unused
    but must be an id."""

    storage_unit_id: RecordId | None = None
    cloud_print: bool | None = None
    printer_id: RecordId | None = None
