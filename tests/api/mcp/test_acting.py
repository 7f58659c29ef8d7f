"""`Acting.as_user_app`: a tool's in-process REST and GraphQL calls go through the same routes,
scopes and validation as any client's, as the acting user, with no token."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from clarus.api.mcp.acting import Acting
from clarus.auth.service import resolve_principal
from clarus.core.db import Database
from clarus.core.settings import Settings
from tests.support import ApiClientFactory, Caller, resource_body


async def _acting(caller: Caller, app: FastAPI, db: Database, settings: Settings) -> Acting:
    async with db.read_session() as session:
        resolved = await resolve_principal(
            session, subdomain=caller.subdomain, access_token=caller.token
        )
    assert resolved is not None
    return Acting(principal=resolved.principal, db=db, settings=settings, app=app)


def _as_user(acting: Acting, subdomain: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=acting.as_user_app()),
        base_url="http://clarus.internal",
        headers={"X-Clarus-Subdomain": subdomain},
    )


async def test_an_in_process_call_acts_as_the_principal_without_a_token(
    clients: ApiClientFactory, app: FastAPI, db: Database, settings: Settings
) -> None:
    caller = await clients.new()
    acting = await _acting(caller, app, db, settings)
    async with _as_user(acting, caller.subdomain) as as_user:
        made = await as_user.post(
            "/api/accounts", json=resource_body("accounts", code="ACT-1", name="Acting")
        )
        read = await as_user.post(
            "/graphql", json={"query": "{ accounts { all { edges { node { code } } } } }"}
        )
    assert made.status_code == 200, made.text
    assert read.json()["data"]["accounts"]["all"]["edges"] == [{"node": {"code": "ACT-1"}}]


async def test_an_in_process_call_keeps_the_principals_scopes(
    clients: ApiClientFactory, app: FastAPI, db: Database, settings: Settings
) -> None:
    caller = await clients.new(scopes=("read",))
    acting = await _acting(caller, app, db, settings)
    async with _as_user(acting, caller.subdomain) as as_user:
        refused = await as_user.post(
            "/api/accounts", json=resource_body("accounts", code="ACT-2", name="Acting")
        )
    assert refused.status_code == 403
