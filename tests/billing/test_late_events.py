"""An event whose transaction commits after the engine charged a higher event id is charged
all the same (PostgreSQL: ids are taken at insert, transactions commit in any order; SQLite
writes one transaction at a time, so there the order of ids is the order of commits)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from clarus.billing.tables import charge_lines
from clarus.core.db import Database
from clarus.core.events import emit
from tests.billing.activity import charge_all_events, dispatch, priced_card, receive
from tests.inbound.factories import stockholding
from tests.support import ApiClientFactory


async def _order_lines(db: Database, tenant_id: int) -> int:
    """The tenant's lines of the per-order price (code ORDER)."""
    async with db.read_session() as session:
        statement = select(func.count()).where(
            charge_lines.c.tenant_id == tenant_id, charge_lines.c.code == "ORDER"
        )
        return int((await session.execute(statement)).scalar_one())


async def test_an_event_committed_late_with_a_lower_id_is_charged(
    clients: ApiClientFactory, db: Database
) -> None:
    if db.is_sqlite:
        pytest.skip("SQLite commits one writer at a time: ids come in commit order")
    caller = await clients.new()
    stock = await stockholding(caller)
    await priced_card(caller, stock.account_id)
    where = {"account_id": stock.account_id, "warehouse_id": stock.warehouse_id}
    await receive(caller, where, stock.product_id, 10)
    first = await dispatch(caller, where, stock.product_id, 3, "SO-1")
    await charge_all_events(caller)
    assert await _order_lines(db, caller.tenant_id) == 1
    async with db.write_session() as late:
        await emit(
            late,
            tenant_id=caller.tenant_id,
            resource_name="goods_out",
            event="completed",
            record_id=first,
            payload={"id": first, "account_id": stock.account_id, "lines": []},
        )
        await dispatch(caller, where, stock.product_id, 2, "SO-2")
        await charge_all_events(caller)
        assert await _order_lines(db, caller.tenant_id) == 2
    await charge_all_events(caller)
    assert await _order_lines(db, caller.tenant_id) == 3
