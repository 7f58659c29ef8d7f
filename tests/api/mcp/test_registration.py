"""Dynamic client registration (RFC 7591) at `/oauth/{subdomain}/register`, in-process."""

from __future__ import annotations

import httpx
import pytest

from clarus.api.application import create_app
from clarus.auth.throttle import REGISTRATIONS_PER_ADDRESS
from clarus.core.settings import Settings
from tests.support import ApiClientFactory


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "https://claude.ai/api/mcp/auth_callback",
        "http://127.0.0.1:33418/callback",
        "http://localhost/callback",
        "http://[::1]:8080/cb",
        "com.example.assistant:/oauth/callback",
    ],
)
async def test_a_client_registers_with_a_safe_redirect_uri(
    http: httpx.AsyncClient, clients: ApiClientFactory, redirect_uri: str
) -> None:
    caller = await clients.new(with_token=False)
    answer = await http.post(
        f"/oauth/{caller.subdomain}/register",
        json={"redirect_uris": [redirect_uri], "client_name": "Assistant"},
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["redirect_uris"] == [redirect_uri]
    assert body["token_endpoint_auth_method"] == "none"
    assert body["grant_types"] == ["authorization_code", "refresh_token"]
    assert body["client_id"].startswith("cl_")


@pytest.mark.parametrize(
    ("metadata", "error", "description"),
    [
        ({"redirect_uris": []}, "invalid_redirect_uri", "Give 1 to 5 redirect_uris."),
        (
            {"redirect_uris": [f"https://a.example/{n}" for n in range(6)]},
            "invalid_redirect_uri",
            "Give 1 to 5 redirect_uris.",
        ),
        (
            {"redirect_uris": ["javascript:alert(1)"]},
            "invalid_redirect_uri",
            "'javascript:alert(1)' is not allowed: use https, http to a loopback address, or a "
            "private-use scheme.",
        ),
        (
            {
                "redirect_uris": ["https://a.example/cb"],
                "token_endpoint_auth_method": "private_key_jwt",
            },
            "invalid_client_metadata",
            "token_endpoint_auth_method must be none: registered clients are public and use PKCE.",
        ),
        (
            {"redirect_uris": ["https://a.example/cb"], "grant_types": ["client_credentials"]},
            "invalid_client_metadata",
            "grant_types may be authorization_code and refresh_token only.",
        ),
        (
            {"redirect_uris": "https://a.example/cb"},
            "invalid_client_metadata",
            "redirect_uris must be an array of strings.",
        ),
    ],
)
async def test_a_registration_is_refused_naming_what_is_wrong(
    http: httpx.AsyncClient,
    clients: ApiClientFactory,
    metadata: dict[str, object],
    error: str,
    description: str,
) -> None:
    caller = await clients.new(with_token=False)
    answer = await http.post(f"/oauth/{caller.subdomain}/register", json=metadata)
    assert answer.status_code == 400
    assert answer.json() == {"error": error, "error_description": description}


async def test_an_unknown_tenant_has_no_registration_or_metadata(http: httpx.AsyncClient) -> None:
    register = await http.post(
        "/oauth/no-such-tenant/register", json={"redirect_uris": ["https://a.example/cb"]}
    )
    resource = await http.get("/.well-known/oauth-protected-resource/mcp/no-such-tenant")
    server = await http.get("/.well-known/oauth-authorization-server/oauth/no-such-tenant")
    assert (register.status_code, resource.status_code, server.status_code) == (404, 404, 404)


async def test_registrations_are_limited_per_address(
    clients: ApiClientFactory, app: object
) -> None:
    caller = await clients.new(with_token=False)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 5000))  # type: ignore[arg-type]
    metadata = {"redirect_uris": ["https://a.example/cb"]}
    async with httpx.AsyncClient(transport=transport, base_url="http://clarus.test") as http:
        accepted = [
            (await http.post(f"/oauth/{caller.subdomain}/register", json=metadata)).status_code
            for _ in range(REGISTRATIONS_PER_ADDRESS)
        ]
        refused = await http.post(f"/oauth/{caller.subdomain}/register", json=metadata)
    assert accepted == [201] * REGISTRATIONS_PER_ADDRESS
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0


async def test_behind_a_tls_proxy_the_documents_name_the_public_https_address(
    settings: Settings, clients: ApiClientFactory
) -> None:
    caller = await clients.new(with_token=False)
    app = create_app(settings.model_copy(update={"public_base_url": "https://wms.example.com"}))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://wms.example.com") as http:
        unauthorised = await http.post(f"/mcp/{caller.subdomain}", json={})
        resource = await http.get(f"/.well-known/oauth-protected-resource/mcp/{caller.subdomain}")
    await app.state.db.dispose()
    metadata_url = (
        f"https://wms.example.com/.well-known/oauth-protected-resource/mcp/{caller.subdomain}"
    )
    assert unauthorised.status_code == 401
    assert unauthorised.headers["www-authenticate"] == f'Bearer resource_metadata="{metadata_url}"'
    assert resource.json()["resource"] == f"https://wms.example.com/mcp/{caller.subdomain}"
    assert resource.json()["authorization_servers"] == [
        f"https://wms.example.com/oauth/{caller.subdomain}"
    ]
