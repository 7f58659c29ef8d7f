"""`scripts/bench`'s command line: which backends and benchmarks, and their sizes (the defaults,
`--quick`'s, or those given)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from bench import cases, graphql, webhooks
from bench.databases import DEFAULT_POSTGRES_ADMIN_URL
from bench.measure import Plan

DESCRIPTION = "Every benchmark on SQLite and PostgreSQL, one table (see bench/README.md)."
BACKENDS = ("sqlite", "postgresql")
BENCHMARKS = (
    "http",
    "cycle",
    "allocation",
    "replenishment",
    "webhooks",
    "graphql",
    "stock_checks",
    "shipments",
    "loads",
    "app",
    "billing",
    "mcp",
)
T = TypeVar("T")


@dataclass(frozen=True)
class Sizes:
    http: Plan
    cycles: int
    cycle_lines: tuple[int, ...]
    stocks: tuple[int, ...]
    allocations: int
    webhook_workers: tuple[int, ...]
    webhooks: webhooks.Plan
    graphql: graphql.Plan
    stock_checks: int = 5
    """stock_checks: measured checks of a location with STOCK_CHECK_RECORDS stock records."""
    load_units: int = 200
    """loads: storage units on the one load loaded and dispatched."""
    app_orders: tuple[int, ...] = (10_000, 100_000)
    """app: the orders a tenant holds, per measured size of its dashboard and order list."""
    app_requests: int = 50
    """app: measured pages of each per size."""
    billing_events: int = 100_000
    """billing: events waiting in the outbox that the charge engine charges."""
    billing_stock: int = 100_000
    """billing: stock records the daily storage run sums."""
    mcp_calls: int = 200
    """mcp: measured calls of each tool."""


STOCK_CHECK_RECORDS = 1_000
DEFAULT_SIZES = Sizes(
    http=Plan(
        seconds=10.0,
        rounds=3,
        warmup_seconds=2.0,
        connections=32,
        operations=tuple(cases.OPERATIONS.values()),
    ),
    cycles=100,
    cycle_lines=(10,),
    stocks=(10_000, 100_000),
    allocations=100,
    webhook_workers=(1, 2),
    webhooks=webhooks.Plan(events=5_000, paced=500),
    graphql=graphql.Plan(requests=30, sweeps=2, warmup=3),
)
QUICK_SIZES = Sizes(
    http=Plan(
        seconds=1.0,
        rounds=1,
        warmup_seconds=0.5,
        connections=2,
        operations=tuple(cases.OPERATIONS.values()),
    ),
    cycles=5,
    cycle_lines=(10,),
    stocks=(1_000,),
    allocations=10,
    webhook_workers=(1,),
    webhooks=webhooks.Plan(events=100, paced=20, rate=200.0, timeout=60.0),
    graphql=graphql.Plan(requests=3, sweeps=1, warmup=1, orders=20, products=1_000),
    stock_checks=1,
    load_units=10,
    app_orders=(1_000,),
    app_requests=5,
    billing_events=1_000,
    billing_stock=1_000,
    mcp_calls=10,
)


@dataclass(frozen=True)
class Options:
    backends: tuple[str, ...]
    benchmarks: tuple[str, ...]
    sizes: Sizes
    postgres_admin_url: str
    access_log: bool
    keep: bool
    markdown: bool


def _choices(value: str, allowed: Sequence[str]) -> tuple[str, ...]:
    chosen = tuple(item.strip() for item in value.split(",") if item.strip())
    if not chosen or any(item not in allowed for item in chosen):
        raise argparse.ArgumentTypeError(f"choose from {', '.join(allowed)}")
    return chosen


def _numbers(value: str) -> tuple[int, ...]:
    try:
        numbers = tuple(int(item) for item in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("comma-separated whole numbers") from None
    if not numbers or min(numbers) < 1:
        raise argparse.ArgumentTypeError("comma-separated positive numbers")
    return numbers


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=DESCRIPTION)
    choose = parser.add_argument
    choose(
        "--backends",
        default=BACKENDS,
        type=lambda value: _choices(value, BACKENDS),
        help=f"comma-separated ({','.join(BACKENDS)})",
    )
    choose(
        "--only",
        default=BENCHMARKS,
        type=lambda value: _choices(value, BENCHMARKS),
        help=f"the benchmarks to run, comma-separated ({','.join(BENCHMARKS)})",
    )
    choose("--quick", action="store_true", help="small sizes: a smoke test of a minute or so")
    choose("--markdown", action="store_true", help="print the table as Markdown")
    choose("--postgres-admin-url", default=DEFAULT_POSTGRES_ADMIN_URL)
    size = parser.add_argument_group(
        "sizes (the defaults, or --quick's, unless given)"
    ).add_argument
    size(
        "--operations",
        type=lambda value: _choices(value, tuple(cases.OPERATIONS)),
        help=f"http: comma-separated ({','.join(cases.OPERATIONS)})",
    )
    size("--seconds", type=float, help="http: wrk seconds per measured round (10)")
    size("--rounds", type=int, help="http: measured rounds per case and server (3)")
    size("--warmup", type=float, help="http: wrk warm-up seconds per server (2)")
    size("--concurrency", type=int, help="http: wrk connections (32)")
    size("--cycles", type=int, help="cycle: measured cycles (100)")
    size("--cycle-lines", type=_numbers, help="cycle: lines per order (10)")
    size("--stocks", type=_numbers, help="allocation: stock table sizes (10000,100000)")
    size("--events", type=int, help="webhooks: events for the throughput (5000)")
    size("--graphql-requests", type=int, help="graphql: measured requests per page case (30)")
    parser.add_argument(
        "--no-access-log",
        dest="access_log",
        action="store_false",
        help="http: both servers without an access log",
    )
    parser.add_argument("--keep", action="store_true", help="http: keep the SQLite file and logs")
    return parser


def _or(value: T | None, default: T) -> T:
    return default if value is None else value


def _sizes(args: argparse.Namespace) -> Sizes:
    """--quick's sizes or the defaults, with those given on the command line instead."""
    preset = QUICK_SIZES if args.quick else DEFAULT_SIZES
    plan = preset.http
    operations = (
        plan.operations
        if args.operations is None
        else tuple(cases.OPERATIONS[name] for name in args.operations)
    )
    return replace(
        preset,
        http=Plan(
            seconds=_or(args.seconds, plan.seconds),
            rounds=_or(args.rounds, plan.rounds),
            warmup_seconds=_or(args.warmup, plan.warmup_seconds),
            connections=_or(args.concurrency, plan.connections),
            operations=operations,
        ),
        cycles=_or(args.cycles, preset.cycles),
        cycle_lines=_or(args.cycle_lines, preset.cycle_lines),
        stocks=_or(args.stocks, preset.stocks),
        webhooks=replace(preset.webhooks, events=_or(args.events, preset.webhooks.events)),
        graphql=replace(
            preset.graphql, requests=_or(args.graphql_requests, preset.graphql.requests)
        ),
    )


def parse_options(argv: Sequence[str]) -> Options:
    parser = _parser()
    args = parser.parse_args(argv)
    sizes = _sizes(args)
    counts = (sizes.http.rounds, sizes.http.connections, sizes.cycles, sizes.webhooks.events)
    if (
        min(*counts, sizes.graphql.requests, sizes.http.seconds) < 1
        or sizes.http.warmup_seconds < 0
    ):
        parser.error("sizes must be positive (--warmup not negative)")
    return Options(
        tuple(args.backends),
        tuple(args.only),
        sizes,
        args.postgres_admin_url,
        args.access_log,
        args.keep,
        args.markdown,
    )
