from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import (
    GoodsInReceiptLinesByGoodsInReceiptIdLoader,
    SupplierByIdLoader,
    WarehouseByIdLoader,
    loaded_field,
)
from clarus.api.graphql.nodes import (
    CustomFieldsNode,
    ExternalReferencesNode,
    TimestampsNode,
    column_alias,
)
from clarus.api.graphql.references import (
    AccountReferenceNode,
    AddressReferenceNode,
    ProductReferenceNode,
)
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.api.graphql.suppliers import SupplierNode
from clarus.api.graphql.warehouses import WarehouseNode
from clarus.inbound.statuses import ReceiptStatus
from clarus.inbound.tables import goods_in_receipts

FILTER_COLUMNS = {"expected_date_of_receipt": goods_in_receipts.c.expected_date_of_arrival}


@strawberry.type
class AlternativeLineReferencesNode:
    alt_line_note: str | None
    alt_line_number: str | None
    alt_line_reference: str | None
    alt_product_code: str | None


@strawberry.type(name="GoodsInReceiptLine")
class GoodsInReceiptLineNode(
    ProductReferenceNode,
    AlternativeLineReferencesNode,
    ExternalReferencesNode,
    CustomFieldsNode,
    TimestampsNode,
):
    id: strawberry.ID
    goods_in_receipt_id: strawberry.ID
    product_storage_unit_id: strawberry.ID | None
    expected_quantity: float
    expected_configurations_quantity: float | None
    stock_configuration: str | None
    expected_quantity_dimension: str | None
    received_quantity: float


@strawberry.type(name="GoodsInReceipt")
class GoodsInReceiptNode(
    AccountReferenceNode,
    AddressReferenceNode,
    ExternalReferencesNode,
    CustomFieldsNode,
    TimestampsNode,
):
    id: strawberry.ID
    warehouse_id: strawberry.ID
    supplier_id: strawberry.ID | None
    reference: str | None
    status: str
    receipt_type: str
    expected_date_of_arrival: ISO8601DateTime | None
    actual_date_of_arrival: ISO8601DateTime | None
    notes: str | None
    part_of_goods_in_receipt_id: strawberry.ID | None = strawberry.field(
        description="(ours) The receipt whose missing rest this one expects (move_to_part)"
    )

    expected_date_of_receipt = column_alias(
        "expected_date_of_arrival",
        ISO8601DateTime | None,
        "The documented name of expected_date_of_arrival",
    )
    actual_date_of_receipt = column_alias(
        "actual_date_of_arrival",
        ISO8601DateTime | None,
        "The documented name of actual_date_of_arrival",
    )

    warehouse = loaded_field(WarehouseByIdLoader, "warehouse_id", WarehouseNode)
    supplier = loaded_field(SupplierByIdLoader, "supplier_id", SupplierNode | None)

    lines = loaded_field(
        GoodsInReceiptLinesByGoodsInReceiptIdLoader, "id", list[GoodsInReceiptLineNode]
    )


@strawberry.input
class InboundGoodFilterType:
    id: IdInputType | None = None
    reference: StringInputType | None = None
    status: StringInputType | None = strawberry.field(
        default=None, description=f"One of {', '.join(ReceiptStatus)}"
    )
    account_id: IdInputType | None = None
    warehouse_id: IdInputType | None = None
    supplier_id: IdInputType | None = None
    part_of_goods_in_receipt_id: IdInputType | None = None
    expected_date_of_receipt: DatetimeInputType | None = None
    external_system_reference1: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class GoodsInReceiptQueries:
    all = list_field(
        GoodsInReceiptNode, InboundGoodFilterType, goods_in_receipts, columns=FILTER_COLUMNS
    )
