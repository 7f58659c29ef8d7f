"""`python -m bench.graphql`: what the GraphQL layer costs, beside a hand-written yardstick.

One tenant holds 100 orders of 10 lines (of one account, from one warehouse) and 10,000 products
with a stock record each (10,000 stock balances). Each case is run three ways, one request after
another on one connection, so the figures are the work of a request, not of concurrency:

- http: `POST /graphql` through the whole app in process (FastAPI, token lookup, rate limit,
  one read-only transaction, Strawberry, DataLoaders);
- http-general: the same, answered by the general executor (`X-Clarus-Executor: general`), as
  every query was before the compiled executor;
- execute: `schema.execute` on a read session (Strawberry, DataLoaders and SQL, no HTTP);
- compiled: the compiled plan of the query run on a read session (`api/graphql/compiled.py`:
  the selected columns, one statement per nested field, dicts and orjson; no HTTP);
- yardstick: the same data read with hand-written Core selects (the page, then one `IN` select
  per kind of record nested, as the DataLoaders do) and rendered to the same JSON by hand.

Cases: `orders` (a page of 100 orders with their 10 lines, account, warehouse and status),
`balances` (the first page of 500 stock balances with product, account and warehouse) and
`sweep` (every stock balance, 500 a page following the cursor: 20 requests).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert, select, tuple_

from bench.allocation import insert_one
from bench.databases import DEFAULT_POSTGRES_ADMIN_URL, BackendUnavailable, postgres_database
from bench.report import BenchRow, nearest_rank, text_table
from clarus.api.application import create_app
from clarus.api.graphql.compiled import COMPILED_QUERIES
from clarus.api.graphql.context import GraphQLContext
from clarus.api.graphql.endpoint import EXECUTOR_HEADER, GENERAL
from clarus.api.graphql.schema import schema
from clarus.auth.principal import Principal
from clarus.auth.service import create_api_client
from clarus.catalog.tables import products, stock_unit_types
from clarus.core.db import Database, utcnow
from clarus.core.migrate import upgrade
from clarus.core.pagination import encode_key_cursor
from clarus.core.settings import Settings
from clarus.inventory.statuses import StockStatus
from clarus.inventory.tables import stocks
from clarus.masterdata.tables import accounts, location_types, locations, warehouses
from clarus.outbound.schemas import GoodsOutAttributes
from clarus.outbound.service import GOODS_OUTS, create_goods_out
from clarus.outbound.statuses import GoodsOutStatus
from clarus.outbound.stock_balances import BALANCE_KEY, stock_balances
from clarus.outbound.tables import goods_out_lines, goods_outs

ORDERS, LINES, PRODUCTS = 100, 10, 10_000
ORDERS_PAGE = 100
BALANCE_PAGE = 500
LINE_FIELDS = ("id", "product_id", "order_quantity", "allocated_quantity", "pick_quantity")
ORDERS_QUERY = (
    "{ goods_outs { all(first: 100) { edges { node { id reference expected_date_of_dispatch"
    " goods_out_status { code name } account { id code name } warehouse { id code name }"
    f" lines {{ {' '.join(LINE_FIELDS)} }} }} }} }} }} }}"
)
BALANCES_QUERY = (
    "query($after: String) { stock_balances { all(first: 500, after: $after) { edges { cursor"
    " node { available allocated ordered received picked product { id code } account { id code }"
    " warehouse { id } } } pageInfo { hasNextPage endCursor } } } }"
)


@dataclass(frozen=True)
class Seeded:
    principal: Principal
    client_id: str
    client_secret: str


@dataclass(frozen=True)
class Result:
    backend: str
    case: str
    way: str
    requests: int
    p50_ms: float
    p99_ms: float
    per_second: float


@dataclass(frozen=True)
class Plan:
    requests: int = 50
    """Measured requests per page case."""
    sweeps: int = 3
    warmup: int = 5
    orders: int = ORDERS
    """Orders of LINES lines seeded (the page reads the first ORDERS_PAGE)."""
    products: int = PRODUCTS
    """Products seeded, with a stock record each: the stock balances swept."""

    def operations(self) -> dict[str, str]:
        return {
            "orders": f"{min(self.orders, ORDERS_PAGE)} orders x {LINES} lines",
            "balances": f"{min(self.products, BALANCE_PAGE)} balances",
            "sweep": f"sweep {self.products:,} balances",
        }


def bench_rows(results: Sequence[Result], plan: Plan) -> list[BenchRow]:
    """Each way's rate, and its ratio to the yardstick's rate in the same case."""
    operations = plan.operations()
    yardsticks = {(r.backend, r.case): r.per_second for r in results if r.way == "yardstick"}
    return [
        BenchRow(
            r.backend,
            "graphql",
            f"{operations[r.case]}, {r.way}",
            r.per_second,
            "sweeps/s" if r.case == "sweep" else "req/s",
            r.p50_ms,
            r.p99_ms,
            None if r.way == "yardstick" else r.per_second / yardsticks[(r.backend, r.case)],
        )
        for r in results
    ]


Run = Callable[[], Awaitable[Any]]
"""One measured request (a sweep: all its pages); it returns the rendered answer."""


async def seed(db: Database, plan: Plan) -> Seeded:
    async with db.write_session() as session:
        from clarus.tenancy.service import create_tenant

        tenant = await create_tenant(session=session, subdomain="bench", company_name="Bench")
        issued = await create_api_client(
            session=session, tenant=tenant, name="bench", scopes=frozenset({"read"})
        )
        tenant_id = tenant.id
        account_id = await insert_one(session, accounts, tenant_id=tenant_id, code="A", name="A")
        warehouse_id = await insert_one(
            session, warehouses, tenant_id=tenant_id, code="W", name="W"
        )
        type_id = await insert_one(session, location_types, tenant_id=tenant_id, code="T", name="T")
        location_id = await insert_one(
            session,
            locations,
            tenant_id=tenant_id,
            code="L",
            warehouse_id=warehouse_id,
            location_type_id=type_id,
        )
        unit_type_id = await insert_one(
            session, stock_unit_types, tenant_id=tenant_id, code="EA", name="Each"
        )
        now = utcnow()
        product_ids = [
            row[0]
            for row in await session.execute(
                insert(products).returning(products.c.id),
                [
                    {
                        "tenant_id": tenant_id,
                        "code": f"P{n:05}",
                        "description": "Bench",
                        "stock_unit_type_id": unit_type_id,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for n in range(plan.products)
                ],
            )
        ]
        await session.execute(
            insert(stocks),
            [
                {
                    "tenant_id": tenant_id,
                    "product_id": product_id,
                    "account_id": account_id,
                    "warehouse_id": warehouse_id,
                    "location_id": location_id,
                    "status": StockStatus.AVAILABLE.value,
                    "quantity": Decimal(100),
                    "allocated_quantity": Decimal(0),
                    "fifo_date": now,
                    "created_at": now,
                    "updated_at": now,
                }
                for product_id in product_ids
            ],
        )
        for number in range(plan.orders):
            attributes = GoodsOutAttributes.model_validate(
                {
                    "account_id": account_id,
                    "warehouse_id": warehouse_id,
                    "reference": f"BENCH-{number}",
                    "expected_date_of_dispatch": dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
                    "lines_changes": [
                        {
                            "type": "ADD",
                            "attributes": {"product_id": product_ids[line], "order_quantity": 1},
                        }
                        for line in range(LINES)
                    ],
                }
            )
            await create_goods_out(session, GOODS_OUTS, tenant_id=tenant_id, attributes=attributes)
        principal = Principal(
            tenant_id,
            tenant.subdomain,
            issued.client.id,
            issued.client.user_id,
            frozenset({"read"}),
        )
    return Seeded(principal, issued.client.client_id, issued.client_secret)


def _number(value: Decimal) -> float:
    return float(value)


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


async def _by_id(session: Any, table: Any, columns: Sequence[str], ids: set[int]) -> dict[int, Any]:
    statement = select(*(table.c[name] for name in columns)).where(table.c.id.in_(sorted(ids)))
    return {row.id: row for row in await session.execute(statement)}


class Yardstick:
    """The same answers as the GraphQL queries, read with Core and rendered by hand."""

    def __init__(self, db: Database, tenant_id: int) -> None:
        self.db = db
        self.tenant_id = tenant_id

    async def orders(self) -> str:
        async with self.db.read_session() as session:
            page = (
                await session.execute(
                    select(goods_outs)
                    .where(goods_outs.c.tenant_id == self.tenant_id)
                    .order_by(goods_outs.c.id)
                    .limit(ORDERS_PAGE + 1)
                )
            ).all()[:ORDERS_PAGE]
            ids = [order.id for order in page]
            lines: dict[int, list[dict[str, Any]]] = {order_id: [] for order_id in ids}
            statement = (
                select(goods_out_lines.c.goods_out_id, *(goods_out_lines.c[f] for f in LINE_FIELDS))
                .where(goods_out_lines.c.goods_out_id.in_(ids))
                .order_by(goods_out_lines.c.id)
            )
            for line in await session.execute(statement):
                lines[line.goods_out_id].append(
                    {
                        "id": str(line.id),
                        "product_id": str(line.product_id),
                        "order_quantity": _number(line.order_quantity),
                        "allocated_quantity": _number(line.allocated_quantity),
                        "pick_quantity": _number(line.pick_quantity),
                    }
                )
            named = ("id", "code", "name")
            account = await _by_id(session, accounts, named, {o.account_id for o in page})
            warehouse = await _by_id(session, warehouses, named, {o.warehouse_id for o in page})
        edges = []
        for order in page:
            status = GoodsOutStatus(order.goods_out_status_id)
            owner, place = account[order.account_id], warehouse[order.warehouse_id]
            node = {
                "id": str(order.id),
                "reference": order.reference,
                "expected_date_of_dispatch": _iso(order.expected_date_of_dispatch),
                "goods_out_status": {"code": status.code, "name": status.label},
                "account": {"id": str(owner.id), "code": owner.code, "name": owner.name},
                "warehouse": {"id": str(place.id), "code": place.code, "name": place.name},
                "lines": lines[order.id],
            }
            edges.append({"node": node})
        return json.dumps({"data": {"goods_outs": {"all": {"edges": edges}}}})

    async def balances(self, after: Sequence[int] | None = None) -> str:
        async with self.db.read_session() as session:
            balances = stock_balances(self.tenant_id)
            key = [balances.c[name] for name in BALANCE_KEY]
            statement = select(balances).order_by(*key).limit(BALANCE_PAGE + 1)
            if after is not None:
                statement = statement.where(tuple_(*key) > tuple_(*after))
            rows = (await session.execute(statement)).all()
            page = rows[:BALANCE_PAGE]
            product = await _by_id(session, products, ("id", "code"), {r.product_id for r in page})
            account = await _by_id(session, accounts, ("id", "code"), {r.account_id for r in page})
        edges = []
        for row in page:
            cursor = encode_key_cursor(
                self.tenant_id, [row.product_id, row.account_id, row.warehouse_id]
            )
            node = {
                **{
                    name: _number(row._mapping[name])
                    for name in ("available", "allocated", "ordered", "received", "picked")
                },
                "product": {"id": str(row.product_id), "code": product[row.product_id].code},
                "account": {"id": str(row.account_id), "code": account[row.account_id].code},
                "warehouse": {"id": str(row.warehouse_id)},
            }
            edges.append({"cursor": cursor, "node": node})
        info = {
            "hasNextPage": len(rows) > BALANCE_PAGE,
            "endCursor": edges[-1]["cursor"] if edges else None,
        }
        return json.dumps({"data": {"stock_balances": {"all": {"edges": edges, "pageInfo": info}}}})

    async def sweep(self) -> int:
        pages, after = 0, None
        while True:
            answer = json.loads(await self.balances(after))
            pages += 1
            info = answer["data"]["stock_balances"]["all"]["pageInfo"]
            if not info["hasNextPage"]:
                return pages
            edges = answer["data"]["stock_balances"]["all"]["edges"]
            last = edges[-1]["node"]
            after = [
                int(last["product"]["id"]),
                int(last["account"]["id"]),
                int(last["warehouse"]["id"]),
            ]


class GraphQLWays:
    """The GraphQL queries through HTTP (the whole app) and through `schema.execute`."""

    def __init__(
        self, db: Database, settings: Settings, seeded: Seeded, http: httpx.AsyncClient, token: str
    ) -> None:
        self.db, self.settings, self.seeded, self.http = db, settings, seeded, http
        self.headers = {
            "Authorization": f"Bearer {token}",
            "X-Clarus-Subdomain": seeded.principal.subdomain,
        }

    async def over_http(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        return await self._posted(query, variables, self.headers)

    async def over_http_general(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        return await self._posted(query, variables, {**self.headers, EXECUTOR_HEADER: GENERAL})

    async def _posted(
        self, query: str, variables: dict[str, Any] | None, headers: dict[str, str]
    ) -> Any:
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        body = response.json()
        if response.status_code != 200 or "errors" in body:
            raise RuntimeError(response.text[:500])
        return body

    async def executed(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        async with self.db.read_session() as session:
            context = GraphQLContext(
                session=session, principal=self.seeded.principal, settings=self.settings
            )
            result = await schema.execute(query, variable_values=variables, context_value=context)
        if result.errors:
            raise RuntimeError(str(result.errors[0]))
        return json.dumps({"data": result.data})

    async def compiled(self, query: str, variables: dict[str, Any] | None = None) -> bytes:
        plan = COMPILED_QUERIES.of(query, None)
        if plan is None:
            raise RuntimeError("the query is not compiled")
        async with self.db.read_session() as session:
            context = GraphQLContext(
                session=session, principal=self.seeded.principal, settings=self.settings
            )
            return await plan.run(context, variables)

    async def sweep(self, way: Callable[..., Awaitable[Any]]) -> int:
        pages, after = 0, None
        while True:
            answer = await way(BALANCES_QUERY, {"after": after})
            answer = json.loads(answer) if isinstance(answer, str | bytes) else answer
            pages += 1
            info = answer["data"]["stock_balances"]["all"]["pageInfo"]
            if not info["hasNextPage"]:
                return pages
            after = info["endCursor"]


async def measure(run: Run, requests: int, warm_up: int) -> tuple[list[float], float]:
    for _ in range(warm_up):
        await run()
    timings = []
    started = time.perf_counter()
    for _ in range(requests):
        begun = time.perf_counter()
        await run()
        timings.append((time.perf_counter() - begun) * 1000)
    return sorted(timings), time.perf_counter() - started


async def run_backend(backend: str, url: str, plan: Plan) -> list[Result]:
    await upgrade(url)
    settings = Settings(
        database_url=url, rate_limit_per_second=1_000_000, rate_limit_burst=1_000_000
    )
    app = create_app(settings)
    db: Database = app.state.db
    results: list[Result] = []
    try:
        seeded = await seed(db, plan)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            token_response = await http.post(
                "/oauth/token",
                data={"grant_type": "client_credentials"},
                auth=(seeded.client_id, seeded.client_secret),
            )
            token = token_response.json()["access_token"]
            graphql = GraphQLWays(db, settings, seeded, http, token)
            yardstick = Yardstick(db, seeded.principal.tenant_id)
            _check_same_answers(
                json.loads(await graphql.executed(ORDERS_QUERY)),
                json.loads(await yardstick.orders()),
            )
            _check_same_answers(
                json.loads(await graphql.compiled(ORDERS_QUERY))["data"],
                json.loads(await yardstick.orders())["data"],
            )
            cases: dict[str, dict[str, Run]] = {
                "orders": {
                    "http": lambda: graphql.over_http(ORDERS_QUERY),
                    "http-general": lambda: graphql.over_http_general(ORDERS_QUERY),
                    "execute": lambda: graphql.executed(ORDERS_QUERY),
                    "compiled": lambda: graphql.compiled(ORDERS_QUERY),
                    "yardstick": yardstick.orders,
                },
                "balances": {
                    "http": lambda: graphql.over_http(BALANCES_QUERY),
                    "http-general": lambda: graphql.over_http_general(BALANCES_QUERY),
                    "execute": lambda: graphql.executed(BALANCES_QUERY),
                    "compiled": lambda: graphql.compiled(BALANCES_QUERY),
                    "yardstick": yardstick.balances,
                },
                "sweep": {
                    "http": lambda: graphql.sweep(graphql.over_http),
                    "http-general": lambda: graphql.sweep(graphql.over_http_general),
                    "execute": lambda: graphql.sweep(graphql.executed),
                    "compiled": lambda: graphql.sweep(graphql.compiled),
                    "yardstick": yardstick.sweep,
                },
            }
            for case, ways in cases.items():
                requests = plan.sweeps if case == "sweep" else plan.requests
                for way, run in ways.items():
                    print(f"{backend}: {case} {way}", file=sys.stderr)
                    timings, elapsed = await measure(
                        run, requests, 1 if case == "sweep" else plan.warmup
                    )
                    results.append(
                        Result(
                            backend,
                            case,
                            way,
                            requests,
                            statistics.median(timings),
                            nearest_rank(timings, 0.99),
                            requests / elapsed,
                        )
                    )
    finally:
        await db.dispose()
    return results


def _check_same_answers(ours: Any, yardstick: Any) -> None:
    if ours != yardstick:
        raise RuntimeError("the yardstick's orders differ from GraphQL's")


def render(results: Sequence[Result]) -> str:
    yardsticks = {(r.backend, r.case): r for r in results if r.way == "yardstick"}
    header = ("backend", "case", "way", "requests", "p50 ms", "p99 ms", "req/s", "x yardstick p50")
    rows = [
        (
            r.backend,
            r.case,
            r.way,
            str(r.requests),
            f"{r.p50_ms:.1f}",
            f"{r.p99_ms:.1f}",
            f"{r.per_second:.1f}",
            f"{r.p50_ms / yardsticks[(r.backend, r.case)].p50_ms:.2f}",
        )
        for r in results
    ]
    return text_table(header, rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.graphql", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--requests", type=int, default=50, help="measured requests per page case")
    parser.add_argument("--sweeps", type=int, default=3, help="measured sweeps (20 pages each)")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--postgres-admin-url", default=DEFAULT_POSTGRES_ADMIN_URL)
    args = parser.parse_args(argv)
    plan = Plan(args.requests, args.sweeps, args.warmup)
    results: list[Result] = []
    for backend in args.backends.split(","):
        try:
            results += backend_results(backend, plan, args.postgres_admin_url)
        except BackendUnavailable as unavailable:
            print(f"{backend}: skipped ({unavailable})", file=sys.stderr)
    print(render(results))


def backend_results(backend: str, plan: Plan, postgres_admin_url: str) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="clarus-graphql-") as work_dir:
        database = (
            nullcontext(f"sqlite:///{Path(work_dir) / 'bench.db'}")
            if backend == "sqlite"
            else postgres_database(postgres_admin_url)
        )
        with database as url:
            return asyncio.run(run_backend(backend, url, plan))


if __name__ == "__main__":
    main()
