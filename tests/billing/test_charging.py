"""Charge lines from a month of real activity, baskets and invoices, through HTTP only."""

from __future__ import annotations

import io
import re
from collections import Counter
from decimal import Decimal

from pypdf import PdfReader

from clarus.core.db import Database
from tests.billing.activity import (
    DAYS,
    a_month_of_activity,
    basket_lines,
    charge_all_events,
    closed_basket,
    storage_run,
)
from tests.support import ApiClientFactory, events_of


async def test_a_month_is_charged_and_invoiced_to_the_cent(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    billed = await a_month_of_activity(caller)
    basket_id = await closed_basket(caller, billed)
    lines = await basket_lines(caller, basket_id)
    by_code = Counter(line["code"] for line in lines)
    assert by_code == {"RCV": 1, "RCV-UNIT": 1, "PICK-UNIT": 2, "ORDER": 2, "STORE": DAYS}
    totals = sorted((line["code"], line["total"]) for line in lines if line["code"] != "STORE")
    assert totals == [
        ("ORDER", 1.99),
        ("ORDER", 1.99),
        ("PICK-UNIT", 0.9),
        ("PICK-UNIT", 1.35),
        ("RCV", 12.5),
        ("RCV-UNIT", 1.5),
    ]
    storage = {(line["quantity"], line["total"], line["tax_rate"]) for line in lines}
    assert (1.0, 0.33, 5.0) in storage
    response = await caller.http.post(
        "/api/charge_baskets/generate_invoice",
        json={"ids": [int(basket_id)]},
        headers=caller.headers(),
    )
    assert response.status_code == 200, response.text
    [invoice] = response.json()["data"]
    attributes = invoice["attributes"]
    net_standard = Decimal("12.50") + Decimal("1.50") + Decimal("2.25") + 2 * Decimal("1.99")
    net_reduced = DAYS * Decimal("0.33")
    tax = Decimal("4.05") + Decimal("0.50")
    assert net_standard * Decimal("0.20") == Decimal("4.0460")
    assert net_reduced * Decimal("0.05") == Decimal("0.4950")
    assert (attributes["net_total"], attributes["tax_total"], attributes["gross_total"]) == (
        30.13,
        4.55,
        34.68,
    )
    assert net_standard + net_reduced == Decimal("30.13")
    assert tax == Decimal("4.55")
    assert attributes["taxes"] == [
        {"rate": 5.0, "net": 9.9, "tax": 0.5},
        {"rate": 20.0, "net": 20.23, "tax": 4.05},
    ]
    assert (attributes["id"], attributes["tax_status"], attributes["reference"]) == (
        int(invoice["id"]),
        "tax_exclusive",
        None,
    )
    assert invoice["relationships"]["account"]["data"] == {
        "id": str(billed.account_id),
        "type": "accounts",
    }
    assert attributes["document_number"] == "INV-000001"
    assert attributes["status"] == "draft"
    assert {line["invoice_id"] for line in await basket_lines(caller, basket_id)} == {invoice["id"]}
    pdf = await caller.http.get(f"/api/ar_documents/{invoice['id']}/pdf", headers=caller.headers())
    assert pdf.headers["content-type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Invoice INV-000001" in text
    assert "Total 34.68" in text
    stranger = await clients.new()
    answers = [
        await stranger.http.get(f"/api/ar_documents/{record_id}/pdf", headers=stranger.headers())
        for record_id in (invoice["id"], 987654321)
    ]
    assert [answer.status_code for answer in answers] == [404, 404]
    theirs, missing = (answer.text for answer in answers)
    assert re.sub(rf"\b{invoice['id']}\b", "<id>", theirs) == missing.replace("987654321", "<id>")
    names = [(e["resource_name"], e["event"]) for e in await events_of(db, caller.tenant_id)]
    assert ("charge_basket", "closed") in names
    assert ("invoice", "generated") in names


async def test_replays_and_reruns_write_nothing_twice(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    billed = await a_month_of_activity(caller)
    assert await storage_run(caller, billed.first_day) == 0
    assert await charge_all_events(caller) == 0
    basket_id = await closed_basket(caller, billed)
    assert len(await basket_lines(caller, basket_id)) == 6 + DAYS
