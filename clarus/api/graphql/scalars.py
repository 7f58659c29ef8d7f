"""`ISO8601DateTime`: the datetime scalar, always with a timezone, returned in UTC with a Z."""

from __future__ import annotations

import datetime as dt
from typing import NewType

import strawberry
from pydantic import AwareDatetime, TypeAdapter, ValidationError
from strawberry.types.scalar import ScalarDefinition

ISO8601DateTime = NewType("ISO8601DateTime", dt.datetime)
_aware = TypeAdapter(AwareDatetime)


def _serialize(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _parse(value: object) -> dt.datetime:
    try:
        return _aware.validate_python(value, strict=False).astimezone(dt.UTC)
    except ValidationError:
        raise ValueError("expected an ISO 8601 datetime with a timezone") from None


SCALARS: dict[object, ScalarDefinition] = {
    ISO8601DateTime: strawberry.scalar(
        name="ISO8601DateTime",
        serialize=_serialize,
        parse_value=_parse,
        description="An ISO 8601 datetime with a timezone; returned in UTC with a Z.",
    )
}
