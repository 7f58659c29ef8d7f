"""Base input models: unknown attributes are refused; `Omittable` marks the fields an update may
leave out but not null.

A resource's update model is declared as a class with the create model's fields, every one of them
omittable; the create model is usually its subclass and makes the fields it requires required
again (`tests/core/test_update_models.py` checks every pair)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from types import EllipsisType
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler
from pydantic_core import CoreSchema

from clarus.core.fields import Integer, Text, Timestamp


class InputModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def changes(self) -> dict[str, Any]:
        """The attributes the caller sent, explicit nulls included."""
        return self.model_dump(exclude_unset=True)


@dataclass(frozen=True, slots=True)
class _RefusesNull:
    """Validates `T | None` as `T` alone: an explicit null is refused with the very error (and
    the JSON schema is the very schema) of a field typed `T`, while the field's default (None)
    stands for "not sent"."""

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        members = [member for member in get_args(source) if member is not type(None)]
        return handler.generate_schema(reduce(or_, members))


_T = TypeVar("_T")

Omittable = Annotated[_T | None, _RefusesNull()]
"""A field an update may leave out (its default, None) but may not set to null. Where the create
model has `code: Code`, the update model has `code: Omittable[Code] = None`; its value is None
exactly when it was not sent."""


def tag_field(value: str) -> tuple[object, EllipsisType]:
    """A required `create_model` field whose only allowed value is `value`: a JSON:API `type` or
    a discriminator tag."""
    return (Literal[value], ...)


class ExternalReferenceAttributes(InputModel):
    external_system_reference1: Text | None = None
    external_system_reference2: Text | None = None
    external_system_reference3: Text | None = None


class CustomStringAttributes(InputModel):
    string1: Text | None = None
    string2: Text | None = None
    string3: Text | None = None
    string4: Text | None = None
    string5: Text | None = None


class CustomIntegerAttributes(InputModel):
    integer1: Integer | None = None
    integer2: Integer | None = None
    integer3: Integer | None = None
    integer4: Integer | None = None
    integer5: Integer | None = None


class CustomDatetimeAttributes(InputModel):
    datetime1: Timestamp | None = None
    datetime2: Timestamp | None = None
    datetime3: Timestamp | None = None
    datetime4: Timestamp | None = None
    datetime5: Timestamp | None = None


class CustomBooleanAttributes(InputModel):
    boolean1: bool | None = None
    boolean2: bool | None = None
    boolean3: bool | None = None
    boolean4: bool | None = None
    boolean5: bool | None = None


class CustomFieldAttributes(
    CustomBooleanAttributes,
    CustomDatetimeAttributes,
    CustomIntegerAttributes,
    CustomStringAttributes,
):
    """Every custom slot; resources that document only some compose the per-type sets."""


__all__ = [
    "CustomBooleanAttributes",
    "CustomDatetimeAttributes",
    "CustomFieldAttributes",
    "CustomIntegerAttributes",
    "CustomStringAttributes",
    "ExternalReferenceAttributes",
    "Field",
    "InputModel",
    "Omittable",
]
