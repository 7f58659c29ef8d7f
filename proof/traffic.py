"""A closed-loop mix of realistic requests over loopback, and the client's book of what it did.

Each of `concurrency` loops sends its next request when the last returns, until the deadline:
70 % GraphQL reads (a page of orders, a page of stock balances, one order by id), 20 % sales
orders of 10 lines, 10 % warehouse operations (fulfil an order the run created, add stock,
remove stock, move stock to a shelf). Tenants and servers are taken in turn.

The book keeps, for each write, whether the server said it was done, said it was not, or never
answered (a request cut by a fault may or may not have been committed); the checks compare
the database against it.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
import random
import secrets
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx

from bench.load import require_loopback
from proof.stack import Tenant, headers

READ, CREATE, OPERATE = "graphql read", "order create", "warehouse op"
KINDS = (READ, CREATE, OPERATE)
WEIGHTS = (70, 20, 10)
LINES = 10
REQUEST_TIMEOUT_SECONDS = 30.0
ORDERS_PAGE = (
    "{ goods_outs { all(first: 25) { edges { node { id reference goods_out_status { code }"
    " lines { product_id order_quantity } } } } } }"
)
BALANCES_PAGE = (
    "{ stock_balances { all(first: 50) { edges { node { available allocated"
    " product { code } } } } } }"
)
ORDERS_BY_ID = (
    "query($filter: GoodsOutsFilterType) { goods_outs { all(first: 100, filter: $filter) {"
    " edges { node { id reference lines { id } } } } } }"
)
DISPATCH_DATE = "2026-12-01T10:00:00Z"
ADDRESS = {
    "name": "Load",
    "address_1": "1 Load Street",
    "postcode": "AB1 2CD",
    "country_code": "GB",
}
COMPLETED = "6"


@dataclass
class KindStats:
    requests: int = 0
    errors: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    first_error: str | None = None

    def percentile_ms(self, fraction: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


@dataclass
class Book:
    """What the client knows it did, per tenant subdomain where it matters."""

    orders: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Reference → (subdomain, id) of every order the server answered as created."""
    order_ids: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    """The ids of those orders, per subdomain."""
    unknown_orders: dict[str, str] = field(default_factory=dict)
    """Reference → subdomain of every create that got no answer (or a 5xx)."""
    refused_orders: dict[str, str] = field(default_factory=dict)
    quantities: dict[str, Decimal] = field(default_factory=dict)
    """Reference → the total quantity of the order's lines, of every create sent."""
    unfulfilled: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    fulfilled: set[int] = field(default_factory=set)
    added: dict[str, tuple[str, Decimal]] = field(default_factory=dict)
    """Positive adjustment description → (subdomain, quantity), answered as done."""
    unknown_added: dict[str, tuple[str, Decimal]] = field(default_factory=dict)
    removed: Counter[str] = field(default_factory=Counter)
    """Negative adjustments of one unit answered as done, per subdomain."""
    unknown_removed: Counter[str] = field(default_factory=Counter)


@dataclass
class Run:
    stats: dict[str, KindStats]
    elapsed_seconds: float
    book: Book

    @property
    def requests(self) -> int:
        return sum(stats.requests for stats in self.stats.values())

    @property
    def errors(self) -> int:
        return sum(stats.errors for stats in self.stats.values())


Outcome = tuple[bool, str]
"""Whether the request succeeded, and a label for the table (status code or error name)."""


class Traffic:
    def __init__(
        self, base_urls: Sequence[str], tenants: Sequence[Tenant], tokens: Sequence[str]
    ) -> None:
        for base_url in base_urls:
            require_loopback(base_url)
        self.base_urls = list(base_urls)
        self.tenants = list(tenants)
        pairs = zip(tenants, tokens, strict=True)
        self.headers = [headers(tenant, token) for tenant, token in pairs]
        self.book = Book()
        self.stats = {kind: KindStats() for kind in KINDS}
        self.prefix = f"L{secrets.token_hex(3).upper()}"
        self.counter = itertools.count()

    async def run(self, *, seconds: float, concurrency: int, seed: int = 1) -> Run:
        started = time.perf_counter()
        stop_at = started + seconds
        async with asyncio.TaskGroup() as tasks:
            for number in range(concurrency):
                tasks.create_task(self._loop(random.Random(seed * 1000 + number), stop_at))
        return Run(self.stats, time.perf_counter() - started, self.book)

    async def _loop(self, rng: random.Random, stop_at: float) -> None:
        async with httpx.AsyncClient(timeout=REQUEST_TIMEOUT_SECONDS, trust_env=False) as http:
            while time.perf_counter() < stop_at:
                number = next(self.counter)
                tenant_index = number % len(self.tenants)
                base_url = self.base_urls[number % len(self.base_urls)]
                kind = rng.choices(KINDS, WEIGHTS)[0]
                send = {READ: self._read, CREATE: self._create, OPERATE: self._operate}[kind]
                await self._timed(kind, send(http, base_url, tenant_index, number, rng))

    async def _timed(self, kind: str, request: Awaitable[tuple[bool, str, str]]) -> None:
        stats = self.stats[kind]
        started = time.perf_counter()
        try:
            succeeded, label, detail = await request
        except httpx.HTTPError as error:
            succeeded, label, detail = False, type(error).__name__, str(error)
        stats.latencies_ms.append((time.perf_counter() - started) * 1000.0)
        stats.requests += 1
        stats.outcomes[label] += 1
        if not succeeded:
            stats.errors += 1
            stats.failures[label] += 1
            if stats.first_error is None:
                stats.first_error = f"{label}: {detail[:300]}"

    async def _post(
        self, http: httpx.AsyncClient, base_url: str, tenant_index: int, path: str, body: Any
    ) -> httpx.Response:
        return await http.post(
            f"{base_url}{path}", content=json.dumps(body), headers=self.headers[tenant_index]
        )

    async def _read(
        self,
        http: httpx.AsyncClient,
        base_url: str,
        tenant_index: int,
        number: int,
        rng: random.Random,
    ) -> tuple[bool, str, str]:
        mine = self.book.order_ids[self.tenants[tenant_index].subdomain][-200:]
        which = number % 3
        if which == 2 and mine:
            order_id = rng.choice(mine)
            variables = {"filter": {"id": {"eq": str(order_id)}}}
            query: dict[str, Any] = {"query": ORDERS_BY_ID, "variables": variables}
        else:
            query = {"query": ORDERS_PAGE if which == 0 else BALANCES_PAGE}
        response = await self._post(http, base_url, tenant_index, "/graphql", query)
        label = str(response.status_code)
        if response.status_code != 200 or "errors" in response.json():
            return False, label, response.text
        if "variables" in query:
            edges = response.json()["data"]["goods_outs"]["all"]["edges"]
            if len(edges) != 1 or len(edges[0]["node"]["lines"]) != LINES:
                return False, "wrong order", response.text
        return True, label, ""

    async def _create(
        self,
        http: httpx.AsyncClient,
        base_url: str,
        tenant_index: int,
        number: int,
        rng: random.Random,
    ) -> tuple[bool, str, str]:
        tenant = self.tenants[tenant_index]
        reference = f"{self.prefix}-{number:07d}"
        quantities = [rng.randint(1, 3) for _ in range(LINES)]
        self.book.quantities[reference] = Decimal(sum(quantities))
        lines = [
            {"type": "ADD", "attributes": {"product_id": product_id, "order_quantity": quantity}}
            for product_id, quantity in zip(tenant.product_ids, quantities, strict=True)
        ]
        attributes = {
            "account_id": tenant.account_id,
            "warehouse_id": tenant.warehouse_id,
            "reference": reference,
            "expected_date_of_dispatch": DISPATCH_DATE,
            "lines_changes": lines,
        }
        relationships = {"address": {"data": {"type": "addresses", "attributes": ADDRESS}}}
        body = {"data": {"type": "goods_outs", "attributes": attributes}}
        body["data"]["relationships"] = relationships
        try:
            response = await self._post(http, base_url, tenant_index, "/api/goods_outs", body)
        except httpx.HTTPError:
            self.book.unknown_orders[reference] = tenant.subdomain
            raise
        if response.status_code == 200 and response.text.count('"goods_out_id"') == LINES:
            order_id = int(response.json()["data"]["id"])
            self.book.orders[reference] = (tenant.subdomain, order_id)
            self.book.order_ids[tenant.subdomain].append(order_id)
            self.book.unfulfilled[tenant.subdomain].append(order_id)
            return True, "200", ""
        if response.status_code >= 500:
            self.book.unknown_orders[reference] = tenant.subdomain
        else:
            self.book.refused_orders[reference] = tenant.subdomain
        return False, str(response.status_code), response.text

    async def _operate(
        self,
        http: httpx.AsyncClient,
        base_url: str,
        tenant_index: int,
        number: int,
        rng: random.Random,
    ) -> tuple[bool, str, str]:
        tenant = self.tenants[tenant_index]
        waiting = self.book.unfulfilled[tenant.subdomain]
        which = number % 4
        if which == 0 and waiting:
            return await self._fulfil(http, base_url, tenant_index, waiting.pop(0))
        stock_id = rng.choice(tenant.stock_ids)
        if which == 1:
            body = {"data": {"type": "stocks", "attributes": {"quantity": 1}}}
            path = f"/api/stocks/{stock_id}/negative_adjustment"
            return await self._counted(http, base_url, tenant_index, path, body)
        if which == 2:
            attributes = {"quantity": 1, "to_location_id": tenant.shelf_id}
            path = f"/api/stocks/{stock_id}/move"
            body = {"data": {"type": "stocks", "attributes": attributes}}
            return await self._answered(await self._post(http, base_url, tenant_index, path, body))
        return await self._add(http, base_url, tenant_index, rng)

    async def _fulfil(
        self, http: httpx.AsyncClient, base_url: str, tenant_index: int, order_id: int
    ) -> tuple[bool, str, str]:
        path = f"/api/simulations/goods_outs/{order_id}/fulfil"
        response = await self._post(http, base_url, tenant_index, path, {})
        if response.status_code == 200:
            if response.json()["data"]["attributes"]["goods_out_status_id"] != int(COMPLETED):
                return False, "not completed", response.text
            self.book.fulfilled.add(order_id)
        return await self._answered(response)

    async def _counted(
        self, http: httpx.AsyncClient, base_url: str, tenant_index: int, path: str, body: Any
    ) -> tuple[bool, str, str]:
        subdomain = self.tenants[tenant_index].subdomain
        try:
            response = await self._post(http, base_url, tenant_index, path, body)
        except httpx.HTTPError:
            self.book.unknown_removed[subdomain] += 1
            raise
        if response.status_code == 200:
            self.book.removed[subdomain] += 1
        elif response.status_code >= 500:
            self.book.unknown_removed[subdomain] += 1
        return await self._answered(response)

    async def _add(
        self, http: httpx.AsyncClient, base_url: str, tenant_index: int, rng: random.Random
    ) -> tuple[bool, str, str]:
        tenant = self.tenants[tenant_index]
        description = f"{self.prefix}-{next(self.counter):07d}"
        quantity = Decimal(rng.randint(1, 20))
        attributes = {
            "product_id": rng.choice(tenant.product_ids),
            "account_id": tenant.account_id,
            "location_id": tenant.storage_id,
            "quantity": int(quantity),
            "description": description,
        }
        body = {"data": {"type": "stocks", "attributes": attributes}}
        try:
            response = await self._post(
                http, base_url, tenant_index, "/api/stocks/positive_adjustment", body
            )
        except httpx.HTTPError:
            self.book.unknown_added[description] = (tenant.subdomain, quantity)
            raise
        if response.status_code == 200:
            self.book.added[description] = (tenant.subdomain, quantity)
        elif response.status_code >= 500:
            self.book.unknown_added[description] = (tenant.subdomain, quantity)
        return await self._answered(response)

    @staticmethod
    async def _answered(response: httpx.Response) -> tuple[bool, str, str]:
        ok = response.status_code == 200
        return ok, str(response.status_code), "" if ok else response.text
