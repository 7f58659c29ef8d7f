"""Product storage units and their priorities.

A product's storage units carry the priorities 0, 1, 2, ... without gaps (0 is the one a receipt
line uses by default), unique per product. Every change of order is set-based, under a lock on
the product row, and in two statements: the rows that move first take negative priorities, then
turn positive, so that the unique (product_id, priority) holds after every single row on every
backend (neither SQLite nor PostgreSQL defers a plain unique constraint to the end of a statement).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, case, func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import product_storage_units, products, storage_unit_types
from clarus.core import crud
from clarus.core.db import DecimalType, UTCDateTime, utcnow
from clarus.core.errors import ClarusError, ErrorKind, NotFound
from clarus.core.fields import DECIMAL_PRECISION, DECIMAL_SCALE
from clarus.core.locks import lock_rows
from clarus.core.records import RowDict
from clarus.core.schemas import InputModel

PRODUCT_STORAGE_UNITS = crud.RecordKind(
    product_storage_units,
    event_name="product_storage_unit",
    unique_code=False,
    references={"product_id": products, "storage_unit_type_id": storage_unit_types},
)
EVENT_NAME = PRODUCT_STORAGE_UNITS.event_name
DEFAULT_STOCK_CONFIGURATION = "unit"
DEFAULT_UNIT_OF_MEASURE = "centimetre"
_LARGEST_DECIMAL = Decimal(10) ** (DECIMAL_PRECISION - DECIMAL_SCALE)

psus = product_storage_units


@dataclass(frozen=True, slots=True)
class Placement:
    product_id: int
    priority: int


async def create_product_storage_unit(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    """Put it last, or at the `priority` sent (the ones from there on move down one)."""
    values = attributes.model_dump(exclude_none=True)
    product_id: int = values["product_id"]
    await lock_rows(session, products, tenant_id=tenant_id, record_ids=[product_id])
    count = await _count(session, tenant_id=tenant_id, product_id=product_id)
    position = min(values.pop("priority", count), count)
    await _renumber(
        session,
        tenant_id=tenant_id,
        product_ids=[product_id],
        where=psus.c.priority >= position,
        new_priority=psus.c.priority + 1,
    )
    if "total" not in values:
        values["total"] = _default_total(values["per_layer"], values["number_of_layers"])
    return await crud.insert_record(
        session, kind, tenant_id=tenant_id, values={**values, "priority": position}
    )


async def update_product_storage_unit(
    session: AsyncSession,
    kind: crud.RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    """Change the attributes sent. `priority` changes only through `reprioritise`: here it is
    accepted only unchanged (a client may send back the record it read). Moved to another
    product, the storage unit goes last there and the old product closes the gap."""
    changes = kind.changes_of(attributes)
    target_product_id = changes.get("product_id")
    current = await _lock_placement(
        session, tenant_id=tenant_id, record_id=record_id, also_lock=target_product_id
    )
    if "priority" in changes and changes.pop("priority") != current.priority:
        raise ClarusError.of(
            ErrorKind.READ_ONLY_ATTRIBUTE,
            "priority changes only through PATCH /api/product_storage_units/{id}/priority.",
            path="/priority",
        )
    moving_to = None if target_product_id == current.product_id else target_product_id
    if moving_to is not None:
        changes["priority"] = await _count(session, tenant_id=tenant_id, product_id=moving_to)
    record = await crud.change_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
    )
    if moving_to is not None:
        await _close_gap(session, tenant_id=tenant_id, placement=current)
    return record


async def delete_product_storage_unit(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    current = await _lock_placement(session, tenant_id=tenant_id, record_id=record_id)
    await crud.delete_record(session, kind, tenant_id=tenant_id, record_id=record_id)
    await _close_gap(session, tenant_id=tenant_id, placement=current)


PRODUCT_STORAGE_UNIT_WRITES = crud.RecordWrites(
    create=create_product_storage_unit,
    update=update_product_storage_unit,
    delete=delete_product_storage_unit,
)


async def reprioritise_product_storage_unit(
    session: AsyncSession, *, tenant_id: int, record_id: int, priority: int
) -> None:
    """Move a storage unit to `priority` among its product's (past the end: last); the ones in
    between shift by one."""
    current = await _lock_placement(session, tenant_id=tenant_id, record_id=record_id)
    count = await _count(session, tenant_id=tenant_id, product_id=current.product_id)
    target = min(priority, count - 1)
    if target == current.priority:
        return
    step = 1 if target < current.priority else -1
    await _renumber(
        session,
        tenant_id=tenant_id,
        product_ids=[current.product_id],
        where=psus.c.priority.between(min(target, current.priority), max(target, current.priority)),
        new_priority=case((psus.c.id == record_id, target), else_=psus.c.priority + step),
    )


async def add_default_storage_units(
    session: AsyncSession, *, tenant_id: int, product_id: int
) -> None:
    """A new product gets a storage unit on every storage unit type of the tenant, in the order
    the types were made (priority 0 on the first), so a receipt line has one to use at once."""
    now = utcnow()
    types = storage_unit_types
    defaults = select(
        literal(tenant_id),
        literal(product_id),
        types.c.id,
        literal(DEFAULT_STOCK_CONFIGURATION),
        literal(DEFAULT_UNIT_OF_MEASURE),
        literal(Decimal(0), DecimalType),
        literal(0),
        func.row_number().over(order_by=types.c.id) - 1,
        literal(now, UTCDateTime()),
        literal(now, UTCDateTime()),
    ).where(types.c.tenant_id == tenant_id)
    columns = [
        "tenant_id",
        "product_id",
        "storage_unit_type_id",
        "stock_configuration",
        "unit_of_measure",
        "per_layer",
        "number_of_layers",
        "priority",
        "created_at",
        "updated_at",
    ]
    statement = insert(psus).from_select(columns, defaults).returning(*psus.c)
    for row in (await session.execute(statement)).mappings().all():
        await crud.emit_change(
            session, PRODUCT_STORAGE_UNITS, tenant_id=tenant_id, event="created", record=dict(row)
        )


async def remove_storage_units_of_type(
    session: AsyncSession, *, tenant_id: int, storage_unit_type_id: int
) -> None:
    """Before a storage unit type goes: delete its product storage units and close the gaps
    they leave in each product's priorities."""
    of_type = psus.c.storage_unit_type_id == storage_unit_type_id
    statement = select(psus.c.product_id).where(psus.c.tenant_id == tenant_id, of_type)
    product_ids = list((await session.execute(statement.distinct())).scalars())
    if not product_ids:
        return
    await lock_rows(session, products, tenant_id=tenant_id, record_ids=product_ids)
    await crud.delete_records_where(
        session, PRODUCT_STORAGE_UNITS, tenant_id=tenant_id, where=of_type
    )
    ranked = (
        select(
            psus.c.id,
            (
                func.row_number().over(partition_by=psus.c.product_id, order_by=psus.c.priority) - 1
            ).label("rank"),
        )
        .where(psus.c.tenant_id == tenant_id, psus.c.product_id.in_(product_ids))
        .subquery()
    )
    await _renumber(
        session,
        tenant_id=tenant_id,
        product_ids=product_ids,
        where=(psus.c.id == ranked.c.id) & (psus.c.priority != ranked.c.rank),
        new_priority=ranked.c.rank,
    )


def _default_total(per_layer: Decimal, number_of_layers: int) -> Decimal:
    total = per_layer * number_of_layers
    if total >= _LARGEST_DECIMAL:
        raise ClarusError.of(
            ErrorKind.OUT_OF_RANGE,
            "per_layer * number_of_layers is too large for total; send total.",
            path="/total",
        )
    return total


async def _count(session: AsyncSession, *, tenant_id: int, product_id: int) -> int:
    statement = select(func.count()).where(
        psus.c.tenant_id == tenant_id, psus.c.product_id == product_id
    )
    count: int = (await session.execute(statement)).scalar_one()
    return count


async def _placement(session: AsyncSession, *, tenant_id: int, record_id: int) -> Placement:
    statement = select(psus.c.product_id, psus.c.priority).where(
        psus.c.tenant_id == tenant_id, psus.c.id == record_id
    )
    row = (await session.execute(statement)).one_or_none()
    if row is None:
        raise NotFound(EVENT_NAME, record_id)
    return Placement(product_id=row.product_id, priority=row.priority)


async def _lock_placement(
    session: AsyncSession, *, tenant_id: int, record_id: int, also_lock: int | None = None
) -> Placement:
    """Lock the product of a storage unit (and `also_lock`, a product it moves to), then read
    where the storage unit stands, now that nobody else can change it."""
    seen = await _placement(session, tenant_id=tenant_id, record_id=record_id)
    product_ids = {seen.product_id} | ({also_lock} if also_lock is not None else set())
    await lock_rows(session, products, tenant_id=tenant_id, record_ids=product_ids)
    current = await _placement(session, tenant_id=tenant_id, record_id=record_id)
    if current.product_id != seen.product_id:
        raise ClarusError.of(ErrorKind.CONFLICT)
    return current


async def _close_gap(session: AsyncSession, *, tenant_id: int, placement: Placement) -> None:
    await _renumber(
        session,
        tenant_id=tenant_id,
        product_ids=[placement.product_id],
        where=psus.c.priority > placement.priority,
        new_priority=psus.c.priority - 1,
    )


async def _renumber(
    session: AsyncSession,
    *,
    tenant_id: int,
    product_ids: Collection[int],
    where: ColumnElement[bool],
    new_priority: ColumnElement[int],
) -> None:
    """Give the storage units of `product_ids` matching `where` their `new_priority` (a SQL
    expression), through negative priorities; each one that moved emits `updated`."""
    of_products = psus.c.product_id.in_(product_ids)
    await session.execute(
        update(psus)
        .where(psus.c.tenant_id == tenant_id, of_products, where)
        .values(priority=-1 - new_priority)
    )
    await crud.change_records(
        session,
        PRODUCT_STORAGE_UNITS,
        tenant_id=tenant_id,
        where=of_products & (psus.c.priority < 0),
        values={"priority": -1 - psus.c.priority},
    )
