"""The pipeline every resource shares: OpenAPI, docs, request ids, health, limits, 404s."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from clarus.api.graphql import endpoint as graphql_endpoint
from clarus.api.rest import envelope
from clarus.auth import service as auth_service
from clarus.core.db import Database
from tests.support import ApiClientFactory, row_counts


async def test_openapi_declares_both_security_schemes(http: httpx.AsyncClient) -> None:
    document = (await http.get("/openapi.json")).json()
    schemes = document["components"]["securitySchemes"]
    assert schemes["ClarusSubdomain"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-Clarus-Subdomain",
        "description": schemes["ClarusSubdomain"]["description"],
    }
    flows = schemes["BearerAuth"]["flows"]
    assert schemes["BearerAuth"]["type"] == "oauth2"
    assert flows["clientCredentials"]["tokenUrl"] == "/oauth/token"
    assert flows["authorizationCode"]["authorizationUrl"] == "/oauth/authorize"
    assert set(flows["clientCredentials"]["scopes"]) == {"read", "write", "admin"}
    create = document["paths"]["/api/accounts"]["post"]
    assert create["security"] == [{"BearerAuth": ["write"], "ClarusSubdomain": []}]
    query = document["paths"]["/graphql"]["post"]
    assert query["security"] == [{"BearerAuth": ["read"], "ClarusSubdomain": []}]


async def test_openapi_documents_404_on_one_record_and_413_on_every_body(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    document = (await caller.http.get("/openapi.json")).json()
    undocumented = [
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        if "{" in path
        for method, operation in item.items()
        if "404" not in operation["responses"]
    ]
    assert undocumented == []
    without_413 = [
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if "requestBody" in operation and "413" not in operation["responses"]
    ]
    assert without_413 == []
    response = await caller.http.delete("/api/accounts/999999", headers=caller.headers())
    assert response.status_code == 404
    assert response.json()["errors"][0]["symbol"] == "record_not_found"


async def test_openapi_documents_the_account_body(http: httpx.AsyncClient) -> None:
    document = (await http.get("/openapi.json")).json()
    operation = document["paths"]["/api/accounts"]["post"]
    assert operation["operationId"] == "createAccount"
    reference = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    body = document["components"]["schemas"][reference.rsplit("/", 1)[1]]
    data = document["components"]["schemas"][body["properties"]["data"]["$ref"].rsplit("/", 1)[1]]
    attributes = document["components"]["schemas"]["AccountAttributes"]
    assert data["properties"]["type"]["const"] == "accounts"
    assert sorted(attributes["required"]) == ["code", "name"]
    assert attributes["properties"]["code"]["maxLength"] == 20
    pack = attributes["properties"]["pack_strategy"]["anyOf"][0]
    assert pack["enum"] == ["disabled", "pack_by_line", "pack_by_unit"]
    paths = document["paths"]
    assert {"patch", "delete"} <= set(paths["/api/accounts/{id}"])
    assert not any(path.startswith("/api/v1") for path in paths)


async def test_swagger_ui_authorizes_with_pkce(http: httpx.AsyncClient) -> None:
    page = await http.get("/docs")
    assert page.status_code == 200
    assert "usePkceWithAuthorizationCodeGrant" in page.text
    assert "/openapi.json" in page.text


async def test_every_response_has_a_request_id(http: httpx.AsyncClient) -> None:
    generated = await http.get("/healthz")
    echoed = await http.get("/healthz", headers={"X-Request-Id": "abc-123"})
    rejected = await http.get("/healthz", headers={"X-Request-Id": "bad id\twith spaces"})
    assert len(generated.headers["X-Request-Id"]) == 32
    assert echoed.headers["X-Request-Id"] == "abc-123"
    assert rejected.headers["X-Request-Id"] != "bad id\twith spaces"


def crash(*_args: Any, **_kwargs: Any) -> Any:
    raise RuntimeError("a bug")


@pytest.mark.parametrize(
    ("patched", "name", "method", "path", "request_options"),
    [
        (envelope, "parse_envelope", "POST", "/api/accounts", {"json": {}}),
        (graphql_endpoint, "parse_json_body", "POST", "/graphql", {"json": {}}),
        (
            auth_service,
            "grant_client_credentials",
            "POST",
            "/oauth/token",
            {"data": {"grant_type": "client_credentials"}},
        ),
    ],
    ids=["rest", "graphql", "oauth"],
)
async def test_an_unexpected_error_is_a_500_with_the_request_id(
    clients: ApiClientFactory,
    app: object,
    monkeypatch: pytest.MonkeyPatch,
    patched: object,
    name: str,
    method: str,
    path: str,
    request_options: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Logged with its traceback, too: only a client hanging up is logged quietly."""
    caller = await clients.new()
    monkeypatch.setattr(patched, name, crash)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://clarus.test") as http:
        response = await http.request(
            method,
            path,
            headers=caller.headers(**{"X-Request-Id": "req-500"}),
            auth=(caller.client_id, caller.client_secret) if path == "/oauth/token" else None,
            **request_options,
        )
    assert response.status_code == 500, response.text
    assert response.json()["errors"][0]["symbol"] == "internal_error"
    assert response.headers["X-Request-Id"] == "req-500"
    [logged] = [record for record in caplog.records if record.name == "clarus.api"]
    assert logged.getMessage() == f"unhandled error on {method} {path}"
    assert logged.exc_info is not None
    assert str(logged.exc_info[1]) == "a bug"


async def test_health_and_readiness(http: httpx.AsyncClient) -> None:
    assert (await http.get("/healthz")).json() == {"status": "ok"}
    assert (await http.get("/readyz")).json() == {"status": "ok", "database": "ok"}


async def test_an_oversized_body_is_413(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    huge = {"data": {"type": "accounts", "attributes": {"code": "A", "name": "x" * 2_000_000}}}
    response = await caller.post("/api/accounts", huge)
    assert response.status_code == 413
    assert response.json()["errors"][0]["symbol"] == "payload_too_large"


async def test_a_chunked_oversized_body_is_413(clients: ApiClientFactory) -> None:
    caller = await clients.new()

    async def chunks() -> object:
        yield b'{"data": {"type": "accounts", "attributes": {"code": "A", "name": "'
        for _ in range(40):
            yield b"x" * 65_536
        yield b'"}}}'

    response = await caller.http.post(
        "/api/accounts",
        content=chunks(),
        headers=caller.headers(**{"Content-Type": "application/json"}),
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("content_length", "status"),
    [
        ("9" * 5000, 413),
        ("0" * 5000 + "2", 422),
        ("\u00b2", 422),
    ],
    ids=["more-digits-than-python-reads", "leading-zeros", "not-ascii-digits"],
)
async def test_a_content_length_of_any_form_is_read_without_failing(
    clients: ApiClientFactory, db: Database, content_length: str, status: int
) -> None:
    """A `Content-Length` of more digits than an int is read from is over any limit; one that
    is not ASCII digits declares nothing, and the body is counted as it arrives."""
    caller = await clients.new()
    before = await row_counts(db, caller.tenant_id)
    response = await caller.http.post(
        "/api/accounts",
        content=b"{}",
        headers={
            **caller.headers(**{"Content-Type": "application/json"}),
            "Content-Length": content_length.encode("latin-1"),
        },
    )
    assert response.status_code == status, response.text
    assert response.headers["X-Request-Id"]
    assert await row_counts(db, caller.tenant_id) == before


async def test_deeply_nested_json_is_refused_cleanly(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    nested = (
        b'{"data": {"type": "accounts", "attributes": {"code": "A", "name": "x", "x": '
        + (b"[" * 5000)
        + (b"]" * 5000)
        + b"}}}"
    )
    response = await caller.http.post(
        "/api/accounts",
        content=nested,
        headers=caller.headers(**{"Content-Type": "application/json"}),
    )
    assert response.status_code in (400, 422)
    assert "errors" in response.json()


async def test_unknown_routes_and_methods_use_the_error_format(http: httpx.AsyncClient) -> None:
    missing = await http.get("/api/nothing-here")
    wrong_method = await http.put("/api/accounts")
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["symbol"] == "route_not_found"
    assert wrong_method.status_code == 405
    assert wrong_method.json()["errors"][0]["symbol"] == "method_not_allowed"


def test_deadlocks_and_serialization_failures_are_retryable_conflicts() -> None:
    """PostgreSQL rolls such a transaction back whole; the route answers 409 (retry), not 500.
    (Hard to provoke on demand through HTTP; the mapping is checked on the errors themselves.)"""
    from sqlalchemy.exc import DBAPIError

    from clarus.api.rest.routing import RETRYABLE_SQLSTATES
    from clarus.core.db import sqlstate

    class DriverError(Exception):
        def __init__(self, sqlstate: str) -> None:
            super().__init__(sqlstate)
            self.sqlstate = sqlstate

    deadlock = DBAPIError("UPDATE stocks", {}, DriverError("40P01"))
    unique = DBAPIError("INSERT", {}, DriverError("23505"))
    assert sqlstate(deadlock) in RETRYABLE_SQLSTATES
    assert sqlstate(unique) not in RETRYABLE_SQLSTATES


async def test_a_get_of_a_rest_record_says_that_reads_are_graphql(
    clients: ApiClientFactory,
) -> None:
    """405 naming the GraphQL root and a query for the record, which finds it."""
    caller = await clients.new()
    account = await caller.create_account(code="ACME")
    record = await caller.http.get(f"/api/accounts/{account['id']}", headers=caller.headers())
    collection = await caller.http.get("/api/v1/users", headers=caller.headers())
    assert record.status_code == 405
    [error] = record.json()["errors"]
    condition = f"filter: {{id: {{eq: {account['id']}}}}}"
    query = f"accounts {{ all({condition}) {{ edges {{ node {{ id }} }} }} }}"
    assert error == {
        "code": 1033,
        "symbol": "method_not_allowed",
        "details": f"Reads are GraphQL: query `{query}` at /graphql (POST, read scope).",
        "source": None,
        "context": {"graphql_root": "accounts"},
    }
    found = await caller.graphql(f"{{ {query} }}")
    assert found["data"]["accounts"]["all"]["edges"] == [{"node": {"id": str(account["id"])}}]
    assert collection.status_code == 405
    assert collection.json()["errors"][0]["context"] == {"graphql_root": "subdomain_users"}


async def test_other_wrong_methods_keep_the_plain_405(http: httpx.AsyncClient) -> None:
    response = await http.put("/api/accounts")
    assert response.status_code == 405
    assert response.json()["errors"][0]["details"] == "This method is not allowed here."


async def test_the_root_sends_a_browser_to_the_docs(http: httpx.AsyncClient) -> None:
    browser = await http.get("/", headers={"Accept": "text/html,application/xhtml+xml"})
    client = await http.get("/", headers={"Accept": "application/json"})
    assert browser.status_code == 303
    assert browser.headers["Location"] == "/docs"
    assert client.status_code == 404
    assert client.json()["errors"][0]["symbol"] == "route_not_found"
