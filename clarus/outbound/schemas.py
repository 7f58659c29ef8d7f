"""What a goods out request may carry, as `GoodsOutAttributes` documents it."""

from __future__ import annotations

from typing import Annotated

from annotated_types import MaxLen
from pydantic import Discriminator, Field

from clarus.catalog.schemas import PackagingLevel
from clarus.core.changes import AddLine, DestroyLine, UpdateLine
from clarus.core.fields import LongText, NonNegativeInteger, Quantity, RecordId, Text, Timestamp
from clarus.core.schemas import (
    CustomFieldAttributes,
    CustomStringAttributes,
    ExternalReferenceAttributes,
    InputModel,
    Omittable,
)
from clarus.inbound.schemas import (
    MAX_LINES_CHANGES,
    AlternativeLineAttributes,
    QuantityDimension,
)
from clarus.tenancy.defaults import DispatchStrategy, GoodsOutType, PackStrategy, PickType

Priority = Annotated[int, Field(ge=1, le=99)]
StatusId = Annotated[int, Field(ge=1, le=8)]


class CustomDateRangeAttributes(CustomFieldAttributes):
    """Per line, the range a stock record's `datetime1..5` must fall in to be picked for it."""

    datetime1_from: Timestamp | None = None
    datetime1_to: Timestamp | None = None
    datetime2_from: Timestamp | None = None
    datetime2_to: Timestamp | None = None
    datetime3_from: Timestamp | None = None
    datetime3_to: Timestamp | None = None
    datetime4_from: Timestamp | None = None
    datetime4_to: Timestamp | None = None
    datetime5_from: Timestamp | None = None
    datetime5_to: Timestamp | None = None


class GoodsOutLineUpdateAttributes(AlternativeLineAttributes, CustomDateRangeAttributes):
    product_id: Omittable[RecordId] = None
    order_quantity: Omittable[Quantity] = None
    ordered_configurations_quantity: Quantity | None = None
    order_quantity_dimension: QuantityDimension | None = None
    stock_configuration: PackagingLevel | None = None
    carrier_id: RecordId | None = None
    carrier_service_id: RecordId | None = None
    dispatch_strategy: DispatchStrategy | None = None
    pack_strategy: PackStrategy | None = None
    goods_in_receipt_line_id: RecordId | None = None
    stock_to_pick_id: RecordId | None = None
    storage_unit_reference: Text | None = None
    stock_description: LongText | None = None


class GoodsOutLineAttributes(GoodsOutLineUpdateAttributes):
    product_id: RecordId
    order_quantity: Quantity


class GoodsOutLineAdd(AddLine[GoodsOutLineAttributes]):
    pass


class GoodsOutLineUpdate(UpdateLine[GoodsOutLineUpdateAttributes]):
    pass


class GoodsOutLineDestroy(DestroyLine):
    pass


GoodsOutLineChange = Annotated[
    GoodsOutLineAdd | GoodsOutLineUpdate | GoodsOutLineDestroy, Discriminator("type")
]
GoodsOutLinesChanges = Annotated[list[GoodsOutLineChange], Field(max_length=MAX_LINES_CHANGES)]


class GoodsOutHeaderUpdateAttributes(ExternalReferenceAttributes, CustomFieldAttributes):
    """An order's own fields as an update takes them: each may be left out."""

    account_id: Omittable[RecordId] = None
    reference: Omittable[Annotated[Text, MaxLen(50)]] = None
    expected_date_of_dispatch: Omittable[Timestamp] = None
    goods_out_type: GoodsOutType | None = None
    goods_out_status_id: StatusId | None = None
    warehouse_id: RecordId | None = None
    order_type_id: RecordId | None = None
    customer_id: RecordId | None = None
    carrier_id: RecordId | None = None
    carrier_service_id: RecordId | None = None
    location_id: RecordId | None = None
    original_delivery_address_id: RecordId | None = None
    integration_id: RecordId | None = None
    """Not checked: integrations are not a resource of ours yet."""
    short_order_lines_reason_code_id: RecordId | None = None
    short_order_lines_description: LongText | None = None
    actual_date_of_dispatch: Timestamp | None = None
    priority: Priority | None = None
    drop_sequence: NonNegativeInteger | None = None
    pick_type: PickType | None = None
    pack_strategy: PackStrategy | None = None
    dispatch_strategy: DispatchStrategy | None = None
    load_reference: Text | None = None
    pick_reference: Text | None = None
    delivery_notes: LongText | None = None
    order_notes: LongText | None = None
    pick_notes: LongText | None = None
    packing_notes: Annotated[Text, MaxLen(255)] | None = None


class GoodsOutHeaderAttributes(GoodsOutHeaderUpdateAttributes):
    """An order's own fields. `goods_out_type`, `pick_type`, `pack_strategy`,
    `dispatch_strategy` and `order_type_id` fall back on the account's and the tenant's
    defaults when left out; `goods_out_status_id` may ask for DRAFT (1) or PENDING (2)."""

    account_id: RecordId
    reference: Annotated[Text, MaxLen(50)]
    expected_date_of_dispatch: Timestamp


class GoodsOutAttributes(GoodsOutHeaderAttributes):
    lines_changes: GoodsOutLinesChanges | None = None


class GoodsOutUpdateAttributes(GoodsOutHeaderUpdateAttributes):
    lines_changes: GoodsOutLinesChanges | None = None


class GoodsOutIds(InputModel):
    """A bare `{"ids": [...]}` body naming orders (`goods_out_processes` actions)."""

    ids: Annotated[list[RecordId], Field(max_length=1000)]


class ShortOrderLinesRequest(GoodsOutIds):
    """`POST /api/goods_out_processes/short_order_lines`: why the orders ship short."""

    description: LongText
    reason_code_id: RecordId | None = None


class PickListAttributes(InputModel):
    """What a consolidated pick list may be given when it is made."""

    goods_out_pick_list_reference: Text | None = None
    expected_date_of_dispatch: Timestamp | None = None
    goods_out_bay_id: RecordId | None = None


class ConsolidatePicksRequest(GoodsOutIds):
    goods_out_pick_list_attributes: PickListAttributes | None = None


class GoodsOutPickListUpdateAttributes(CustomStringAttributes):
    """What `PATCH /api/goods_out_pick_lists/{id}` may change: the reference and the custom
    strings. The list's warehouse and orders are fixed by processing picks; they are accepted
    only unchanged (a client may send back the record it read)."""

    reference: Text | None = None
    warehouse_id: RecordId | None = None
    goods_out_ids: Annotated[list[RecordId], MaxLen(10_000)] | None = None
