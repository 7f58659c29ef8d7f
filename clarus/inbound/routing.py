"""Where received stock goes when it does not wait for put-away: a crossdock order (outbound)
may be waiting for the receipt line it arrived on. Outbound and shipping sit above inbound and
register their routes here when imported, so inbound never imports them."""

from __future__ import annotations

import decimal
from dataclasses import dataclass, replace
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

ZERO = decimal.Decimal(0)


@dataclass(frozen=True, slots=True)
class ReceivedStock:
    """Stock just received into a stock record for a receipt line: how much of it is still
    free for the next route."""

    tenant_id: int
    user_id: int
    stock_id: int
    quantity: decimal.Decimal
    account_id: int
    warehouse_id: int
    product_id: int
    goods_in_receipt_id: int
    goods_in_receipt_line_id: int


class ReceivedStockRoute(Protocol):
    async def __call__(self, session: AsyncSession, *, received: ReceivedStock) -> decimal.Decimal:
        """Take what the route wants of `received` (at most its quantity); how much it took.
        A route that only notes the arrival takes nothing."""
        ...


RECEIVED_STOCK_ROUTES: list[ReceivedStockRoute] = []


async def route_received(session: AsyncSession, *, received: ReceivedStock) -> decimal.Decimal:
    """Offer the stock to every registered route in turn, each the rest the earlier ones left;
    how much they took together (what needs no put-away)."""
    taken = ZERO
    for route in RECEIVED_STOCK_ROUTES:
        left = received.quantity - taken
        taken += min(left, await route(session, received=replace(received, quantity=left)))
    return taken
