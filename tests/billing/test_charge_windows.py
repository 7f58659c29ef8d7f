"""Charge windows roll baskets (through HTTP): an account's window opens the basket of each
period (on the engine's round, or with the period's first line), lines land in the basket of
their activity date's period, and a line whose period's basket is closed goes to the next."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from typing import Any

from clarus.core.db import Database
from tests.billing.activity import (
    basket_lines,
    charge_all_events,
    dispatch,
    priced_card,
    receive,
    storage_run,
)
from tests.billing.factories import created
from tests.inbound.factories import stockholding
from tests.support import ApiClientFactory, Caller, resource_body, row_counts

BASKETS = (
    "query($filter: ChargeBasketFilterType) { charge_baskets { all(first: 100, filter: $filter) {"
    " edges { node { id start_at end_at status charge_window_id } } } } }"
)


def _midnight(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


async def _baskets(caller: Caller, account_id: int) -> list[dict[str, Any]]:
    result = await caller.graphql(BASKETS, {"filter": {"account_id": {"eq": str(account_id)}}})
    assert "errors" not in result, result
    nodes = [edge["node"] for edge in result["data"]["charge_baskets"]["all"]["edges"]]
    return sorted(nodes, key=lambda node: node["start_at"])


async def _stocked_account(caller: Caller) -> tuple[int, dict[str, int], int]:
    """An account on a priced card, with 10 units of a product received; (account, where,
    product)."""
    stock = await stockholding(caller)
    await priced_card(caller, stock.account_id)
    where = {"account_id": stock.account_id, "warehouse_id": stock.warehouse_id}
    await receive(caller, where, stock.product_id, 10)
    return stock.account_id, where, stock.product_id


async def _card_of(caller: Caller) -> int:
    result = await caller.graphql("{ charge_cards { all { edges { node { id } } } } }")
    [edge] = result["data"]["charge_cards"]["all"]["edges"]
    return int(edge["node"]["id"])


async def test_a_weekly_window_rolls_baskets(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    account_id, where, product_id = await _stocked_account(caller)
    window = await created(
        caller,
        "charge_windows",
        frequency="Day",
        numbers=[1],
        name="Weekly Monday",
        account_ids=[account_id],
    )
    assert window["attributes"]["account_ids"] == [account_id]
    today = dt.datetime.now(dt.UTC).date()
    monday = today - dt.timedelta(days=today.weekday())
    next_monday = monday + dt.timedelta(days=7)

    await charge_all_events(caller)
    [opened] = await _baskets(caller, account_id)
    assert (opened["start_at"], opened["end_at"], opened["status"]) == (
        _midnight(monday),
        _midnight(next_monday),
        "OPEN",
    )
    assert opened["charge_window_id"] == window["id"]
    assert Counter(line["code"] for line in await basket_lines(caller, opened["id"])) == {
        "RCV": 1,
        "RCV-UNIT": 1,
    }
    await dispatch(caller, where, product_id, 3, "SO-1")
    await charge_all_events(caller)
    assert await _baskets(caller, account_id) == [opened]

    later = [today + dt.timedelta(days=7), today + dt.timedelta(days=8)]
    for day in later:
        assert await storage_run(caller, day) == 1
    first, second = await _baskets(caller, account_id)
    assert first == opened
    assert (second["start_at"], second["end_at"], second["status"]) == (
        _midnight(next_monday),
        _midnight(next_monday + dt.timedelta(days=7)),
        "OPEN",
    )

    closing = await caller.patch(
        f"/api/charge_baskets/{opened['id']}", resource_body("charge_baskets", status="CLOSED")
    )
    assert closing.status_code == 200, closing.text
    assert await storage_run(caller, today) == 1
    assert await storage_run(caller, today) == 0
    assert await charge_all_events(caller) == 0
    assert Counter(line["code"] for line in await basket_lines(caller, opened["id"])) == {
        "RCV": 1,
        "RCV-UNIT": 1,
        "PICK-UNIT": 1,
        "ORDER": 1,
    }
    assert Counter(line["code"] for line in await basket_lines(caller, second["id"])) == {
        "STORE": 3
    }
    assert len(await _baskets(caller, account_id)) == 2


async def test_monthly_windows_end_periods_on_their_days(clients: ApiClientFactory) -> None:
    """Days 1 and 15 cut a month in two; day 31 falls on the last day of a shorter month."""
    caller, other = await clients.new(), await clients.new()
    halves, _, _ = await _stocked_account(caller)
    month_ends, _, _ = await _stocked_account(other)
    await created(
        caller, "charge_windows", frequency="Month", numbers=[15, 1], account_ids=[halves]
    )
    await created(
        other, "charge_windows", frequency="Month", numbers=[31], account_ids=[month_ends]
    )
    await charge_all_events(caller)
    year = dt.datetime.now(dt.UTC).year + 1
    for day in (dt.date(year, 1, 31), dt.date(year, 2, 1), dt.date(year, 2, 14)):
        await storage_run(caller, day)
    for day in (dt.date(year, 2, 27), dt.date(year, 2, 28), dt.date(year, 3, 30)):
        await storage_run(other, day)

    def periods(baskets: list[dict[str, Any]]) -> list[tuple[str, str]]:
        return [(basket["start_at"], basket["end_at"]) for basket in baskets]

    today = dt.datetime.now(dt.UTC).date()
    this_half = (
        today.replace(day=1 if today.day < 15 else 15),
        (today.replace(day=15) if today.day < 15 else _next_month(today)),
    )
    last_day = _month_end_period(today)
    assert periods(await _baskets(caller, halves)) == [
        (_midnight(this_half[0]), _midnight(this_half[1])),
        (_midnight(dt.date(year, 1, 15)), _midnight(dt.date(year, 2, 1))),
        (_midnight(dt.date(year, 2, 1)), _midnight(dt.date(year, 2, 15))),
    ]
    february = 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    assert periods(await _baskets(other, month_ends)) == [
        (_midnight(last_day[0]), _midnight(last_day[1])),
        (_midnight(dt.date(year, 1, 31)), _midnight(dt.date(year, 2, february))),
        (_midnight(dt.date(year, 2, february)), _midnight(dt.date(year, 3, 31))),
    ]


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _month_end_period(day: dt.date) -> tuple[dt.date, dt.date]:
    """The period of `day` for a window on day 31: last day of a month to the next's."""
    this_end = _next_month(day) - dt.timedelta(days=1)
    if day == this_end:
        return this_end, _next_month(_next_month(day)) - dt.timedelta(days=1)
    return day.replace(day=1) - dt.timedelta(days=1), this_end


async def test_a_window_refuses_another_tenants_account(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, other = await clients.new(), await clients.new()
    theirs = int((await other.create_account())["id"])
    mine = int((await caller.create_account())["id"])
    window = await created(caller, "charge_windows", frequency="Day", numbers=[1])
    before = await row_counts(db, caller.tenant_id)
    for response in (
        await caller.post(
            "/api/charge_windows",
            resource_body(
                "charge_windows", frequency="Day", numbers=[1], account_ids=[mine, theirs]
            ),
        ),
        await caller.patch(
            f"/api/charge_windows/{window['id']}",
            resource_body("charge_windows", account_ids=[theirs]),
        ),
    ):
        assert response.status_code == 422, response.text
        [error] = response.json()["errors"]
        assert error["context"]["pointer"] in {
            "/data/attributes/account_ids/1",
            "/data/attributes/account_ids/0",
        }
    assert await row_counts(db, caller.tenant_id) == before


async def test_racing_storage_runs_open_one_basket_for_their_period(
    clients: ApiClientFactory,
) -> None:
    """Four days of one new period charged at once (on PostgreSQL, four transactions racing to
    open its basket): one basket, holding the four lines."""
    caller = await clients.new()
    account_id, _, _ = await _stocked_account(caller)
    await created(
        caller, "charge_windows", frequency="Month", numbers=[1], account_ids=[account_id]
    )
    year = dt.datetime.now(dt.UTC).year + 2
    days = [dt.date(year, 5, day) for day in (3, 9, 17, 25)]
    assert await asyncio.gather(*(storage_run(caller, day) for day in days)) == [1, 1, 1, 1]
    [may] = await _baskets(caller, account_id)
    assert (may["start_at"], may["end_at"]) == (
        _midnight(dt.date(year, 5, 1)),
        _midnight(dt.date(year, 6, 1)),
    )
    assert len(await basket_lines(caller, may["id"])) == 4


async def test_a_window_opens_periods_around_the_accounts_other_baskets(
    clients: ApiClientFactory,
) -> None:
    """A basket made through the API keeps its lines; the window's period next to it starts
    where it ends."""
    caller = await clients.new()
    account_id, _, _ = await _stocked_account(caller)
    year = dt.datetime.now(dt.UTC).year + 3
    manual = await created(
        caller,
        "charge_baskets",
        account_id=account_id,
        charge_card_id=await _card_of(caller),
        start_at=_midnight(dt.date(year, 3, 1)),
        end_at=_midnight(dt.date(year, 3, 10)),
    )
    await created(
        caller, "charge_windows", frequency="Month", numbers=[1], account_ids=[account_id]
    )
    for day in (dt.date(year, 3, 12), dt.date(year, 3, 5), dt.date(year, 4, 2)):
        assert await storage_run(caller, day) == 1
    baskets = await _baskets(caller, account_id)
    assert [(basket["start_at"], basket["end_at"]) for basket in baskets] == [
        (_midnight(dt.date(year, 3, 1)), _midnight(dt.date(year, 3, 10))),
        (_midnight(dt.date(year, 3, 10)), _midnight(dt.date(year, 4, 1))),
        (_midnight(dt.date(year, 4, 1)), _midnight(dt.date(year, 5, 1))),
    ]
    assert baskets[0]["id"] == manual["id"]
    assert baskets[0]["charge_window_id"] is None
    for basket in baskets:
        assert len(await basket_lines(caller, basket["id"])) == 1
