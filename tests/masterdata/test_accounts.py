from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from clarus.core.db import Database
from tests.support import ApiClientFactory, Caller, events_of, row_counts, unique_code

SPEC_PATH = Path(
    os.environ.get(
        "CLARUS_REFERENCE_SPEC", Path(__file__).parents[3] / "shared" / "spec" / "clarus-api.json"
    )
)


def account_body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "accounts", "attributes": attributes}}


async def test_create_account_echoes_every_attribute(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.post(
        "/api/accounts",
        account_body(
            code="ACME",
            name="Acme Corporation",
            email="warehouse@acme.com",
            is_active=True,
            dispatch_strategy="manual",
            external_system_reference1="ERP-1",
            datetime1="2024-05-01T10:00:00+02:00",
            integer1=7,
            boolean1=False,
        ),
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert isinstance(data["id"], int)
    assert data["type"] == "accounts"
    attributes = data["attributes"]
    assert attributes["code"] == "ACME"
    assert attributes["name"] == "Acme Corporation"
    assert attributes["email"] == "warehouse@acme.com"
    assert attributes["dispatch_strategy"] == "manual"
    assert attributes["pack_strategy"] is None
    assert attributes["external_system_reference1"] == "ERP-1"
    assert attributes["datetime1"] == "2024-05-01T08:00:00Z"
    assert attributes["integer1"] == 7
    assert attributes["boolean1"] is False
    assert attributes["string1"] is None
    assert attributes["is_active"] is True
    assert attributes["is_short_pickable"] is False
    assert attributes["created_at"].endswith("Z")


@pytest.fixture
def documented_account_attributes() -> set[str]:
    if not SPEC_PATH.exists():
        pytest.skip(f"reference spec not found at {SPEC_PATH} (set CLARUS_REFERENCE_SPEC)")
    spec = json.loads(SPEC_PATH.read_text())
    return set(spec["components"]["schemas"]["AccountAttributes"]["properties"])


async def test_response_carries_every_documented_account_attribute(
    clients: ApiClientFactory, documented_account_attributes: set[str]
) -> None:
    documented = documented_account_attributes
    caller = await clients.new()
    account = await caller.create_account()
    assert set(documented) <= set(account["attributes"])


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account = await caller.create_account(email="a@example.com", string1="keep")
    response = await caller.patch(
        f"/api/accounts/{account['id']}", account_body(name="Renamed", email=None, is_active=False)
    )
    assert response.status_code == 200
    attributes = response.json()["data"]["attributes"]
    assert attributes["name"] == "Renamed"
    assert attributes["email"] is None
    assert attributes["is_active"] is False
    assert attributes["string1"] == "keep"
    assert attributes["code"] == account["attributes"]["code"]


async def test_update_accepts_a_matching_data_id_only(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    path = f"/api/accounts/{account['id']}"
    matching = {"data": {"type": "accounts", "id": str(account["id"]), "attributes": {"name": "A"}}}
    other = {"data": {"type": "accounts", "id": account["id"] + 1, "attributes": {"name": "B"}}}
    assert (await caller.patch(path, matching)).status_code == 200
    refused = await caller.patch(path, other)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["context"]["pointer"] == "/data/id"


async def test_update_refuses_null_for_a_required_attribute(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    response = await caller.patch(f"/api/accounts/{account['id']}", account_body(name=None))
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["symbol"] == "invalid_type"
    assert error["context"] == {"pointer": "/data/attributes/name"}


async def test_delete_then_the_account_is_gone(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    response = await caller.delete(f"/api/accounts/{account['id']}")
    assert response.status_code == 204
    assert response.content == b""
    again = await caller.delete(f"/api/accounts/{account['id']}")
    assert again.status_code == 404
    assert again.json()["errors"][0]["symbol"] == "record_not_found"


async def test_missing_and_unparsable_ids_are_404(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    for path in (
        "/api/accounts/999999999",
        "/api/accounts/abc",
        "/api/accounts/0",
        "/api/accounts/99999999999999999999999",
    ):
        response = await caller.patch(path, account_body(name="x"))
        assert response.status_code == 404, path
        assert response.json()["errors"][0]["symbol"] == "record_not_found"


async def test_duplicate_code_is_refused_with_the_existing_id(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    first = await caller.create_account(code="DUP")
    response = await caller.post("/api/accounts", account_body(code="DUP", name="Again"))
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["symbol"] == "code_taken"
    assert error["context"] == {"existing_id": first["id"], "pointer": "/data/attributes/code"}
    other = await caller.create_account(code="OTHER")
    renamed = await caller.patch(f"/api/accounts/{other['id']}", account_body(code="DUP"))
    assert renamed.status_code == 422
    assert renamed.json()["errors"][0]["symbol"] == "code_taken"


async def test_the_same_code_is_free_in_another_tenant(clients: ApiClientFactory) -> None:
    first, second = await clients.new(), await clients.new()
    await first.create_account(code="SHARED")
    await second.create_account(code="SHARED")


INVALID_BODIES: list[tuple[str, Any, str, str]] = [
    ("missing required", account_body(name="No code"), "missing_field", "/data/attributes/code"),
    ("blank string", account_body(code="", name="x"), "blank_value", "/data/attributes/code"),
    (
        "whitespace string",
        account_body(code="A", name="  "),
        "blank_value",
        "/data/attributes/name",
    ),
    (
        "unknown attribute",
        account_body(code="A", name="x", colour="red"),
        "unknown_attribute",
        "/data/attributes/colour",
    ),
    (
        "string for integer",
        account_body(code="A", name="x", integer1="1"),
        "invalid_type",
        "/data/attributes/integer1",
    ),
    (
        "integer for string",
        account_body(code=12, name="x"),
        "invalid_type",
        "/data/attributes/code",
    ),
    (
        "string for boolean",
        account_body(code="A", name="x", is_active="true"),
        "invalid_type",
        "/data/attributes/is_active",
    ),
    (
        "naive datetime",
        account_body(code="A", name="x", datetime2="2024-01-01T10:00:00"),
        "timezone_required",
        "/data/attributes/datetime2",
    ),
    (
        "datetime after the last UTC moment",
        account_body(code="A", name="x", datetime1="9999-12-31T23:59:59-14:00"),
        "out_of_range",
        "/data/attributes/datetime1",
    ),
    (
        "datetime before the first UTC moment",
        account_body(code="A", name="x", datetime4="0001-01-01T00:00:00+14:00"),
        "out_of_range",
        "/data/attributes/datetime4",
    ),
    (
        "not a datetime",
        account_body(code="A", name="x", datetime3="yesterday"),
        "invalid_datetime",
        "/data/attributes/datetime3",
    ),
    (
        "bad enum",
        account_body(code="A", name="x", pack_strategy="sometimes"),
        "invalid_enum_value",
        "/data/attributes/pack_strategy",
    ),
    ("too long", account_body(code="A" * 21, name="x"), "too_long", "/data/attributes/code"),
    (
        "integer out of range",
        account_body(code="A", name="x", integer2=2**63),
        "out_of_range",
        "/data/attributes/integer2",
    ),
    (
        "NUL character",
        account_body(code="A\u0000B", name="x"),
        "invalid_value",
        "/data/attributes/code",
    ),
    (
        "wrong type",
        {"data": {"type": "products", "attributes": {"code": "A", "name": "x"}}},
        "invalid_resource_type",
        "/data/type",
    ),
    (
        "missing type",
        {"data": {"attributes": {"code": "A", "name": "x"}}},
        "missing_field",
        "/data/type",
    ),
    ("no envelope", {"code": "A", "name": "x"}, "unknown_attribute", "/code"),
    (
        "attributes not an object",
        {"data": {"type": "accounts", "attributes": []}},
        "invalid_type",
        "/data/attributes",
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "symbol", "pointer"), INVALID_BODIES, ids=[case[0] for case in INVALID_BODIES]
)
async def test_invalid_input_is_refused_with_a_pointer_and_writes_nothing(
    clients: ApiClientFactory,
    db: Database,
    case: str,
    body: Any,
    symbol: str,
    pointer: str,
) -> None:
    caller = await clients.new()
    before = await row_counts(db, caller.tenant_id)
    response = await caller.post("/api/accounts", body)
    assert response.status_code == 422, response.text
    errors = response.json()["errors"]
    assert {"symbol": symbol, "pointer": pointer} in [
        {"symbol": e["symbol"], "pointer": e["context"]["pointer"]} for e in errors
    ]
    for error in errors:
        assert set(error) == {"code", "symbol", "details", "source", "context"}
        assert isinstance(error["code"], int)
    assert await row_counts(db, caller.tenant_id) == before


async def test_every_problem_is_reported_at_once(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.post(
        "/api/accounts", account_body(code="", colour="red", datetime1="2024-01-01T00:00:00")
    )
    assert response.status_code == 422
    pointers = sorted(e["context"]["pointer"] for e in response.json()["errors"])
    assert pointers == [
        "/data/attributes/code",
        "/data/attributes/colour",
        "/data/attributes/datetime1",
        "/data/attributes/name",
    ]


async def test_malformed_json_is_400(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.http.post(
        "/api/accounts",
        content=b'{"data": ',
        headers=caller.headers(**{"Content-Type": "application/json"}),
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["symbol"] == "malformed_json"


async def test_writes_emit_outbox_events_in_order(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    account = await caller.create_account(code="EVT")
    await caller.patch(f"/api/accounts/{account['id']}", account_body(name="Changed"))
    await caller.delete(f"/api/accounts/{account['id']}")
    events = await events_of(db, caller.tenant_id)
    assert [(e["resource_name"], e["event"], e["record_id"], e["sequence"]) for e in events] == [
        ("account", "created", account["id"], 1),
        ("account", "updated", account["id"], 2),
        ("account", "deleted", account["id"], 3),
    ]
    assert events[1]["payload"]["name"] == "Changed"
    assert events[0]["payload"]["code"] == "EVT"


async def test_a_refused_write_emits_no_event(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    await caller.create_account(code="ONCE")
    response = await caller.post("/api/accounts", account_body(code="ONCE", name="Again"))
    assert response.status_code == 422
    assert len(await events_of(db, caller.tenant_id)) == 1


async def test_the_v1_alias_reaches_the_same_resource(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.post("/api/v1/accounts", account_body(code=unique_code(), name="x"))
    assert response.status_code == 200
    account_id = response.json()["data"]["id"]
    assert (await caller.delete(f"/api/accounts/{account_id}")).status_code == 204


async def _codes_listed(caller: Caller) -> list[str]:
    result = await caller.graphql("{ accounts { all { edges { node { code } } } } }")
    return [edge["node"]["code"] for edge in result["data"]["accounts"]["all"]["edges"]]


async def test_an_account_written_over_rest_reads_back_in_graphql(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    await caller.create_account(code="READBACK")
    assert await _codes_listed(caller) == ["READBACK"]
