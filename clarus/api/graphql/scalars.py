"""`ISO8601DateTime`: the datetime scalar, always with a timezone, returned in UTC with a Z."""

from __future__ import annotations

import datetime as dt
from typing import NewType

import strawberry
from pydantic import TypeAdapter, ValidationError
from strawberry.types.scalar import ScalarDefinition

from clarus.api.graphql.errors import InvalidInputValue
from clarus.core.fields import Timestamp

ISO8601DateTime = NewType("ISO8601DateTime", dt.datetime)
_timestamp: TypeAdapter[dt.datetime] = TypeAdapter(Timestamp)


def _serialize(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _parse(value: object) -> dt.datetime:
    try:
        return _timestamp.validate_python(value, strict=False)
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            if problem["type"] == "datetime_out_of_range":
                raise InvalidInputValue(problem["msg"]) from None
        raise InvalidInputValue("expected an ISO 8601 datetime with a timezone") from None


SCALARS: dict[object, ScalarDefinition] = {
    ISO8601DateTime: strawberry.scalar(
        name="ISO8601DateTime",
        serialize=_serialize,
        parse_value=_parse,
        description="An ISO 8601 datetime with a timezone; returned in UTC with a Z.",
    )
}
