"""FastAPI dependencies: who is calling, in which tenant, with which session."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.openapi.models import OAuthFlowAuthorizationCode, OAuthFlowClientCredentials
from fastapi.openapi.models import OAuthFlows as OAuthFlowsModel
from fastapi.security import APIKeyHeader, OAuth2, SecurityScopes
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.api.rest.errors import input_from
from clarus.api.rest.ratelimit import SharedRateLimiter
from clarus.auth.principal import IN_PROCESS_PRINCIPAL, Principal
from clarus.auth.principal_cache import PrincipalCache
from clarus.auth.scopes import SCOPE_DESCRIPTIONS
from clarus.auth.service import resolve_principal
from clarus.core import idempotency
from clarus.core.db import Database
from clarus.core.errors import ClarusError, ErrorKind, Unauthenticated
from clarus.core.secret_box import SecretBox
from clarus.core.settings import Settings

SUBDOMAIN_HEADER = "X-Clarus-Subdomain"

bearer_scheme = OAuth2(
    flows=OAuthFlowsModel(
        clientCredentials=OAuthFlowClientCredentials(
            tokenUrl="/oauth/token", scopes=SCOPE_DESCRIPTIONS
        ),
        authorizationCode=OAuthFlowAuthorizationCode(
            authorizationUrl="/oauth/authorize",
            tokenUrl="/oauth/token",
            refreshUrl="/oauth/token",
            scopes=SCOPE_DESCRIPTIONS,
        ),
    ),
    scheme_name="BearerAuth",
    description="OAuth 2.0: client credentials, or authorization code with PKCE (S256).",
    auto_error=False,
)
subdomain_scheme = APIKeyHeader(
    name=SUBDOMAIN_HEADER,
    scheme_name="ClarusSubdomain",
    description="The tenant (subdomain) the request acts on. Required on every request.",
    auto_error=False,
)


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def get_session(request: Request) -> AsyncSession:
    """The request's transaction, opened by the route class (see `routing.py`)."""
    session: AsyncSession = request.state.session
    return session


async def current_principal(request: Request) -> Principal:
    principal: Principal = request.state.principal
    return principal


async def get_secret_box(request: Request) -> SecretBox:
    box: SecretBox = request.app.state.secret_box
    return box


SettingsDep = Annotated[Settings, Depends(get_settings)]
SecretBoxDep = Annotated[SecretBox, Depends(get_secret_box)]
DatabaseDep = Annotated[Database, Depends(get_database)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
PrincipalDep = Annotated[Principal, Depends(current_principal)]


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer ...` header, or None."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


async def _principal_of_token(
    request: Request, db: Database, authorization: str | None, subdomain: str | None
) -> Principal:
    """The caller of a bearer token (for the API: bound to no resource) in the named tenant."""
    if not subdomain or not subdomain.strip():
        raise ClarusError.of(
            ErrorKind.MISSING_HEADER,
            f"The {SUBDOMAIN_HEADER} header is required.",
            path=f"/headers/{SUBDOMAIN_HEADER}",
            header=SUBDOMAIN_HEADER,
        )
    token = bearer_token(authorization)
    if token is None:
        raise Unauthenticated
    return await _principal(request, db, subdomain.strip().lower(), token)


async def authenticate(
    request: Request,
    security_scopes: SecurityScopes,
    db: DatabaseDep,
    authorization: Annotated[str | None, Depends(bearer_scheme)],
    subdomain: Annotated[str | None, Depends(subdomain_scheme)],
) -> Principal:
    """Resolve the caller, spend one request of its rate limit, then check the route's scopes.
    A call made in-process as a principal (an MCP tool's) carries it instead of a token."""
    in_process = request.scope.get(IN_PROCESS_PRINCIPAL)
    principal = (
        in_process
        if isinstance(in_process, Principal)
        else await _principal_of_token(request, db, authorization, subdomain)
    )
    limiter: SharedRateLimiter = request.app.state.rate_limiter
    decision = await limiter.acquire(f"api-client:{principal.api_client_id}")
    request.state.rate_limit_headers = decision.headers()
    if not decision.allowed:
        raise ClarusError.of(
            ErrorKind.RATE_LIMITED,
            headers=decision.headers(),
            retry_after=decision.retry_after_seconds,
        )
    missing = [scope for scope in security_scopes.scopes if scope not in principal.scopes]
    if missing:
        raise ClarusError.of(
            ErrorKind.INSUFFICIENT_SCOPE,
            f"This operation needs the scope {' '.join(missing)}.",
            required_scopes=security_scopes.scopes,
        )
    request.state.principal = principal
    return principal


async def _principal(request: Request, db: Database, subdomain: str, token: str) -> Principal:
    """The caller behind `token`: from the in-process cache (`principal_cache`, at most a
    second old), else read in a short read session of its own.

    Not on the request's own transaction: the rate limiter's transaction, which needs the
    caller, comes next on a connection of its own, and a request holding its connection while
    it waits for a second one can exhaust the pool under concurrency (every connection held by
    a request waiting for another). With the cache, a client's steady stream of requests
    reads its token once a second."""
    cache: PrincipalCache = request.app.state.principal_cache
    cached = cache.get(subdomain, token)
    if cached is not None:
        return cached
    generation = cache.generation
    async with db.read_session() as session:
        resolved = await resolve_principal(session, subdomain=subdomain, access_token=token)
    if resolved is None:
        raise Unauthenticated
    cache.put(
        subdomain,
        token,
        resolved.principal,
        expires_at=resolved.expires_at,
        generation=generation,
    )
    return resolved.principal


async def claim_idempotency_key(
    request: Request,
    db: DatabaseDep,
    settings: SettingsDep,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            description="Makes a retry safe: the same key and body replay the first response.",
        ),
    ] = None,
) -> None:
    """Claim the key before the write runs; a stored response short-circuits the request."""
    if idempotency_key is None:
        return
    principal = await current_principal(request)
    fingerprint = idempotency.fingerprint(request.method, _target(request), await request.body())
    with input_from({"/key": "/headers/Idempotency-Key"}):
        outcome = await idempotency.claim(
            db,
            settings,
            tenant_id=principal.tenant_id,
            api_client_id=principal.api_client_id,
            key=idempotency_key,
            request_fingerprint=fingerprint,
        )
    if isinstance(outcome, idempotency.StoredResponse):
        raise IdempotentReplay(outcome)
    request.state.idempotency_claim = outcome


def _target(request: Request) -> str:
    """Path and query string (bulk actions name their records in the query), `/api/v1` read
    as `/api`."""
    path = request.url.path.replace("/api/v1/", "/api/", 1)
    return f"{path}?{request.url.query}" if request.url.query else path


class IdempotentReplay(Exception):
    def __init__(self, stored: idempotency.StoredResponse) -> None:
        super().__init__("idempotent replay")
        self.stored = stored
