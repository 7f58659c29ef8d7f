"""Helpers the tests share: tenants with API clients, and calls through the public HTTP API."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from clarus.auth import service as auth_service
from clarus.auth.scopes import ALL_SCOPES
from clarus.core.db import Database
from clarus.core.secret_box import SecretBox
from clarus.tenancy import service as tenancy_service

TEST_SECRET_KEY = "092yL8iKSWyr0gOjIAL_lZ5v8d0qNeRxAsScPPRSA20="
"""The Fernet key the tests' apps seal webhook secrets with (`make_settings`); for tests only."""
TEST_SECRET_BOX = SecretBox([TEST_SECRET_KEY])


@dataclass
class Caller:
    """A tenant's API client, calling through HTTP with its token and subdomain."""

    http: httpx.AsyncClient
    subdomain: str
    tenant_id: int
    client_id: str
    client_secret: str
    token: str = ""
    extra_headers: dict[str, str] = field(default_factory=dict)

    def headers(self, **extra: str) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.token}",
            "X-Clarus-Subdomain": self.subdomain,
            **self.extra_headers,
            **extra,
        }

    async def fetch_token(self, scope: str | None = None) -> str:
        form = {"grant_type": "client_credentials"}
        if scope is not None:
            form["scope"] = scope
        response = await self.http.post(
            "/oauth/token", data=form, auth=(self.client_id, self.client_secret)
        )
        assert response.status_code == 200, response.text
        self.token = response.json()["access_token"]
        return self.token

    async def post(self, path: str, json: Any, **headers: str) -> httpx.Response:
        return await self.http.post(path, json=json, headers=self.headers(**headers))

    async def patch(self, path: str, json: Any, **headers: str) -> httpx.Response:
        return await self.http.patch(path, json=json, headers=self.headers(**headers))

    async def delete(self, path: str, **headers: str) -> httpx.Response:
        return await self.http.delete(path, headers=self.headers(**headers))

    async def graphql_response(
        self, query: str, variables: dict[str, Any] | None = None
    ) -> httpx.Response:
        return await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers=self.headers(),
        )

    async def graphql(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        response = await self.graphql_response(query, variables)
        assert response.status_code == 200, response.text
        return response.json()

    async def create(
        self,
        resource_type: str,
        *,
        relationships: dict[str, Any] | None = None,
        **attributes: Any,
    ) -> dict[str, Any]:
        """`POST /api/<resource_type>`; the response body, whatever its documented shape."""
        body = resource_body(resource_type, **attributes)
        if relationships is not None:
            body["data"]["relationships"] = relationships
        response = await self.post(f"/api/{resource_type}", body)
        assert response.status_code == 200, response.text
        created: dict[str, Any] = response.json()
        return created

    async def create_account(self, code: str | None = None, **attributes: Any) -> dict[str, Any]:
        body = {
            "data": {
                "type": "accounts",
                "attributes": {"code": code or unique_code(), "name": "Account", **attributes},
            }
        }
        response = await self.post("/api/accounts", body)
        assert response.status_code == 200, response.text
        data: dict[str, Any] = response.json()["data"]
        return data

    async def create_warehouse(self, code: str | None = None, **attributes: Any) -> dict[str, Any]:
        created = await self.create(
            "warehouses", **{"code": code or unique_code("W"), "name": "Warehouse", **attributes}
        )
        data: dict[str, Any] = created["data"]
        return data

    async def create_location_type(
        self, code: str | None = None, **attributes: Any
    ) -> dict[str, Any]:
        created = await self.create(
            "location_types", **{"code": code or unique_code("T"), "name": "Type", **attributes}
        )
        data: dict[str, Any] = created["data"]
        return data

    async def create_location(
        self,
        code: str | None = None,
        *,
        warehouse_id: int | None = None,
        location_type_id: int | None = None,
        **attributes: Any,
    ) -> dict[str, Any]:
        """A location; a new warehouse and location type unless their ids are given."""
        if warehouse_id is None:
            warehouse_id = (await self.create_warehouse())["id"]
        if location_type_id is None:
            location_type_id = int((await self.create_location_type())["id"])
        created = await self.create(
            "locations",
            code=code or unique_code("L"),
            warehouse_id=warehouse_id,
            location_type_id=location_type_id,
            **attributes,
        )
        data: dict[str, Any] = created["data"]
        return data


def resource_body(resource_type: str, **attributes: Any) -> dict[str, Any]:
    return {"data": {"type": resource_type, "attributes": attributes}}


def unique_code(prefix: str = "C") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10].upper()}"


class ApiClientFactory:
    """Makes a fresh tenant and API client per call, so no test sees another's rows."""

    def __init__(self, http: httpx.AsyncClient, db: Database) -> None:
        self.http = http
        self.db = db

    async def new(
        self,
        *,
        scopes: tuple[str, ...] = ALL_SCOPES,
        redirect_uris: tuple[str, ...] = (),
        with_token: bool = True,
    ) -> Caller:
        subdomain = f"t-{uuid.uuid4().hex[:12]}"
        async with self.db.write_session() as session:
            tenant = await tenancy_service.create_tenant(
                session=session, subdomain=subdomain, company_name=f"Tenant {subdomain}"
            )
            issued = await auth_service.create_api_client(
                session=session,
                tenant=tenant,
                name="tests",
                scopes=frozenset(scopes),
                redirect_uris=redirect_uris,
            )
            tenant_id = tenant.id
        caller = Caller(
            self.http, subdomain, tenant_id, issued.client.client_id, issued.client_secret
        )
        if with_token:
            await caller.fetch_token()
        return caller


async def row_counts(db: Database, tenant_id: int) -> dict[str, int]:
    """How many rows of each tenant-owned table the tenant has: to prove nothing was written."""
    from sqlalchemy import func, select

    from clarus.registry import Base

    counts: dict[str, int] = {}
    async with db.read_session() as session:
        for table in Base.metadata.sorted_tables:
            if "tenant_id" in table.c:
                statement = (
                    select(func.count()).select_from(table).where(table.c.tenant_id == tenant_id)
                )
                counts[table.name] = (await session.execute(statement)).scalar_one()
    return counts


async def events_of(db: Database, tenant_id: int) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from clarus.core.models import Event

    async with db.read_session() as session:
        rows = await session.execute(
            select(Event.__table__).where(Event.tenant_id == tenant_id).order_by(Event.id)
        )
        return [dict(row) for row in rows.mappings()]


async def refused_errors(
    caller: Caller, db: Database, method: str, path: str, body: Any | None = None
) -> list[dict[str, Any]]:
    """Send a request that must be refused with 422 and write nothing (no row, no event);
    its problems, whole."""
    before = await row_counts(db, caller.tenant_id)
    response = await caller.http.request(method, path, json=body, headers=caller.headers())
    assert response.status_code == 422, response.text
    assert await row_counts(db, caller.tenant_id) == before
    errors: list[dict[str, Any]] = response.json()["errors"]
    return errors


def _symbol_and_pointer(error: dict[str, Any]) -> tuple[str, str | None]:
    return error["symbol"], (error["context"] or {}).get("pointer")


async def refused(
    caller: Caller, db: Database, method: str, path: str, body: Any | None = None
) -> list[tuple[str, str | None]]:
    """`refused_errors`: the `(symbol, pointer)` of each problem."""
    return [
        _symbol_and_pointer(error) for error in await refused_errors(caller, db, method, path, body)
    ]


async def assert_refused(
    caller: Caller,
    db: Database,
    method: str,
    path: str,
    body: Any,
    *,
    symbol: str,
    pointer: str | None,
) -> list[dict[str, Any]]:
    """`refused_errors`, one of them `symbol` at `pointer`; every problem, whole."""
    errors = await refused_errors(caller, db, method, path, body)
    found = [_symbol_and_pointer(error) for error in errors]
    assert (symbol, pointer) in found, found
    return errors


SPEC_PATH = Path(
    os.environ.get(
        "CLARUS_REFERENCE_SPEC", Path(__file__).parents[2] / "shared" / "spec" / "clarus-api.json"
    )
)


def reference_spec() -> dict[str, Any]:
    """The published contract, or a skip where this checkout has none beside it."""
    if not SPEC_PATH.exists():
        pytest.skip(f"reference spec not found at {SPEC_PATH} (set CLARUS_REFERENCE_SPEC)")
    spec: dict[str, Any] = json.loads(SPEC_PATH.read_text())
    return spec


def documented_attributes(path: str, method: str = "post") -> set[str]:
    """The request attributes `clarus-api.json` documents for an operation (inline, or a
    component schema it refers to)."""
    spec = reference_spec()
    operation = spec["paths"][path][method]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    attributes = schema["properties"]["data"]["properties"]["attributes"]
    if "$ref" in attributes:
        attributes = spec["components"]["schemas"][attributes["$ref"].rsplit("/", 1)[-1]]
    return set(attributes["properties"])


TOKEN_READ = "SELECT oauth_tokens."
"""How the caller's token lookup starts: the principal cache skips it for a second, so whether
a request runs it depends on the clock."""


RATE_LIMIT_TAKE = ("INSERT INTO rate_limit_buckets", "SET LOCAL synchronous_commit")
"""The rate limiter's take from the shared bucket (on PostgreSQL after turning off the wait for
the commit's flush), in a short transaction of its own: a process takes a lease of tokens for
its next requests, so whether a request runs it depends on the requests before."""


@contextmanager
def statements_run(
    db: Database, *, token_reads: bool = False, rate_limit_takes: bool = False
) -> Iterator[list[str]]:
    """The SQL statements run on the database inside the block (for N+1 guards); the token
    lookups only with `token_reads`, the rate limiter's takes only with `rate_limit_takes`
    (each runs in a session of its own: the `BEGIN` that opened a statement left out is left
    out too)."""
    statements: list[str] = []
    begun: dict[int, int] = {}
    """Per connection, where the `BEGIN` it sent last stands, while nothing followed it."""
    left_out: set[int] = set()
    unrecorded = (() if token_reads else (TOKEN_READ,)) + (
        () if rate_limit_takes else RATE_LIMIT_TAKE
    )

    def record(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        opened = begun.pop(id(connection), None)
        if statement.startswith(unrecorded):
            if opened is not None:
                left_out.add(opened)
            return
        if statement.startswith("BEGIN"):
            begun[id(connection)] = len(statements)
        statements.append(statement)

    engines = {db.write_engine.sync_engine, db.read_engine.sync_engine}
    for engine in engines:
        event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", record)
        statements[:] = [s for index, s in enumerate(statements) if index not in left_out]


def without_cost(result: dict[str, Any]) -> dict[str, Any]:
    """A response less its `extensions`, which must hold only the query's cost (compared
    exactly in test_query_limits.py)."""
    extensions = result.pop("extensions")
    assert set(extensions) == {"cost"}, extensions
    return result
