"""Billing's records as its services read them: typed rows built from the row at the read
(`shape=charge_basket_row`), so that a basket's period or a line's total is checked by mypy."""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
from typing import TypedDict

from sqlalchemy import RowMapping


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


def charge_basket_row(row: RowMapping) -> ChargeBasketRow:
    return ChargeBasketRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        account_id=row["account_id"],
        charge_card_id=row["charge_card_id"],
        start_at=row["start_at"],
        end_at=row["end_at"],
        status=row["status"],
        invoice_status=row["invoice_status"],
        charge_window_id=row["charge_window_id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


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


def charge_line_row(row: RowMapping) -> ChargeLineRow:
    return ChargeLineRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        account_id=row["account_id"],
        charge_basket_id=row["charge_basket_id"],
        charge_price_id=row["charge_price_id"],
        invoice_id=row["invoice_id"],
        code=row["code"],
        name=row["name"],
        description=row["description"],
        charge_type=row["charge_type"],
        unit_of_measure=row["unit_of_measure"],
        quantity=row["quantity"],
        price=row["price"],
        total=row["total"],
        currency_id=row["currency_id"],
        tax_rate=row["tax_rate"],
        occurred_at=row["occurred_at"],
        source_key=row["source_key"],
        goods_out_id=row["goods_out_id"],
        goods_out_pick_list_id=row["goods_out_pick_list_id"],
        inbound_good_id=row["inbound_good_id"],
        inbound_item_id=row["inbound_item_id"],
        product_id=row["product_id"],
        storage_unit_id=row["storage_unit_id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


class ChargeWindowRow(TypedDict):
    """A row of `charge_windows`."""

    id: int
    tenant_id: int
    name: str | None
    frequency: str
    numbers: list[int]
    created_at: dt.datetime
    updated_at: dt.datetime


def charge_window_row(row: RowMapping) -> ChargeWindowRow:
    return ChargeWindowRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        name=row["name"],
        frequency=row["frequency"],
        numbers=row["numbers"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


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


def invoice_row(row: RowMapping) -> InvoiceRow:
    return InvoiceRow(
        id=row["id"],
        tenant_id=row["tenant_id"],
        document_number=row["document_number"],
        document_type=row["document_type"],
        document_date=row["document_date"],
        document_due_date=row["document_due_date"],
        status=row["status"],
        account_id=row["account_id"],
        currency_id=row["currency_id"],
        net_total=row["net_total"],
        tax_total=row["tax_total"],
        gross_total=row["gross_total"],
        taxes=row["taxes"],
        pdf=row["pdf"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


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
