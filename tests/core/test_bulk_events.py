from __future__ import annotations

from clarus.core.db import Database
from clarus.core.events import emit_many
from tests.support import ApiClientFactory, events_of


async def test_bulk_events_continue_each_records_sequence(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    first = await caller.create_account()
    second = await caller.create_account()
    await caller.patch(
        f"/api/accounts/{second['id']}", {"data": {"type": "accounts", "attributes": {"name": "B"}}}
    )
    records = [{"id": first["id"], "code": "A"}, {"id": second["id"], "code": "B"}]
    async with db.write_session() as session:
        await emit_many(
            session, tenant_id=caller.tenant_id, resource_name="account", event="held", records=[]
        )
        await emit_many(
            session,
            tenant_id=caller.tenant_id,
            resource_name="account",
            event="held",
            records=records,
        )
    held = [
        (e["record_id"], e["sequence"], e["payload"])
        for e in await events_of(db, caller.tenant_id)
        if e["event"] == "held"
    ]
    assert held == [(first["id"], 2, records[0]), (second["id"], 3, records[1])]
