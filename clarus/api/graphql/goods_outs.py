from __future__ import annotations

import dataclasses
from typing import Annotated

import strawberry
from sqlalchemy import ColumnElement

from clarus.api.graphql.connection import PREFETCHES, Prefetch
from clarus.api.graphql.customers import CustomerNode
from clarus.api.graphql.filters import (
    DatetimeInputType,
    IdInputType,
    StringInputType,
    string_condition,
)
from clarus.api.graphql.goods_in_receipts import AlternativeLineReferencesNode
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.loaders import (
    CustomerByIdLoader,
    GoodsOutByIdLoader,
    GoodsOutLinesByGoodsOutIdLoader,
    OrderTypeByIdLoader,
    WarehouseByIdLoader,
    loaded_field,
)
from clarus.api.graphql.nodes import (
    CustomFieldsNode,
    ExternalReferencesNode,
    TimestampsNode,
    derived_field,
)
from clarus.api.graphql.order_types import OrderTypeNode
from clarus.api.graphql.references import (
    AccountReferenceNode,
    AddressReferenceNode,
    CarrierReferenceNode,
    ProductReferenceNode,
)
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.api.graphql.warehouses import WarehouseNode
from clarus.outbound.queries import goods_outs_with_status
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.tables import goods_outs

PREFETCHES["GoodsOut.lines"] = Prefetch(GoodsOutLinesByGoodsOutIdLoader.of, "id")


@strawberry.type(name="GoodsOutStatus")
class GoodsOutStatusNode:
    id: strawberry.ID
    code: str
    name: str

    @classmethod
    def of(cls, status_id: int | str) -> GoodsOutStatusNode:
        status = GoodsOutStatus(int(status_id))
        return cls(id=strawberry.ID(str(status.value)), code=status.code, name=status.label)

    @staticmethod
    def of_id(status_id: object) -> GoodsOutStatusNode:
        """The status of a goods out's `goods_out_status_id` column."""
        assert isinstance(status_id, int | str)
        return GoodsOutStatusNode.of(status_id)


@strawberry.type
class CustomDateRangesNode:
    datetime1_from: ISO8601DateTime | None
    datetime1_to: ISO8601DateTime | None
    datetime2_from: ISO8601DateTime | None
    datetime2_to: ISO8601DateTime | None
    datetime3_from: ISO8601DateTime | None
    datetime3_to: ISO8601DateTime | None
    datetime4_from: ISO8601DateTime | None
    datetime4_to: ISO8601DateTime | None
    datetime5_from: ISO8601DateTime | None
    datetime5_to: ISO8601DateTime | None


@strawberry.type(name="GoodsOutLine")
class GoodsOutLineNode(
    ProductReferenceNode,
    CarrierReferenceNode,
    AlternativeLineReferencesNode,
    ExternalReferencesNode,
    CustomFieldsNode,
    CustomDateRangesNode,
    TimestampsNode,
):
    id: strawberry.ID
    goods_out_id: strawberry.ID
    order_quantity: float
    ordered_configurations_quantity: float | None
    order_quantity_dimension: str | None
    stock_configuration: str | None
    allocated_quantity: float
    pick_quantity: float
    dispatch_quantity: float
    short_status: str | None
    carrier_service_id: strawberry.ID | None
    dispatch_strategy: str | None
    pack_strategy: str | None
    goods_in_receipt_line_id: strawberry.ID | None
    stock_to_pick_id: strawberry.ID | None
    storage_unit_reference: str | None
    stock_description: str | None

    goods_out = loaded_field(
        GoodsOutByIdLoader,
        "goods_out_id",
        Annotated["GoodsOutNode", strawberry.lazy("clarus.api.graphql.goods_outs")],
    )


@strawberry.type(name="GoodsOut")
class GoodsOutNode(
    AccountReferenceNode,
    CarrierReferenceNode,
    AddressReferenceNode,
    ExternalReferencesNode,
    CustomFieldsNode,
    TimestampsNode,
):
    id: strawberry.ID
    warehouse_id: strawberry.ID | None
    reference: str
    goods_out_type: str
    goods_out_status_id: strawberry.ID
    order_type_id: strawberry.ID | None
    customer_id: strawberry.ID | None
    carrier_service_id: strawberry.ID | None
    location_id: strawberry.ID | None
    original_delivery_address_id: strawberry.ID | None
    integration_id: strawberry.ID | None
    goods_out_pick_list_id: strawberry.ID | None
    short_order_lines_reason_code_id: strawberry.ID | None
    short_order_lines_description: str | None
    expected_date_of_dispatch: ISO8601DateTime
    actual_date_of_dispatch: ISO8601DateTime | None
    priority: int | None
    drop_sequence: int | None
    pick_type: str
    pack_strategy: str
    dispatch_strategy: str
    load_reference: str | None
    pick_reference: str | None
    delivery_notes: str | None
    order_notes: str | None
    pick_notes: str | None
    packing_notes: str | None

    goods_out_status = derived_field(
        GoodsOutStatusNode.of_id, "goods_out_status_id", GoodsOutStatusNode
    )

    warehouse = loaded_field(WarehouseByIdLoader, "warehouse_id", WarehouseNode | None)
    customer = loaded_field(CustomerByIdLoader, "customer_id", CustomerNode | None)
    order_type = loaded_field(OrderTypeByIdLoader, "order_type_id", OrderTypeNode | None)
    lines = loaded_field(GoodsOutLinesByGoodsOutIdLoader, "id", list[GoodsOutLineNode])


@strawberry.input
class GoodsOutsFilterType:
    id: IdInputType | None = None
    reference: StringInputType | None = None
    goods_out_status_code: StringInputType | None = strawberry.field(
        default=None, description=f"One of {', '.join(status.code for status in GoodsOutStatus)}"
    )
    goods_out_type: StringInputType | None = None
    account_id: IdInputType | None = None
    warehouse_id: IdInputType | None = None
    carrier_id: IdInputType | None = None
    customer_id: IdInputType | None = None
    expected_date_of_dispatch: DatetimeInputType | None = None
    external_system_reference1: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


def _with_status_code(spec: StringInputType) -> ColumnElement[bool]:
    """`eq` and `in` compare the indexed status id (an unknown code matches no order, as any
    string filter would); the partial operators match the code itself."""
    among: list[list[str]] = []
    if spec.eq is not None:
        among.append([spec.eq])
    if spec.in_ is not None:
        among.append(spec.in_)
    partial = dataclasses.replace(spec, eq=None, in_=None)
    return goods_outs_with_status(
        among=among,
        code=lambda column: string_condition(column, partial, "goods_out_status_code"),
    )


@strawberry.type
class GoodsOutQueries:
    all = list_field(
        GoodsOutNode,
        GoodsOutsFilterType,
        goods_outs,
        conditions={"goods_out_status_code": _with_status_code},
    )
