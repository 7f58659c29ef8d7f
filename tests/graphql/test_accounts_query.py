from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support import ApiClientFactory, Caller

LIST = """
query($filter: AccountFilterType, $first: Int, $after: String) {
  accounts { all(filter: $filter, first: $first, after: $after) {
    total_count
    edges { cursor node { id code name is_short_pickable external_system_reference1 } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  } }
}"""


async def seeded(clients: ApiClientFactory) -> Caller:
    caller = await clients.new()
    await caller.create_account(
        code="ACME",
        name="Acme Corporation",
        external_system_reference1="ERP-ACME",
        is_short_pickable=True,
    )
    await caller.create_account(code="BETA", name="Beta 100% Ltd")
    await caller.create_account(code="GAMMA", name="gamma_inc", is_active=False)
    return caller


async def codes(caller: Caller, filter_: dict[str, Any]) -> list[str]:
    result = await caller.graphql(LIST, {"filter": filter_})
    assert "errors" not in result, result
    return [edge["node"]["code"] for edge in result["data"]["accounts"]["all"]["edges"]]


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"code": {"eq": "ACME"}}, ["ACME"]),
        ({"code": {"ilike": "acm"}}, ["ACME"]),
        ({"code": {"like": "acm"}}, []),
        ({"name": {"like": "100%"}}, ["BETA"]),
        ({"name": {"ilike": "_"}}, ["GAMMA"]),
        ({"code": {"in": ["ACME", "GAMMA"]}}, ["ACME", "GAMMA"]),
        ({"code": {"between": ["B", "C"]}}, ["BETA"]),
        ({"is_short_pickable": {"eq": True}}, ["ACME"]),
        ({"is_active": {"eq": False}}, ["GAMMA"]),
        ({"external_system_reference1": {"eq": "ERP-ACME"}}, ["ACME"]),
        ({"code": {"ilike": "a"}, "name": {"ilike": "corp"}}, ["ACME"]),
        ({"created_at": {"from": "2000-01-01T00:00:00Z"}}, ["ACME", "BETA", "GAMMA"]),
        ({"updated_at": {"to": "2000-01-01T00:00:00Z"}}, []),
    ],
    ids=lambda value: str(value),
)
async def test_filters(
    clients: ApiClientFactory, filter_: dict[str, Any], expected: list[str]
) -> None:
    caller = await seeded(clients)
    assert await codes(caller, filter_) == expected


async def test_accounts_by_the_warehouses_they_are_associated_with(
    clients: ApiClientFactory,
) -> None:
    """ACME operates in WH1 and WH2, BETA in WH2, GAMMA nowhere (account_warehouses)."""
    caller = await seeded(clients)
    ids = {
        edge["node"]["code"]: int(edge["node"]["id"])
        for edge in (await caller.graphql(LIST))["data"]["accounts"]["all"]["edges"]
    }
    wh1 = (await caller.create_warehouse(code="WH1"))["id"]
    wh2 = (await caller.create_warehouse(code="WH2"))["id"]
    for account, warehouse in (("ACME", wh1), ("ACME", wh2), ("BETA", wh2)):
        body = {
            "data": {
                "type": "account_warehouses",
                "attributes": {"account_id": ids[account], "warehouse_id": warehouse},
            }
        }
        response = await caller.post("/api/account_warehouses", body)
        assert response.status_code == 200, response.text
    assert await codes(caller, {"warehouse_id": {"eq": str(wh1)}}) == ["ACME"]
    assert await codes(caller, {"warehouse_id": {"eq": str(wh2)}}) == ["ACME", "BETA"]
    assert await codes(caller, {"warehouse_id": {"in": [str(wh1), str(wh2)]}}) == ["ACME", "BETA"]
    assert await codes(caller, {"warehouse_id": {"filled": True}}) == ["ACME", "BETA"]
    assert await codes(caller, {"warehouse_id": {"filled": False}}) == ["GAMMA"]
    stranger = await clients.new()
    assert await codes(stranger, {"warehouse_id": {"eq": str(wh1)}}) == []


async def test_id_filter(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    first = await caller.create_account(code="ONE")
    second = await caller.create_account(code="TWO")
    assert await codes(caller, {"id": {"eq": str(first["id"])}}) == ["ONE"]
    assert await codes(caller, {"id": {"gt": str(first["id"])}}) == ["TWO"]
    assert await codes(caller, {"id": {"in": [str(first["id"]), str(second["id"])]}}) == [
        "ONE",
        "TWO",
    ]
    assert await codes(caller, {"id": {"filled": True}}) == ["ONE", "TWO"]
    result = await caller.graphql(LIST, {"filter": {"id": {"eq": "abc"}}})
    assert result["errors"][0]["message"] == "id: 'abc' is not an id"


async def test_pages_follow_the_cursor_to_the_end(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    for index in range(5):
        await caller.create_account(code=f"P{index}")
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        result = await caller.graphql(LIST, {"first": 2, "after": after})
        connection = result["data"]["accounts"]["all"]
        seen += [edge["node"]["code"] for edge in connection["edges"]]
        assert connection["total_count"] == 5
        pages += 1
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
        assert connection["edges"][-1]["cursor"] == after
    assert seen == ["P0", "P1", "P2", "P3", "P4"]
    assert pages == 3


async def test_ids_are_strings_and_names_are_snake_case(clients: ApiClientFactory) -> None:
    caller = await seeded(clients)
    result = await caller.graphql(LIST, {"filter": {"code": {"eq": "ACME"}}})
    node = result["data"]["accounts"]["all"]["edges"][0]["node"]
    assert isinstance(node["id"], str)
    assert node == {
        "id": node["id"],
        "code": "ACME",
        "name": "Acme Corporation",
        "is_short_pickable": True,
        "external_system_reference1": "ERP-ACME",
    }


async def test_the_documented_example_query_runs(clients: ApiClientFactory) -> None:
    caller = await seeded(clients)
    result = await caller.graphql(
        "query($filter: AccountFilterType) { accounts { all(filter: $filter) { edges { node {"
        " id code name is_short_pickable external_system_reference1 vat_number } } } } }",
        {"filter": {"code": {"ilike": "ACME"}}},
    )
    assert "errors" not in result
    assert result["data"]["accounts"]["all"]["edges"][0]["node"]["vat_number"] is None


async def test_page_size_is_capped(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    result = await caller.graphql(LIST, {"first": 501})
    assert result["data"] is None
    assert result["errors"][0]["message"] == "first must be between 0 and 500"


async def test_mutations_do_not_exist(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    result = await caller.graphql("mutation { createAccount { id } }")
    assert "errors" in result
    assert result.get("data") is None


async def test_datetimes_are_utc_with_z(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    await caller.create_account(code="TIME", datetime1="2024-05-01T10:00:00-05:00")
    result = await caller.graphql(
        "{ accounts { all { edges { node { datetime1 created_at } } } } }"
    )
    node = result["data"]["accounts"]["all"]["edges"][0]["node"]
    assert node["datetime1"] == "2024-05-01T15:00:00Z"
    assert node["created_at"].endswith("Z")


async def test_a_query_too_deep_is_refused(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    levels = 14
    deep = "{ accounts { all { edges { node " + "{ code " * levels + "}" * levels + " } } } }"
    result = await caller.graphql(deep)
    assert result["data"] is None
    assert "'anonymous' exceeds maximum operation depth of 12" in [
        error["message"] for error in result["errors"]
    ]


async def test_a_malformed_graphql_request_is_400(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    response = await caller.http.post(
        "/graphql", content=b"{", headers=caller.headers(**{"Content-Type": "application/json"})
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["symbol"] == "malformed_json"
    missing = await caller.http.post("/graphql", json={"variables": {}}, headers=caller.headers())
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["context"]["pointer"] == "/query"


async def test_graphiql_is_served_on_get(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    redirect = await caller.http.get("/graphql")
    assert redirect.status_code == 307
    page = await caller.http.get(redirect.headers["Location"])
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    assert "X-Clarus-Subdomain" in httpx.URL(redirect.headers["Location"]).params["headers"]
    assert "+" not in redirect.headers["Location"]
