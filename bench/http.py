"""`python -m bench.http`: benchmark Clarus against the yardstick over HTTP, SQLite and PostgreSQL.

For each backend: a fresh database, `clarus demo` for a tenant and client, then `clarus serve` and
the yardstick as subprocesses on loopback, and for each operation a warm-up and a measured closed
loop against each server in turn. Servers and databases are removed on every exit path.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from bench import cases, servers
from bench.databases import (
    DEFAULT_POSTGRES_ADMIN_URL,
    BackendUnavailable,
    postgres_database,
    sqlite_url,
)
from bench.measure import Plan, measure_backend
from bench.report import CLARUS, YARDSTICK, Row, render_table

BACKENDS = ("sqlite", "postgresql")


@dataclass(frozen=True)
class Options:
    backends: tuple[str, ...]
    plan: Plan
    postgres_admin_url: str
    access_log: bool
    keep: bool


def _choices(value: str, allowed: Sequence[str]) -> tuple[str, ...]:
    chosen = tuple(item.strip() for item in value.split(",") if item.strip())
    unknown = [item for item in chosen if item not in allowed]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose from {', '.join(allowed)}")
    return chosen


def parse_options(argv: Sequence[str]) -> Options:
    parser = argparse.ArgumentParser(
        prog="python -m bench.http", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--backends", default=",".join(BACKENDS), type=lambda value: _choices(value, BACKENDS)
    )
    parser.add_argument(
        "--operations",
        default=",".join(cases.OPERATIONS),
        type=lambda value: _choices(value, tuple(cases.OPERATIONS)),
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="wrk seconds per round")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds per server")
    parser.add_argument("--warmup", type=float, default=2.0, help="wrk warm-up seconds first")
    parser.add_argument("--concurrency", type=int, default=32, help="wrk connections")
    parser.add_argument(
        "--postgres-admin-url",
        default=DEFAULT_POSTGRES_ADMIN_URL,
        help="where to CREATE and DROP the throwaway database",
    )
    parser.add_argument(
        "--no-access-log",
        dest="access_log",
        action="store_false",
        help="run Clarus under uvicorn directly (`clarus serve` always logs "
        "access) and the yardstick, both without an access log",
    )
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file and logs")
    args = parser.parse_args(argv)
    if min(args.seconds, args.rounds, args.concurrency) < 1 or args.warmup < 0:
        parser.error(
            "--seconds, --rounds and --concurrency must be at least 1, --warmup not negative"
        )
    plan = Plan(
        seconds=args.seconds,
        rounds=args.rounds,
        warmup_seconds=args.warmup,
        connections=args.concurrency,
        operations=tuple(cases.OPERATIONS[operation] for operation in args.operations),
    )
    return Options(tuple(args.backends), plan, args.postgres_admin_url, args.access_log, args.keep)


def database_for(backend: str, work_dir: Path, options: Options) -> AbstractContextManager[str]:
    if backend == "sqlite":
        return nullcontext(sqlite_url(work_dir))
    return postgres_database(options.postgres_admin_url)


def _start_servers(
    database_url: str, work_dir: Path, options: Options, started: list[servers.Server]
) -> servers.Credentials:
    """Create the demo tenant, then start both servers; each is recorded as soon as it runs."""
    clarus_port, yard_port = servers.free_port(), servers.free_port()
    credentials = servers.create_demo(
        database_url, f"http://{servers.HOST}:{clarus_port}", work_dir
    )
    commands = {
        CLARUS: (
            servers.clarus_command(database_url, clarus_port, access_log=options.access_log),
            clarus_port,
        ),
        YARDSTICK: (servers.yardstick_command(yard_port, access_log=options.access_log), yard_port),
    }
    for name, (command, port) in commands.items():
        started.append(
            servers.start(
                name,
                command,
                port=port,
                database_url=database_url,
                log_path=work_dir / f"{name}-{port}.log",
            )
        )
    for server in started:
        servers.wait_until_ready(server)
    return credentials


def bench_backend(
    backend: str, work_dir: Path, options: Options, rows: list[Row], notes: list[str]
) -> None:
    """Measure one backend, adding to `rows` as cases finish (so an interrupt keeps them)."""
    print(f"{backend}: preparing database and servers", file=sys.stderr)
    with database_for(backend, work_dir, options) as database_url:
        started: list[servers.Server] = []
        try:
            credentials = _start_servers(database_url, work_dir, options, started)
            plan = options.plan
            asyncio.run(
                measure_backend(backend, started, credentials, plan, rows, notes, database_url)
            )
        finally:
            for server in started:
                servers.stop(server)
                notes.extend(
                    f"{backend}: {server.name} log: {line}" for line in servers.log_errors(server)
                )


def machine_note(options: Options, load_before: float) -> str:
    plan = options.plan
    return (
        f"machine: {os.cpu_count()} cores, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, 1-minute load average {load_before:.2f} before "
        f"the run; wrk (-t1) shares the machine. {plan.rounds} measured rounds of "
        f"{plan.seconds:g}s per case and server, the servers taking turns, after "
        f"{plan.warmup_seconds:g}s of warm-up, {plan.connections} connections, access log "
        f"{'on' if options.access_log else 'off'} for both servers."
    )


@contextmanager
def work_directory(keep: bool) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="clarus-bench-"))
    try:
        yield path
    finally:
        if keep:
            print(f"kept {path}", file=sys.stderr)
        else:
            shutil.rmtree(path, ignore_errors=True)


def interrupt_on_signals() -> None:
    """Ctrl-C and SIGTERM raise KeyboardInterrupt, so that every `finally` stops the servers.

    SIGINT is set explicitly because a shell starts background jobs with it ignored.
    """

    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, handler)


def run(options: Options) -> None:
    rows: list[Row] = []
    notes: list[str] = []
    load_before = os.getloadavg()[0]
    with work_directory(options.keep) as work_dir:
        try:
            for backend in options.backends:
                try:
                    bench_backend(backend, work_dir, options, rows, notes)
                except BackendUnavailable as unavailable:
                    notes.append(f"{backend}: skipped: {unavailable}")
                except servers.ServerError as error:
                    notes.append(f"{backend}: stopped: {error}")
        finally:
            print()
            print(render_table(rows))
            print()
            print(machine_note(options, load_before))
            print("ratio = clarus req/s / yardstick req/s (1.00 means no framework overhead).")
            for note in notes:
                print(f"note: {note}")


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_options(sys.argv[1:] if argv is None else argv)
    interrupt_on_signals()
    try:
        run(options)
    except KeyboardInterrupt:
        print("interrupted: servers stopped, databases dropped", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
