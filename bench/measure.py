"""The measurements of one backend: for each operation, a shape check, then per server a warm-up
and a measured closed loop, with the server's CPU time read around the measured loop."""

from __future__ import annotations

import sys
from contextlib import AsyncExitStack
from dataclasses import dataclass

import httpx

from bench import cases, servers
from bench.load import LoadResult, Workload, run_load, worker_clients
from bench.report import CLARUS, YARDSTICK, Row

SEED_SECONDS = 60.0


@dataclass(frozen=True)
class Plan:
    requests: int
    warmup: int
    concurrency: int
    max_seconds: float
    operations: tuple[str, ...]


@dataclass(frozen=True)
class Target:
    """A running server and the load generator's clients for it (one per worker)."""

    backend: str
    server: servers.Server
    clients: list[httpx.AsyncClient]

    @property
    def name(self) -> str:
        return self.server.name

    def label(self, operation: str) -> str:
        return f"{self.backend}/{operation}/{self.name}"


def _server_cpu_ms(before: float | None, after: float | None, requests: int) -> float | None:
    if before is None or after is None or requests == 0:
        return None
    return (after - before) * 1000.0 / requests


def _problems(label: str, warmup: LoadResult, measured: LoadResult, plan: Plan) -> list[str]:
    problems = [
        f"{label}: {result.errors} {phase} errors {dict(result.outcomes)}; "
        f"first: {result.first_error}"
        for phase, result in (("warm-up", warmup), ("measured", measured))
        if result.errors
    ]
    if measured.requests < plan.requests:
        problems.append(
            f"{label}: stopped after {plan.max_seconds:g}s with "
            f"{measured.requests} of {plan.requests} requests"
        )
    return problems


async def measure_target(
    target: Target, operation: str, workload: Workload, plan: Plan, notes: list[str]
) -> Row:
    """Warm up (requests 1..warmup; index 0 went to the shape check), then measure."""
    warmup = await run_load(
        target.clients, workload, requests=plan.warmup, max_seconds=plan.max_seconds, first_index=1
    )
    cpu_before = servers.cpu_seconds(target.server)
    measured = await run_load(
        target.clients,
        workload,
        requests=plan.requests,
        max_seconds=plan.max_seconds,
        first_index=1 + plan.warmup,
    )
    cpu_ms = _server_cpu_ms(cpu_before, servers.cpu_seconds(target.server), measured.requests)
    notes.extend(_problems(target.label(operation), warmup, measured, plan))
    client_ms = measured.client_cpu_seconds * 1000.0 / max(1, measured.requests)
    print(
        f"  {target.label(operation)}: {measured.requests_per_second:.1f} req/s, "
        f"load generator {client_ms:.2f} CPU ms/request",
        file=sys.stderr,
    )
    return Row(target.backend, operation, target.name, len(target.clients), measured, cpu_ms)


async def check_shapes(
    operation: str, workloads: dict[str, Workload], targets: list[Target], notes: list[str]
) -> None:
    """One request to each server: both must answer 200 with documents of the same shape."""
    documents = {}
    for target in targets:
        workload = workloads[target.name]
        response = await target.clients[0].post(workload.path, content=workload.body(0))
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
) -> None:
    if operation == cases.LIST:
        await seed_accounts(targets[0], notes)
    workloads = {
        target.name: cases.workload_for(operation, target.name, order_setup) for target in targets
    }
    await check_shapes(operation, workloads, targets, notes)
    for target in targets:
        rows.append(await measure_target(target, operation, workloads[target.name], plan, notes))


async def measure_backend(
    backend: str,
    started: list[servers.Server],
    credentials: servers.Credentials,
    plan: Plan,
    rows: list[Row],
    notes: list[str],
) -> None:
    """Every operation against every server (Clarus first; `started[0]` is Clarus), each row
    added to `rows` as soon as it is measured. Orders need a product: it is made first."""
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
                    worker_clients(server.base_url, headers, plan.concurrency)
                ),
            )
            for server in started
        ]
        order_setup = None
        if any(operation in cases.ORDER_LINES for operation in plan.operations):
            order_setup = await cases.prepare_orders(targets[0].clients[0])
        for operation in plan.operations:
            await measure_operation(operation, targets, plan, rows, notes, order_setup)
