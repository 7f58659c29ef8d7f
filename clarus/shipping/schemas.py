"""Input models of the shipping resources."""

from __future__ import annotations

from typing import Annotated

from annotated_types import MaxLen
from pydantic import AliasChoices, Field

from clarus.core.fields import NonNegativeInteger, RecordId, Text, Timestamp
from clarus.core.schemas import (
    CustomFieldAttributes,
    ExternalReferenceAttributes,
    InputModel,
    Omittable,
)


class TrailerTypeUpdateAttributes(InputModel):
    """A kind of trailer. `storage_unit_capacity` (ours): how many storage units one trailer of
    the type takes; null for no limit."""

    code: Omittable[Annotated[Text, MaxLen(50)]] = None
    name: Omittable[Annotated[Text, MaxLen(50)]] = None
    description: Text | None = None
    storage_unit_capacity: NonNegativeInteger | None = None


class TrailerTypeAttributes(TrailerTypeUpdateAttributes):
    """A kind of trailer. `storage_unit_capacity` (ours): how many storage units one trailer of
    the type takes; null for no limit."""

    code: Annotated[Text, MaxLen(50)]
    name: Annotated[Text, MaxLen(50)]


class TrailerUpdateAttributes(InputModel):
    """A trailer (or vehicle) a load leaves on."""

    code: Omittable[Annotated[Text, MaxLen(50)]] = None
    name: Omittable[Annotated[Text, MaxLen(50)]] = None
    trailer_type_id: Omittable[RecordId] = None
    active: bool | None = None
    description: Text | None = None


class TrailerAttributes(TrailerUpdateAttributes):
    """A trailer (or vehicle) a load leaves on."""

    code: Annotated[Text, MaxLen(50)]
    name: Annotated[Text, MaxLen(50)]
    trailer_type_id: RecordId
    active: bool | None


class LoadUpdateAttributes(ExternalReferenceAttributes, CustomFieldAttributes):
    """A load: what leaves `warehouse_id` on one trailer with one carrier."""

    reference: Annotated[Text, MaxLen(255)] | None = None
    warehouse_id: Omittable[RecordId] = None
    carrier_id: RecordId | None = None
    carrier_service_id: RecordId | None = None
    trailer_id: RecordId | None = None
    expected_date_of_dispatch: Timestamp | None = Field(
        default=None,
        validation_alias=AliasChoices("expected_date_of_dispatch", "expected_dispatch_date"),
    )
    """The contract's examples call it `expected_dispatch_date`: both names are taken."""


class LoadAttributes(LoadUpdateAttributes):
    """A load: what leaves `warehouse_id` on one trailer with one carrier. The contract's
    schema requires nothing; its text requires `warehouse_id`, which the service enforces."""

    warehouse_id: RecordId | None = None


class LoadDropUpdateAttributes(InputModel):
    """A stop of a load: a delivery address, or an order, with the storage units expected."""

    delivery_address_id: RecordId | None = None
    goods_out_id: RecordId | None = None
    booking_date: Timestamp | None = None
    booking_reference: Annotated[Text, MaxLen(255)] | None = None
    expected_storage_unit_quantity: NonNegativeInteger | None = None


class LoadDropAttributes(LoadDropUpdateAttributes):
    """A stop of a load; a drop stays on the load it was created on."""

    load_id: RecordId


class LoadDropSequence(InputModel):
    """The stop a drop moves to; the load's other drops shift to keep 1..n."""

    sequence: NonNegativeInteger
