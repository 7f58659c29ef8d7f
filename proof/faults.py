"""`scripts/faults`: break things while a load of orders, warehouse operations and stock
changes runs, then prove that nothing was half written, lost or doubled, and that every event
was delivered at least once.

It makes its own PostgreSQL cluster (proof/cluster.py), and a fresh database, tenants, two
`clarus serve`, two `clarus worker` and a receiver per scenario (proof/stack.py):

- `server`: kill -9 a server mid-run, then start it again on its port;
- `worker`: kill -9 a worker while it holds deliveries, then start it again;
- `postgres`: restart PostgreSQL at once (`pg_ctl restart -m immediate`, as a crash would);
- `receiver`: the webhook receiver stops answering for longer than the workers wait, then
  recovers.

Requests cut by the fault are expected to fail and are counted; what must hold afterwards is
what proof/checks.py checks. Recovery is the time from the fault until every server answers
again and every delivery made by the end of the fault has finished.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import func, select

from bench.databases import postgres_database
from bench.report import text_table
from clarus.core.db import Database
from clarus.core.settings import Settings
from clarus.webhooks.statuses import UNFINISHED, DeliveryStatus
from clarus.webhooks.tables import webhook_deliveries
from proof.checks import verify
from proof.cluster import Cluster, private_cluster
from proof.load import prepare, verdict_table
from proof.stack import Stack, kill
from proof.traffic import Traffic
from proof.verdict import Verdict

SCENARIOS = ("server", "worker", "postgres", "receiver")
STALL_SECONDS = 6.0
"""Longer than the workers' 2 s timeout, shorter than the 5 s + 2 s of a first retry, so every
delivery the stall cut succeeds on its first retry."""
RECOVERY_WITHIN_SECONDS = 120.0
HELD_DELIVERY_WITHIN_SECONDS = 10.0


@dataclass
class Outcome:
    scenario: str
    requests: int
    errors: int
    recovery_seconds: float
    verdict: Verdict
    failures: Counter[str]
    """What the failed requests got: a status code or the transport error's name."""
    note: str = ""


@dataclass
class Fault:
    stack: Stack
    cluster: Cluster
    note: str = ""


def kill_server(fault: Fault) -> None:
    server = fault.stack.servers[0]
    kill(server)
    fault.stack.start_server(0, port=server.port)


def kill_worker(fault: Fault) -> None:
    worker = fault.stack.workers[0]
    held = asyncio.run(_wait_for_held_deliveries(fault.stack.database_url, worker.process.pid))
    kill(worker)
    fault.note = f"worker1 was sending {held} deliveries when killed"
    fault.stack.start_worker(0)


def restart_postgres(fault: Fault) -> None:
    fault.cluster.restart("immediate")


def stall_receiver(fault: Fault) -> None:
    fault.stack.stall_flag.touch()
    try:
        time.sleep(STALL_SECONDS)
    finally:
        fault.stack.stall_flag.unlink()


FAULTS: dict[str, Callable[[Fault], None]] = {
    "server": kill_server,
    "worker": kill_worker,
    "postgres": restart_postgres,
    "receiver": stall_receiver,
}


async def _count(database_url: str, *conditions: object) -> int:
    db = Database(Settings(database_url=database_url))
    try:
        async with db.read_session() as session:
            return int(await session.scalar(select(func.count()).where(*conditions)) or 0)  # type: ignore[arg-type]
    finally:
        await db.dispose()


async def _wait_for_held_deliveries(database_url: str, pid: int) -> int:
    """Wait (a little) until the worker of process `pid` is sending deliveries, so that the
    kill cuts some; how many it holds."""
    deadline = time.monotonic() + HELD_DELIVERY_WITHIN_SECONDS
    while True:
        held = await _count(
            database_url,
            webhook_deliveries.c.status == DeliveryStatus.DELIVERING,
            webhook_deliveries.c.leased_by.like(f"%:{pid}:%"),
        )
        if held or time.monotonic() > deadline:
            return held
        await asyncio.sleep(0.01)


async def _last_delivery_id(database_url: str) -> int:
    db = Database(Settings(database_url=database_url))
    try:
        async with db.read_session() as session:
            return int(await session.scalar(select(func.max(webhook_deliveries.c.id))) or 0)
    finally:
        await db.dispose()


async def recovered(stack: Stack, started: float, last_delivery_id: int) -> float:
    """Seconds from `started` until every server answers and every delivery made by the end of
    the fault (those it cut among them) is finished."""
    deadline = started + RECOVERY_WITHIN_SECONDS
    async with httpx.AsyncClient(trust_env=False, timeout=2.0) as http:
        while time.monotonic() < deadline:
            try:
                answers = [
                    (await http.get(f"{server.base_url}/readyz")).status_code
                    for server in stack.servers
                ]
                unfinished = await _count(
                    stack.database_url,
                    webhook_deliveries.c.status.in_(UNFINISHED),
                    webhook_deliveries.c.id <= last_delivery_id,
                )
            except (httpx.HTTPError, OSError):
                await asyncio.sleep(0.1)
                continue
            if all(code == 200 for code in answers) and unfinished == 0:
                return time.monotonic() - started
            await asyncio.sleep(0.1)
    raise TimeoutError(f"not recovered within {RECOVERY_WITHIN_SECONDS:.0f} s")


async def _load_with_fault(
    traffic: Traffic, fault: Fault, scenario: str, args: argparse.Namespace
) -> float:
    """The load, with the fault struck `--fault-after` seconds in; the recovery seconds."""
    running = asyncio.create_task(traffic.run(seconds=args.seconds, concurrency=args.concurrency))
    await asyncio.sleep(args.fault_after)
    started = time.monotonic()
    await asyncio.to_thread(FAULTS[scenario], fault)
    last_delivery_id = await _last_delivery_id(fault.stack.database_url)
    recovery = await recovered(fault.stack, started, last_delivery_id)
    await running
    return recovery


def run_scenario(
    cluster: Cluster, scenario: str, work_dir: Path, args: argparse.Namespace
) -> Outcome:
    with postgres_database(cluster.admin_url) as database_url:
        stack = Stack(database_url, work_dir)
        try:
            tenants, tokens = prepare(stack, args.tenants, servers=2, workers=2)
            traffic = Traffic([server.base_url for server in stack.servers], tenants, tokens)
            fault = Fault(stack, cluster)
            recovery = asyncio.run(_load_with_fault(traffic, fault, scenario, args))
            verdict = asyncio.run(
                verify(
                    database_url,
                    base_url=stack.servers[1].base_url,
                    tenants=tenants,
                    tokens=tokens,
                    book=traffic.book,
                    prefix=traffic.prefix,
                    out_path=stack.out_path,
                    drain_within=args.drain_seconds,
                )
            )
            for line in stack.errors():
                print(f"{scenario} log: {line}", file=sys.stderr)
        finally:
            stack.stop()
    requests = sum(stats.requests for stats in traffic.stats.values())
    errors = sum(stats.errors for stats in traffic.stats.values())
    failures: Counter[str] = Counter()
    for stats in traffic.stats.values():
        failures.update(stats.failures)
    return Outcome(scenario, requests, errors, recovery, verdict, failures, fault.note)


def outcomes_table(outcomes: Sequence[Outcome]) -> str:
    header = (
        "scenario",
        "requests",
        "errors in fault",
        "recovery s",
        "orders checked",
        "stock records checked",
        "events delivered",
        "duplicates",
        "result",
    )
    rows = [
        (
            o.scenario,
            f"{o.requests:,}",
            str(o.errors),
            f"{o.recovery_seconds:.1f}",
            f"{o.verdict.orders_checked:,}",
            str(o.verdict.stock_records_checked),
            f"{o.verdict.received:,}/{o.verdict.events:,}",
            str(o.verdict.duplicates),
            "PASS" if o.verdict.passed else "FAIL",
        )
        for o in outcomes
    ]
    return text_table(header, rows)


def run(argv: Sequence[str]) -> int:
    """Parse the arguments, run the scenarios, print the tables; the exit code."""
    parser = argparse.ArgumentParser(prog="scripts/faults", description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated")
    parser.add_argument("--seconds", type=float, default=25.0, help="load per scenario")
    parser.add_argument("--fault-after", type=float, default=8.0, help="seconds into the load")
    parser.add_argument("--tenants", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8, help="client loops")
    parser.add_argument("--drain-seconds", type=float, default=180.0)
    args = parser.parse_args(argv)
    scenarios = [name.strip() for name in args.scenarios.split(",") if name.strip()]
    if unknown := set(scenarios) - set(SCENARIOS):
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    started = time.monotonic()
    outcomes = []
    with (
        tempfile.TemporaryDirectory(prefix="clarus-faults-") as directory,
        private_cluster() as cluster,
    ):
        for scenario in scenarios:
            print(f"{scenario}: fault after {args.fault_after:.0f} s", file=sys.stderr)
            work_dir = Path(directory) / scenario
            work_dir.mkdir()
            outcome = run_scenario(cluster, scenario, work_dir, args)
            outcomes.append(outcome)
            print(verdict_table(outcome.verdict))
            failed = ", ".join(f"{label} x{n}" for label, n in outcome.failures.most_common())
            print(f"{scenario}: failed requests: {failed or 'none'}")
            if outcome.note:
                print(f"{scenario}: {outcome.note}")
    print(f"load average {os.getloadavg()[0]:.2f} (1 min)")
    print(outcomes_table(outcomes))
    passed = all(outcome.verdict.passed for outcome in outcomes)
    print(f"total {time.monotonic() - started:.0f} s: {'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


def main() -> None:
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
