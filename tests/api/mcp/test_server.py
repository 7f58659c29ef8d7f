"""The MCP server at `/mcp/{subdomain}` of a real `clarus serve`, through the SDK's client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp_types import CallToolResult, TextContent

from tests.serving import DemoServer


def mcp_address(server: DemoServer, subdomain: str = "demo") -> str:
    return f"{server.base_url}/mcp/{subdomain}"


def client_credentials_token(server: DemoServer, *, resource: str | None) -> str:
    form = {
        "grant_type": "client_credentials",
        "client_id": server.client_id,
        "client_secret": server.client_secret,
        **({"resource": resource} if resource else {}),
    }
    response = httpx.post(f"{server.base_url}/oauth/token", data=form, timeout=30)
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


@asynccontextmanager
async def connected(
    server: DemoServer, token: str, subdomain: str = "demo"
) -> AsyncIterator[Client]:
    async with (
        httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=60) as http,
        Client(streamable_http_client(mcp_address(server, subdomain), http_client=http)) as client,
    ):
        yield client


def text_of(result: CallToolResult) -> str:
    """The one text a tool answered with."""
    [content] = result.content
    assert isinstance(content, TextContent)
    return content.text


async def test_a_token_for_the_mcp_server_lists_and_calls_the_direct_tools(
    served: DemoServer,
) -> None:
    token = client_credentials_token(served, resource=mcp_address(served))
    async with connected(served, token) as client:
        tools = await client.list_tools()
        stock = await client.call_tool("product_stock", {"code": "WIDGET-RED"})
    assert sorted(tool.name for tool in tools.tools) == [
        "api_discover",
        "create_csv_file",
        "graphql_details",
        "graphql_query",
        "graphql_type",
        "open_orders",
        "order_status",
        "product_stock",
        "receipt_status",
        "rest_details",
        "rest_query",
        "retrieve_dataset",
    ]
    assert text_of(stock) == (
        "WIDGET-RED (Red widget): 100 in hand, 0 allocated, 100 available, in 1 location.\n"
        "  A-01-01: 100"
    )
