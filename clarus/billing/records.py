"""Response attribute models of billing, for the OpenAPI document."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Annotated

from annotated_types import MaxLen
from pydantic import BaseModel

from clarus.billing.schemas import (
    BasketStatus,
    ChargeCardAttributes,
    ChargePriceAttributes,
    ChargeType,
    ChargeWindowAttributes,
    CurrencyAttributes,
    TaxRateAttributes,
    TaxTypeAttributes,
)
from clarus.core.fields import Text


class RecordTimestamps(BaseModel):
    created_at: dt.datetime
    updated_at: dt.datetime


class CurrencyRecord(CurrencyAttributes, RecordTimestamps):
    default: bool
    minor_unit: int


class TaxTypeRecord(TaxTypeAttributes, RecordTimestamps):
    pass


class TaxRateRecord(TaxRateAttributes, RecordTimestamps):
    pass


class ChargeCardRecord(ChargeCardAttributes, RecordTimestamps):
    active: bool
    account_ids: list[int]


class ChargePriceRecord(ChargePriceAttributes, RecordTimestamps):
    pass


class ChargeWindowRecord(ChargeWindowAttributes, RecordTimestamps):
    name: Annotated[Text, MaxLen(100)] | None = None
    account_ids: list[int]


class ChargeBasketRecord(RecordTimestamps):
    account_id: int
    charge_card_id: int
    start_at: dt.datetime
    end_at: dt.datetime | None
    status: BasketStatus
    invoice_status: str
    charge_window_id: int | None
    """Ours: the window that opened it for one of its periods."""


class ChargeLineRecord(RecordTimestamps):
    charge_basket_id: int | None
    account_id: int
    code: str
    name: str
    description: str | None
    charge_type: ChargeType
    unit_of_measure: str | None
    quantity: decimal.Decimal
    price: decimal.Decimal
    total: decimal.Decimal
    currency_id: int | None
    tax_rate: decimal.Decimal
    occurred_at: dt.datetime
    invoice_id: int | None
    charge_price_id: int | None


class InvoiceRecord(BaseModel):
    id: int
    document_number: str
    document_type: str
    document_date: dt.date
    document_due_date: dt.date
    status: str
    account_id: int
    currency_id: int
    net_total: decimal.Decimal
    tax_total: decimal.Decimal
    gross_total: decimal.Decimal
