"""Invoices from closed charge baskets: one draft per account, its lines the baskets' lines,
tax per rate, totals and the tenant's next invoice number (gap-free: a counter row advanced by
one guarded UPDATE ... RETURNING, so concurrent generations queue on the row and never share
or skip a number)."""

from __future__ import annotations

import asyncio
import datetime as dt
import decimal
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.billing.invoice_pdf import PrintedInvoice, PrintedLine, render_invoice_pdf
from clarus.billing.money import rounded
from clarus.billing.rows import (
    ChargeBasketRow,
    ChargeLineRow,
    InvoicedLine,
    InvoiceRow,
    charge_basket_row,
    invoice_row,
    invoiced_line,
)
from clarus.billing.tables import (
    charge_baskets,
    charge_lines,
    currencies,
    invoice_counters,
    invoices,
)
from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind, NotFound
from clarus.core.events import emit
from clarus.core.records import RowDict, records_named, required

PAYMENT_DAYS = 30


async def next_invoice_number(session: AsyncSession, *, tenant_id: int) -> int:
    dialect = session.get_bind().dialect.name
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await session.execute(
        make(invoice_counters)
        .values(tenant_id=tenant_id, last_number=0)
        .on_conflict_do_nothing(index_elements=["tenant_id"])
    )
    statement = (
        update(invoice_counters)
        .where(invoice_counters.c.tenant_id == tenant_id)
        .values(last_number=invoice_counters.c.last_number + 1)
        .returning(invoice_counters.c.last_number)
    )
    return int((await session.execute(statement)).scalar_one())


def _ensure_invoiceable(baskets: Sequence[ChargeBasketRow], basket_ids: Sequence[int]) -> None:
    for basket in baskets:
        position = basket_ids.index(basket["id"])
        if basket["status"] != "CLOSED":
            raise ClarusError.of(
                ErrorKind.CHARGE_BASKET_OPEN,
                f"Charge basket {basket['id']} is open: close it first.",
                path=f"/ids/{position}",
            )
        if basket["invoice_status"] != "not_invoiced":
            raise ClarusError.of(
                ErrorKind.CHARGE_BASKET_INVOICED,
                f"Charge basket {basket['id']} is invoiced already.",
                path=f"/ids/{position}",
            )


def tax_by_rate(
    lines: Sequence[ChargeLineRow], minor_unit: int
) -> list[tuple[decimal.Decimal, decimal.Decimal, decimal.Decimal]]:
    """(rate, net, tax) per tax rate, the tax rounded half-up once per rate."""
    nets: dict[decimal.Decimal, decimal.Decimal] = defaultdict(decimal.Decimal)
    for line in lines:
        nets[decimal.Decimal(line["tax_rate"])] += decimal.Decimal(line["total"])
    return [
        (rate, rounded(net, minor_unit), rounded(net * rate / 100, minor_unit))
        for rate, net in sorted(nets.items())
    ]


async def generate_invoices(
    session: AsyncSession, *, tenant_id: int, basket_ids: Sequence[int]
) -> list[RowDict]:
    baskets = await records_named(
        session,
        charge_baskets,
        tenant_id=tenant_id,
        ids=basket_ids,
        resource="charge_basket",
        lock=True,
        shape=charge_basket_row,
    )
    _ensure_invoiceable(baskets, list(basket_ids))
    by_account: dict[int, list[int]] = defaultdict(list)
    for basket in baskets:
        by_account[basket["account_id"]].append(basket["id"])
    made = [
        invoice
        for account_id, ids in sorted(by_account.items())
        if (
            invoice := await _invoice(
                session, tenant_id=tenant_id, account_id=account_id, basket_ids=ids
            )
        )
        is not None
    ]
    await session.execute(
        update(charge_baskets)
        .where(charge_baskets.c.tenant_id == tenant_id, charge_baskets.c.id.in_(basket_ids))
        .values(invoice_status="fully_invoiced", updated_at=utcnow())
    )
    return made


async def _invoice(
    session: AsyncSession, *, tenant_id: int, account_id: int, basket_ids: list[int]
) -> RowDict | None:
    """The account's invoice of the baskets' lines; None when they hold none (nothing to bill:
    the baskets are done with all the same)."""
    default_currency = currencies.alias("default_currency")
    default = (
        select(default_currency.c.id)
        .where(default_currency.c.tenant_id == tenant_id, default_currency.c.default)
        .scalar_subquery()
    )
    statement = (
        select(
            charge_lines,
            currencies.c.id.label("invoiced_currency_id"),
            currencies.c.code.label("currency_code"),
            currencies.c.minor_unit,
        )
        .select_from(charge_lines)
        .outerjoin(
            currencies, currencies.c.id == func.coalesce(charge_lines.c.currency_id, default)
        )
        .where(
            charge_lines.c.tenant_id == tenant_id,
            charge_lines.c.charge_basket_id.in_(basket_ids),
            charge_lines.c.invoice_id.is_(None),
        )
        .order_by(charge_lines.c.id)
    )
    lines = [invoiced_line(row) for row in (await session.execute(statement)).mappings()]
    if any(line.currency_id is None for line in lines):
        raise ClarusError.of(
            ErrorKind.UNKNOWN_CURRENCY,
            "Lines in no currency are invoiced in the default one: the tenant has none.",
            path="/ids",
        )
    if not lines:
        return None
    currency_ids = sorted({required(line.currency_id, "currency_id") for line in lines})
    if len(currency_ids) > 1:
        raise ClarusError.of(
            ErrorKind.MIXED_CURRENCIES,
            f"Account {account_id}'s lines are in currencies {currency_ids}.",
            path="/ids",
        )
    [currency_id] = currency_ids
    minor_unit = required(lines[0].minor_unit, "minor_unit")
    taxes = tax_by_rate([line.line for line in lines], minor_unit)
    net = sum((net for _, net, _ in taxes), decimal.Decimal(0))
    tax = sum((tax for _, _, tax in taxes), decimal.Decimal(0))
    number = await next_invoice_number(session, tenant_id=tenant_id)
    today = utcnow().date()
    now = utcnow()
    values: RowDict = {
        "tenant_id": tenant_id,
        "document_number": f"INV-{number:06d}",
        "document_type": "invoice",
        "document_date": today,
        "document_due_date": today + dt.timedelta(days=PAYMENT_DAYS),
        "status": "draft",
        "account_id": account_id,
        "currency_id": currency_id,
        "net_total": net,
        "tax_total": tax,
        "gross_total": net + tax,
        "taxes": [
            {"rate": str(rate), "net": str(rate_net), "tax": str(rate_tax)}
            for rate, rate_net, rate_tax in taxes
        ],
        "created_at": now,
        "updated_at": now,
    }
    inserted = insert(invoices).values(values).returning(invoices)
    invoice = invoice_row((await session.execute(inserted)).mappings().one())
    await session.execute(
        update(charge_lines)
        .where(charge_lines.c.id.in_([line.line["id"] for line in lines]))
        .values(invoice_id=invoice["id"], updated_at=now)
    )
    await _attach_pdf(session, invoice, lines=lines, taxes=taxes)
    shown = shown_invoice(invoice)
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name="invoice",
        event="generated",
        record_id=invoice["id"],
        payload=shown,
    )
    return shown


TAX_STATUS = "tax_exclusive"
"""Prices are net: tax is added on top, per rate."""


def shown_invoice(invoice: InvoiceRow) -> RowDict:
    """An invoice as the REST answer's attributes and the `invoice generated` event show it
    (the same record, so a webhook and the response agree): amounts, those of `taxes` too, are
    decimals (rendered as JSON numbers, as every amount is), without its PDF."""
    record: RowDict = {
        name: value for name, value in invoice.items() if name not in ("tenant_id", "pdf")
    }
    record["taxes"] = [
        {name: decimal.Decimal(amount) for name, amount in tax.items()} for tax in invoice["taxes"]
    ]
    return record | {"reference": None, "tax_status": TAX_STATUS}


async def _attach_pdf(
    session: AsyncSession,
    invoice: InvoiceRow,
    *,
    lines: Sequence[InvoicedLine],
    taxes: Sequence[tuple[decimal.Decimal, decimal.Decimal, decimal.Decimal]],
) -> None:
    """The invoice's PDF, rendered in a thread (CPU work stays off the event loop)."""
    printed = PrintedInvoice(
        number=invoice["document_number"],
        date=invoice["document_date"],
        due_date=invoice["document_due_date"],
        account_id=invoice["account_id"],
        currency=required(lines[0].currency_code, "currency_code"),
        lines=tuple(
            PrintedLine(
                code=line["code"],
                name=line["name"],
                quantity=decimal.Decimal(line["quantity"]),
                price=decimal.Decimal(line["price"]),
                total=decimal.Decimal(line["total"]),
                tax_rate=decimal.Decimal(line["tax_rate"]),
            )
            for line in (invoiced.line for invoiced in lines)
        ),
        taxes=tuple(taxes),
        net_total=decimal.Decimal(invoice["net_total"]),
        tax_total=decimal.Decimal(invoice["tax_total"]),
        gross_total=decimal.Decimal(invoice["gross_total"]),
    )
    pdf = await asyncio.to_thread(render_invoice_pdf, printed)
    await session.execute(update(invoices).where(invoices.c.id == invoice["id"]).values(pdf=pdf))


async def invoice_pdf(session: AsyncSession, *, tenant_id: int, invoice_id: int) -> bytes:
    """The invoice's PDF; another tenant's invoice is a missing one."""
    statement = select(invoices.c.pdf).where(
        invoices.c.tenant_id == tenant_id, invoices.c.id == invoice_id
    )
    pdf = (await session.execute(statement)).scalar_one_or_none()
    if pdf is None:
        raise NotFound("ar_document", invoice_id)
    return bytes(pdf)
