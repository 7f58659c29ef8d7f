"""The invoice as a PDF (fpdf2, as the shipping labels). Rendering is CPU work: callers run
`render_invoice_pdf` in a thread, off the event loop."""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass

from fpdf import FPDF

LINE_HEIGHT = 6.0


@dataclass(frozen=True)
class PrintedLine:
    code: str
    name: str
    quantity: decimal.Decimal
    price: decimal.Decimal
    total: decimal.Decimal
    tax_rate: decimal.Decimal


@dataclass(frozen=True)
class PrintedInvoice:
    number: str
    date: dt.date
    due_date: dt.date
    account_id: int
    currency: str
    lines: tuple[PrintedLine, ...]
    taxes: tuple[tuple[decimal.Decimal, decimal.Decimal, decimal.Decimal], ...]
    """(rate, net, tax) per tax rate."""
    net_total: decimal.Decimal
    tax_total: decimal.Decimal
    gross_total: decimal.Decimal


def _latin1(text: str) -> str:
    """The core PDF fonts carry Latin-1 only; anything else prints as `?`."""
    return text.encode("latin-1", "replace").decode("latin-1")


def _row(pdf: FPDF, cells: tuple[tuple[float, str, str], ...]) -> None:
    for width, text, align in cells:
        pdf.cell(width, LINE_HEIGHT, _latin1(text), align=align)
    pdf.ln(LINE_HEIGHT)


def render_invoice_pdf(invoice: PrintedInvoice) -> bytes:
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_title(_latin1(f"Invoice {invoice.number}"))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, _latin1(f"Invoice {invoice.number}"))
    pdf.ln(12)
    pdf.set_font("Helvetica", size=10)
    for label, value in (
        ("Date", invoice.date.isoformat()),
        ("Due", invoice.due_date.isoformat()),
        ("Account", str(invoice.account_id)),
        ("Currency", invoice.currency.upper()),
    ):
        _row(pdf, ((30, label, "L"), (60, value, "L")))
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 10)
    _row(pdf, _line_cells("Code", "Charge", "Qty", "Price", "Tax %", "Total"))
    pdf.set_font("Helvetica", size=10)
    for line in invoice.lines:
        _row(
            pdf,
            _line_cells(
                line.code,
                line.name,
                f"{line.quantity.normalize():f}",
                f"{line.price.normalize():f}",
                f"{line.tax_rate.normalize():f}",
                f"{line.total.normalize():f}",
            ),
        )
    pdf.ln(4)
    for rate, net, tax in invoice.taxes:
        _row(pdf, ((130, f"Tax at {rate.normalize():f}% on {net}", "R"), (40, f"{tax}", "R")))
    for label, amount in (
        ("Net", invoice.net_total),
        ("Tax", invoice.tax_total),
        ("Total", invoice.gross_total),
    ):
        _row(pdf, ((130, label, "R"), (40, f"{amount}", "R")))
    return bytes(pdf.output())


def _line_cells(*texts: str) -> tuple[tuple[float, str, str], ...]:
    widths = (30.0, 60.0, 20.0, 20.0, 15.0, 25.0)
    aligns = ("L", "L", "R", "R", "R", "R")
    return tuple(
        (width, text[:40], align) for width, text, align in zip(widths, texts, aligns, strict=True)
    )
