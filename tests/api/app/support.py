"""A tenant's operator app user and a browser-like HTTP client that signs them in."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
from fastapi import FastAPI

from clarus.auth import service as auth_service
from clarus.core.db import Database
from tests.support import ApiClientFactory, Caller

FORM_TOKEN = re.compile(r'<input type="hidden" name="csrf_token" value="([^"]+)">')
SESSION_COOKIE = "clarus_session"
PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class AppUser:
    """A person of `caller`'s tenant whose role has `permissions`; `caller` administers it
    over the API."""

    caller: Caller
    user_id: int
    email: str
    password: str

    @property
    def subdomain(self) -> str:
        return self.caller.subdomain

    @property
    def root(self) -> str:
        return f"/app/{self.subdomain}"


def resource(resource_type: str, **attributes: object) -> dict[str, object]:
    return {"data": {"type": resource_type, "attributes": attributes}}


async def new_app_user(
    clients: ApiClientFactory,
    db: Database,
    *,
    permissions: tuple[str, ...] = ("read", "write"),
    caller: Caller | None = None,
) -> AppUser:
    """A user with a password (set as `clarus user create` does) and a role given over the API."""
    caller = caller or await clients.new()
    role = await caller.post(
        "/api/roles",
        resource("roles", name=f"Role {uuid.uuid4().hex[:8]}", permissions=[*permissions]),
    )
    assert role.status_code == 200, role.text
    email = f"{uuid.uuid4().hex[:8]}@example.com"
    async with db.write_session() as session:
        user = await auth_service.create_user(
            session=session, tenant_id=caller.tenant_id, email=email, name="Ann", password=PASSWORD
        )
        user_id = user.id
    changed = await caller.patch(
        f"/api/users/{user_id}", resource("users", role_id=role.json()["data"]["id"])
    )
    assert changed.status_code == 200, changed.text
    return AppUser(caller, user_id, email, PASSWORD)


@asynccontextmanager
async def browser(
    app: FastAPI, base_url: str = "http://clarus.test"
) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client with its own cookie jar, as one browser is."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
        yield client


def form_token(page: httpx.Response) -> str:
    found = FORM_TOKEN.search(page.text)
    assert found is not None, page.text
    return found.group(1)


async def sign_in(
    http: httpx.AsyncClient, subdomain: str, email: str, password: str
) -> httpx.Response:
    """The sign-in page's form, filled in and posted."""
    page = await http.get(f"/app/{subdomain}/sign-in")
    assert page.status_code == 200, page.text
    return await http.post(
        f"/app/{subdomain}/sign-in",
        data={"csrf_token": form_token(page), "email": email, "password": password},
    )


async def signed_in(http: httpx.AsyncClient, user: AppUser) -> str:
    """Sign `user` in; the session cookie."""
    response = await sign_in(http, user.subdomain, user.email, user.password)
    assert response.status_code == 303, response.text
    return http.cookies[SESSION_COOKIE]
