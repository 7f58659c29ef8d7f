"""Billing's records as its services read them: typed rows built from the row at the read
(`shape=charge_basket_row`), so that a basket's period or a line's total is checked by mypy."""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
from typing import TypedDict

from sqlalchemy import RowMapping

from clarus.billing.tables import charge_baskets, charge_lines, charge_windows, invoices
from clarus.core.rows import row_shape


class ChargeBasketRow(TypedDict):
    """A row of `charge_baskets`."""

    id: int
    tenant_id: int
    account_id: int
    charge_card_id: int
    start_at: dt.datetime
    end_at: dt.datetime | None
    status: str
    invoice_status: str
    charge_window_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


charge_basket_row = row_shape(ChargeBasketRow, charge_baskets)


class ChargeLineRow(TypedDict):
    """A row of `charge_lines`."""

    id: int
    tenant_id: int
    account_id: int
    charge_basket_id: int | None
    charge_price_id: int | None
    invoice_id: int | None
    code: str
    name: str
    description: str | None
    charge_type: str
    unit_of_measure: str | None
    quantity: decimal.Decimal
    price: decimal.Decimal
    total: decimal.Decimal
    currency_id: int | None
    tax_rate: decimal.Decimal
    occurred_at: dt.datetime
    source_key: str | None
    goods_out_id: int | None
    goods_out_pick_list_id: int | None
    inbound_good_id: int | None
    inbound_item_id: int | None
    product_id: int | None
    storage_unit_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


charge_line_row = row_shape(ChargeLineRow, charge_lines)


class ChargeWindowRow(TypedDict):
    """A row of `charge_windows`."""

    id: int
    tenant_id: int
    name: str | None
    frequency: str
    numbers: list[int]
    created_at: dt.datetime
    updated_at: dt.datetime


charge_window_row = row_shape(ChargeWindowRow, charge_windows)


class InvoiceRow(TypedDict):
    """A row of `invoices`."""

    id: int
    tenant_id: int
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
    taxes: list[dict[str, str]]
    pdf: bytes | None
    created_at: dt.datetime
    updated_at: dt.datetime


invoice_row = row_shape(InvoiceRow, invoices)


@dataclasses.dataclass(frozen=True)
class InvoicedLine:
    """A line an invoice takes, with the currency it is invoiced in (its own, else the tenant's
    default; None when it has neither)."""

    line: ChargeLineRow
    currency_id: int | None
    currency_code: str | None
    minor_unit: int | None


def invoiced_line(row: RowMapping) -> InvoicedLine:
    return InvoicedLine(
        line=charge_line_row(row),
        currency_id=row["invoiced_currency_id"],
        currency_code=row["currency_code"],
        minor_unit=row["minor_unit"],
    )
