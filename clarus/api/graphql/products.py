from __future__ import annotations

import dataclasses

import strawberry
from sqlalchemy import ColumnElement

from clarus.api.graphql.filters import (
    DatetimeInputType,
    FilterColumn,
    IdInputType,
    StringInputType,
    id_condition,
    string_condition,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.nodes import CustomFieldsNode, ExternalReferencesNode, TimestampsNode
from clarus.catalog.queries import products_by_account, products_by_code
from clarus.catalog.tables import products


@strawberry.type(name="Product")
class ProductNode(ExternalReferencesNode, CustomFieldsNode, TimestampsNode):
    id: strawberry.ID
    code: str | None
    description: str
    stock_unit_type_id: strawberry.ID
    long_description: str | None
    barcode: str | None
    case_barcode: str | None
    inner_barcode: str | None
    outer_barcode: str | None
    commodity_code: str | None
    country_of_manufacture: str | None
    customs_description: str | None
    shelf_life_min: int | None
    shelf_life_max: int | None
    stop: bool
    obsolete: int | None
    specific_gravity: float | None
    output_quantity: float | None
    assemble_on_pick: bool
    require_dimensions_on_receipt: bool
    non_hazardous_for_transport: bool
    pick_strategy: str | None
    product_type: str
    serial_number_tracking_setting: str
    unit_quantity_conversion_strategy: str
    default_order_configuration: str | None
    default_receipt_configuration: str | None
    units_per_case: int | None


@strawberry.input
class ProductsFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    barcode: StringInputType | None = None
    case_barcode: StringInputType | None = None
    inner_barcode: StringInputType | None = None
    outer_barcode: StringInputType | None = None
    all_codes: StringInputType | None = strawberry.field(
        default=None,
        description="Any of code, barcode, case_barcode, inner_barcode, outer_barcode, or an"
        " alternative code of the product: only when the field a scanned value belongs to is"
        " unknown.",
    )
    description: StringInputType | None = None
    account_id: IdInputType | None = strawberry.field(
        default=None, description="Products assigned to the account(s); filled: any / none."
    )
    product_type: StringInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


def _any_code(spec: StringInputType) -> ColumnElement[bool]:
    return products_by_code(lambda column: string_condition(column, spec, "all_codes"))


def _assigned_to_account(spec: IdInputType) -> ColumnElement[bool]:
    """Through the account assignments: `filled` asks for products with any account (true) or
    none (false); the other operators for products assigned to a matching account."""
    operators = dataclasses.replace(spec, filled=None)

    def account_id(column: FilterColumn) -> list[ColumnElement[bool]]:
        return id_condition(column, operators, "account_id")

    is_matched = operators != IdInputType()
    return products_by_account(
        account_id=account_id if is_matched else None, is_assigned=spec.filled
    )


@strawberry.type
class ProductQueries:
    all = list_field(
        ProductNode,
        ProductsFilterType,
        products,
        conditions={"all_codes": _any_code, "account_id": _assigned_to_account},
    )
