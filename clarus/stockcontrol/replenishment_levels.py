"""What replenishment reads: how full a pick face is, and the reserve stock that can fill it.

A pick face's level, for one product and account, is the stock there that can still be
allocated (available, less what is allocated) plus what open REPLEN tasks are bringing to it:
allocation lowers it, picking (which takes only allocated stock) does not, and a replenishment
counts the moment its task exists, so a second trigger sees it and does not repeat it.

Reserve stock is the account's available stock of the product in the pick face's warehouse in
an active location that is no pick face and no goods in or goods out bay (stock waiting for
put-away or dispatch), less what is allocated and what open REPLEN and put-away tasks already
name of it; it is fetched in the order allocation takes stock (`pick_order`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, Subquery, and_, func, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import pickface_products
from clarus.core.db import DecimalType
from clarus.inventory.queries import pick_order
from clarus.inventory.statuses import StockStatus
from clarus.inventory.tables import stocks
from clarus.masterdata.tables import accounts, location_types, locations
from clarus.tasks.service import NewTask
from clarus.tasks.statuses import OPEN, TaskType
from clarus.tasks.tables import tasks

ZERO = Decimal(0)
BAYS = ("GIBAY", "GOBAY")
"""Location types whose stock is passing through (received, or picked): never reserve."""
CONTINUOUS = "continuous"
"""The replenishment type topped up automatically when its level falls below its minimum."""
OPEN_REPLENISHMENT: ColumnElement[bool] = and_(
    tasks.c.task_type_code == TaskType.REPLENISH, tasks.c.status.in_(sorted(OPEN))
)
EARMARKING_TASKS = sorted({TaskType.REPLENISH, TaskType.PUTAWAY})
"""Open tasks of these types will take the stock record they name (`stock_id`)."""


@dataclass(frozen=True, slots=True)
class Face:
    """A pick face of one product, for one account, with its level now."""

    pickface_product_id: int
    location_id: int
    product_id: int
    account_id: int
    warehouse_id: int
    pick_rule: str
    trigger_min: int | None
    trigger_max: int | None
    full_storage_units_only: bool
    level: Decimal

    @property
    def shortfall(self) -> Decimal:
        """What it takes to fill the face up to its maximum (nothing without one)."""
        if self.trigger_max is None:
            return ZERO
        return max(ZERO, self.trigger_max - self.level)

    @property
    def is_below_minimum(self) -> bool:
        return self.trigger_min is not None and self.level < self.trigger_min


@dataclass(slots=True)
class ReserveStock:
    """A reserve stock record and what of it no one has claimed yet (`free`, counted down as
    a plan claims it)."""

    stock_id: int
    product_id: int
    location_id: int
    storage_unit_id: int | None
    free: Decimal


def touched_faces(stock_ids: Collection[int]) -> Subquery:
    """(location, product, account) of these stock records, each once."""
    return (
        select(stocks.c.location_id, stocks.c.product_id, stocks.c.account_id)
        .where(stocks.c.id.in_(sorted(stock_ids)))
        .distinct()
        .subquery()
    )


def named_face(pickface_product_id: int, account_id: int) -> Subquery:
    """(location, product, account) of one pickface product, for one account."""
    return (
        select(
            pickface_products.c.location_id,
            pickface_products.c.product_id,
            accounts.c.id.label("account_id"),
        )
        .join(accounts, accounts.c.tenant_id == pickface_products.c.tenant_id)
        .where(pickface_products.c.id == pickface_product_id, accounts.c.id == account_id)
        .subquery()
    )


async def lock_continuous_faces(
    session: AsyncSession, *, tenant_id: int, stock_ids: Collection[int]
) -> list[int]:
    """Lock, in id order, the continuously replenished pickface products (with both triggers)
    of the pick faces these stock records lie in; their ids."""
    touched = touched_faces(stock_ids)
    statement = (
        select(pickface_products.c.id)
        .where(
            pickface_products.c.tenant_id == tenant_id,
            pickface_products.c.replenishment_type == CONTINUOUS,
            pickface_products.c.trigger_min.is_not(None),
            pickface_products.c.trigger_max.is_not(None),
            select(touched.c.location_id)
            .where(
                touched.c.location_id == pickface_products.c.location_id,
                touched.c.product_id == pickface_products.c.product_id,
            )
            .exists(),
        )
        .order_by(pickface_products.c.id)
        .with_for_update()
    )
    return list((await session.execute(statement)).scalars())


async def face_levels(
    session: AsyncSession,
    *,
    tenant_id: int,
    touched: Subquery,
    pickface_product_ids: Collection[int],
) -> list[Face]:
    """The faces of these pickface products (in a location still flagged a pick face) for the
    accounts `touched` names, with their levels: one statement however many."""
    free = (
        select(func.coalesce(func.sum(stocks.c.quantity - stocks.c.allocated_quantity), 0))
        .where(
            stocks.c.tenant_id == tenant_id,
            stocks.c.location_id == touched.c.location_id,
            stocks.c.product_id == touched.c.product_id,
            stocks.c.account_id == touched.c.account_id,
            stocks.c.status == StockStatus.AVAILABLE,
        )
        .scalar_subquery()
    )
    on_the_way = (
        select(func.coalesce(func.sum(tasks.c.start_quantity), 0))
        .where(
            tasks.c.tenant_id == tenant_id,
            OPEN_REPLENISHMENT,
            tasks.c.location_to_id == touched.c.location_id,
            tasks.c.product_id == touched.c.product_id,
            tasks.c.account_id == touched.c.account_id,
        )
        .scalar_subquery()
    )
    statement = (
        select(
            pickface_products.c.id,
            pickface_products.c.location_id,
            pickface_products.c.product_id,
            touched.c.account_id,
            locations.c.warehouse_id,
            accounts.c.pick_rule,
            pickface_products.c.trigger_min,
            pickface_products.c.trigger_max,
            pickface_products.c.full_storage_units_only,
            type_coerce(free + on_the_way, DecimalType),
        )
        .select_from(touched)
        .join(
            pickface_products,
            and_(
                pickface_products.c.location_id == touched.c.location_id,
                pickface_products.c.product_id == touched.c.product_id,
            ),
        )
        .join(locations, locations.c.id == pickface_products.c.location_id)
        .join(accounts, accounts.c.id == touched.c.account_id)
        .where(
            pickface_products.c.id.in_(sorted(pickface_product_ids)),
            locations.c.is_pickface.is_(True),
        )
        .order_by(pickface_products.c.id, touched.c.account_id)
    )
    return [Face(*row) for row in (await session.execute(statement)).all()]


async def reserve_stock(
    session: AsyncSession,
    *,
    tenant_id: int,
    account_id: int,
    warehouse_id: int,
    pick_rule: str,
    product_ids: Collection[int],
) -> dict[int, list[ReserveStock]]:
    """The account's unclaimed reserve stock of these products in the warehouse, per product
    in pick order: one statement."""
    claimed = (
        select(func.coalesce(func.sum(tasks.c.start_quantity), 0))
        .where(
            tasks.c.stock_id == stocks.c.id,
            tasks.c.task_type_code.in_(EARMARKING_TASKS),
            tasks.c.status.in_(sorted(OPEN)),
        )
        .scalar_subquery()
    )
    statement = (
        select(
            stocks.c.id,
            stocks.c.product_id,
            stocks.c.location_id,
            stocks.c.storage_unit_id,
            type_coerce(stocks.c.quantity - stocks.c.allocated_quantity - claimed, DecimalType),
        )
        .join(locations, locations.c.id == stocks.c.location_id)
        .join(location_types, location_types.c.id == locations.c.location_type_id)
        .where(
            stocks.c.tenant_id == tenant_id,
            stocks.c.account_id == account_id,
            stocks.c.warehouse_id == warehouse_id,
            stocks.c.product_id.in_(sorted(product_ids)),
            stocks.c.status == StockStatus.AVAILABLE,
            stocks.c.quantity > stocks.c.allocated_quantity,
            locations.c.is_pickface.is_(False),
            locations.c.is_active.is_(True),
            location_types.c.code.not_in(BAYS),
        )
        .order_by(stocks.c.product_id, *pick_order(pick_rule))
    )
    found: dict[int, list[ReserveStock]] = {}
    for row in (await session.execute(statement)).all():
        record = ReserveStock(*row)
        if record.free > 0:
            found.setdefault(record.product_id, []).append(record)
    return found


async def open_replenishments(session: AsyncSession, *, tenant_id: int, face: Face) -> list[int]:
    """The ids of the open REPLEN tasks bringing the face's product to it for its account."""
    statement = (
        select(tasks.c.id)
        .where(
            tasks.c.tenant_id == tenant_id,
            OPEN_REPLENISHMENT,
            tasks.c.location_to_id == face.location_id,
            tasks.c.product_id == face.product_id,
            tasks.c.account_id == face.account_id,
        )
        .order_by(tasks.c.id)
    )
    return list((await session.execute(statement)).scalars())


def planned_tasks(
    faces: Sequence[Face], reserve: dict[int, list[ReserveStock]], *, user_id: int | None
) -> list[NewTask]:
    """A REPLEN task per reserve record each face takes from, oldest first, until its
    shortfall is covered (with `full_storage_units_only`, whole records, which may go past the
    maximum as the knowledge base allows: "or to the next full storage unit")."""
    rows: list[NewTask] = []
    for face in faces:
        need = face.shortfall
        for record in reserve.get(face.product_id, []):
            if need <= 0:
                break
            if record.free <= 0:
                continue
            quantity = record.free if face.full_storage_units_only else min(need, record.free)
            record.free -= quantity
            need -= quantity
            rows.append(
                NewTask(
                    task_type_code=TaskType.REPLENISH,
                    account_id=face.account_id,
                    warehouse_id=face.warehouse_id,
                    product_id=face.product_id,
                    location_from_id=record.location_id,
                    storage_unit_from_id=record.storage_unit_id,
                    stock_id=record.stock_id,
                    location_to_id=face.location_id,
                    start_quantity=quantity,
                    user_created_by_id=user_id,
                )
            )
    return rows
