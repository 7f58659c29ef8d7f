"""`python -m bench.mcp`: MCP tool calls per second against a real `clarus serve`.

The server runs in a subprocess on loopback (its `clarus demo` tenant, one order of one line
made through the REST API); the SDK's own client opens one streamable HTTP session with an MCP
token and calls, one after another:

- `graphql_query`: the status of that one order by its reference (GraphQL in-process as the
  user, through the cost limit; its rows kept as a dataset: one write per call);
- `api_discover`: "sales order status", ranked over the served OpenAPI document and schema.

Each call is one HTTP POST through the MCP gate (token lookup, per-user rate limit, which the
bench lifts)."""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import httpx
import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from bench import servers
from bench.databases import DEFAULT_POSTGRES_ADMIN_URL, BackendUnavailable, postgres_database
from bench.report import BenchRow, nearest_rank, text_table

REFERENCE = "SO-BENCH-0001"
ORDER_QUERY = (
    f'{{ goods_outs {{ all(filter: {{reference: {{eq: "{REFERENCE}"}}}}) {{ edges {{ node '
    "{ id reference goods_out_status { code name } } } } } }"
)
CALLS: dict[str, dict[str, object]] = {
    "graphql_query": {"query": ORDER_QUERY},
    "api_discover": {"request": "sales order status"},
}
WARMUP = 3


@dataclass(frozen=True)
class Result:
    backend: str
    tool: str
    calls: int
    p50_ms: float
    p99_ms: float
    per_second: float

    def row(self) -> BenchRow:
        what = "one order by reference" if self.tool == "graphql_query" else "sales order status"
        return BenchRow(
            self.backend,
            "mcp",
            f"{self.tool} ({what})",
            self.per_second,
            "calls/s",
            self.p50_ms,
            self.p99_ms,
        )


def _id_of(api: httpx.Client, root: str, code: str) -> int:
    query = f'{{ {root} {{ all(filter: {{code: {{eq: "{code}"}}}}) {{ edges {{ node {{ id }} }}'
    answer = api.post("/graphql", json={"query": query + " } } }"}).json()
    return int(answer["data"][root]["all"]["edges"][0]["node"]["id"])


def _seed_order(base_url: str, credentials: servers.Credentials) -> str:
    """One order through the REST API; an MCP token of the demo client (the same user)."""
    form = {
        "grant_type": "client_credentials",
        "client_id": credentials.client_id,
        "client_secret": credentials.client_secret,
    }
    with httpx.Client(base_url=base_url, trust_env=False) as http:
        api_token = http.post("/oauth/token", data=form).json()["access_token"]
        headers = {"Authorization": f"Bearer {api_token}", "X-Clarus-Subdomain": "demo"}
        api = httpx.Client(base_url=base_url, headers=headers, trust_env=False)
        with api:
            _seed(api)
        mcp_form = {**form, "resource": f"{base_url}/mcp/demo"}
        token: str = http.post("/oauth/token", data=mcp_form).json()["access_token"]
        return token


def _seed(api: httpx.Client) -> None:
    attributes = {
        "reference": REFERENCE,
        "account_id": _id_of(api, "accounts", "DEMO"),
        "warehouse_id": _id_of(api, "warehouses", "MAIN"),
        "expected_date_of_dispatch": "2026-12-31T12:00:00Z",
    }
    created = api.post(
        "/api/goods_outs", json={"data": {"type": "goods_outs", "attributes": attributes}}
    )
    if created.status_code not in (200, 201):
        raise servers.ServerError(f"could not seed the order: {created.text}")


async def _measure(backend: str, base_url: str, token: str, calls: int) -> list[Result]:
    results: list[Result] = []
    async with (
        httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"}, trust_env=False) as http,
        Client(streamable_http_client(f"{base_url}/mcp/demo", http_client=http)) as client,
    ):
        for tool, arguments in CALLS.items():
            timings: list[float] = []
            for index in range(WARMUP + calls):
                started = time.perf_counter()
                result = await client.call_tool(tool, arguments)
                elapsed = time.perf_counter() - started
                if result.is_error:
                    raise servers.ServerError(f"{tool} answered an error: {result.content}")
                if index >= WARMUP:
                    timings.append(elapsed * 1000)
            results.append(
                Result(
                    backend,
                    tool,
                    calls,
                    statistics.median(timings),
                    nearest_rank(timings, 0.99),
                    1000 * len(timings) / sum(timings),
                )
            )
    return results


def case(backend: str, calls: int, *, postgres_admin_url: str) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="clarus-mcp-bench-") as work:
        work_dir = Path(work)
        database = (
            nullcontext(f"sqlite:///{work_dir / 'bench.db'}")
            if backend == "sqlite"
            else postgres_database(postgres_admin_url)
        )
        with database as url:
            port = servers.free_port()
            base_url = f"http://{servers.HOST}:{port}"
            credentials = servers.create_demo(url, base_url, work_dir)
            command = servers.clarus_command(url, port, access_log=False)
            server = servers.start(
                "clarus", command, port=port, database_url=url, log_path=work_dir / "server.log"
            )
            try:
                servers.wait_until_ready(server)
                token = _seed_order(base_url, credentials)
                return asyncio.run(_measure(backend, base_url, token, calls))
            finally:
                servers.stop(server)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.mcp", description=__doc__)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--postgres-admin-url", default=DEFAULT_POSTGRES_ADMIN_URL)
    options = parser.parse_args(argv)
    rows: list[tuple[str, ...]] = []
    for backend in options.backends.split(","):
        try:
            results = case(backend, options.calls, postgres_admin_url=options.postgres_admin_url)
        except BackendUnavailable as unavailable:
            print(f"{backend}: skipped: {unavailable}", file=sys.stderr)
            continue
        rows.extend(
            (
                r.backend,
                r.tool,
                str(r.calls),
                f"{r.p50_ms:.1f}",
                f"{r.p99_ms:.1f}",
                f"{r.per_second:.0f}",
            )
            for r in results
        )
    print(text_table(("backend", "tool", "calls", "p50 ms", "p99 ms", "calls/s"), rows))


if __name__ == "__main__":
    main()
