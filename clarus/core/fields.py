"""Field types shared by every resource's input models.

They encode the contract's validation conventions once: blank strings are refused (optional fields
are omitted, not sent empty), datetimes must carry a timezone and are kept in UTC, country codes are
ISO 3166-1 alpha-2, integers fit the database.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
import zoneinfo
from functools import cache
from typing import Annotated, Any, TypeVar

import pycountry
from annotated_types import Gt
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

_T = TypeVar("_T")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
DEFAULT_TEXT_MAX_LENGTH = 255
DECIMAL_PRECISION = 15
"""Significant digits of a stored decimal: at most 15, so a float renders it exactly in JSON."""
DECIMAL_SCALE = 4


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "must not be blank; omit the field instead")
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "must not contain NUL characters")
    return value


def _json_number(value: object) -> object:
    """JSON numbers only (even in strict mode pydantic takes the string `"1.5"` for a decimal),
    read through their shortest text so that `1.05` is `Decimal("1.05")`."""
    if isinstance(value, str | bool):
        raise PydanticCustomError("decimal_type", "Input should be a number")
    if isinstance(value, float | int):
        return decimal.Decimal(repr(value))
    return value


def _without_nul(value: _T) -> _T:
    """JSON stored as sent (PostgreSQL's jsonb refuses a NUL anywhere in it)."""
    if isinstance(value, str) and "\x00" in value:
        raise PydanticCustomError("nul_character", "must not contain NUL characters")
    if isinstance(value, dict):
        for key, item in value.items():
            _without_nul(key)
            _without_nul(item)
    elif isinstance(value, list):
        for item in value:
            _without_nul(item)
    return value


def _to_utc(value: dt.datetime) -> dt.datetime:
    """The same moment in UTC; refused when UTC has no such date (`9999-12-31T23:59:59-14:00`)."""
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise PydanticCustomError(
            "datetime_out_of_range", "the datetime in UTC is outside the years 1 to 9999"
        ) from None


def _iso_country_or_subdivision(value: str) -> str:
    """`GB`, or a country with an ISO 3166-2 subdivision: `CA-ON`."""
    code = value.upper()
    country, _, subdivision = code.partition("-")
    if not subdivision:
        return _iso_country(country)
    if pycountry.subdivisions.get(code=code) is None:  # type: ignore[no-untyped-call]
        raise PydanticCustomError(
            "country_code", "'{value}' is not an ISO 3166-2 subdivision code", {"value": value}
        )
    return code


def _iso_country(value: str) -> str:
    code = value.upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise PydanticCustomError(
            "country_code", "'{value}' is not an ISO 3166-1 alpha-2 country code", {"value": value}
        )
    return code


def has_email_shape(value: str) -> bool:
    """The shape of an address (one @, a dotted domain, no spaces); deliverability is not ours
    to judge."""
    return _EMAIL.fullmatch(value) is not None


def _email(value: str) -> str:
    if not has_email_shape(value):
        raise PydanticCustomError("email", "'{value}' is not an email address", {"value": value})
    return value


@cache
def _time_zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _time_zone(value: str) -> str:
    if value not in _time_zone_names():
        raise PydanticCustomError(
            "time_zone", "'{value}' is not an IANA time zone name", {"value": value}
        )
    return value


Text = Annotated[
    str, StringConstraints(max_length=DEFAULT_TEXT_MAX_LENGTH), AfterValidator(_not_blank)
]
"""A non-blank string; narrow its length with `Annotated[Text, MaxLen(n)]`."""
Integer = Annotated[int, Field(ge=INT64_MIN, le=INT64_MAX)]
RecordId = Annotated[int, Field(ge=1, le=INT64_MAX)]
NonNegativeInteger = Annotated[int, Field(ge=0, le=INT64_MAX)]
PositiveInteger = Annotated[int, Field(ge=1, le=INT64_MAX)]
DecimalNumber = Annotated[
    decimal.Decimal,
    Field(max_digits=DECIMAL_PRECISION, decimal_places=DECIMAL_SCALE),
    BeforeValidator(_json_number),
]
"""A quantity or measure with fractions (`10.5`) that fits the database's `NUMERIC(15, 4)`: at
most 11 digits before the point and 4 after; narrow it: `Annotated[DecimalNumber, Ge(0)]`.

The digit limits come before the JSON-number check so that pydantic-core applies them itself
(after a validator it would run them in Python, at twice the cost of the whole field), and so
that the whole-digit limit is checked too."""
Quantity = Annotated[DecimalNumber, Gt(0)]
Timestamp = Annotated[AwareDatetime, AfterValidator(_to_utc)]
CountryCode = Annotated[
    str, StringConstraints(min_length=2, max_length=2), AfterValidator(_iso_country)
]
CountryOrSubdivisionCode = Annotated[
    str, StringConstraints(min_length=2, max_length=6), AfterValidator(_iso_country_or_subdivision)
]
NonNegativeNumber = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Email = Annotated[Text, StringConstraints(max_length=254), AfterValidator(_email)]
TimeZoneName = Annotated[Text, StringConstraints(max_length=64), AfterValidator(_time_zone)]
"""An IANA time zone name: `Europe/London`."""
LongText = Annotated[str, StringConstraints(max_length=10_000), AfterValidator(_not_blank)]
"""A non-blank free text for a `Text` column (notes, descriptions)."""
JsonObject = Annotated[dict[str, Any], AfterValidator(_without_nul)]
"""A free-form JSON object (provider-specific settings), kept as sent."""
