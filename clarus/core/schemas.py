"""Base input models: unknown attributes are refused, and an update model is derived from a create
model so the two never drift apart."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.fields import FieldInfo

from clarus.core.fields import Integer, Text, Timestamp


class InputModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def changes(self) -> dict[str, Any]:
        """The attributes the caller sent, explicit nulls included."""
        return self.model_dump(exclude_unset=True)


def partial(model: type[InputModel], name: str) -> type[InputModel]:
    """The update counterpart of `model`: every field optional, but a field that may not be null on
    create may not be nulled on update either."""
    fields: dict[str, Any] = {}
    for field_name, info in model.model_fields.items():
        copied = FieldInfo.merge_field_infos(info, default=None)
        fields[field_name] = (info.annotation, copied)
    return create_model(name, __base__=InputModel, __doc__=model.__doc__, **fields)


def tag_field(value: str) -> Any:
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
    "partial",
]
