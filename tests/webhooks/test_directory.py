"""The directory the delivery worker asks: targets for an event, one target, disabling, secrets
during a rotation's overlap, and a constant number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import update

from clarus.core.db import Database, utcnow
from clarus.webhooks.directory import AutomationDirectory
from clarus.webhooks.tables import webhook_secrets
from clarus.webhooks.targets import WebhookDirectory, WebhookTarget
from tests.support import TEST_SECRET_BOX, ApiClientFactory, Caller, statements_run
from tests.webhooks.support import PUBLIC_URL, automation_body, condition, webhook_action

DIRECTORY: WebhookDirectory = AutomationDirectory(TEST_SECRET_BOX)


def body(account_id: int = 42, **data: Any) -> dict[str, Any]:
    return {
        "id": "evt_1",
        "resource_name": "goods_out",
        "event": "completed",
        "occurred_at": "2026-11-27T12:00:00Z",
        "subdomain": "acme",
        "sequence": 1,
        "data": {"id": 5, "account_id": account_id, **data},
    }


async def created(caller: Caller, **attributes: Any) -> dict[str, Any]:
    response = await caller.post("/api/automations", automation_body(**attributes))
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def targets(db: Database, caller: Caller, payload: dict[str, Any]) -> list[WebhookTarget]:
    async with db.read_session() as session:
        return await DIRECTORY.targets_for(
            session,
            tenant_id=caller.tenant_id,
            resource_name=payload["resource_name"],
            event=payload["event"],
            payload=payload,
        )


async def test_targets_are_the_webhook_actions_whose_conditions_hold(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    matching = await created(
        caller, actions_changes=[webhook_action(), webhook_action("https://1.1.1.1/x", "GET")]
    )
    await created(caller, conditions_changes=[condition(value="7")])
    await created(caller, event="created")
    await created(caller, enabled=False)
    other_tenant = await clients.new()
    await created(other_tenant)
    first, second = matching["attributes"]["actions"]
    assert await targets(db, caller, body()) == [
        WebhookTarget(
            automation_id=matching["id"],
            action_id=first["id"],
            url=PUBLIC_URL,
            method="POST",
            integration_id=None,
            secrets=(first["webhook_secret"],),
        ),
        WebhookTarget(
            automation_id=matching["id"],
            action_id=second["id"],
            url="https://1.1.1.1/x",
            method="GET",
            integration_id=None,
            secrets=(second["webhook_secret"],),
        ),
    ]
    assert await targets(db, caller, body(account_id=43)) == []


async def test_a_schedule_trigger_reaches_only_its_automation(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    schedule = {"resource_name": "daily_schedule", "event": "triggered", "conditions_changes": []}
    triggered, _other = await created(caller, **schedule), await created(caller, **schedule)
    payload = {
        "resource_name": "daily_schedule",
        "event": "triggered",
        "data": {"automation_id": triggered["id"]},
    }
    found = await targets(db, caller, payload)
    assert [target.automation_id for target in found] == [triggered["id"]]


async def test_targets_for_costs_four_queries_however_many_automations(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    for _ in range(2):
        await created(caller)
    with statements_run(db) as few:
        assert len(await targets(db, caller, body())) == 2
    for _ in range(6):
        await created(caller, actions_changes=[webhook_action(), webhook_action(method="GET")])
    with statements_run(db) as many:
        assert len(await targets(db, caller, body())) == 14
    assert len(_selects(few)) == len(_selects(many)) == 4


def _selects(statements: list[str]) -> list[str]:
    return [statement for statement in statements if statement.lstrip().startswith("SELECT")]


async def test_a_rotated_secret_signs_until_its_overlap_ends(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    data = await created(caller)
    [action] = data["attributes"]["actions"]
    old = action["webhook_secret"]
    path = f"/api/automations/{data['id']}/actions/{action['id']}/rotate_secret"
    response = await caller.post(path, {"data": {"attributes": {"overlap_seconds": 3600}}})
    new = response.json()["data"]["attributes"]["webhook_secret"]
    async with db.read_session() as session:
        target = await DIRECTORY.target(session, tenant_id=caller.tenant_id, action_id=action["id"])
    assert target is not None
    assert target.secrets == (new, old)
    async with db.write_session() as session:
        await session.execute(
            update(webhook_secrets)
            .where(
                webhook_secrets.c.automation_action_id == action["id"],
                webhook_secrets.c.expires_at.is_not(None),
            )
            .values(expires_at=utcnow() - dt.timedelta(seconds=1))
        )
    async with db.read_session() as session:
        target = await DIRECTORY.target(session, tenant_id=caller.tenant_id, action_id=action["id"])
    assert target is not None
    assert target.secrets == (new,)
    ended = await caller.post(path, {"data": {"attributes": {"overlap_seconds": 0}}})
    newest = ended.json()["data"]["attributes"]["webhook_secret"]
    async with db.read_session() as session:
        target = await DIRECTORY.target(session, tenant_id=caller.tenant_id, action_id=action["id"])
    assert target is not None
    assert target.secrets == (newest,)


async def test_target_is_none_once_deleted_disabled_or_of_another_tenant(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    data = await created(caller)
    [action] = data["attributes"]["actions"]
    async with db.read_session() as session:
        assert (
            await DIRECTORY.target(session, tenant_id=other.tenant_id, action_id=action["id"])
            is None
        )
    async with db.write_session() as session:
        await DIRECTORY.disable(
            session, tenant_id=caller.tenant_id, automation_id=data["id"], reason="410 Gone"
        )
    async with db.read_session() as session:
        assert (
            await DIRECTORY.target(session, tenant_id=caller.tenant_id, action_id=action["id"])
            is None
        )
    assert await targets(db, caller, body()) == []
    result = await caller.graphql(
        "{ automations { all { edges { node { enabled disabled_reason } } } } }"
    )
    [edge] = result["data"]["automations"]["all"]["edges"]
    assert edge["node"] == {"enabled": False, "disabled_reason": "410 Gone"}
    enabled = await caller.patch(
        f"/api/automations/{data['id']}",
        {"data": {"type": "automations", "attributes": {"enabled": True}}},
    )
    assert enabled.json()["data"]["attributes"]["disabled_reason"] is None
    assert (await caller.delete(f"/api/automations/{data['id']}")).status_code == 204
    async with db.read_session() as session:
        assert (
            await DIRECTORY.target(session, tenant_id=caller.tenant_id, action_id=action["id"])
            is None
        )
