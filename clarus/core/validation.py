"""Parse a JSON body into a model, turning every pydantic error into a pointed `Problem`.

Bodies are validated with `model_validate_json(strict=True)`: types are not coerced ("1" is not an
integer, 1 is not a string) yet ISO 8601 strings still parse as datetimes.
"""

from __future__ import annotations

import re
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from clarus.core.errors import ClarusError, ErrorKind, Problem

ModelT = TypeVar("ModelT", bound=BaseModel)
_QUOTED = re.compile(r"'([^']*)'")

_KIND_BY_PYDANTIC_TYPE: dict[str, ErrorKind] = {
    "missing": ErrorKind.MISSING_FIELD,
    "extra_forbidden": ErrorKind.UNKNOWN_ATTRIBUTE,
    "blank": ErrorKind.BLANK_VALUE,
    "literal_error": ErrorKind.INVALID_ENUM_VALUE,
    "enum": ErrorKind.INVALID_ENUM_VALUE,
    "string_too_long": ErrorKind.TOO_LONG,
    "too_long": ErrorKind.TOO_LONG,
    "timezone_aware": ErrorKind.TIMEZONE_REQUIRED,
    "datetime_parsing": ErrorKind.INVALID_DATETIME,
    "datetime_from_date_parsing": ErrorKind.INVALID_DATETIME,
    "datetime_object_invalid": ErrorKind.INVALID_DATETIME,
    "datetime_out_of_range": ErrorKind.OUT_OF_RANGE,
    "country_code": ErrorKind.INVALID_COUNTRY_CODE,
    "greater_than": ErrorKind.OUT_OF_RANGE,
    "greater_than_equal": ErrorKind.OUT_OF_RANGE,
    "less_than": ErrorKind.OUT_OF_RANGE,
    "less_than_equal": ErrorKind.OUT_OF_RANGE,
    "int_parsing_size": ErrorKind.OUT_OF_RANGE,
    "too_short": ErrorKind.OUT_OF_RANGE,
    "string_too_short": ErrorKind.INVALID_VALUE,
    "decimal_max_digits": ErrorKind.OUT_OF_RANGE,
    "decimal_max_places": ErrorKind.OUT_OF_RANGE,
    "decimal_whole_digits": ErrorKind.OUT_OF_RANGE,
    "currency_code": ErrorKind.UNKNOWN_CURRENCY,
}
_TYPE_ERRORS = {
    "string_type",
    "int_type",
    "bool_type",
    "float_type",
    "dict_type",
    "list_type",
    "model_type",
    "model_attributes_type",
    "int_from_float",
    "datetime_type",
    "none_required",
    "decimal_type",
    "is_instance_of",
    "union_tag_invalid",
    "union_tag_not_found",
    "literal_type",
    "int_parsing",
    "bool_parsing",
    "float_parsing",
    "string_unicode",
}


def _without_union_tags(location: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """Drop the tag pydantic inserts after a list index for a tagged union (`.../2/ADD/...`)."""
    kept: list[int | str] = []
    for index, part in enumerate(location):
        if (
            isinstance(part, str)
            and index > 0
            and isinstance(location[index - 1], int)
            and (part.isupper())
        ):
            continue
        kept.append(part)
    return tuple(kept)


def json_pointer(location: tuple[int | str, ...]) -> str:
    """RFC 6901 pointer of a pydantic error location."""
    parts = (str(part).replace("~", "~0").replace("/", "~1") for part in location)
    return "/" + "/".join(parts)


def problem_from_pydantic(error: ErrorDetails, *, prefix: tuple[int | str, ...] = ()) -> Problem:
    error_type = error["type"]
    kind = _KIND_BY_PYDANTIC_TYPE.get(error_type)
    if kind is None:
        kind = ErrorKind.INVALID_TYPE if error_type in _TYPE_ERRORS else ErrorKind.INVALID_VALUE
    location = prefix + _without_union_tags(tuple(error["loc"]))
    context: dict[str, object] = {}
    pydantic_context = error.get("ctx") or {}
    if error_type in ("union_tag_invalid", "union_tag_not_found"):
        location += (str(pydantic_context.get("discriminator", "'type'")).strip("'"),)
        if error_type == "union_tag_invalid":
            kind = ErrorKind.INVALID_ENUM_VALUE
            context["allowed"] = _QUOTED.findall(str(pydantic_context.get("expected_tags", "")))
        else:
            kind = ErrorKind.MISSING_FIELD
    if "expected" in pydantic_context and kind is ErrorKind.INVALID_ENUM_VALUE:
        context["allowed"] = _QUOTED.findall(str(pydantic_context["expected"]))
    if "max_length" in pydantic_context:
        context["max_length"] = pydantic_context["max_length"]
    field = next((str(p) for p in reversed(location) if isinstance(p, str)), None)
    if kind is ErrorKind.MISSING_FIELD:
        details = "This field is required."
    elif kind is ErrorKind.INVALID_TYPE and error.get("input", ...) is None:
        details = "must not be null"
    else:
        details = error["msg"]
    if field:
        details = f"{field}: {details}"
    return Problem(kind, details, json_pointer(location), context)


def problems_from_validation_error(
    error: ValidationError, *, prefix: tuple[int | str, ...] = ()
) -> list[Problem]:
    problems: list[Problem] = []
    for detail in error.errors(include_url=False):
        if detail["type"] == "json_invalid":
            return [Problem(ErrorKind.MALFORMED_JSON, f"Malformed JSON: {detail['msg']}")]
        problems.append(problem_from_pydantic(detail, prefix=prefix))
    return problems


def parse_json_body(model: type[ModelT], body: bytes) -> ModelT:
    """Validate a raw JSON body into `model` or raise a `ClarusError` listing every problem."""
    if not body.strip():
        raise ClarusError.of(ErrorKind.MALFORMED_JSON, "The request body is empty.")
    try:
        return model.model_validate_json(body, strict=True)
    except ValidationError as error:
        raise ClarusError(*problems_from_validation_error(error)) from None
