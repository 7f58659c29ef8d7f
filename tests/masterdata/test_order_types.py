from __future__ import annotations

from typing import Any

import httpx
import pytest

from clarus.core.db import Database
from tests.support import ApiClientFactory, Caller, events_of, row_counts, without_cost

LIST = (
    "query($filter: OrderTypeFilterType) { order_types { all(filter: $filter) {"
    " edges { node { id code name duty_payable } } } } }"
)


def body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "order_types", "attributes": attributes}}


async def create_order_type(caller: Caller, code: str = "HO-1", **attributes: Any) -> Any:
    values = {"name": "Home Order", "duty_payable": False, **attributes}
    response = await caller.post("/api/order_types", body(code=code, **values))
    assert response.status_code == 200, response.text
    return response.json()


async def test_create_returns_the_documented_flat_object(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    created = await create_order_type(caller, duty_payable=True)
    assert isinstance(created["id"], int)
    assert created == {
        "id": created["id"],
        "code": "HO-1",
        "name": "Home Order",
        "duty_payable": True,
        "created_at": created["created_at"],
        "updated_at": created["updated_at"],
    }
    assert created["created_at"].endswith("Z")


async def test_update_is_204_and_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    created = await create_order_type(caller)
    response = await caller.patch(f"/api/order_types/{created['id']}", body(name="Export"))
    assert response.status_code == 204
    assert response.content == b""
    result = await caller.graphql(LIST)
    node = result["data"]["order_types"]["all"]["edges"][0]["node"]
    assert node == {
        "id": str(created["id"]),
        "code": "HO-1",
        "name": "Export",
        "duty_payable": False,
    }


async def test_update_refuses_null_for_duty_payable(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    created = await create_order_type(caller)
    response = await caller.patch(f"/api/order_types/{created['id']}", body(duty_payable=None))
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["symbol"], error["context"]["pointer"]) == (
        "invalid_type",
        "/data/attributes/duty_payable",
    )


async def test_delete_then_gone(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    created = await create_order_type(caller)
    assert (await caller.delete(f"/api/order_types/{created['id']}")).status_code == 204
    again = await caller.delete(f"/api/order_types/{created['id']}")
    assert again.status_code == 404
    assert again.json()["errors"][0]["symbol"] == "record_not_found"
    events = await events_of(db, caller.tenant_id)
    assert [(e["resource_name"], e["event"]) for e in events] == [
        ("order_type", "created"),
        ("order_type", "deleted"),
    ]


async def test_duplicate_code_is_refused(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    first = await create_order_type(caller)
    response = await caller.post(
        "/api/order_types", body(code="HO-1", name="Again", duty_payable=True)
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["symbol"] == "code_taken"
    assert error["context"] == {"existing_id": first["id"], "pointer": "/data/attributes/code"}


async def test_another_tenants_order_type_is_404(clients: ApiClientFactory, db: Database) -> None:
    owner, other = await clients.new(), await clients.new()
    created = await create_order_type(owner)
    before = await row_counts(db, owner.tenant_id)
    patched = await other.patch(f"/api/order_types/{created['id']}", body(name="Stolen"))
    deleted = await other.delete(f"/api/order_types/{created['id']}")
    assert patched.status_code == deleted.status_code == 404
    assert await row_counts(db, owner.tenant_id) == before
    result = await other.graphql(LIST)
    assert result["data"]["order_types"]["all"]["edges"] == []


async def test_the_tenants_default_order_type_cannot_be_deleted(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    created = await create_order_type(caller)
    subdomain = f"/api/subdomains/{caller.tenant_id}"
    settings = {"data": {"type": "subdomains", "attributes": {}}}
    settings["data"]["attributes"]["default_order_type_id"] = created["id"]
    assert (await caller.patch(subdomain, settings)).status_code == 200
    before = await row_counts(db, caller.tenant_id)
    refused = await caller.delete(f"/api/order_types/{created['id']}")
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert error["symbol"] == "record_in_use"
    assert error["context"] == {"resource": "subdomains", "ids": [caller.tenant_id], "count": 1}
    assert await row_counts(db, caller.tenant_id) == before
    settings["data"]["attributes"]["default_order_type_id"] = None
    assert (await caller.patch(subdomain, settings)).status_code == 200
    assert (await caller.delete(f"/api/order_types/{created['id']}")).status_code == 204


INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing required", {"code": "A", "name": "x"}, "missing_field", "duty_payable"),
    ("blank string", {"code": "", "name": "x", "duty_payable": True}, "blank_value", "code"),
    (
        "unknown attribute",
        {"code": "A", "name": "x", "duty_payable": True, "colour": "red"},
        "unknown_attribute",
        "colour",
    ),
    ("over-long code", {"code": "A" * 31, "name": "x", "duty_payable": True}, "too_long", "code"),
    ("over-long name", {"code": "A", "name": "x" * 51, "duty_payable": True}, "too_long", "name"),
    (
        "string for boolean",
        {"code": "A", "name": "x", "duty_payable": "no"},
        "invalid_type",
        "duty_payable",
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
    response = await caller.post("/api/order_types", body(**attributes))
    assert response.status_code == 422, response.text
    assert [(e["symbol"], e["context"]["pointer"]) for e in response.json()["errors"]] == [
        (symbol, f"/data/attributes/{field}")
    ]
    assert await row_counts(db, caller.tenant_id) == before


async def test_the_documented_example_query_runs(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    created = await create_order_type(caller)
    await create_order_type(caller, code="EXP", name="Export", duty_payable=True)
    result = await caller.graphql(LIST, {"filter": {"code": {"ilike": "HO"}}})
    assert without_cost(result) == {
        "data": {
            "order_types": {
                "all": {
                    "edges": [
                        {
                            "node": {
                                "id": str(created["id"]),
                                "code": "HO-1",
                                "name": "Home Order",
                                "duty_payable": False,
                            }
                        }
                    ]
                }
            }
        }
    }


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"code": {"eq": "EXP"}}, ["EXP"]),
        ({"name": {"ilike": "home"}}, ["HO-1"]),
        ({"duty_payable": {"eq": True}}, ["EXP"]),
        ({"created_at": {"from": "2000-01-01T00:00:00Z"}}, ["HO-1", "EXP"]),
        ({"updated_at": {"to": "2000-01-01T00:00:00Z"}}, []),
    ],
    ids=str,
)
async def test_filters(
    clients: ApiClientFactory, filter_: dict[str, Any], expected: list[str]
) -> None:
    caller = await clients.new()
    await create_order_type(caller)
    exported = await create_order_type(caller, code="EXP", name="Export", duty_payable=True)
    result = await caller.graphql(LIST, {"filter": filter_})
    assert [e["node"]["code"] for e in result["data"]["order_types"]["all"]["edges"]] == expected
    by_id = await caller.graphql(LIST, {"filter": {"id": {"eq": str(exported["id"])}}})
    assert [e["node"]["code"] for e in by_id["data"]["order_types"]["all"]["edges"]] == ["EXP"]


async def test_openapi_documents_the_flat_object_and_the_204_update(
    http: httpx.AsyncClient,
) -> None:
    document = (await http.get("/openapi.json")).json()
    schema = document["components"]["schemas"]["OrderTypeDocument"]
    assert schema["properties"]["id"]["type"] == "integer"
    assert {"code", "name", "duty_payable"} <= set(schema["properties"])
    update = document["paths"]["/api/order_types/{id}"]["patch"]
    assert (update["operationId"], "200" in update["responses"]) == ("updateOrderType", False)
    assert "204" in update["responses"]
