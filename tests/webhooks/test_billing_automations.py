"""Automations on billing (ours, issue 18): a charge basket closed and an invoice generated
reach a real local receiver with the records (amounts as JSON numbers, as the outbox holds
them); another tenant's never do;
the events billing does not have are refused."""

from __future__ import annotations

import json
from decimal import Decimal

from clarus.core.db import Database
from clarus.webhooks.directory import AutomationDirectory
from tests.billing.activity import a_month_of_activity, closed_basket
from tests.shipping.test_transport_webhooks import watch
from tests.support import TEST_SECRET_BOX, ApiClientFactory, refused
from tests.webhooks.conftest import WorkerFactory
from tests.webhooks.helpers import drain
from tests.webhooks.receiver import Receiver
from tests.webhooks.support import automation_body, webhook_action


async def test_a_closed_basket_and_its_invoice_reach_the_receiver(
    private_clients: ApiClientFactory,
    db: Database,
    receiver: Receiver,
    make_worker: WorkerFactory,
) -> None:
    caller = await private_clients.new()
    stranger = await private_clients.new()
    await watch(caller, "charge_basket", "closed", receiver.url)
    await watch(caller, "invoice", "generated", receiver.url)
    billed = await a_month_of_activity(caller)
    basket_id = int(await closed_basket(caller, billed))
    generated = await caller.http.post(
        "/api/charge_baskets/generate_invoice", json={"ids": [basket_id]}, headers=caller.headers()
    )
    assert generated.status_code == 200, generated.text
    [invoice] = generated.json()["data"]
    await closed_basket(stranger, await a_month_of_activity(stranger))

    await drain(make_worker(directory=AutomationDirectory(TEST_SECRET_BOX)))
    bodies = {
        (body["resource_name"], body["event"]): body["data"]
        for body in (json.loads(request.body) for request in receiver.received)
    }
    assert sorted(bodies) == [("charge_basket", "closed"), ("invoice", "generated")]
    basket = bodies[("charge_basket", "closed")]
    assert (basket["id"], basket["status"], basket["account_id"]) == (
        basket_id,
        "CLOSED",
        billed.account_id,
    )
    sent_invoice = bodies[("invoice", "generated")]
    assert sent_invoice["id"] == int(invoice["id"])
    assert sent_invoice["document_number"] == invoice["attributes"]["document_number"]
    assert Decimal(str(sent_invoice["gross_total"])) == Decimal(
        invoice["attributes"]["gross_total"]
    )
    assert "pdf" not in sent_invoice
    assert "tenant_id" not in sent_invoice


async def test_an_event_billing_does_not_have_is_refused(
    private_clients: ApiClientFactory, db: Database
) -> None:
    caller = await private_clients.new()
    for resource_name, event in (("charge_basket", "generated"), ("invoice", "closed")):
        automation = automation_body(
            resource_name=resource_name,
            event=event,
            conditions_changes=[],
            actions_changes=[webhook_action()],
        )
        errors = await refused(caller, db, "POST", "/api/automations", automation)
        assert [pointer for _symbol, pointer in errors] == ["/data/attributes/event"], errors
