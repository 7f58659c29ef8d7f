"""`create_app(settings)`: the one place the ASGI application is assembled."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from fastapi import APIRouter, FastAPI

from clarus import __version__
from clarus.api import health
from clarus.api.app.router import install_operator_app
from clarus.api.app.sessions import lifetime
from clarus.api.docs import install_docs
from clarus.api.graphql.endpoint import router as graphql_router
from clarus.api.graphql.schema import schema
from clarus.api.mcp.files import install_files
from clarus.api.mcp.mount import install_mcp
from clarus.api.middleware import RequestContextMiddleware
from clarus.api.oauth import router as oauth_router
from clarus.api.oauth_discovery import router as oauth_discovery_router
from clarus.api.openapi import install_openapi
from clarus.api.rest import (
    account_products,
    account_warehouses,
    accounts,
    addresses,
    alternative_codes,
    automations,
    barcode_formats,
    billing_charges,
    billing_configuration,
    bookings,
    carriers,
    collection_addresses,
    crossdocks,
    customers,
    goods_in_receipts,
    goods_out_pick_lists,
    goods_out_processes,
    goods_outs,
    groups,
    load_tasks,
    loads,
    location_types,
    locations,
    order_types,
    pickface_products,
    product_materials,
    product_storage_units,
    products,
    putaway_rules,
    reason_codes,
    receiving,
    replenishment,
    rf_flows,
    roles,
    shipments,
    simulations,
    sites,
    stock_checks,
    stock_unit_types,
    stocks,
    storage_unit_types,
    storage_units,
    subdomains,
    suppliers,
    tasks,
    trailers,
    users,
    warehouse_routes,
    warehouses,
    webhook_deliveries,
)
from clarus.api.rest.errors import install_error_handlers
from clarus.api.rest.ratelimit import SharedRateLimiter
from clarus.api.route_gates import gate_routes, include_under
from clarus.auth.passwords import limit_concurrent_hashes
from clarus.auth.principal_cache import PrincipalCache
from clarus.auth.session_sweeper import SessionSweeper
from clarus.core.db import Database
from clarus.core.json_types import JSONObject
from clarus.core.secret_box import secret_box
from clarus.core.settings import Settings
from clarus.shipping.worker import ShippingWorker
from clarus.webhooks.clock import Clock, SystemClock
from clarus.webhooks.targets import WebhookDirectory
from clarus.webhooks.wiring import default_directory
from clarus.webhooks.worker import WebhookWorker

DESCRIPTION = """\
Clarus: an open, self-hostable warehouse management system whose integration API is
wire-compatible with the Clarus WMS API.

Every `/api` and `/graphql` request needs an OAuth 2.0 bearer token **and** the
`X-Clarus-Subdomain` header naming the tenant. Use **Authorize** to set both.
"""
SWAGGER_UI_OAUTH: JSONObject = {"usePkceWithAuthorizationCodeGrant": True, "scopes": "read write"}

GRAPHQL_ROOT_OF = {"users": "subdomain_users"}
"""REST collections read through a GraphQL root of another name."""


def graphql_roots() -> dict[str, str]:
    """Per REST collection, the GraphQL root that reads it."""
    query_type = schema._schema.query_type
    roots = set(query_type.fields) if query_type is not None else set()
    named = {root: root for root in roots}
    named.update({rest: root for rest, root in GRAPHQL_ROOT_OF.items() if root in roots})
    return named


def api_routers() -> tuple[APIRouter, ...]:
    """The REST API's routers, in the order their routes are matched."""
    return (
        accounts.router,
        sites.router,
        warehouses.router,
        location_types.router,
        locations.router,
        account_warehouses.router,
        order_types.router,
        reason_codes.router,
        roles.router,
        users.router,
        subdomains.router,
        customers.router,
        addresses.delivery_addresses_router,
        addresses.addresses_router,
        suppliers.router,
        carriers.carriers_router,
        carriers.services_router,
        stock_unit_types.router,
        storage_unit_types.router,
        storage_units.router,
        storage_units.labels_router,
        goods_in_receipts.labels_router,
        products.router,
        product_storage_units.router,
        account_products.router,
        product_materials.router,
        alternative_codes.types_router,
        alternative_codes.router,
        barcode_formats.router,
        stocks.router,
        pickface_products.router,
        goods_in_receipts.router,
        goods_outs.router,
        goods_out_processes.router,
        replenishment.router,
        simulations.router,
        goods_out_pick_lists.router,
        receiving.router,
        tasks.router,
        automations.router,
        webhook_deliveries.router,
        groups.router,
        putaway_rules.router,
        warehouse_routes.router,
        stock_checks.router,
        trailers.trailer_types_router,
        trailers.trailers_router,
        loads.loads_router,
        loads.load_drops_router,
        bookings.router,
        crossdocks.router,
        collection_addresses.router,
        shipments.custom_carrier_types_router,
        shipments.packages_router,
        shipments.shipments_router,
        shipments.labels_router,
        load_tasks.router,
        billing_configuration.currencies_router,
        billing_configuration.tax_types_router,
        billing_configuration.tax_rates_router,
        billing_configuration.configuration_router,
        billing_charges.baskets_router,
        billing_charges.lines_router,
        billing_charges.invoices_router,
        rf_flows.router,
    )


def create_app(
    settings: Settings | None = None,
    *,
    webhook_directory: WebhookDirectory | None = None,
    clock: Clock | None = None,
) -> FastAPI:
    """The application. Its lifespan sweeps ended operator app sessions, and runs the webhook
    worker when `settings.webhook_worker_in_process`, asking `webhook_directory` (else the
    automations' directory) where events go; `clock` is the worker's, the delivery log's and
    the sessions' time."""
    settings = settings or Settings()
    db = Database(settings)
    clock = clock or SystemClock()
    box = secret_box(settings)
    directory = webhook_directory or default_directory(box)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            sweeper = SessionSweeper(
                db=db,
                lifetime=lifetime(settings),
                every_seconds=settings.app_session_sweep_seconds,
                clock=clock.now,
            )
            await stack.enter_async_context(sweeper.running())
            await stack.enter_async_context(app.state.mcp_server.session_manager.run())
            if settings.webhook_worker_in_process:
                worker = WebhookWorker(db=db, directory=directory, settings=settings, clock=clock)
                await stack.enter_async_context(worker.running())
                shipping = ShippingWorker.from_settings(db, settings)
                await stack.enter_async_context(shipping.running())
            yield
        await db.dispose()

    app = FastAPI(
        title="Clarus WMS API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.clock = clock
    app.state.secret_box = box
    app.state.principal_cache = PrincipalCache()
    app.state.principal_cache.watch(db.write_engine, db.read_engine)
    app.state.rate_limiter = SharedRateLimiter(
        db,
        rate=settings.rate_limit_per_second,
        burst=settings.rate_limit_burst,
        clock=lambda: clock.now().timestamp(),
    )
    limit_concurrent_hashes(settings.password_hash_concurrency)
    install_error_handlers(app, graphql_roots=graphql_roots())
    app.include_router(health.router)
    app.include_router(oauth_router)
    app.include_router(oauth_discovery_router)
    include_under(app, api_routers(), "/api")
    include_under(app, api_routers(), "/api/v1", in_schema=False)
    app.include_router(graphql_router)
    install_docs(app, init_oauth=SWAGGER_UI_OAUTH)
    install_openapi(app)
    install_operator_app(app)
    install_mcp(app)
    install_files(app)
    gate_routes(app)
    app.add_middleware(RequestContextMiddleware, max_body_bytes=settings.max_body_bytes)
    return app
