from __future__ import annotations

from typing import Annotated, Literal

from annotated_types import MaxLen
from pydantic import Field

from clarus.core.fields import (
    INT64_MAX,
    CountryOrSubdivisionCode,
    Integer,
    NonNegativeNumber,
    RecordId,
    Text,
    TimeZoneName,
)
from clarus.core.schemas import (
    CustomBooleanAttributes,
    CustomFieldAttributes,
    CustomIntegerAttributes,
    CustomStringAttributes,
    ExternalReferenceAttributes,
    InputModel,
    partial,
)
from clarus.masterdata.models import LOCATION_CODE_LENGTH
from clarus.tenancy.defaults import DispatchStrategy, PackStrategy


class AccountAttributes(ExternalReferenceAttributes, CustomFieldAttributes):
    """An account (a stock owner). `code` is unique in the tenant."""

    code: Annotated[Text, MaxLen(20)]
    name: Annotated[Text, MaxLen(100)]
    email: Text | None = None
    vat_number: Annotated[Text, MaxLen(50)] | None = None
    is_active: bool | None = None
    is_short_pickable: bool | None = None
    dispatch_strategy: DispatchStrategy | None = None
    tote_dispatch_strategy: DispatchStrategy | None = None
    pack_strategy: PackStrategy | None = None


AccountUpdateAttributes: type[InputModel] = partial(AccountAttributes, "AccountUpdateAttributes")


class AddressAttributes(ExternalReferenceAttributes):
    """An address sent inline (`relationships.address.data.attributes`). Town/city goes in
    `address_3`; `code` is set only through delivery addresses."""

    name: Text | None = None
    address_1: Annotated[Text, MaxLen(80)] | None = None
    address_2: Annotated[Text, MaxLen(80)] | None = None
    address_3: Annotated[Text, MaxLen(80)] | None = None
    address_4: Annotated[Text, MaxLen(80)] | None = None
    address_5: Annotated[Text, MaxLen(80)] | None = None
    postcode: Annotated[Text, MaxLen(10)] | None = None
    country_code: CountryOrSubdivisionCode | None = None
    email_address: Annotated[Text, MaxLen(254)] | None = None
    phone_number: Annotated[Text, MaxLen(50)] | None = None


class AddressData(InputModel):
    type: Literal["addresses"]
    attributes: AddressAttributes


class AddressLink(InputModel):
    data: AddressData


class AddressRelationships(InputModel):
    """`relationships` of a record that carries an address."""

    address: AddressLink | None = None


class WarehouseUpdatableAttributes(CustomStringAttributes):
    """The attributes a warehouse update documents: fewer than create."""

    code: Annotated[Text, MaxLen(20)]
    name: Annotated[Text, MaxLen(100)]
    is_active: bool | None = None
    timezone: TimeZoneName | None = None
    site_id: RecordId | None = None


class WarehouseAttributes(
    WarehouseUpdatableAttributes,
    ExternalReferenceAttributes,
    CustomIntegerAttributes,
    CustomBooleanAttributes,
):
    """A warehouse; `code` is unique in the tenant, its address goes in `relationships`.
    `site_id` (ours) puts it in a site."""


WarehouseUpdateAttributes: type[InputModel] = partial(
    WarehouseUpdatableAttributes, "WarehouseUpdateAttributes"
)


SiteTier = Literal["none", "lower", "upper"]


class SiteAttributes(ExternalReferenceAttributes, CustomFieldAttributes):
    """A site groups warehouses; setting `default` makes it the tenant's only default site."""

    code: Annotated[Text, MaxLen(50)]
    name: Annotated[Text, MaxLen(50)]
    default: bool | None = None
    tier: SiteTier | None = None


SiteUpdateAttributes: type[InputModel] = partial(SiteAttributes, "SiteUpdateAttributes")


class LocationTypeAttributes(InputModel):
    code: Annotated[Text, MaxLen(50)]
    name: Annotated[Text, MaxLen(150)]
    description: Text | None = None


LocationTypeUpdateAttributes: type[InputModel] = partial(
    LocationTypeAttributes, "LocationTypeUpdateAttributes"
)


class LocationAttributes(CustomStringAttributes, CustomIntegerAttributes, CustomBooleanAttributes):
    """A location; `code` is unique in its warehouse."""

    code: Annotated[Text, MaxLen(LOCATION_CODE_LENGTH)]
    warehouse_id: RecordId
    location_type_id: RecordId
    description: Text | None = None
    barcode: Text | None = None
    aisle: Text | None = None
    bay: Text | None = None
    level: Text | None = None
    position: Text | None = None
    pick_sequence: Integer | None = None
    putaway_sequence: Integer | None = None
    max_weight: NonNegativeNumber | None = None
    max_cube: NonNegativeNumber | None = None
    is_pickface: bool | None = None
    is_active: bool | None = None


LocationUpdateAttributes: type[InputModel] = partial(LocationAttributes, "LocationUpdateAttributes")


class LocationRangeAttributes(InputModel):
    """Generates the cartesian product of the ranges given (`range_start_*`/`range_end_*` pairs
    of numbers or of letters); each location's code is `prefix` then its components."""

    warehouse_id: RecordId
    location_type_id: RecordId
    prefix: Text | None = None
    description: Annotated[Text, MaxLen(150)] | None = None
    range_start_zone: Text | None = None
    range_end_zone: Text | None = None
    range_start_aisle: Text | None = None
    range_end_aisle: Text | None = None
    range_start_column: Text | None = None
    range_end_column: Text | None = None
    range_start_row: Text | None = None
    range_end_row: Text | None = None
    range_start_slot: Text | None = None
    range_end_slot: Text | None = None
    active: bool | None = None
    is_pickface: bool | None = None
    max_storage_units: Annotated[int, Field(ge=0, le=INT64_MAX)] | None = None


class AccountWarehouseAttributes(InputModel):
    """Links an account to a warehouse; each pair once. An update sends both too."""

    account_id: RecordId
    warehouse_id: RecordId
