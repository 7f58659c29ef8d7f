from __future__ import annotations

import strawberry

from clarus.api.graphql.nodes import ExternalReferencesNode, TimestampsNode


@strawberry.type(name="Address")
class AddressNode(ExternalReferencesNode, TimestampsNode):
    id: strawberry.ID
    address_type: str
    customer_id: strawberry.ID | None
    code: str | None
    name: str | None
    address_1: str | None
    address_2: str | None
    address_3: str | None
    address_4: str | None
    address_5: str | None
    postcode: str | None
    country_code: str | None
    email_address: str | None
    phone_number: str | None
    default_notes: str | None
    is_active: bool
    external_delivery_id: str | None
