from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.support import ApiClientFactory, Caller, events_of, row_counts, without_cost

LIST = (
    "query($filter: RoleFilterType) { roles { all(filter: $filter) {"
    " edges { node { id name role_type } } } } }"
)


def body(resource_type: str = "roles", **attributes: Any) -> dict[str, Any]:
    return {"data": {"type": resource_type, "attributes": attributes}}


async def create_role(caller: Caller, name: str = "Warehouse Manager", **attributes: Any) -> Any:
    response = await caller.post("/api/roles", body(name=name, **attributes))
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def test_create_echoes_the_role(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    data = await create_role(
        caller,
        description="Full access to warehouse operations",
        permissions=["manage_stock", "manage_orders", "manage_stock", "view_reports"],
    )
    assert isinstance(data["id"], int)
    assert data["type"] == "roles"
    assert data["attributes"] == {
        "name": "Warehouse Manager",
        "description": "Full access to warehouse operations",
        "permissions": ["manage_stock", "manage_orders", "view_reports"],
        "role_type": "custom",
        "created_at": data["attributes"]["created_at"],
        "updated_at": data["attributes"]["updated_at"],
    }
    bare = await create_role(caller, name="Viewer")
    assert (bare["attributes"]["permissions"], bare["attributes"]["description"]) == ([], None)


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    data = await create_role(caller, description="Keep", permissions=["manage_stock"])
    path = f"/api/roles/{data['id']}"
    response = await caller.patch(
        path, body(name="Senior Warehouse Manager", permissions=["manage_users"])
    )
    assert response.status_code == 200
    attributes = response.json()["data"]["attributes"]
    assert attributes["name"] == "Senior Warehouse Manager"
    assert attributes["permissions"] == ["manage_users"]
    assert attributes["description"] == "Keep"
    cleared = await caller.patch(path, body(permissions=None, description=None))
    assert cleared.json()["data"]["attributes"]["permissions"] == []
    assert cleared.json()["data"]["attributes"]["description"] is None


async def test_names_are_unique_in_the_tenant(clients: ApiClientFactory) -> None:
    caller, other = await clients.new(), await clients.new()
    first = await create_role(caller, name="Admin")
    await create_role(other, name="Admin")
    response = await caller.post("/api/roles", body(name="Admin"))
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["symbol"] == "code_taken"
    assert error["context"] == {"existing_id": first["id"], "pointer": "/data/attributes/name"}


async def test_a_role_given_to_users_cannot_be_deleted(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    role = await create_role(caller)
    response = await caller.post(
        "/api/users", body("users", email="ann@example.com", role_id=role["id"])
    )
    user_id = response.json()["data"]["id"]
    before = await row_counts(db, caller.tenant_id)
    refused = await caller.delete(f"/api/roles/{role['id']}")
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert error["symbol"] == "record_in_use"
    assert error["context"] == {"resource": "users", "ids": [user_id], "count": 1}
    assert await row_counts(db, caller.tenant_id) == before
    await caller.patch(f"/api/users/{user_id}", body("users", role_id=None))
    assert (await caller.delete(f"/api/roles/{role['id']}")).status_code == 204
    assert (await caller.delete(f"/api/roles/{role['id']}")).status_code == 404


async def test_another_tenants_role_is_404(clients: ApiClientFactory, db: Database) -> None:
    owner, other = await clients.new(), await clients.new()
    role = await create_role(owner)
    before = await row_counts(db, owner.tenant_id)
    assert (await other.patch(f"/api/roles/{role['id']}", body(name="x"))).status_code == 404
    assert (await other.delete(f"/api/roles/{role['id']}")).status_code == 404
    assert await row_counts(db, owner.tenant_id) == before
    other_roles = (await other.graphql(LIST))["data"]["roles"]["all"]["edges"]
    assert [edge["node"]["name"] for edge in other_roles] == ["Default"]


async def test_roles_need_the_admin_scope(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new(scopes=("read", "write"))
    before = await row_counts(db, caller.tenant_id)
    response = await caller.post("/api/roles", body(name="Admin"))
    assert response.status_code == 403
    assert response.json()["errors"][0]["symbol"] == "insufficient_scope"
    assert await row_counts(db, caller.tenant_id) == before


async def test_writes_emit_events(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    role = await create_role(caller)
    await caller.patch(f"/api/roles/{role['id']}", body(permissions=["a"]))
    await caller.delete(f"/api/roles/{role['id']}")
    events = await events_of(db, caller.tenant_id)
    assert [(e["resource_name"], e["event"], e["sequence"]) for e in events] == [
        ("role", "created", 1),
        ("role", "updated", 2),
        ("role", "deleted", 3),
    ]
    assert events[1]["payload"]["permissions"] == ["a"]


INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing required", {"description": "x"}, "missing_field", "name"),
    ("blank string", {"name": " "}, "blank_value", "name"),
    ("unknown attribute", {"name": "x", "colour": "red"}, "unknown_attribute", "colour"),
    ("over-long name", {"name": "x" * 101}, "too_long", "name"),
    ("permissions not a list", {"name": "x", "permissions": "all"}, "invalid_type", "permissions"),
    ("blank permission", {"name": "x", "permissions": ["a", ""]}, "blank_value", "permissions/1"),
    ("number as permission", {"name": "x", "permissions": [1]}, "invalid_type", "permissions/0"),
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
    response = await caller.post("/api/roles", body(**attributes))
    assert response.status_code == 422, response.text
    assert [(e["symbol"], e["context"]["pointer"]) for e in response.json()["errors"]] == [
        (symbol, f"/data/attributes/{field}")
    ]
    assert await row_counts(db, caller.tenant_id) == before


async def test_the_documented_example_query_runs_and_filters(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    admin = await create_role(caller, name="Site Admin")
    await create_role(caller, name="Picker")
    result = await caller.graphql(LIST, {"filter": {"name": {"ilike": "admin"}}})
    assert without_cost(result) == {
        "data": {
            "roles": {
                "all": {
                    "edges": [
                        {
                            "node": {
                                "id": str(admin["id"]),
                                "name": "Site Admin",
                                "role_type": "custom",
                            }
                        }
                    ]
                }
            }
        }
    }
    everything = await caller.graphql(
        '{ roles { all(filter: {role_type: {eq: "custom"}}) { edges { node {'
        " name description permissions created_at updated_at } } } } }"
    )
    names = [e["node"]["name"] for e in everything["data"]["roles"]["all"]["edges"]]
    assert names == ["Default", "Site Admin", "Picker"]
