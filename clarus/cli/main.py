"""The `clarus` command: serve, the webhook worker, demo data, and tenant, client and database
administration."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import shlex
import signal
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import typer
import uvicorn
from sqlalchemy.ext.asyncio import AsyncSession

from clarus import __version__
from clarus.auth import service as auth_service
from clarus.auth.errors import OAuthError
from clarus.auth.scopes import ALL_SCOPES, parse_scopes
from clarus.billing.engine import charge_events, charge_storage_day
from clarus.core import event_loop, migrate
from clarus.core.db import Database
from clarus.core.errors import ClarusError
from clarus.core.json_types import JSONObject
from clarus.core.records import id_of
from clarus.core.secret_box import secret_box
from clarus.core.settings import Settings
from clarus.outbound.statuses import GoodsOutStatus
from clarus.registry import Base
from clarus.shipping.worker import ShippingWorker
from clarus.simulation import service as simulation
from clarus.simulation.demo import DEMO_APP_USERS, DemoCredentials, ensure_demo
from clarus.simulation.demo_warehouse import DemoWarehouse, ensure_demo_warehouse, reset_demo
from clarus.tenancy import service as tenancy_service
from clarus.tenancy.models import Tenant
from clarus.webhooks.secrets import reseal_secrets
from clarus.webhooks.wiring import default_directory
from clarus.webhooks.worker import WebhookWorker

app = typer.Typer(help="Clarus: an open WMS with a Clarus-compatible API.", no_args_is_help=True)
tenant_app = typer.Typer(help="Manage tenants (subdomains).", no_args_is_help=True)
client_app = typer.Typer(help="Manage OAuth API clients.", no_args_is_help=True)
user_app = typer.Typer(
    help="Manage users who sign in (authorization code flow).", no_args_is_help=True
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
simulate_app = typer.Typer(
    help="Sandbox tenants only: do the warehouse work of a receipt or an order at once.",
    no_args_is_help=True,
)
app.add_typer(tenant_app, name="tenant")
app.add_typer(client_app, name="client")
app.add_typer(user_app, name="user")
app.add_typer(db_app, name="db")
app.add_typer(simulate_app, name="simulate")

T = TypeVar("T")


def _print_version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"clarus {__version__}")
        raise typer.Exit


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit"
        ),
    ] = False,
) -> None:
    """Clarus: an open WMS with a Clarus-compatible API."""


DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        envvar="CLARUS_DATABASE_URL",
        help="sqlite:///path or postgresql://... (default: sqlite:///clarus.db)",
    ),
]
JsonOutput = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


def _settings(database_url: str | None) -> Settings:
    return Settings(database_url=database_url) if database_url else Settings()


def _run(settings: Settings, work: Callable[[Database], Awaitable[T]]) -> T:
    """Migrate, then run `work` with a database, turning refusals into a clean exit."""

    async def main() -> T:
        await migrate.upgrade(settings.database_url)
        db = Database(settings)
        try:
            return await work(db)
        finally:
            await db.dispose()

    try:
        return event_loop.run(main())
    except (ClarusError, OAuthError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None


async def _tenant_named(session: AsyncSession, subdomain: str) -> Tenant:
    found = await tenancy_service.find_by_subdomain(session, subdomain)
    if found is None:
        raise typer.BadParameter(f"no tenant {subdomain!r}", param_hint="--tenant")
    return found


def _emit(as_json: bool, data: JSONObject, text: str) -> None:
    typer.echo(json.dumps(data) if as_json else text)


@db_app.command("upgrade")
def db_upgrade(database_url: DatabaseUrl = None) -> None:
    """Apply pending migrations."""
    settings = _settings(database_url)
    asyncio.run(migrate.upgrade(settings.database_url))
    typer.echo("database is up to date")


@db_app.command("reseal-secrets")
def db_reseal_secrets(database_url: DatabaseUrl = None) -> None:
    """Encrypt every webhook secret again with the first of CLARUS_SECRET_KEYS (after putting a
    new key first), so the older keys can be dropped."""
    settings = _settings(database_url)
    box = secret_box(settings)

    async def work(db: Database) -> int:
        async with db.write_session() as session:
            return await reseal_secrets(session, box=box)

    typer.echo(f"{_run(settings, work)} webhook secrets sealed with the first key")


@tenant_app.command("create")
def tenant_create(
    subdomain: str,
    name: Annotated[str, typer.Option("--name", help="Company name")],
    database_url: DatabaseUrl = None,
    as_json: JsonOutput = False,
) -> None:
    """Create a tenant."""

    async def work(db: Database) -> JSONObject:
        async with db.write_session() as session:
            tenant = await tenancy_service.create_tenant(
                session=session, subdomain=subdomain, company_name=name
            )
            return {"id": tenant.id, "subdomain": tenant.subdomain, "name": tenant.company_name}

    data = _run(_settings(database_url), work)
    _emit(as_json, data, f"created tenant {data['subdomain']} (id {data['id']})")


@client_app.command("create")
def client_create(
    tenant: Annotated[str, typer.Option("--tenant", help="The tenant's subdomain")],
    name: Annotated[str, typer.Option("--name")],
    scopes: Annotated[str, typer.Option("--scopes", help="Comma-separated")] = ",".join(ALL_SCOPES),
    redirect_uri: Annotated[
        list[str] | None,
        typer.Option("--redirect-uri", help="Allowed redirect URI for the authorization code flow"),
    ] = None,
    database_url: DatabaseUrl = None,
    as_json: JsonOutput = False,
) -> None:
    """Create an API client; its secret is printed once and only its hash is stored."""

    async def work(db: Database) -> JSONObject:
        async with db.write_session() as session:
            found = await _tenant_named(session, tenant)
            issued = await auth_service.create_api_client(
                session=session,
                tenant=found,
                name=name,
                scopes=parse_scopes(scopes),
                redirect_uris=tuple(redirect_uri or ()),
            )
            return {
                "client_id": issued.client.client_id,
                "client_secret": issued.client_secret,
                "tenant": tenant,
                "scopes": issued.client.scopes,
            }

    data = _run(_settings(database_url), work)
    _emit(
        as_json,
        data,
        "\n".join(
            [
                f"client_id:     {data['client_id']}",
                f"client_secret: {data['client_secret']}  (shown once)",
                f"tenant:        {data['tenant']}",
                f"scopes:        {data['scopes']}",
            ]
        ),
    )


@client_app.command("revoke")
def client_revoke(
    client_id: str, database_url: DatabaseUrl = None, as_json: JsonOutput = False
) -> None:
    """Revoke a client and every token it was issued."""

    async def work(db: Database) -> bool:
        async with db.write_session() as session:
            return (
                await auth_service.revoke_api_client(session=session, client_id=client_id)
                is not None
            )

    if not _run(_settings(database_url), work):
        typer.echo(f"error: no client {client_id!r}", err=True)
        raise typer.Exit(1)
    _emit(as_json, {"client_id": client_id, "revoked": True}, f"revoked {client_id}")


Simulation = Callable[[AsyncSession, int, int, int], Awaitable[JSONObject]]
"""A simulation run as `(session, tenant_id, user_id, record_id)`, answering what the command
prints of the record it worked on."""


def _simulate(tenant: str, record_id: int, database_url: str | None, run: Simulation) -> JSONObject:
    """Run a simulation as the tenant's first active user (the one its ledger rows name)."""

    async def work(db: Database) -> JSONObject:
        async with db.write_session() as session:
            found = await _tenant_named(session, tenant)
            user_id = await auth_service.first_active_user_id(session, tenant_id=found.id)
            if user_id is None:
                raise typer.BadParameter(
                    f"tenant {tenant!r} has no active user", param_hint="--tenant"
                )
            return await run(session, found.id, user_id, record_id)

    return _run(_settings(database_url), work)


@simulate_app.command("receive")
def simulate_receive(
    receipt_id: Annotated[int, typer.Argument(help="The goods in receipt's id")],
    tenant: Annotated[str, typer.Option("--tenant")],
    database_url: DatabaseUrl = None,
    as_json: JsonOutput = False,
) -> None:
    """Receive and put away everything a receipt expects."""

    async def run(
        session: AsyncSession, tenant_id: int, user_id: int, record_id: int
    ) -> JSONObject:
        receipt = await simulation.receive_everything(
            session, tenant_id=tenant_id, user_id=user_id, receipt_id=record_id
        )
        return {"id": id_of(receipt), "status": str(receipt["status"])}

    data = _simulate(tenant, receipt_id, database_url, run)
    _emit(as_json, data, f"goods in receipt {data['id']} is {data['status']}")


@simulate_app.command("fulfil")
def simulate_fulfil(
    goods_out_id: Annotated[int, typer.Argument(help="The goods out's id")],
    tenant: Annotated[str, typer.Option("--tenant")],
    database_url: DatabaseUrl = None,
    as_json: JsonOutput = False,
) -> None:
    """Allocate, pick and dispatch an order."""

    async def run(
        session: AsyncSession, tenant_id: int, user_id: int, record_id: int
    ) -> JSONObject:
        order = await simulation.fulfil(
            session, tenant_id=tenant_id, user_id=user_id, goods_out_id=record_id
        )
        status = GoodsOutStatus(id_of(order, "goods_out_status_id")).code
        return {"id": id_of(order), "goods_out_status": status}

    data = _simulate(tenant, goods_out_id, database_url, run)
    _emit(as_json, data, f"goods out {data['id']} is {data['goods_out_status']}")


@user_app.command("create")
def user_create(
    tenant: Annotated[str, typer.Option("--tenant")],
    email: Annotated[str, typer.Option("--email")],
    password: Annotated[
        str, typer.Option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
    ],
    name: Annotated[str | None, typer.Option("--name")] = None,
    database_url: DatabaseUrl = None,
    as_json: JsonOutput = False,
) -> None:
    """Create a user who can sign in on /oauth/authorize."""

    async def work(db: Database) -> JSONObject:
        async with db.write_session() as session:
            found = await _tenant_named(session, tenant)
            user = await auth_service.create_user(
                session=session, tenant_id=found.id, email=email, name=name, password=password
            )
            return {"id": user.id, "email": user.email, "tenant": tenant}

    data = _run(_settings(database_url), work)
    _emit(as_json, data, f"created user {data['email']} (id {data['id']}) in {tenant}")


def _demo_text(credentials: DemoCredentials, warehouse: DemoWarehouse, base_url: str) -> str:
    token_call = (
        f"curl -s -u {credentials.client_id}:{credentials.client_secret}"
        f" -d grant_type=client_credentials {base_url}/oauth/token"
    )
    query = json.dumps({"query": "{ accounts { all { edges { node { id code name } } } } }"})
    read_token = "python3 -c 'import json,sys; print(json.load(sys.stdin)[\"access_token\"])'"
    api_call = (
        f'curl -s -H "Authorization: Bearer $TOKEN" -H \'X-Clarus-Subdomain: '
        f"{credentials.subdomain}' -H 'Content-Type: application/json'"
        f" -d {shlex.quote(query)} {base_url}/graphql"
    )
    return "\n".join(
        [
            f"Demo tenant:   {credentials.subdomain}",
            f"client_id:     {credentials.client_id}",
            f"client_secret: {credentials.client_secret}",
            f"sign-in user:  {credentials.user_email} / {credentials.user_password}",
            f"account DEMO: id {warehouse.account_id}   warehouse MAIN: id {warehouse.warehouse_id}"
            f"   stock unit type EACH: id {warehouse.stock_unit_type_id}",
            f"operator app:  {base_url}/app/{credentials.subdomain}/",
            *(
                f"{user.role_name.lower() + ':':<14} {user.email} / {password}"
                for user, password in zip(DEMO_APP_USERS, credentials.app_passwords, strict=True)
            ),
            "",
            "Get a token and call the API:",
            f"TOKEN=$({token_call} | {read_token}) && {api_call}",
            "",
            f"API docs: {base_url}/docs   GraphiQL: {base_url}/graphql",
        ]
    )


def _create_demo(settings: Settings, base_url: str, as_json: bool, reset: bool = False) -> None:
    async def work(db: Database) -> tuple[DemoCredentials, DemoWarehouse]:
        if reset:
            async with db.write_session() as session:
                await reset_demo(session=session, tables=Base.metadata.sorted_tables)
        async with db.write_session() as session:
            credentials = await ensure_demo(
                session=session, redirect_uri=f"{base_url}/docs/oauth2-redirect"
            )
            warehouse = await ensure_demo_warehouse(
                session=session, tenant_id=credentials.tenant_id, user_id=credentials.user_id
            )
            return credentials, warehouse

    credentials, warehouse = _run(settings, work)
    data: JSONObject = {
        "tenant": credentials.subdomain,
        "client_id": credentials.client_id,
        "client_secret": credentials.client_secret,
        "user_email": credentials.user_email,
        "user_password": credentials.user_password,
        "base_url": base_url,
        "account_id": warehouse.account_id,
        "warehouse_id": warehouse.warehouse_id,
        "stock_unit_type_id": warehouse.stock_unit_type_id,
        "storage_unit_type_id": warehouse.storage_unit_type_id,
        "app_url": f"{base_url}/app/{credentials.subdomain}/",
        "app_users": [
            {"email": user.email, "role": user.role_name, "password": password}
            for user, password in zip(DEMO_APP_USERS, credentials.app_passwords, strict=True)
        ],
    }
    _emit(as_json, data, _demo_text(credentials, warehouse, base_url))


@app.command()
def demo(
    database_url: DatabaseUrl = None,
    base_url: Annotated[str, typer.Option(help="Where the server is reached")] = (
        "http://127.0.0.1:8000"
    ),
    as_json: JsonOutput = False,
    reset: Annotated[
        bool, typer.Option("--reset", help="Delete the demo tenant and all its data first")
    ] = False,
) -> None:
    """Create the demo tenant, API client, user, warehouse, account, unit types, locations and
    products with stock (what exists is kept); print how to call."""
    _create_demo(_settings(database_url), base_url, as_json, reset=reset)


@app.command()
def serve(
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
    database_url: DatabaseUrl = None,
    workers: Annotated[int, typer.Option(min=1)] = 1,
    with_demo: Annotated[bool, typer.Option("--demo", help="Create the demo tenant first")] = False,
    access_log: Annotated[bool, typer.Option(help="Log every request")] = True,
    with_worker: Annotated[
        bool,
        typer.Option(
            "--worker/--no-worker",
            help="Run the webhook worker in each server process (else run `clarus worker`)",
        ),
    ] = True,
) -> None:
    """Apply pending migrations, then serve REST, GraphQL and OAuth, and send webhooks."""
    settings = _settings(database_url)
    os.environ["CLARUS_DATABASE_URL"] = settings.database_url
    if not with_worker:
        os.environ["CLARUS_WEBHOOK_WORKER_IN_PROCESS"] = "false"
    if with_demo:
        display_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
        _create_demo(settings, f"http://{display_host}:{port}", as_json=False)
    else:
        asyncio.run(migrate.upgrade(settings.database_url))
    uvicorn.run(
        "clarus.api.asgi:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=access_log,
        proxy_headers=False,
    )


@app.command()
def worker(
    database_url: DatabaseUrl = None,
    concurrency: Annotated[
        int | None, typer.Option(min=1, help="Webhooks sent at once (default: setting)")
    ] = None,
    batch_size: Annotated[
        int | None, typer.Option(min=1, help="Events and deliveries taken per round")
    ] = None,
    poll_interval: Annotated[
        float | None, typer.Option(min=0.01, help="Seconds to wait when there is nothing to do")
    ] = None,
) -> None:
    """Send webhooks (fan out new events, deliver, retry) and make carrier calls. Run as many
    as you like (on PostgreSQL they share the work); SIGTERM or Ctrl-C finishes the round
    and stops."""
    settings = _settings(database_url)
    directory = default_directory(secret_box(settings))

    async def work(db: Database) -> None:
        webhook_worker = WebhookWorker(
            db=db,
            directory=directory,
            settings=settings,
            concurrency=concurrency,
            batch_size=batch_size,
            poll_seconds=poll_interval,
        )
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signal_number, stop.set)
        typer.echo(f"webhook worker {webhook_worker.worker_id} running")
        shipping_worker = ShippingWorker.from_settings(db, settings)
        try:
            await asyncio.gather(webhook_worker.run(stop), shipping_worker.run(stop))
        finally:
            await webhook_worker.aclose()
            await shipping_worker.aclose()

    _run(settings, work)


if __name__ == "__main__":
    app()


billing_app = typer.Typer(help="3PL billing: the charge engine and the storage run.")
app.add_typer(billing_app, name="billing")


@billing_app.command("charge")
def billing_charge(
    database_url: DatabaseUrl = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Events per transaction")] = 1000,
) -> None:
    """Charge the outbox's new events, a batch per transaction, until none is left. Killed at
    any moment, run again: nothing is charged twice or left out."""

    async def work(db: Database) -> int:
        written = 0
        while True:
            async with db.write_session() as session:
                done = await charge_events(session, limit=batch_size)
            written += done.lines
            if done.events == 0:
                return written

    typer.echo(f"{_run(_settings(database_url), work)} charge lines written")


@billing_app.command("storage")
def billing_storage(
    day: Annotated[str, typer.Option(help="The day charged, YYYY-MM-DD (UTC)")],
    database_url: DatabaseUrl = None,
) -> None:
    """Charge every tenant's storage of `day`; run again for the same day, it adds nothing."""
    charged_day = dt.date.fromisoformat(day)

    async def work(db: Database) -> int:
        async with db.write_session() as session:
            return await charge_storage_day(session, day=charged_day)

    typer.echo(f"{_run(_settings(database_url), work)} storage lines written")
