from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.support import ApiClientFactory, Caller, events_of, row_counts


def body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "subdomains", "attributes": attributes}}


async def patch_own(caller: Caller, **attributes: Any) -> Any:
    return await caller.patch(f"/api/subdomains/{caller.tenant_id}", body(**attributes))


async def test_the_documented_example_updates_the_own_subdomain(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    response = await patch_own(
        caller,
        company_name="Acme Logistics (UK) Ltd",
        import_timezone="Europe/London",
        is_live=True,
    )
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["id"], data["type"]) == (str(caller.tenant_id), "subdomains")
    attributes = data["attributes"]
    assert attributes == {
        "subdomain": caller.subdomain,
        "company_name": "Acme Logistics (UK) Ltd",
        "language": "en-gb",
        "is_active": True,
        "is_live": True,
        "is_free_trial": False,
        "is_internal": False,
        "subscription_rf_implementations_active_limit": 2,
        "import_timezone": "Europe/London",
        "email_address": None,
        "main_phone": None,
        "website": None,
        "vat_registration_number": None,
        "company_registration_number": None,
        "global_location_number": None,
        "invoice_header_notes": None,
        "invoice_footer_notes": None,
        "address": None,
        "currency_id": None,
        "tax_rate_id": None,
        "load_drop_manifest_template_id": None,
        "default_pick_type": "standard",
        "default_pack_strategy": "disabled",
        "default_dispatch_strategy": "auto",
        "default_receipt_type": "standard",
        "default_order_type_id": None,
        "default_goods_out_type": "sales_order",
        "default_role_id": attributes["default_role_id"],
        "created_at": attributes["created_at"],
        "updated_at": attributes["updated_at"],
    }
    [event] = await events_of(db, caller.tenant_id)
    assert (event["resource_name"], event["event"], event["record_id"]) == (
        "subdomain",
        "updated",
        caller.tenant_id,
    )


async def test_only_the_callers_own_subdomain_can_be_changed(clients: ApiClientFactory) -> None:
    caller, other = await clients.new(), await clients.new()
    response = await caller.patch(f"/api/subdomains/{other.tenant_id}", body(company_name="Mine"))
    assert response.status_code == 404
    assert response.json()["errors"][0]["symbol"] == "record_not_found"
    missing = await caller.patch("/api/subdomains/987654321", body(company_name="Mine"))
    assert missing.json() == response.json() | {
        "errors": [
            response.json()["errors"][0]
            | {
                "details": "subdomain 987654321 does not exist.",
                "context": {"resource": "subdomain", "id": 987654321},
            }
        ]
    }
    untouched = await patch_own(other)
    assert untouched.json()["data"]["attributes"]["company_name"] == f"Tenant {other.subdomain}"


async def test_defaults_change_and_are_echoed(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    order_type = await caller.post(
        "/api/order_types",
        {
            "data": {
                "type": "order_types",
                "attributes": {"code": "B2B", "name": "Trade", "duty_payable": False},
            }
        },
    )
    order_type_id = order_type.json()["id"]
    role = await caller.post("/api/roles", {"data": {"type": "roles", "attributes": {"name": "R"}}})
    role_id = role.json()["data"]["id"]
    response = await patch_own(
        caller,
        default_role_id=role_id,
        default_pick_type="tote",
        default_pack_strategy="pack_by_unit",
        default_dispatch_strategy="manual",
        default_receipt_type="standard",
        default_order_type_id=order_type_id,
        default_goods_out_type="work_order",
    )
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert {name: value for name, value in attributes.items() if name.startswith("default_")} == {
        "default_pick_type": "tote",
        "default_pack_strategy": "pack_by_unit",
        "default_dispatch_strategy": "manual",
        "default_receipt_type": "standard",
        "default_order_type_id": order_type_id,
        "default_goods_out_type": "work_order",
        "default_role_id": role_id,
    }
    later = await patch_own(caller, website="https://acme.example")
    assert later.json()["data"]["attributes"]["default_pick_type"] == "tote"


async def test_the_company_address_is_nested_and_replaced_whole(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    first = await patch_own(
        caller,
        address={
            "name": "HQ",
            "address_1": "1 High Street",
            "address_3": "London",
            "country_code": "gb",
        },
    )
    assert first.status_code == 200, first.text
    assert first.json()["data"]["attributes"]["address"] == {
        "name": "HQ",
        "address_1": "1 High Street",
        "address_2": None,
        "address_3": "London",
        "address_4": None,
        "address_5": None,
        "postcode": None,
        "country_code": "GB",
    }
    counts = await row_counts(db, caller.tenant_id)
    second = await patch_own(caller, address={"address_1": "2 Quay", "postcode": "M1 1AA"})
    address = second.json()["data"]["attributes"]["address"]
    assert (address["name"], address["address_1"], address["postcode"]) == (
        None,
        "2 Quay",
        "M1 1AA",
    )
    assert (await row_counts(db, caller.tenant_id))["addresses"] == counts["addresses"] == 1
    removed = await patch_own(caller, address=None)
    assert removed.json()["data"]["attributes"]["address"] is None
    assert (await row_counts(db, caller.tenant_id))["addresses"] == 0


async def test_operator_only_attributes_may_only_be_sent_unchanged(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    unchanged = await patch_own(
        caller, is_active=True, is_internal=False, subscription_rf_implementations_active_limit=2
    )
    assert unchanged.status_code == 200
    before = await row_counts(db, caller.tenant_id)
    response = await patch_own(
        caller,
        is_active=False,
        is_internal=True,
        subscription_rf_implementations_active_limit=10,
        company_name="Changed",
    )
    assert response.status_code == 422
    assert [(e["symbol"], e["context"]["pointer"]) for e in response.json()["errors"]] == [
        ("invalid_value", "/data/attributes/is_active"),
        ("invalid_value", "/data/attributes/is_internal"),
        ("invalid_value", "/data/attributes/subscription_rf_implementations_active_limit"),
    ]
    assert await row_counts(db, caller.tenant_id) == before
    still = await patch_own(caller)
    assert still.json()["data"]["attributes"]["company_name"] == f"Tenant {caller.subdomain}"


async def test_references_must_exist_in_the_tenant(clients: ApiClientFactory, db: Database) -> None:
    caller, other = await clients.new(), await clients.new()
    foreign = await other.post(
        "/api/order_types",
        {
            "data": {
                "type": "order_types",
                "attributes": {"code": "X", "name": "X", "duty_payable": True},
            }
        },
    )
    before = await row_counts(db, caller.tenant_id)
    response = await patch_own(
        caller, default_order_type_id=foreign.json()["id"], currency_id=1, tax_rate_id=None
    )
    assert response.status_code == 422
    assert [(e["symbol"], e["context"]["pointer"]) for e in response.json()["errors"]] == [
        ("reference_not_found", "/data/attributes/currency_id"),
        ("reference_not_found", "/data/attributes/default_order_type_id"),
    ]
    assert await row_counts(db, caller.tenant_id) == before


async def test_subdomains_need_the_admin_scope(clients: ApiClientFactory) -> None:
    caller = await clients.new(scopes=("read", "write"))
    response = await patch_own(caller, company_name="x")
    assert response.status_code == 403


INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    ("blank string", {"company_name": ""}, "blank_value", "company_name"),
    ("null for a required attribute", {"company_name": None}, "invalid_type", "company_name"),
    ("unknown attribute", {"subdomain": "renamed"}, "unknown_attribute", "subdomain"),
    ("bad language", {"language": "fr"}, "invalid_enum_value", "language"),
    ("bad pick type", {"default_pick_type": "batch"}, "invalid_enum_value", "default_pick_type"),
    (
        "bad receipt type",
        {"default_receipt_type": "return"},
        "invalid_enum_value",
        "default_receipt_type",
    ),
    (
        "bad goods out type",
        {"default_goods_out_type": "rma"},
        "invalid_enum_value",
        "default_goods_out_type",
    ),
    ("bad time zone", {"import_timezone": "Europe/Atlantis"}, "invalid_value", "import_timezone"),
    ("bad email", {"email_address": "nobody"}, "invalid_value", "email_address"),
    ("over-long phone", {"main_phone": "1" * 51}, "too_long", "main_phone"),
    (
        "bad country code",
        {"address": {"country_code": "XX"}},
        "invalid_country_code",
        "address/country_code",
    ),
    (
        "over-long address line",
        {"address": {"address_1": "a" * 81}},
        "too_long",
        "address/address_1",
    ),
    (
        "unknown address field",
        {"address": {"email_address": "a@b.co"}},
        "unknown_attribute",
        "address/email_address",
    ),
    (
        "negative limit",
        {"subscription_rf_implementations_active_limit": -1},
        "out_of_range",
        "subscription_rf_implementations_active_limit",
    ),
]


@pytest.mark.parametrize(
    ("case", "attributes", "symbol", "field"), INVALID, ids=[case[0] for case in INVALID]
)
async def test_invalid_input_is_refused_and_writes_nothing(
    clients: ApiClientFactory,
    db: Database,
    case: str,
    attributes: dict[str, Any],
    symbol: str,
    field: str,
) -> None:
    caller = await clients.new()
    before = await row_counts(db, caller.tenant_id)
    response = await patch_own(caller, **attributes)
    assert response.status_code == 422, response.text
    assert [(e["symbol"], e["context"]["pointer"]) for e in response.json()["errors"]] == [
        (symbol, f"/data/attributes/{field}")
    ]
    assert await row_counts(db, caller.tenant_id) == before
