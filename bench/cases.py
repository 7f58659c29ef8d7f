"""The benchmarked operations: what is sent, and what counts as a success."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import insert, select

from bench.load import NUMBER, Workload
from bench.servers import ServerError
from clarus.catalog.tables import products
from clarus.core.db import Database, utcnow
from clarus.core.settings import Settings
from clarus.inventory.statuses import StockStatus
from clarus.inventory.tables import stocks
from clarus.tenancy.tables import tenants

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
RECEIPT = "receipt 10 lines"
UPDATE10 = "order update 10 lines"
ORDERS_PAGE = "graphql 100 orders x 10 lines"
STOCKS_PAGE = "graphql 500 stock records"
OPERATIONS = {
    "create": CREATE,
    "list": LIST,
    "order1": ORDER1,
    "order10": ORDER10,
    "order100": ORDER100,
    "receipt": RECEIPT,
    "update10": UPDATE10,
    "orders": ORDERS_PAGE,
    "stocks": STOCKS_PAGE,
}
NEEDS_SETUP = frozenset({ORDER1, ORDER10, ORDER100, RECEIPT, UPDATE10, ORDERS_PAGE})
"""The operations that need `prepare_orders`' account, warehouse and product."""
RECEIPTS_PATH = "/api/goods_in_receipts"
RECEIPT_LINES = 10
PAGE_ORDERS, PAGE_LINES = 100, 10
ORDERS_QUERY = (
    "query($account: ID) { goods_outs { all(first: 100, filter: {account_id: {eq: $account}})"
    " { edges { node { id reference expected_date_of_dispatch goods_out_status { code name }"
    " account { id code name } warehouse { id code name }"
    " lines { id product_id order_quantity allocated_quantity pick_quantity } } } } } }"
)
"""A page of orders, as bench.graphql reads them, of the account the benchmark fills with
exactly 100 orders of 10 lines."""
PAGE_STOCKS = 500
STOCKS_QUERY = (
    "query($account: ID) { stocks { all(first: 500, filter: {account_id: {eq: $account}})"
    " { edges { node { id quantity status fifo_date product { id code } location { id code }"
    " account { id code } storage_unit { id reference } } } } } }"
)
"""The documented `ListStocks` selection, a page of 500 of the account the benchmark fills with
exactly 500 stock records, each of its own product (so 500 stock balances too)."""
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
    storage_unit_id: int
    """The product's storage unit of priority 0, which a receipt line names."""
    page_account_id: int
    """An account of its own for the orders page, with PAGE_ORDERS orders of PAGE_LINES lines."""
    update_orders: tuple[tuple[int, tuple[int, ...]], ...] = ()
    """The UPDATE_ORDERS orders of UPDATE_LINES lines that the update case changes in turn,
    each with its lines' ids."""


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


def create_receipt_workload(prefix: str, setup: OrderSetup) -> Workload:
    """`POST /api/goods_in_receipts`: a receipt of RECEIPT_LINES lines, each naming the
    product's storage unit, with a reference unique to this run, server and request."""
    line = {
        "type": "ADD",
        "attributes": {
            "product_id": setup.product_id,
            "product_storage_unit_id": setup.storage_unit_id,
            "expected_quantity": 1,
        },
    }
    attributes = {
        "account_id": setup.account_id,
        "warehouse_id": setup.warehouse_id,
        "reference": f"{prefix}-R-{NUMBER}",
        "lines_changes": [line] * RECEIPT_LINES,
    }
    document = {"data": {"type": "goods_in_receipts", "attributes": attributes}}
    return Workload.of(RECEIPTS_PATH, _dumps(document).decode(), expect='"lines"')


UPDATE_LINES = 10
UPDATE_ORDERS = 64
"""Twice wrk's connections: requests updating one order would queue on its row lock, which
measures the lock rather than the server."""


def update_order_workload(prefix: str, setup: OrderSetup) -> Workload:
    """`PATCH /api/goods_outs/{id}`: a new reference (unique to this run, server and request)
    and an UPDATE of each of the order's UPDATE_LINES lines, in one request, to each of the
    UPDATE_ORDERS orders in turn."""
    workloads = []
    for order_id, line_ids in setup.update_orders:
        changes = [
            {"type": "UPDATE", "id": line_id, "attributes": {"order_quantity": 2}}
            for line_id in line_ids
        ]
        attributes = {"reference": f"{prefix}-U-{NUMBER}", "lines_changes": changes}
        document = {"data": {"type": "goods_outs", "attributes": attributes}}
        workloads.append(
            Workload.of(
                f"{GOODS_OUTS_PATH}/{order_id}",
                _dumps(document).decode(),
                expect='"lines"',
                method="PATCH",
            )
        )
    return Workload.rotating(workloads)


def orders_page_workload(setup: OrderSetup) -> Workload:
    payload = {"query": ORDERS_QUERY, "variables": {"account": str(setup.page_account_id)}}
    return Workload.of(GRAPHQL_PATH, _dumps(payload).decode(), expect='"edges"', forbid='"errors"')


def stocks_page_workload(account_id: int) -> Workload:
    payload = {"query": STOCKS_QUERY, "variables": {"account": str(account_id)}}
    return Workload.of(GRAPHQL_PATH, _dumps(payload).decode(), expect='"edges"', forbid='"errors"')


def workload_for(
    operation: str, server: str, setup: OrderSetup | None, stock_account_id: int | None = None
) -> Workload:
    if operation == STOCKS_PAGE:
        if stock_account_id is None:
            raise ValueError(f"{operation} needs the account holding the stock")
        return stocks_page_workload(stock_account_id)
    if operation == CREATE:
        return create_account_workload(code_prefix(server))
    if operation in (RECEIPT, UPDATE10, ORDERS_PAGE):
        if setup is None:
            raise ValueError(f"{operation} needs the account, warehouse and product")
        if operation == RECEIPT:
            return create_receipt_workload(code_prefix(server), setup)
        if operation == UPDATE10:
            return update_order_workload(code_prefix(server), setup)
        return orders_page_workload(setup)
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


STORAGE_UNITS_QUERY = (
    "query($filter: ProductStorageUnitFilterType) { product_storage_units {"
    " all(filter: $filter) { edges { node { id priority } } } } }"
)


async def prepare_orders(client: httpx.AsyncClient) -> OrderSetup:
    """Once per backend, through Clarus (so both servers see the same rows): a storage unit
    type, a stock unit type and a product (with its storage unit) to order and receive, the ids
    of the demo account and warehouse, an order of UPDATE_LINES lines for the update case, and an
    account of its own holding PAGE_ORDERS orders of PAGE_LINES lines for the orders page."""
    found = (await _post_ok(client, GRAPHQL_PATH, {"query": DEMO_IDS_QUERY}))["data"]
    await _created_id(
        client, "storage_unit_types", {"code": "BENCHP", "name": "Pallet", "sequence_id": 1}
    )
    unit_id = await _created_id(client, "stock_unit_types", {"code": "BENCH", "name": "Each"})
    product = {"code": "BENCH-1", "description": "Bench product", "stock_unit_type_id": unit_id}
    product_id = await _created_id(client, "products", product)
    variables = {"filter": {"product_id": {"eq": str(product_id)}}}
    units = await _post_ok(
        client, GRAPHQL_PATH, {"query": STORAGE_UNITS_QUERY, "variables": variables}
    )
    edges = units["data"]["product_storage_units"]["all"]["edges"]
    first_unit = min(edges, key=lambda edge: int(edge["node"]["priority"]))["node"]["id"]
    page_account_id = await _created_id(
        client, "accounts", {"code": code_prefix("page"), "name": "Bench orders page"}
    )
    setup = OrderSetup(
        account_id=_id_by_code(found["accounts"], DEMO_ACCOUNT, "account"),
        warehouse_id=_id_by_code(found["warehouses"], DEMO_WAREHOUSE, "warehouse"),
        product_id=product_id,
        storage_unit_id=int(first_unit),
        page_account_id=page_account_id,
    )
    update_orders = []
    for number in range(UPDATE_ORDERS):
        body = create_order_workload("UPDATE", UPDATE_LINES, setup).body(number)
        created = (await _post_ok(client, GOODS_OUTS_PATH, json.loads(body)))["data"]
        line_ids = tuple(int(line["id"]) for line in created["attributes"]["lines"])
        update_orders.append((int(created["id"]), line_ids))
    setup = replace(setup, update_orders=tuple(update_orders))
    page_setup = replace(setup, account_id=page_account_id)
    for number in range(PAGE_ORDERS):
        body = create_order_workload("PAGE", PAGE_LINES, page_setup).body(number)
        response = await client.post(GOODS_OUTS_PATH, content=body)
        if response.status_code != 200:
            raise ServerError(
                f"seeding the orders page: {response.status_code} {response.text[:300]}"
            )
    return setup


LOCATIONS_QUERY = (
    "query($warehouse: ID) { locations { all(first: 1, filter: {warehouse_id: {eq: $warehouse}})"
    " { edges { node { id } } } } stock_unit_types { all(first: 1) { edges { node { id } } } } }"
)


async def prepare_stocks(client: httpx.AsyncClient, database_url: str, subdomain: str) -> int:
    """Once per backend: an account of its own (through Clarus) holding PAGE_STOCKS stock
    records in a location of the demo warehouse, each of a product of its own; the products and
    records are inserted straight into the database, two statements rather than 1,000 requests
    (what is measured is reading the page, not how it was made). The account's id."""
    found = (await _post_ok(client, GRAPHQL_PATH, {"query": DEMO_IDS_QUERY}))["data"]
    warehouse_id = _id_by_code(found["warehouses"], DEMO_WAREHOUSE, "warehouse")
    variables = {"warehouse": str(warehouse_id)}
    places = (
        await _post_ok(client, GRAPHQL_PATH, {"query": LOCATIONS_QUERY, "variables": variables})
    )["data"]
    location_edges = places["locations"]["all"]["edges"]
    unit_edges = places["stock_unit_types"]["all"]["edges"]
    if not location_edges or not unit_edges:
        raise ServerError("the demo tenant has no location or stock unit type to hold stock")
    prefix = code_prefix("stock")
    account_id = await _created_id(client, "accounts", {"code": prefix, "name": "Bench stock page"})
    await insert_stocks(
        database_url,
        subdomain,
        StockPlace(
            account_id,
            warehouse_id,
            int(location_edges[0]["node"]["id"]),
            int(unit_edges[0]["node"]["id"]),
        ),
        prefix,
    )
    return account_id


@dataclass(frozen=True)
class StockPlace:
    account_id: int
    warehouse_id: int
    location_id: int
    stock_unit_type_id: int


async def insert_stocks(database_url: str, subdomain: str, place: StockPlace, prefix: str) -> None:
    """PAGE_STOCKS products coded `<prefix>-<n>` and a stock record of 10 of each."""
    db = Database(Settings(database_url=database_url))
    try:
        async with db.write_session() as session:
            tenant_id = (
                await session.execute(select(tenants.c.id).where(tenants.c.subdomain == subdomain))
            ).scalar_one()
            now = utcnow()
            product_ids = [
                row[0]
                for row in await session.execute(
                    insert(products).returning(products.c.id),
                    [
                        {
                            "tenant_id": tenant_id,
                            "code": f"{prefix}-{number:03}",
                            "description": "Bench stock",
                            "stock_unit_type_id": place.stock_unit_type_id,
                            "created_at": now,
                            "updated_at": now,
                        }
                        for number in range(PAGE_STOCKS)
                    ],
                )
            ]
            await session.execute(
                insert(stocks),
                [
                    {
                        "tenant_id": tenant_id,
                        "product_id": product_id,
                        "account_id": place.account_id,
                        "warehouse_id": place.warehouse_id,
                        "location_id": place.location_id,
                        "status": StockStatus.AVAILABLE.value,
                        "quantity": Decimal(10),
                        "allocated_quantity": Decimal(0),
                        "fifo_date": now,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for product_id in product_ids
                ],
            )
    finally:
        await db.dispose()
