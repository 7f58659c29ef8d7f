"""HHD flows (`/api/rf/flows`, GraphQL `rf_flows`) and users' handheld profiles (`rf_users`)."""

from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from clarus.tasks.rf_flows import create_rf_user
from tests.auth.test_users import create_user
from tests.support import ApiClientFactory, Caller, events_of, resource_body, row_counts

FLOWS = (
    "query($filter: RfFlowFilterType) { rf_flows { all(filter: $filter) { edges { node {"
    " id code name flow_type is_default slug implementation_id definition created_at } } } } }"
)
USERS = (
    "query($filter: RfUserFilterType) { rf_users { all(filter: $filter) { edges { node {"
    " id name username user { id } warehouse { id code } default_rf_implementation { id }"
    " } } } } }"
)
PICK_STEPS = {
    "steps": [{"step": "location", "input": "scan"}, {"step": "quantity", "input": "type"}]
}


def body(**attributes: Any) -> dict[str, Any]:
    return resource_body("rf_flows", **attributes)


async def create_flow(caller: Caller, **attributes: Any) -> dict[str, Any]:
    sent = {
        "code": "PICK_STANDARD",
        "name": "Standard Pick Flow",
        "flow_type": "task",
        "implementation_id": 1,
        **attributes,
    }
    response = await caller.post("/api/rf/flows", body(**sent))
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def flows(caller: Caller, **filters: Any) -> list[dict[str, Any]]:
    result = await caller.graphql(FLOWS, {"filter": filters})
    return [edge["node"] for edge in result["data"]["rf_flows"]["all"]["edges"]]


async def test_create_then_list_with_slug_and_definition(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    data = await create_flow(caller, definition=PICK_STEPS, is_default=True)
    assert data["type"] == "rf_flows"
    assert isinstance(data["id"], int)
    attributes = data["attributes"]
    assert attributes["definition"] == PICK_STEPS
    assert (attributes["code"], attributes["is_default"]) == ("PICK_STANDARD", True)
    [node] = await flows(caller, slug={"eq": "pick-standard"})
    assert node["id"] == str(data["id"])
    assert (node["flow_type"], node["implementation_id"], node["definition"]) == (
        "task",
        "1",
        PICK_STEPS,
    )
    assert await flows(caller, flow_type={"eq": "loading"}) == []


async def test_update_answers_204_and_code_is_immutable(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    data = await create_flow(caller)
    path = f"/api/rf/flows/{data['id']}"
    response = await caller.patch(path, body(name="Standard Pick Flow v2"))
    assert response.status_code == 204, response.text
    refused = await caller.patch(path, body(code="OTHER"))
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["symbol"] == "unknown_attribute"
    [node] = await flows(caller)
    assert (node["code"], node["name"]) == ("PICK_STANDARD", "Standard Pick Flow v2")


async def test_one_default_per_implementation_and_type(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    first = await create_flow(caller, code="A", is_default=True)
    other_type = await create_flow(caller, code="L", flow_type="loading", is_default=True)
    other_implementation = await create_flow(caller, code="B", implementation_id=2, is_default=True)
    second = await create_flow(caller, code="C", is_default=True)
    defaults = {node["id"] for node in await flows(caller, is_default={"eq": True})}
    assert defaults == {str(other_type["id"]), str(other_implementation["id"]), str(second["id"])}
    response = await caller.patch(f"/api/rf/flows/{first['id']}", body(is_default=True))
    assert response.status_code == 204
    defaults = {node["id"] for node in await flows(caller, is_default={"eq": True})}
    assert str(first["id"]) in defaults
    assert str(second["id"]) not in defaults


async def test_code_is_unique_within_its_implementation(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    await create_flow(caller)
    await create_flow(caller, implementation_id=2)
    response = await caller.post(
        "/api/rf/flows",
        body(code="PICK_STANDARD", name="Again", flow_type="task", implementation_id=1),
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["symbol"], error["context"]["pointer"]) == ("code_taken", "/data/attributes/code")


async def test_duplicate_copies_all_but_code_and_default(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    data = await create_flow(caller, definition=PICK_STEPS, is_default=True)
    response = await caller.post(
        f"/api/rf/flows/{data['id']}/duplicate", body(code="PICK_STANDARD_COPY")
    )
    assert response.status_code == 200, response.text
    copy = response.json()["data"]
    assert copy["id"] != data["id"]
    expected = {**data["attributes"], "code": "PICK_STANDARD_COPY", "is_default": False}
    timestamps = ("created_at", "updated_at")
    assert {k: v for k, v in copy["attributes"].items() if k not in timestamps} == {
        k: v for k, v in expected.items() if k not in timestamps
    }
    again = await caller.post(
        f"/api/rf/flows/{data['id']}/duplicate", body(code="PICK_STANDARD_COPY")
    )
    assert again.json()["errors"][0]["symbol"] == "code_taken"


async def test_delete_then_gone_and_events(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    data = await create_flow(caller)
    assert (await caller.delete(f"/api/rf/flows/{data['id']}")).status_code == 204
    assert (await caller.delete(f"/api/rf/flows/{data['id']}")).status_code == 404
    events = await events_of(db, caller.tenant_id)
    assert [(e["resource_name"], e["event"]) for e in events] == [
        ("rf_flow", "created"),
        ("rf_flow", "deleted"),
    ]


async def test_bad_definition_and_flow_type_are_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    before = await row_counts(db, caller.tenant_id)
    cases = [
        ({"flow_type": "conveyor"}, "/data/attributes/flow_type"),
        (
            {"definition": {"steps": [{"step": "teleport"}]}},
            "/data/attributes/definition/steps/0/step",
        ),
        (
            {"definition": {"steps": [{"step": "product", "input": "voice"}]}},
            "/data/attributes/definition/steps/0/input",
        ),
    ]
    for changes, pointer in cases:
        sent = {"code": "X", "name": "X", "flow_type": "task", "implementation_id": 1, **changes}
        response = await caller.post("/api/rf/flows", body(**sent))
        assert response.status_code == 422, response.text
        assert [e["context"]["pointer"] for e in response.json()["errors"]] == [pointer]
    assert await row_counts(db, caller.tenant_id) == before


async def test_another_tenants_flow_answers_like_a_missing_one(
    clients: ApiClientFactory, db: Database
) -> None:
    owner, other = await clients.new(), await clients.new()
    data = await create_flow(owner)
    before = await row_counts(db, owner.tenant_id)
    for flow_id in (data["id"], 999999999):
        path = f"/api/rf/flows/{flow_id}"
        assert (await other.patch(path, body(name="x"))).status_code == 404
        assert (await other.delete(path)).status_code == 404
        duplicate = await other.post(f"{path}/duplicate", body(code="MINE"))
        assert duplicate.status_code == 404
    assert await row_counts(db, owner.tenant_id) == before
    assert await flows(other) == []


async def test_rf_users_list_their_user_warehouse_and_implementation(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    user = await create_user(caller, email="scanner@example.com")
    warehouse = await caller.create_warehouse(code="MAIN")
    async with db.write_session() as session:
        await create_rf_user(
            session,
            tenant_id=caller.tenant_id,
            user_id=int(user["id"]),
            username="rf_scanner_03",
            name="Warehouse Scanner 3",
            warehouse_id=int(warehouse["id"]),
            default_rf_implementation_id=4,
        )
    result = await caller.graphql(USERS, {"filter": {"username": {"ilike": "scanner"}}})
    [edge] = result["data"]["rf_users"]["all"]["edges"]
    node = edge["node"]
    assert (node["name"], node["username"]) == ("Warehouse Scanner 3", "rf_scanner_03")
    assert node["user"] == {"id": str(user["id"])}
    assert node["warehouse"] == {"id": str(warehouse["id"]), "code": "MAIN"}
    assert node["default_rf_implementation"] == {"id": "4"}
    by_code = await caller.graphql(USERS, {"filter": {"warehouse_code": {"eq": "OTHER"}}})
    assert by_code["data"]["rf_users"]["all"]["edges"] == []
    theirs = await other.graphql(USERS)
    assert theirs["data"]["rf_users"]["all"]["edges"] == []
