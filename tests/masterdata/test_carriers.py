from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from clarus.core.db import Database
from clarus.masterdata.tables import carriers
from tests.support import (
    ApiClientFactory,
    Caller,
    documented_attributes,
    events_of,
    refused,
    resource_body,
    row_counts,
)

CREDENTIALS = {"api_key": "sk_live_123", "account": {"number": "998877"}}


def body(**attributes: Any) -> dict[str, Any]:
    return resource_body("carriers", **attributes)


async def create_carrier(caller: Caller, **attributes: Any) -> dict[str, Any]:
    created = await caller.create(
        "carriers", **{"code": "DHL", "name": "DHL Express", **attributes}
    )
    data: dict[str, Any] = created["data"]
    return data


async def test_create_returns_the_documented_document(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    custom_type = await caller.create("custom_carrier_types", name="DHL labels", code="DHLL")
    custom_type_id = int(custom_type["data"]["id"])
    response = await caller.post(
        "/api/carriers",
        body(
            code="DHL",
            name="DHL Express",
            description="DHL international courier",
            active=True,
            carrier_type="custom",
            custom_carrier_type_id=custom_type_id,
            shipment_reference_template="{{ reference }}",
        ),
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["type"] == "carriers"
    assert isinstance(data["id"], str)
    attributes = data["attributes"]
    assert attributes["description"] == "DHL international courier"
    assert attributes["carrier_type"] == "custom"
    assert attributes["custom_carrier_type_id"] == custom_type_id
    assert attributes["shipment_reference_template"] == "{{ reference }}"
    assert attributes["carrier_externally_registered"] is False
    assert attributes["carrier_authentication"] is None


async def test_response_carries_every_documented_attribute(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    carrier = await create_carrier(caller)
    assert documented_attributes("/api/carriers") <= set(carrier["attributes"])


async def test_credentials_are_stored_but_only_their_keys_are_shown(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    carrier = await create_carrier(caller, carrier_authentication=CREDENTIALS)
    shown = {"api_key": "[FILTERED]", "account": "[FILTERED]"}
    assert carrier["attributes"]["carrier_authentication"] == shown
    updated = await caller.patch(f"/api/carriers/{carrier['id']}", body(name="DHL UK"))
    assert updated.json()["data"]["attributes"]["carrier_authentication"] == shown
    await caller.delete(f"/api/carriers/{carrier['id']}")
    payloads = [event["payload"] for event in await events_of(db, caller.tenant_id)]
    assert [payload["carrier_authentication"] for payload in payloads] == [shown] * 3


async def test_credentials_are_kept_as_sent(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    carrier = await create_carrier(caller, carrier_authentication=CREDENTIALS)
    async with db.read_session() as session:
        stored = await session.execute(
            select(carriers.c.carrier_authentication).where(carriers.c.id == int(carrier["id"]))
        )
        assert stored.scalar_one() == CREDENTIALS


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    carrier = await create_carrier(caller, description="Courier", carrier_type="custom")
    response = await caller.patch(
        f"/api/carriers/{carrier['id']}", body(name="DHL Express UK", active=False)
    )
    attributes = response.json()["data"]["attributes"]
    assert (attributes["name"], attributes["active"]) == ("DHL Express UK", False)
    assert (attributes["description"], attributes["carrier_type"]) == ("Courier", "custom")
    reset = await caller.patch(f"/api/carriers/{carrier['id']}", body(active=None))
    assert reset.json()["data"]["attributes"]["active"] is True


async def test_deleting_a_carrier_deletes_its_services(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    carrier = await create_carrier(caller)
    service = await caller.create(
        "carrier_services",
        code="EXP",
        name="Express",
        carrier_id=int(carrier["id"]),
        is_default=True,
        active=True,
    )
    assert (await caller.delete(f"/api/carriers/{carrier['id']}")).status_code == 204
    assert (await caller.delete(f"/api/carriers/{carrier['id']}")).status_code == 404
    counts = await row_counts(db, caller.tenant_id)
    assert (counts["carriers"], counts["carrier_services"]) == (0, 0)
    events = [
        (e["resource_name"], e["event"], e["record_id"])
        for e in await events_of(db, caller.tenant_id)
    ]
    assert events[-2:] == [
        ("carrier_service", "deleted", service["id"]),
        ("carrier", "deleted", int(carrier["id"])),
    ]


async def test_another_tenants_carrier_is_404(clients: ApiClientFactory, db: Database) -> None:
    owner, other = await clients.new(), await clients.new()
    carrier = await create_carrier(owner)
    await owner.create(
        "carrier_services",
        code="EXP",
        name="Express",
        carrier_id=int(carrier["id"]),
        is_default=False,
        active=True,
    )
    before = await row_counts(db, owner.tenant_id)
    assert (await other.patch(f"/api/carriers/{carrier['id']}", body(name="x"))).status_code == 404
    assert (await other.delete(f"/api/carriers/{carrier['id']}")).status_code == 404
    assert await row_counts(db, owner.tenant_id) == before


async def test_duplicate_code_is_refused(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    await create_carrier(caller, code="DUP")
    errors = await refused(caller, db, "POST", "/api/carriers", body(code="DUP", name="x"))
    assert errors == [("code_taken", "/data/attributes/code")]


INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing code", {"name": "x"}, "missing_field", "/data/attributes/code"),
    ("blank name", {"code": "A", "name": ""}, "blank_value", "/data/attributes/name"),
    ("name too long", {"code": "A", "name": "x" * 51}, "too_long", "/data/attributes/name"),
    (
        "unknown",
        {"code": "A", "name": "x", "carrier_externally_registered": True},
        "unknown_attribute",
        "/data/attributes/carrier_externally_registered",
    ),
    (
        "credentials not an object",
        {"code": "A", "name": "x", "carrier_authentication": "secret"},
        "invalid_type",
        "/data/attributes/carrier_authentication",
    ),
    (
        "NUL in credentials",
        {"code": "A", "name": "x", "carrier_authentication": {"key": "a\u0000b"}},
        "invalid_value",
        "/data/attributes/carrier_authentication",
    ),
    (
        "custom type id zero",
        {"code": "A", "name": "x", "custom_carrier_type_id": 0},
        "out_of_range",
        "/data/attributes/custom_carrier_type_id",
    ),
]


@pytest.mark.parametrize(
    ("case", "attributes", "symbol", "pointer"), INVALID, ids=[c[0] for c in INVALID]
)
async def test_invalid_input_is_refused_with_a_pointer(
    clients: ApiClientFactory,
    db: Database,
    case: str,
    attributes: dict[str, Any],
    symbol: str,
    pointer: str,
) -> None:
    caller = await clients.new()
    errors = await refused(caller, db, "POST", "/api/carriers", body(**attributes))
    assert (symbol, pointer) in errors
