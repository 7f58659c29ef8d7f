from __future__ import annotations

from clarus.core.db import Database
from tests.auth.test_users import create_user
from tests.inbound.receiving import dock, receive_task, received_receipt, task_body, tasks_of
from tests.support import ApiClientFactory, Caller, assert_refused


async def two_receive_tasks(caller: Caller) -> tuple[int, list[str]]:
    where = await dock(caller)
    receipt = await received_receipt(
        caller, where, {"expected_quantity": 1}, {"expected_quantity": 2}
    )
    return receipt["id"], [task["id"] for task in await tasks_of(caller, receipt["id"])]


async def holders(caller: Caller, receipt_id: int) -> list[tuple[str, str | None, bool]]:
    return [
        (task["status"], task["user_id"], task["assigned_at"] is not None)
        for task in await tasks_of(caller, receipt_id)
    ]


async def test_allocate_and_unallocate_one_or_many(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    receipt_id, (first, second) = await two_receive_tasks(caller)
    picker = await create_user(caller, "picker@example.com")
    response = await caller.post(f"/api/tasks/{first}/allocate", {"user_id": picker["id"]})
    assert response.status_code == 204, response.text
    assert response.content == b""
    assert await holders(caller, receipt_id) == [
        ("ALLOCATED", str(picker["id"]), True),
        ("AVAILABLE", None, False),
    ]
    response = await caller.post("/api/tasks/allocate", {"ids": [int(first), int(second)]})
    assert response.status_code == 204, response.text
    mine = await tasks_of(caller, receipt_id)
    assert len({task["user_id"] for task in mine}) == 1
    assert mine[0]["user_id"] != str(picker["id"])
    response = await caller.patch(f"/api/tasks/{first}/unallocate", None)
    assert response.status_code == 204, response.text
    response = await caller.patch("/api/tasks/unallocate", {"ids": [int(second)]})
    assert response.status_code == 204, response.text
    assert await holders(caller, receipt_id) == [("AVAILABLE", None, False)] * 2


async def test_task_actions_refuse_what_the_contract_refuses(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    receipt_id, (first, second) = await two_receive_tasks(caller)
    assert len(await tasks_of(caller, receipt_id)) == 2
    picker = await create_user(caller, "picker@example.com")
    await caller.post(f"/api/tasks/{first}/allocate", {"user_id": picker["id"]})
    for action in ("enter", "exit"):
        [error] = await assert_refused(
            caller,
            db,
            "POST",
            f"/api/tasks/{first}/{action}",
            None,
            symbol="task_allocated_to_another_user",
            pointer=None,
        )
        assert error["context"] == {"user_id": picker["id"]}
    await assert_refused(
        caller,
        db,
        "PATCH",
        f"/api/tasks/{first}",
        task_body(notes="mine now"),
        symbol="task_allocated_to_another_user",
        pointer=None,
    )
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/tasks/allocate",
        {"ids": []},
        symbol="empty_ids_provided",
        pointer="/ids",
    )
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        "/api/tasks/allocate",
        {"ids": [int(second), 999999]},
        symbol="invalid_ids_provided",
        pointer="/ids",
    )
    assert error["context"]["invalid_ids"] == [999999]
    await assert_refused(
        caller,
        db,
        "POST",
        f"/api/tasks/{second}/allocate",
        {"user_id": 999999},
        symbol="reference_not_found",
        pointer="/user_id",
    )
    await receive_task(caller, second)
    for method, path, body in (
        ("POST", f"/api/tasks/{second}/allocate", None),
        ("POST", f"/api/tasks/{second}/enter", None),
        ("PATCH", f"/api/tasks/{second}/unallocate", None),
        ("PATCH", "/api/tasks/unallocate", {"ids": [int(second)]}),
    ):
        await assert_refused(
            caller,
            db,
            method,
            path,
            body,
            symbol="status_forbids_change",
            pointer="/ids" if path.endswith("/unallocate") and "ids" in (body or {}) else None,
        )
    other = await clients.new()
    response = await other.post(f"/api/tasks/{first}/enter", None)
    assert response.status_code == 404, response.text


async def test_entering_claims_an_available_task_and_exiting_releases_it(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    receipt_id, (first, _second) = await two_receive_tasks(caller)
    response = await caller.post(f"/api/tasks/{first}/enter", None)
    assert response.status_code == 204, response.text
    [entered] = [task for task in await tasks_of(caller, receipt_id) if task["id"] == first]
    assert entered["status"] == "ALLOCATED"
    assert None not in (entered["user_id"], entered["assigned_at"], entered["start_at"])
    assert entered["last_accessed_at"] is not None
    response = await caller.post(f"/api/tasks/{first}/enter", None)
    assert response.status_code == 204, response.text
    response = await caller.post(f"/api/tasks/{first}/exit", None)
    assert response.status_code == 204, response.text
    [left] = [task for task in await tasks_of(caller, receipt_id) if task["id"] == first]
    assert (left["status"], left["user_id"], left["assigned_at"], left["start_at"]) == (
        "AVAILABLE",
        None,
        None,
        None,
    )
    assert left["last_accessed_at"] is not None
