"""Billing input models: the update model of each resource with every field omittable, the
create model making the required ones required again."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from annotated_types import Ge, Le, MaxLen, MinLen
from pydantic import AfterValidator, StringConstraints

from clarus.billing.money import currency_code
from clarus.core.fields import DecimalNumber, RecordId, Text, Timestamp
from clarus.core.schemas import InputModel, Omittable

CurrencyCode = Annotated[Text, StringConstraints(max_length=3), AfterValidator(currency_code)]
Percent = Annotated[DecimalNumber, Ge(0), Le(100)]
Money = Annotated[DecimalNumber, Ge(0)]
ChargeType = Literal["RENTAL", "RECEIPT", "PICK", "SUNDRY"]
PickSubtype = Literal["FULL", "PART", "PICKFACE", "DEMAND_PICKFACE"]
UnitOfMeasure = Literal[
    "goods_in_receipt_completed",
    "goods_in_receipt_started",
    "goods_out_completed",
    "goods_out_created",
    "goods_out_pick_list_completed",
    "goods_out_pick_list_created",
    "item",
    "item_product_cube",
    "item_product_cubic_metre",
    "item_product_height",
    "item_product_length",
    "item_product_value",
    "item_product_weight",
    "item_product_width",
    "item_stock_cubic",
    "pick_case",
    "pick_inner",
    "pick_outer",
    "pick_unit",
    "storage_unit",
    "storage_unit_to",
    "unique_product",
    "shipment",
    "package",
]
"""The contract's units, and ours: `shipment` and `package` (a shipment handed to its carrier,
and its packages)."""
Frequency = Literal["Day", "Month"]
BasketStatus = Literal["OPEN", "CLOSED"]


class CurrencyUpdateAttributes(InputModel):
    """A currency the tenant bills in: an ISO 4217 code, in lowercase."""

    code: Omittable[CurrencyCode] = None
    name: Omittable[Annotated[Text, MaxLen(100)]] = None
    default: Omittable[bool] = None


class CurrencyAttributes(CurrencyUpdateAttributes):
    code: CurrencyCode
    name: Annotated[Text, MaxLen(100)]


class TaxTypeUpdateAttributes(InputModel):
    """A tax prices are charged with: `rate` in percent."""

    code: Omittable[Annotated[Text, MaxLen(30)]] = None
    description: Omittable[Annotated[Text, MaxLen(255)]] = None
    rate: Omittable[Percent] = None


class TaxTypeAttributes(TaxTypeUpdateAttributes):
    code: Annotated[Text, MaxLen(30)]
    description: Annotated[Text, MaxLen(255)]
    rate: Percent


class TaxRateUpdateAttributes(InputModel):
    """A tax rate: only its name changes once it is made (and an update names it)."""

    name: Annotated[Text, MaxLen(100)]


class TaxRateAttributes(TaxRateUpdateAttributes):
    name: Annotated[Text, MaxLen(100)]
    component_rate: Percent
    component_name: Annotated[Text, MaxLen(100)] | None = None
    tax_type: Literal["sales", "purchases"] = "sales"
    default: bool = False


class ChargeCardUpdateAttributes(InputModel):
    """A billing profile; `account_ids` (ours) are the accounts billed on it (one card each)."""

    code: Omittable[Annotated[Text, MinLen(1), MaxLen(30)]] = None
    name: Omittable[Annotated[Text, MaxLen(50)]] = None
    description: Text | None = None
    active: Omittable[bool] = None
    account_ids: Omittable[Annotated[list[RecordId], MaxLen(1000)]] = None


class ChargeCardAttributes(ChargeCardUpdateAttributes):
    code: Annotated[Text, MinLen(1), MaxLen(30)]
    name: Annotated[Text, MaxLen(50)]


class ChargePriceUpdateAttributes(InputModel):
    """A price on a card. `currency_id` and `tax_type_id` are ours: left out, the tenant's
    default currency (when a line is charged) and no tax."""

    charge_card_id: Omittable[RecordId] = None
    code: Omittable[Annotated[Text, MaxLen(50)]] = None
    name: Omittable[Annotated[Text, MaxLen(50)]] = None
    charge_type: Omittable[ChargeType] = None
    unit_of_measure: Omittable[UnitOfMeasure] = None
    quantity: Omittable[Annotated[DecimalNumber, Ge(0)]] = None
    price: Omittable[Money] = None
    subtype: PickSubtype | None = None
    auto_charge: bool | None = None
    description: Text | None = None
    nominal_code: Annotated[Text, MaxLen(50)] | None = None
    carrier_id: RecordId | None = None
    carrier_service_id: RecordId | None = None
    order_type_id: RecordId | None = None
    location_group_id: RecordId | None = None
    product_group_id: RecordId | None = None
    storage_unit_type_id: RecordId | None = None
    currency_id: RecordId | None = None
    tax_type_id: RecordId | None = None


class ChargePriceAttributes(ChargePriceUpdateAttributes):
    charge_card_id: RecordId
    code: Annotated[Text, MaxLen(50)]
    name: Annotated[Text, MaxLen(50)]
    charge_type: ChargeType
    unit_of_measure: UnitOfMeasure
    quantity: Annotated[DecimalNumber, Ge(0)]
    price: Money


class ChargeWindowUpdateAttributes(InputModel):
    """A billing schedule: weekdays 0 (Sunday) to 6 for `Day`, days 1 to 31 for `Month`, on
    which a period ends and the next begins; `account_ids` (ours) are the accounts billed in
    its periods (one window each)."""

    name: Omittable[Annotated[Text, MaxLen(100)]] = None
    frequency: Omittable[Frequency] = None
    numbers: Omittable[Annotated[list[Annotated[int, Ge(0), Le(31)]], MinLen(1), MaxLen(31)]] = None
    account_ids: Omittable[Annotated[list[RecordId], MaxLen(1000)]] = None


class ChargeWindowAttributes(ChargeWindowUpdateAttributes):
    frequency: Frequency
    numbers: Annotated[list[Annotated[int, Ge(0), Le(31)]], MinLen(1), MaxLen(31)]


class ChargeBasketUpdateAttributes(InputModel):
    """An account's charges of one period; `CLOSED` collects and freezes them."""

    account_id: Omittable[RecordId] = None
    charge_card_id: Omittable[RecordId] = None
    start_at: Omittable[Timestamp] = None
    end_at: Timestamp | None = None
    status: Omittable[BasketStatus] = None


class ChargeBasketAttributes(ChargeBasketUpdateAttributes):
    account_id: RecordId
    charge_card_id: RecordId
    start_at: Timestamp


class ChargeLineUpdateAttributes(InputModel):
    """A charge in a basket; `total` is `quantity` x `price`, rounded per line."""

    charge_basket_id: Omittable[RecordId] = None
    code: Omittable[Annotated[Text, MinLen(1), MaxLen(30)]] = None
    name: Omittable[Annotated[Text, MaxLen(50)]] = None
    charge_type: Omittable[ChargeType] = None
    quantity: Omittable[Annotated[DecimalNumber, Ge(0)]] = None
    price: Omittable[Money] = None
    description: Text | None = None
    charge_price_id: RecordId | None = None
    goods_out_id: RecordId | None = None
    goods_out_pick_list_id: RecordId | None = None
    inbound_good_id: RecordId | None = None
    inbound_item_id: RecordId | None = None
    product_id: RecordId | None = None
    storage_unit_id: RecordId | None = None


class ChargeLineAttributes(ChargeLineUpdateAttributes):
    charge_basket_id: RecordId
    code: Annotated[Text, MinLen(1), MaxLen(30)]
    name: Annotated[Text, MaxLen(50)]
    charge_type: ChargeType


class GenerateInvoiceBody(InputModel):
    """`POST /api/charge_baskets/generate_invoice`: flat JSON."""

    ids: Annotated[list[RecordId], MinLen(1), MaxLen(1000)]


class StorageRunBody(InputModel):
    """`POST /api/charge_lines/storage_run` (ours): the day whose storage is charged."""

    day: dt.date


class ChargeEventsBody(InputModel):
    """`POST /api/charge_lines/charge_events` (ours): events per engine round."""

    batch_size: Annotated[int, Ge(1), Le(10_000)] = 1000
