"""Automations on billing (ours, issue 18): a charge basket closed and an invoice generated
reach a real local receiver with the records exactly as the REST answers show them (amounts as
JSON numbers); another tenant's never do;
the events billing does not have are refused."""

from __future__ import annotations

import json

from clarus.core.db import Database
from clarus.webhooks.directory import AutomationDirectory
from tests.billing.activity import a_month_of_activity, closed_basket
from tests.billing.factories import created
from tests.shipping.test_transport_webhooks import watch
from tests.support import TEST_SECRET_BOX, ApiClientFactory, refused, resource_body
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
    basket = await created(
        caller,
        "charge_baskets",
        account_id=billed.account_id,
        charge_card_id=billed.card_id,
        start_at=f"{billed.first_day.isoformat()}T00:00:00Z",
    )
    basket_id = int(basket["id"])
    closing = await caller.patch(
        f"/api/charge_baskets/{basket_id}", resource_body("charge_baskets", status="CLOSED")
    )
    assert closing.status_code == 200, closing.text
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
    sent_basket = bodies[("charge_basket", "closed")]
    assert sent_basket == {"id": basket_id, **closing.json()["data"]["attributes"]}
    assert (sent_basket["status"], sent_basket["account_id"]) == ("CLOSED", billed.account_id)
    sent_invoice = bodies[("invoice", "generated")]
    assert sent_invoice == invoice["attributes"]
    assert sent_invoice["id"] == int(invoice["id"])
    assert sent_invoice["gross_total"] == 34.68
    assert sent_invoice["taxes"][0] == {"rate": 5.0, "net": 9.9, "tax": 0.5}
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
