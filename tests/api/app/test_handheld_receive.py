"""Receiving on the handheld: the receipt's reference scanned, then each product by its code, an
alternative code or a GS1-128 barcode, with the quantity typed; every wrong scan a message."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from decimal import Decimal

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from clarus.catalog.gs1 import Gs1Fields, encode_gs1
from clarus.core.db import Database
from clarus.inventory.tables import stocks
from tests.api.app.handheld import Handheld, error_of, notice_of
from tests.api.app.support import browser, new_app_user, signed_in
from tests.inbound.receiving import dock, new_receipt, tasks_of
from tests.support import ApiClientFactory, Caller, resource_body


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def product_code(caller: Caller, product_id: int) -> str:
    result = await caller.graphql(
        "query($filter: ProductsFilterType) { products { all(filter: $filter) {"
        " edges { node { code } } } } }",
        {"filter": {"id": {"eq": str(product_id)}}},
    )
    return str(result["data"]["products"]["all"]["edges"][0]["node"]["code"])


async def receipt_status(caller: Caller, receipt_id: int) -> str:
    result = await caller.graphql(
        "query($filter: InboundGoodFilterType) { goods_in_receipts { all(filter: $filter)"
        " { edges { node { status } } } } }",
        {"filter": {"id": {"eq": str(receipt_id)}}},
    )
    return str(result["data"]["goods_in_receipts"]["all"]["edges"][0]["node"]["status"])


async def operator_handheld(
    http: httpx.AsyncClient, clients: ApiClientFactory, db: Database, caller: Caller
) -> Handheld:
    operator = await new_app_user(clients, db, permissions=("write",), caller=caller)
    await signed_in(http, operator)
    return Handheld(http, operator)


async def test_a_receipt_is_received_by_scanning(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await new_receipt(caller, where, {"expected_quantity": 5}, reference="PO-7")
    handheld = await operator_handheld(http_browser, clients, db, caller)
    screen = await handheld.scan("receive", reference="PO-7")
    assert screen.status_code == 200
    assert str(screen.url).endswith(f"/handheld/receive/{receipt['id']}")
    assert "Scan the product" in screen.text
    code = await product_code(caller, where.stock.product_id)
    received = await handheld.scan(f"receive/{receipt['id']}", scan=code, quantity="3")
    assert notice_of(received) == f"Received 3 of {code}."
    [rcv] = await tasks_of(caller, receipt["id"], task_type_code="RCV")
    assert (rcv["status"], rcv["confirmed_quantity"]) == ("COMPLETED", 3)
    [pway] = await tasks_of(caller, receipt["id"], task_type_code="PWAY")
    assert pway["start_quantity"] == 3
    again = await handheld.scan(f"receive/{receipt['id']}", scan=code, quantity="2")
    assert error_of(again) == f"Nothing is left to receive of {code} on this receipt."


async def test_a_gs1_128_barcode_names_the_product(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    gtin = "09506000134352"
    changed = await caller.patch(
        f"/api/products/{where.stock.product_id}",
        {"data": {"type": "products", "attributes": {"barcode": gtin}}},
    )
    assert changed.status_code == 200, changed.text
    receipt = await new_receipt(caller, where, {"expected_quantity": 4}, reference="PO-8")
    handheld = await operator_handheld(http_browser, clients, db, caller)
    await handheld.scan("receive", reference="PO-8")
    scan = encode_gs1(Gs1Fields(gtin=gtin, batch="LOT-1"))
    received = await handheld.scan(f"receive/{receipt['id']}", scan=scan, quantity="4")
    assert error_of(received) is None, received.text
    [rcv] = await tasks_of(caller, receipt["id"], task_type_code="RCV")
    assert rcv["status"] == "COMPLETED"


async def test_wrong_scans_are_messages_and_change_nothing(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await new_receipt(caller, where, {"expected_quantity": 5}, reference="PO-9")
    handheld = await operator_handheld(http_browser, clients, db, caller)
    unknown = await handheld.scan("receive", reference="PO-404")
    assert unknown.status_code == 422
    assert error_of(unknown) == "No receipt awaited has the reference PO-404."
    await handheld.scan("receive", reference="PO-9")
    path = f"receive/{receipt['id']}"
    code = await product_code(caller, where.stock.product_id)
    wrong = await handheld.scan(path, scan="NOT-A-PRODUCT", quantity="1")
    assert error_of(wrong) == "No product has the code NOT-A-PRODUCT."
    malformed = await handheld.scan(path, scan="]C101095060001343", quantity="1")
    assert malformed.status_code == 422
    assert (error_of(malformed) or "").startswith("The scan is not GS1")
    no_quantity = await handheld.scan(path, scan=code, quantity="0")
    assert error_of(no_quantity) == "Type a quantity above 0."
    [rcv] = await tasks_of(caller, receipt["id"], task_type_code="RCV")
    assert rcv["status"] == "AVAILABLE"


async def test_another_tenants_receipt_answers_like_a_missing_one(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    owner, caller = await clients.new(), await clients.new()
    where = await dock(owner)
    theirs = await new_receipt(owner, where, {"expected_quantity": 5}, reference="PO-X")
    handheld = await operator_handheld(http_browser, clients, db, caller)
    by_reference = await handheld.scan("receive", reference="PO-X")
    assert error_of(by_reference) == "No receipt awaited has the reference PO-X."
    their_page = await http_browser.get(handheld.url(f"receive/{theirs['id']}"))
    missing_page = await http_browser.get(handheld.url("receive/999999999"))
    assert their_page.status_code == missing_page.status_code == 404
    assert their_page.text == missing_page.text
    assert await receipt_status(owner, theirs["id"]) == "pending"


async def test_a_scan_posted_without_its_form_token_is_refused(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await new_receipt(caller, where, {"expected_quantity": 5}, reference="PO-C")
    handheld = await operator_handheld(http_browser, clients, db, caller)
    refused = await http_browser.post(handheld.url("receive"), data={"reference": "PO-C"})
    assert refused.status_code == 403
    assert await receipt_status(caller, receipt["id"]) == "pending"


async def stock_details(db: Database, tenant_id: int) -> list[tuple[str | None, object, Decimal]]:
    """(batch, best-before, quantity) of the tenant's stock records, by batch."""
    async with db.read_session() as session:
        statement = (
            select(stocks.c.string1, stocks.c.datetime2, stocks.c.quantity)
            .where(stocks.c.tenant_id == tenant_id, stocks.c.quantity > 0)
            .order_by(stocks.c.string1)
        )
        return [
            (row.string1, None if row.datetime2 is None else row.datetime2.date(), row.quantity)
            for row in await session.execute(statement)
        ]


async def test_a_line_with_a_batch_and_date_asks_for_them_and_they_choose_the_line(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    gtin = "09506000134352"
    changed = await caller.patch(
        f"/api/products/{where.stock.product_id}",
        {"data": {"type": "products", "attributes": {"barcode": gtin}}},
    )
    assert changed.status_code == 200, changed.text
    receipt = await new_receipt(
        caller,
        where,
        {"expected_quantity": 5, "string1": "LOT-A", "datetime2": "2027-01-31T00:00:00Z"},
        {"expected_quantity": 5, "string1": "LOT-B", "datetime2": "2027-06-30T00:00:00Z"},
        reference="PO-B",
    )
    handheld = await operator_handheld(http_browser, clients, db, caller)
    await handheld.scan("receive", reference="PO-B")
    path = f"receive/{receipt['id']}"
    code = await product_code(caller, where.stock.product_id)

    asked = await handheld.scan(path, scan=code, quantity="2")
    assert asked.status_code == 200
    assert notice_of(asked) == f"{code} is received by batch and dates: scan or type them."
    assert re.search(r'id="batch"[^>]*\n[^>]*autofocus', asked.text), asked.text
    assert 'id="best_before"' in asked.text
    assert 'id="sell_by"' not in asked.text
    assert f'value="{code}"' in asked.text
    wrong_details = [
        (
            {"batch": "LOT-B", "best_before": "30/06/2027"},
            "30/06/2027 is not a date: type it as YYYY-MM-DD.",
        ),
        (
            {"batch": "LOT-C", "best_before": "2027-06-30"},
            f"This receipt expects no {code} of batch LOT-C, best before 2027-06-30. It expects"
            " batch LOT-A, best before 2027-01-31 or batch LOT-B, best before 2027-06-30.",
        ),
        (
            {"batch": "LOT-B", "best_before": "2027-01-31"},
            f"This receipt expects no {code} of batch LOT-B, best before 2027-01-31. It expects"
            " batch LOT-A, best before 2027-01-31 or batch LOT-B, best before 2027-06-30.",
        ),
    ]
    for details, message in wrong_details:
        refused = await handheld.scan(path, scan=code, quantity="2", **details)
        assert (refused.status_code, error_of(refused)) == (422, message)
    assert [task["status"] for task in await tasks_of(caller, receipt["id"])] == ["AVAILABLE"] * 2

    typed = await handheld.scan(
        path, scan=code, quantity="2", batch="LOT-B", best_before="2027-06-30"
    )
    assert notice_of(typed) == f"Received 2 of {code}: batch LOT-B, best before 2027-06-30."
    scan = encode_gs1(Gs1Fields(gtin=gtin, batch="LOT-A", expiry_date=dt.date(2027, 1, 31)))
    scanned = await handheld.scan(path, scan=scan, quantity="5")
    assert notice_of(scanned) == f"Received 5 of {code}: batch LOT-A, best before 2027-01-31."
    received = await tasks_of(caller, receipt["id"], task_type_code="RCV")
    assert [(task["status"], task["confirmed_quantity"]) for task in received] == [
        ("COMPLETED", 5),
        ("COMPLETED", 2),
    ]
    assert await stock_details(db, caller.tenant_id) == [
        ("LOT-A", dt.date(2027, 1, 31), Decimal(5)),
        ("LOT-B", dt.date(2027, 6, 30), Decimal(2)),
    ]


async def test_a_flow_without_the_batch_and_dates_steps_receives_without_asking(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    steps = [{"step": "receipt"}, {"step": "product"}, {"step": "quantity", "input": "type"}]
    flow = await caller.post(
        "/api/rf/flows",
        resource_body(
            "rf_flows",
            code="RCV_PLAIN",
            name="Receive without batch",
            flow_type="standard",
            implementation_id=1,
            is_default=True,
            definition={"steps": steps},
        ),
    )
    assert flow.status_code == 200, flow.text
    receipt = await new_receipt(
        caller, where, {"expected_quantity": 5, "string1": "LOT-A"}, reference="PO-P"
    )
    handheld = await operator_handheld(http_browser, clients, db, caller)
    await handheld.scan("receive", reference="PO-P")
    code = await product_code(caller, where.stock.product_id)
    received = await handheld.scan(f"receive/{receipt['id']}", scan=code, quantity="5")
    assert notice_of(received) == f"Received 5 of {code}: batch LOT-A.", received.text
    assert 'id="batch"' not in received.text
    assert await stock_details(db, caller.tenant_id) == [("LOT-A", None, Decimal(5))]
