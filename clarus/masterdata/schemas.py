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
