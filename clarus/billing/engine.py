"""The charge engine: charge lines from the event outbox, and the daily storage run.

The engine reads the outbox's events not yet charged (`events.charged_at` null, as the webhook
fan-out reads those not yet fanned out), in id order, one batch per transaction: the lines of a
batch and the flag on its events commit together, so a worker killed mid-batch leaves neither.
A flag rather than a cursor because ids are taken at insert and transactions commit in any
order: an event committed after the engine charged a higher id is still waiting, not skipped.
The engine's row in `charge_engine_cursors` is locked for the round (one engine at a time) and
keeps the highest event id charged. Every line carries a `source_key` naming the event (or
storage day and account) and the price it came from, unique in the tenant, and is inserted with
ON CONFLICT DO NOTHING: a replay from an older cursor, or a storage day run twice, writes
nothing twice.

Activities priced (charge type, unit of measure):

- receipt completed: RECEIPT `goods_in_receipt_completed` (1 per receipt), `item` (units
  received), `unique_product` (receipt lines);
- order created: PICK `goods_out_created` (1 per order); order completed (dispatched): PICK
  `goods_out_completed` (1 per order), `item` (units picked), `unique_product` (order lines);
- pick list created or completed: PICK `goods_out_pick_list_created` / `..._completed`;
- shipment submitted (handed to its carrier): PICK `shipment` (1 per shipment) and `package`
  (its packages), both ours; the account and order type are its order's;
- storage (the daily run): RENTAL `storage_unit` (storage units, and locations holding stock
  on none, per day) and `item` (units held per day), from the ledger at the day's end.

A price's `quantity` is how many units its `price` is for; a line's quantity is the units
divided by it. Prices with `auto_charge` false are for manual lines only. An event's lines name
the record charged for (`inbound_good_id`, `goods_out_id`, `goods_out_pick_list_id`; a
shipment's, its order), unless it has been deleted since; a line of a windowed account lands in
its period's basket (`billing.windows`)."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from sqlalchemy import (
    Table,
    case,
    distinct,
    func,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.billing.money import rounded
from clarus.billing.tables import (
    charge_card_accounts,
    charge_cards,
    charge_engine_cursors,
    charge_lines,
    charge_prices,
    currencies,
    tax_types,
)
from clarus.billing.windows import open_current_baskets, place_in_baskets
from clarus.core.db import utcnow
from clarus.core.json_types import JSONObject
from clarus.core.tables import events
from clarus.inbound.tables import goods_in_receipts
from clarus.inventory.tables import stocks, transactions
from clarus.outbound.tables import goods_out_pick_lists, goods_outs

ENGINE_CURSOR = 1
ZERO = decimal.Decimal(0)
Units: TypeAlias = Callable[[JSONObject], decimal.Decimal]


def _one(_payload: JSONObject) -> decimal.Decimal:
    return decimal.Decimal(1)


def _line_sum(field: str) -> Units:
    def units(payload: JSONObject) -> decimal.Decimal:
        lines = payload.get("lines")
        if not isinstance(lines, list):
            return ZERO
        return sum(
            (
                decimal.Decimal(str(line.get(field) or 0))
                for line in lines
                if isinstance(line, dict)
            ),
            ZERO,
        )

    return units


def _count_of(field: str) -> Units:
    def units(payload: JSONObject) -> decimal.Decimal:
        items = payload.get(field)
        return decimal.Decimal(len(items) if isinstance(items, list) else 0)

    return units


_line_count = _count_of("lines")


ACTIVITIES: Mapping[tuple[str, str], Mapping[tuple[str, str], Units]] = {
    ("goods_in", "completed"): {
        ("RECEIPT", "goods_in_receipt_completed"): _one,
        ("RECEIPT", "item"): _line_sum("received_quantity"),
        ("RECEIPT", "unique_product"): _line_count,
    },
    ("goods_out", "created"): {("PICK", "goods_out_created"): _one},
    ("goods_out", "completed"): {
        ("PICK", "goods_out_completed"): _one,
        ("PICK", "item"): _line_sum("pick_quantity"),
        ("PICK", "unique_product"): _line_count,
    },
    ("goods_out_pick_list", "created"): {("PICK", "goods_out_pick_list_created"): _one},
    ("goods_out_pick_list", "completed"): {("PICK", "goods_out_pick_list_completed"): _one},
    ("shipment", "submitted"): {
        ("PICK", "shipment"): _one,
        ("PICK", "package"): _count_of("packages"),
    },
}
"""Per event (resource, event): the priced (charge type, unit of measure) and its units."""

ORDER_FACTS = ("account_id", "order_type_id")
"""What an event of a record belonging to an order (a shipment: `goods_out_id`) takes from
the order when its payload does not carry it."""

REFERENCED_RECORDS: Mapping[str, Table] = {
    "goods_out_id": goods_outs,
    "goods_out_pick_list_id": goods_out_pick_lists,
    "inbound_good_id": goods_in_receipts,
}
"""A line's references to the records it charges for, and their tables."""
RECORD_REFERENCE = {
    "goods_out": "goods_out_id",
    "goods_out_pick_list": "goods_out_pick_list_id",
    "goods_in": "inbound_good_id",
}
"""The reference an event's own record is."""

PICK_CONDITIONS = ("order_type_id", "carrier_id", "carrier_service_id")
"""A PICK price naming one of these charges only the orders that have it."""


@dataclass(frozen=True)
class Price:
    id: int
    tenant_id: int
    account_id: int
    code: str
    name: str
    charge_type: str
    unit_of_measure: str
    per: decimal.Decimal
    price: decimal.Decimal
    currency_id: int
    minor_unit: int
    tax_rate: decimal.Decimal
    conditions: Mapping[str, int]

    def applies_to(self, payload: JSONObject) -> bool:
        return all(payload.get(field) == value for field, value in self.conditions.items())

    def line(
        self,
        *,
        units: decimal.Decimal,
        source_key: str,
        occurred_at: dt.datetime,
        note: str,
        references: Mapping[str, int] | None = None,
    ) -> dict[str, object]:
        """A line of `units`; `references` name the records charged for (`goods_out_id`...)."""
        quantity = units / self.per if self.per else units
        now = utcnow()
        return {
            **dict.fromkeys(REFERENCED_RECORDS),
            **(references or {}),
            "tenant_id": self.tenant_id,
            "account_id": self.account_id,
            "charge_price_id": self.id,
            "charge_basket_id": None,
            "code": self.code[:30],
            "name": self.name,
            "description": note,
            "charge_type": self.charge_type,
            "unit_of_measure": self.unit_of_measure,
            "quantity": quantity,
            "price": self.price,
            "total": rounded(quantity * self.price, self.minor_unit),
            "currency_id": self.currency_id,
            "tax_rate": self.tax_rate,
            "occurred_at": occurred_at,
            "source_key": source_key,
            "created_at": now,
            "updated_at": now,
        }


async def account_prices(
    session: AsyncSession,
    *,
    accounts: Iterable[tuple[int, int]],
    charge_types: Sequence[str],
) -> dict[tuple[int, int], list[Price]]:
    """The automatic prices of the active cards billing `accounts` ((tenant, account) pairs),
    each in its currency or the tenant's default (a price with neither is not charged)."""
    pairs = sorted(set(accounts))
    if not pairs:
        return {}
    default_currency = currencies.alias("default_currency")
    default = (
        select(default_currency.c.id)
        .where(
            default_currency.c.tenant_id == charge_prices.c.tenant_id, default_currency.c.default
        )
        .scalar_subquery()
    )
    statement = (
        select(
            charge_prices,
            charge_card_accounts.c.account_id.label("billed_account_id"),
            currencies.c.id.label("charged_currency_id"),
            currencies.c.minor_unit,
            func.coalesce(tax_types.c.rate, ZERO).label("tax_rate"),
        )
        .select_from(charge_prices)
        .join(
            charge_card_accounts,
            charge_card_accounts.c.charge_card_id == charge_prices.c.charge_card_id,
        )
        .join(charge_cards, charge_cards.c.id == charge_prices.c.charge_card_id)
        .join(currencies, currencies.c.id == func.coalesce(charge_prices.c.currency_id, default))
        .outerjoin(tax_types, tax_types.c.id == charge_prices.c.tax_type_id)
        .where(
            tuple_(charge_card_accounts.c.tenant_id, charge_card_accounts.c.account_id).in_(pairs),
            charge_cards.c.active,
            or_(charge_prices.c.auto_charge.is_(None), charge_prices.c.auto_charge),
            charge_prices.c.charge_type.in_(charge_types),
        )
        .order_by(charge_prices.c.id)
    )
    found: dict[tuple[int, int], list[Price]] = {}
    for row in (await session.execute(statement)).mappings():
        price = Price(
            id=row["id"],
            tenant_id=row["tenant_id"],
            account_id=row["billed_account_id"],
            code=row["code"],
            name=row["name"],
            charge_type=row["charge_type"],
            unit_of_measure=row["unit_of_measure"],
            per=decimal.Decimal(row["quantity"]),
            price=decimal.Decimal(row["price"]),
            currency_id=row["charged_currency_id"],
            minor_unit=row["minor_unit"],
            tax_rate=decimal.Decimal(row["tax_rate"]),
            conditions={field: row[field] for field in PICK_CONDITIONS if row[field] is not None},
        )
        found.setdefault((price.tenant_id, price.account_id), []).append(price)
    return found


async def insert_new_lines(session: AsyncSession, lines: Sequence[dict[str, object]]) -> int:
    """Insert the lines whose `source_key` the tenant has not yet, each of a windowed account in
    the basket of its period; how many were new."""
    if not lines:
        return 0
    await place_in_baskets(session, lines)
    dialect = session.get_bind().dialect.name
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        make(charge_lines)
        .on_conflict_do_nothing(index_elements=["tenant_id", "source_key"])
        .returning(charge_lines.c.id)
    )
    result = await session.execute(statement, list(lines))
    return len(result.all())


async def _cursor(session: AsyncSession) -> int:
    dialect = session.get_bind().dialect.name
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await session.execute(
        make(charge_engine_cursors)
        .values(id=ENGINE_CURSOR, last_event_id=0)
        .on_conflict_do_nothing(index_elements=["id"])
    )
    statement = select(charge_engine_cursors.c.last_event_id).where(
        charge_engine_cursors.c.id == ENGINE_CURSOR
    )
    if dialect == "postgresql":
        statement = statement.with_for_update()
    return int((await session.execute(statement)).scalar_one())


def _references_of(resource_name: str, record_id: int, payload: JSONObject) -> dict[str, int]:
    """The records an event's lines charge for: its own, and a shipment's order."""
    references = {}
    if (column := RECORD_REFERENCE.get(resource_name)) is not None:
        references[column] = record_id
    if isinstance(order_id := payload.get("goods_out_id"), int) and resource_name == "shipment":
        references["goods_out_id"] = order_id
    return references


async def _forget_missing_references(
    session: AsyncSession, lines: Sequence[dict[str, object]]
) -> None:
    """A record deleted since its event is referenced by no line (one read per table)."""
    for column, table in REFERENCED_RECORDS.items():
        named = {value for line in lines if isinstance(value := line[column], int)}
        if not named:
            continue
        statement = select(table.c.id).where(table.c.id.in_(sorted(named)))
        existing = set((await session.execute(statement)).scalars())
        for line in lines:
            if line[column] is not None and line[column] not in existing:
                line[column] = None


async def _with_order_facts(
    session: AsyncSession, payloads: Sequence[tuple[int, JSONObject]]
) -> list[JSONObject]:
    """Each (tenant, payload) as charged: a payload naming its order (`goods_out_id`) and no
    account takes the order's account and order type (one read for the batch)."""
    wanted = sorted(
        {
            (tenant_id, order_id)
            for tenant_id, payload in payloads
            if "account_id" not in payload
            and isinstance(order_id := payload.get("goods_out_id"), int)
        }
    )
    facts: dict[tuple[int, int], JSONObject] = {}
    if wanted:
        statement = select(
            goods_outs.c.tenant_id, goods_outs.c.id, *(goods_outs.c[name] for name in ORDER_FACTS)
        ).where(tuple_(goods_outs.c.tenant_id, goods_outs.c.id).in_(wanted))
        for row in (await session.execute(statement)).mappings():
            facts[(row["tenant_id"], row["id"])] = {name: row[name] for name in ORDER_FACTS}
    return [
        {**facts.get((tenant_id, order_id), {}), **payload}
        if "account_id" not in payload and isinstance(order_id := payload.get("goods_out_id"), int)
        else payload
        for tenant_id, payload in payloads
    ]


@dataclass(frozen=True)
class EngineRound:
    events: int
    lines: int
    cursor: int


async def charge_events(session: AsyncSession, *, limit: int) -> EngineRound:
    """Charge up to `limit` events not yet charged and mark them charged, in the caller's
    transaction (one engine at a time: the engine's row is locked on PostgreSQL); first, the
    windowed accounts whose period has begun get its basket."""
    cursor = await _cursor(session)
    await open_current_baskets(session, now=utcnow())
    statement = (
        select(
            events.c.id,
            events.c.tenant_id,
            events.c.resource_name,
            events.c.event,
            events.c.record_id,
            events.c.payload,
            events.c.occurred_at,
        )
        .where(events.c.charged_at.is_(None))
        .order_by(events.c.id)
        .limit(limit)
    )
    read = (await session.execute(statement)).all()
    if not read:
        return EngineRound(0, 0, cursor)
    rows = [row for row in read if (row.resource_name, row.event) in ACTIVITIES]
    payloads = await _with_order_facts(session, [(row.tenant_id, row.payload) for row in rows])
    charge_types = sorted({kind for table in ACTIVITIES.values() for kind, _ in table})
    prices = await account_prices(
        session,
        accounts=[
            (row.tenant_id, account)
            for row, payload in zip(rows, payloads, strict=True)
            if isinstance(account := payload.get("account_id"), int)
        ],
        charge_types=charge_types,
    )
    lines: list[dict[str, object]] = []
    for row, payload in zip(rows, payloads, strict=True):
        activity = ACTIVITIES[(row.resource_name, row.event)]
        account = payload.get("account_id")
        for price in prices.get((row.tenant_id, account if isinstance(account, int) else 0), []):
            units_of = activity.get((price.charge_type, price.unit_of_measure))
            if units_of is None or not price.applies_to(payload):
                continue
            units = units_of(payload)
            if units <= 0:
                continue
            lines.append(
                price.line(
                    units=units,
                    source_key=f"event:{row.id}:price:{price.id}",
                    occurred_at=row.occurred_at,
                    note=f"{row.resource_name} {row.record_id} {row.event}",
                    references=_references_of(row.resource_name, row.record_id, payload),
                )
            )
    await _forget_missing_references(session, lines)
    written = await insert_new_lines(session, lines)
    await session.execute(
        update(events).where(events.c.id.in_([row.id for row in read])).values(charged_at=utcnow())
    )
    last = max(cursor, read[-1].id)
    await session.execute(
        update(charge_engine_cursors)
        .where(charge_engine_cursors.c.id == ENGINE_CURSOR)
        .values(last_event_id=last)
    )
    return EngineRound(len(read), written, last)


@dataclass(frozen=True)
class Holding:
    """What one account held at a day's end: units, and storage units (or bare locations)."""

    tenant_id: int
    account_id: int
    units: decimal.Decimal
    storage_units: int


async def holdings_at(
    session: AsyncSession, *, tenant_id: int | None, moment: dt.datetime
) -> list[Holding]:
    """Per account, the stock the ledger says was held at `moment` (set-based: one query)."""
    held = (
        select(
            transactions.c.stock_id,
            func.sum(transactions.c.quantity).label("held"),
        )
        .where(transactions.c.created_at < moment)
        .group_by(transactions.c.stock_id)
        .having(func.sum(transactions.c.quantity) > 0)
    )
    if tenant_id is not None:
        held = held.where(transactions.c.tenant_id == tenant_id)
    held_sq = held.subquery()
    place = case(
        (stocks.c.storage_unit_id.is_not(None), stocks.c.storage_unit_id * 2),
        else_=stocks.c.location_id * 2 + 1,
    )
    statement = (
        select(
            stocks.c.tenant_id,
            stocks.c.account_id,
            func.sum(held_sq.c.held).label("units"),
            func.count(distinct(place)).label("places"),
        )
        .join(held_sq, held_sq.c.stock_id == stocks.c.id)
        .group_by(stocks.c.tenant_id, stocks.c.account_id)
        .order_by(stocks.c.tenant_id, stocks.c.account_id)
    )
    return [
        Holding(row.tenant_id, row.account_id, decimal.Decimal(row.units), int(row.places))
        for row in await session.execute(statement)
    ]


STORAGE_UNITS: Mapping[str, Callable[[Holding], decimal.Decimal]] = {
    "storage_unit": lambda holding: decimal.Decimal(holding.storage_units),
    "item": lambda holding: holding.units,
}


async def charge_storage_day(
    session: AsyncSession, *, day: dt.date, tenant_id: int | None = None
) -> int:
    """The storage charges of `day` (of one tenant, or all): what was held at the day's end,
    priced by the accounts' RENTAL prices. Run again for the same day, it writes nothing more.
    How many lines were new."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    holdings = await holdings_at(session, tenant_id=tenant_id, moment=start + dt.timedelta(days=1))
    prices = await account_prices(
        session,
        accounts=[(holding.tenant_id, holding.account_id) for holding in holdings],
        charge_types=["RENTAL"],
    )
    lines = []
    for holding in holdings:
        for price in prices.get((holding.tenant_id, holding.account_id), []):
            units_of = STORAGE_UNITS.get(price.unit_of_measure)
            if units_of is None or (units := units_of(holding)) <= 0:
                continue
            lines.append(
                price.line(
                    units=units,
                    source_key=f"storage:{day.isoformat()}:price:{price.id}:account:{holding.account_id}",
                    occurred_at=start,
                    note=f"storage {day.isoformat()}",
                )
            )
    return await insert_new_lines(session, lines)
