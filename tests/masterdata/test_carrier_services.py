from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.support import (
    ApiClientFactory,
    Caller,
    documented_attributes,
    events_of,
    refused,
    resource_body,
    row_counts,
)


def body(**attributes: Any) -> dict[str, Any]:
    return resource_body("carrier_services", **attributes)


async def create_carrier(caller: Caller, code: str = "ROYALMAIL") -> int:
    created = await caller.create("carriers", code=code, name="Royal Mail")
    return int(created["data"]["id"])


async def create_service(caller: Caller, carrier_id: int, **attributes: Any) -> dict[str, Any]:
    return await caller.create(
        "carrier_services",
        **{
            "code": "RM1CLS",
            "name": "Royal Mail 1st Class",
            "carrier_id": carrier_id,
            "is_default": False,
            "active": True,
            **attributes,
        },
    )


async def defaults_of(caller: Caller, *services: dict[str, Any]) -> list[bool]:
    """Whether each service is its carrier's default now."""
    result = await caller.graphql(
        "query($ids: [ID!]) { carrier_services { all(filter: {id: {in: $ids}}) {"
        " edges { node { id is_default } } } } }",
        {"ids": [str(service["id"]) for service in services]},
    )
    edges = result["data"]["carrier_services"]["all"]["edges"]
    flags = {int(edge["node"]["id"]): edge["node"]["is_default"] for edge in edges}
    return [flags[service["id"]] for service in services]


async def test_create_returns_the_documented_flat_object(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    carrier_id = await create_carrier(caller)
    response = await caller.post(
        "/api/carrier_services",
        body(
            code="RM1CLS",
            name="Royal Mail 1st Class",
            carrier_id=carrier_id,
            is_default=True,
            active=True,
            service_configuration={"format": "parcel", "signed": True},
            external_preset_name="Preset",
            external_preset_id=77,
        ),
    )
    assert response.status_code == 200
    service = response.json()
    assert isinstance(service["id"], int)
    assert service == {
        "id": service["id"],
        "code": "RM1CLS",
        "name": "Royal Mail 1st Class",
        "active": True,
        "is_default": True,
        "carrier_id": carrier_id,
        "service_configuration": {"format": "parcel", "signed": True},
        "external_preset_name": "Preset",
        "external_preset_id": 77,
        "created_at": service["created_at"],
        "updated_at": service["updated_at"],
    }


async def test_response_carries_every_documented_attribute(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    service = await create_service(caller, await create_carrier(caller))
    assert documented_attributes("/api/carrier_services") <= set(service)


async def test_a_new_default_takes_the_flag_from_the_carriers_others(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    carrier_id, other_carrier_id = await create_carrier(caller), await create_carrier(caller, "DPD")
    first = await create_service(caller, carrier_id, code="S1", is_default=True)
    elsewhere = await create_service(caller, other_carrier_id, code="S9", is_default=True)
    second = await create_service(caller, carrier_id, code="S2", is_default=True)
    assert await defaults_of(caller, first, second, elsewhere) == [False, True, True]
    events = await events_of(db, caller.tenant_id)
    assert ("carrier_service", "updated", first["id"]) in [
        (e["resource_name"], e["event"], e["record_id"]) for e in events
    ]
    await caller.patch(f"/api/carrier_services/{first['id']}", body(is_default=True))
    assert await defaults_of(caller, first, second, elsewhere) == [True, False, True]


async def test_moving_a_default_service_to_another_carrier_keeps_one_default(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    carrier_id, other_carrier_id = await create_carrier(caller), await create_carrier(caller, "DPD")
    moving = await create_service(caller, carrier_id, code="S1", is_default=True)
    staying = await create_service(caller, other_carrier_id, code="S2", is_default=True)
    response = await caller.patch(
        f"/api/carrier_services/{moving['id']}", body(carrier_id=other_carrier_id)
    )
    assert response.status_code == 200
    assert (response.json()["carrier_id"], response.json()["is_default"]) == (
        other_carrier_id,
        True,
    )
    assert await defaults_of(caller, staying) == [False]


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    service = await create_service(
        caller, await create_carrier(caller), external_preset_name="Preset"
    )
    response = await caller.patch(
        f"/api/carrier_services/{service['id']}", body(name="First Class", active=False)
    )
    updated = response.json()
    assert (updated["name"], updated["active"]) == ("First Class", False)
    assert (updated["code"], updated["external_preset_name"]) == ("RM1CLS", "Preset")


async def test_delete_then_gone(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    service = await create_service(caller, await create_carrier(caller))
    assert (await caller.delete(f"/api/carrier_services/{service['id']}")).status_code == 204
    again = await caller.delete(f"/api/carrier_services/{service['id']}")
    assert again.status_code == 404
    assert (await row_counts(db, caller.tenant_id))["carrier_services"] == 0


async def test_another_tenants_service_is_404(clients: ApiClientFactory, db: Database) -> None:
    owner, other = await clients.new(), await clients.new()
    service = await create_service(owner, await create_carrier(owner))
    before = await row_counts(db, owner.tenant_id)
    path = f"/api/carrier_services/{service['id']}"
    assert (await other.patch(path, body(name="x"))).status_code == 404
    assert (await other.delete(path)).status_code == 404
    assert await row_counts(db, owner.tenant_id) == before


async def test_a_carrier_of_another_tenant_is_not_found(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    foreign_carrier_id = await create_carrier(other)
    errors = await refused(
        caller,
        db,
        "POST",
        "/api/carrier_services",
        body(code="X", name="X", carrier_id=foreign_carrier_id, is_default=True, active=True),
    )
    assert errors == [("reference_not_found", "/data/attributes/carrier_id")]
    service = await create_service(caller, await create_carrier(caller))
    errors = await refused(
        caller,
        db,
        "PATCH",
        f"/api/carrier_services/{service['id']}",
        body(carrier_id=foreign_carrier_id),
    )
    assert errors == [("reference_not_found", "/data/attributes/carrier_id")]


async def test_duplicate_code_is_refused(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    carrier_id = await create_carrier(caller)
    await create_service(caller, carrier_id, code="DUP")
    errors = await refused(
        caller,
        db,
        "POST",
        "/api/carrier_services",
        body(code="DUP", name="x", carrier_id=carrier_id, is_default=False, active=True),
    )
    assert errors == [("code_taken", "/data/attributes/code")]


REQUIRED = {"code": "C", "name": "N", "carrier_id": 1, "is_default": False, "active": True}
INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    *[
        (
            f"missing {name}",
            {k: v for k, v in REQUIRED.items() if k != name},
            "missing_field",
            f"/data/attributes/{name}",
        )
        for name in REQUIRED
    ],
    ("code too long", {**REQUIRED, "code": "C" * 31}, "too_long", "/data/attributes/code"),
    ("name too long", {**REQUIRED, "name": "N" * 51}, "too_long", "/data/attributes/name"),
    ("blank code", {**REQUIRED, "code": " "}, "blank_value", "/data/attributes/code"),
    ("null active", {**REQUIRED, "active": None}, "invalid_type", "/data/attributes/active"),
    (
        "string carrier",
        {**REQUIRED, "carrier_id": "1"},
        "invalid_type",
        "/data/attributes/carrier_id",
    ),
    ("unknown", {**REQUIRED, "carrier": "DHL"}, "unknown_attribute", "/data/attributes/carrier"),
    (
        "configuration not an object",
        {**REQUIRED, "service_configuration": [1]},
        "invalid_type",
        "/data/attributes/service_configuration",
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
    errors = await refused(caller, db, "POST", "/api/carrier_services", body(**attributes))
    assert (symbol, pointer) in errors


async def test_update_refuses_null_flags(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    service = await create_service(caller, await create_carrier(caller))
    errors = await refused(
        caller,
        db,
        "PATCH",
        f"/api/carrier_services/{service['id']}",
        body(is_default=None, carrier_id=None),
    )
    assert sorted(errors) == [
        ("invalid_type", "/data/attributes/carrier_id"),
        ("invalid_type", "/data/attributes/is_default"),
    ]
