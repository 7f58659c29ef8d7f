"""`automations { all }`: the documented filters, nested conditions, actions and parameters
without N+1, no secrets, and only the caller's tenant."""

from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.graphql.lists import statements_for_page
from tests.support import ApiClientFactory, Caller
from tests.webhooks.support import automation_body, condition, webhook_action

QUERY = """query($filter: AutomationFilterType, $first: Int) {
  automations { all(filter: $filter, first: $first) {
    edges { cursor node { id name resource_name event enabled integration_id created_at
      conditions { id condition_code value } actions { id destination_type
        parameters { id parameter_code value operator } } } }
    pageInfo { hasNextPage endCursor } total_count } } }"""


async def created(caller: Caller, **attributes: Any) -> dict[str, Any]:
    response = await caller.post("/api/automations", automation_body(**attributes))
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def names(caller: Caller, filter: dict[str, Any]) -> list[str]:
    result = await caller.graphql(QUERY, {"filter": filter})
    assert "errors" not in result, result
    return [edge["node"]["name"] for edge in result["data"]["automations"]["all"]["edges"]]


async def test_the_documented_filters(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    await created(caller, name="Out done")
    await created(caller, name="In done", resource_name="goods_in", event="completed")
    await created(caller, name="Out made", event="created", enabled=False)
    await (await clients.new()).post("/api/automations", automation_body(name="Elsewhere"))
    assert await names(caller, {}) == ["Out done", "In done", "Out made"]
    assert await names(caller, {"resource_name": {"eq": "goods_out"}}) == ["Out done", "Out made"]
    assert await names(caller, {"event": {"eq": "completed"}}) == ["Out done", "In done"]
    assert await names(caller, {"enabled": {"eq": False}}) == ["Out made"]
    assert await names(caller, {"name": {"ilike": "done"}}) == ["Out done", "In done"]
    assert await names(caller, {"integration_id": {"filled": True}}) == []
    assert await names(caller, {"created_at": {"from": "2000-01-01T00:00:00Z"}}) == [
        "Out done",
        "In done",
        "Out made",
    ]


async def test_nodes_show_children_and_pages_cost_the_same(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    for _ in range(6):
        await created(
            caller,
            conditions_changes=[condition(), condition("data.status", "in", ["a", "b"])],
            actions_changes=[webhook_action(method="GET"), webhook_action()],
        )
    result = await caller.graphql(QUERY, {"first": 2})
    connection = result["data"]["automations"]["all"]
    assert connection["total_count"] == 6
    assert connection["pageInfo"]["hasNextPage"] is True
    node = connection["edges"][0]["node"]
    assert [c["value"] for c in node["conditions"]] == ["42", ["a", "b"]]
    assert [len(a["parameters"]) for a in node["actions"]] == [2, 1]
    assert "whsec_" not in str(result)
    small = await statements_for_page(caller, db, QUERY, "automations", 2)
    large = await statements_for_page(caller, db, QUERY, "automations", 6)
    assert small == large


async def test_secrets_are_not_in_the_schema(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    result = await caller.graphql('query { __type(name: "AutomationAction") { fields { name } } }')
    fields = {field["name"] for field in result["data"]["__type"]["fields"]}
    assert not {name for name in fields if "secret" in name}
