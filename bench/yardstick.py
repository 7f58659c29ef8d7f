"""The yardstick: the benchmarked work with no framework layers, as a bare Starlette app.

`POST /api/accounts` runs one `INSERT INTO accounts (...) RETURNING *`, `POST /graphql` one
`SELECT` of 100 accounts (or a page of orders, or of 500 stock records, each with the records
it names read in one `IN` select per kind), `POST /api/goods_outs` (a sales order with its
delivery address and lines) one transaction of three INSERTs: the address, the order, and the
lines in one executemany; `PATCH /api/goods_outs/{id}` (a new reference and new line
quantities) one transaction of two UPDATEs (the order, the lines in one executemany) and two
reads (the lines, the address).
All go through SQLAlchemy Core on the database Clarus uses, for the tenant Clarus serves, and
answer with the JSON documents Clarus would send. There is no authentication, rate limiting,
validation, reference or defaults lookup, GraphQL execution, event outbox or uniqueness check:
what Clarus spends on top of this is what the benchmark's ratio measures.

Run it with `uvicorn --factory bench.yardstick:create_app`; it reads `BENCH_DATABASE_URL` (a URL
as given to `clarus serve`) and `BENCH_TENANT` (the subdomain, default `demo`).
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import os
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import MetaData, Table, bindparam, event, insert, select, update
from sqlalchemy.engine import RowMapping, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

PAGE_SIZE = 100
STOCK_PAGE_SIZE = 500
HIDDEN_COLUMNS = frozenset({"id", "tenant_id"})
"""Not among a record's attributes: `id` is beside them, `tenant_id` is never shown."""
HIDDEN_CHILD_COLUMNS = frozenset({"tenant_id"})
"""Not shown in an order's nested `address` and `lines`."""
TABLES = (
    "accounts",
    "addresses",
    "goods_outs",
    "goods_out_lines",
    "goods_in_receipts",
    "goods_in_receipt_lines",
    "warehouses",
    "tenants",
    "stocks",
    "products",
    "locations",
    "storage_units",
)
ORDER_STATUSES = {
    1: ("DRAFT", "Draft"),
    2: ("PENDING", "Pending"),
    3: ("PICK", "Pick"),
    4: ("PICKING", "Picking"),
    5: ("ALLOCATED", "Allocated"),
    6: ("COMPLETED", "Completed"),
    7: ("DISPATCHED", "Dispatched"),
    8: ("CANCELLED", "Cancelled"),
}
"""Goods out status codes and names, as Clarus's `GoodsOutStatus` shows them."""
ORDER_LINE_FIELDS = ("id", "product_id", "order_quantity", "allocated_quantity", "pick_quantity")
SALES_ORDER = {
    "goods_out_status_id": 2,
    "goods_out_type": "sales_order",
    "pick_type": "standard",
    "pack_strategy": "disabled",
    "dispatch_strategy": "auto",
}
"""What Clarus fills in on an order that leaves them out: PENDING, and the demo tenant's
defaults (the demo account overrides none of them)."""
_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}


@dataclass(frozen=True)
class Store:
    """What every request needs: the engine, the reflected tables and the tenant's id."""

    engine: AsyncEngine
    accounts: Table
    addresses: Table
    goods_outs: Table
    goods_out_lines: Table
    receipts: Table
    receipt_lines: Table
    warehouses: Table
    stocks: Table
    products: Table
    locations: Table
    storage_units: Table
    tenant_id: int
    receipt_type: str
    """The tenant's default receipt type, which a receipt takes."""
    naive_timestamps: bool
    lines_returning: bool
    """Whether an executemany INSERT can return its rows in the order of its parameters."""

    def stored_time(self, value: dt.datetime) -> dt.datetime:
        """A UTC datetime as a column takes it: naive on SQLite, which keeps no offset."""
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if self.naive_timestamps else utc

    def now(self) -> dt.datetime:
        return self.stored_time(dt.datetime.now(dt.UTC))


def async_url(url: str) -> str:
    parsed = make_url(url)
    driver = _ASYNC_DRIVERS.get(parsed.get_backend_name(), parsed.drivername)
    return parsed.set(drivername=driver).render_as_string(hide_password=False)


def _sqlite_pragmas(engine: AsyncEngine) -> None:
    """The connection settings Clarus uses on SQLite, so that both pay the same durability."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "foreign_keys=ON",
            "busy_timeout=30000",
            "synchronous=NORMAL",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()


def create_engine(url: str) -> AsyncEngine:
    """An engine sized like Clarus's (no pre-ping: the yardstick does only the necessary), with
    its settings: on PostgreSQL each statement planned for its parameters, as Clarus's are (a
    generic plan of an `IN` of 500 ids scans the tenant's rows)."""
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_async_engine(async_url(url))
        _sqlite_pragmas(engine)
        return engine
    return create_async_engine(
        async_url(url),
        pool_size=10,
        max_overflow=10,
        connect_args={"server_settings": {"plan_cache_mode": "force_custom_plan"}},
    )


async def _tenant_id(connection: AsyncConnection, tenants: Table, subdomain: str) -> int:
    statement = select(tenants.c.id).where(tenants.c.subdomain == subdomain)
    tenant_id = (await connection.execute(statement)).scalar_one_or_none()
    if tenant_id is None:
        raise RuntimeError(f"no tenant {subdomain!r} in the database")
    return int(tenant_id)


async def open_store(url: str, subdomain: str) -> Store:
    engine = create_engine(url)
    metadata = MetaData()
    async with engine.connect() as connection:
        await connection.run_sync(metadata.reflect, only=list(TABLES))
        tenant_id = await _tenant_id(connection, metadata.tables["tenants"], subdomain)
        tenants = metadata.tables["tenants"]
        receipt_type = (
            await connection.execute(
                select(tenants.c.default_receipt_type).where(tenants.c.id == tenant_id)
            )
        ).scalar_one()
    return Store(
        engine,
        metadata.tables["accounts"],
        metadata.tables["addresses"],
        metadata.tables["goods_outs"],
        metadata.tables["goods_out_lines"],
        metadata.tables["goods_in_receipts"],
        metadata.tables["goods_in_receipt_lines"],
        metadata.tables["warehouses"],
        metadata.tables["stocks"],
        metadata.tables["products"],
        metadata.tables["locations"],
        metadata.tables["storage_units"],
        tenant_id,
        receipt_type,
        naive_timestamps=engine.dialect.name == "sqlite",
        lines_returning=engine.dialect.insert_executemany_returning_sort_by_parameter_order,
    )


def iso_utc(value: dt.datetime) -> str:
    """Clarus's datetime format: UTC with a `Z` (SQLite hands back naive UTC)."""
    aware = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    return aware.isoformat().replace("+00:00", "Z")


def json_value(value: Any) -> Any:
    """Datetimes as Clarus writes them, and decimals (quantities) as JSON numbers."""
    if isinstance(value, dt.datetime):
        return iso_utc(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def shown(row: RowMapping, hidden: frozenset[str] = HIDDEN_CHILD_COLUMNS) -> dict[str, Any]:
    return {name: json_value(value) for name, value in row.items() if name not in hidden}


def json_response(document: Mapping[str, Any]) -> Response:
    body = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    return Response(body.encode(), media_type="application/json")


def account_document(row: RowMapping) -> dict[str, Any]:
    return {"data": {"id": row["id"], "type": "accounts", "attributes": shown(row, HIDDEN_COLUMNS)}}


def goods_out_document(
    order: RowMapping, address: RowMapping, lines: Sequence[RowMapping]
) -> dict[str, Any]:
    """Clarus's goods out: the order's columns with its `address` and `lines` nested."""
    attributes = {
        **shown(order, HIDDEN_COLUMNS),
        "address": shown(address),
        "lines": [shown(line) for line in lines],
    }
    return {"data": {"id": order["id"], "type": "goods_outs", "attributes": attributes}}


def cursor(tenant_id: int, record_id: int) -> str:
    raw = f"v1:{tenant_id}:{record_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def accounts_page(tenant_id: int, rows: Sequence[RowMapping]) -> dict[str, Any]:
    page = rows[:PAGE_SIZE]
    edges = [
        {
            "node": {
                "id": str(row["id"]),
                "code": row["code"],
                "name": row["name"],
                "created_at": iso_utc(row["created_at"]),
            }
        }
        for row in page
    ]
    page_info = {
        "hasNextPage": len(rows) > PAGE_SIZE,
        "endCursor": cursor(tenant_id, page[-1]["id"]) if page else None,
    }
    return {"data": {"accounts": {"all": {"edges": edges, "pageInfo": page_info}}}}


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def create_account(request: Request) -> Response:
    store = store_of(request)
    attributes = (await request.json())["data"]["attributes"]
    now = store.now()
    table = store.accounts
    statement = (
        insert(table)
        .values(
            tenant_id=store.tenant_id,
            code=attributes["code"],
            name=attributes["name"],
            is_active=True,
            is_short_pickable=False,
            created_at=now,
            updated_at=now,
        )
        .returning(*table.c)
    )
    async with store.engine.begin() as connection:
        row = (await connection.execute(statement)).mappings().one()
    return json_response(account_document(row))


async def insert_address(
    connection: AsyncConnection, store: Store, attributes: Mapping[str, Any], now: dt.datetime
) -> RowMapping:
    table = store.addresses
    statement = (
        insert(table)
        .values(
            tenant_id=store.tenant_id,
            address_type="inline",
            is_active=True,
            created_at=now,
            updated_at=now,
            **attributes,
        )
        .returning(*table.c)
    )
    return (await connection.execute(statement)).mappings().one()


async def insert_order(
    connection: AsyncConnection,
    store: Store,
    attributes: Mapping[str, Any],
    address_id: int,
    now: dt.datetime,
) -> RowMapping:
    table = store.goods_outs
    expected = dt.datetime.fromisoformat(attributes["expected_date_of_dispatch"])
    statement = (
        insert(table)
        .values(
            tenant_id=store.tenant_id,
            account_id=attributes["account_id"],
            warehouse_id=attributes["warehouse_id"],
            reference=attributes["reference"],
            expected_date_of_dispatch=store.stored_time(expected),
            address_id=address_id,
            created_at=now,
            updated_at=now,
            **SALES_ORDER,
        )
        .returning(*table.c)
    )
    return (await connection.execute(statement)).mappings().one()


async def insert_lines(
    connection: AsyncConnection,
    store: Store,
    changes: Sequence[Mapping[str, Any]],
    order_id: int,
    now: dt.datetime,
) -> Sequence[RowMapping]:
    """One executemany INSERT of the lines, returning them (SQLAlchemy's insertmanyvalues) in
    the order of their ids, which is the order sent, else read back in one SELECT. (Asking
    RETURNING to keep the order sent, `sort_by_parameter_order`, made SQLite insert the lines
    one statement each: 100 lines ran at a fifth of Clarus's rate.)"""
    table = store.goods_out_lines
    rows = [
        {
            "tenant_id": store.tenant_id,
            "goods_out_id": order_id,
            "product_id": change["attributes"]["product_id"],
            "order_quantity": decimal.Decimal(str(change["attributes"]["order_quantity"])),
            "created_at": now,
            "updated_at": now,
        }
        for change in changes
    ]
    if not rows:
        return []
    if store.lines_returning:
        returned = (await connection.execute(insert(table).returning(*table.c), rows)).mappings()
        return sorted(returned, key=lambda line: int(line["id"]))
    await connection.execute(insert(table), rows)
    lines = select(table).where(table.c.goods_out_id == order_id).order_by(table.c.id)
    return (await connection.execute(lines)).mappings().all()


async def create_goods_out(request: Request) -> Response:
    """A sales order with its inline delivery address and its lines, in one transaction."""
    store = store_of(request)
    data = (await request.json())["data"]
    attributes = data["attributes"]
    address_attributes = data["relationships"]["address"]["data"]["attributes"]
    now = store.now()
    async with store.engine.begin() as connection:
        address = await insert_address(connection, store, address_attributes, now)
        order = await insert_order(connection, store, attributes, address["id"], now)
        changes = attributes.get("lines_changes") or []
        lines = await insert_lines(connection, store, changes, order["id"], now)
    return json_response(goods_out_document(order, address, lines))


async def update_goods_out(request: Request) -> Response:
    """An order's new reference and its lines' new quantities (`lines_changes` of UPDATEs
    only), in one transaction: the order's UPDATE, one executemany UPDATE of the lines, and
    the order's lines and address read back for the answer."""
    store = store_of(request)
    order_id = int(request.path_params["id"])
    attributes = (await request.json())["data"]["attributes"]
    now = store.now()
    orders, lines, addresses = store.goods_outs, store.goods_out_lines, store.addresses
    changed = [
        {
            "line_id": change["id"],
            "order_quantity": decimal.Decimal(str(change["attributes"]["order_quantity"])),
            "updated_at": now,
        }
        for change in attributes.get("lines_changes") or []
    ]
    order_update = (
        update(orders)
        .where(orders.c.id == order_id, orders.c.tenant_id == store.tenant_id)
        .values(reference=attributes["reference"], updated_at=now)
        .returning(*orders.c)
    )
    lines_update = update(lines).where(
        lines.c.id == bindparam("line_id"), lines.c.goods_out_id == order_id
    )
    async with store.engine.begin() as connection:
        order = (await connection.execute(order_update)).mappings().one()
        if changed:
            await connection.execute(lines_update, changed)
        found = select(lines).where(lines.c.goods_out_id == order_id).order_by(lines.c.id)
        order_lines = (await connection.execute(found)).mappings().all()
        address_read = select(addresses).where(addresses.c.id == order["address_id"])
        address = (await connection.execute(address_read)).mappings().one()
    return json_response(goods_out_document(order, address, order_lines))


async def create_receipt(request: Request) -> Response:
    """A receipt (pending, of the tenant's default type) and its lines, in one transaction."""
    store = store_of(request)
    attributes = (await request.json())["data"]["attributes"]
    now = store.now()
    header, table = store.receipts, store.receipt_lines
    rows = [
        {
            "tenant_id": store.tenant_id,
            "product_id": change["attributes"]["product_id"],
            "product_storage_unit_id": change["attributes"]["product_storage_unit_id"],
            "expected_quantity": decimal.Decimal(str(change["attributes"]["expected_quantity"])),
            "created_at": now,
            "updated_at": now,
        }
        for change in attributes.get("lines_changes") or []
    ]
    statement = (
        insert(header)
        .values(
            tenant_id=store.tenant_id,
            account_id=attributes["account_id"],
            warehouse_id=attributes["warehouse_id"],
            reference=attributes["reference"],
            status="pending",
            receipt_type=store.receipt_type,
            created_at=now,
            updated_at=now,
        )
        .returning(*header.c)
    )
    async with store.engine.begin() as connection:
        receipt = (await connection.execute(statement)).mappings().one()
        for row in rows:
            row["goods_in_receipt_id"] = receipt["id"]
        lines: Sequence[RowMapping] = []
        if rows:
            lines = sorted(
                (await connection.execute(insert(table).returning(*table.c), rows)).mappings(),
                key=lambda line: int(line["id"]),
            )
    document_attributes = {
        **shown(receipt, HIDDEN_COLUMNS),
        "address": None,
        "lines": [shown(line) for line in lines],
    }
    return json_response(
        {
            "data": {
                "id": receipt["id"],
                "type": "goods_in_receipts",
                "attributes": document_attributes,
            }
        }
    )


async def graphql(request: Request) -> Response:
    """The GraphQL queries the benchmark sends, told apart by their text: the orders page or
    the stock page of one account, or the accounts list."""
    payload = await request.json()
    if "goods_outs" in payload["query"]:
        return await list_orders(request, int(payload["variables"]["account"]))
    if "stocks" in payload["query"]:
        return await list_stocks(request, int(payload["variables"]["account"]))
    return await list_accounts(request)


async def list_orders(request: Request, account_id: int) -> Response:
    """A page of 100 orders of one account with their lines, account, warehouse and status: the
    page, then one `IN` select of their lines and one each of their accounts and warehouses."""
    store = store_of(request)
    orders, lines = store.goods_outs, store.goods_out_lines
    page_statement = (
        select(
            orders.c.id,
            orders.c.reference,
            orders.c.expected_date_of_dispatch,
            orders.c.goods_out_status_id,
            orders.c.account_id,
            orders.c.warehouse_id,
        )
        .where(orders.c.tenant_id == store.tenant_id, orders.c.account_id == account_id)
        .order_by(orders.c.id)
        .limit(PAGE_SIZE + 1)
    )
    async with store.engine.connect() as connection:
        page = (await connection.execute(page_statement)).all()[:PAGE_SIZE]
        ids = [order.id for order in page]
        lines_statement = (
            select(lines.c.goods_out_id, *(lines.c[name] for name in ORDER_LINE_FIELDS))
            .where(lines.c.goods_out_id.in_(ids))
            .order_by(lines.c.id)
        )
        order_lines: dict[int, list[dict[str, Any]]] = {order_id: [] for order_id in ids}
        for line in await connection.execute(lines_statement):
            order_lines[line.goods_out_id].append(
                {
                    "id": str(line.id),
                    "product_id": str(line.product_id),
                    "order_quantity": float(line.order_quantity),
                    "allocated_quantity": float(line.allocated_quantity),
                    "pick_quantity": float(line.pick_quantity),
                }
            )
        named = {}
        for table, column in ((store.accounts, "account_id"), (store.warehouses, "warehouse_id")):
            wanted = sorted({getattr(order, column) for order in page})
            found = select(table.c.id, table.c.code, table.c.name).where(table.c.id.in_(wanted))
            named[column] = {
                row.id: {"id": str(row.id), "code": row.code, "name": row.name}
                for row in await connection.execute(found)
            }
    edges = []
    for order in page:
        code, name = ORDER_STATUSES[order.goods_out_status_id]
        node = {
            "id": str(order.id),
            "reference": order.reference,
            "expected_date_of_dispatch": iso_utc(order.expected_date_of_dispatch),
            "goods_out_status": {"code": code, "name": name},
            "account": named["account_id"][order.account_id],
            "warehouse": named["warehouse_id"][order.warehouse_id],
            "lines": order_lines[order.id],
        }
        edges.append({"node": node})
    return json_response({"data": {"goods_outs": {"all": {"edges": edges}}}})


STOCK_REFERENCES = (
    ("product", "product_id", "products", "code"),
    ("location", "location_id", "locations", "code"),
    ("account", "account_id", "accounts", "code"),
    ("storage_unit", "storage_unit_id", "storage_units", "reference"),
)
"""The records a stock node names: its field, the stock's column, their table, what is shown."""


async def list_stocks(request: Request, account_id: int) -> Response:
    """A page of 500 stock records in hand of one account, with their product, location,
    account and storage unit: the page, then one `IN` select of each kind of record named."""
    store = store_of(request)
    table = store.stocks
    page_statement = (
        select(
            table.c.id,
            table.c.quantity,
            table.c.status,
            table.c.fifo_date,
            *(table.c[column] for _field, column, _table, _shown in STOCK_REFERENCES),
        )
        .where(
            table.c.tenant_id == store.tenant_id,
            table.c.account_id == account_id,
            table.c.quantity > 0,
        )
        .order_by(table.c.id)
        .limit(STOCK_PAGE_SIZE + 1)
    )
    named: dict[str, dict[int, dict[str, Any]]] = {}
    async with store.engine.connect() as connection:
        page = (await connection.execute(page_statement)).all()[:STOCK_PAGE_SIZE]
        for _field, column, table_name, shown_column in STOCK_REFERENCES:
            referenced: Table = getattr(store, table_name)
            wanted = sorted({key for row in page if (key := getattr(row, column)) is not None})
            named[column] = {}
            if wanted:
                found = select(referenced.c.id, referenced.c[shown_column]).where(
                    referenced.c.id.in_(wanted)
                )
                named[column] = {
                    record.id: {"id": str(record.id), shown_column: record[1]}
                    for record in await connection.execute(found)
                }
    edges = []
    for row in page:
        node: dict[str, Any] = {
            "id": str(row.id),
            "quantity": float(row.quantity),
            "status": row.status,
            "fifo_date": iso_utc(row.fifo_date),
        }
        for field, column, _table, _shown in STOCK_REFERENCES:
            key = getattr(row, column)
            node[field] = None if key is None else named[column][key]
        edges.append({"node": node})
    return json_response({"data": {"stocks": {"all": {"edges": edges}}}})


async def list_accounts(request: Request) -> Response:
    store = store_of(request)
    table = store.accounts
    statement = (
        select(table.c.id, table.c.code, table.c.name, table.c.created_at)
        .where(table.c.tenant_id == store.tenant_id)
        .order_by(table.c.id)
        .limit(PAGE_SIZE + 1)
    )
    async with store.engine.connect() as connection:
        rows = list((await connection.execute(statement)).mappings())
    return json_response(accounts_page(store.tenant_id, rows))


async def healthz(_request: Request) -> Response:
    return json_response({"status": "ok"})


def create_app() -> Starlette:
    url = os.environ["BENCH_DATABASE_URL"]
    subdomain = os.environ.get("BENCH_TENANT", "demo")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.store = await open_store(url, subdomain)
        try:
            yield
        finally:
            await app.state.store.engine.dispose()

    routes = [
        Route("/api/accounts", create_account, methods=["POST"]),
        Route("/graphql", graphql, methods=["POST"]),
        Route("/api/goods_in_receipts", create_receipt, methods=["POST"]),
        Route("/api/goods_outs", create_goods_out, methods=["POST"]),
        Route("/api/goods_outs/{id:int}", update_goods_out, methods=["PATCH"]),
        Route("/healthz", healthz, methods=["GET"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan)
