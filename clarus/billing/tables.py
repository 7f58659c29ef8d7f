"""Billing's Core tables, for set-based statements."""

from __future__ import annotations

from clarus.billing.models import (
    ChargeBasket,
    ChargeCard,
    ChargeCardAccount,
    ChargeEngineCursor,
    ChargeLine,
    ChargePrice,
    ChargeWindow,
    ChargeWindowAccount,
    Currency,
    Invoice,
    InvoiceCounter,
    TaxRate,
    TaxType,
)
from clarus.core.db import table_of

currencies = table_of(Currency)
tax_types = table_of(TaxType)
tax_rates = table_of(TaxRate)
charge_cards = table_of(ChargeCard)
charge_card_accounts = table_of(ChargeCardAccount)
charge_prices = table_of(ChargePrice)
charge_windows = table_of(ChargeWindow)
charge_window_accounts = table_of(ChargeWindowAccount)
charge_baskets = table_of(ChargeBasket)
invoices = table_of(Invoice)
invoice_counters = table_of(InvoiceCounter)
charge_lines = table_of(ChargeLine)
charge_engine_cursors = table_of(ChargeEngineCursor)
