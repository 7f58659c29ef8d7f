"""`goods_out_pick_lists { all }` and `pick_processing_requests { all }` on pick lists, orders,
tasks and requests the test helpers write in place of processing picks
(`tests.outbound.pick_lists`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from clarus.core.db import Database
from clarus.outbound.statuses import GoodsOutStatus, PickListStatus
from clarus.outbound.tables import goods_outs
from clarus.tasks.statuses import TaskStatus, TaskType
from tests.graphql.lists import documented_example, listed, statements_for_page
from tests.outbound.pick_lists import (
    Place,
    order,
    order_tasks,
    pick_list,
    place,
    processing_request,
)
from tests.support import ApiClientFactory, Caller, without_cost

LISTS, LIST_FILTER = "goods_out_pick_lists", "GoodsOutPickListsFilterType"
REQUESTS, REQUEST_FILTER = "pick_processing_requests", "PickProcessingRequestFilterType"
AVAILABLE, COMPLETED, CANCELLED = TaskStatus.AVAILABLE, TaskStatus.COMPLETED, TaskStatus.CANCELLED
COUNTERS = (
    "pick_tasks_count",
    "completed_pick_tasks_count",
    "dispatch_tasks_count",
    "completed_dispatch_tasks_count",
    "loading_tasks_count",
    "completed_loading_tasks_count",
)


async def set_order_status(db: Database, order_id: int, status: GoodsOutStatus) -> None:
    """Processing picks puts an order in PICK; until it lands a test does."""
    async with db.write_session() as session:
        await session.execute(
            update(goods_outs)
            .where(goods_outs.c.id == order_id)
            .values(goods_out_status_id=status.value)
        )


async def picking(where: Place, db: Database) -> dict[str, Any]:
    """PL-001: SO-001 (PICK) and SO-002 with, between them, PICK tasks available, completed
    and cancelled, a completed DISP and an available LOAD; PL-002: no orders, picked."""
    first, second = await order(where, "SO-001"), await order(where, "SO-002")
    await set_order_status(db, first, GoodsOutStatus.PICK)
    busy = await pick_list(where, [first, second], reference="PL-001", pick_reference="PICK-001")
    await order_tasks(where, first, TaskType.PICK, AVAILABLE, COMPLETED, CANCELLED)
    await order_tasks(where, second, TaskType.PICK, AVAILABLE)
    await order_tasks(where, second, TaskType.DISPATCH, COMPLETED)
    await order_tasks(where, second, TaskType.LOAD, AVAILABLE)
    empty = await pick_list(where, [], reference="PL-002", status=PickListStatus.PICKED)
    return {"busy": str(busy), "empty": str(empty), "orders": [str(first), str(second)]}


async def stranger_with_a_busy_list(clients: ApiClientFactory, db: Database) -> Caller:
    stranger = await clients.new()
    where = await place(stranger, db)
    theirs = await order(where, "SO-001")
    await pick_list(where, [theirs], reference="PL-001")
    await order_tasks(where, theirs, TaskType.PICK, AVAILABLE, AVAILABLE)
    return stranger


async def test_the_documented_query_finds_lists_with_pick_tasks(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller, db)
    seed = await picking(where, db)
    await stranger_with_a_busy_list(clients, db)
    example = documented_example("ListGoodsOutPickLists")

    result = await caller.graphql(example["query"], example["variables"])

    assert "errors" not in result, result
    assert [edge["node"] for edge in result["data"][LISTS]["all"]["edges"]] == [
        {
            "id": seed["busy"],
            "reference": "PL-001",
            "pick_reference": "PICK-001",
            "pick_type": "single",
            "load_reference": None,
            "goods_out_status": {"code": "PICK", "name": "Pick"},
            "account": {"id": str(where.account_id), "code": "ACME"},
            "warehouse": {"id": str(where.warehouse_id), "code": "WH-ACME"},
        }
    ]


async def test_counters_count_the_tasks_of_the_lists_orders(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    seed = await picking(await place(caller, db), db)

    result = await caller.graphql(
        f"{{ {LISTS} {{ all {{ edges {{ node {{ id status {' '.join(COUNTERS)}"
        " goods_outs { id reference } goods_out_status { code } } } } } }"
    )

    assert "errors" not in result, result
    busy, empty = (edge["node"] for edge in result["data"][LISTS]["all"]["edges"])
    assert [busy[name] for name in COUNTERS] == [3, 1, 1, 1, 1, 0]
    assert [empty[name] for name in COUNTERS] == [0, 0, 0, 0, 0, 0]
    assert busy["goods_outs"] == [
        {"id": seed["orders"][0], "reference": "SO-001"},
        {"id": seed["orders"][1], "reference": "SO-002"},
    ]
    assert (busy["status"], busy["goods_out_status"]) == ("pending", {"code": "PICK"})
    assert (empty["status"], empty["goods_outs"], empty["goods_out_status"]) == (
        "picked",
        [],
        None,
    )


async def test_filters(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    where = await place(caller, db)
    seed = await picking(where, db)
    busy, empty = seed["busy"], seed["empty"]
    cases: list[tuple[dict[str, Any], list[str]]] = [
        ({"pick_tasks_count": {"eq": 3}}, [busy]),
        ({"pick_tasks_count": {"lt": 1}}, [empty]),
        ({"completed_pick_tasks_count": {"between": [1, 2]}}, [busy]),
        ({"dispatch_tasks_count": {"gt": 0}}, [busy]),
        ({"completed_dispatch_tasks_count": {"lteq": 0}}, [empty]),
        ({"loading_tasks_count": {"gteq": 1}, "completed_loading_tasks_count": {"eq": 0}}, [busy]),
        ({"completed_loading_tasks_count": {"gt": 0}}, []),
        ({"reference": {"ilike": "pl-00"}}, [busy, empty]),
        ({"reference": {"eq": "PL-002"}}, [empty]),
        ({"status": {"in": ["picked", "completed"]}}, [empty]),
        ({"pick_type": {"eq": "single"}}, [busy, empty]),
        ({"account_id": {"eq": str(where.account_id)}}, [busy, empty]),
        ({"warehouse_id": {"eq": "0"}}, []),
        ({"pick_reference": {"eq": "PICK-001"}}, [busy]),
    ]
    for filter_, expected in cases:
        assert await listed(caller, LISTS, LIST_FILTER, filter_) == expected, filter_
    result = await caller.graphql(
        f"query($filter: {LIST_FILTER}) {{ {LISTS} {{ all(filter: $filter) {{ total_count }} }} }}",
        {"filter": {"pick_tasks_count": {"gteq": 0}, "dispatch_tasks_count": {"eq": 0}}},
    )
    assert without_cost(result) == {"data": {LISTS: {"all": {"total_count": 1}}}}


async def test_another_tenants_lists_and_tasks_never_show(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller, db)
    mine = await pick_list(where, [await order(where, "SO-001")], reference="PL-001")
    await stranger_with_a_busy_list(clients, db)

    result = await caller.graphql(
        f"{{ {LISTS} {{ all {{ total_count edges {{ node {{ id pick_tasks_count }} }} }} }} }}"
    )

    assert result["data"][LISTS]["all"] == {
        "total_count": 1,
        "edges": [{"node": {"id": str(mine), "pick_tasks_count": 0}}],
    }


async def test_a_page_of_lists_costs_a_fixed_number_of_statements(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller, db)
    query = (
        f"query($first: Int) {{ {LISTS} {{ all(first: $first) {{ edges {{ node {{ id"
        f" {' '.join(COUNTERS)} goods_out_status {{ code }} goods_outs {{ id }}"
        " account { code } warehouse { code } goods_out_bay { id } } } } } }"
    )
    for number in range(5):
        placed = await order(where, f"SO-{number}")
        await pick_list(where, [placed], reference=f"PL-{number}")
        await order_tasks(where, placed, TaskType.PICK, AVAILABLE, COMPLETED)
    one = await statements_for_page(caller, db, query, LISTS, 1)
    assert await statements_for_page(caller, db, query, LISTS, 5) == one


async def requests_of(where: Place, db: Database) -> dict[str, Any]:
    """Three requests: SO-100's completed and failed ones, and a pending one whose order went."""
    goods_out = await order(where, "SO-100")
    done = await processing_request(
        where, goods_out, "PPR-001", "completed", message="Pick processing completed successfully"
    )
    failed = await processing_request(where, goods_out, "PPR-002", "failed", message="No stock")
    orphan = await processing_request(where, None, "PPR-003", "pending")
    return {
        "order": str(goods_out),
        "done": str(done),
        "failed": str(failed),
        "orphan": str(orphan),
    }


async def test_the_documented_processing_query_finds_completed_requests(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    seed = await requests_of(await place(caller, db), db)
    stranger = await clients.new()
    await requests_of(await place(stranger, db), db)
    example = documented_example("ListPickProcessingRequests")

    result = await caller.graphql(example["query"], example["variables"])

    assert "errors" not in result, result
    [edge] = result["data"][REQUESTS]["all"]["edges"]
    node = edge["node"]
    assert node.pop("created_at").endswith("Z")
    assert node == {
        "status": "completed",
        "process_reference": "PPR-001",
        "message": "Pick processing completed successfully",
        "goods_out": {"id": seed["order"], "reference": "SO-100"},
    }


async def test_processing_request_filters(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    seed = await requests_of(await place(caller, db), db)
    done, failed, orphan = seed["done"], seed["failed"], seed["orphan"]
    cases: list[tuple[dict[str, Any], list[str]]] = [
        ({"goods_out_id": {"eq": seed["order"]}}, [done, failed]),
        ({"goods_out_id": {"filled": False}}, [orphan]),
        ({"goods_out_reference": {"ilike": "so-1"}}, [done, failed]),
        ({"status": {"in": ["failed", "pending"]}}, [failed, orphan]),
        ({"status": {"eq": "pending"}}, [orphan]),
        ({"process_reference": {"like": "PPR-00"}}, [done, failed, orphan]),
        ({"process_reference": {"eq": "PPR-002"}}, [failed]),
        ({"created_at": {"from": "2000-01-01T00:00:00Z"}}, [done, failed, orphan]),
        ({"updated_at": {"to": "2000-01-01T00:00:00Z"}}, []),
    ]
    for filter_, expected in cases:
        assert await listed(caller, REQUESTS, REQUEST_FILTER, filter_) == expected, filter_
    result = await caller.graphql(
        f"query($filter: {REQUEST_FILTER}) {{ {REQUESTS} {{ all(filter: $filter) {{ edges {{"
        " node { id } } } } }",
        {"filter": {"status": {"eq": "done"}}},
    )
    assert "data" not in result or result["data"] is None
    assert "done" in result["errors"][0]["message"]
    result = await caller.graphql(
        f"query($filter: {REQUEST_FILTER}) {{ {REQUESTS} {{ all(filter: $filter) {{ edges {{"
        " node { id goods_out { id } } } } } }",
        {"filter": {"status": {"eq": "pending"}}},
    )
    assert result["data"][REQUESTS]["all"]["edges"] == [{"node": {"id": orphan, "goods_out": None}}]
