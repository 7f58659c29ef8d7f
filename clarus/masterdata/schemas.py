from __future__ import annotations

from typing import Annotated, Literal

from annotated_types import MaxLen
from pydantic import Field

from clarus.core.fields import (
    INT64_MAX,
    CountryOrSubdivisionCode,
    Integer,
    JsonObject,
    NonNegativeNumber,
    PositiveInteger,
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
    Omittable,
)
from clarus.masterdata.models import LOCATION_CODE_LENGTH

PackStrategy = Literal["disabled", "pack_by_line", "pack_by_unit"]
DispatchStrategy = Literal["manual", "auto", "load", "shipment", "auto_shipment"]
PickRule = Literal["fifo", "fefo", "sell_by"]
"""First in first out (`fifo_date`), first expiring first out (best before, `datetime2`), or
earliest sell-by (`datetime1`)."""


class AccountUpdateAttributes(ExternalReferenceAttributes, CustomFieldAttributes):
    """An account (a stock owner). `code` is unique in the tenant."""

    code: Omittable[Annotated[Text, MaxLen(20)]] = None
    name: Omittable[Annotated[Text, MaxLen(100)]] = None
    email: Text | None = None
    vat_number: Annotated[Text, MaxLen(50)] | None = None
    is_active: bool | None = None
    is_short_pickable: bool | None = None
    dispatch_strategy: DispatchStrategy | None = None
    tote_dispatch_strategy: DispatchStrategy | None = None
    pack_strategy: PackStrategy | None = None
    pick_rule: PickRule | None = None
    """Ours: which stock allocation takes first (`fifo` when left out)."""


class AccountAttributes(AccountUpdateAttributes):
    """An account (a stock owner). `code` is unique in the tenant."""

    code: Annotated[Text, MaxLen(20)]
    name: Annotated[Text, MaxLen(100)]


class OrderTypeUpdateAttributes(InputModel):
    """An order type: goods outs point at one (`order_type_id`). `code` is unique in the tenant."""

    code: Omittable[Annotated[Text, MaxLen(30)]] = None
    name: Omittable[Annotated[Text, MaxLen(50)]] = None
    duty_payable: Omittable[bool] = None


class OrderTypeAttributes(OrderTypeUpdateAttributes):
    """An order type: goods outs point at one (`order_type_id`). `code` is unique in the tenant."""

    code: Annotated[Text, MaxLen(30)]
    name: Annotated[Text, MaxLen(50)]
    duty_payable: bool


ReasonType = Literal[
    "negative_adjustment",
    "positive_adjustment",
    "hold",
    "release",
    "short_order_lines",
    "transfer",
    "stock_check",
]


class ReasonCodeUpdateAttributes(ExternalReferenceAttributes):
    """A reason code. `code` is unique in the tenant; a `generic` code serves every account."""

    code: Omittable[Annotated[Text, MaxLen(30)]] = None
    name: Omittable[Annotated[Text, MaxLen(50)]] = None
    description: Omittable[Annotated[Text, MaxLen(150)]] = None
    reason_type: Omittable[ReasonType] = None
    active: bool | None = None
    generic: bool | None = None


class ReasonCodeAttributes(ReasonCodeUpdateAttributes):
    """A reason code. `code` is unique in the tenant; a `generic` code serves every account."""

    code: Annotated[Text, MaxLen(30)]
    name: Annotated[Text, MaxLen(50)]
    description: Annotated[Text, MaxLen(150)]
    reason_type: ReasonType


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


class AddressRecordAttributes(AddressAttributes):
    """Every writable field of an address row (`PATCH /addresses/{id}`, delivery addresses, a
    supplier's address)."""

    code: Annotated[Text, MaxLen(50)] | None = None
    default_notes: Text | None = None
    is_active: bool | None = None
    external_delivery_id: Text | None = None


class AddressUpdateAttributes(AddressRecordAttributes):
    """Every writable field of an address row (`PATCH /addresses/{id}`, delivery addresses, a
    supplier's address)."""


class DeliveryAddressUpdateAttributes(AddressRecordAttributes):
    """A delivery address: `code` is unique among the tenant's delivery addresses."""

    code: Omittable[Annotated[Text, MaxLen(50)]] = None
    name: Omittable[Text] = None
    customer_id: RecordId | None = None


class DeliveryAddressAttributes(DeliveryAddressUpdateAttributes):
    """A delivery address: `code` is unique among the tenant's delivery addresses."""

    code: Annotated[Text, MaxLen(50)]
    name: Text


Days = Annotated[int, Field(ge=1, le=INT64_MAX)]


class CustomerUpdateAttributes(ExternalReferenceAttributes):
    """An end customer (a recipient of goods). `address` replaces the customer's address whole;
    null removes it."""

    code: Omittable[Annotated[Text, MaxLen(50)]] = None
    name: Omittable[Text] = None
    shelf_life_min: Days | None = None
    shelf_life_max: Days | None = None
    pick_label_id: RecordId | None = None
    address: AddressAttributes | None = None


class CustomerAttributes(CustomerUpdateAttributes):
    """An end customer (a recipient of goods). `address` replaces the customer's address whole;
    null removes it."""

    code: Annotated[Text, MaxLen(50)]
    name: Text


class SupplierUpdateAttributes(ExternalReferenceAttributes):
    """A supplier. `address` replaces the supplier's address whole; null removes it."""

    code: Omittable[Annotated[Text, MaxLen(50)]] = None
    name: Omittable[Annotated[Text, MaxLen(50)]] = None
    description: Text | None = None
    active: bool | None = None
    address: AddressRecordAttributes | None = None


class SupplierAttributes(SupplierUpdateAttributes):
    """A supplier. `address` replaces the supplier's address whole; null removes it."""

    code: Annotated[Text, MaxLen(50)]
    name: Annotated[Text, MaxLen(50)]


class CarrierUpdateAttributes(ExternalReferenceAttributes):
    """A carrier. `carrier_authentication` is stored as sent but only its keys are ever shown."""

    code: Omittable[Annotated[Text, MaxLen(50)]] = None
    name: Omittable[Annotated[Text, MaxLen(50)]] = None
    description: Text | None = None
    active: bool | None = None
    carrier_type: Text | None = None
    custom_carrier_type_id: RecordId | None = None
    shipment_reference_template: Text | None = None
    carrier_authentication: JsonObject | None = None


class CarrierAttributes(CarrierUpdateAttributes):
    """A carrier. `carrier_authentication` is stored as sent but only its keys are ever shown."""

    code: Annotated[Text, MaxLen(50)]
    name: Annotated[Text, MaxLen(50)]


class CarrierServiceUpdateAttributes(InputModel):
    """A service of a carrier; making one the default takes the flag from the carrier's others."""

    code: Omittable[Annotated[Text, MaxLen(30)]] = None
    name: Omittable[Annotated[Text, MaxLen(50)]] = None
    carrier_id: Omittable[RecordId] = None
    is_default: Omittable[bool] = None
    active: Omittable[bool] = None
    service_configuration: JsonObject | None = None
    external_preset_name: Text | None = None
    external_preset_id: Integer | None = None


class CarrierServiceAttributes(CarrierServiceUpdateAttributes):
    """A service of a carrier; making one the default takes the flag from the carrier's others."""

    code: Annotated[Text, MaxLen(30)]
    name: Annotated[Text, MaxLen(50)]
    carrier_id: RecordId
    is_default: bool
    active: bool


class WarehouseUpdateAttributes(CustomStringAttributes):
    """The attributes a warehouse update documents: fewer than create."""

    code: Omittable[Annotated[Text, MaxLen(20)]] = None
    name: Omittable[Annotated[Text, MaxLen(100)]] = None
    is_active: bool | None = None
    timezone: TimeZoneName | None = None
    site_id: RecordId | None = None


class WarehouseAttributes(
    WarehouseUpdateAttributes,
    ExternalReferenceAttributes,
    CustomIntegerAttributes,
    CustomBooleanAttributes,
):
    """A warehouse; `code` is unique in the tenant, its address goes in `relationships`.
    `site_id` (ours) puts it in a site."""

    code: Annotated[Text, MaxLen(20)]
    name: Annotated[Text, MaxLen(100)]


SiteTier = Literal["none", "lower", "upper"]


class SiteUpdateAttributes(ExternalReferenceAttributes, CustomFieldAttributes):
    """A site groups warehouses; setting `default` makes it the tenant's only default site."""

    code: Omittable[Annotated[Text, MaxLen(50)]] = None
    name: Omittable[Annotated[Text, MaxLen(50)]] = None
    default: bool | None = None
    tier: SiteTier | None = None


class SiteAttributes(SiteUpdateAttributes):
    """A site groups warehouses; setting `default` makes it the tenant's only default site."""

    code: Annotated[Text, MaxLen(50)]
    name: Annotated[Text, MaxLen(50)]


class LocationTypeUpdateAttributes(InputModel):
    code: Omittable[Annotated[Text, MaxLen(50)]] = None
    name: Omittable[Annotated[Text, MaxLen(150)]] = None
    description: Text | None = None


class LocationTypeAttributes(LocationTypeUpdateAttributes):
    code: Annotated[Text, MaxLen(50)]
    name: Annotated[Text, MaxLen(150)]


class LocationUpdateAttributes(
    CustomStringAttributes, CustomIntegerAttributes, CustomBooleanAttributes
):
    """A location; `code` is unique in its warehouse."""

    code: Omittable[Annotated[Text, MaxLen(LOCATION_CODE_LENGTH)]] = None
    warehouse_id: Omittable[RecordId] = None
    location_type_id: Omittable[RecordId] = None
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
    available_in_booking_diary: bool | None = None
    booking_slots: PositiveInteger | None = None


class LocationAttributes(LocationUpdateAttributes):
    """A location; `code` is unique in its warehouse."""

    code: Annotated[Text, MaxLen(LOCATION_CODE_LENGTH)]
    warehouse_id: RecordId
    location_type_id: RecordId


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
