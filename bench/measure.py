"""The measurements of one backend: for each operation, a shape check, then per server a warm-up
and measured wrk rounds, the servers taking turns, with each server's CPU time read around each
of its rounds."""

from __future__ import annotations

import asyncio
import sys
from contextlib import AsyncExitStack
from dataclasses import dataclass

import httpx

from bench import cases, servers, wrk
from bench.load import Workload, run_load, worker_clients
from bench.report import CLARUS, YARDSTICK, Row

SEED_SECONDS = 60.0


@dataclass(frozen=True)
class Plan:
    seconds: float
    """wrk's duration of one measured round (whole seconds)."""
    rounds: int
    """Measured rounds per server, the servers taking turns."""
    warmup_seconds: float
    connections: int
    operations: tuple[str, ...]


@dataclass(frozen=True)
class Target:
    """A running server, the load generator's clients for it (one per connection, for the
    checks and the seeding) and the headers wrk sends."""

    backend: str
    server: servers.Server
    clients: list[httpx.AsyncClient]
    headers: dict[str, str]

    @property
    def name(self) -> str:
        return self.server.name

    def label(self, operation: str) -> str:
        return f"{self.backend}/{operation}/{self.name}"


def _wrk_round(
    target: Target, workload: Workload, seconds: float, plan: Plan, first: int
) -> wrk.Round:
    """One wrk run against `target`, with the server's CPU time read around it."""
    cpu_before = servers.cpu_seconds(target.server)
    requests, elapsed, failures, p50, p99, first_failure = wrk.run(
        target.server.base_url,
        wrk.Script(workload, target.headers),
        seconds=seconds,
        connections=plan.connections,
        first=first,
    )
    cpu_after = servers.cpu_seconds(target.server)
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    return wrk.Round(requests, elapsed, failures, p50, p99, first_failure, cpu)


ROUND_NUMBERS = 10_000_000
"""Requests of one round are numbered within their own block of this size (unique references)."""


def measure_interleaved(
    operation: str, targets: list[Target], workloads: dict[str, Workload], plan: Plan
) -> dict[str, wrk.WrkResult]:
    """A warm-up per server, then `plan.rounds` measured rounds in which the servers take turns
    (the first server of a round alternates), so a change in the machine's load falls on both."""
    results = {target.name: wrk.WrkResult() for target in targets}
    block = 1
    for target in targets:
        if plan.warmup_seconds > 0:
            _wrk_round(
                target, workloads[target.name], plan.warmup_seconds, plan, block * ROUND_NUMBERS
            )
            block += 1
    for number in range(plan.rounds):
        ordered = targets if number % 2 == 0 else list(reversed(targets))
        for target in ordered:
            measured = _wrk_round(
                target, workloads[target.name], plan.seconds, plan, block * ROUND_NUMBERS
            )
            block += 1
            results[target.name].rounds.append(measured)
            print(
                f"  {target.label(operation)} round {number + 1}: "
                f"{measured.requests / max(measured.seconds, 1e-9):.1f} req/s, "
                f"{measured.failures} failures",
                file=sys.stderr,
            )
    return results


def _problems(label: str, result: wrk.WrkResult) -> list[str]:
    if not result.errors:
        return []
    return [f"{label}: {result.errors} failed requests; first: {result.first_error}"]


async def check_shapes(
    operation: str, workloads: dict[str, Workload], targets: list[Target], notes: list[str]
) -> None:
    """One request to each server: both must answer 200 with documents of the same shape."""
    documents = {}
    for target in targets:
        workload = workloads[target.name]
        response = await target.clients[0].request(
            workload.method, workload.path, content=workload.body(0)
        )
        if response.status_code != 200:
            notes.append(
                f"{target.label(operation)}: answered {response.status_code} to the shape "
                f"check: {response.text[:300]}"
            )
            return
        document = response.json()
        if isinstance(document, dict):
            document.pop("extensions", None)  # GraphQL metadata (Clarus's query cost), not data
        documents[target.name] = cases.shape(document)
    if not cases.same_shape(documents[CLARUS], documents[YARDSTICK]):
        notes.append(
            f"{targets[0].backend}/{operation}: the yardstick's JSON differs in shape: "
            f"clarus {documents[CLARUS]} vs yardstick {documents[YARDSTICK]}"
        )


async def seed_accounts(clarus: Target, notes: list[str]) -> None:
    """Make sure the tenant has a full page of accounts to list, through Clarus's API."""
    workload = cases.create_account_workload(cases.code_prefix("seed"))
    result = await run_load(
        clarus.clients, workload, requests=cases.SEED_ACCOUNTS, max_seconds=SEED_SECONDS
    )
    if result.errors or result.requests < cases.SEED_ACCOUNTS:
        notes.append(
            f"{clarus.backend}: seeded {result.requests - result.errors} of "
            f"{cases.SEED_ACCOUNTS} accounts; first error: {result.first_error}"
        )


async def measure_operation(
    operation: str,
    targets: list[Target],
    plan: Plan,
    rows: list[Row],
    notes: list[str],
    order_setup: cases.OrderSetup | None = None,
    stock_account_id: int | None = None,
) -> None:
    if operation == cases.LIST:
        await seed_accounts(targets[0], notes)
    workloads = {
        target.name: cases.workload_for(operation, target.name, order_setup, stock_account_id)
        for target in targets
    }
    await check_shapes(operation, workloads, targets, notes)
    results = await asyncio.to_thread(measure_interleaved, operation, targets, workloads, plan)
    for target in targets:
        result = results[target.name]
        notes.extend(_problems(target.label(operation), result))
        rows.append(
            Row(
                target.backend,
                operation,
                target.name,
                plan.connections,
                result,
                result.server_cpu_ms,
            )
        )


async def measure_backend(
    backend: str,
    started: list[servers.Server],
    credentials: servers.Credentials,
    plan: Plan,
    rows: list[Row],
    notes: list[str],
    database_url: str,
) -> None:
    """Every operation against every server (Clarus first; `started[0]` is Clarus), each row
    added to `rows` as soon as it is measured. Orders need a product and the stock page its
    stock (in `database_url`): they are made first."""
    token = await cases.fetch_token(
        started[0].base_url, credentials.client_id, credentials.client_secret
    )
    headers = {"Authorization": f"Bearer {token}", "X-Clarus-Subdomain": credentials.tenant}
    async with AsyncExitStack() as stack:
        targets = [
            Target(
                backend,
                server,
                await stack.enter_async_context(
                    worker_clients(server.base_url, headers, plan.connections)
                ),
                headers,
            )
            for server in started
        ]
        order_setup = None
        if any(operation in cases.NEEDS_SETUP for operation in plan.operations):
            order_setup = await cases.prepare_orders(targets[0].clients[0])
        stock_account_id = None
        if cases.STOCKS_PAGE in plan.operations:
            stock_account_id = await cases.prepare_stocks(
                targets[0].clients[0], database_url, credentials.tenant
            )
        for operation in plan.operations:
            await measure_operation(
                operation, targets, plan, rows, notes, order_setup, stock_account_id
            )
