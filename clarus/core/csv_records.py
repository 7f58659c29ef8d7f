"""CSV as exports write it, whichever transport exports: RFC 4180 records, and text cells a
spreadsheet would run as a formula made inert."""

from __future__ import annotations

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is read as a formula by spreadsheets."""


def inert_text(text: str) -> str:
    """`text`, prefixed with `'` when a spreadsheet would run it as a formula (numbers are not
    text: write them as they are)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_lines(rows: list[list[str]]) -> str:
    """`rows` as RFC 4180 records: CRLF ends, fields quoted when they hold a comma, a quote
    or a line break."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()
