"""Input models of the shipping resources."""

from __future__ import annotations

from typing import Annotated

from annotated_types import MaxLen
from pydantic import AliasChoices, Field

from clarus.core.fields import (
    CountryOrSubdivisionCode,
    LongText,
    NonNegativeInteger,
    RecordId,
    Text,
    Timestamp,
)
from clarus.core.schemas import (
    CustomFieldAttributes,
    ExternalReferenceAttributes,
    InputModel,
    Omittable,
)
from clarus.masterdata.schemas import AddressRecordAttributes
from clarus.shipping.statuses import (
    BookingDirection,
    BookingStatus,
    CrossdockStatus,
    InboundMethod,
    IntakeType,
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


AddressLine = Annotated[Text, MaxLen(80)]


class CollectionAddressUpdateAttributes(AddressRecordAttributes):
    """A supplier's collection address; `code` is unique in the tenant, town/city in
    `address_3`."""

    code: Omittable[Annotated[Text, MaxLen(50)]] = None
    name: Omittable[Text] = None
    supplier_id: RecordId | None = None


class CollectionAddressAttributes(CollectionAddressUpdateAttributes):
    """A supplier's collection address; `code` is unique in the tenant, town/city in
    `address_3`."""

    code: Annotated[Text, MaxLen(50)]
    name: Text


class CrossdockAddressAttributes(InputModel):
    """A crossdock's own collection address, sent inline; town/city goes in `address_3`."""

    name: Text | None = None
    address_1: AddressLine | None = None
    address_3: AddressLine | None = None
    postcode: Annotated[Text, MaxLen(10)] | None = None
    country_code: CountryOrSubdivisionCode | None = None


class CrossdockUpdateAttributes(CustomFieldAttributes):
    """An external crossdock; `reference` is unique in the tenant and the status only moves
    forward (pending, confirmed, received, completed)."""

    account_id: Omittable[RecordId] = None
    reference: Omittable[Text] = None
    expected_date_of_receipt: Omittable[Timestamp] = None
    status: CrossdockStatus | None = None
    inbound_method: InboundMethod | None = None
    notes: LongText | None = None
    warehouse_id: RecordId | None = None
    carrier_id: RecordId | None = None
    supplier_id: RecordId | None = None
    collection_address_id: RecordId | None = None
    goods_in_location_id: RecordId | None = None
    address: CrossdockAddressAttributes | None = None


class CrossdockAttributes(CrossdockUpdateAttributes):
    """An external crossdock; `reference` is unique in the tenant and the status only moves
    forward (pending, confirmed, received, completed)."""

    account_id: RecordId
    reference: Text
    expected_date_of_receipt: Timestamp


class BookingUpdateAttributes(InputModel):
    """A dock booking. The dock (`location_id`) must be `available_in_booking_diary`; at no
    moment may more active bookings than its `booking_slots` overlap. `goods_in_receipt_id`
    (inbound) and `goods_out_id` (outbound) link the booking to what it brings or takes (ours)."""

    account_id: Omittable[RecordId] = None
    location_id: Omittable[RecordId] = None
    consignment_reference: Omittable[Text] = None
    direction: Omittable[BookingDirection] = None
    hazardous: Omittable[bool] = None
    start_time: Omittable[Timestamp] = None
    end_time: Omittable[Timestamp] = None
    status: Omittable[BookingStatus] = None
    account_reference: Text | None = None
    booking_reference: Text | None = None
    container_number: Text | None = None
    haulier: Text | None = None
    intake_type: IntakeType | None = None
    notes: LongText | None = None
    storage_unit_quantity: NonNegativeInteger | None = None
    goods_in_receipt_id: RecordId | None = None
    goods_out_id: RecordId | None = None


class BookingAttributes(BookingUpdateAttributes):
    """A dock booking. The dock (`location_id`) must be `available_in_booking_diary`; at no
    moment may more active bookings than its `booking_slots` overlap. `goods_in_receipt_id`
    (inbound) and `goods_out_id` (outbound) link the booking to what it brings or takes (ours)."""

    account_id: RecordId
    location_id: RecordId
    consignment_reference: Text
    direction: BookingDirection
    hazardous: bool
    start_time: Timestamp
    end_time: Timestamp
