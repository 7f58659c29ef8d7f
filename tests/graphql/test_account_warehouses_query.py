from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.support import ApiClientFactory, Caller, statements_run

DOCUMENTED_QUERY = (
    "query($filter: AccountWarehouseFilterType) { account_warehouses { all(filter: $filter) {"
    " edges { node { id account_id warehouse_id account { id code name }"
    " warehouse { id code name } } } } } }"
)
LIST = """
query($filter: AccountWarehouseFilterType) { account_warehouses { all(filter: $filter) {
  edges { node { account { code } warehouse { code } } }
} } }"""


async def seeded(clients: ApiClientFactory) -> tuple[Caller, dict[str, Any]]:
    caller = await clients.new()
    acme = await caller.create_account("ACME", name="Acme Corporation")
    beta = await caller.create_account("BETA")
    main = await caller.create_warehouse("WH1", name="Main Warehouse")
    second = await caller.create_warehouse("WH2")
    for account, warehouse in ((acme, main), (acme, second), (beta, second)):
        await caller.create(
            "account_warehouses", account_id=account["id"], warehouse_id=warehouse["id"]
        )
    return caller, {"acme": acme, "beta": beta, "main": main, "second": second}


async def pairs(caller: Caller, filter_: dict[str, Any]) -> list[tuple[str, str]]:
    result = await caller.graphql(LIST, {"filter": filter_})
    assert "errors" not in result, result
    return [
        (edge["node"]["account"]["code"], edge["node"]["warehouse"]["code"])
        for edge in result["data"]["account_warehouses"]["all"]["edges"]
    ]


async def test_the_documented_example_query_runs(clients: ApiClientFactory) -> None:
    caller, records = await seeded(clients)
    acme, main = records["acme"], records["main"]
    result = await caller.graphql(
        DOCUMENTED_QUERY, {"filter": {"account_id": {"eq": str(acme["id"])}}}
    )
    assert "errors" not in result, result
    first = result["data"]["account_warehouses"]["all"]["edges"][0]["node"]
    assert first == {
        "id": first["id"],
        "account_id": acme["id"],
        "warehouse_id": main["id"],
        "account": {"id": str(acme["id"]), "code": "ACME", "name": "Acme Corporation"},
        "warehouse": {"id": str(main["id"]), "code": "WH1", "name": "Main Warehouse"},
    }


async def test_filters(clients: ApiClientFactory) -> None:
    caller, records = await seeded(clients)
    acme, beta, second = records["acme"], records["beta"], records["second"]
    assert await pairs(caller, {"account_id": {"eq": str(beta["id"])}}) == [("BETA", "WH2")]
    assert await pairs(caller, {"warehouse_id": {"eq": str(second["id"])}}) == [
        ("ACME", "WH2"),
        ("BETA", "WH2"),
    ]
    assert await pairs(
        caller,
        {"account_id": {"eq": str(acme["id"])}, "warehouse_id": {"eq": str(second["id"])}},
    ) == [("ACME", "WH2")]
    assert await pairs(caller, {"account_id": {"in": [str(acme["id"]), str(beta["id"])]}}) == [
        ("ACME", "WH1"),
        ("ACME", "WH2"),
        ("BETA", "WH2"),
    ]
    assert await pairs(caller, {"created_at": {"to": "2000-01-01T00:00:00Z"}}) == []


async def test_another_tenants_links_are_invisible(clients: ApiClientFactory) -> None:
    await seeded(clients)
    other = await clients.new()
    assert await pairs(other, {}) == []


async def test_accounts_and_warehouses_load_in_one_statement_each(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    query = "{ account_warehouses { all { total_count edges { node { account { code }"
    query += " warehouse { code address { postcode } } } } } } }"

    async def statements_for_a_page() -> int:
        with statements_run(db) as statements:
            result = await caller.graphql(query)
        assert "errors" not in result, result
        return len(statements)

    async def link() -> None:
        account = await caller.create_account()
        warehouse = await caller.create_warehouse()
        await caller.create(
            "account_warehouses", account_id=account["id"], warehouse_id=warehouse["id"]
        )

    await link()
    one = await statements_for_a_page()
    for _ in range(3):
        await link()
    assert await statements_for_a_page() == one


async def test_several_lists_in_one_query(clients: ApiClientFactory) -> None:
    caller, _records = await seeded(clients)
    result = await caller.graphql(
        "{ accounts { all { total_count } } warehouses { all { total_count edges { node {"
        " address { postcode } } } } } account_warehouses { all { total_count edges { node {"
        " account { code } warehouse { code } } } } } locations { all { total_count } } }"
    )
    assert "errors" not in result, result
    assert result["data"]["accounts"]["all"]["total_count"] == 2
    assert result["data"]["account_warehouses"]["all"]["total_count"] == 3
