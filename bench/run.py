"""`scripts/bench` (`python -m bench.run`): every benchmark on SQLite and PostgreSQL, one table.

Per backend, in turn: `http` (Clarus against the yardstick server, bench.http), `cycle` (order
cycles, bench.cycle), `allocation` (against a small and a large stock table, bench.allocation),
`webhooks` (bench.webhooks) and `graphql` (bench.graphql). Each makes and removes its own
databases; the rows are printed together, with the machine and notes under them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from bench import allocation, cases, cycle, graphql, http, servers, webhooks
from bench.databases import DEFAULT_POSTGRES_ADMIN_URL, BackendUnavailable
from bench.measure import Plan
from bench.report import BenchRow, Row, http_bench_rows, render_bench_rows

BACKENDS = ("sqlite", "postgresql")
BENCHMARKS = ("http", "cycle", "allocation", "webhooks", "graphql")
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


DEFAULT_SIZES = Sizes(
    http=Plan(
        requests=2000,
        warmup=100,
        concurrency=16,
        max_seconds=10.0,
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
        requests=10,
        warmup=2,
        concurrency=2,
        max_seconds=1.5,
        operations=tuple(cases.OPERATIONS.values()),
    ),
    cycles=5,
    cycle_lines=(10,),
    stocks=(1_000,),
    allocations=10,
    webhook_workers=(1,),
    webhooks=webhooks.Plan(events=100, paced=20, rate=200.0, timeout=60.0),
    graphql=graphql.Plan(requests=3, sweeps=1, warmup=1, orders=20, products=1_000),
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
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.splitlines()[0])
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
    size("--requests", type=int, help="http: measured requests per case (2000)")
    size("--warmup", type=int, help="http: unmeasured requests first (100)")
    size("--concurrency", type=int, help="http: closed-loop workers (16)")
    size("--max-seconds", type=float, help="http: a measured case stops after this long (10)")
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
            requests=_or(args.requests, plan.requests),
            warmup=_or(args.warmup, plan.warmup),
            concurrency=_or(args.concurrency, plan.concurrency),
            max_seconds=_or(args.max_seconds, plan.max_seconds),
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
    counts = (sizes.http.requests, sizes.http.concurrency, sizes.cycles, sizes.webhooks.events)
    if min(*counts, sizes.graphql.requests) < 1 or sizes.http.warmup < 0:
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


Runner = Callable[[str, Options, list[BenchRow], list[str]], None]
"""One benchmark on one backend: it adds its rows and notes as they are measured."""


def _http(backend: str, options: Options, rows: list[BenchRow], notes: list[str]) -> None:
    http_options = http.Options(
        (backend,), options.sizes.http, options.postgres_admin_url, options.access_log, options.keep
    )
    measured: list[Row] = []
    http_notes: list[str] = []
    with http.work_directory(options.keep) as work_dir:
        try:
            http.bench_backend(backend, work_dir, http_options, measured, http_notes)
        finally:
            rows.extend(http_bench_rows(measured))
            notes.extend(_time_limits_noted_once(backend, options.sizes.http, measured, http_notes))


def _time_limits_noted_once(
    backend: str, plan: Plan, measured: Sequence[Row], http_notes: Sequence[str]
) -> list[str]:
    """bench.http's notes, those of the cases that hit their time limit (a line each) made one."""
    stopped = [
        f"{row.operation}/{row.server} {row.result.requests}"
        for row in measured
        if row.result.requests < plan.requests
    ]
    kept = [note for note in http_notes if "stopped after" not in note]
    if stopped:
        kept.append(
            f"{backend}/http: stopped at {plan.max_seconds:g} s before {plan.requests} requests "
            f"(requests measured): {', '.join(stopped)}"
        )
    return kept


def _cycle(backend: str, options: Options, rows: list[BenchRow], notes: list[str]) -> None:
    for lines in options.sizes.cycle_lines:
        result = cycle.case(
            backend,
            cycles=options.sizes.cycles,
            postgres_admin_url=options.postgres_admin_url,
            lines=lines,
        )
        rows.append(result.row())
        notes.append(result.note())


def _allocation(backend: str, options: Options, rows: list[BenchRow], notes: list[str]) -> None:
    for size in options.sizes.stocks:
        print(f"{backend}: allocation, {size:,} stock records", file=sys.stderr)
        result = allocation.case(
            backend,
            size,
            orders=options.sizes.allocations,
            postgres_admin_url=options.postgres_admin_url,
        )
        rows.append(result.row())
        notes.append(result.note())


def _webhooks(backend: str, options: Options, rows: list[BenchRow], notes: list[str]) -> None:
    for workers in options.sizes.webhook_workers:
        print(f"{backend}: webhooks, {workers} worker(s)", file=sys.stderr)
        result = webhooks.run_case(
            backend, workers, options.sizes.webhooks, options.postgres_admin_url
        )
        rows.append(result.row())
        notes.append(result.note())


def _graphql(backend: str, options: Options, rows: list[BenchRow], notes: list[str]) -> None:
    rows.extend(
        graphql.bench_rows(
            graphql.backend_results(backend, options.sizes.graphql, options.postgres_admin_url),
            options.sizes.graphql,
        )
    )


RUNNERS: dict[str, Runner] = {
    "http": _http,
    "cycle": _cycle,
    "allocation": _allocation,
    "webhooks": _webhooks,
    "graphql": _graphql,
}


def bench_backend(
    backend: str, options: Options, rows: list[BenchRow], notes: list[str], took: list[str]
) -> None:
    """Every chosen benchmark on `backend`; a failing one is noted and the next one runs."""
    for name in options.benchmarks:
        print(f"{backend}: {name}", file=sys.stderr)
        started = time.monotonic()
        try:
            RUNNERS[name](backend, options, rows, notes)
        except (BackendUnavailable, KeyboardInterrupt):
            raise
        except servers.ServerError as error:
            notes.append(f"{backend}/{name}: stopped: {error}")
        except Exception as error:
            notes.append(f"{backend}/{name}: failed: {type(error).__name__}: {error}")
        took.append(f"{backend} {name} {time.monotonic() - started:.0f} s")


def memory() -> str:
    """MemTotal from /proc/meminfo, in GiB ("?" where there is none)."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    except OSError:
        pass
    return "?"


def machine_line(load_before: tuple[float, float, float], started: dt.datetime) -> str:
    load = " ".join(f"{value:.2f}" for value in load_before)
    return (
        f"machine: {os.cpu_count()} cores, {memory()} memory, {platform.system()} "
        f"{platform.machine()}, Python {platform.python_version()}; load average {load} "
        f"(1, 5, 15 min) before the run; {started:%Y-%m-%d %H:%M} UTC"
    )


def sizes_line(sizes: Sizes) -> str:
    plan = sizes.http
    return (
        f"sizes: http {plan.requests} requests per case (max {plan.max_seconds:g} s) after "
        f"{plan.warmup} warm-up, {plan.concurrency} workers; cycle {sizes.cycles} cycles; "
        f"allocation {sizes.allocations} orders per stock size; webhooks "
        f"{sizes.webhooks.events:,} events, {sizes.webhooks.paced} paced at "
        f"{sizes.webhooks.rate:g}/s; graphql {sizes.graphql.requests} requests per page, "
        f"{sizes.graphql.sweeps} sweeps"
    )


LEGEND = (
    "yardstick ratio = this row's rate / the yardstick's rate measured in the same run "
    "(http: the bare server; graphql: hand-written Core selects); 1.00 means no overhead."
)


def report(options: Options, rows: Sequence[BenchRow], footer: Sequence[str]) -> str:
    table = render_bench_rows(rows, markdown=options.markdown)
    bullet = "- " if options.markdown else ""
    return "\n".join(["", table, "", *(f"{bullet}{line}" for line in footer)])


def run(options: Options) -> list[BenchRow]:
    """Measure and print; the rows measured so far are printed even when interrupted."""
    rows: list[BenchRow] = []
    notes: list[str] = []
    took: list[str] = []
    load_before = os.getloadavg()
    started = dt.datetime.now(dt.UTC)
    begun = time.monotonic()
    try:
        for backend in options.backends:
            try:
                bench_backend(backend, options, rows, notes, took)
            except BackendUnavailable as unavailable:
                notes.append(f"{backend}: skipped: {unavailable}")
    finally:
        footer = [
            machine_line(load_before, started),
            sizes_line(options.sizes),
            f"took {time.monotonic() - begun:.0f} s: {', '.join(took)}",
            LEGEND,
            *(f"note: {note}" for note in notes),
        ]
        print(report(options, rows, footer))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_options(sys.argv[1:] if argv is None else argv)
    http.interrupt_on_signals()
    try:
        run(options)
    except KeyboardInterrupt:
        print("interrupted: servers stopped, databases dropped", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
