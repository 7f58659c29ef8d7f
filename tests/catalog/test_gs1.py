"""GS1 element strings read and written (`clarus.catalog.gs1`): what is written reads back the
same, and every malformed scan names where it fails."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clarus.catalog.gs1 import (
    Gs1Fields,
    MalformedScan,
    encode_gs1,
    human_readable,
    is_gs1,
    parse_gs1,
)

GS1_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-./_"
"""Characters of the GS1 set a batch or serial may hold (brackets left out: the human-readable
form could not tell them from the next AI)."""


def with_check_digit(payload: str) -> str:
    """A GTIN-14: 13 digits and the GS1 mod-10 check digit."""
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(payload))
    return payload + str((10 - total % 10) % 10)


gtins = st.text("0123456789", min_size=13, max_size=13).map(with_check_digit)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2049, 12, 31))
"""Two-digit years read back in GS1's window around today."""
texts = st.text(GS1_CHARACTERS, min_size=1, max_size=20)
weights = st.decimals(
    min_value=decimal.Decimal("0.001"), max_value=decimal.Decimal("999.999"), places=3
)
fields = st.builds(
    Gs1Fields,
    gtin=st.none() | gtins,
    content_gtin=st.none() | gtins,
    batch=st.none() | texts,
    serial=st.none() | texts,
    production_date=st.none() | dates,
    packaging_date=st.none() | dates,
    best_before=st.none() | dates,
    sell_by=st.none() | dates,
    expiry_date=st.none() | dates,
    quantity=st.none() | st.integers(min_value=0, max_value=99_999_999),
    net_weight_kg=st.none() | weights,
).filter(lambda written: written != Gs1Fields())


@given(fields)
def test_what_is_written_reads_back_the_same(written: Gs1Fields) -> None:
    assert parse_gs1(encode_gs1(written)).fields == written
    assert parse_gs1(encode_gs1(written, symbology_identifier=False)).fields == written
    assert parse_gs1(human_readable(written)).fields == written


@given(fields)
def test_a_written_scan_is_recognised_as_gs1(written: Gs1Fields) -> None:
    assert is_gs1(encode_gs1(written))
    assert is_gs1(human_readable(written))


def test_elements_say_where_they_start() -> None:
    reading = parse_gs1("]C10105901234123457\x1d10AB\x1d3103001500")
    assert [(e.ai, e.value, e.position) for e in reading.elements] == [
        ("01", "05901234123457", 3),
        ("10", "AB", 20),
        ("3103", "001500", 25),
    ]
    assert reading.fields.net_weight_kg == decimal.Decimal("1.5")


def test_a_day_00_is_the_last_of_the_month() -> None:
    assert parse_gs1("15280200").fields.best_before == dt.date(2028, 2, 29)


@pytest.mark.parametrize(
    ("scan", "position"),
    [
        ("0105901234123458", 2),
        ("11261301", 0),
        ("99", 0),
        ("(10)A(", 5),
        ("10ABC\x1dx", 6),
        ("", 0),
    ],
)
def test_a_malformed_scan_names_where_it_fails(scan: str, position: int) -> None:
    with pytest.raises(MalformedScan) as raised:
        parse_gs1(scan)
    assert raised.value.position == position
