"""Currencies and rounding. Codes are ISO 4217 (pycountry); a currency's minor unit (its
decimal places: 2 for GBP, 0 for JPY, 3 for BHD) is babel's copy of the ISO table. Amounts are
`Decimal`; a line's total is rounded half-up to its currency's minor unit."""

from __future__ import annotations

import decimal

import pycountry
from babel.numbers import get_currency_precision
from pydantic_core import PydanticCustomError


def currency_code(value: str) -> str:
    """An ISO 4217 alphabetic code, in lowercase as the contract writes it (`gbp`)."""
    code = value.upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise PydanticCustomError(
            "currency_code", "'{value}' is not an ISO 4217 currency code", {"value": value}
        )
    return code.lower()


def minor_unit(code: str) -> int:
    """The decimal places of the currency `code` (ISO 4217)."""
    return int(get_currency_precision(code.upper()))


def rounded(amount: decimal.Decimal, places: int) -> decimal.Decimal:
    """`amount` rounded half-up to `places` decimal places (a currency's minor unit)."""
    return amount.quantize(decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP)
