"""Charge windows roll baskets: an account's window decides the basket each charge line falls
into.

A window's days (`Day`: weekdays, 0 = Sunday; `Month`: days of the month, a day past a month's
end falling on its last day) are where one billing period ends and the next begins, at
midnight UTC (as the storage run's days). A line lands in the account's open basket whose
period holds its activity date (`occurred_at`); when none does, the window opens the basket of
that period (its bounds kept clear of the account's other baskets). A line whose period's basket
is closed already goes to the next period's: a late charge is billed with the period after.
The engine's round also opens the basket of the current period of every windowed account, so
a period's basket exists from its first day. Baskets opened by a window carry its id; one per
(window, account, start), so engines racing for the same period make one."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import and_, exists, or_, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.billing.baskets import CHARGE_BASKETS, emit_shown
from clarus.billing.rows import ChargeBasketRow, charge_basket_row
from clarus.billing.tables import (
    charge_baskets,
    charge_card_accounts,
    charge_window_accounts,
    charge_windows,
)
from clarus.core.db import utcnow

OPEN = "OPEN"
SEARCH_DAYS = 366
"""How far a period's bound is looked for: a window has at least one day a month."""


@dataclass(frozen=True)
class Window:
    """An account's window, and the card its baskets are opened with."""

    id: int
    tenant_id: int
    account_id: int
    charge_card_id: int
    frequency: str
    numbers: frozenset[int]

    def starts_period(self, day: dt.date) -> bool:
        if self.frequency == "Day":
            return (day.isoweekday() % 7) in self.numbers
        last = calendar.monthrange(day.year, day.month)[1]
        return day.day in self.numbers or (
            day.day == last and any(number > last for number in self.numbers)
        )

    def period_of(self, moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """The period holding `moment`: from the last window day at or before it to the next
        one after it."""
        day = moment.astimezone(dt.UTC).date()
        start = next(
            (
                day - dt.timedelta(days=back)
                for back in range(SEARCH_DAYS)
                if self.starts_period(day - dt.timedelta(days=back))
            ),
            day,
        )
        end = next(
            (
                day + dt.timedelta(days=ahead)
                for ahead in range(1, SEARCH_DAYS)
                if self.starts_period(day + dt.timedelta(days=ahead))
            ),
            day + dt.timedelta(days=1),
        )
        return _midnight(start), _midnight(end)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


async def account_windows(
    session: AsyncSession, accounts: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], Window]:
    """The windows of the (tenant, account) pairs that have one and a charge card."""
    pairs = sorted(set(accounts))
    if not pairs:
        return {}
    statement = (
        select(
            charge_windows.c.id,
            charge_windows.c.tenant_id,
            charge_windows.c.frequency,
            charge_windows.c.numbers,
            charge_window_accounts.c.account_id,
            charge_card_accounts.c.charge_card_id,
        )
        .join(
            charge_window_accounts,
            charge_window_accounts.c.charge_window_id == charge_windows.c.id,
        )
        .join(
            charge_card_accounts,
            and_(
                charge_card_accounts.c.tenant_id == charge_window_accounts.c.tenant_id,
                charge_card_accounts.c.account_id == charge_window_accounts.c.account_id,
            ),
        )
        .where(
            tuple_(charge_window_accounts.c.tenant_id, charge_window_accounts.c.account_id).in_(
                pairs
            )
        )
    )
    return {
        (row.tenant_id, row.account_id): Window(
            id=row.id,
            tenant_id=row.tenant_id,
            account_id=row.account_id,
            charge_card_id=row.charge_card_id,
            frequency=row.frequency,
            numbers=frozenset(row.numbers),
        )
        for row in await session.execute(statement)
    }


def _holds(basket: ChargeBasketRow, moment: dt.datetime) -> bool:
    end = basket["end_at"]
    return basket["start_at"] <= moment and (end is None or moment < end)


@dataclass
class _AccountBaskets:
    """An account's baskets from the earliest moment placed on, as this placement sees them."""

    window: Window
    baskets: list[ChargeBasketRow]
    locked: set[int] = field(default_factory=set)

    def bounds(self, moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """The window's period of `moment`, narrowed so as not to overlap another basket."""
        start, end = self.window.period_of(moment)
        for basket in self.baskets:
            basket_end = basket["end_at"]
            if basket_end is not None and start < basket_end <= moment:
                start = basket_end
            if moment < basket["start_at"] < end:
                end = basket["start_at"]
        return start, end


async def _load(session: AsyncSession, window: Window, since: dt.datetime) -> _AccountBaskets:
    """The account's baskets that may hold a moment from `since` on, or bound its period."""
    period_start, _end = window.period_of(since)
    statement = (
        select(charge_baskets)
        .where(
            charge_baskets.c.tenant_id == window.tenant_id,
            charge_baskets.c.account_id == window.account_id,
            or_(charge_baskets.c.end_at.is_(None), charge_baskets.c.end_at > period_start),
        )
        .order_by(charge_baskets.c.start_at, charge_baskets.c.id)
    )
    rows = (await session.execute(statement)).mappings()
    return _AccountBaskets(window, [charge_basket_row(row) for row in rows])


async def _still_open(session: AsyncSession, basket_id: int) -> bool:
    """Lock the open basket a line joins (a basket closing meanwhile is waited for, and then
    not joined)."""
    statement = select(charge_baskets.c.id).where(
        charge_baskets.c.id == basket_id, charge_baskets.c.status == OPEN
    )
    if session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update()
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def _open_basket(
    session: AsyncSession, account: _AccountBaskets, start: dt.datetime, end: dt.datetime
) -> ChargeBasketRow:
    """The window's basket of the account from `start` to `end`, opened unless another engine
    opened it first."""
    window = account.window
    dialect = session.get_bind().dialect.name
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = utcnow()
    inserted = await session.execute(
        make(charge_baskets)
        .values(
            tenant_id=window.tenant_id,
            account_id=window.account_id,
            charge_card_id=window.charge_card_id,
            charge_window_id=window.id,
            start_at=start,
            end_at=end,
            status=OPEN,
            invoice_status="not_invoiced",
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(
            index_elements=["tenant_id", "charge_window_id", "account_id", "start_at"]
        )
        .returning(charge_baskets)
    )
    made = inserted.mappings().one_or_none()
    if made is not None:
        basket = charge_basket_row(made)
        await emit_shown(
            session, CHARGE_BASKETS, tenant_id=window.tenant_id, event="created", record=basket
        )
        return basket
    statement = select(charge_baskets).where(
        charge_baskets.c.tenant_id == window.tenant_id,
        charge_baskets.c.charge_window_id == window.id,
        charge_baskets.c.account_id == window.account_id,
        charge_baskets.c.start_at == start,
    )
    return charge_basket_row((await session.execute(statement)).mappings().one())


async def _basket_for(
    session: AsyncSession, account: _AccountBaskets, moment: dt.datetime
) -> int | None:
    """The id of the open basket a line of `moment` joins (None: the account's baskets are
    closed from then on without end)."""
    while True:
        holding = [basket for basket in account.baskets if _holds(basket, moment)]
        for basket in sorted(holding, key=lambda basket: basket["start_at"], reverse=True):
            if basket["status"] != OPEN:
                continue
            if basket["id"] in account.locked or await _still_open(session, basket["id"]):
                account.locked.add(basket["id"])
                return basket["id"]
            basket["status"] = "CLOSED"
        if holding:
            ends = [basket["end_at"] for basket in holding]
            later = [end for end in ends if end is not None]
            if len(later) < len(ends):
                return None
            moment = max(later)
            continue
        start, end = account.bounds(moment)
        basket = await _open_basket(session, account, start, end)
        account.baskets.append(basket)
        if basket["status"] != OPEN:
            continue
        if await _still_open(session, basket["id"]):
            account.locked.add(basket["id"])
            return basket["id"]
        basket["status"] = "CLOSED"


async def place_in_baskets(
    session: AsyncSession, lines: Sequence[MutableMapping[str, object]]
) -> None:
    """Give each line of a windowed account (`tenant_id`, `account_id`, `occurred_at`) the
    basket of its period. Baskets are locked in (tenant, account, time) order, as every
    placement takes them, so that two placements never wait on each other in a ring."""
    windows = await account_windows(session, (_account_of(line) for line in lines))
    if not windows:
        return
    placed: dict[tuple[int, int], _AccountBaskets] = {}
    for line in sorted(lines, key=lambda line: (_account_of(line), _occurred_at(line))):
        key = _account_of(line)
        window = windows.get(key)
        if window is None:
            continue
        moment = _occurred_at(line)
        account = placed.get(key)
        if account is None:
            account = placed[key] = await _load(session, window, moment)
        line["charge_basket_id"] = await _basket_for(session, account, moment)


def _account_of(line: Mapping[str, object]) -> tuple[int, int]:
    tenant_id, account_id = line["tenant_id"], line["account_id"]
    if not isinstance(tenant_id, int) or not isinstance(account_id, int):
        raise TypeError(
            f"A charge line names its tenant and account: {tenant_id!r}, {account_id!r}."
        )
    return tenant_id, account_id


def _occurred_at(line: Mapping[str, object]) -> dt.datetime:
    moment = line["occurred_at"]
    if not isinstance(moment, dt.datetime):
        raise TypeError(f"A charge line's occurred_at is a datetime, not {moment!r}.")
    return moment


async def open_current_baskets(session: AsyncSession, *, now: dt.datetime) -> int:
    """Open the basket of the period holding `now` for every windowed account that has none
    (every tenant): a period's basket opens when the period begins. How many were opened."""
    holding_now = exists().where(
        charge_baskets.c.tenant_id == charge_window_accounts.c.tenant_id,
        charge_baskets.c.account_id == charge_window_accounts.c.account_id,
        charge_baskets.c.start_at <= now,
        or_(charge_baskets.c.end_at.is_(None), charge_baskets.c.end_at > now),
    )
    statement = select(
        charge_window_accounts.c.tenant_id, charge_window_accounts.c.account_id
    ).where(~holding_now)
    waiting = [(row.tenant_id, row.account_id) for row in await session.execute(statement)]
    windows = await account_windows(session, waiting)
    for _account, window in sorted(windows.items()):
        account = await _load(session, window, now)
        await _basket_for(session, account, now)
    return len(windows)
