"""The order picks are walked in: by the warehouse route of each pick's product, the routed
picks first in route position order, the others after them as they came.

Of several routes of a product, the one that applies to a pick is the most specific (the most
of warehouse, account and customer named, each matching the pick's), then the first in
position; a route naming another warehouse, account or customer does not apply.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.stockcontrol.tables import warehouse_routes


@dataclass(frozen=True, slots=True)
class Pick:
    product_id: int
    warehouse_id: int
    account_id: int
    customer_id: int | None


@dataclass(frozen=True, slots=True)
class _Route:
    product_id: int
    warehouse_id: int | None
    account_id: int | None
    customer_id: int | None
    position: int

    def applies_to(self, pick: Pick) -> bool:
        return (
            self.product_id == pick.product_id
            and self.warehouse_id in (None, pick.warehouse_id)
            and self.account_id in (None, pick.account_id)
            and self.customer_id in (None, pick.customer_id)
        )

    @property
    def rank(self) -> tuple[int, int]:
        named = (self.warehouse_id, self.account_id, self.customer_id)
        return (-sum(scope is not None for scope in named), self.position)


async def _routes_of(session: AsyncSession, tenant_id: int, product_ids: set[int]) -> list[_Route]:
    table = warehouse_routes
    statement = select(
        table.c.product_id,
        table.c.warehouse_id,
        table.c.account_id,
        table.c.customer_id,
        table.c.position,
    ).where(table.c.tenant_id == tenant_id, table.c.product_id.in_(sorted(product_ids)))
    return [_Route(*row) for row in await session.execute(statement)]


async def walk_order(session: AsyncSession, *, tenant_id: int, picks: Sequence[Pick]) -> list[int]:
    """The indexes of `picks` in the order they are walked."""
    if not picks:
        return []
    routes = await _routes_of(session, tenant_id, {pick.product_id for pick in picks})
    positions: list[int | None] = []
    for pick in picks:
        applying = [route for route in routes if route.applies_to(pick)]
        positions.append(min(applying, key=lambda route: route.rank).position if applying else None)

    def key(index: int) -> tuple[bool, int, int]:
        position = positions[index]
        return (position is None, position or 0, index)

    return sorted(range(len(picks)), key=key)
