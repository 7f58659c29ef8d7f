"""Pick labels of storage units, as PDF: one page per copy, showing the storage unit's code as text
and as a Code 128 barcode, and the task the label is printed for.

fpdf2 lays out the page. It draws only Code 39 and Interleaved 2 of 5 barcodes (Code 39 has no
lower case and few symbols), so python-barcode encodes the Code 128 symbol and its bars are drawn
here as rectangles: vector bars stay sharp at any printer's resolution.

Printing to a cloud printer (`cloud_print`) needs a printer resource and a print integration,
neither of which exists yet: it is refused (`cloud_print_unavailable`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypedDict

from barcode.codex import Code128
from fpdf import FPDF
from sqlalchemy import RowMapping, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import storage_units
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import fetch_record
from clarus.core.schemas import InputModel

LABEL_SIZE_MM = (100.0, 60.0)
MARGIN_MM = 5.0
BARCODE_HEIGHT_MM = 20.0
QUIET_ZONE_MODULES = 10
"""Blank modules each side of the bars, so that a scanner finds where they start."""
WIDEST_MODULE_MM = 0.5


class LabelledUnit(TypedDict):
    """What a storage unit's label is made of."""

    id: int
    reference: str | None
    barcode: str | None


def labelled_unit(row: RowMapping) -> LabelledUnit:
    return LabelledUnit(id=row["id"], reference=row["reference"], barcode=row["barcode"])


@dataclass(frozen=True, slots=True)
class PickLabel:
    code: str
    """The storage unit's reference (its licence plate), else its barcode, else its id."""
    task_id: int | None = None


async def storage_unit_pick_label(
    session: AsyncSession, *, tenant_id: int, storage_unit_id: int, attributes: InputModel
) -> bytes:
    """The PDF of `quantity` copies (default 1) of a storage unit's pick label."""
    storage_unit = await fetch_record(
        session,
        storage_units,
        tenant_id=tenant_id,
        record_id=storage_unit_id,
        resource="storage_unit",
        shape=labelled_unit,
    )
    sent = attributes.model_dump(exclude_none=True)
    ensure_no_cloud_print(sent)
    label = PickLabel(code=_label_code(storage_unit), task_id=sent.get("task_id"))
    return render_pick_labels([label], copies=sent.get("quantity", 1))


def ensure_no_cloud_print(sent: Mapping[str, object]) -> None:
    if sent.get("cloud_print"):
        raise ClarusError.of(
            ErrorKind.CLOUD_PRINT_UNAVAILABLE,
            "cloud_print: no printer integration exists yet; omit cloud_print (or send false)"
            " to receive the label as a PDF.",
            path="/cloud_print",
        )


async def storage_unit_labels(
    session: AsyncSession, *, tenant_id: int, storage_unit_ids: Sequence[int]
) -> list[PickLabel]:
    """One label per storage unit of the tenant, in the order of `storage_unit_ids`."""
    statement = select(storage_units).where(
        storage_units.c.tenant_id == tenant_id, storage_units.c.id.in_(storage_unit_ids)
    )
    found = {row["id"]: labelled_unit(row) for row in (await session.execute(statement)).mappings()}
    return [PickLabel(code=_label_code(found[unit_id])) for unit_id in storage_unit_ids]


def _label_code(storage_unit: LabelledUnit) -> str:
    """What the label shows and encodes: a Code 128 barcode carries printable ASCII only."""
    for attribute, code in (
        ("reference", storage_unit["reference"]),
        ("barcode", storage_unit["barcode"]),
    ):
        if code is None:
            continue
        if not (code.isascii() and code.isprintable()):
            raise ClarusError.of(
                ErrorKind.INVALID_VALUE,
                f"The storage unit's {attribute} {code!r} has characters a Code 128 barcode"
                " cannot carry (printable ASCII only); change it to print a label.",
                storage_unit_id=storage_unit["id"],
                attribute=attribute,
            )
        return code
    return str(storage_unit["id"])


def render_pick_labels(labels: Sequence[PickLabel], *, copies: int = 1) -> bytes:
    """One page per copy of each label, in order."""
    pdf = FPDF(unit="mm", format=LABEL_SIZE_MM)
    pdf.set_auto_page_break(auto=False)
    pdf.set_margin(MARGIN_MM)
    pdf.set_title(f"Storage unit labels {', '.join(label.code for label in labels)}")
    for label in labels:
        for _ in range(copies):
            _draw_label(pdf, label)
    return bytes(pdf.output())


def _draw_label(pdf: FPDF, label: PickLabel) -> None:
    pdf.add_page()
    width = pdf.w - 2 * MARGIN_MM
    pdf.set_font("Helvetica", size=9)
    pdf.cell(width, 5, "STORAGE UNIT", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", style="B", size=_fitting_size(pdf, label.code, width, largest=26))
    pdf.cell(width, 11, label.code, new_x="LMARGIN", new_y="NEXT")
    draw_code128(pdf, label.code, top=pdf.get_y() + 2, width=width)
    if label.task_id is not None:
        pdf.set_y(pdf.get_y() + BARCODE_HEIGHT_MM + 4)
        pdf.set_font("Helvetica", style="B", size=12)
        pdf.cell(width, 6, f"TASK {label.task_id}")


def _fitting_size(pdf: FPDF, text: str, width: float, *, largest: int) -> float:
    """The largest font size up to `largest` points at which `text` fits in `width`."""
    pdf.set_font_size(largest)
    text_width = pdf.get_string_width(text)
    if text_width <= width:
        return largest
    return max(4.0, largest * width / text_width)


def draw_code128(
    pdf: FPDF,
    code: str,
    *,
    top: float,
    width: float,
    left: float = MARGIN_MM,
    height: float = BARCODE_HEIGHT_MM,
) -> None:
    """Each run of dark modules as one filled rectangle, centred in `width` from `left`
    (printable ASCII only: what a Code 128 symbol carries)."""
    modules = "".join(Code128(code).build())
    module = min(WIDEST_MODULE_MM, width / (len(modules) + 2 * QUIET_ZONE_MODULES))
    left = left + (width - len(modules) * module) / 2
    pdf.set_fill_color(0)
    start: int | None = None
    for index, bit in enumerate(modules + "0"):
        if bit == "1" and start is None:
            start = index
        elif bit == "0" and start is not None:
            pdf.rect(left + start * module, top, (index - start) * module, height, "F")
            start = None
