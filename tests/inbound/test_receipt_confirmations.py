from __future__ import annotations

from clarus.core.db import Database
from tests.inbound.receiving import dock, receive_task, received_receipt, tasks_of
from tests.support import ApiClientFactory, refused


async def test_a_completed_receive_task_exports_its_confirmation(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    receipt = await received_receipt(caller, where, {"expected_quantity": 12, "string1": "LOT-7"})
    [rcv] = await tasks_of(caller, receipt["id"])
    path = f"/api/tasks/{rcv['id']}/export_receipt_task_confirmation"
    assert await refused(caller, db, "GET", path) == [("status_forbids_change", None)]
    await receive_task(caller, rcv["id"], confirmed_quantity=11)
    response = await caller.http.get(path, headers=caller.headers())
    assert response.status_code == 200, response.text
    document = response.json()
    assert document == {
        **document,
        "task_id": int(rcv["id"]),
        "status": "COMPLETED",
        "confirmed_quantity": 11.0,
        "expected_quantity": 12.0,
        "location_code": "GOODS-IN",
        "goods_in_receipt_id": receipt["id"],
        "batch": "LOT-7",
    }
    assert document["completed_at"].endswith("Z")
    [pway] = await tasks_of(caller, receipt["id"], task_type_code="PWAY")
    pway_path = f"/api/tasks/{pway['id']}/export_receipt_task_confirmation"
    assert await refused(caller, db, "GET", pway_path) == [("status_forbids_change", None)]
    stranger = await clients.new()
    assert (await stranger.http.get(path, headers=stranger.headers())).status_code == 404
