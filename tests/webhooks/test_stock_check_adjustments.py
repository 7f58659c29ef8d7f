"""A stock check resolved with a reason code posts its variance as stock adjustments, and
automations on `stock` `positively_adjusted` / `negatively_adjusted` send them to a real
receiver with the quantities adjusted and the records' new quantities."""

from __future__ import annotations

import dataclasses
import json

from clarus.core.db import Database
from clarus.webhooks.directory import AutomationDirectory
from tests.catalog import factories as catalog
from tests.inventory.test_stock_actions import add_stock
from tests.stockcontrol.stock_checks import (
    by_product,
    complete,
    count,
    create_check,
    resolve,
    stock_check_reason,
)
from tests.support import TEST_SECRET_BOX, ApiClientFactory, unique_code
from tests.webhooks.conftest import WorkerFactory
from tests.webhooks.helpers import deliveries_of, drain
from tests.webhooks.receiver import Receiver
from tests.webhooks.test_stock_adjustments import adjustment, coded_place, watching


async def test_a_resolved_stock_check_fires_the_adjustment_webhooks_with_the_quantities(
    private_clients: ApiClientFactory,
    db: Database,
    receiver: Receiver,
    make_worker: WorkerFactory,
) -> None:
    caller = await private_clients.new()
    codes = {
        "account": unique_code("ACC"),
        "product": unique_code("SKU"),
        "warehouse": unique_code("WH"),
    }
    where = await coded_place(caller, codes)
    other_code = unique_code("SKU")
    other = dataclasses.replace(
        where, product_id=int((await catalog.product(caller, code=other_code))["id"])
    )
    short = await add_stock(caller, where, 10)
    long = await add_stock(caller, other, 4)
    worker = make_worker(directory=AutomationDirectory(TEST_SECRET_BOX))
    await drain(worker)
    for event in ("positively_adjusted", "negatively_adjusted"):
        await watching(caller, event, where.account_id, receiver.url)
    check = await create_check(caller, where.location_id)
    await count(caller, check["stock_check_id"], where.product_id, 7)
    await count(caller, check["stock_check_id"], other.product_id, 6.5)
    completed = by_product(await complete(caller, check["stock_check_id"]))
    await resolve(
        caller,
        [completed[where.product_id]["id"], completed[other.product_id]["id"]],
        await stock_check_reason(caller),
    )
    await drain(worker)

    bodies = sorted(
        (json.loads(request.body) for request in receiver.received),
        key=lambda body: body["data"]["id"],
    )
    assert [(body["resource_name"], body["event"]) for body in bodies] == [
        ("stock", "negatively_adjusted"),
        ("stock", "positively_adjusted"),
    ]
    account = {"id": where.account_id, "code": codes["account"]}
    warehouse = {"id": where.warehouse_id, "code": codes["warehouse"]}
    linked = {"account_id": where.account_id, "warehouse_id": where.warehouse_id}
    assert [adjustment(body) for body in bodies] == [
        {
            "id": short["id"],
            **linked,
            "product_id": where.product_id,
            "account": account,
            "product": {"id": where.product_id, "code": codes["product"]},
            "warehouse": warehouse,
            "quantity": -3.0,
            "new_quantity": 7.0,
        },
        {
            "id": long["id"],
            **linked,
            "product_id": other.product_id,
            "account": account,
            "product": {"id": other.product_id, "code": other_code},
            "warehouse": warehouse,
            "quantity": 2.5,
            "new_quantity": 6.5,
        },
    ]
    assert [delivery["status"] for delivery in await deliveries_of(db, caller.tenant_id)] == [
        "succeeded"
    ] * 2
