"""GS1 element strings, as GS1-128 (and GS1 DataMatrix) barcodes carry them, read into the
fields a warehouse uses, and written back.

biip knows every application identifier (AI): its length, fixed or variable, its pattern, the
dates (a day `00` is the month's last day; two-digit years in GS1's window) and decimals of the
measures (`310n`: net kilograms with n decimals), and the GTIN check digit. What it does not
say is where in the scan reading failed, so the scan is walked here one element at a time and a
failure names the character it starts at. A scan may start with a symbology identifier (`]C1`
for GS1-128), separate variable-length elements with FNC1 (the group separator `\\x1d`, which
scanners send for it), or be the human-readable form `(01)09501101530003(10)ABC`.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from biip import ParseError
from biip.gs1_element_strings import GS1ElementString

GROUP_SEPARATOR = "\x1d"
SYMBOLOGY_IDENTIFIERS = ("]C1", "]e0", "]d2", "]Q3", "]J1")
"""GS1-128, GS1 DataBar, GS1 DataMatrix, GS1 QR Code, GS1 DotCode."""
NET_WEIGHT_AI = re.compile(r"^310([0-5])$")
DATE_FIELDS = {
    "11": "production_date",
    "13": "packaging_date",
    "15": "best_before",
    "16": "sell_by",
    "17": "expiry_date",
}
HRI_ELEMENT = re.compile(r"\((\d{2,4})\)([^(]*)")


class MalformedScan(Exception):
    """The scan is not a GS1 element string: `position` is the character (from 0) of the scan
    where reading failed."""

    def __init__(self, position: int, reason: str) -> None:
        super().__init__(f"{reason} (at character {position})")
        self.position = position
        self.reason = reason


@dataclass(frozen=True)
class Element:
    """One element string of a scan: its AI, what the AI means, its data as scanned."""

    ai: str
    title: str
    value: str
    position: int


@dataclass(frozen=True)
class Gs1Fields:
    """What a GS1 scan says that a warehouse uses: the trade item (01) or the items inside it
    (02), batch (10), serial (21), dates, a count (37, else 30) and the net weight (310n)."""

    gtin: str | None = None
    content_gtin: str | None = None
    batch: str | None = None
    serial: str | None = None
    production_date: dt.date | None = None
    packaging_date: dt.date | None = None
    best_before: dt.date | None = None
    sell_by: dt.date | None = None
    expiry_date: dt.date | None = None
    quantity: int | None = None
    net_weight_kg: decimal.Decimal | None = None


@dataclass(frozen=True)
class Gs1Reading:
    fields: Gs1Fields
    elements: tuple[Element, ...] = field(default=())


def is_gs1(scan: str) -> bool:
    """Whether a scan looks like GS1 element strings without being told: a GS1 symbology
    identifier, an FNC1 separator, the human-readable form, or a GTIN (01) followed by more."""
    if scan.startswith(SYMBOLOGY_IDENTIFIERS) or GROUP_SEPARATOR in scan:
        return True
    if HRI_ELEMENT.match(scan):
        return True
    return len(scan) > 16 and scan[:2] in ("01", "02") and scan[2:16].isdigit()


def parse_gs1(scan: str) -> Gs1Reading:
    """Read a scan into its elements and fields; `MalformedScan` names where it fails."""
    offset = 0
    if scan.startswith(SYMBOLOGY_IDENTIFIERS):
        offset = 3
    if scan[offset:].startswith("("):
        elements = list(_hri_elements(scan, offset))
    else:
        elements = list(_element_strings(scan, offset))
    if not elements:
        raise MalformedScan(offset, "The scan has no GS1 element strings")
    return Gs1Reading(
        fields=_fields_of(elements), elements=tuple(element for element, _ in elements)
    )


def _element_strings(scan: str, start: int) -> Iterator[tuple[Element, GS1ElementString]]:
    position = start
    while position < len(scan):
        if scan[position] == GROUP_SEPARATOR:
            position += 1
            continue
        try:
            parsed = GS1ElementString.extract(scan[position:])
        except ParseError as error:
            raise MalformedScan(position, _reason(error)) from None
        yield _element(parsed, position), parsed
        position += len(parsed)
        is_cut_short = parsed.ai.separator_required and position < len(scan)
        if is_cut_short and scan[position] != GROUP_SEPARATOR:
            raise MalformedScan(position, f"AI ({parsed.ai.ai}) is longer than it may be")


def _hri_elements(scan: str, start: int) -> Iterator[tuple[Element, GS1ElementString]]:
    position = start
    while position < len(scan):
        match = HRI_ELEMENT.match(scan, position)
        if match is None:
            raise MalformedScan(position, "Expected an AI in brackets, such as (01)")
        ai, value = match.groups()
        try:
            parsed = GS1ElementString.parse(ai + value)
        except ParseError as error:
            raise _hri_problem(ai, value, match.start(2), position, error) from None
        yield _element(parsed, position), parsed
        position = match.end()


def _hri_problem(
    ai: str, value: str, value_start: int, position: int, error: ParseError
) -> MalformedScan:
    """Where a bracketed element fails: after its data when the data is whole but more
    follows (a missing bracket), else at its bracket."""
    try:
        whole = GS1ElementString.extract(ai + value)
    except ParseError:
        return MalformedScan(position, _reason(error))
    end = value_start + len(whole) - len(ai)
    return MalformedScan(end, f"Expected the next AI in brackets after AI ({ai})")


def _reason(error: ParseError) -> str:
    """biip's message without the scan it quotes (the scan may be long)."""
    message = str(error)
    if message.startswith("Failed to get GS1 Application Identifier"):
        return "No GS1 application identifier starts here"
    if message.startswith("Failed to match") and " with " in message:
        return "Does not match " + message.split(" with ", 1)[1].rstrip(".")
    return message


def _element(parsed: GS1ElementString, position: int) -> Element:
    return Element(
        ai=parsed.ai.ai, title=parsed.ai.data_title, value=parsed.value, position=position
    )


def _fields_of(elements: list[tuple[Element, GS1ElementString]]) -> Gs1Fields:
    found: dict[str, tuple[Element, GS1ElementString]] = {}
    for element, parsed in elements:
        ai = element.ai
        if found.setdefault(ai, (element, parsed))[0].value != element.value:
            raise MalformedScan(element.position, f"AI ({ai}) is repeated with another value")
        if ai in ("01", "02") and parsed.gtin_error is not None:
            raise MalformedScan(element.position + len(ai), parsed.gtin_error)

    def text(ai: str) -> str | None:
        return found[ai][0].value if ai in found else None

    def date(ai: str) -> dt.date | None:
        return found[ai][1].date if ai in found else None

    count = text("37") or text("30")
    weights = [parsed.decimal for ai, (_, parsed) in found.items() if NET_WEIGHT_AI.match(ai)]
    return Gs1Fields(
        gtin=text("01"),
        content_gtin=text("02"),
        batch=text("10"),
        serial=text("21"),
        production_date=date("11"),
        packaging_date=date("13"),
        best_before=date("15"),
        sell_by=date("16"),
        expiry_date=date("17"),
        quantity=None if count is None else int(count),
        net_weight_kg=weights[0] if weights else None,
    )


def encode_gs1(fields: Gs1Fields, *, symbology_identifier: bool = True) -> str:
    """The element string of `fields` as a GS1-128 scanner sends it: `]C1`, fixed-length
    elements first, FNC1 (`\\x1d`) after each variable-length one but the last."""
    fixed, variable = _encoded_elements(fields)
    parts = [ai + value for ai, value in fixed]
    variable_parts = [ai + value for ai, value in variable]
    body = "".join(parts) + GROUP_SEPARATOR.join(variable_parts)
    return ("]C1" if symbology_identifier else "") + body


def human_readable(fields: Gs1Fields) -> str:
    """`fields` in the human-readable form printed under a barcode: `(01)...(10)...`."""
    fixed, variable = _encoded_elements(fields)
    return "".join(f"({ai}){value}" for ai, value in [*fixed, *variable])


def _encoded_elements(
    fields: Gs1Fields,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    fixed: list[tuple[str, str]] = []
    variable: list[tuple[str, str]] = []
    for ai, name in (("01", "gtin"), ("02", "content_gtin")):
        value = getattr(fields, name)
        if value is not None:
            fixed.append((ai, value))
    for ai, name in DATE_FIELDS.items():
        date = getattr(fields, name)
        if date is not None:
            fixed.append((ai, date.strftime("%y%m%d")))
    if fields.net_weight_kg is not None:
        fixed.append(_net_weight(fields.net_weight_kg))
    for ai, name in (("10", "batch"), ("21", "serial")):
        value = getattr(fields, name)
        if value is not None:
            variable.append((ai, value))
    if fields.quantity is not None:
        variable.append(("37", str(fields.quantity)))
    return fixed, variable


def _net_weight(weight: decimal.Decimal) -> tuple[str, str]:
    """AI 310n: six digits, n of them decimals (as few as the weight needs)."""
    exponent = weight.normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    digits = int(weight.scaleb(decimals))
    return f"310{decimals}", f"{digits:06d}"
