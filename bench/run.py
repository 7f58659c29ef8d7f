"""`scripts/bench` (`python -m bench.run`): every benchmark on SQLite and PostgreSQL, one table.

Per backend, in turn: `http` (Clarus against the yardstick server, bench.http), `cycle` (order
cycles, bench.cycle), `allocation` (against a small and a large stock table, bench.allocation),
`replenishment` (pick faces drained by allocation, and triggers under allocation load,
bench.replenishment), `webhooks` (bench.webhooks), `graphql` (bench.graphql), `stock_checks`
(a check of a location with 1,000 stock records created, completed and resolved,
bench.stock_checks), `shipments` (custom carrier submissions with labels, bench.shipments) and
`loads` (a load of 200 storage units loaded and dispatched, bench.loads).
`app` (the operator app's office dashboard and order list at 10,000 and 100,000 orders,
bench.app).
`billing` (charge lines per second from 100,000 events, a storage run over 100,000 stock
records, bench.billing).
`mcp` (MCP tool calls per second over streamable HTTP against a real server: graphql_query
of one order and api_discover, bench.mcp).
Each makes and removes its own databases; the rows are printed together, with the machine and
notes under them.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import (
    allocation,
    app,
    billing,
    cycle,
    graphql,
    http,
    loads,
    mcp,
    replenishment,
    servers,
    shipments,
    stock_checks,
    webhooks,
)
from bench.databases import BackendUnavailable
from bench.options import STOCK_CHECK_RECORDS, Options, Sizes, parse_options
from bench.report import BenchRow, Row, http_bench_rows, render_bench_rows

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
            notes.extend(http_notes)


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


def _replenishment(backend: str, options: Options, rows: list[BenchRow], notes: list[str]) -> None:
    """Against the first allocation stock size, as many allocations and triggers as allocation
    measures orders."""
    reserve_records = options.sizes.stocks[0]
    print(f"{backend}: replenishment, {reserve_records:,} reserve records", file=sys.stderr)
    results = replenishment.case(
        backend,
        reserve_records,
        count=options.sizes.allocations,
        postgres_admin_url=options.postgres_admin_url,
    )
    rows.extend(result.row() for result in results)
    notes.extend(replenishment.notes(backend, reserve_records, results))


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


def _stock_checks(backend: str, options: Options, rows: list[BenchRow], notes: list[str]) -> None:
    result = stock_checks.case(
        backend,
        STOCK_CHECK_RECORDS,
        checks=options.sizes.stock_checks,
        postgres_admin_url=options.postgres_admin_url,
    )
    rows.extend(result.rows())


def _shipments(backend: str, options: Options, rows: list[BenchRow], notes: list[str]) -> None:
    """As many shipments as allocation measures orders."""
    print(f"{backend}: shipments, {options.sizes.allocations}", file=sys.stderr)
    result = shipments.case(
        backend, options.sizes.allocations, postgres_admin_url=options.postgres_admin_url
    )
    rows.append(result.row())
    notes.append(result.note())


def _loads(backend: str, options: Options, rows: list[BenchRow], notes: list[str]) -> None:
    print(f"{backend}: loads, {options.sizes.load_units} storage units", file=sys.stderr)
    result = loads.case(
        backend, options.sizes.load_units, postgres_admin_url=options.postgres_admin_url
    )
    rows.append(result.row())
    notes.append(result.note())


def _app(backend: str, options: Options, rows: list[BenchRow], notes: list[str]) -> None:
    """The office dashboard and order list per page at each size; their statements per page
    are in the rows (the order list's, the same at 25 and 100 rows, or no rows at all)."""
    for orders in options.sizes.app_orders:
        print(f"{backend}: app dashboard and order list, {orders:,} orders", file=sys.stderr)
        results = app.case(
            backend,
            orders,
            requests=options.sizes.app_requests,
            postgres_admin_url=options.postgres_admin_url,
        )
        rows.extend(result.row() for result in results)


def _billing(backend: str, options: Options, rows: list[BenchRow], notes: list[str]) -> None:
    sizes = options.sizes
    print(
        f"{backend}: billing, {sizes.billing_events:,} events, {sizes.billing_stock:,} stock",
        file=sys.stderr,
    )
    result = billing.case(
        backend,
        sizes.billing_events,
        sizes.billing_stock,
        postgres_admin_url=options.postgres_admin_url,
    )
    rows.extend(result.rows())
    notes.append(result.note())


def _mcp(backend: str, options: Options, rows: list[BenchRow], notes: list[str]) -> None:
    """MCP tool calls against a real server: graphql_query (one order) and api_discover."""
    print(f"{backend}: mcp, {options.sizes.mcp_calls} calls per tool", file=sys.stderr)
    results = mcp.case(
        backend, options.sizes.mcp_calls, postgres_admin_url=options.postgres_admin_url
    )
    rows.extend(result.row() for result in results)


RUNNERS: dict[str, Runner] = {
    "http": _http,
    "cycle": _cycle,
    "allocation": _allocation,
    "replenishment": _replenishment,
    "webhooks": _webhooks,
    "graphql": _graphql,
    "stock_checks": _stock_checks,
    "shipments": _shipments,
    "loads": _loads,
    "app": _app,
    "billing": _billing,
    "mcp": _mcp,
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
        f"sizes: http wrk {plan.rounds} x {plan.seconds:g} s per case and server, taking turns, "
        f"after {plan.warmup_seconds:g} s warm-up, {plan.connections} connections; "
        f"cycle {sizes.cycles} cycles; "
        f"allocation {sizes.allocations} orders per stock size; webhooks "
        f"{sizes.webhooks.events:,} events, {sizes.webhooks.paced} paced at "
        f"{sizes.webhooks.rate:g}/s; graphql {sizes.graphql.requests} requests per page, "
        f"{sizes.graphql.sweeps} sweeps; loads {sizes.load_units} storage units; billing "
        f"{sizes.billing_events:,} events, {sizes.billing_stock:,} stock records"
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
