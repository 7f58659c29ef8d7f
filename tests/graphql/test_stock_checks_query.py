"""`stock_checks { all }` (ours): filters, cursors and `total_count`, nested records (blind
while pending), and a page's statements not growing with its size."""

from __future__ import annotations

from clarus.core.db import Database
from tests.graphql.lists import listed, pages, statements_for_page
from tests.inventory.test_stock_actions import add_stock, place
from tests.stockcontrol.stock_checks import complete, count, create_check
from tests.support import ApiClientFactory

ROOT, FILTER = "stock_checks", "StockCheckFilterType"
PAGE = (
    "query($first: Int) { stock_checks { all(first: $first) { edges { node { id status"
    " location { code } warehouse { code } account { code } records { id product { code }"
    " system_count variance } } } } } }"
)


async def test_stock_checks_are_listed_with_their_records(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    await add_stock(caller, where, 3)
    counted = await create_check(caller, where.location_id)
    await count(caller, counted["stock_check_id"], where.product_id, 2)
    await complete(caller, counted["stock_check_id"])
    pending = await create_check(caller, where.location_id)
    ids = [str(counted["stock_check_id"]), str(pending["stock_check_id"])]

    assert await listed(caller, ROOT, FILTER, {"status": {"eq": "failed"}}) == ids[:1]
    assert await listed(caller, ROOT, FILTER, {"status": {"eq": "pending"}}) == ids[1:]
    assert (
        await listed(caller, ROOT, FILTER, {"location_id": {"eq": str(where.location_id)}}) == ids
    )
    assert (
        await listed(caller, ROOT, FILTER, {"completed_at": {"gt": "2000-01-01T00:00:00Z"}})
        == ids[:1]
    )
    assert await pages(caller, ROOT, 1) == [
        {"nodes": ids[:1], "total_count": 2, "has_next_page": True},
        {"nodes": ids[1:], "total_count": 2, "has_next_page": False},
    ]
    result = await caller.graphql(
        "query($filter: StockCheckFilterType) { stock_checks { all(filter: $filter) {"
        " total_count edges { node { task_id records { status physical_count system_count"
        " variance attempt_count } } } } } }",
        {"filter": {"id": {"in": ids}}},
    )
    listing = result["data"]["stock_checks"]["all"]
    assert listing["total_count"] == 2
    assert [edge["node"] for edge in listing["edges"]] == [
        {
            "task_id": str(counted["task_id"]),
            "records": [
                {
                    "status": "failure",
                    "physical_count": 2.0,
                    "system_count": 3.0,
                    "variance": -1.0,
                    "attempt_count": 1,
                }
            ],
        },
        {
            "task_id": str(pending["task_id"]),
            "records": [
                {
                    "status": "uncounted",
                    "physical_count": None,
                    "system_count": None,
                    "variance": None,
                    "attempt_count": 0,
                }
            ],
        },
    ]
    one = await statements_for_page(caller, db, PAGE, ROOT, first=1)
    assert await statements_for_page(caller, db, PAGE, ROOT, first=2) == one
