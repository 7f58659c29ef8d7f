"""Input models of the shipping resources."""

from __future__ import annotations

from typing import Annotated, Literal

from annotated_types import MaxLen
from pydantic import AliasChoices, Discriminator, Field

from clarus.catalog.schemas import LengthUnit, Measure, WeightUnit
from clarus.core.changes import AddLine, DestroyLine, UpdateLine
from clarus.core.fields import (
    CountryOrSubdivisionCode,
    LongText,
    NonNegativeInteger,
    NonNegativeNumber,
    RecordId,
    Text,
    Timestamp,
)
from clarus.core.schemas import (
    CustomFieldAttributes,
    CustomStringAttributes,
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


class LoadTaskTarget(InputModel):
    """The bare body of `POST /api/load_tasks/{id}/assign_storage_unit` and
    `/load_storage_unit`: the load and drop the task's storage unit goes on (left out: the
    ones the task has)."""

    load_id: RecordId | None = None
    load_drop_id: RecordId | None = None


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
    (inbound), `goods_out_id` and `load_id` (outbound) link the booking to what it brings or
    takes (ours)."""

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
    load_id: RecordId | None = None


class BookingAttributes(BookingUpdateAttributes):
    """A dock booking. The dock (`location_id`) must be `available_in_booking_diary`; at no
    moment may more active bookings than its `booking_slots` overlap. `goods_in_receipt_id`
    (inbound), `goods_out_id` and `load_id` (outbound) link the booking to what it brings or
    takes (ours)."""

    account_id: RecordId
    location_id: RecordId
    consignment_reference: Text
    direction: BookingDirection
    hazardous: bool
    start_time: Timestamp
    end_time: Timestamp


PageOrientation = Literal["portrait", "landscape"]


class PrintParams(InputModel):
    """A label's page, in millimetres."""

    orientation: PageOrientation | None = None
    page_width: NonNegativeNumber | None = None
    page_height: NonNegativeNumber | None = None
    top: NonNegativeNumber | None = None
    bottom: NonNegativeNumber | None = None
    left: NonNegativeNumber | None = None
    right: NonNegativeNumber | None = None
    header_height: NonNegativeNumber | None = None
    header_spacing: NonNegativeNumber | None = None
    footer_height: NonNegativeNumber | None = None
    footer_spacing: NonNegativeNumber | None = None


class CustomCarrierTypeUpdateAttributes(InputModel):
    """A carrier Clarus plays itself. `code` is unique in the tenant. `tracking_number_pattern`
    (ours) makes its tracking numbers: text with `{carrier_code}` and `{sequence}` (or
    `{sequence:010d}`); left out, `{carrier_code}{sequence:010d}`."""

    name: Annotated[Text, MaxLen(255)] | None = None
    code: Annotated[Text, MaxLen(50)] | None = None
    print_params: PrintParams | None = None
    tracking_number_pattern: Annotated[Text, MaxLen(100)] | None = None


class CustomCarrierTypeAttributes(CustomCarrierTypeUpdateAttributes):
    """A carrier Clarus plays itself. `code` is unique in the tenant. `tracking_number_pattern`
    (ours) makes its tracking numbers: text with `{carrier_code}` and `{sequence}` (or
    `{sequence:010d}`); left out, `{carrier_code}{sequence:010d}`."""


class PackageDimensions(InputModel):
    unit_of_measure: LengthUnit
    length: Measure | None = None
    width: Measure | None = None
    height: Measure | None = None
    weight: Measure | None = None
    weight_unit_of_measure: WeightUnit | None = None
    value: Measure | None = None


class PackageUpdateAttributes(InputModel):
    """A package of a shipment. `dimensions` replaces the package's dimensions whole."""

    shipment_id: RecordId | None = None
    storage_unit_type_id: Omittable[RecordId] = None
    storage_unit_id: RecordId | None = None
    tracking_number: Annotated[Text, MaxLen(255)] | None = None
    reference: Annotated[Text, MaxLen(255)] | None = None
    dimensions: PackageDimensions | None = None


class PackageAttributes(PackageUpdateAttributes):
    """A package of a shipment. `dimensions` replaces the package's dimensions whole."""

    storage_unit_type_id: RecordId


class ShipmentPackageAttributes(InputModel):
    """A package as a shipment's `packages_changes` take it: weight in kg, sizes in cm."""

    reference: Annotated[Text, MaxLen(255)] | None = None
    storage_unit_type_id: RecordId | None = None
    weight: Measure | None = None
    length: Measure | None = None
    width: Measure | None = None
    height: Measure | None = None


class ShipmentPackageAdd(AddLine[ShipmentPackageAttributes]):
    pass


class ShipmentPackageUpdate(UpdateLine[ShipmentPackageAttributes]):
    pass


class ShipmentPackageDestroy(DestroyLine):
    pass


ShipmentPackageChange = Annotated[
    ShipmentPackageAdd | ShipmentPackageUpdate | ShipmentPackageDestroy, Discriminator("type")
]


class ShipmentUpdateAttributes(ExternalReferenceAttributes, CustomStringAttributes):
    """A shipment of a goods out being packed or dispatched. Without a carrier it takes the
    order's; a carrier service alone brings its carrier. The delivery address is the order's
    unless `relationships.address` gives one."""

    goods_out_id: Omittable[RecordId] = None
    carrier_id: RecordId | None = None
    carrier_service_id: RecordId | None = None
    reference: Annotated[Text, MaxLen(255)] | None = None
    name: Annotated[Text, MaxLen(255)] | None = None
    tracking_number: Annotated[Text, MaxLen(255)] | None = None
    delivery_notes: Text | None = None
    collection_datetime: Timestamp | None = None
    packages_changes: list[ShipmentPackageChange] | None = None
    packages: list[ShipmentPackageAttributes] | None = None
    """The shipment's packages, replacing those it has (applied before `packages_changes`)."""


class ShipmentAttributes(ShipmentUpdateAttributes):
    """A shipment of a goods out being packed or dispatched. Without a carrier it takes the
    order's; a carrier service alone brings its carrier. The delivery address is the order's
    unless `relationships.address` gives one."""

    goods_out_id: RecordId
