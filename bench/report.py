"""The printed results: the HTTP benchmark's rows (one per backend, operation and server, with the
clarus/yardstick ratio) and `BenchRow`, the common row every benchmark gives `scripts/bench`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from bench.wrk import WrkResult

CLARUS = "clarus"
YARDSTICK = "yardstick"
HEADERS = (
    "backend",
    "operation",
    "server",
    "requests",
    "concurrency",
    "req/s",
    "p50 ms",
    "p99 ms",
    "errors",
    "cpu ms/req",
    "ratio",
)
RIGHT_ALIGNED = frozenset(HEADERS[3:])


@dataclass(frozen=True)
class Row:
    backend: str
    operation: str
    server: str
    concurrency: int
    result: WrkResult
    server_cpu_ms: float | None = None
    """The server's CPU time per measured request (user + system), when it could be read."""


def ratio_of(row: Row, rows: Sequence[Row]) -> float | None:
    """clarus req/s ÷ yardstick req/s for the same backend and operation (on clarus rows)."""
    if row.server != CLARUS:
        return None
    for other in rows:
        if (
            other.server == YARDSTICK
            and other.backend == row.backend
            and other.operation == row.operation
            and other.result.requests_per_second > 0
        ):
            return row.result.requests_per_second / other.result.requests_per_second
    return None


def cells(row: Row, rows: Sequence[Row]) -> tuple[str, ...]:
    result = row.result
    ratio = ratio_of(row, rows)
    return (
        row.backend,
        row.operation,
        row.server,
        str(result.requests),
        str(row.concurrency),
        f"{result.requests_per_second:.1f}",
        f"{result.percentile_ms(0.50):.1f}",
        f"{result.percentile_ms(0.99):.1f}",
        str(result.errors),
        "-" if row.server_cpu_ms is None else f"{row.server_cpu_ms:.2f}",
        "-" if ratio is None else f"{ratio:.2f}",
    )


def http_bench_rows(rows: Sequence[Row]) -> list[BenchRow]:
    """The HTTP benchmark's rows in the common shape (ratio on the clarus rows)."""
    return [
        BenchRow(
            row.backend,
            "http",
            f"{row.operation}, {row.server}",
            row.result.requests_per_second,
            "req/s",
            row.result.percentile_ms(0.50),
            row.result.percentile_ms(0.99),
            ratio_of(row, rows),
            row.result.errors,
            row.server_cpu_ms,
        )
        for row in rows
    ]


def aligned_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], right_aligned: frozenset[str]
) -> str:
    """Columns under a header and a rule, the `right_aligned` ones (numbers) to the right."""
    lines = [header, *rows]
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]

    def render(line: Sequence[str]) -> str:
        return "  ".join(
            value.rjust(width) if name in right_aligned else value.ljust(width)
            for value, width, name in zip(line, widths, header, strict=True)
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([render(header), rule, *(render(line) for line in rows)])


def render_table(rows: Sequence[Row]) -> str:
    return aligned_table(HEADERS, [cells(row, rows) for row in rows], RIGHT_ALIGNED)


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns under a header and a rule: the table a small benchmark prints."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def nearest_rank(timings: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile of `timings` (0 when there are none)."""
    if not timings:
        return 0.0
    ordered = sorted(timings)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


@dataclass(frozen=True)
class BenchRow:
    """One line of `scripts/bench`'s table: a rate with its unit, latencies, and the ratio."""

    backend: str
    benchmark: str
    operation: str
    rate: float
    unit: str
    p50_ms: float
    p99_ms: float
    ratio: float | None = None
    """This row's rate ÷ the rate of the yardstick measured in the same run, where there is one."""
    errors: int = 0
    cpu_ms: float | None = None
    """The server's CPU time per request, where the benchmark reads it (the HTTP rows)."""


BENCH_HEADERS = (
    "backend",
    "benchmark",
    "operation",
    "rate",
    "p50 ms",
    "p99 ms",
    "yardstick ratio",
    "errors",
    "cpu ms/req",
)
BENCH_RIGHT_ALIGNED = frozenset(BENCH_HEADERS[3:])


def bench_cells(row: BenchRow) -> tuple[str, ...]:
    return (
        row.backend,
        row.benchmark,
        row.operation,
        f"{row.rate:,.1f} {row.unit}",
        f"{row.p50_ms:.1f}",
        f"{row.p99_ms:.1f}",
        "-" if row.ratio is None else f"{row.ratio:.2f}",
        str(row.errors),
        "-" if row.cpu_ms is None else f"{row.cpu_ms:.2f}",
    )


def markdown_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], right_aligned: frozenset[str]
) -> str:
    rule = ["---:" if name in right_aligned else "---" for name in header]
    return "\n".join(
        "| " + " | ".join(cell.replace("|", "\\|") for cell in line) + " |"
        for line in [header, rule, *rows]
    )


def render_bench_rows(rows: Sequence[BenchRow], *, markdown: bool = False) -> str:
    table = markdown_table if markdown else aligned_table
    return table(BENCH_HEADERS, [bench_cells(row) for row in rows], BENCH_RIGHT_ALIGNED)
