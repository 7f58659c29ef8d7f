"""The door of `/mcp/{subdomain}`: a bearer token for this tenant's MCP server, or a 401 that
points the assistant at the protected-resource metadata (RFC 9728) to go and get one."""

from __future__ import annotations

from mcp.server.auth.middleware.auth_context import AuthContextMiddleware
from mcp.server.auth.middleware.bearer_auth import AuthenticatedUser
from mcp.server.auth.provider import AccessToken
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from clarus.api.mcp.acting import ACTING_STATE, Acting
from clarus.api.rest.deps import bearer_token
from clarus.api.rest.ratelimit import SharedRateLimiter
from clarus.auth.principal import Principal
from clarus.auth.resources import mcp_resource, origin_as_addressed
from clarus.auth.service import resolve_principal
from clarus.core.db import Database
from clarus.core.settings import Settings

PROTECTED_RESOURCE_PATH = "/.well-known/oauth-protected-resource"


def public_origin(request: Request, settings: Settings) -> str:
    return origin_as_addressed(str(request.url), settings.public_base_url)


def resource_metadata_url(request: Request, settings: Settings, subdomain: str) -> str:
    """RFC 9728 section 3.1: the well-known path inserted before the resource's path."""
    return f"{public_origin(request, settings)}{PROTECTED_RESOURCE_PATH}/mcp/{subdomain}"


def unauthorised(
    request: Request, settings: Settings, subdomain: str, *, token_sent: bool
) -> Response:
    """The one answer to a missing, wrong, expired or other tenant's token (RFC 6750 3.1)."""
    metadata_url = resource_metadata_url(request, settings, subdomain)
    challenge = f'Bearer resource_metadata="{metadata_url}"'
    if token_sent:
        challenge += ', error="invalid_token"'
    return JSONResponse(
        {"error": "invalid_token", "error_description": "Sign in to use this MCP server."},
        status_code=401,
        headers={"WWW-Authenticate": challenge},
    )


def _access_token(token: str, principal: Principal, resource: str) -> AccessToken:
    """The SDK's view of the caller: a session belongs to the user and client that opened it."""
    return AccessToken(
        token=token,
        client_id=str(principal.api_client_id),
        scopes=sorted(principal.scopes),
        resource=resource,
        subject=f"{principal.tenant_id}:{principal.user_id}",
    )


class McpGate:
    """ASGI endpoint of `/mcp/{subdomain}`: authorises, then hands the request to the SDK."""

    def __init__(
        self,
        session_manager: StreamableHTTPSessionManager,
        *,
        db: Database,
        settings: Settings,
        app: ASGIApp,
        rate_limiter: SharedRateLimiter,
    ) -> None:
        self.transport = AuthContextMiddleware(session_manager.handle_request)
        self.db = db
        self.settings = settings
        self.app = app
        self.rate_limiter = rate_limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        subdomain = str(scope["path_params"]["subdomain"])
        caller = await authorise(
            request,
            subdomain=subdomain,
            db=self.db,
            settings=self.settings,
            rate_limiter=self.rate_limiter,
        )
        if isinstance(caller, Response):
            await caller(scope, receive, send)
            return
        token, principal = caller
        scope.setdefault("state", {})[ACTING_STATE] = Acting(
            principal=principal, db=self.db, settings=self.settings, app=self.app
        )
        resource = mcp_resource(public_origin(request, self.settings), subdomain)
        scope["user"] = AuthenticatedUser(_access_token(token, principal, resource))
        await self.transport(scope, receive, send)


async def authorise(
    request: Request,
    *,
    subdomain: str,
    db: Database,
    settings: Settings,
    rate_limiter: SharedRateLimiter,
) -> tuple[str, Principal] | Response:
    """The bearer token and user of a request to an address under `/mcp/{subdomain}`, one
    request of the user's rate limit spent; or the answer refusing it: the one 401 of
    `unauthorised`, or a 429."""
    token = bearer_token(request.headers.get("authorization"))
    principal = None if token is None else await _principal(request, subdomain, token, db, settings)
    if token is None or principal is None:
        return unauthorised(request, settings, subdomain, token_sent=token is not None)
    decision = await rate_limiter.acquire(f"mcp-user:{principal.tenant_id}:{principal.user_id}")
    if not decision.allowed:
        return JSONResponse(
            {"error": "rate_limited", "retry_after": decision.retry_after_seconds},
            status_code=429,
            headers=decision.headers(),
        )
    return token, principal


async def _principal(
    request: Request, subdomain: str, token: str, db: Database, settings: Settings
) -> Principal | None:
    audience = mcp_resource(public_origin(request, settings), subdomain)
    async with db.read_session() as session:
        resolved = await resolve_principal(
            session, subdomain=subdomain, access_token=token, audience=audience
        )
    return None if resolved is None else resolved.principal
