"""Stock checks through the REST API: a location counted short and long, completed, failed and
resolved with a reason code; the ledger holds exactly the variance."""

from __future__ import annotations

import dataclasses
from typing import Any

from clarus.core.db import Database
from tests.catalog import factories as catalog
from tests.inbound.factories import added
from tests.inventory.test_stock_actions import add_stock, assert_ledger_matches_stock, place
from tests.outbound.test_allocation import allocate, create_order
from tests.stockcontrol.stock_checks import (
    adjustments,
    by_product,
    check_body,
    complete,
    count,
    create_check,
    ledger_total,
    quantities,
    resolve,
    stock_check_reason,
)
from tests.support import ApiClientFactory, Caller, assert_refused, events_of, row_counts

TASK_QUERY = (
    "query($filter: TaskFilterType) { tasks { all(filter: $filter) { edges { node {"
    " id status task_type_code location_from_id account_id } } } } }"
)


async def task_of(caller: Caller, task_id: int) -> dict[str, Any]:
    result = await caller.graphql(TASK_QUERY, {"filter": {"id": {"eq": str(task_id)}}})
    [edge] = result["data"]["tasks"]["all"]["edges"]
    node: dict[str, Any] = edge["node"]
    return node


async def test_a_location_counted_short_and_long_is_failed_then_resolved_into_the_ledger(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    other_product = int((await catalog.product(caller))["id"])
    short = await add_stock(caller, where, 10, string1="LOT-1", datetime2="2027-03-01T00:00:00Z")
    long = await add_stock(caller, dataclasses.replace(where, product_id=other_product), 5)
    created = await create_check(caller, where.location_id)
    check_id = created["stock_check_id"]
    assert created["status"] == "pending"
    assert [
        (r["product_id"], r["batch"], r["best_before_date"], r["status"], r["system_count"])
        for r in created["records"]
    ] == [
        (where.product_id, "LOT-1", "2027-03-01", "uncounted", None),
        (other_product, None, None, "uncounted", None),
    ]
    task = await task_of(caller, created["task_id"])
    assert task == {
        "id": str(created["task_id"]),
        "status": "AVAILABLE",
        "task_type_code": "COUNT",
        "location_from_id": str(where.location_id),
        "account_id": str(where.account_id),
    }
    before = await row_counts(db, caller.tenant_id)
    again = await create_check(caller, where.location_id)
    assert (again["stock_check_id"], again["task_id"]) == (check_id, created["task_id"])
    assert await row_counts(db, caller.tenant_id) == before

    lot = {"batch": "LOT-1", "best_before_date": "2027-03-01"}
    first = await count(caller, check_id, where.product_id, 8, **lot)
    assert (first["attempt_result"], first["attempt_number"]) == ("failure", 1)
    assert by_product(first)[where.product_id]["system_count"] is None
    second = await count(caller, check_id, where.product_id, 7, **lot)
    assert (second["attempt_result"], second["attempt_number"]) == ("failure", 2)
    path = f"/api/stock_checks/{check_id}/record_attempt"
    body = {"data": {"attributes": {"product_id": where.product_id, "physical_count": 7, **lot}}}
    await assert_refused(
        caller,
        db,
        "POST",
        path,
        body,
        symbol="stock_check_attempts_exhausted",
        pointer="/data/attributes/product_id",
    )
    counted_long = await count(caller, check_id, other_product, 6)
    assert (counted_long["attempt_result"], counted_long["attempt_number"]) == ("failure", 1)

    completed = await complete(caller, check_id)
    assert completed["status"] == "failed"
    records = by_product(completed)
    assert [
        (r["status"], r["attempt_count"], r["physical_count"], r["system_count"], r["variance"])
        for r in (records[where.product_id], records[other_product])
    ] == [("failure", 2, 7.0, 10.0, -3.0), ("failure", 1, 6.0, 5.0, 1.0)]
    assert (await task_of(caller, created["task_id"]))["status"] == "COMPLETED"
    await assert_refused(
        caller, db, "POST", f"/api/stock_checks/{check_id}/complete", None,
        symbol="status_forbids_change", pointer=None,
    )  # fmt: skip

    reason_id = await stock_check_reason(caller)
    await resolve(caller, [r["id"] for r in completed["records"]], reason_id)
    assert await adjustments(db, caller.tenant_id) == [
        (long["id"], "POSITIVE_ADJUSTMENT", 1.0, reason_id),
        (short["id"], "NEGATIVE_ADJUSTMENT", -3.0, reason_id),
    ]
    stock = await quantities(db, caller.tenant_id)
    assert (stock[short["id"]], stock[long["id"]]) == ((7.0, 0.0), (6.0, 0.0))
    assert await ledger_total(db, caller.tenant_id, where.product_id) == 7
    assert await ledger_total(db, caller.tenant_id, other_product) == 6
    await assert_ledger_matches_stock(db, caller.tenant_id)
    events = [
        (e["resource_name"], e["event"], e["record_id"])
        for e in await events_of(db, caller.tenant_id)
        if e["resource_name"] == "stock_check" or e["event"].endswith("adjusted")
    ]
    assert events[-5:] == [
        ("stock_check", "created", check_id),
        ("stock_check", "completed", check_id),
        ("stock", "positively_adjusted", long["id"]),
        ("stock", "negatively_adjusted", short["id"]),
        ("stock_check", "resolved", check_id),
    ]
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/stock_checks/resolve",
        {"stock_check_record_ids": [completed["records"][0]["id"]], "reason_code_id": reason_id},
        symbol="stock_check_record_not_failed",
        pointer="/stock_check_record_ids/0",
    )
    after = await create_check(caller, where.location_id)
    assert after["stock_check_id"] != check_id


async def test_groups_left_uncounted_count_as_zero_and_an_exact_count_passes(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    stock = await add_stock(caller, where, 4)
    check = await create_check(caller, where.location_id)
    counted = await count(caller, check["stock_check_id"], where.product_id, 4)
    assert (counted["attempt_result"], counted["attempt_number"]) == ("success", 1)
    passed = await complete(caller, check["stock_check_id"])
    assert passed["status"] == "passed"
    assert [(r["system_count"], r["variance"]) for r in passed["records"]] == [(4.0, 0.0)]

    uncounted = await create_check(caller, where.location_id)
    failed = await complete(caller, uncounted["stock_check_id"])
    assert failed["status"] == "failed"
    [record] = failed["records"]
    assert (record["attempt_count"], record["physical_count"], record["variance"]) == (
        1,
        0.0,
        -4.0,
    )
    await resolve(caller, [record["id"]], await stock_check_reason(caller))
    assert (await quantities(db, caller.tenant_id))[stock["id"]] == (0.0, 0.0)
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_stock_the_location_was_not_known_to_hold_is_added_for_the_checks_account(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    await add_stock(caller, where, 2)
    stranger = int((await catalog.product(caller))["id"])
    check = await create_check(caller, where.location_id)
    found = await count(
        caller, check["stock_check_id"], stranger, 3, batch="B-9", sell_by_date="2027-01-15"
    )
    assert found["attempt_result"] == "failure"
    await count(caller, check["stock_check_id"], where.product_id, 2)
    completed = await complete(caller, check["stock_check_id"])
    record = by_product(completed)[stranger]
    assert (record["batch"], record["sell_by_date"], record["variance"]) == (
        "B-9",
        "2027-01-15",
        3.0,
    )
    await resolve(caller, [record["id"]], await stock_check_reason(caller))
    result = await caller.graphql(
        "query($filter: StockFilterType) { stocks { all(filter: $filter) { edges { node {"
        " quantity account_id location_id string1 datetime1 last_counted_at } } } } }",
        {"filter": {"product_id": {"eq": str(stranger)}}},
    )
    [edge] = result["data"]["stocks"]["all"]["edges"]
    assert edge["node"] == {
        "quantity": 3.0,
        "account_id": str(where.account_id),
        "location_id": str(where.location_id),
        "string1": "B-9",
        "datetime1": "2027-01-15T00:00:00Z",
        "last_counted_at": None,
    }
    await assert_ledger_matches_stock(db, caller.tenant_id)


async def test_completing_the_count_task_completes_its_check_and_stamps_the_location(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    await add_stock(caller, where, 6)
    check = await create_check(caller, where.location_id)
    response = await caller.patch(
        f"/api/tasks/{check['task_id']}",
        {"data": {"type": "tasks", "attributes": {"status": "completed"}}},
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"]["status"] == "COMPLETED"
    result = await caller.graphql(
        "query($filter: StockCheckFilterType) { stock_checks { all(filter: $filter) {"
        " total_count edges { node { id status completed_at records { variance status } } } } } }",
        {"filter": {"location_id": {"eq": str(where.location_id)}}},
    )
    [edge] = result["data"]["stock_checks"]["all"]["edges"]
    node = edge["node"]
    assert (node["id"], node["status"]) == (str(check["stock_check_id"]), "failed")
    assert node["records"] == [{"variance": -6.0, "status": "failure"}]
    located = await caller.graphql(
        "query($filter: LocationsFilterType) { locations { all(filter: $filter) { edges { node {"
        " last_counted_at } } } } }",
        {"filter": {"id": {"eq": str(where.location_id)}}},
    )
    [location] = located["data"]["locations"]["all"]["edges"]
    assert location["node"]["last_counted_at"] == node["completed_at"]
    stock = await caller.graphql("query { stocks { all { edges { node { last_counted_at } } } } }")
    [counted] = stock["data"]["stocks"]["all"]["edges"]
    assert counted["node"]["last_counted_at"] == node["completed_at"]
    await assert_refused(
        caller,
        db,
        "POST",
        f"/api/stock_checks/{check['stock_check_id']}/record_attempt",
        {"data": {"attributes": {"product_id": where.product_id, "physical_count": 6}}},
        symbol="status_forbids_change",
        pointer=None,
    )


async def test_refusals_change_nothing(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    where = await place(caller)
    await add_stock(caller, where, 3)
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/stock_checks",
        check_body(999_999),
        symbol="reference_not_found",
        pointer="/data/attributes/location_id",
    )
    naive = check_body(where.location_id, "2026-12-24T17:00:00")
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/stock_checks",
        naive,
        symbol="timezone_required",
        pointer="/data/attributes/expected_completion_date",
    )
    check = await create_check(caller, where.location_id)
    check_id = check["stock_check_id"]
    path = f"/api/stock_checks/{check_id}/record_attempt"
    await assert_refused(
        caller,
        db,
        "POST",
        path,
        {"data": {"attributes": {"product_id": 999_999, "physical_count": 1}}},
        symbol="reference_not_found",
        pointer="/data/attributes/product_id",
    )
    await assert_refused(
        caller,
        db,
        "POST",
        path,
        {"data": {"attributes": {"product_id": where.product_id, "physical_count": -1}}},
        symbol="out_of_range",
        pointer="/data/attributes/physical_count",
    )
    completed = await complete(caller, check_id)
    [record] = completed["records"]
    resolve_path = "/api/stock_checks/resolve"
    wrong_type = int(
        (
            await caller.create(
                "reason_codes",
                code="DMG",
                name="Damaged",
                description="Damaged",
                reason_type="negative_adjustment",
            )
        )["data"]["id"]
    )
    inactive = await stock_check_reason(caller, active=False)
    active = await stock_check_reason(caller)
    for body, symbol, pointer in [
        (
            {"stock_check_record_ids": [], "reason_code_id": inactive},
            "out_of_range",
            "/stock_check_record_ids",
        ),
        (
            {"stock_check_record_ids": [record["id"]], "reason_code_id": wrong_type},
            "invalid_value",
            "/reason_code_id",
        ),
        (
            {"stock_check_record_ids": [record["id"]], "reason_code_id": inactive},
            "reason_code_inactive",
            "/reason_code_id",
        ),
        (
            {"stock_check_record_ids": [record["id"]], "reason_code_id": 999_999},
            "reference_not_found",
            "/reason_code_id",
        ),
        (
            {"stock_check_record_ids": [record["id"]] * 2, "reason_code_id": active},
            "invalid_value",
            "/stock_check_record_ids/1",
        ),
    ]:
        await assert_refused(caller, db, "POST", resolve_path, body, symbol=symbol, pointer=pointer)
    await assert_refused(
        caller,
        db,
        "POST",
        resolve_path,
        {"stock_check_record_ids": [record["id"], 999_999], "reason_code_id": active},
        symbol="invalid_ids_provided",
        pointer="/stock_check_record_ids",
    )


async def test_another_tenants_checks_are_answered_as_missing(
    clients: ApiClientFactory, db: Database
) -> None:
    owner = await clients.new()
    where = await place(owner)
    await add_stock(owner, where, 3)
    check = await create_check(owner, where.location_id)
    stranger = await clients.new()
    other = await place(stranger)
    for path, body in [
        (
            f"/api/stock_checks/{check['stock_check_id']}/record_attempt",
            {"data": {"attributes": {"product_id": other.product_id, "physical_count": 1}}},
        ),
        (f"/api/stock_checks/{check['stock_check_id']}/complete", None),
    ]:
        response = await stranger.post(path, body)
        assert response.status_code == 404, response.text
        assert response.json()["errors"][0]["symbol"] == "record_not_found"
    await assert_refused(
        stranger,
        db,
        "POST",
        "/api/stock_checks",
        check_body(where.location_id),
        symbol="reference_not_found",
        pointer="/data/attributes/location_id",
    )
    completed = await complete(owner, check["stock_check_id"])
    await assert_refused(
        stranger,
        db,
        "POST",
        "/api/stock_checks/resolve",
        {
            "stock_check_record_ids": [completed["records"][0]["id"]],
            "reason_code_id": await stock_check_reason(stranger),
        },
        symbol="invalid_ids_provided",
        pointer="/stock_check_record_ids",
    )


async def test_allocated_stock_is_never_adjusted_away(
    clients: ApiClientFactory, db: Database
) -> None:
    """10 in the location, 8 allocated to an order, 5 counted: 5 missing but only 2 free, so
    resolving is refused whole; once the order lets go of its stock, the variance is posted."""
    caller = await clients.new()
    where = await place(caller)
    stock = await add_stock(caller, where, 10)
    order = await create_order(caller, where, added(product_id=where.product_id, order_quantity=8))
    await allocate(caller, order["id"])
    check = await create_check(caller, where.location_id)
    await count(caller, check["stock_check_id"], where.product_id, 5)
    completed = await complete(caller, check["stock_check_id"])
    [record] = completed["records"]
    assert (record["system_count"], record["variance"]) == (10.0, -5.0)
    reason_id = await stock_check_reason(caller)
    body = {"stock_check_record_ids": [record["id"]], "reason_code_id": reason_id}
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        "/api/stock_checks/resolve",
        body,
        symbol="stock_check_variance_allocated",
        pointer="/stock_check_record_ids/0",
    )
    assert error["context"] == {
        "pointer": "/stock_check_record_ids/0",
        "missing": 5.0,
        "unallocated": 2.0,
        "allocated": 8.0,
    }
    assert (await quantities(db, caller.tenant_id))[stock["id"]] == (10.0, 8.0)
    response = await caller.post(f"/api/goods_outs/{order['id']}/cancel", None)
    assert response.status_code == 200, response.text
    await resolve(caller, [record["id"]], reason_id)
    assert (await quantities(db, caller.tenant_id))[stock["id"]] == (5.0, 0.0)
    await assert_ledger_matches_stock(db, caller.tenant_id)
