"""API clients, tokens and grants. Callers own the transaction."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.auth import errors
from clarus.auth.models import ApiClient, AuthorizationCode, OAuthToken, User
from clarus.auth.passwords import UNUSABLE_PASSWORD_HASH, hash_password, verify_password
from clarus.auth.principal import Principal
from clarus.auth.resources import mcp_subdomain
from clarus.auth.roles import default_role_id
from clarus.auth.scopes import (
    ALL_SCOPES,
    format_scopes,
    parse_scopes,
    scopes_of_role,
    unknown_scopes,
)
from clarus.auth.secrets import new_client_id, new_token, token_hash, token_matches
from clarus.auth.tables import oauth_tokens, roles, users
from clarus.core.db import Database, UTCDateTime, utcnow
from clarus.core.settings import Settings
from clarus.tenancy.models import Tenant
from clarus.tenancy.service import is_valid_subdomain
from clarus.tenancy.tables import tenants

_CODE_CHALLENGE = re.compile(r"[A-Za-z0-9_-]{43}")
_CODE_VERIFIER = re.compile(r"[A-Za-z0-9._~-]{43,128}")


@dataclass(frozen=True)
class IssuedClient:
    client: ApiClient
    client_secret: str


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int
    scopes: str
    refresh_token: str | None = None


def _checked_scopes(requested: str | None, allowed: frozenset[str]) -> frozenset[str]:
    """The scopes a token gets: all the client may have by default, else a subset of them."""
    scopes = parse_scopes(requested)
    if not scopes:
        return allowed
    if unknown := unknown_scopes(scopes):
        raise errors.invalid_scope(f"Unknown scopes: {' '.join(sorted(unknown))}.")
    if not scopes <= allowed:
        raise errors.invalid_scope("The requested scopes exceed those granted to the client.")
    return scopes


async def create_api_client(
    *,
    session: AsyncSession,
    tenant: Tenant,
    name: str,
    scopes: frozenset[str] = frozenset(ALL_SCOPES),
    redirect_uris: tuple[str, ...] = (),
) -> IssuedClient:
    """Create a client with its dedicated API user; the secret is returned here and never again."""
    if unknown := unknown_scopes(scopes):
        raise errors.invalid_scope(f"Unknown scopes: {' '.join(sorted(unknown))}.")
    if not scopes:
        raise errors.invalid_scope("A client needs at least one scope.")
    client_id = new_client_id()
    user = User(
        tenant_id=tenant.id,
        email=f"{client_id}@api.clarus.invalid",
        name=name,
        user_type="api",
        role_id=await default_role_id(session, tenant_id=tenant.id),
    )
    session.add(user)
    await session.flush()
    secret = new_token("cs_")
    client = ApiClient(
        tenant_id=tenant.id,
        client_id=client_id,
        secret_hash=token_hash(secret),
        name=name,
        scopes=format_scopes(scopes),
        redirect_uris=" ".join(redirect_uris),
        user_id=user.id,
    )
    session.add(client)
    await session.flush()
    return IssuedClient(client, secret)


async def rotate_client_secret(*, session: AsyncSession, client: ApiClient) -> str:
    secret = new_token("cs_")
    client.secret_hash = token_hash(secret)
    await session.flush()
    return secret


def _is_storable(text: str) -> bool:
    """No stored value holds a NUL character (PostgreSQL text cannot), so none can match one."""
    return "\x00" not in text


async def find_client(session: AsyncSession, client_id: str) -> ApiClient | None:
    if not _is_storable(client_id):
        return None
    return (
        await session.execute(select(ApiClient).where(ApiClient.client_id == client_id))
    ).scalar_one_or_none()


async def revoke_api_client(*, session: AsyncSession, client_id: str) -> ApiClient | None:
    """Revoke a client and every token it holds."""
    client = await find_client(session, client_id)
    if client is None:
        return None
    now = utcnow()
    client.revoked_at = client.revoked_at or now
    await session.execute(
        update(oauth_tokens)
        .where(oauth_tokens.c.api_client_id == client.id, oauth_tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    await session.flush()
    return client


async def authenticate_client(
    session: AsyncSession, client_id: str, client_secret: str
) -> ApiClient:
    client = await find_client(session, client_id)
    if client is None or client.revoked_at is not None or client.is_public:
        raise errors.invalid_client()
    if not token_matches(client_secret, client.secret_hash):
        raise errors.invalid_client()
    return client


async def authenticate_public_client(session: AsyncSession, client_id: str) -> ApiClient:
    """A public client names itself; PKCE, not a secret, proves the code was issued to it."""
    client = await find_client(session, client_id)
    if client is None or client.revoked_at is not None or not client.is_public:
        raise errors.invalid_client()
    return client


async def _issue(
    session: AsyncSession,
    settings: Settings,
    *,
    client: ApiClient,
    user_id: int,
    scopes: frozenset[str],
    with_refresh_token: bool,
    resource: str | None = None,
) -> IssuedToken:
    now = utcnow()
    access_token = new_token("at_")
    refresh_token = new_token("rt_") if with_refresh_token else None
    await session.execute(
        insert(oauth_tokens).values(
            tenant_id=client.tenant_id,
            api_client_id=client.id,
            user_id=user_id,
            access_token_hash=token_hash(access_token),
            refresh_token_hash=token_hash(refresh_token) if refresh_token else None,
            scopes=format_scopes(scopes),
            expires_at=now + dt.timedelta(seconds=settings.access_token_lifetime_seconds),
            refresh_expires_at=(
                now + dt.timedelta(seconds=settings.refresh_token_lifetime_seconds)
                if refresh_token
                else None
            ),
            created_at=now,
            resource=resource,
        )
    )
    return IssuedToken(
        access_token=access_token,
        expires_in=settings.access_token_lifetime_seconds,
        scopes=format_scopes(scopes),
        refresh_token=refresh_token,
    )


async def checked_resource(
    session: AsyncSession, *, client: ApiClient, resource: str | None
) -> str | None:
    """The audience a grant asks for (RFC 8707): none (the API), or the address of the MCP
    server of the client's own tenant."""
    if resource is None:
        return None
    subdomain = (
        await session.execute(select(tenants.c.subdomain).where(tenants.c.id == client.tenant_id))
    ).scalar_one()
    if mcp_subdomain(resource) != subdomain:
        raise errors.invalid_target(
            "resource must be the address of this tenant's MCP server, <origin>/mcp/<subdomain>."
        )
    return resource


async def grant_client_credentials(
    *,
    session: AsyncSession,
    settings: Settings,
    client: ApiClient,
    scope: str | None,
    resource: str | None = None,
) -> IssuedToken:
    if client.is_public:
        raise errors.unauthorized_client("A public client may only use the authorization code.")
    scopes = _checked_scopes(scope, parse_scopes(client.scopes))
    return await _issue(
        session,
        settings,
        client=client,
        user_id=client.user_id,
        scopes=scopes,
        with_refresh_token=False,
        resource=await checked_resource(session, client=client, resource=resource),
    )


def pkce_s256(code_verifier: str) -> str:
    digest = hashlib.sha256(code_verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def is_valid_code_challenge(code_challenge: str) -> bool:
    """An S256 challenge is an unpadded base64url SHA-256 digest: 43 characters (RFC 7636)."""
    return _CODE_CHALLENGE.fullmatch(code_challenge) is not None


def pkce_matches(code_verifier: str, code_challenge: str) -> bool:
    """A verifier is 43 to 128 unreserved characters whose S256 is the challenge (RFC 7636)."""
    if _CODE_VERIFIER.fullmatch(code_verifier) is None:
        return False
    return hmac.compare_digest(pkce_s256(code_verifier), code_challenge)


def allowed_redirect_uri(client: ApiClient, redirect_uri: str) -> bool:
    return redirect_uri in client.redirect_uris.split()


async def create_authorization_code(
    *,
    session: AsyncSession,
    settings: Settings,
    client: ApiClient,
    user: User,
    redirect_uri: str,
    scope: str | None,
    code_challenge: str,
    resource: str | None = None,
) -> str:
    """A code for `user`'s consent. A code for an MCP server carries the scopes the user's role
    grants (of those asked for): an assistant acts as the user, never beyond the role."""
    scopes = _checked_scopes(scope, parse_scopes(client.scopes))
    audience = await checked_resource(session, client=client, resource=resource)
    if audience is not None:
        scopes = scopes & await role_scopes(session, user_id=user.id)
    code = new_token("ac_")
    session.add(
        AuthorizationCode(
            tenant_id=client.tenant_id,
            api_client_id=client.id,
            user_id=user.id,
            code_hash=token_hash(code),
            redirect_uri=redirect_uri,
            scopes=format_scopes(scopes),
            code_challenge=code_challenge,
            resource=audience,
            expires_at=utcnow()
            + dt.timedelta(seconds=settings.authorization_code_lifetime_seconds),
        )
    )
    await session.flush()
    return code


async def grant_authorization_code(
    *,
    session: AsyncSession,
    settings: Settings,
    client: ApiClient,
    code: str,
    redirect_uri: str | None,
    code_verifier: str | None,
    resource: str | None = None,
) -> IssuedToken:
    if not code_verifier:
        raise errors.invalid_request("code_verifier is required (PKCE S256).")
    grant = (
        await session.execute(
            select(AuthorizationCode)
            .where(AuthorizationCode.code_hash == token_hash(code))
            .with_for_update()
        )
    ).scalar_one_or_none()
    if grant is None or grant.api_client_id != client.id:
        raise errors.invalid_grant("The authorization code is invalid.")
    if grant.used_at is not None:
        await _revoke_tokens_of_user_client(session, client.id, grant.user_id)
        raise errors.invalid_grant("The authorization code was already used.")
    grant.used_at = utcnow()
    if grant.expires_at <= utcnow():
        raise errors.invalid_grant("The authorization code has expired.")
    if redirect_uri != grant.redirect_uri:
        raise errors.invalid_grant("redirect_uri does not match the authorization request.")
    if not pkce_matches(code_verifier, grant.code_challenge):
        raise errors.invalid_grant("The PKCE code_verifier does not match the code_challenge.")
    _check_same_resource(resource, grant.resource)
    return await _issue(
        session,
        settings,
        client=client,
        user_id=grant.user_id,
        scopes=parse_scopes(grant.scopes),
        with_refresh_token=True,
        resource=grant.resource,
    )


def _check_same_resource(requested: str | None, granted: str | None) -> None:
    """A token request may repeat the resource of its grant, never name another (RFC 8707)."""
    if requested is not None and requested != granted:
        raise errors.invalid_target("resource does not match the one the grant was made for.")


async def role_scopes(session: AsyncSession, *, user_id: int) -> frozenset[str]:
    """The scopes the user's role grants."""
    statement = (
        select(roles.c.permissions)
        .join(users, users.c.role_id == roles.c.id)
        .where(users.c.id == user_id)
    )
    permissions = (await session.execute(statement)).scalar_one_or_none()
    return scopes_of_role(list(permissions or []))


async def _revoke_tokens_of_user_client(
    session: AsyncSession, api_client_id: int, user_id: int
) -> None:
    await session.execute(
        update(oauth_tokens)
        .where(
            oauth_tokens.c.api_client_id == api_client_id,
            oauth_tokens.c.user_id == user_id,
            oauth_tokens.c.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow())
    )


async def grant_refresh_token(
    *,
    session: AsyncSession,
    settings: Settings,
    client: ApiClient,
    refresh_token: str,
    scope: str | None,
    resource: str | None = None,
) -> IssuedToken:
    """Rotate a refresh token: revoke the old grant, issue a new one (scopes may narrow)."""
    grant = (
        await session.execute(
            select(OAuthToken)
            .where(OAuthToken.refresh_token_hash == token_hash(refresh_token))
            .with_for_update()
        )
    ).scalar_one_or_none()
    if grant is None or grant.api_client_id != client.id:
        raise errors.invalid_grant("The refresh token is invalid.")
    if grant.revoked_at is not None:
        await _revoke_tokens_of_user_client(session, client.id, grant.user_id)
        raise errors.invalid_grant("The refresh token was revoked or already used.")
    if grant.refresh_expires_at is None or grant.refresh_expires_at <= utcnow():
        raise errors.invalid_grant("The refresh token has expired.")
    _check_same_resource(resource, grant.resource)
    scopes = _checked_scopes(scope, parse_scopes(grant.scopes))
    grant.revoked_at = utcnow()
    return await _issue(
        session,
        settings,
        client=client,
        user_id=grant.user_id,
        scopes=scopes,
        with_refresh_token=True,
        resource=grant.resource,
    )


async def revoke_token(*, session: AsyncSession, client: ApiClient, token: str) -> None:
    """RFC 7009: revoke an access or refresh token of this client; unknown tokens are ignored."""
    hashed = token_hash(token)
    await session.execute(
        update(oauth_tokens)
        .where(
            oauth_tokens.c.api_client_id == client.id,
            (oauth_tokens.c.access_token_hash == hashed)
            | (oauth_tokens.c.refresh_token_hash == hashed),
            oauth_tokens.c.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow())
    )


@dataclass(frozen=True, slots=True)
class ResolvedToken:
    """The caller behind a bearer token, and when the token expires."""

    principal: Principal
    expires_at: dt.datetime


async def resolve_principal(
    session: AsyncSession,
    *,
    subdomain: str,
    access_token: str,
    audience: str | None = None,
) -> ResolvedToken | None:
    """The caller behind a bearer token in the named tenant, or None: one indexed query. The
    tenant and the user the token acts for must both be active, and the token must be for
    `audience` (None: a token for the API, bound to no resource)."""
    if not is_valid_subdomain(subdomain):
        return None
    values = {"token_hash": token_hash(access_token), "now": utcnow(), "subdomain": subdomain}
    if audience is None:
        statement = _API_TOKEN_CALLER
    else:
        statement, values["audience"] = _RESOURCE_TOKEN_CALLER, audience
    row = (await session.execute(statement, values)).one_or_none()
    if row is None:
        return None
    principal = Principal(
        tenant_id=row.tenant_id,
        subdomain=subdomain,
        api_client_id=row.api_client_id,
        user_id=row.user_id,
        scopes=parse_scopes(row.scopes),
    )
    return ResolvedToken(principal, row.expires_at)


def _token_caller(audience: ColumnElement[bool]) -> Select[tuple[int, int, int, str, dt.datetime]]:
    """The token's caller, if the token is live, for `audience`, and its tenant and user
    active."""
    return (
        select(
            oauth_tokens.c.tenant_id,
            oauth_tokens.c.api_client_id,
            oauth_tokens.c.user_id,
            oauth_tokens.c.scopes,
            oauth_tokens.c.expires_at,
        )
        .join(tenants, tenants.c.id == oauth_tokens.c.tenant_id)
        .join(users, users.c.id == oauth_tokens.c.user_id)
        .where(
            oauth_tokens.c.access_token_hash == bindparam("token_hash"),
            oauth_tokens.c.revoked_at.is_(None),
            oauth_tokens.c.expires_at > bindparam("now", type_=UTCDateTime()),
            tenants.c.subdomain == bindparam("subdomain"),
            tenants.c.is_active.is_(True),
            users.c.is_active.is_(True),
            audience,
        )
    )


_API_TOKEN_CALLER = _token_caller(oauth_tokens.c.resource.is_(None))
_RESOURCE_TOKEN_CALLER = _token_caller(oauth_tokens.c.resource == bindparam("audience"))
"""Built once each: a token for the API is bound to no resource (RFC 8707); an MCP server's
token to that server's address."""


async def find_user(session: AsyncSession, *, tenant_id: int, email: str) -> User | None:
    if not _is_storable(email):
        return None
    return (
        await session.execute(select(User).where(User.tenant_id == tenant_id, User.email == email))
    ).scalar_one_or_none()


async def authenticate_user(
    db: Database, *, tenant_id: int, email: str, password: str
) -> User | None:
    """The signed-in user, or None. Always spends one Argon2 verification, so that the response
    time does not tell which emails exist. The verification runs with no database connection
    held, as it may wait for a hashing slot."""
    async with db.read_session() as session:
        user = await find_user(session, tenant_id=tenant_id, email=email)
    can_sign_in = user is not None and user.is_active and user.user_type != "api"
    password_hash = user.password_hash if user is not None and can_sign_in else None
    if not await verify_password(password, password_hash or UNUSABLE_PASSWORD_HASH):
        return None
    return user if can_sign_in and password_hash else None


async def create_user(
    *, session: AsyncSession, tenant_id: int, email: str, name: str | None, password: str | None
) -> User:
    if await find_user(session, tenant_id=tenant_id, email=email) is not None:
        raise errors.email_taken(email)
    user = User(
        tenant_id=tenant_id,
        email=email,
        name=name,
        user_type="web",
        password_hash=await hash_password(password) if password else None,
        role_id=await default_role_id(session, tenant_id=tenant_id),
    )
    session.add(user)
    await session.flush()
    return user


async def first_active_user_id(session: AsyncSession, *, tenant_id: int) -> int | None:
    """The tenant's oldest active user: who operator commands (the CLI) act as."""
    statement = (
        select(users.c.id)
        .where(users.c.tenant_id == tenant_id, users.c.is_active.is_(True))
        .order_by(users.c.id)
        .limit(1)
    )
    user_id = (await session.execute(statement)).scalar_one_or_none()
    return None if user_id is None else int(user_id)


async def create_client_of_tenant(
    *, session: AsyncSession, tenant_id: int, name: str, scopes: frozenset[str]
) -> IssuedClient:
    """`create_api_client` for the tenant of id `tenant_id` (an administrator's own tenant)."""
    tenant = await session.get(Tenant, tenant_id)
    if tenant is None:
        raise errors.invalid_scope("No such tenant.")
    return await create_api_client(session=session, tenant=tenant, name=name, scopes=scopes)


async def revoke_client_of_tenant(*, session: AsyncSession, tenant_id: int, client_id: str) -> bool:
    """Revoke the tenant's client `client_id` and its tokens; False, changing nothing, when the
    tenant has no such client (another tenant's is not found either)."""
    client = await find_client(session, client_id)
    if client is None or client.tenant_id != tenant_id:
        return False
    await revoke_api_client(session=session, client_id=client_id)
    return True
