"""Automations through the REST API: create, update, delete, run, secrets, and every refusal
leaving the data as it was."""

from __future__ import annotations

from typing import Any

import pytest

from clarus.auth.scopes import Scope
from clarus.core.db import Database
from tests.support import ApiClientFactory, Caller, assert_refused, events_of, row_counts
from tests.webhooks.support import PUBLIC_URL, automation_body, condition, webhook_action

LIST_QUERY = """query($filter: AutomationFilterType) { automations { all(filter: $filter) {
  edges { node { id name resource_name event enabled integration_id created_at
    conditions { id condition_code source_path operator value }
    actions { id destination_type destination_code
      parameters { id parameter_code value operator } } } } } } }"""


async def created(caller: Caller, **attributes: Any) -> dict[str, Any]:
    response = await caller.post("/api/automations", automation_body(**attributes))
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def update_body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "automations", "attributes": attributes}}


async def listed(caller: Caller) -> list[dict[str, Any]]:
    result = await caller.graphql(LIST_QUERY)
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"]["automations"]["all"]["edges"]]


async def test_create_answers_the_whole_automation_with_the_secret_once(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    data = await created(caller, actions_changes=[webhook_action(method="GET")])
    attributes = data["attributes"]
    assert data["type"] == "automations"
    [action] = attributes.pop("actions")
    secret = action.pop("webhook_secret")
    assert secret.startswith("whsec_")
    assert len(secret) == len("whsec_") + 44
    [url, method] = action.pop("parameters")
    assert action == {"id": action["id"], "destination_type": "webhook", "destination_code": None}
    assert url == {
        "id": url["id"],
        "parameter_code": "webhook_url",
        "value": PUBLIC_URL,
        "operator": None,
    }
    assert (method["parameter_code"], method["value"]) == ("webhook_method", "GET")
    [only_condition] = attributes.pop("conditions")
    assert only_condition == {
        "id": only_condition["id"],
        "condition_code": "account_id",
        "source_path": "data.account_id",
        "operator": "eq",
        "value": "42",
    }
    assert attributes == {
        "resource_name": "goods_out",
        "event": "completed",
        "name": "Tell the shop",
        "enabled": True,
        "integration_id": None,
        "disabled_reason": None,
        "created_at": attributes["created_at"],
        "updated_at": attributes["created_at"],
    }
    [node] = await listed(caller)
    assert "webhook_secret" not in str(node)
    assert secret not in str(node)
    assert node["actions"][0]["parameters"][0]["value"] == PUBLIC_URL
    updated = await caller.patch(f"/api/automations/{data['id']}", update_body(name="Renamed"))
    assert updated.status_code == 200, updated.text
    assert "webhook_secret" not in updated.text
    assert updated.json()["data"]["attributes"]["name"] == "Renamed"
    unnamed = await caller.patch(f"/api/automations/{data['id']}", update_body(name=None))
    assert unnamed.json()["data"]["attributes"]["name"] is None


async def test_condition_values_keep_their_json_type(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    data = await created(
        caller,
        conditions_changes=[
            condition(operator="in", value=["42", 7]),
            condition("data.total_value", "greater_than", 10.5),
            condition("data.reference", "matches", r"^SO-\d+"),
        ],
    )
    values = [c["value"] for c in data["attributes"]["conditions"]]
    assert values == [["42", 7], 10.5, r"^SO-\d+"]
    [node] = await listed(caller)
    assert [c["value"] for c in node["conditions"]] == values


async def test_update_adds_updates_and_destroys_conditions_actions_and_parameters(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    data = await created(caller, conditions_changes=[condition(), condition("data.status")])
    first, second = data["attributes"]["conditions"]
    [action] = data["attributes"]["actions"]
    [url] = action["parameters"]
    body = update_body(
        enabled=False,
        conditions_changes=[
            {"type": "UPDATE", "id": first["id"], "attributes": {"value": "99"}},
            {"type": "DESTROY", "id": second["id"]},
            condition("data.warehouse_id", "neq", 3),
        ],
        actions_changes=[
            {
                "type": "UPDATE",
                "id": action["id"],
                "attributes": {
                    "destination_code": "shop",
                    "parameters_changes": [
                        {
                            "type": "UPDATE",
                            "id": url["id"],
                            "attributes": {"value": "https://93.184.215.15/new"},
                        },
                        {
                            "type": "ADD",
                            "attributes": {"parameter_code": "webhook_method", "value": "GET"},
                        },
                    ],
                },
            },
            webhook_action("https://93.184.215.16/second"),
        ],
    )
    response = await caller.patch(f"/api/automations/{data['id']}", body)
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert attributes["enabled"] is False
    assert [(c["id"], c["source_path"], c["value"]) for c in attributes["conditions"]] == [
        (first["id"], "data.account_id", "99"),
        (attributes["conditions"][1]["id"], "data.warehouse_id", 3),
    ]
    kept, added = attributes["actions"]
    assert "webhook_secret" not in kept
    assert added["webhook_secret"].startswith("whsec_")
    assert kept["destination_code"] == "shop"
    assert [(p["parameter_code"], p["value"]) for p in kept["parameters"]] == [
        ("webhook_url", "https://93.184.215.15/new"),
        ("webhook_method", "GET"),
    ]
    destroy = update_body(actions_changes=[{"type": "REMOVE", "id": added["id"]}])
    response = await caller.patch(f"/api/automations/{data['id']}", destroy)
    assert response.status_code == 200, response.text
    assert [a["id"] for a in response.json()["data"]["attributes"]["actions"]] == [kept["id"]]


async def test_delete_takes_its_conditions_actions_parameters_and_secrets(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    before = await row_counts(db, caller.tenant_id)
    data = await created(caller)
    response = await caller.delete(f"/api/automations/{data['id']}")
    assert response.status_code == 204, response.text
    assert response.content == b""
    assert await row_counts(db, caller.tenant_id) == before
    assert await listed(caller) == []
    again = await caller.delete(f"/api/automations/{data['id']}")
    assert again.status_code == 404


async def test_another_tenant_can_neither_see_nor_change_an_automation(
    clients: ApiClientFactory, db: Database
) -> None:
    owner, other = await clients.new(), await clients.new()
    data = await created(owner)
    [action] = data["attributes"]["actions"]
    path = f"/api/automations/{data['id']}"
    before = await row_counts(db, owner.tenant_id)
    assert await listed(other) == []
    assert (await other.patch(path, update_body(name="Mine"))).status_code == 404
    assert (await other.delete(path)).status_code == 404
    assert (await other.post(f"{path}/run", None)).status_code == 404
    rotated = await other.post(f"{path}/actions/{action['id']}/rotate_secret", None)
    assert rotated.status_code == 404
    mine = await created(other)
    stolen = update_body(
        conditions_changes=[{"type": "DESTROY", "id": data["attributes"]["conditions"][0]["id"]}]
    )
    await assert_refused(
        other,
        db,
        "PATCH",
        f"/api/automations/{mine['id']}",
        stolen,
        symbol="line_not_found",
        pointer="/data/attributes/conditions_changes/0/id",
    )
    assert await row_counts(db, owner.tenant_id) == before


async def test_automations_need_the_admin_scope(clients: ApiClientFactory) -> None:
    caller = await clients.new(scopes=(Scope.READ.value, Scope.WRITE.value))
    response = await caller.post("/api/automations", automation_body())
    assert response.status_code == 403, response.text
    assert response.json()["errors"][0]["symbol"] == "insufficient_scope"


EMAIL_ACTION = {
    "type": "ADD",
    "attributes": {
        "destination_type": "email",
        "destination_code": "default",
        "parameters_changes": [
            {
                "type": "ADD",
                "attributes": {"parameter_code": "email_recipient", "value": "a@b.com"},
            }
        ],
    },
}
REFUSED_CREATES = [
    ({"event": "moved_to_part"}, "invalid_enum_value", "/data/attributes/event"),
    ({"resource_name": "parcel"}, "invalid_enum_value", "/data/attributes/resource_name"),
    ({"name": "  "}, "blank_value", "/data/attributes/name"),
    ({"conditions_changes": None}, "invalid_type", "/data/attributes/conditions_changes"),
    (
        {"conditions_changes": [condition(operator="like")]},
        "invalid_enum_value",
        "/data/attributes/conditions_changes/0/attributes/operator",
    ),
    (
        {"conditions_changes": [condition(operator="matches", value="(unclosed")]},
        "invalid_value",
        "/data/attributes/conditions_changes/0/attributes/value",
    ),
    (
        {"conditions_changes": [condition(operator="matches", value="a{1001}")]},
        "invalid_value",
        "/data/attributes/conditions_changes/0/attributes/value",
    ),
    (
        {"conditions_changes": [condition(operator="in", value="1,2")]},
        "invalid_type",
        "/data/attributes/conditions_changes/0/attributes/value",
    ),
    (
        {"conditions_changes": [condition(operator="eq", value=["1"])]},
        "invalid_type",
        "/data/attributes/conditions_changes/0/attributes/value",
    ),
    (
        {"conditions_changes": [condition(value="")]},
        "blank_value",
        "/data/attributes/conditions_changes/0/attributes/value",
    ),
    (
        {"conditions_changes": [{"type": "UPDATE", "id": 1, "attributes": {"value": "1"}}]},
        "invalid_enum_value",
        "/data/attributes/conditions_changes/0/type",
    ),
    (
        {"actions_changes": [EMAIL_ACTION]},
        "email_not_configured",
        "/data/attributes/actions_changes/0/attributes/destination_type",
    ),
    (
        {
            "actions_changes": [
                {"type": "ADD", "attributes": {"destination_type": "webhook"}},
            ]
        },
        "missing_field",
        "/data/attributes/actions_changes/0/attributes/parameters_changes",
    ),
    (
        {"actions_changes": [webhook_action(method="PUT")]},
        "invalid_enum_value",
        "/data/attributes/actions_changes/0/attributes/parameters_changes/1/attributes/value",
    ),
    (
        {"actions_changes": [webhook_action("http://93.184.215.14/plain")]},
        "unsafe_webhook_target",
        "/data/attributes/actions_changes/0/attributes/parameters_changes/0/attributes/value",
    ),
]


@pytest.mark.parametrize(("attributes", "symbol", "pointer"), REFUSED_CREATES)
async def test_refused_creates_write_nothing(
    clients: ApiClientFactory,
    db: Database,
    attributes: dict[str, Any],
    symbol: str,
    pointer: str,
) -> None:
    caller = await clients.new()
    await assert_refused(
        caller,
        db,
        "POST",
        "/api/automations",
        automation_body(**attributes),
        symbol=symbol,
        pointer=pointer,
    )
    assert await events_of(db, caller.tenant_id) == []


PRIVATE_URLS = [
    "https://127.0.0.1/hook",
    "https://10.1.2.3/hook",
    "https://169.254.169.254/latest/meta-data",
    "https://[::1]/hook",
    "https://192.168.0.10/hook",
]


@pytest.mark.parametrize("url", PRIVATE_URLS)
async def test_private_addresses_are_refused(
    clients: ApiClientFactory, db: Database, url: str
) -> None:
    caller = await clients.new()
    errors = await assert_refused(
        caller,
        db,
        "POST",
        "/api/automations",
        automation_body(actions_changes=[webhook_action(url)]),
        symbol="unsafe_webhook_target",
        pointer="/data/attributes/actions_changes/0/attributes/parameters_changes/0/attributes/value",
    )
    assert "not a public address" in errors[0]["details"]


@pytest.mark.parametrize("url", [*PRIVATE_URLS, "http://127.0.0.1:8080/hook"])
async def test_private_addresses_are_allowed_when_the_setting_is_on(
    private_clients: ApiClientFactory, url: str
) -> None:
    caller = await private_clients.new()
    data = await created(caller, actions_changes=[webhook_action(url)])
    assert data["attributes"]["actions"][0]["parameters"][0]["value"] == url


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/hook\r\nX-Injected: 1", "http://127.0.0.1:8080/a b"]
)
async def test_a_url_with_control_characters_or_spaces_is_refused_even_to_private_targets(
    private_clients: ApiClientFactory, db: Database, url: str
) -> None:
    caller = await private_clients.new()
    errors = await assert_refused(
        caller,
        db,
        "POST",
        "/api/automations",
        automation_body(actions_changes=[webhook_action(url)]),
        symbol="unsafe_webhook_target",
        pointer="/data/attributes/actions_changes/0/attributes/parameters_changes/0/attributes/value",
    )
    assert errors[0]["details"] == "webhook_url must not contain spaces or control characters."


async def test_an_update_to_a_private_url_is_refused_and_changes_nothing(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    data = await created(caller)
    [action] = data["attributes"]["actions"]
    [url] = action["parameters"]
    body = update_body(
        name="Changed",
        actions_changes=[
            {
                "type": "UPDATE",
                "id": action["id"],
                "attributes": {
                    "parameters_changes": [
                        {
                            "type": "UPDATE",
                            "id": url["id"],
                            "attributes": {"value": PRIVATE_URLS[0]},
                        }
                    ]
                },
            }
        ],
    )
    before = await listed(caller)
    await assert_refused(
        caller,
        db,
        "PATCH",
        f"/api/automations/{data['id']}",
        body,
        symbol="unsafe_webhook_target",
        pointer="/data/attributes/actions_changes/0/attributes/parameters_changes/0/attributes/value",
    )
    assert await listed(caller) == before


async def test_refused_updates_name_the_pointer_and_change_nothing(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    data = await created(caller)
    other = await created(caller)
    path = f"/api/automations/{data['id']}"
    [action] = data["attributes"]["actions"]
    foreign_parameter = other["attributes"]["actions"][0]["parameters"][0]["id"]
    before = await listed(caller)
    cases = [
        (update_body(event="picked"), "invalid_enum_value", "/data/attributes/event"),
        (
            update_body(
                conditions_changes=[{"type": "UPDATE", "id": 10**9, "attributes": {"value": "1"}}]
            ),
            "line_not_found",
            "/data/attributes/conditions_changes/0/id",
        ),
        (
            update_body(
                actions_changes=[{"type": "DESTROY", "id": other["attributes"]["actions"][0]["id"]}]
            ),
            "line_not_found",
            "/data/attributes/actions_changes/0/id",
        ),
        (
            update_body(
                actions_changes=[
                    {
                        "type": "UPDATE",
                        "id": action["id"],
                        "attributes": {
                            "parameters_changes": [{"type": "DESTROY", "id": foreign_parameter}]
                        },
                    }
                ]
            ),
            "line_not_found",
            "/data/attributes/actions_changes/0/attributes/parameters_changes/0/id",
        ),
        (
            update_body(
                conditions_changes=[
                    {
                        "type": "UPDATE",
                        "id": data["attributes"]["conditions"][0]["id"],
                        "attributes": {"operator": "in"},
                    }
                ]
            ),
            "invalid_type",
            "/data/attributes/conditions_changes/0/attributes/value",
        ),
        (
            update_body(
                actions_changes=[
                    {
                        "type": "UPDATE",
                        "id": action["id"],
                        "attributes": {"destination_type": "ftp"},
                    }
                ]
            ),
            "destination_not_supported",
            "/data/attributes/actions_changes/0/attributes/destination_type",
        ),
        (
            update_body(
                actions_changes=[
                    {
                        "type": "UPDATE",
                        "id": action["id"],
                        "attributes": {
                            "parameters_changes": [
                                {"type": "DESTROY", "id": action["parameters"][0]["id"]}
                            ]
                        },
                    }
                ]
            ),
            "missing_field",
            "/data/attributes/actions_changes/0/attributes/parameters_changes",
        ),
        (update_body(enabled=None), "invalid_type", "/data/attributes/enabled"),
    ]
    for body, symbol, pointer in cases:
        await assert_refused(caller, db, "PATCH", path, body, symbol=symbol, pointer=pointer)
    assert await listed(caller) == before


async def test_run_refuses_an_event_driven_automation(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    data = await created(caller)
    errors = await assert_refused(
        caller,
        db,
        "POST",
        f"/api/automations/{data['id']}/run",
        None,
        symbol="automation_not_scheduled",
        pointer=None,
    )
    assert errors[0]["context"] == {"resource_name": "goods_out", "id": data["id"]}
    assert (await caller.post("/api/automations/999999999/run", None)).status_code == 404


async def test_run_queues_a_schedule_trigger_when_its_conditions_hold(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    scheduled = await created(
        caller,
        resource_name="daily_schedule",
        event="triggered",
        conditions_changes=[condition("subdomain", "starts_with", "t-")],
    )
    response = await caller.post(f"/api/automations/{scheduled['id']}/run", None)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "data": {
            "id": scheduled["id"],
            "type": "automations",
            "attributes": {"conditions_passed": True, "queued": True},
        }
    }
    [event] = await events_of(db, caller.tenant_id)
    assert (event["resource_name"], event["event"], event["record_id"]) == (
        "daily_schedule",
        "triggered",
        scheduled["id"],
    )
    assert event["payload"] == {"automation_id": scheduled["id"], "name": "Tell the shop"}
    failing = await created(
        caller,
        resource_name="weekly_schedule",
        event="triggered",
        conditions_changes=[condition("data.account_id", "eq", "42")],
    )
    response = await caller.post(f"/api/automations/{failing['id']}/run", None)
    assert response.json()["data"]["attributes"] == {"conditions_passed": False, "queued": False}
    assert len(await events_of(db, caller.tenant_id)) == 1


async def test_rotating_a_secret_answers_the_new_one_once(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    data = await created(caller)
    [action] = data["attributes"]["actions"]
    path = f"/api/automations/{data['id']}/actions/{action['id']}/rotate_secret"
    response = await caller.post(path, {"data": {"attributes": {"overlap_seconds": 60}}})
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert attributes["webhook_secret"].startswith("whsec_")
    assert attributes["webhook_secret"] != action["webhook_secret"]
    assert attributes["overlap_seconds"] == 60
    default = await caller.post(path, None)
    assert default.json()["data"]["attributes"]["overlap_seconds"] == 86400
    await assert_refused(
        caller,
        db,
        "POST",
        path,
        {"data": {"attributes": {"overlap_seconds": -1}}},
        symbol="out_of_range",
        pointer="/data/attributes/overlap_seconds",
    )


async def test_running_a_disabled_schedule_queues_nothing(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    data = await created(
        caller,
        resource_name="one_time_schedule",
        event="triggered",
        enabled=False,
        conditions_changes=[],
    )
    response = await caller.post(f"/api/automations/{data['id']}/run", None)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"] == {"conditions_passed": True, "queued": False}
    assert await events_of(db, caller.tenant_id) == []
