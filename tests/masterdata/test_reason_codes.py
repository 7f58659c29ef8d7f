from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import insert

from clarus.core.db import Database
from clarus.masterdata.tables import reason_code_accounts
from tests.support import ApiClientFactory, Caller, events_of, row_counts, without_cost

LIST = (
    "query($filter: ReasonCodeFilterType) { reason_codes { all(filter: $filter) {"
    " edges { node { id code name description reason_type active generic } } } } }"
)


def body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "reason_codes", "attributes": attributes}}


def example(**attributes: Any) -> dict[str, Any]:
    return {
        "code": "ADJ-NEG-01",
        "name": "Damaged in transit",
        "description": "Negative stock adjustment for damaged goods",
        "reason_type": "negative_adjustment",
        **attributes,
    }


async def create_reason_code(caller: Caller, **attributes: Any) -> dict[str, Any]:
    response = await caller.post("/api/reason_codes", body(**example(**attributes)))
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def test_create_returns_the_document_with_a_string_id(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    data = await create_reason_code(caller, external_system_reference1="ERP-7")
    assert isinstance(data["id"], str)
    assert data["type"] == "reason_codes"
    assert data["attributes"] == {
        **example(),
        "active": True,
        "generic": False,
        "external_system_reference1": "ERP-7",
        "external_system_reference2": None,
        "external_system_reference3": None,
        "created_at": data["attributes"]["created_at"],
        "updated_at": data["attributes"]["updated_at"],
    }


async def test_update_changes_only_what_was_sent(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    data = await create_reason_code(caller, generic=True)
    response = await caller.patch(
        f"/api/reason_codes/{data['id']}", body(reason_type="hold", active=False)
    )
    assert response.status_code == 200
    updated = response.json()["data"]
    assert updated["id"] == data["id"]
    attributes = updated["attributes"]
    assert (attributes["reason_type"], attributes["active"], attributes["generic"]) == (
        "hold",
        False,
        True,
    )
    assert attributes["name"] == "Damaged in transit"
    reset = await caller.patch(f"/api/reason_codes/{data['id']}", body(active=None))
    assert reset.json()["data"]["attributes"]["active"] is True


async def test_delete_then_gone_and_events(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    data = await create_reason_code(caller)
    assert (await caller.delete(f"/api/reason_codes/{data['id']}")).status_code == 204
    assert (await caller.delete(f"/api/reason_codes/{data['id']}")).status_code == 404
    events = await events_of(db, caller.tenant_id)
    assert [(e["resource_name"], e["event"]) for e in events] == [
        ("reason_code", "created"),
        ("reason_code", "deleted"),
    ]


async def test_another_tenants_reason_code_is_404(clients: ApiClientFactory, db: Database) -> None:
    owner, other = await clients.new(), await clients.new()
    data = await create_reason_code(owner)
    before = await row_counts(db, owner.tenant_id)
    assert (await other.patch(f"/api/reason_codes/{data['id']}", body(name="x"))).status_code == 404
    assert (await other.delete(f"/api/reason_codes/{data['id']}")).status_code == 404
    assert await row_counts(db, owner.tenant_id) == before
    assert (await other.graphql(LIST))["data"]["reason_codes"]["all"]["edges"] == []


async def test_duplicate_code_is_refused(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    first = await create_reason_code(caller)
    response = await caller.post("/api/reason_codes", body(**example(name="Again")))
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["symbol"] == "code_taken"
    assert error["context"]["existing_id"] == int(first["id"])


INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    ("missing required", {"description": None}, "missing_field", "description"),
    ("blank string", {"name": ""}, "blank_value", "name"),
    ("unknown attribute", {"colour": "red"}, "unknown_attribute", "colour"),
    ("bad enum", {"reason_type": "theft"}, "invalid_enum_value", "reason_type"),
    ("over-long code", {"code": "A" * 31}, "too_long", "code"),
    ("over-long description", {"description": "d" * 151}, "too_long", "description"),
    ("string for boolean", {"generic": "yes"}, "invalid_type", "generic"),
]


@pytest.mark.parametrize(
    ("case", "changes", "symbol", "field"), INVALID, ids=[case[0] for case in INVALID]
)
async def test_invalid_input_is_refused_and_writes_nothing(
    clients: ApiClientFactory,
    db: Database,
    case: str,
    changes: dict[str, Any],
    symbol: str,
    field: str,
) -> None:
    caller = await clients.new()
    attributes = {name: value for name, value in example(**changes).items() if value is not None}
    before = await row_counts(db, caller.tenant_id)
    response = await caller.post("/api/reason_codes", body(**attributes))
    assert response.status_code == 422, response.text
    assert [(e["symbol"], e["context"]["pointer"]) for e in response.json()["errors"]] == [
        (symbol, f"/data/attributes/{field}")
    ]
    assert await row_counts(db, caller.tenant_id) == before


async def test_the_documented_example_query_runs(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    data = await create_reason_code(caller)
    await create_reason_code(caller, code="HOLD-1", reason_type="hold")
    result = await caller.graphql(LIST, {"filter": {"reason_type": {"eq": "negative_adjustment"}}})
    assert without_cost(result) == {
        "data": {
            "reason_codes": {
                "all": {
                    "edges": [
                        {
                            "node": {
                                "id": data["id"],
                                "code": "ADJ-NEG-01",
                                "name": "Damaged in transit",
                                "description": "Negative stock adjustment for damaged goods",
                                "reason_type": "negative_adjustment",
                                "active": True,
                                "generic": False,
                            }
                        }
                    ]
                }
            }
        }
    }


async def _assign(db: Database, caller: Caller, reason_code_id: str, account_id: int) -> None:
    async with db.write_session() as session:
        await session.execute(
            insert(reason_code_accounts).values(
                tenant_id=caller.tenant_id,
                reason_code_id=int(reason_code_id),
                account_id=account_id,
            )
        )


async def test_filters(clients: ApiClientFactory, db: Database) -> None:
    caller = await clients.new()
    account = await caller.create_account()
    negative = await create_reason_code(caller)
    await create_reason_code(
        caller, code="HOLD-1", name="QC hold", reason_type="hold", generic=True
    )
    await create_reason_code(caller, code="REL-1", reason_type="release", active=False)
    await _assign(db, caller, negative["id"], account["id"])

    async def codes(filter_: dict[str, Any]) -> list[str]:
        result = await caller.graphql(LIST, {"filter": filter_})
        assert "errors" not in result, result
        return [e["node"]["code"] for e in result["data"]["reason_codes"]["all"]["edges"]]

    assert await codes({"code": {"eq": "HOLD-1"}}) == ["HOLD-1"]
    assert await codes({"name": {"ilike": "qc"}}) == ["HOLD-1"]
    assert await codes({"reason_type": {"in": ["hold", "release"]}}) == ["HOLD-1", "REL-1"]
    assert await codes({"active": {"eq": False}}) == ["REL-1"]
    assert await codes({"generic": {"eq": True}}) == ["HOLD-1"]
    assert await codes({"account_id": {"eq": str(account["id"])}}) == ["ADJ-NEG-01"]
    assert await codes({"account_id": {"filled": False}}) == ["HOLD-1", "REL-1"]
    assert await codes({"id": {"eq": negative["id"]}}) == ["ADJ-NEG-01"]
    assert await codes({"created_at": {"to": "2000-01-01T00:00:00Z"}}) == []
    bad = await caller.graphql(LIST, {"filter": {"reason_type": {"eq": "theft"}}})
    assert bad["data"] is None
    assert "theft" in bad["errors"][0]["message"]
