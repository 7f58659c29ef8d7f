"""The whole path, as an integrator sees it: an automation made through the API, orders of two
accounts fulfilled through the warehouse operations, and the one matching dispatch posted to a
real receiver, signed so that the `standardwebhooks` package verifies it."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from typing import Any

import pytest
from standardwebhooks import Webhook

from clarus.core.db import Database
from clarus.webhooks.directory import AutomationDirectory
from tests.inbound.receiving import Dock, dock
from tests.outbound.test_fulfilment import (
    PROCESS,
    complete_task,
    goods_out_bay,
    new_order,
    order_tasks,
    stocked,
)
from tests.support import TEST_SECRET_BOX, ApiClientFactory, Caller
from tests.webhooks.conftest import WorkerFactory
from tests.webhooks.helpers import deliveries_of, drain
from tests.webhooks.receiver import Receiver
from tests.webhooks.support import automation_body, condition, webhook_action


async def dispatched(caller: Caller, where: Dock, reference: str, quantity: float) -> Any:
    """An order of the dock's account, processed, picked and (auto) dispatched over HTTP."""
    order = await new_order(caller, where, quantity, reference=reference)
    assert (await caller.post(PROCESS, {"ids": [order["id"]]})).status_code == 200
    for pick in await order_tasks(caller, order["id"], "PICK"):
        await complete_task(caller, pick["id"])
    return order


async def test_a_dispatch_of_the_watched_account_is_posted_once_and_signed(
    private_clients: ApiClientFactory,
    db: Database,
    receiver: Receiver,
    make_worker: WorkerFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    caller = await private_clients.new()
    watched = await dock(caller)
    other_account = await caller.create_account()
    other = replace(watched, stock=replace(watched.stock, account_id=int(other_account["id"])))
    await goods_out_bay(caller, watched)
    for where in (watched, other):
        await stocked(caller, where, 10)
    response = await caller.post(
        "/api/automations",
        automation_body(
            conditions_changes=[condition("data.account_id", "eq", str(watched.stock.account_id))],
            actions_changes=[webhook_action(receiver.url, "POST")],
        ),
    )
    assert response.status_code == 200, response.text
    automation = response.json()["data"]
    secret = automation["attributes"]["actions"][0]["webhook_secret"]

    sent = await dispatched(caller, watched, "SO-WATCHED", 4)
    await dispatched(caller, other, "SO-OTHER", 3)
    await drain(make_worker(directory=AutomationDirectory(TEST_SECRET_BOX)))

    [request] = receiver.received
    body = json.loads(request.body)
    assert (body["resource_name"], body["event"], body["subdomain"]) == (
        "goods_out",
        "completed",
        caller.subdomain,
    )
    order = body["data"]
    assert (order["id"], order["reference"], order["goods_out_status_id"]) == (
        sent["id"],
        "SO-WATCHED",
        6,
    )
    assert order["actual_date_of_dispatch"] is not None
    assert [
        (line["order_quantity"], line["pick_quantity"], line["dispatch_quantity"])
        for line in order["lines"]
    ] == [(4.0, 4.0, 4.0)]
    headers = request.headers
    assert headers["X-ClarusWMS-Subdomain"] == caller.subdomain
    assert headers["X-ClarusWMS-Automation-ID"] == str(automation["id"])
    assert headers["X-ClarusWMS-Domain"] == "127.0.0.1:8000"
    assert headers["X-ClarusWMS-API-Domain"] == "127.0.0.1:8000"
    assert "X-ClarusWMS-Integration-ID" not in headers
    assert Webhook(secret).verify(request.body, dict(headers)) == body
    [delivery] = await deliveries_of(db, caller.tenant_id)
    assert (delivery["status"], delivery["attempt_count"]) == ("succeeded", 1)
    assert caplog.records
    assert secret.removeprefix("whsec_") not in caplog.text
