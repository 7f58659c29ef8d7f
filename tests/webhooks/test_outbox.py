"""Only committed changes are announced: the events of a request that fails after part of its
work was written go with the rollback, and no webhook ever carries them."""

from __future__ import annotations

from clarus.core.db import Database
from clarus.webhooks.worker import WebhookWorker
from tests.inbound.receiving import awaiting_putaway, dock
from tests.support import ApiClientFactory, events_of
from tests.webhooks.fakes import FakeDirectory
from tests.webhooks.helpers import drain
from tests.webhooks.receiver import Receiver

COMPLETE = "/api/tasks/complete_collection"


async def test_a_request_refused_half_way_sends_nothing(
    clients: ApiClientFactory,
    db: Database,
    directory: FakeDirectory,
    receiver: Receiver,
    worker: WebhookWorker,
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    await awaiting_putaway(caller, where, 5)
    await awaiting_putaway(caller, where, 2)
    for resource_name, event in (("putaway_task", "completed"), ("stock", "moved")):
        directory.add(caller.tenant_id, resource_name, event, receiver.url)
    await drain(worker)
    before = await events_of(db, caller.tenant_id)

    # The first put-away (5 units) can put 3 away; the second (2 units) cannot: the request is
    # refused after the first one's stock moved and its events were written.
    body = {
        "warehouse_id": where.stock.warehouse_id,
        "task_type_code": "PWAY",
        "filters": {"location_from_id": where.bay_id},
        "attributes": {"location_to_id": where.shelf_id, "confirmed_quantity": 3},
    }
    response = await caller.post(COMPLETE, body)

    assert response.status_code == 422, response.text
    assert await events_of(db, caller.tenant_id) == before
    assert await drain(worker) == []
    assert receiver.received == []
    fits_both = {**body, "attributes": {**body["attributes"], "confirmed_quantity": 2}}
    assert (await caller.post(COMPLETE, fits_both)).status_code == 204
    await drain(worker)
    assert len(receiver.received) == 2 * 3  # per put-away: its task, and the stock on each side
