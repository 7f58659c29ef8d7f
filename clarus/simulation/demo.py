"""`clarus demo`: a ready tenant to try the API with, created idempotently."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.auth import service as auth_service
from clarus.auth.models import ApiClient, Role, User
from clarus.auth.passwords import hash_password
from clarus.auth.scopes import Scope
from clarus.auth.secrets import new_token
from clarus.core.db import Base
from clarus.masterdata.models import Account, Warehouse
from clarus.tenancy import service as tenancy_service
from clarus.tenancy.models import Tenant

ModelT = TypeVar("ModelT", bound=Base)
DEMO_SUBDOMAIN = "demo"
DEMO_CLIENT_NAME = "Demo integration"
DEMO_USER_EMAIL = "admin@demo.example.com"
DEMO_WAREHOUSE_CODE = "MAIN"
DEMO_ACCOUNT_CODE = "DEMO"


@dataclass(frozen=True)
class DemoAppUser:
    """A person of the demo tenant who signs in to the operator app, with a role that gives
    them its pages."""

    email: str
    name: str
    role_name: str
    scopes: tuple[Scope, ...]


DEMO_OPERATOR = DemoAppUser(
    "operator@demo.example.com", "Demo operator", "Operator", (Scope.WRITE,)
)
"""Works the floor on a handheld: receive, put away, pick, move, count, replenish, load."""
DEMO_SUPERVISOR = DemoAppUser(
    "supervisor@demo.example.com", "Demo supervisor", "Supervisor", (Scope.READ, Scope.WRITE)
)
"""Runs the office: the dashboard, orders and receipts, and the handheld screens too."""
DEMO_APP_USERS = (DEMO_OPERATOR, DEMO_SUPERVISOR)


@dataclass(frozen=True)
class DemoCredentials:
    subdomain: str
    client_id: str
    client_secret: str
    user_email: str
    user_password: str
    tenant_id: int
    user_id: int
    app_passwords: tuple[str, ...] = ()
    """The passwords of `DEMO_APP_USERS`, in their order."""


async def _tenant(session: AsyncSession) -> Tenant:
    tenant = await tenancy_service.find_by_subdomain(session, DEMO_SUBDOMAIN)
    if tenant is None:
        tenant = await tenancy_service.create_tenant(
            session=session, subdomain=DEMO_SUBDOMAIN, company_name="Demo Warehouse Ltd"
        )
    return tenant


async def _first(session: AsyncSession, model: type[ModelT], **criteria: object) -> ModelT | None:
    statement = select(model).filter_by(**criteria).limit(1)
    return (await session.execute(statement)).scalar_one_or_none()


async def ensure_demo(*, session: AsyncSession, redirect_uri: str) -> DemoCredentials:
    """Create what is missing of the demo tenant; the client's and user's secrets are renewed
    (only their hashes are kept, so re-running is the way to see them again)."""
    tenant = await _tenant(session)
    if await _first(session, Warehouse, tenant_id=tenant.id, code=DEMO_WAREHOUSE_CODE) is None:
        session.add(Warehouse(tenant_id=tenant.id, code=DEMO_WAREHOUSE_CODE, name="Main warehouse"))
    if await _first(session, Account, tenant_id=tenant.id, code=DEMO_ACCOUNT_CODE) is None:
        session.add(Account(tenant_id=tenant.id, code=DEMO_ACCOUNT_CODE, name="Demo account"))
    client = await _first(session, ApiClient, tenant_id=tenant.id, name=DEMO_CLIENT_NAME)
    if client is not None:
        secret = await auth_service.rotate_client_secret(session=session, client=client)
        client.revoked_at = None
        if redirect_uri not in client.redirect_uris.split():
            client.redirect_uris = f"{client.redirect_uris} {redirect_uri}".strip()
    else:
        issued = await auth_service.create_api_client(
            session=session, tenant=tenant, name=DEMO_CLIENT_NAME, redirect_uris=(redirect_uri,)
        )
        client, secret = issued.client, issued.client_secret
    password = new_token()[:16]
    user = await _first(session, User, tenant_id=tenant.id, email=DEMO_USER_EMAIL)
    if user is not None:
        user.password_hash = await hash_password(password)
    else:
        user = await auth_service.create_user(
            session=session,
            tenant_id=tenant.id,
            email=DEMO_USER_EMAIL,
            name="Demo admin",
            password=password,
        )
    await session.flush()
    app_passwords = tuple(
        [await _app_user(session, tenant.id, app_user) for app_user in DEMO_APP_USERS]
    )
    return DemoCredentials(
        DEMO_SUBDOMAIN,
        client.client_id,
        secret,
        DEMO_USER_EMAIL,
        password,
        tenant.id,
        user.id,
        app_passwords,
    )


async def _app_user(session: AsyncSession, tenant_id: int, app_user: DemoAppUser) -> str:
    """The app user and their role, made or given a new password (and their role its scopes
    back); the password."""
    permissions = [scope.value for scope in app_user.scopes]
    role = await _first(session, Role, tenant_id=tenant_id, name=app_user.role_name)
    if role is None:
        role = Role(tenant_id=tenant_id, name=app_user.role_name, permissions=permissions)
        session.add(role)
        await session.flush()
    role.permissions = permissions
    password = new_token()[:16]
    user = await _first(session, User, tenant_id=tenant_id, email=app_user.email)
    if user is None:
        user = User(tenant_id=tenant_id, email=app_user.email, name=app_user.name, role_id=role.id)
        session.add(user)
    user.role_id, user.is_active = role.id, True
    user.password_hash = await hash_password(password)
    await session.flush()
    return password
