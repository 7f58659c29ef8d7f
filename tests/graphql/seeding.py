"""A tenant with records of every GraphQL root, made through our own REST API (and, for the
webhook delivery log, which nothing creates through the API, written directly): what the tenant
isolation tests list. A root with no maker here fails those tests by name."""

from __future__ import annotations

from sqlalchemy import select

from clarus.auth.assistants import record_write
from clarus.auth.principal import Principal
from clarus.auth.tables import api_clients
from clarus.core.db import Database, utcnow
from clarus.tasks.rf_flows import create_rf_user
from tests.auth.test_users import create_user
from tests.catalog import factories as catalog
from tests.graphql.stock import add_stock
from tests.masterdata.test_reason_codes import create_reason_code
from tests.outbound.pick_lists import finished_pick_list
from tests.shipping.factories import custom_carrier, fulfilled_order_id, shipment_body, two_boxes
from tests.support import Caller, resource_body
from tests.webhooks.helpers import logged_delivery
from tests.webhooks.support import automation_body


async def _posted(caller: Caller, path: str, resource_type: str, **attributes: object) -> int:
    response = await caller.post(path, resource_body(resource_type, **attributes))
    assert response.status_code == 200, (path, response.text)
    created = response.json()
    return int(created["data"]["id"] if "data" in created else created["id"])


async def _masterdata(caller: Caller) -> None:
    """A site, customers, suppliers, carriers and their services, order types, reason codes, an
    account linked to a warehouse, a role with a user, an automation, and an order and a
    receipt naming them (so that the records nested in those are listed too)."""
    account = await caller.create_account()
    warehouse = await caller.create_warehouse()
    where = {"account_id": int(account["id"]), "warehouse_id": int(warehouse["id"])}
    await _posted(caller, "/api/account_warehouses", "account_warehouses", **where)
    await _posted(caller, "/api/sites", "sites", code="NORTH", name="Northern Hub")
    customer_id = await _posted(caller, "/api/customers", "customers", code="SHOP", name="Shop")
    supplier_id = await _posted(
        caller, "/api/suppliers", "suppliers", code="SUP", name="Widgets Ltd"
    )
    carrier_id = await _posted(caller, "/api/carriers", "carriers", code="DPD", name="DPD")
    await _posted(
        caller,
        "/api/carrier_services",
        "carrier_services",
        code="NEXT",
        name="Next day",
        carrier_id=carrier_id,
        is_default=True,
        active=True,
    )
    order_type_id = await _posted(
        caller, "/api/order_types", "order_types", code="B2B", name="Trade", duty_payable=False
    )
    await _posted(
        caller,
        "/api/goods_outs",
        "goods_outs",
        **where,
        reference="SO-NAMED",
        expected_date_of_dispatch="2026-06-15T10:00:00Z",
        customer_id=customer_id,
        carrier_id=carrier_id,
        order_type_id=order_type_id,
    )
    await _posted(
        caller,
        "/api/goods_in_receipts",
        "goods_in_receipts",
        **where,
        reference="PO-NAMED",
        supplier_id=supplier_id,
    )
    await create_reason_code(caller)
    await create_user(caller)
    response = await caller.post("/api/automations", automation_body())
    assert response.status_code == 200, response.text


async def _catalog(caller: Caller) -> None:
    """A storage unit, and a product given to an account (its storage units come with it) with
    stock of it in a location, a stock check of the location, an alternative code and a kit it
    is a material of."""
    pallet = await catalog.storage_unit_type(caller)
    await _posted(
        caller, "/api/storage_units", "storage_units", storage_unit_type_id=int(pallet["id"])
    )
    product = await catalog.product(caller)
    account = await caller.create_account()
    await _posted(
        caller,
        f"/api/products/{product['id']}/account_products",
        "account_products",
        account_id=int(account["id"]),
    )
    location = await caller.create_location()
    await add_stock(caller, str(product["id"]), str(account["id"]), str(location["id"]), 5)
    response = await caller.post(
        "/api/stock_checks",
        resource_body(
            "stock_checks",
            location_id=int(location["id"]),
            expected_completion_date="2026-06-15T17:00:00Z",
        ),
    )
    assert response.status_code == 200, response.text
    await _stock_control(caller, int(product["id"]), int(account["id"]))
    await _codes_and_materials(caller, int(product["id"]))


async def _stock_control(caller: Caller, product_id: int, account_id: int) -> None:
    """A group, a put-away rule and a warehouse route."""
    await _posted(caller, "/api/groups", "groups", name="Hazardous", use_for_products=True)
    await _posted(
        caller,
        "/api/putaway_rules",
        "putaway_rules",
        account_id=account_id,
        rule="walk_sequence",
        direction="asc",
    )
    await _posted(caller, "/api/warehouse_routes", "warehouse_routes", product_id=product_id)


async def _codes_and_materials(caller: Caller, product_id: int) -> None:
    """A barcode format, an alternative code of the product, and a kit with it as material
    (the system alternative code types come with the tenant)."""
    await _posted(caller, "/api/barcode_formats", "barcode_formats", code="GS1-128", name="GS1")
    type_id = await _posted(
        caller, "/api/alternative_code_types", "alternative_code_types", code="EAN", name="EAN"
    )
    await _posted(
        caller,
        "/api/alternative_codes",
        "alternative_codes",
        code="5012345678900",
        name="EAN",
        alternative_code_type_id=type_id,
        alternative_codeable_type="Product",
        alternative_codeable_id=product_id,
    )
    kit = await catalog.product(caller, product_type="bill_of_materials")
    await _posted(
        caller,
        f"/api/products/{kit['id']}/materials",
        "product_materials",
        child_product_id=product_id,
        quantity=2,
    )


async def tenant_with_every_root(caller: Caller, db: Database) -> None:
    """Records of every root in `caller`'s tenant: the finished pick list brings a received
    receipt, an order with lines, its processing request and tasks."""
    await _masterdata(caller)
    await _catalog(caller)
    await finished_pick_list(caller)
    await logged_delivery(db, caller.tenant_id)
    await _loads(caller)
    await _docks(caller)
    await _shipping(caller)
    await _billing(caller)
    await _handheld(caller, db)
    await _assistant_write(db, caller.tenant_id)


async def _docks(caller: Caller) -> None:
    """A dock with a booking on it, a crossdock and a collection address."""
    account = await caller.create_account()
    dock = await caller.create_location(available_in_booking_diary=True)
    await _posted(
        caller,
        "/api/bookings",
        "bookings",
        account_id=int(account["id"]),
        location_id=int(dock["id"]),
        consignment_reference="CONS-1",
        direction="inbound",
        hazardous=False,
        start_time="2026-06-15T09:00:00Z",
        end_time="2026-06-15T10:00:00Z",
    )
    await _posted(
        caller,
        "/api/crossdocks",
        "crossdocks",
        account_id=int(account["id"]),
        reference="XD-1",
        expected_date_of_receipt="2026-06-15T09:00:00Z",
    )
    await _posted(
        caller, "/api/collection_addresses", "collection_addresses", code="COL-1", name="Depot"
    )


async def _loads(caller: Caller) -> None:
    """A trailer type, a trailer and a load on it with one drop."""
    kind = await _posted(caller, "/api/trailer_types", "trailer_types", code="CURT", name="Curt")
    trailer = await _posted(
        caller,
        "/api/trailers",
        "trailers",
        code="TRL-1",
        name="Trailer",
        trailer_type_id=kind,
        active=True,
    )
    warehouse = await caller.create_warehouse()
    load = await _posted(
        caller, "/api/loads", "loads", warehouse_id=int(warehouse["id"]), trailer_id=trailer
    )
    await _posted(caller, "/api/load_drops", "load_drops", load_id=load)


async def _shipping(caller: Caller) -> None:
    """A custom carrier type and carrier, and a shipment of two packages of a dispatched order."""
    order_id = await fulfilled_order_id(caller, "SO-SHIP-SEED")
    _, service_id = await custom_carrier(caller, service_code="OWN-NEXT")
    box = await catalog.storage_unit_type(caller, code="BOX", name="Box")
    body = shipment_body(
        goods_out_id=order_id,
        carrier_service_id=service_id,
        packages_changes=two_boxes(int(box["id"])),
    )
    response = await caller.post("/api/shipments", body)
    assert response.status_code == 200, response.text


async def _billing(caller: Caller) -> None:
    """A currency, a tax type and rate, a charge card for an account with a price, a window,
    a basket with a manual line, and an invoiced basket."""
    account = await caller.create_account()
    currency_id = await _posted(
        caller, "/api/currencies", "currencies", code="gbp", name="Pound", default=True
    )
    tax_type_id = await _posted(
        caller, "/api/tax_types", "tax_types", code="VAT20", description="Standard", rate=20
    )
    await _posted(caller, "/api/tax_rates", "tax_rates", name="Standard VAT", component_rate=20)
    card_id = await _posted(
        caller,
        "/api/charge_cards",
        "charge_cards",
        code="STANDARD",
        name="Standard",
        account_ids=[int(account["id"])],
    )
    await _posted(
        caller,
        "/api/charge_prices",
        "charge_prices",
        charge_card_id=card_id,
        code="PICK",
        name="Pick",
        charge_type="PICK",
        unit_of_measure="item",
        quantity=1,
        price=0.5,
        currency_id=currency_id,
        tax_type_id=tax_type_id,
    )
    await _posted(caller, "/api/charge_windows", "charge_windows", frequency="Day", numbers=[1])
    basket_id = await _posted(
        caller,
        "/api/charge_baskets",
        "charge_baskets",
        account_id=int(account["id"]),
        charge_card_id=card_id,
        start_at="2026-06-01T00:00:00Z",
    )
    await _posted(
        caller,
        "/api/charge_lines",
        "charge_lines",
        charge_basket_id=basket_id,
        code="ADMIN",
        name="Admin fee",
        charge_type="SUNDRY",
    )
    await _invoiced_basket(caller, int(account["id"]), card_id)


async def _invoiced_basket(caller: Caller, account_id: int, card_id: int) -> None:
    """A closed basket with a line, invoiced."""
    basket_id = await _posted(
        caller,
        "/api/charge_baskets",
        "charge_baskets",
        account_id=account_id,
        charge_card_id=card_id,
        start_at="2026-05-01T00:00:00Z",
    )
    await _posted(
        caller,
        "/api/charge_lines",
        "charge_lines",
        charge_basket_id=basket_id,
        code="SETUP",
        name="Setup fee",
        charge_type="SUNDRY",
        price=25,
    )
    closing = await caller.patch(
        f"/api/charge_baskets/{basket_id}", resource_body("charge_baskets", status="CLOSED")
    )
    assert closing.status_code == 200, closing.text
    invoiced = await caller.http.post(
        "/api/charge_baskets/generate_invoice", json={"ids": [basket_id]}, headers=caller.headers()
    )
    assert invoiced.status_code == 200, invoiced.text


async def _handheld(caller: Caller, db: Database) -> None:
    """An HHD flow, and a user's handheld profile (written through the domain: the contract
    only lists them)."""
    await _posted(
        caller,
        "/api/rf/flows",
        "rf_flows",
        code="PICK",
        name="Pick",
        flow_type="task",
        implementation_id=1,
    )
    user = await create_user(caller, email="handheld@example.com")
    async with db.write_session() as session:
        await create_rf_user(
            session, tenant_id=caller.tenant_id, user_id=int(user["id"]), username="rf1", name="RF"
        )


async def _assistant_write(db: Database, tenant_id: int) -> None:
    """A write logged as an MCP tool's, written directly (rest_query writes the log, and needs
    an MCP session): as the tenant's first API client's user."""
    async with db.write_session() as session:
        client = (
            await session.execute(
                select(api_clients.c.id, api_clients.c.user_id)
                .where(api_clients.c.tenant_id == tenant_id)
                .order_by(api_clients.c.id)
                .limit(1)
            )
        ).one()
        principal = Principal(tenant_id, "", client.id, client.user_id, frozenset())
        await record_write(
            session,
            principal=principal,
            tool="rest_query",
            method="PATCH",
            path="/api/goods_outs/1",
            record_ids=["1"],
            status_code=200,
            now=utcnow(),
        )
