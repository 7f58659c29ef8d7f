from __future__ import annotations

from clarus.core.db import Database
from tests.inbound.receiving import awaiting_putaway, dock
from tests.support import ApiClientFactory, Caller, statements_run

DOCUMENTED_QUERY = (
    "query($filter: TaskFilterType) { tasks { all(filter: $filter) { edges { node { id status"
    " subtype start_quantity confirmed_quantity created_at account { id code } warehouse { id"
    " code } product { id code } task_type { id code } location_from { id code } location_to {"
    " id code } } } } } }"
)


async def test_the_documented_query_shows_receiving_and_putaway_tasks(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    where = await dock(caller)
    await awaiting_putaway(caller, where, 4)
    result = await caller.graphql(
        DOCUMENTED_QUERY,
        {"filter": {"status": {"eq": "AVAILABLE"}, "task_type_code": {"eq": "PWAY"}}},
    )
    assert "errors" not in result, result
    [edge] = result["data"]["tasks"]["all"]["edges"]
    node = edge["node"]
    assert (node["status"], node["subtype"], node["start_quantity"]) == (
        "AVAILABLE",
        "standard",
        4.0,
    )
    assert node["confirmed_quantity"] is None
    assert node["task_type"] == {"id": "4", "code": "PWAY"}
    assert node["location_from"] == {"id": str(where.bay_id), "code": "GOODS-IN"}
    assert node["location_to"] is None
    assert node["warehouse"]["id"] == str(where.stock.warehouse_id)
    assert node["product"]["id"] == str(where.stock.product_id)
    assert node["account"]["id"] == str(where.stock.account_id)


async def test_a_page_of_tasks_reads_its_references_in_a_fixed_number_of_queries(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await dock(caller)

    async def statements_for_a_page(who: Caller) -> int:
        with statements_run(db) as statements:
            result = await who.graphql(DOCUMENTED_QUERY)
        assert "errors" not in result, result
        return len(statements)

    await awaiting_putaway(caller, where, 2)
    one = await statements_for_a_page(caller)
    for _ in range(4):
        await awaiting_putaway(caller, where, 2)
    assert await statements_for_a_page(caller) == one
