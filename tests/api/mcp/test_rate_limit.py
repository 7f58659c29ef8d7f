"""Each user's calls to the MCP server spend that user's own bucket of the rate limit: a user
past the limit gets 429 with `Retry-After`, while another user of the tenant is still served."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.mcp.test_api_tools import _read_only_client, _token
from tests.api.mcp.test_server import client_credentials_token, mcp_address
from tests.serving import DemoServer, demo_server

BURST = 3
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "rate-limit-test", "version": "1"},
    },
}


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    settings = {"CLARUS_RATE_LIMIT_BURST": str(BURST), "CLARUS_RATE_LIMIT_PER_SECOND": "0.01"}
    directory: Path = tmp_path_factory.mktemp("mcp-limited")
    with demo_server(directory, settings) as server:
        yield server


def initialize(server: DemoServer, token: str) -> httpx.Response:
    return httpx.post(
        mcp_address(server),
        json=INITIALIZE,
        headers={
            "Authorization": f"Bearer {token}",
            "Accept": "application/json, text/event-stream",
        },
        timeout=30,
    )


def test_a_user_past_the_limit_is_refused_while_another_user_is_served(
    limited: DemoServer,
) -> None:
    busy = client_credentials_token(limited, resource=mcp_address(limited))
    other = _token(limited, _read_only_client(limited))
    answers = [initialize(limited, busy).status_code for _ in range(BURST)]
    assert answers == [200] * BURST
    refused = initialize(limited, busy)
    assert refused.status_code == 429, refused.text
    assert int(refused.headers["retry-after"]) > 0
    assert initialize(limited, other).status_code == 200
