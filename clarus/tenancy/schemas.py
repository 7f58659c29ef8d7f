"""What a tenant may change of its own subdomain record (`PATCH /api/subdomains/{id}`)."""

from __future__ import annotations

from typing import Annotated

from annotated_types import MaxLen
from pydantic import Field

from clarus.core.fields import (
    CountryOrSubdivisionCode,
    Email,
    Integer,
    LongText,
    RecordId,
    Text,
    TimeZoneName,
)
from clarus.core.schemas import InputModel, Omittable
from clarus.tenancy.defaults import (
    DispatchStrategy,
    GoodsOutType,
    Language,
    PackStrategy,
    PickType,
    ReceiptType,
)

AddressLine = Annotated[Text, MaxLen(80)]


class SubdomainAddressAttributes(InputModel):
    """The company address, nested in the attributes. Town/city goes in `address_3`."""

    name: Text | None = None
    address_1: AddressLine | None = None
    address_2: AddressLine | None = None
    address_3: AddressLine | None = None
    address_4: AddressLine | None = None
    address_5: AddressLine | None = None
    postcode: Annotated[Text, MaxLen(10)] | None = None
    country_code: CountryOrSubdivisionCode | None = None


class SubdomainUpdateAttributes(InputModel):
    """Every attribute of a subdomain. The `default_*` ones (ours) are the tenant's defaults,
    applied when a payload leaves the field out."""

    company_name: Omittable[Text] = None
    language: Omittable[Language] = None
    is_free_trial: Omittable[bool] = None
    is_active: Omittable[bool] = None
    is_live: Omittable[bool] = None
    is_internal: Omittable[bool] = None
    subscription_rf_implementations_active_limit: Omittable[Annotated[Integer, Field(ge=0)]] = None
    email_address: Email | None = None
    main_phone: Annotated[Text, MaxLen(50)] | None = None
    website: Text | None = None
    vat_registration_number: Annotated[Text, MaxLen(50)] | None = None
    company_registration_number: Annotated[Text, MaxLen(50)] | None = None
    global_location_number: Annotated[Text, MaxLen(50)] | None = None
    invoice_header_notes: LongText | None = None
    invoice_footer_notes: LongText | None = None
    address: SubdomainAddressAttributes | None = None
    currency_id: RecordId | None = None
    tax_rate_id: RecordId | None = None
    import_timezone: TimeZoneName | None = None
    load_drop_manifest_template_id: RecordId | None = None
    default_pick_type: Omittable[PickType] = None
    default_pack_strategy: Omittable[PackStrategy] = None
    default_dispatch_strategy: Omittable[DispatchStrategy] = None
    default_receipt_type: Omittable[ReceiptType] = None
    default_order_type_id: RecordId | None = None
    default_goods_out_type: Omittable[GoodsOutType] = None
    default_role_id: Omittable[RecordId] = None
    """The role a user made without one gets (every tenant has one: `Default` at first)."""


class SubdomainSettings(SubdomainUpdateAttributes):
    """Every attribute of a subdomain. The `default_*` ones (ours) are the tenant's defaults,
    applied when a payload leaves the field out."""

    company_name: Text
    language: Language
    is_free_trial: bool
    is_active: bool
    is_live: bool
    is_internal: bool
    subscription_rf_implementations_active_limit: Annotated[Integer, Field(ge=0)]
    default_pick_type: PickType
    default_pack_strategy: PackStrategy
    default_dispatch_strategy: DispatchStrategy
    default_receipt_type: ReceiptType
    default_goods_out_type: GoodsOutType
    default_role_id: RecordId
