"""Billing lists: currencies, tax types and rates, charge cards, prices, windows, baskets and
lines. Amounts are numbers on the wire, as the contract documents them; they are `Decimal`
in the database and the services."""

from __future__ import annotations

from enum import Enum

import strawberry
from sqlalchemy import ColumnElement

from clarus.api.graphql.enums import EnumInputType
from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    DecimalInputType,
    IdInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.nodes import TimestampsNode
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.billing.tables import (
    charge_baskets,
    charge_cards,
    charge_lines,
    charge_prices,
    charge_windows,
    currencies,
    invoices,
    tax_rates,
    tax_types,
)


@strawberry.type(name="Currency")
class CurrencyNode(TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    default: bool
    minor_unit: int = strawberry.field(description="Decimal places of the currency (ISO 4217)")


@strawberry.input(description="An ISO 4217 code in lowercase: eq, in (any of)")
class CodeInputType:
    eq: str | None = None
    in_: list[str] | None = strawberry.field(name="in", default=None)


def _code_condition(spec: CodeInputType) -> ColumnElement[bool]:
    column = currencies.c.code
    clause: ColumnElement[bool] = column.is_not(None)
    if spec.eq is not None:
        clause &= column == spec.eq.lower()
    if spec.in_ is not None:
        clause &= column.in_([code.lower() for code in spec.in_])
    return clause


@strawberry.input
class CurrencyFilterType:
    id: IdInputType | None = None
    code: CodeInputType | None = None
    name: StringInputType | None = None
    default: BooleanInputType | None = None
    created_at: DatetimeInputType | None = None


@strawberry.type
class CurrencyQueries:
    all = list_field(
        CurrencyNode, CurrencyFilterType, currencies, conditions={"code": _code_condition}
    )


@strawberry.type(name="TaxType")
class TaxTypeNode(TimestampsNode):
    id: strawberry.ID
    code: str
    description: str
    rate: float


@strawberry.input
class TaxTypeFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    description: StringInputType | None = None
    rate: DecimalInputType | None = None
    created_at: DatetimeInputType | None = None


@strawberry.type
class TaxTypeQueries:
    all = list_field(TaxTypeNode, TaxTypeFilterType, tax_types)


@strawberry.enum
class TaxKind(Enum):
    sales = "sales"
    purchases = "purchases"


@strawberry.input(description="A tax type: eq, in (any of)")
class TaxTypeInputType(EnumInputType[TaxKind]):
    pass


@strawberry.type(name="TaxRate")
class TaxRateNode(TimestampsNode):
    id: strawberry.ID
    name: str
    component_name: str | None
    component_rate: float
    tax_type: str
    default: bool


@strawberry.input
class TaxRateFilterType:
    id: IdInputType | None = None
    name: StringInputType | None = None
    component_name: StringInputType | None = None
    component_rate: DecimalInputType | None = None
    tax_type: TaxTypeInputType | None = None
    default: BooleanInputType | None = None


@strawberry.type
class TaxRateQueries:
    all = list_field(TaxRateNode, TaxRateFilterType, tax_rates)


@strawberry.type(name="ChargeCard")
class ChargeCardNode(TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    description: str | None
    active: bool


@strawberry.input
class ChargeCardFilterType:
    id: IdInputType | None = None
    active: BooleanInputType | None = None
    code: StringInputType | None = None
    description: StringInputType | None = None
    name: StringInputType | None = None


@strawberry.type
class ChargeCardQueries:
    all = list_field(ChargeCardNode, ChargeCardFilterType, charge_cards)


@strawberry.type(name="ChargePrice")
class ChargePriceNode(TimestampsNode):
    id: strawberry.ID
    charge_card_id: strawberry.ID
    code: str
    name: str
    charge_type: str
    subtype: str | None
    unit_of_measure: str
    quantity: float
    price: float
    auto_charge: bool | None
    description: str | None
    nominal_code: str | None
    carrier_id: strawberry.ID | None
    carrier_service_id: strawberry.ID | None
    order_type_id: strawberry.ID | None
    currency_id: strawberry.ID
    tax_type_id: strawberry.ID | None


@strawberry.input
class ChargePriceFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    charge_type: StringInputType | None = None
    charge_card_id: IdInputType | None = None
    carrier_id: IdInputType | None = None
    carrier_service_id: IdInputType | None = None
    order_type_id: IdInputType | None = None


@strawberry.type
class ChargePriceQueries:
    all = list_field(ChargePriceNode, ChargePriceFilterType, charge_prices)


@strawberry.type(name="ChargeWindow")
class ChargeWindowNode(TimestampsNode):
    id: strawberry.ID
    name: str | None
    frequency: str
    numbers: list[int]


@strawberry.input
class ChargeWindowFilterType:
    id: IdInputType | None = None
    name: StringInputType | None = None
    frequency: StringInputType | None = None


@strawberry.type
class ChargeWindowQueries:
    all = list_field(ChargeWindowNode, ChargeWindowFilterType, charge_windows)


@strawberry.type(name="ChargeBasket")
class ChargeBasketNode(TimestampsNode):
    id: strawberry.ID
    account_id: strawberry.ID
    charge_card_id: strawberry.ID
    status: str
    invoice_status: str
    start_at: ISO8601DateTime
    end_at: ISO8601DateTime | None
    charge_window_id: strawberry.ID | None = strawberry.field(
        description="The window that opened the basket for one of its periods (ours)"
    )


@strawberry.input
class ChargeBasketFilterType:
    id: IdInputType | None = None
    status: StringInputType | None = None
    invoice_status: StringInputType | None = None
    start_at: DatetimeInputType | None = None
    end_at: DatetimeInputType | None = None
    account_id: IdInputType | None = None
    charge_window_id: IdInputType | None = None


@strawberry.type
class ChargeBasketQueries:
    all = list_field(ChargeBasketNode, ChargeBasketFilterType, charge_baskets)


@strawberry.type(name="ChargeLine")
class ChargeLineNode(TimestampsNode):
    id: strawberry.ID
    charge_basket_id: strawberry.ID | None
    account_id: strawberry.ID
    charge_price_id: strawberry.ID | None
    invoice_id: strawberry.ID | None
    code: str
    name: str
    description: str | None
    charge_type: str
    unit_of_measure: str | None
    quantity: float
    price: float
    total: float
    tax_rate: float
    currency_id: strawberry.ID
    occurred_at: ISO8601DateTime
    goods_out_id: strawberry.ID | None
    goods_out_pick_list_id: strawberry.ID | None
    inbound_good_id: strawberry.ID | None
    inbound_item_id: strawberry.ID | None
    product_id: strawberry.ID | None
    storage_unit_id: strawberry.ID | None


@strawberry.input
class ChargeLineFilterType:
    id: IdInputType | None = None
    charge_basket_id: IdInputType | None = None
    account_id: IdInputType | None = None
    invoice_id: IdInputType | None = None
    charge_type: StringInputType | None = None
    code: StringInputType | None = None
    occurred_at: DatetimeInputType | None = None
    goods_out_order_id: IdInputType | None = strawberry.field(
        default=None, description="The goods out the line charges for"
    )
    goods_in_receipt_id: IdInputType | None = strawberry.field(
        default=None, description="The goods in receipt the line charges for"
    )
    created_at: DatetimeInputType | None = None


@strawberry.type
class ChargeLineQueries:
    all = list_field(
        ChargeLineNode,
        ChargeLineFilterType,
        charge_lines,
        columns={
            "goods_out_order_id": charge_lines.c.goods_out_id,
            "goods_in_receipt_id": charge_lines.c.inbound_good_id,
        },
    )


@strawberry.type(name="ArDocument")
class ArDocumentNode(TimestampsNode):
    id: strawberry.ID
    document_number: str
    document_type: str
    document_date: str
    document_due_date: str
    status: str
    account_id: strawberry.ID
    currency_id: strawberry.ID
    net_total: float
    tax_total: float
    gross_total: float


@strawberry.input
class ArDocumentFilterType:
    id: IdInputType | None = None
    document_number: StringInputType | None = None
    status: StringInputType | None = None
    account_id: IdInputType | None = None
    created_at: DatetimeInputType | None = None


@strawberry.type
class ArDocumentQueries:
    all = list_field(ArDocumentNode, ArDocumentFilterType, invoices)
