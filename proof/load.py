"""`scripts/load`: a realistic mix of requests against two `clarus serve` processes and two
`clarus worker` processes on one throwaway PostgreSQL database, for a bounded time, then proof
that nothing was lost.

Several tenants (3), each with an API client, 10 products and stock, and an automation per
order and stock event sending it to a local receiver. The mix (see proof/traffic.py): 70 %
GraphQL reads, 20 % orders of 10 lines, 10 % warehouse operations, over both servers and every
tenant in turn. It prints per kind of request: requests, req/s, p50, p99 and errors, then the
checks of proof/checks.py. It exits non-zero on any error or failed check.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.databases import DEFAULT_POSTGRES_ADMIN_URL, postgres_database
from bench.report import text_table
from proof.checks import verify
from proof.stack import Stack, Tenant, fetch_token, seed, subscribe
from proof.traffic import KINDS, Run, Traffic
from proof.verdict import Verdict

QUICK_SECONDS = 15.0
DRAIN_SECONDS = 180.0


def traffic_table(run: Run) -> str:
    rows = []
    for kind in KINDS:
        stats = run.stats[kind]
        rows.append(
            (
                kind,
                f"{stats.requests:,}",
                f"{stats.requests / run.elapsed_seconds:.1f}",
                f"{stats.percentile_ms(0.5):.1f}",
                f"{stats.percentile_ms(0.99):.1f}",
                str(stats.errors),
            )
        )
    latencies = [ms for stats in run.stats.values() for ms in stats.latencies_ms]
    everything = sorted(latencies) or [0.0]
    rows.append(
        (
            "all",
            f"{run.requests:,}",
            f"{run.requests / run.elapsed_seconds:.1f}",
            f"{everything[len(everything) // 2]:.1f}",
            f"{everything[max(0, -(-len(everything) * 99 // 100) - 1)]:.1f}",
            str(run.errors),
        )
    )
    return text_table(("operation", "requests", "req/s", "p50 ms", "p99 ms", "errors"), rows)


def verdict_table(verdict: Verdict) -> str:
    rows = [
        (check.name, "PASS" if check.passed else "FAIL", check.detail[:200])
        for check in verdict.checks
    ]
    return text_table(("check", "result", "detail"), rows)


def summary(verdict: Verdict) -> str:
    return (
        f"orders checked {verdict.orders_checked:,}, stock records {verdict.stock_records_checked}"
        f", events {verdict.events:,} (received {verdict.received:,}, duplicates "
        f"{verdict.duplicates}), outbox drained {verdict.drain_seconds:.1f} s after the load"
    )


def prepare(
    stack: Stack, tenant_count: int, servers: int, workers: int
) -> tuple[list[Tenant], list[str]]:
    tenants = asyncio.run(seed(stack.database_url, tenant_count))
    stack.start(servers=servers)
    base_url = stack.servers[0].base_url
    tokens = [fetch_token(base_url, tenant) for tenant in tenants]
    for tenant, token in zip(tenants, tokens, strict=True):
        subscribe(base_url, tenant, token, stack.hook_url)
    stack.start_workers(workers)
    return tenants, tokens


def load(database_url: str, work_dir: Path, args: argparse.Namespace) -> int:
    stack = Stack(database_url, work_dir)
    try:
        tenants, tokens = prepare(stack, args.tenants, args.servers, args.workers)
        traffic = Traffic([server.base_url for server in stack.servers], tenants, tokens)
        load_before = os.getloadavg()
        run = asyncio.run(traffic.run(seconds=args.seconds, concurrency=args.concurrency))
        load_after = os.getloadavg()
        print(
            f"{args.tenants} tenants, {args.servers} servers, {args.workers} workers, "
            f"{args.concurrency} client loops, {run.elapsed_seconds:.1f} s; load average "
            f"{load_before[0]:.2f} before, {load_after[0]:.2f} after (1 min)"
        )
        print(traffic_table(run))
        for kind in KINDS:
            if run.stats[kind].first_error:
                print(f"first {kind} error: {run.stats[kind].first_error}")
        verdict = asyncio.run(
            verify(
                database_url,
                base_url=stack.servers[1 % len(stack.servers)].base_url,
                tenants=tenants,
                tokens=tokens,
                book=run.book,
                prefix=traffic.prefix,
                out_path=stack.out_path,
                drain_within=args.drain_seconds,
            )
        )
        print(verdict_table(verdict))
        print(summary(verdict))
        for line in stack.errors():
            print(f"log: {line}")
        return 0 if run.errors == 0 and verdict.passed else 1
    finally:
        stack.stop()


def run(argv: Sequence[str]) -> int:
    """Parse the arguments, run, print the tables; the exit code (0 when everything held)."""
    parser = argparse.ArgumentParser(prog="scripts/load", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SECONDS:.0f} s, for tests")
    parser.add_argument("--tenants", type=int, default=3)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8, help="client loops")
    parser.add_argument("--drain-seconds", type=float, default=DRAIN_SECONDS)
    parser.add_argument("--postgres-admin-url", default=DEFAULT_POSTGRES_ADMIN_URL)
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds = QUICK_SECONDS
    started = time.monotonic()
    with (
        tempfile.TemporaryDirectory(prefix="clarus-load-") as directory,
        postgres_database(args.postgres_admin_url) as database_url,
    ):
        code = load(database_url, Path(directory), args)
    print(f"total {time.monotonic() - started:.0f} s: {'PASS' if code == 0 else 'FAIL'}")
    return code


def main() -> None:
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
