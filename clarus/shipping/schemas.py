"""Shipping input models."""

from __future__ import annotations

from typing import Annotated, Literal

from annotated_types import MaxLen
from pydantic import Discriminator

from clarus.catalog.schemas import LengthUnit, Measure, WeightUnit
from clarus.core.changes import AddLine, DestroyLine, UpdateLine
from clarus.core.fields import NonNegativeNumber, RecordId, Text, Timestamp
from clarus.core.schemas import (
    CustomStringAttributes,
    ExternalReferenceAttributes,
    InputModel,
    Omittable,
)

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
