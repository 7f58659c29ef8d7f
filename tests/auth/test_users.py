from __future__ import annotations

from typing import Any

import pytest

from clarus.auth import service as auth_service
from clarus.core.db import Database
from clarus.tenancy.models import Tenant
from tests.support import ApiClientFactory, Caller, events_of, row_counts, without_cost

LIST = (
    "query($filter: SubdomainUserFilterType) { subdomain_users { all(filter: $filter) {"
    " edges { node { id user { id name email } } } } } }"
)


def body(resource_type: str = "users", **attributes: Any) -> dict[str, Any]:
    return {"data": {"type": resource_type, "attributes": attributes}}


async def create_role(caller: Caller, name: str = "Standard") -> int:
    response = await caller.post("/api/roles", body("roles", name=name))
    assert response.status_code == 200, response.text
    role_id: int = response.json()["data"]["id"]
    return role_id


async def create_user(caller: Caller, email: str = "john.smith@example.com", **attributes: Any):  # type: ignore[no-untyped-def]
    role_id = attributes.pop("role_id", None) or await create_role(caller, f"Role {email}")
    response = await caller.post("/api/users", body(email=email, role_id=role_id, **attributes))
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def test_create_echoes_every_attribute_and_no_secret(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    role_id = await create_role(caller)
    data = await create_user(
        caller,
        name="John Smith",
        role_id=role_id,
        language="en-gb",
        timezone="Europe/London",
        external_system_reference1="HR-1",
        string1="night shift",
    )
    assert isinstance(data["id"], int)
    assert data["type"] == "users"
    attributes = data["attributes"]
    assert attributes == {
        "email": "john.smith@example.com",
        "name": "John Smith",
        "role_id": role_id,
        "user_type": "web",
        "is_active": True,
        "language": "en-gb",
        "timezone": "Europe/London",
        "external_system_reference1": "HR-1",
        "external_system_reference2": None,
        "external_system_reference3": None,
        "string1": "night shift",
        "string2": None,
        "string3": None,
        "string4": None,
        "string5": None,
        "created_at": attributes["created_at"],
        "updated_at": attributes["updated_at"],
    }
    [event] = [e for e in await events_of(db, caller.tenant_id) if e["resource_name"] == "user"]
    assert "password_hash" not in event["payload"]


async def test_a_password_hash_is_never_echoed(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    async with db.write_session() as session:
        user = await auth_service.create_user(
            session=session,
            tenant_id=caller.tenant_id,
            email="signin@example.com",
            name=None,
            password="correct horse battery",
        )
    response = await caller.patch(f"/api/users/{user.id}", body(name="Signs in"))
    assert response.status_code == 200
    assert "password_hash" not in response.json()["data"]["attributes"]
    assert "argon2" not in response.text
    events = await events_of(db, caller.tenant_id)
    assert all("password_hash" not in event["payload"] for event in events)


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    data = await create_user(caller, name="John", string2="keep")
    new_role = await create_role(caller, "Supervisor")
    response = await caller.patch(
        f"/api/users/{data['id']}", body(name="John D. Smith", role_id=new_role, timezone=None)
    )
    assert response.status_code == 200
    attributes = response.json()["data"]["attributes"]
    assert (attributes["name"], attributes["role_id"]) == ("John D. Smith", new_role)
    assert attributes["string2"] == "keep"
    assert attributes["email"] == "john.smith@example.com"


async def test_update_refuses_what_it_does_not_document(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    data = await create_user(caller)
    response = await caller.patch(
        f"/api/users/{data['id']}",
        body(email=None, user_type="api", external_system_reference1="x"),
    )
    assert response.status_code == 422
    assert sorted((e["symbol"], e["context"]["pointer"]) for e in response.json()["errors"]) == [
        ("invalid_type", "/data/attributes/email"),
        ("unknown_attribute", "/data/attributes/external_system_reference1"),
        ("unknown_attribute", "/data/attributes/user_type"),
    ]


async def test_emails_are_unique_in_the_tenant_ignoring_case(clients: ApiClientFactory) -> None:
    caller, other = await clients.new(), await clients.new()
    first = await create_user(caller, email="Ann@Example.com")
    await create_user(other, email="ann@example.com")
    role_id = await create_role(caller, "Another")
    response = await caller.post("/api/users", body(email="ann@example.COM", role_id=role_id))
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["symbol"] == "code_taken"
    assert error["context"] == {"existing_id": first["id"], "pointer": "/data/attributes/email"}
    second = await create_user(caller, email="bob@example.com", role_id=role_id)
    renamed = await caller.patch(f"/api/users/{second['id']}", body(email="ANN@example.com"))
    assert renamed.status_code == 422
    assert renamed.json()["errors"][0]["symbol"] == "code_taken"


async def test_delete_then_gone(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    data = await create_user(caller)
    assert (await caller.delete(f"/api/users/{data['id']}")).status_code == 204
    assert (await caller.delete(f"/api/users/{data['id']}")).status_code == 404
    events = await events_of(db, caller.tenant_id)
    assert [e["event"] for e in events if e["resource_name"] == "user"] == ["created", "deleted"]


async def test_another_tenants_user_is_404(clients: ApiClientFactory, db: Database) -> None:
    owner, other = await clients.new(), await clients.new()
    data = await create_user(owner)
    before = await row_counts(db, owner.tenant_id)
    assert (await other.patch(f"/api/users/{data['id']}", body(name="x"))).status_code == 404
    assert (await other.delete(f"/api/users/{data['id']}")).status_code == 404
    assert await row_counts(db, owner.tenant_id) == before
    result = await other.graphql(
        LIST, {"filter": {"user_email": {"eq": data["attributes"]["email"]}}}
    )
    assert result["data"]["subdomain_users"]["all"]["edges"] == []


async def _second_client(db: Database, caller: Caller) -> Caller:
    """Another API client of the caller's tenant, with a token."""
    async with db.write_session() as session:
        tenant = await session.get(Tenant, caller.tenant_id)
        assert tenant is not None
        issued = await auth_service.create_api_client(session=session, tenant=tenant, name="ERP")
    second = Caller(
        caller.http,
        caller.subdomain,
        caller.tenant_id,
        issued.client.client_id,
        issued.client_secret,
    )
    await second.fetch_token()
    return second


async def _user_id_of(caller: Caller) -> int:
    result = await caller.graphql(
        LIST, {"filter": {"user_email": {"eq": f"{caller.client_id}@api.clarus.invalid"}}}
    )
    [edge] = result["data"]["subdomain_users"]["all"]["edges"]
    return int(edge["node"]["id"])


async def test_a_deactivated_user_can_no_longer_call(
    clients: ApiClientFactory, db: Database
) -> None:
    admin = await clients.new()
    integration = await _second_client(db, admin)
    integration_user = await _user_id_of(integration)
    response = await admin.patch(f"/api/users/{integration_user}", body(is_active=False))
    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["is_active"] is False
    refused = await integration.graphql_response("{ roles { all { edges { node { id } } } } }")
    assert refused.status_code == 401


async def test_a_caller_cannot_lock_itself_out(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    own_user = await _user_id_of(caller)
    before = await row_counts(db, caller.tenant_id)
    deactivated = await caller.patch(f"/api/users/{own_user}", body(is_active=False))
    deleted = await caller.delete(f"/api/users/{own_user}")
    for response in (deactivated, deleted):
        assert response.status_code == 422
        assert response.json()["errors"][0]["symbol"] == "record_in_use"
    assert deactivated.json()["errors"][0]["context"] == {"pointer": "/data/attributes/is_active"}
    assert await row_counts(db, caller.tenant_id) == before


async def test_the_api_user_of_a_live_client_cannot_be_deleted(
    clients: ApiClientFactory, db: Database
) -> None:
    admin = await clients.new()
    integration = await _second_client(db, admin)
    integration_user = await _user_id_of(integration)
    refused = await admin.delete(f"/api/users/{integration_user}")
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert error["symbol"] == "record_in_use"
    assert error["context"]["resource"] == "api_clients"
    async with db.write_session() as session:
        await auth_service.revoke_api_client(session=session, client_id=integration.client_id)
    assert (await admin.delete(f"/api/users/{integration_user}")).status_code == 204
    async with db.read_session() as session:
        assert await auth_service.find_client(session, integration.client_id) is None


async def default_role_id(caller: Caller) -> int:
    """The tenant's default role, as its subdomain shows it."""
    response = await caller.patch(
        f"/api/subdomains/{caller.tenant_id}", body("subdomains", is_live=False)
    )
    assert response.status_code == 200, response.text
    role_id: int = response.json()["data"]["attributes"]["default_role_id"]
    return role_id


async def users_by_type(caller: Caller, user_type: str) -> list[Any]:
    result = await caller.graphql(
        "query($filter: SubdomainUserFilterType) { subdomain_users { all(filter: $filter) {"
        " edges { node { user { id role_id } } } } } }",
        {"filter": {"user_type": {"eq": user_type}}},
    )
    return [edge["node"]["user"] for edge in result["data"]["subdomain_users"]["all"]["edges"]]


async def test_a_user_made_without_a_role_gets_the_tenants_default_role(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    default = await default_role_id(caller)
    [role] = (await caller.graphql("{ roles { all { edges { node { id name } } } } }"))["data"][
        "roles"
    ]["all"]["edges"]
    assert role["node"] == {"id": str(default), "name": "Default"}
    response = await caller.post("/api/users", body(email="ann@example.com"))
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"]["role_id"] == default
    [api_user] = await users_by_type(caller, "api")
    assert api_user["role_id"] == str(default)


async def test_taking_a_users_role_away_gives_it_the_default_role(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    user = await create_user(caller)
    assert user["attributes"]["role_id"] != await default_role_id(caller)
    response = await caller.patch(f"/api/users/{user['id']}", body(role_id=None, name="Ann"))
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"]["role_id"] == await default_role_id(caller)
    renamed = await caller.patch(f"/api/users/{user['id']}", body(name="Ann B"))
    assert renamed.json()["data"]["attributes"]["role_id"] == await default_role_id(caller)


async def test_the_tenant_chooses_its_default_role_and_cannot_delete_it(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    pickers = await create_role(caller, "Pickers")
    changed = await caller.patch(
        f"/api/subdomains/{caller.tenant_id}", body("subdomains", default_role_id=pickers)
    )
    assert changed.json()["data"]["attributes"]["default_role_id"] == pickers
    before = await row_counts(db, caller.tenant_id)
    refused = await caller.delete(f"/api/roles/{pickers}")
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert (error["symbol"], error["context"]) == (
        "record_in_use",
        {"resource": "subdomains", "ids": [caller.tenant_id], "count": 1},
    )
    for role_id in (None, await default_role_id(other)):
        response = await caller.patch(
            f"/api/subdomains/{caller.tenant_id}", body("subdomains", default_role_id=role_id)
        )
        assert response.status_code == 422, response.text
        [error] = response.json()["errors"]
        assert error["context"]["pointer"] == "/data/attributes/default_role_id"
    assert await row_counts(db, caller.tenant_id) == before
    response = await caller.post("/api/users", body(email="ann@example.com"))
    assert response.json()["data"]["attributes"]["role_id"] == pickers


async def test_users_need_the_admin_scope(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new(scopes=("read", "write"))
    response = await caller.post("/api/users", body(email="a@example.com", role_id=1))
    assert response.status_code == 403


INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing required", {"email": None}, "missing_field", "email"),
    ("blank string", {"name": ""}, "blank_value", "name"),
    ("unknown attribute", {"password": "secret"}, "unknown_attribute", "password"),
    ("bad enum", {"user_type": "robot"}, "invalid_enum_value", "user_type"),
    ("not an email", {"email": "john.example.com"}, "invalid_value", "email"),
    ("unknown time zone", {"timezone": "Mars/Olympus"}, "invalid_value", "timezone"),
    ("over-long string", {"string1": "s" * 256}, "too_long", "string1"),
    ("string for id", {"role_id": "1"}, "invalid_type", "role_id"),
]


@pytest.mark.parametrize(
    ("case", "changes", "symbol", "field"), INVALID, ids=[case[0] for case in INVALID]
)
async def test_invalid_input_is_refused_and_writes_nothing(
    clients: ApiClientFactory,
    db: Database,
    case: str,
    changes: dict[str, Any],
    symbol: str,
    field: str,
) -> None:
    caller = await clients.new()
    role_id = await create_role(caller)
    values = {"email": "ann@example.com", "role_id": role_id, **changes}
    attributes = {name: value for name, value in values.items() if value is not None}
    before = await row_counts(db, caller.tenant_id)
    response = await caller.post("/api/users", body(**attributes))
    assert response.status_code == 422, response.text
    assert [(e["symbol"], e["context"]["pointer"]) for e in response.json()["errors"]] == [
        (symbol, f"/data/attributes/{field}")
    ]
    assert await row_counts(db, caller.tenant_id) == before


async def test_a_role_of_another_tenant_is_not_found(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    foreign_role = await create_role(other)
    before = await row_counts(db, caller.tenant_id)
    response = await caller.post("/api/users", body(email="a@example.com", role_id=foreign_role))
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["symbol"], error["context"]["pointer"]) == (
        "reference_not_found",
        "/data/attributes/role_id",
    )
    assert await row_counts(db, caller.tenant_id) == before


async def test_the_documented_example_query_runs(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    john = await create_user(caller, email="john@acme.com", name="John Smith")
    await create_user(caller, email="mary@acme.com", name="Mary Jones")
    result = await caller.graphql(LIST, {"filter": {"user_email": {"ilike": "john"}}})
    assert without_cost(result) == {
        "data": {
            "subdomain_users": {
                "all": {
                    "edges": [
                        {
                            "node": {
                                "id": str(john["id"]),
                                "user": {
                                    "id": str(john["id"]),
                                    "name": "John Smith",
                                    "email": "john@acme.com",
                                },
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
        ({"user_name": {"eq": "Mary Jones"}}, ["mary@acme.com"]),
        (
            {"user_email": {"in": ["john@acme.com", "mary@acme.com"]}},
            ["john@acme.com", "mary@acme.com"],
        ),
        ({"user_type": {"eq": "account"}}, ["mary@acme.com"]),
        ({"is_active": {"eq": False}}, ["john@acme.com"]),
        ({"updated_at": {"to": "2000-01-01T00:00:00Z"}}, []),
    ],
    ids=str,
)
async def test_filters(
    clients: ApiClientFactory, filter_: dict[str, Any], expected: list[str]
) -> None:
    caller = await clients.new()
    await create_user(caller, email="john@acme.com", name="John Smith", is_active=False)
    await create_user(caller, email="mary@acme.com", name="Mary Jones", user_type="account")
    result = await caller.graphql(
        "query($filter: SubdomainUserFilterType) { subdomain_users { all(filter: $filter) {"
        " edges { node { user { email user_type is_active role_id } } } } } }",
        {"filter": filter_},
    )
    edges = result["data"]["subdomain_users"]["all"]["edges"]
    assert [edge["node"]["user"]["email"] for edge in edges] == expected
