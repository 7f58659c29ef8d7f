"""The SQL a stock move and a bulk hold cost through HTTP: a fixed number of statements, the
hold's whatever the number of records named (counted with an engine event listener, not
timed)."""

from __future__ import annotations

from typing import Any

from clarus.core.db import Database
from tests.inventory.test_stock_actions import add_stock, place, stock_body
from tests.outbound.test_create_statements import of_the_create
from tests.support import ApiClientFactory, Caller, statements_run


def verbs(statements: list[str]) -> list[list[str]]:
    return [statement.split()[:3] for statement in statements]


async def counted(caller: Caller, db: Database, path: str, body: Any) -> list[str]:
    with statements_run(db, token_reads=True) as statements:
        response = await caller.post(path, body)
    assert response.status_code == 200, response.text
    return of_the_create(statements)


async def test_a_move_runs_seven_statements(clients: ApiClientFactory, db: Database) -> None:
    """One read of every check, the take, the destination's record read under lock and
    added to (or made), one INSERT of both ledger rows, and the events (with their records'
    last sequences)."""
    caller = await clients.new()
    where = await place(caller)
    stock = await add_stock(caller, where, 10)
    move = stock_body(to_location_id=where.other_location_id, quantity=1)
    path = f"/api/stocks/{stock['id']}/move"

    first = await counted(caller, db, path, move)
    again = await counted(caller, db, path, move)

    checked_and_taken = [
        ["SELECT", "stocks.location_id,", "stocks.warehouse_id,"],
        ["UPDATE", "stocks", "SET"],
        ["SELECT", "stocks.id,", "stocks.tenant_id,"],
    ]
    ledger_and_events = [
        ["INSERT", "INTO", "transactions"],
        ["SELECT", "events.record_id,", "max(events.sequence)"],
        ["INSERT", "INTO", "events"],
    ]
    assert verbs(first) == [
        *checked_and_taken,
        ["INSERT", "INTO", "stocks"],
        *ledger_and_events,
    ], first
    assert verbs(again) == [
        *checked_and_taken,
        ["UPDATE", "stocks", "SET"],
        *ledger_and_events,
    ], again


async def test_a_hold_runs_the_same_statements_for_two_records_as_for_eight(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    where = await place(caller)
    ids = [int((await add_stock(caller, where, 1, string1=f"B{n}"))["id"]) for n in range(10)]

    def hold(named: list[int]) -> dict[str, Any]:
        return {"ids": named, "description": "Damaged"}

    two = await counted(caller, db, "/api/stocks/hold", hold(ids[:2]))
    eight = await counted(caller, db, "/api/stocks/hold", hold(ids[2:]))

    assert len(two) == len(eight) == 6, (two, eight)
    assert verbs(two) == verbs(eight)
