"""The benchmarked operations: what is sent, and what counts as a success."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

import httpx

from bench.load import NUMBER, Workload
from bench.servers import ServerError

ACCOUNTS_PATH = "/api/accounts"
GRAPHQL_PATH = "/graphql"
ACCOUNTS_QUERY = (
    "{ accounts { all(first: 100) { edges { node { id code name created_at } } "
    "pageInfo { hasNextPage endCursor } } } }"
)
GOODS_OUTS_PATH = "/api/goods_outs"
CREATE = "create account"
LIST = "graphql accounts"
ORDER1 = "sales order 1 line"
ORDER10 = "sales order 10 lines"
ORDER100 = "sales order 100 lines"
OPERATIONS = {
    "create": CREATE,
    "list": LIST,
    "order1": ORDER1,
    "order10": ORDER10,
    "order100": ORDER100,
}
ORDER_LINES = {ORDER1: 1, ORDER10: 10, ORDER100: 100}
SEED_ACCOUNTS = 200
DEMO_ACCOUNT = "DEMO"
DEMO_WAREHOUSE = "MAIN"
"""What `clarus demo` makes: the account and warehouse every benchmarked order is for."""
DEMO_IDS_QUERY = (
    "{ accounts { all(first: 100) { edges { node { id code } } } } "
    "warehouses { all(first: 100) { edges { node { id code } } } } }"
)
EXPECTED_DISPATCH = "2026-12-01T10:00:00Z"
DELIVERY_ADDRESS = {
    "name": "Bench Customer",
    "address_1": "1 Bench Street",
    "postcode": "AB1 2CD",
    "country_code": "GB",
}


@dataclass(frozen=True)
class OrderSetup:
    """What every benchmarked order refers to: the demo account and warehouse, one product."""

    account_id: int
    warehouse_id: int
    product_id: int


def _dumps(document: Any) -> bytes:
    return json.dumps(document, separators=(",", ":")).encode()


def create_account_workload(prefix: str) -> Workload:
    """`POST /api/accounts` with a code unique to this run, server and request (max 20 chars)."""
    attributes = {"code": f"{prefix}{NUMBER}", "name": f"Bench account {NUMBER}"}
    text = _dumps({"data": {"type": "accounts", "attributes": attributes}}).decode()
    return Workload.of(ACCOUNTS_PATH, text.replace(f"Bench account {NUMBER}", "Bench account"))


def list_accounts_workload() -> Workload:
    """The GraphQL accounts list: a 200 with a page of edges and no `errors`."""
    payload = _dumps({"query": ACCOUNTS_QUERY}).decode()
    return Workload.of(GRAPHQL_PATH, payload, expect='"edges"', forbid='"errors"')


def create_order_workload(prefix: str, lines: int, setup: OrderSetup) -> Workload:
    """`POST /api/goods_outs`: a sales order of `lines` lines with its delivery address, and a
    reference unique to this run, server and request (max 50 chars). A success is a 200 that
    shows a line."""
    line = {"type": "ADD", "attributes": {"product_id": setup.product_id, "order_quantity": 1}}
    relationships = {"address": {"data": {"type": "addresses", "attributes": DELIVERY_ADDRESS}}}
    attributes = {
        "account_id": setup.account_id,
        "warehouse_id": setup.warehouse_id,
        "reference": f"{prefix}-{lines}-{NUMBER}",
        "expected_date_of_dispatch": EXPECTED_DISPATCH,
        "lines_changes": [line] * lines,
    }
    document = {"type": "goods_outs", "attributes": attributes, "relationships": relationships}
    return Workload.of(GOODS_OUTS_PATH, _dumps({"data": document}).decode(), expect='"lines"')


def workload_for(operation: str, server: str, setup: OrderSetup | None) -> Workload:
    if operation == CREATE:
        return create_account_workload(code_prefix(server))
    if operation in ORDER_LINES:
        if setup is None:
            raise ValueError(f"{operation} needs the orders' account, warehouse and product")
        return create_order_workload(code_prefix(server), ORDER_LINES[operation], setup)
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


async def _post_ok(client: httpx.AsyncClient, path: str, document: Any) -> Any:
    response = await client.post(path, content=_dumps(document))
    if response.status_code != 200 or "errors" in response.json():
        raise ServerError(f"POST {path} answered {response.status_code}: {response.text[:300]}")
    return response.json()


async def _created_id(client: httpx.AsyncClient, resource: str, attributes: Any) -> int:
    """Create a record through Clarus's REST API; its id (some resources send it as a string)."""
    document = {"data": {"type": resource, "attributes": attributes}}
    created = await _post_ok(client, f"/api/{resource}", document)
    return int(created["data"]["id"])


def _id_by_code(page: Any, code: str, resource: str) -> int:
    for edge in page["all"]["edges"]:
        if edge["node"]["code"] == code:
            return int(edge["node"]["id"])
    raise ServerError(f"no {resource} {code!r} in the demo tenant")


async def prepare_orders(client: httpx.AsyncClient) -> OrderSetup:
    """Once per backend, through Clarus (so both servers see the same rows): a stock unit type
    and a product to order, and the ids of the demo account and warehouse."""
    found = (await _post_ok(client, GRAPHQL_PATH, {"query": DEMO_IDS_QUERY}))["data"]
    unit_id = await _created_id(client, "stock_unit_types", {"code": "BENCH", "name": "Each"})
    product = {"code": "BENCH-1", "description": "Bench product", "stock_unit_type_id": unit_id}
    return OrderSetup(
        account_id=_id_by_code(found["accounts"], DEMO_ACCOUNT, "account"),
        warehouse_id=_id_by_code(found["warehouses"], DEMO_WAREHOUSE, "warehouse"),
        product_id=await _created_id(client, "products", product),
    )
