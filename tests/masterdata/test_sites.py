from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.support import (
    ApiClientFactory,
    assert_refused,
    documented_attributes,
    events_of,
)


def site_body(relationships: dict[str, Any] | None = None, **attributes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "sites", "attributes": attributes}
    if relationships is not None:
        data["relationships"] = relationships
    return {"data": data}


async def test_create_answers_the_documented_document(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.post(
        "/api/sites",
        site_body(
            code="SITE-NORTH",
            name="Northern Distribution Centre",
            tier="upper",
            datetime1="2024-05-01T10:00:00+02:00",
            integer2=4,
        ),
    )
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["id"] == str(int(data["id"]))
    assert data["type"] == "sites"
    attributes = data["attributes"]
    assert attributes["code"] == "SITE-NORTH"
    assert attributes["name"] == "Northern Distribution Centre"
    assert attributes["tier"] == "upper"
    assert attributes["default"] is False
    assert attributes["datetime1"] == "2024-05-01T08:00:00Z"
    assert attributes["integer2"] == 4
    assert attributes["string1"] is None
    assert attributes["address_id"] is None


async def test_response_carries_every_documented_attribute(clients: ApiClientFactory) -> None:
    documented = documented_attributes("/api/sites")
    caller = await clients.new()
    site = (await caller.create("sites", code="S", name="Site"))["data"]
    assert documented <= set(site["attributes"])


async def test_a_site_keeps_an_inline_address(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    address = {"address": {"data": {"type": "addresses", "attributes": {"postcode": "M1 1AA"}}}}
    site = (await caller.create("sites", code="S", name="Site", relationships=address))["data"]
    assert isinstance(site["attributes"]["address_id"], int)


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    site = (await caller.create("sites", code="S", name="Site", tier="lower"))["data"]
    response = await caller.patch(f"/api/sites/{site['id']}", site_body(name="North DC"))
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["id"] == site["id"]
    assert data["attributes"]["name"] == "North DC"
    assert data["attributes"]["tier"] == "lower"
    assert data["attributes"]["code"] == "S"


async def test_one_default_site_per_tenant(clients: ApiClientFactory, db: Database) -> None:
    caller, other = await clients.new(), await clients.new()
    theirs = (await other.create("sites", code="T", name="Theirs", default=True))["data"]
    first = (await caller.create("sites", code="A", name="A", default=True))["data"]
    second = (await caller.create("sites", code="B", name="B"))["data"]
    response = await caller.patch(f"/api/sites/{second['id']}", site_body(default=True))
    assert response.json()["data"]["attributes"]["default"] is True
    first_now = await caller.patch(f"/api/sites/{first['id']}", site_body(name="A"))
    assert first_now.json()["data"]["attributes"]["default"] is False
    theirs_now = await other.patch(f"/api/sites/{theirs['id']}", site_body(name="T"))
    assert theirs_now.json()["data"]["attributes"]["default"] is True
    events = [
        (e["record_id"], e["event"], e["payload"]["default"])
        for e in await events_of(db, caller.tenant_id)
    ]
    assert (int(first["id"]), "updated", False) in events


async def test_default_null_resets_to_false(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    site = (await caller.create("sites", code="S", name="S", default=True))["data"]
    response = await caller.patch(f"/api/sites/{site['id']}", site_body(default=None))
    assert response.json()["data"]["attributes"]["default"] is False


async def test_delete_then_gone(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    site = (await caller.create("sites", code="S", name="S"))["data"]
    assert (await caller.delete(f"/api/sites/{site['id']}")).status_code == 204
    again = await caller.delete(f"/api/sites/{site['id']}")
    assert again.status_code == 404
    assert again.json()["errors"][0]["symbol"] == "record_not_found"


async def test_a_site_with_warehouses_cannot_be_deleted(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    site = (await caller.create("sites", code="S", name="S"))["data"]
    warehouse = await caller.create_warehouse(site_id=int(site["id"]))
    [error] = await assert_refused(
        caller, db, "DELETE", f"/api/sites/{site['id']}", None, symbol="record_in_use", pointer=None
    )
    assert error["context"] == {"resource": "warehouses", "ids": [warehouse["id"]], "count": 1}


async def test_another_tenants_site_is_not_found(clients: ApiClientFactory) -> None:
    owner, other = await clients.new(), await clients.new()
    site = (await owner.create("sites", code="S", name="S"))["data"]
    assert (await other.patch(f"/api/sites/{site['id']}", site_body(name="x"))).status_code == 404
    assert (await other.delete(f"/api/sites/{site['id']}")).status_code == 404


async def test_duplicate_code_is_refused(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    first = (await caller.create("sites", code="S", name="S"))["data"]
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        "/api/sites",
        site_body(code="S", name="Again"),
        symbol="code_taken",
        pointer="/data/attributes/code",
    )
    assert error["context"]["existing_id"] == int(first["id"])


REFUSED: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing name", site_body(code="S"), "missing_field", "/data/attributes/name"),
    ("blank code", site_body(code="", name="S"), "blank_value", "/data/attributes/code"),
    ("code too long", site_body(code="S" * 51, name="S"), "too_long", "/data/attributes/code"),
    ("name too long", site_body(code="S", name="N" * 51), "too_long", "/data/attributes/name"),
    (
        "bad tier",
        site_body(code="S", name="S", tier="middle"),
        "invalid_enum_value",
        "/data/attributes/tier",
    ),
    (
        "naive datetime",
        site_body(code="S", name="S", datetime1="2024-01-01T10:00:00"),
        "timezone_required",
        "/data/attributes/datetime1",
    ),
    (
        "unknown attribute",
        site_body(code="S", name="S", region="north"),
        "unknown_attribute",
        "/data/attributes/region",
    ),
    (
        "string for boolean",
        site_body(code="S", name="S", default="yes"),
        "invalid_type",
        "/data/attributes/default",
    ),
    (
        "bad address country",
        site_body(
            {"address": {"data": {"type": "addresses", "attributes": {"country_code": "ZZ"}}}},
            code="S",
            name="S",
        ),
        "invalid_country_code",
        "/data/relationships/address/data/attributes/country_code",
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "symbol", "pointer"), REFUSED, ids=[case[0] for case in REFUSED]
)
async def test_invalid_input_is_refused_and_writes_nothing(
    clients: ApiClientFactory,
    db: Database,
    case: str,
    body: dict[str, Any],
    symbol: str,
    pointer: str,
) -> None:
    caller = await clients.new()
    await assert_refused(caller, db, "POST", "/api/sites", body, symbol=symbol, pointer=pointer)
