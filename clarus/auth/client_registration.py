"""Dynamic client registration (RFC 7591): an AI assistant registers itself as a public client
of one tenant, which may then only use the authorization code grant with PKCE."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.auth import service
from clarus.auth.errors import OAuthError
from clarus.auth.scopes import ALL_SCOPES
from clarus.tenancy.models import Tenant

MAX_REDIRECT_URIS = 5
MAX_REDIRECT_URI_LENGTH = 2000
MAX_CLIENT_NAME_LENGTH = 100
LOOPBACK_HOSTS = frozenset({"localhost"})


def invalid_redirect_uri(description: str) -> OAuthError:
    return OAuthError("invalid_redirect_uri", description)


def invalid_client_metadata(description: str) -> OAuthError:
    return OAuthError("invalid_client_metadata", description)


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_redirect_uri(uri: str) -> None:
    """OAuth 2.1 section 2.3.1 and RFC 8252: https, http only to this machine (loopback), or an
    app's private-use scheme (`com.example.app:/callback`); never a fragment."""
    if len(uri) > MAX_REDIRECT_URI_LENGTH:
        raise invalid_redirect_uri(f"A redirect URI is longer than {MAX_REDIRECT_URI_LENGTH}.")
    parts = urlsplit(uri)
    if parts.fragment or "#" in uri:
        raise invalid_redirect_uri(f"{uri!r} has a fragment.")
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname and _is_loopback(parts.hostname):
        return
    if "." in parts.scheme:
        return
    raise invalid_redirect_uri(
        f"{uri!r} is not allowed: use https, http to a loopback address, or a private-use scheme."
    )


@dataclass(frozen=True, slots=True)
class ClientMetadata:
    """What a registration asks for, as this server accepts it."""

    client_name: str
    redirect_uris: tuple[str, ...]


def _strings(value: object, field: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise invalid_client_metadata(f"{field} must be an array of strings.")
    return [str(item) for item in value]


def client_metadata(body: object) -> ClientMetadata:
    """The registration request checked: redirect URIs, grant and response types, auth method."""
    if not isinstance(body, dict):
        raise invalid_client_metadata("The body must be a JSON object.")
    redirect_uris = _strings(body.get("redirect_uris"), "redirect_uris")
    if not 1 <= len(redirect_uris) <= MAX_REDIRECT_URIS:
        raise invalid_redirect_uri(f"Give 1 to {MAX_REDIRECT_URIS} redirect_uris.")
    for uri in redirect_uris:
        check_redirect_uri(uri)
    grant_types = _strings(body.get("grant_types", ["authorization_code"]), "grant_types")
    if not set(grant_types) <= {"authorization_code", "refresh_token"}:
        raise invalid_client_metadata(
            "grant_types may be authorization_code and refresh_token only."
        )
    if not set(_strings(body.get("response_types", ["code"]), "response_types")) <= {"code"}:
        raise invalid_client_metadata("response_types may be code only.")
    auth_method = body.get("token_endpoint_auth_method", "none")
    if auth_method != "none":
        raise invalid_client_metadata(
            "token_endpoint_auth_method must be none: registered clients are public and use PKCE."
        )
    name = body.get("client_name", "MCP client")
    if not isinstance(name, str) or not name.strip():
        raise invalid_client_metadata("client_name must be a non-empty string.")
    return ClientMetadata(name.strip()[:MAX_CLIENT_NAME_LENGTH], tuple(redirect_uris))


async def register_public_client(
    *, session: AsyncSession, tenant: Tenant, metadata: ClientMetadata
) -> str:
    """The new public client's id. It may ask for every scope; what a token gets is narrowed by
    the signed-in user's role."""
    issued = await service.create_api_client(
        session=session,
        tenant=tenant,
        name=metadata.client_name,
        scopes=frozenset(ALL_SCOPES),
        redirect_uris=metadata.redirect_uris,
    )
    issued.client.is_public = True
    await session.flush()
    return issued.client.client_id
