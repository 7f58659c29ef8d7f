"""An assistant's way in, as the MCP specification has it: a 401 naming the protected-resource
metadata, the authorization server's metadata, dynamic registration, the PKCE sign-in on the
`/oauth/authorize` page, then tools run as the signed-in user, with their role's scopes."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.auth import AuthorizationCodeResult, OAuthClientProvider
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import OAuthClientInformationFull, OAuthClientMetadata, OAuthToken

from clarus.core.json_types import JSONObject
from tests.api.mcp.test_server import client_credentials_token, connected, mcp_address, text_of
from tests.serving import DemoServer

CALLBACK = "http://127.0.0.1:9/callback"
HTTP_TIMEOUT = 30
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


@dataclass
class MemoryStorage:
    """The SDK's token storage, kept in memory for one test."""

    tokens: OAuthToken | None = None
    client_info: OAuthClientInformationFull | None = None

    async def get_tokens(self) -> OAuthToken | None:
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken) -> None:
        self.tokens = tokens

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        return self.client_info

    async def set_client_info(self, client_info: OAuthClientInformationFull) -> None:
        self.client_info = client_info


@dataclass
class SignIn:
    """Plays the user's browser: opens the sign-in page the assistant sends them to, signs in
    and allows, and hands the code the redirect carries back to the assistant."""

    email: str
    password: str
    redirects: list[str] = field(default_factory=list)

    async def open_page(self, authorization_url: str) -> None:
        async with httpx.AsyncClient(timeout=HTTP_TIMEOUT) as browser:
            page = await browser.get(authorization_url)
            assert page.status_code == 200, page.text
            form = {name: html.unescape(value) for name, value in _HIDDEN.findall(page.text)}
            form |= {"email": self.email, "password": self.password, "decision": "allow"}
            answer = await browser.post(page.url.copy_with(query=None), data=form)
        assert answer.status_code == 302, answer.text
        self.redirects.append(answer.headers["location"])

    async def callback(self) -> AuthorizationCodeResult:
        query = parse_qs(urlsplit(self.redirects[-1]).query)
        return AuthorizationCodeResult(code=query["code"][0], state=query["state"][0])


@asynccontextmanager
async def signed_in(server: DemoServer, role: str, storage: MemoryStorage) -> AsyncIterator[Client]:
    email, password = server.app_users[role]
    browser = SignIn(email, password)
    provider = OAuthClientProvider(
        server_url=mcp_address(server),
        client_metadata=OAuthClientMetadata(
            client_name="Test assistant",
            redirect_uris=[CALLBACK],  # type: ignore[list-item]  # pydantic coerces str to AnyUrl
            grant_types=["authorization_code", "refresh_token"],
            response_types=["code"],
            token_endpoint_auth_method="none",
        ),
        storage=storage,
        redirect_handler=browser.open_page,
        callback_handler=browser.callback,
    )
    async with (
        httpx2.AsyncClient(auth=provider) as http,
        Client(streamable_http_client(mcp_address(server), http_client=http)) as client,
    ):
        yield client


def test_an_unauthorised_call_points_at_the_protected_resource_metadata(
    served: DemoServer,
) -> None:
    answer = httpx.post(mcp_address(served), json={}, timeout=HTTP_TIMEOUT)
    metadata_url = f"{served.base_url}/.well-known/oauth-protected-resource/mcp/demo"
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == f'Bearer resource_metadata="{metadata_url}"'
    resource = httpx.get(metadata_url, timeout=HTTP_TIMEOUT).json()
    assert resource["resource"] == mcp_address(served)
    assert resource["authorization_servers"] == [f"{served.base_url}/oauth/demo"]
    server = httpx.get(
        f"{served.base_url}/.well-known/oauth-authorization-server/oauth/demo", timeout=HTTP_TIMEOUT
    ).json()
    assert server["issuer"] == f"{served.base_url}/oauth/demo"
    assert server["registration_endpoint"] == f"{served.base_url}/oauth/demo/register"
    assert server["code_challenge_methods_supported"] == ["S256"]


def _created(server: DemoServer, token: str, collection: str, attributes: JSONObject) -> str:
    """The id of a record made through the REST API."""
    answer = httpx.post(
        f"{server.base_url}/api/{collection}",
        json={"data": {"type": collection, "attributes": attributes}},
        headers={"Authorization": f"Bearer {token}", "X-Clarus-Subdomain": "demo"},
        timeout=HTTP_TIMEOUT,
    )
    assert answer.status_code in (200, 201), answer.text
    record_id: str = answer.json()["data"]["id"]
    return record_id


def _product_id(server: DemoServer, token: str, code: str) -> int:
    query = (
        "query($code: String!) "
        "{ products { all(filter: {code: {eq: $code}}) { edges { node { id } } } } }"
    )
    answer = httpx.post(
        f"{server.base_url}/graphql",
        json={"query": query, "variables": {"code": code}},
        headers={"Authorization": f"Bearer {token}", "X-Clarus-Subdomain": "demo"},
        timeout=HTTP_TIMEOUT,
    )
    [edge] = answer.json()["data"]["products"]["all"]["edges"]
    return int(edge["node"]["id"])


async def test_an_assistant_registers_signs_in_with_pkce_and_asks_as_the_user(
    served: DemoServer,
) -> None:
    api_token = client_credentials_token(served, resource=None)
    product_id = _product_id(served, api_token, "WIDGET-RED")
    where: JSONObject = {"account_id": 1, "warehouse_id": 1}
    order_id = _created(
        served,
        api_token,
        "goods_outs",
        {
            **where,
            "reference": "SO-MCP-1",
            "expected_date_of_dispatch": "2026-12-24T10:00:00Z",
            "lines_changes": [
                {"type": "ADD", "attributes": {"product_id": product_id, "order_quantity": 3}}
            ],
        },
    )
    receipt_id = _created(
        served,
        api_token,
        "goods_in_receipts",
        {
            **where,
            "reference": "PO-MCP-1",
            "lines_changes": [
                {"type": "ADD", "attributes": {"product_id": product_id, "expected_quantity": 10}}
            ],
        },
    )
    storage = MemoryStorage()
    async with signed_in(served, "supervisor", storage) as client:
        stock = await client.call_tool("product_stock", {"code": "WIDGET-BLUE"})
        order = await client.call_tool("order_status", {"reference": "SO-MCP-1"})
        receipt = await client.call_tool("receipt_status", {"reference": "PO-MCP-1"})
        orders = await client.call_tool("open_orders", {"account_code": "demo"})
        missing = await client.call_tool("order_status", {"reference": "SO-NONE"})
    assert storage.client_info is not None
    assert storage.client_info.token_endpoint_auth_method == "none"
    assert storage.tokens is not None
    assert storage.tokens.scope == "read write"
    assert text_of(stock) == (
        "WIDGET-BLUE (Blue widget): 50 in hand, 0 allocated, 50 available, in 1 location.\n"
        "  A-01-02: 50"
    )
    assert text_of(order) == (
        f"Order SO-MCP-1 (id {order_id}): Pending; account DEMO, warehouse MAIN; due to dispatch"
        " 2026-12-24.\n"
        "  WIDGET-RED: 3 ordered, 0 allocated, 0 picked, 0 dispatched"
    )
    assert text_of(receipt) == (
        f"Receipt PO-MCP-1 (id {receipt_id}): pending; account DEMO, warehouse MAIN, supplier -;"
        " expected not set.\n"
        "  WIDGET-RED: 10 expected, 0 received"
    )
    heading, *listed = text_of(orders).splitlines()
    open_orders = f"{len(listed)} open order{'s' if len(listed) > 1 else ''}"
    assert heading == f"Account demo has {open_orders}:"
    assert f"  SO-MCP-1 (id {order_id}): Pending, due 2026-12-24" in listed
    assert text_of(missing) == "No order has the reference 'SO-NONE'."


async def test_a_role_without_the_read_scope_cannot_read_through_the_assistant(
    served: DemoServer,
) -> None:
    storage = MemoryStorage()
    async with signed_in(served, "operator", storage) as client:
        refused = await client.call_tool("product_stock", {"code": "WIDGET-BLUE"})
    assert storage.tokens is not None
    assert storage.tokens.scope == "write"
    assert refused.is_error
    assert text_of(refused) == (
        "Error executing tool product_stock: Your role does not allow reading records (it lacks"
        " the read scope)."
    )


def test_an_mcp_token_is_refused_by_the_api_and_graphql(served: DemoServer) -> None:
    token = client_credentials_token(served, resource=mcp_address(served))
    headers = {"Authorization": f"Bearer {token}", "X-Clarus-Subdomain": "demo"}
    write = httpx.post(
        f"{served.base_url}/api/accounts",
        json={"code": "MCP-MADE", "name": "Made with an MCP token"},
        headers=headers,
        timeout=HTTP_TIMEOUT,
    )
    read = httpx.post(
        f"{served.base_url}/graphql",
        json={"query": "{ accounts { nodes { code } } }"},
        headers=headers,
        timeout=HTTP_TIMEOUT,
    )
    assert (write.status_code, read.status_code) == (401, 401)


def test_an_api_token_is_refused_by_the_mcp_server(served: DemoServer) -> None:
    api_token = client_credentials_token(served, resource=None)
    with_api_token = httpx.post(
        mcp_address(served),
        json={},
        headers={"Authorization": f"Bearer {api_token}"},
        timeout=HTTP_TIMEOUT,
    )
    with_bad_token = httpx.post(
        mcp_address(served),
        json={},
        headers={"Authorization": "Bearer at_nothing"},
        timeout=HTTP_TIMEOUT,
    )
    assert with_api_token.status_code == 401
    assert (with_api_token.headers["www-authenticate"], with_api_token.json()) == (
        with_bad_token.headers["www-authenticate"],
        with_bad_token.json(),
    )


def test_a_token_of_one_tenant_is_refused_at_another_like_a_bad_token(
    served: DemoServer,
) -> None:
    subprocess.run(
        [sys.executable, "-m", "clarus.cli.main", "tenant", "create", "other", "--name", "Other"],
        cwd=served.directory,
        env=served.env,
        check=True,
        capture_output=True,
    )
    token = client_credentials_token(served, resource=mcp_address(served))
    at_other = httpx.post(
        mcp_address(served, "other"),
        json={},
        headers={"Authorization": f"Bearer {token}"},
        timeout=HTTP_TIMEOUT,
    )
    bad_at_other = httpx.post(
        mcp_address(served, "other"),
        json={},
        headers={"Authorization": "Bearer at_nothing"},
        timeout=HTTP_TIMEOUT,
    )
    assert at_other.status_code == bad_at_other.status_code == 401
    assert at_other.headers["www-authenticate"] == bad_at_other.headers["www-authenticate"]
    assert at_other.json() == bad_at_other.json()


@pytest.mark.parametrize(
    ("redirect_uri", "error"),
    [
        ("http://evil.example/callback", "invalid_redirect_uri"),
        ("https://app.example/callback#x", "invalid_redirect_uri"),
    ],
)
def test_registration_refuses_unsafe_redirect_uris(
    served: DemoServer, redirect_uri: str, error: str
) -> None:
    answer = httpx.post(
        f"{served.base_url}/oauth/demo/register",
        json={"redirect_uris": [redirect_uri], "token_endpoint_auth_method": "none"},
        timeout=HTTP_TIMEOUT,
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == error


def _registered_client(server: DemoServer) -> str:
    answer = httpx.post(
        f"{server.base_url}/oauth/demo/register",
        json={"redirect_uris": [CALLBACK], "client_name": "Registered by hand"},
        timeout=HTTP_TIMEOUT,
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["token_endpoint_auth_method"] == "none"
    client_id: str = answer.json()["client_id"]
    return client_id


def test_a_public_client_gets_no_token_without_a_user(served: DemoServer) -> None:
    client_id = _registered_client(served)
    answer = httpx.post(
        f"{served.base_url}/oauth/token",
        data={"grant_type": "client_credentials", "client_id": client_id},
        timeout=HTTP_TIMEOUT,
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == "unauthorized_client"


def test_the_sign_in_page_refuses_another_tenants_mcp_server_as_the_resource(
    served: DemoServer,
) -> None:
    client_id = _registered_client(served)
    page = httpx.get(
        f"{served.base_url}/oauth/authorize",
        params={
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": CALLBACK,
            "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            "code_challenge_method": "S256",
            "resource": mcp_address(served, "other"),
            "state": "s1",
        },
        timeout=HTTP_TIMEOUT,
    )
    assert page.status_code == 302
    query = parse_qs(urlsplit(page.headers["location"]).query)
    assert query["error"] == ["invalid_target"]
    assert query["state"] == ["s1"]


async def test_a_refreshed_mcp_token_keeps_its_audience(served: DemoServer) -> None:
    storage = MemoryStorage()
    async with signed_in(served, "supervisor", storage):
        pass
    assert storage.tokens is not None
    assert storage.client_info is not None
    form = {
        "grant_type": "refresh_token",
        "refresh_token": storage.tokens.refresh_token or "",
        "client_id": storage.client_info.client_id or "",
    }
    async with httpx.AsyncClient(base_url=served.base_url, timeout=HTTP_TIMEOUT) as http:
        refused = await http.post(
            "/oauth/token", data={**form, "resource": mcp_address(served, "other")}
        )
        refreshed = await http.post("/oauth/token", data=form)
        assert refreshed.status_code == 200, refreshed.text
        token = refreshed.json()["access_token"]
        on_api = await http.post(
            "/graphql",
            json={"query": "{ __typename }"},
            headers={"Authorization": f"Bearer {token}", "X-Clarus-Subdomain": "demo"},
        )
    assert (refused.status_code, refused.json()["error"]) == (400, "invalid_target")
    async with connected(served, token) as client:
        stock = await client.call_tool("product_stock", {"code": "GADGET"})
    assert on_api.status_code == 401
    assert text_of(stock) == (
        "GADGET (Gadget): 20 in hand, 0 allocated, 20 available, in 1 location.\n  SIM-STORAGE: 20"
    )


async def test_a_session_answers_only_the_user_who_opened_it(served: DemoServer) -> None:
    storage = MemoryStorage()
    async with signed_in(served, "supervisor", storage):
        pass
    assert storage.tokens is not None
    supervisor = storage.tokens.access_token
    integration = client_credentials_token(served, resource=mcp_address(served))
    initialize = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {
            "protocolVersion": "2025-06-18",
            "capabilities": {},
            "clientInfo": {"name": "test", "version": "1"},
        },
    }
    listing = {"jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": {}}
    accept = {"Accept": "application/json, text/event-stream"}
    async with httpx.AsyncClient(timeout=HTTP_TIMEOUT) as http:
        opened = await http.post(
            mcp_address(served),
            json=initialize,
            headers={**accept, "Authorization": f"Bearer {supervisor}"},
        )
        session = {**accept, "Mcp-Session-Id": opened.headers["mcp-session-id"]}
        borrowed = await http.post(
            mcp_address(served),
            json=listing,
            headers={**session, "Authorization": f"Bearer {integration}"},
        )
    assert opened.status_code == 200
    assert borrowed.status_code == 404
