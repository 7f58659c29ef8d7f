from __future__ import annotations

from typing import Annotated, Literal

from annotated_types import MaxLen

from clarus.core.fields import CountryOrSubdivisionCode, Text
from clarus.core.schemas import (
    CustomFieldAttributes,
    ExternalReferenceAttributes,
    InputModel,
    partial,
)
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


class OrderTypeAttributes(InputModel):
    """An order type: goods outs point at one (`order_type_id`). `code` is unique in the tenant."""

    code: Annotated[Text, MaxLen(30)]
    name: Annotated[Text, MaxLen(50)]
    duty_payable: bool


OrderTypeUpdateAttributes: type[InputModel] = partial(
    OrderTypeAttributes, "OrderTypeUpdateAttributes"
)

ReasonType = Literal[
    "negative_adjustment",
    "positive_adjustment",
    "hold",
    "release",
    "short_order_lines",
    "transfer",
    "stock_check",
]


class ReasonCodeAttributes(ExternalReferenceAttributes):
    """A reason code. `code` is unique in the tenant; a `generic` code serves every account."""

    code: Annotated[Text, MaxLen(30)]
    name: Annotated[Text, MaxLen(50)]
    description: Annotated[Text, MaxLen(150)]
    reason_type: ReasonType
    active: bool | None = None
    generic: bool | None = None


ReasonCodeUpdateAttributes: type[InputModel] = partial(
    ReasonCodeAttributes, "ReasonCodeUpdateAttributes"
)


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
