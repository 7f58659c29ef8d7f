"""The custom carrier's shipping label, as PDF: one page per package, with the addresses, the
carrier and its service, the package's weight and its tracking number as text and as a Code 128
barcode. The page is the custom carrier type's `print_params` (millimetres), else 100 x 150.

Rendering is CPU work: callers run `render_shipping_label` in a thread, off the event loop."""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fpdf import FPDF

from clarus.catalog.labels import draw_code128

DEFAULT_PAGE_MM = (100.0, 150.0)
DEFAULT_MARGIN_MM = 5.0
GRAMS_PER_KILOGRAM = decimal.Decimal(1000)
ADDRESS_FIELDS = (
    "name",
    "address_1",
    "address_2",
    "address_3",
    "address_4",
    "address_5",
    "postcode",
    "country_code",
)


@dataclass(frozen=True, slots=True)
class LabelPage:
    tracking_number: str
    weight_kg: decimal.Decimal | None


@dataclass(frozen=True, slots=True)
class PageLayout:
    width: float
    height: float
    margin: float

    @classmethod
    def of(cls, print_params: Mapping[str, object] | None) -> PageLayout:
        params = print_params or {}
        width = _positive(params.get("page_width"), DEFAULT_PAGE_MM[0])
        height = _positive(params.get("page_height"), DEFAULT_PAGE_MM[1])
        if params.get("orientation") == "landscape" and height > width:
            width, height = height, width
        margin = _positive(params.get("left"), DEFAULT_MARGIN_MM)
        return cls(max(width, 50.0), max(height, 60.0), min(margin, 15.0))


@dataclass(frozen=True, slots=True)
class ShippingLabel:
    shipment_reference: str
    carrier_name: str
    service_name: str | None
    ship_to: tuple[str, ...]
    ship_from: tuple[str, ...]
    pages: tuple[LabelPage, ...]
    layout: PageLayout


def _positive(value: object, default: float) -> float:
    return float(value) if isinstance(value, int | float) and value > 0 else default


def address_lines(address: Mapping[str, object] | None) -> tuple[str, ...]:
    if address is None:
        return ()
    return tuple(str(address[name]) for name in ADDRESS_FIELDS if address.get(name))


def weight_in_kg(weight: object, unit: object) -> decimal.Decimal | None:
    if not isinstance(weight, decimal.Decimal | int | float):
        return None
    amount = decimal.Decimal(str(weight))
    return amount / GRAMS_PER_KILOGRAM if unit == "gram" else amount


def _latin1(text: str) -> str:
    """The core PDF fonts carry Latin-1 only; anything else prints as `?`."""
    return text.encode("latin-1", "replace").decode("latin-1")


def render_shipping_label(label: ShippingLabel) -> bytes:
    layout = label.layout
    pdf = FPDF(unit="mm", format=(layout.width, layout.height))
    pdf.set_auto_page_break(auto=False)
    pdf.set_margin(layout.margin)
    pdf.set_title(_latin1(f"Shipping label {label.shipment_reference}"))
    for number, page in enumerate(label.pages, start=1):
        _draw_page(pdf, label, page, f"{number} of {len(label.pages)}")
    return bytes(pdf.output())


def _draw_page(pdf: FPDF, label: ShippingLabel, page: LabelPage, counter: str) -> None:
    pdf.add_page()
    width = pdf.w - 2 * pdf.l_margin
    service = f" - {label.service_name}" if label.service_name else ""
    pdf.set_font("Helvetica", style="B", size=11)
    _line(pdf, width, 6, f"{label.carrier_name}{service}")
    pdf.set_font("Helvetica", size=8)
    _line(pdf, width, 4, f"Shipment {label.shipment_reference} - package {counter}")
    weight = "" if page.weight_kg is None else f"{page.weight_kg.normalize():f} kg"
    _line(pdf, width, 4, f"Weight {weight}" if weight else "Weight not given")
    pdf.ln(2)
    _block(pdf, width, "FROM", label.ship_from, size=7)
    pdf.ln(2)
    _block(pdf, width, "DELIVER TO", label.ship_to, size=11)
    pdf.ln(3)
    pdf.set_font("Helvetica", style="B", size=12)
    _line(pdf, width, 6, page.tracking_number)
    height = min(25.0, max(10.0, pdf.h - pdf.get_y() - pdf.b_margin - 2))
    draw_code128(
        pdf,
        page.tracking_number,
        top=pdf.get_y() + 1,
        width=width,
        left=pdf.l_margin,
        height=height,
    )


def _block(pdf: FPDF, width: float, title: str, lines: Sequence[str], *, size: int) -> None:
    pdf.set_font("Helvetica", style="B", size=7)
    _line(pdf, width, 4, title)
    pdf.set_font("Helvetica", size=size)
    for text in lines:
        _line(pdf, width, size * 0.45, text)


def _line(pdf: FPDF, width: float, height: float, text: str) -> None:
    pdf.cell(width, height, _latin1(text), new_x="LMARGIN", new_y="NEXT")
