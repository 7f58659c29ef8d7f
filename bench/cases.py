"""The benchmarked operations: what is sent, and what counts as a success."""

from __future__ import annotations

import json
import secrets
from typing import Any

import httpx

from bench.load import Workload
from bench.servers import ServerError

ACCOUNTS_PATH = "/api/accounts"
GRAPHQL_PATH = "/graphql"
ACCOUNTS_QUERY = (
    "{ accounts { all(first: 100) { edges { node { id code name created_at } } "
    "pageInfo { hasNextPage endCursor } } } }"
)
CREATE = "create account"
LIST = "graphql accounts"
OPERATIONS = {"create": CREATE, "list": LIST}
SEED_ACCOUNTS = 200


def _dumps(document: Any) -> bytes:
    return json.dumps(document, separators=(",", ":")).encode()


def create_account_workload(prefix: str) -> Workload:
    """`POST /api/accounts` with a code unique to this run, server and request (max 20 chars)."""

    def body(index: int) -> bytes:
        attributes = {"code": f"{prefix}{index:08d}", "name": f"Bench account {index}"}
        return _dumps({"data": {"type": "accounts", "attributes": attributes}})

    def check(response: httpx.Response) -> bool:
        return response.status_code == 200 and '"data"' in response.text

    return Workload(ACCOUNTS_PATH, body, check)


def list_accounts_workload() -> Workload:
    """The GraphQL accounts list: a 200 without `errors` and with a full first page."""
    payload = _dumps({"query": ACCOUNTS_QUERY})

    def check(response: httpx.Response) -> bool:
        if response.status_code != 200:
            return False
        document = response.json()
        edges = ((document.get("data") or {}).get("accounts") or {}).get("all", {}).get("edges")
        return "errors" not in document and isinstance(edges, list) and len(edges) == 100

    return Workload(GRAPHQL_PATH, lambda _index: payload, check)


def workload_for(operation: str, server: str) -> Workload:
    if operation == CREATE:
        return create_account_workload(code_prefix(server))
    return list_accounts_workload()


def code_prefix(server: str) -> str:
    """`B` + the server's initial + 5 random hex digits: no two runs or servers share codes."""
    return f"B{server[:1].upper()}{secrets.token_hex(3)[:5].upper()}"


def shape(value: Any) -> Any:
    """The structure of a JSON document: keys and value types, with lists reduced to one item."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in sorted(value.items())}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


def same_shape(first: Any, second: Any) -> bool:
    """Equal structure, where a null on one side matches any scalar on the other."""
    if isinstance(first, dict) and isinstance(second, dict):
        return first.keys() == second.keys() and all(
            same_shape(first[key], second[key]) for key in first
        )
    if isinstance(first, list) and isinstance(second, list):
        return len(first) == len(second) and all(map(same_shape, first, second))
    return first == second or "NoneType" in (first, second)


async def fetch_token(base_url: str, client_id: str, client_secret: str) -> str:
    async with httpx.AsyncClient(base_url=base_url, trust_env=False, timeout=30.0) as client:
        response = await client.post(
            "/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(client_id, client_secret),
        )
    if response.status_code != 200:
        raise ServerError(f"POST /oauth/token answered {response.status_code}: {response.text}")
    token: str = response.json()["access_token"]
    return token
