"""`python -m bench.webhooks`: webhooks delivered per second, and how long an event takes to arrive.

For each backend and worker count, a fresh database gets one tenant, a local receiver (a bare
ASGI app under uvicorn, in its own process, writing down the moment each webhook arrives) and
one or more `WebhookWorker` processes (each as `clarus worker` runs it, with a directory that
sends every event of the tenant to the receiver: one signed POST per event). Then:

1. throughput: `--events` events (10,000; one per record, so no record waits for another) are
   written to the outbox in one transaction while the workers idle; deliveries/s is that count
   over the time from the commit to the last receipt (fan-out, claiming, signing, sending and
   writing down every attempt; each event is one delivery).
2. delay: `--paced` events (500) are written in transactions of 10, `--rate` events a second
   (200), and the delay of each is its receipt time minus the time its transaction's commit
   returned; p50 and p99 over all of them. Idle workers poll every `--poll` seconds (1, the
   setting's default); a worker that has just found work looks again within 20 ms, its pause
   doubling while it finds none (`clarus.core.polling`), so a steady flow is not held back by
   the poll. The throughput's time includes the up to one poll the idle workers take to notice
   the first events.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bench.asgi import Receive, Send, read_body
from bench.databases import DEFAULT_POSTGRES_ADMIN_URL, BackendUnavailable, postgres_database
from bench.report import BenchRow, nearest_rank, text_table
from clarus.core import event_loop
from clarus.core.db import Database
from clarus.core.events import emit_many
from clarus.core.migrate import upgrade
from clarus.core.settings import Settings
from clarus.core.tables import events
from clarus.tenancy.service import create_tenant
from clarus.webhooks.targets import WebhookTarget
from clarus.webhooks.worker import WebhookWorker

ROOT = Path(__file__).resolve().parents[1]
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
PACED_BATCH = 10


@dataclass(frozen=True)
class Result:
    backend: str
    workers: int
    events: int
    events_per_second: float
    worker_cpu_ms: float
    receiver_cpu_ms: float
    paced: int
    rate: float
    p50_ms: float
    p99_ms: float

    def row(self) -> BenchRow:
        workers = f"{self.workers} worker{'s' if self.workers > 1 else ''}"
        return BenchRow(
            self.backend,
            "webhooks",
            f"deliver, {workers}",
            self.events_per_second,
            "deliveries/s",
            self.p50_ms,
            self.p99_ms,
        )

    def note(self) -> str:
        return (
            f"{self.backend}/webhooks, {self.workers} worker(s): deliveries/s over "
            f"{self.events:,} events written at once (workers' CPU {self.worker_cpu_ms:.2f} ms "
            f"and the receiver's {self.receiver_cpu_ms:.2f} ms a delivery); p50/p99 are the "
            f"commit-to-receipt delay of {self.paced} events paced at {self.rate:g}/s"
        )


@dataclass(frozen=True)
class Plan:
    events: int = 10_000
    paced: int = 500
    rate: float = 200.0
    concurrency: int = 16
    poll: float = 1.0
    timeout: float = 600.0


class BenchDirectory:
    """Every event of every tenant goes to one webhook."""

    def __init__(self, url: str) -> None:
        self.webhook = WebhookTarget(
            automation_id=1,
            action_id=1,
            url=url,
            method="POST",
            integration_id=None,
            secrets=(SECRET,),
        )

    async def targets_for(
        self,
        session: AsyncSession,
        *,
        tenant_id: int,
        resource_name: str,
        event: str,
        payload: Mapping[str, Any],
    ) -> list[WebhookTarget]:
        return [self.webhook]

    async def target(
        self, session: AsyncSession, *, tenant_id: int, action_id: int
    ) -> WebhookTarget | None:
        return self.webhook

    async def disable(
        self, session: AsyncSession, *, tenant_id: int, automation_id: int, reason: str
    ) -> None:
        raise RuntimeError(f"the bench receiver failed: {reason}")


# The receiver and worker processes.


def receiver_app(out_path: str) -> Any:
    """An ASGI app answering 200 to every POST and appending `<event id> <time>` to a file."""
    out = open(out_path, "a", buffering=1)  # noqa: SIM115 (lives as long as the process)

    async def app(scope: dict[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = await read_body(receive)
        received_at = time.time()
        start = body.index(b'"id":"evt_') + 10
        event_id = body[start : body.index(b'"', start)].decode()
        out.write(f"{event_id} {received_at:.6f}\n")
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    return app


def receive(port: int, out_path: str) -> None:
    import uvicorn

    uvicorn.run(
        receiver_app(out_path), host="127.0.0.1", port=port, log_level="warning", access_log=False
    )


def work(database_url: str, url: str, concurrency: int, poll: float) -> None:
    settings = Settings(
        database_url=database_url,
        webhook_allow_private_targets=True,
        webhook_worker_concurrency=concurrency,
        webhook_worker_batch_size=200,
        webhook_worker_poll_seconds=poll,
    )

    async def main() -> None:
        db = Database(settings)
        worker = WebhookWorker(db=db, directory=BenchDirectory(url), settings=settings)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        try:
            await worker.run(stop)
        finally:
            await worker.aclose()
            await db.dispose()

    event_loop.run(main())


# The measuring process.


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def spawn(*arguments: str) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bench.webhooks", *arguments], cwd=ROOT, env=environment
    )


@contextlib.contextmanager
def processes(*commands: Sequence[str]) -> Iterator[list[subprocess.Popen[bytes]]]:
    started = [spawn(*command) for command in commands]
    try:
        yield started
    finally:
        for process in started:
            process.send_signal(signal.SIGTERM)
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def receipts(out_path: Path) -> dict[int, float]:
    found: dict[int, float] = {}
    for line in out_path.read_text().splitlines():
        event_id, received_at = line.split()
        found.setdefault(int(event_id), float(received_at))
    return found


async def wait_for_receipts(out_path: Path, count: int, within: float) -> dict[int, float]:
    deadline = time.monotonic() + within
    while True:
        found = receipts(out_path)
        if len(found) >= count:
            return found
        if time.monotonic() > deadline:
            raise TimeoutError(f"{len(found)} of {count} webhooks arrived in {within:.0f} s")
        await asyncio.sleep(0.05)


async def emit(db: Database, tenant_id: int, first_record: int, count: int) -> float:
    """`count` events, one per record, in one transaction; the time of its commit."""
    records = [{"id": first_record + number, "n": number} for number in range(count)]
    async with db.write_session() as session:
        await emit_many(
            session, tenant_id=tenant_id, resource_name="product", event="updated", records=records
        )
    return time.time()


async def wait_until_listening(port: int) -> None:
    for _ in range(200):
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        writer.close()
        await writer.wait_closed()
        return
    raise TimeoutError("the receiver did not start")


def cpu_seconds(pids: Sequence[int]) -> float:
    """User and system CPU the processes have used so far (Linux `/proc`; 0 elsewhere)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            return 0.0
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Measured:
    events_per_second: float
    worker_cpu_ms: float
    """Workers' CPU per delivery during the throughput phase."""
    receiver_cpu_ms: float
    delays: list[float]


async def measure(
    url: str, out_path: Path, port: int, plan: Plan, workers: Sequence[int], receiver: int
) -> Measured:
    db = Database(Settings(database_url=url))
    try:
        async with db.write_session() as session:
            tenant = await create_tenant(session=session, subdomain="bench", company_name="Bench")
            tenant_id = tenant.id
        await wait_until_listening(port)
        await asyncio.sleep(1.0)  # the workers start up and idle
        cpu_before = cpu_seconds(workers), cpu_seconds([receiver])
        committed = await emit(db, tenant_id, 1, plan.events)
        found = await wait_for_receipts(out_path, plan.events, within=plan.timeout)
        cpu_after = cpu_seconds(workers), cpu_seconds([receiver])
        events_per_second = plan.events / (max(found.values()) - committed)
        first_paced = plan.events + 1
        committed_at: dict[int, float] = {}
        for offset in range(0, plan.paced, PACED_BATCH):
            started = time.monotonic()
            count = min(PACED_BATCH, plan.paced - offset)
            committed = await emit(db, tenant_id, first_paced + offset, count)
            committed_at.update(
                (first_paced + offset + number, committed) for number in range(count)
            )
            await asyncio.sleep(max(0.0, PACED_BATCH / plan.rate - (time.monotonic() - started)))
        found = await wait_for_receipts(out_path, plan.events + plan.paced, within=plan.timeout)
        async with db.read_session() as session:
            rows = await session.execute(
                select(events.c.id, events.c.record_id).where(
                    events.c.tenant_id == tenant_id, events.c.record_id >= first_paced
                )
            )
            delays = [
                (found[event_id] - committed_at[record_id]) * 1000 for event_id, record_id in rows
            ]
        return Measured(
            events_per_second,
            (cpu_after[0] - cpu_before[0]) * 1000 / plan.events,
            (cpu_after[1] - cpu_before[1]) * 1000 / plan.events,
            delays,
        )
    finally:
        await db.dispose()


def run_case(backend: str, workers: int, plan: Plan, postgres_admin_url: str) -> Result:
    with tempfile.TemporaryDirectory(prefix="clarus-webhooks-") as work_dir:
        database = (
            nullcontext(f"sqlite:///{Path(work_dir) / 'bench.db'}")
            if backend == "sqlite"
            else postgres_database(postgres_admin_url)
        )
        with database as url:
            asyncio.run(upgrade(url))
            port = free_port()
            out_path = Path(work_dir) / "receipts.txt"
            out_path.touch()
            hook = f"http://127.0.0.1:{port}/hook"
            worker_command = ["work", url, hook, str(plan.concurrency), str(plan.poll)]
            with processes(
                ["receive", str(port), str(out_path)], *[worker_command] * workers
            ) as started:
                measured = asyncio.run(
                    measure(
                        url,
                        out_path,
                        port,
                        plan,
                        [process.pid for process in started[1:]],
                        started[0].pid,
                    )
                )
    return Result(
        backend,
        workers,
        plan.events,
        measured.events_per_second,
        measured.worker_cpu_ms,
        measured.receiver_cpu_ms,
        len(measured.delays),
        plan.rate,
        nearest_rank(measured.delays, 0.50),
        nearest_rank(measured.delays, 0.99),
    )


def render(results: Sequence[Result]) -> str:
    header = (
        "backend",
        "workers",
        "events",
        "deliveries/s",
        "worker CPU ms",
        "receiver CPU ms",
        "paced",
        "rate/s",
        "p50 delay ms",
        "p99 delay ms",
    )
    return text_table(
        header,
        [
            (
                r.backend,
                str(r.workers),
                f"{r.events:,}",
                f"{r.events_per_second:,.0f}",
                f"{r.worker_cpu_ms:.2f}",
                f"{r.receiver_cpu_ms:.2f}",
                str(r.paced),
                f"{r.rate:g}",
                f"{r.p50_ms:.1f}",
                f"{r.p99_ms:.1f}",
            )
            for r in results
        ],
    )


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["receive"]:
        receive(int(argv[1]), argv[2])
        return
    if argv[:1] == ["work"]:
        work(argv[1], argv[2], int(argv[3]), float(argv[4]))
        return
    parser = argparse.ArgumentParser(
        prog="python -m bench.webhooks", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--workers", default="1,2", help="worker processes, comma-separated")
    parser.add_argument("--events", type=int, default=10_000, help="events for the throughput")
    parser.add_argument("--paced", type=int, default=500, help="events for the delay")
    parser.add_argument("--rate", type=float, default=200.0, help="paced events per second")
    parser.add_argument(
        "--concurrency", type=int, default=16, help="webhooks each worker sends at once"
    )
    parser.add_argument("--poll", type=float, default=1.0, help="idle workers' poll interval, s")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds a phase may take")
    parser.add_argument("--postgres-admin-url", default=DEFAULT_POSTGRES_ADMIN_URL)
    args = parser.parse_args(argv)
    plan = Plan(args.events, args.paced, args.rate, args.concurrency, args.poll, args.timeout)
    results: list[Result] = []
    for backend in args.backends.split(","):
        for workers in (int(value) for value in args.workers.split(",")):
            print(f"{backend}: {workers} worker(s)", file=sys.stderr)
            try:
                results.append(run_case(backend, workers, plan, args.postgres_admin_url))
            except BackendUnavailable as unavailable:
                print(f"{backend}: skipped ({unavailable})", file=sys.stderr)
                break
    print(render(results))


if __name__ == "__main__":
    main()
