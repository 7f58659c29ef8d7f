"""The printed result: one row per backend, operation and server, and the clarus/yardstick ratio."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench.load import LoadResult

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
    result: LoadResult
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


def render_table(rows: Sequence[Row]) -> str:
    lines = [HEADERS, *(cells(row, rows) for row in rows)]
    widths = [max(len(line[column]) for line in lines) for column in range(len(HEADERS))]

    def render(line: tuple[str, ...]) -> str:
        return "  ".join(
            value.rjust(width) if header in RIGHT_ALIGNED else value.ljust(width)
            for value, width, header in zip(line, widths, HEADERS, strict=True)
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([render(lines[0]), rule, *(render(line) for line in lines[1:])])


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns under a header and a rule: the table a small benchmark prints."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
