"""One tenant never sees or changes another's records, through any door."""

from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.support import ApiClientFactory, row_counts

UNAUTHENTICATED = {"error": "Invalid or expired access token, or unknown subdomain."}


def body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "accounts", "attributes": attributes}}


async def test_tenant_b_cannot_change_or_delete_tenant_a_account(
    clients: ApiClientFactory, db: Database
) -> None:
    tenant_a, tenant_b = await clients.new(), await clients.new()
    account = await tenant_a.create_account(code="MINE")
    before = await row_counts(db, tenant_a.tenant_id)
    patched = await tenant_b.patch(f"/api/accounts/{account['id']}", body(name="Stolen"))
    deleted = await tenant_b.delete(f"/api/accounts/{account['id']}")
    missing = await tenant_b.delete("/api/accounts/987654321")
    assert patched.status_code == deleted.status_code == 404
    assert patched.json()["errors"][0]["symbol"] == "record_not_found"
    assert deleted.json()["errors"][0]["symbol"] == missing.json()["errors"][0]["symbol"]
    assert await row_counts(db, tenant_a.tenant_id) == before


async def test_graphql_lists_only_the_callers_tenant(clients: ApiClientFactory) -> None:
    tenant_a, tenant_b = await clients.new(), await clients.new()
    await tenant_a.create_account(code="A1")
    await tenant_b.create_account(code="B1")
    result = await tenant_b.graphql("{ accounts { all { total_count edges { node { code } } } } }")
    connection = result["data"]["accounts"]["all"]
    assert connection["total_count"] == 1
    assert [edge["node"]["code"] for edge in connection["edges"]] == ["B1"]


async def test_a_cursor_of_one_tenant_is_refused_in_another(clients: ApiClientFactory) -> None:
    tenant_a, tenant_b = await clients.new(), await clients.new()
    await tenant_a.create_account(code="A1")
    await tenant_a.create_account(code="A2")
    await tenant_b.create_account(code="B1")
    query = (
        "query($after: String) { accounts { all(first: 1, after: $after) { edges { cursor } } } }"
    )
    page = await tenant_a.graphql(query)
    cursor = page["data"]["accounts"]["all"]["edges"][0]["cursor"]
    result = await tenant_b.graphql(query, {"after": cursor})
    assert result["data"] is None
    assert result["errors"][0]["message"] == "The cursor is not valid."


async def test_a_token_only_works_with_its_own_subdomain(clients: ApiClientFactory) -> None:
    tenant_a, tenant_b = await clients.new(), await clients.new()
    foreign = await tenant_a.http.post(
        "/api/accounts",
        json=body(code="X", name="x"),
        headers={
            "Authorization": f"Bearer {tenant_a.token}",
            "X-Clarus-Subdomain": tenant_b.subdomain,
        },
    )
    unknown = await tenant_a.http.post(
        "/api/accounts",
        json=body(code="X", name="x"),
        headers={
            "Authorization": f"Bearer {tenant_a.token}",
            "X-Clarus-Subdomain": "no-such-tenant",
        },
    )
    bad_token = await tenant_a.http.post(
        "/api/accounts",
        json=body(code="X", name="x"),
        headers={"Authorization": "Bearer not-a-token", "X-Clarus-Subdomain": tenant_a.subdomain},
    )
    no_token = await tenant_a.http.post(
        "/api/accounts",
        json=body(code="X", name="x"),
        headers={"X-Clarus-Subdomain": tenant_a.subdomain},
    )
    for response in (foreign, unknown, bad_token, no_token):
        assert response.status_code == 401
        assert response.json() == UNAUTHENTICATED
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="clarus"'
    assert foreign.content == unknown.content == bad_token.content == no_token.content


async def test_the_subdomain_header_is_required(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    for path, payload in (
        ("/api/accounts", body(code="X", name="x")),
        ("/graphql", {"query": "{ accounts { all { total_count } } }"}),
    ):
        response = await caller.http.post(
            path, json=payload, headers={"Authorization": f"Bearer {caller.token}"}
        )
        assert response.status_code == 400
        [error] = response.json()["errors"]
        assert error["symbol"] == "missing_header"
        assert error["context"]["pointer"] == "/headers/X-Clarus-Subdomain"
        assert "X-Clarus-Subdomain" in error["details"]


async def test_the_subdomain_header_is_case_insensitive(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.http.post(
        "/graphql",
        json={"query": "{ accounts { all { total_count } } }"},
        headers={
            "Authorization": f"Bearer {caller.token}",
            "X-Clarus-Subdomain": caller.subdomain.upper(),
        },
    )
    assert response.status_code == 200
