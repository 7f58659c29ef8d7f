"""What the load and fault runs run against: tenants seeded with stock, two `clarus serve`
processes and two `clarus worker` processes on one PostgreSQL database, and a webhook receiver
that every tenant's automations send order and stock events to.

Every process is started here in its own process group and is stopped (or killed) by the id
of the process this module started, never by a name.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import httpx

from bench.allocation import insert_one
from bench.servers import (
    HOST,
    REPO_ROOT,
    Server,
    free_port,
    log_errors,
    server_environment,
    stop,
    wait_until_ready,
)
from clarus.auth.service import create_api_client
from clarus.catalog.tables import products, stock_unit_types
from clarus.core.db import Database
from clarus.core.migrate import upgrade
from clarus.core.settings import Settings
from clarus.inventory.schemas import PositiveAdjustmentAttributes
from clarus.inventory.service import adjust_up
from clarus.masterdata.tables import accounts, location_types, locations, warehouses
from clarus.simulation.service import warehouse_places
from clarus.tenancy.service import create_tenant
from clarus.webhooks.catalogue import EVENTS_BY_RESOURCE

PRODUCTS = 10
INITIAL_QUANTITY = Decimal(1_000_000)
"""Of each product, in the storage location: no order ever runs short."""
SUBSCRIBED = ("goods_out", "stock")
"""Every event of these resources goes to the receiver."""
WEBHOOK_TIMEOUT_SECONDS = 2.0
LEASE_SECONDS = 5
"""The shortest lease there is, so that a killed worker's deliveries are taken over soon."""
WORKER_POLL_SECONDS = 0.1
WORKER_START_SECONDS = 1.0


@dataclass(frozen=True)
class Tenant:
    subdomain: str
    tenant_id: int
    client_id: str
    client_secret: str
    account_id: int
    warehouse_id: int
    storage_id: int
    shelf_id: int
    product_ids: tuple[int, ...]
    stock_ids: tuple[int, ...]
    """The seeded storage record of each product."""


async def _seed_tenant(db: Database, subdomain: str) -> Tenant:
    """A sandbox tenant with a client of every scope, an account, a warehouse with the
    simulator's locations and a shelf, and INITIAL_QUANTITY of each product in storage."""
    async with db.write_session() as session:
        tenant = await create_tenant(session=session, subdomain=subdomain, company_name=subdomain)
        issued = await create_api_client(session=session, tenant=tenant, name="load")
        tenant_id, user_id = tenant.id, issued.client.user_id
        account_id = await insert_one(session, accounts, tenant_id=tenant_id, code="A", name="A")
        warehouse_id = await insert_one(
            session, warehouses, tenant_id=tenant_id, code="W", name="W"
        )
        places = await warehouse_places(session, tenant_id=tenant_id, warehouse_id=warehouse_id)
        shelf_type = await insert_one(
            session, location_types, tenant_id=tenant_id, code="SHELF", name="Shelf"
        )
        shelf_id = await insert_one(
            session,
            locations,
            tenant_id=tenant_id,
            code="SHELF-1",
            warehouse_id=warehouse_id,
            location_type_id=shelf_type,
        )
        unit_id = await insert_one(
            session, stock_unit_types, tenant_id=tenant_id, code="EA", name="Each"
        )
        product_ids, stock_ids = [], []
        for number in range(PRODUCTS):
            product_id = await insert_one(
                session,
                products,
                tenant_id=tenant_id,
                code=f"P{number}",
                description=f"Product {number}",
                stock_unit_type_id=unit_id,
            )
            stock = await adjust_up(
                session,
                tenant_id=tenant_id,
                user_id=user_id,
                attributes=PositiveAdjustmentAttributes(
                    product_id=product_id,
                    account_id=account_id,
                    location_id=places.storage_id,
                    quantity=INITIAL_QUANTITY,
                    description="seed",
                ),
            )
            product_ids.append(product_id)
            stock_ids.append(int(stock["id"]))
        client_id, secret = issued.client.client_id, issued.client_secret
    return Tenant(
        subdomain,
        tenant_id,
        client_id,
        secret,
        account_id,
        warehouse_id,
        places.storage_id,
        shelf_id,
        tuple(product_ids),
        tuple(stock_ids),
    )


async def seed(database_url: str, count: int) -> list[Tenant]:
    await upgrade(database_url)
    db = Database(Settings(database_url=database_url))
    try:
        return [await _seed_tenant(db, f"load{number + 1}") for number in range(count)]
    finally:
        await db.dispose()


def headers(tenant: Tenant, token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "X-Clarus-Subdomain": tenant.subdomain}


def fetch_token(base_url: str, tenant: Tenant) -> str:
    response = httpx.post(
        f"{base_url}/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(tenant.client_id, tenant.client_secret),
        headers={"X-Clarus-Subdomain": tenant.subdomain},
        trust_env=False,
    )
    response.raise_for_status()
    token: str = response.json()["access_token"]
    return token


def subscribe(base_url: str, tenant: Tenant, token: str, hook_url: str) -> int:
    """An automation per event of each SUBSCRIBED resource, each with one webhook; how many."""
    made = 0
    with httpx.Client(base_url=base_url, headers=headers(tenant, token), trust_env=False) as http:
        for resource in SUBSCRIBED:
            for event in EVENTS_BY_RESOURCE[resource]:
                parameter = {"parameter_code": "webhook_url", "value": hook_url}
                action = {
                    "destination_type": "webhook",
                    "parameters_changes": [{"type": "ADD", "attributes": parameter}],
                }
                attributes = {
                    "resource_name": resource,
                    "event": event,
                    "enabled": True,
                    "conditions_changes": [],
                    "actions_changes": [{"type": "ADD", "attributes": action}],
                }
                response = http.post(
                    "/api/automations",
                    json={"data": {"type": "automations", "attributes": attributes}},
                )
                if response.status_code != 200:
                    raise RuntimeError(f"automation refused: {response.text[:300]}")
                made += 1
    return made


@dataclass
class Stack:
    """The running processes; each can be killed and started again on the same port."""

    database_url: str
    work_dir: Path
    servers: list[Server] = field(default_factory=list)
    workers: list[Server] = field(default_factory=list)
    receiver: Server | None = None

    @property
    def out_path(self) -> Path:
        return self.work_dir / "received.txt"

    @property
    def stall_flag(self) -> Path:
        return self.work_dir / "stall"

    @property
    def hook_url(self) -> str:
        assert self.receiver is not None
        return f"http://{HOST}:{self.receiver.port}/hook"

    def environment(self) -> dict[str, str]:
        return {
            **server_environment(self.database_url),
            "CLARUS_WEBHOOK_WORKER_IN_PROCESS": "false",
            "CLARUS_WEBHOOK_ALLOW_PRIVATE_TARGETS": "true",
            "CLARUS_WEBHOOK_TIMEOUT_SECONDS": str(WEBHOOK_TIMEOUT_SECONDS),
            "CLARUS_WEBHOOK_LEASE_SECONDS": str(LEASE_SECONDS),
        }

    def _spawn(self, name: str, command: list[str], port: int) -> Server:
        log_path = self.work_dir / f"{name}.log"
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self.environment(),
                start_new_session=True,
                cwd=REPO_ROOT,
            )
        return Server(name, process, port, log_path)

    def _server_command(self, port: int) -> list[str]:
        return [
            *clarus_module(),
            "serve",
            "--host",
            HOST,
            "--port",
            str(port),
            "--no-worker",
            "--no-access-log",
            "--database-url",
            self.database_url,
        ]

    def _worker_command(self) -> list[str]:
        return [
            *clarus_module(),
            "worker",
            "--database-url",
            self.database_url,
            "--poll-interval",
            str(WORKER_POLL_SECONDS),
        ]

    def start_receiver(self) -> None:
        self.out_path.touch()
        port = free_port()
        command = [sys.executable, "-m", "proof.receiver", str(port), str(self.out_path)]
        self.receiver = self._spawn("receiver", [*command, str(self.stall_flag)], port)
        wait_until_listening(self.receiver)

    def start_server(self, index: int, port: int | None = None) -> Server:
        port = port or free_port()
        server = self._spawn(f"server{index + 1}", self._server_command(port), port)
        if index < len(self.servers):
            self.servers[index] = server
        else:
            self.servers.append(server)
        wait_until_ready(server)
        return server

    def start_worker(self, index: int) -> Server:
        worker = self._spawn(f"worker{index + 1}", self._worker_command(), 0)
        if index < len(self.workers):
            self.workers[index] = worker
        else:
            self.workers.append(worker)
        time.sleep(WORKER_START_SECONDS)
        if worker.process.poll() is not None:
            raise RuntimeError(f"{worker.name} exited: {log_errors(worker)}")
        return worker

    def start(self, *, servers: int) -> None:
        """The receiver and the servers; the workers come once the automations exist."""
        self.start_receiver()
        for index in range(servers):
            self.start_server(index)

    def start_workers(self, count: int) -> None:
        for index in range(count):
            self.start_worker(index)

    def stop(self) -> None:
        for process in (*self.workers, *self.servers, self.receiver):
            if process is not None:
                stop(process)

    def errors(self) -> list[str]:
        return [
            f"{process.name}: {line}"
            for process in (*self.servers, *self.workers)
            for line in log_errors(process)
        ]


def clarus_module() -> list[str]:
    """`clarus` as this checkout's module, whichever `clarus` command is installed."""
    return [sys.executable, "-m", "clarus.cli.main"]


def kill(process: Server) -> None:
    """SIGKILL the process group: no shutdown, no rollback, no goodbye to the database."""
    try:
        os.killpg(process.process.pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    process.process.wait()


def wait_until_listening(server: Server, within: float = 30.0) -> None:
    async def probe() -> None:
        deadline = time.monotonic() + within
        while True:
            try:
                _reader, writer = await asyncio.open_connection(HOST, server.port)
            except OSError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.05)
                continue
            writer.close()
            await writer.wait_closed()
            return

    asyncio.run(probe())
