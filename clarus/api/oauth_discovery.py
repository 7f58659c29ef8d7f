"""How an MCP client finds its way to a token: protected-resource metadata (RFC 9728), the
authorization server's metadata (RFC 8414) and dynamic client registration (RFC 7591).

Each tenant has its own authorization server identity, `<origin>/oauth/<subdomain>`, because a
registered client belongs to one tenant; the endpoints themselves are the shared `/oauth` ones.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from clarus.api.forms import client_address
from clarus.api.mcp.gate import public_origin
from clarus.api.oauth import NO_STORE
from clarus.api.rest.responses import JsonResponse
from clarus.auth import client_registration, throttle
from clarus.auth.errors import OAuthError
from clarus.auth.resources import mcp_resource
from clarus.auth.scopes import ALL_SCOPES
from clarus.core.db import Database
from clarus.core.json_types import JSONObject
from clarus.core.settings import Settings
from clarus.tenancy.models import Tenant
from clarus.tenancy.service import find_by_subdomain
from clarus.webhooks.clock import Clock

router = APIRouter(tags=["OAuth 2.0"], include_in_schema=False)


def _origin(request: Request) -> str:
    settings: Settings = request.app.state.settings
    return public_origin(request, settings)


def issuer(request: Request, subdomain: str) -> str:
    return f"{_origin(request)}/oauth/{subdomain}"


async def _active_tenant(request: Request, subdomain: str) -> Tenant | None:
    db: Database = request.app.state.db
    async with db.read_session() as session:
        tenant = await find_by_subdomain(session, subdomain)
    return tenant if tenant is not None and tenant.is_active else None


def _not_found() -> Response:
    return JsonResponse({"error": "not_found"}, status_code=404)


@router.get("/.well-known/oauth-protected-resource/mcp/{subdomain}")
async def protected_resource_metadata(request: Request, subdomain: str) -> Response:
    """RFC 9728: the tenant's MCP server and the authorization server that issues its tokens."""
    if await _active_tenant(request, subdomain) is None:
        return _not_found()
    body: JSONObject = {
        "resource": mcp_resource(_origin(request), subdomain),
        "authorization_servers": [issuer(request, subdomain)],
        "scopes_supported": list(ALL_SCOPES),
        "bearer_methods_supported": ["header"],
        "resource_name": f"Clarus WMS ({subdomain})",
    }
    return JsonResponse(body)


@router.get("/.well-known/oauth-authorization-server/oauth/{subdomain}")
async def authorization_server_metadata(request: Request, subdomain: str) -> Response:
    """RFC 8414: where to register, sign in and get tokens."""
    if await _active_tenant(request, subdomain) is None:
        return _not_found()
    origin = _origin(request)
    body: JSONObject = {
        "issuer": issuer(request, subdomain),
        "authorization_endpoint": f"{origin}/oauth/authorize",
        "token_endpoint": f"{origin}/oauth/token",
        "revocation_endpoint": f"{origin}/oauth/revoke",
        "registration_endpoint": f"{origin}/oauth/{subdomain}/register",
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": [
            "client_secret_basic",
            "client_secret_post",
            "none",
        ],
        "scopes_supported": list(ALL_SCOPES),
    }
    return JsonResponse(body)


def _registration_error(error: OAuthError) -> Response:
    return JsonResponse(
        {"error": error.error, "error_description": error.description},
        status_code=error.status,
        headers=NO_STORE,
    )


async def _request_body(request: Request) -> object:
    try:
        body: object = await request.json()
    except (ValueError, RecursionError):
        raise client_registration.invalid_client_metadata("The body is not valid JSON.") from None
    return body


@router.post("/oauth/{subdomain}/register")
async def register_client(request: Request, subdomain: str) -> Response:
    """RFC 7591: a public client of the tenant, for the authorization code grant with PKCE."""
    tenant = await _active_tenant(request, subdomain)
    if tenant is None:
        return _not_found()
    db: Database = request.app.state.db
    clock: Clock = request.app.state.clock
    limits = throttle.registration_limits(address=client_address(request))
    try:
        metadata = client_registration.client_metadata(await _request_body(request))
    except OAuthError as error:
        return _registration_error(error)
    async with db.write_session() as session:
        retry_after = await throttle.count_attempts(session, limits=limits, now=clock.now())
    if retry_after is not None:
        return JsonResponse(
            {"error": "temporarily_unavailable", "error_description": "Too many registrations."},
            status_code=429,
            headers={**NO_STORE, "Retry-After": str(retry_after)},
        )
    async with db.write_session() as session:
        client_id = await client_registration.register_public_client(
            session=session, tenant=tenant, metadata=metadata
        )
    body: JSONObject = {
        "client_id": client_id,
        "client_name": metadata.client_name,
        "redirect_uris": list(metadata.redirect_uris),
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "token_endpoint_auth_method": "none",
        "scope": " ".join(ALL_SCOPES),
    }
    return JsonResponse(body, status_code=201, headers=NO_STORE)
