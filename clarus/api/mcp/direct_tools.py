"""Direct tools for the questions users ask most: stock of a product, status of an order or a
receipt, the open orders of an account. Each answers in a few readable lines, as the user."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import ToolAnnotations
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.api.mcp.acting import Acting, acting
from clarus.auth.scopes import Scope
from clarus.catalog.queries import product_ids_with_code, product_view
from clarus.inbound.queries import receipt_ids_of_reference, receipt_view
from clarus.inventory.queries import stock_of_product, stock_totals_of_products
from clarus.masterdata.queries import account_id_with_code
from clarus.outbound.queries import (
    count_open_goods_outs_of_account,
    goods_out_ids_with_reference,
    goods_out_view,
    open_goods_outs_of_account,
)

MATCHES_SHOWN = 3
LOCATIONS_SHOWN = 10
LINES_SHOWN = 20
OPEN_ORDERS_SHOWN = 25


def _reader(ctx: Context) -> Acting:
    """The acting user, who must hold the read scope (their role's)."""
    who = acting(ctx)
    if Scope.READ.value not in who.principal.scopes:
        raise ToolError("Your role does not allow reading records (it lacks the read scope).")
    return who


def _number(value: decimal.Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def _day(moment: dt.datetime | None) -> str:
    return moment.date().isoformat() if moment is not None else "not set"


def _first_lines(lines: Iterable[str]) -> list[str]:
    """The first `LINES_SHOWN` of a record's lines, and how many more there are."""
    texts = list(lines)
    rest = len(texts) - LINES_SHOWN
    return texts[:LINES_SHOWN] + ([f"  and {rest} more lines"] if rest > 0 else [])


async def _product_stock(session: AsyncSession, who: Acting, product_ids: list[int]) -> list[str]:
    tenant_id = who.principal.tenant_id
    totals = await stock_totals_of_products(session, tenant_id=tenant_id, product_ids=product_ids)
    lines: list[str] = []
    for product_id in product_ids:
        product = await product_view(session, tenant_id=tenant_id, product_id=product_id)
        if product is None:
            continue
        total = totals.get(product_id)
        name = f"{product.code}" + (f" ({product.description})" if product.description else "")
        if total is None:
            lines.append(f"{name}: no stock in hand.")
            continue
        available = total.quantity - total.allocated_quantity
        lines.append(
            f"{name}: {_number(total.quantity)} in hand, {_number(total.allocated_quantity)} "
            f"allocated, {_number(available)} available, in {total.locations} "
            f"location{'s' if total.locations != 1 else ''}."
        )
        places = await stock_of_product(
            session, tenant_id=tenant_id, product_id=product_id, limit=LOCATIONS_SHOWN
        )
        lines.extend(
            f"  {place.location_code}: {_number(place.quantity)}"
            + (
                f" ({_number(place.allocated_quantity)} allocated)"
                if place.allocated_quantity
                else ""
            )
            for place in places
        )
    return lines


async def product_stock(code: str, ctx: Context) -> str:
    """How much of a product is in stock: the product code (or barcode or alternative code),
    e.g. WIDGET-RED-500. Answers quantity in hand, allocated and available, and where it is."""
    who = _reader(ctx)
    async with who.db.read_session() as session:
        product_ids = await product_ids_with_code(
            session, tenant_id=who.principal.tenant_id, code=code.strip()
        )
        if not product_ids:
            return f"No product has the code {code!r}."
        lines = await _product_stock(session, who, product_ids[:MATCHES_SHOWN])
    return "\n".join(lines)


async def order_status(reference: str, ctx: Context) -> str:
    """The status of a sales order (goods out) by its reference, e.g. SO-2026-0042: status,
    account, warehouse, dates and each line's ordered, allocated, picked, dispatched quantity."""
    who = _reader(ctx)
    tenant_id = who.principal.tenant_id
    async with who.db.read_session() as session:
        ids = await goods_out_ids_with_reference(
            session, tenant_id=tenant_id, reference=reference.strip(), limit=MATCHES_SHOWN
        )
        views = [
            view
            for goods_out_id in ids
            if (
                view := await goods_out_view(
                    session, tenant_id=tenant_id, goods_out_id=goods_out_id
                )
            )
        ]
    if not views:
        return f"No order has the reference {reference!r}."
    answer: list[str] = []
    for view in views:
        order = view.header
        answer.append(
            f"Order {order.reference} (id {order.id}): {order.status.label}; account "
            f"{order.account_code or '-'}, warehouse {order.warehouse_code or '-'}; due to "
            f"dispatch {_day(order.expected_date_of_dispatch)}"
            + (
                f", dispatched {_day(order.actual_date_of_dispatch)}"
                if order.actual_date_of_dispatch
                else ""
            )
            + "."
        )
        answer.extend(
            _first_lines(
                f"  {line.product_code or '-'}: {_number(line.order_quantity)} ordered, "
                f"{_number(line.allocated_quantity)} allocated, {_number(line.pick_quantity)} "
                f"picked, {_number(line.dispatch_quantity)} dispatched"
                for line in view.lines
            )
        )
    return "\n".join(answer)


async def receipt_status(reference: str, ctx: Context) -> str:
    """The status of a goods-in receipt (purchase order, delivery) by its reference: status,
    account, supplier, expected arrival and each line's expected and received quantity."""
    who = _reader(ctx)
    tenant_id = who.principal.tenant_id
    async with who.db.read_session() as session:
        ids = await receipt_ids_of_reference(
            session, tenant_id=tenant_id, reference=reference.strip(), limit=MATCHES_SHOWN
        )
        views = [
            view
            for receipt_id in ids
            if (view := await receipt_view(session, tenant_id=tenant_id, receipt_id=receipt_id))
        ]
    if not views:
        return f"No receipt has the reference {reference!r}."
    answer: list[str] = []
    for view in views:
        receipt = view.header
        answer.append(
            f"Receipt {receipt.reference} (id {receipt.id}): {receipt.status.value}; account "
            f"{receipt.account_code or '-'}, warehouse {receipt.warehouse_code or '-'}, supplier "
            f"{receipt.supplier_name or '-'}; expected {_day(receipt.expected_date_of_arrival)}."
        )
        answer.extend(
            _first_lines(
                f"  {line.product_code or '-'}: {_number(line.expected_quantity)} expected, "
                f"{_number(line.received_quantity)} received"
                for line in view.lines
            )
        )
    return "\n".join(answer)


async def open_orders(account_code: str, ctx: Context) -> str:
    """The open sales orders (not yet dispatched or cancelled) of an account, by the account's
    code: reference, status and due date, soonest due first."""
    who = _reader(ctx)
    tenant_id = who.principal.tenant_id
    async with who.db.read_session() as session:
        account_id = await account_id_with_code(
            session, tenant_id=tenant_id, code=account_code.strip()
        )
        if account_id is None:
            return f"No account has the code {account_code!r}."
        orders = await open_goods_outs_of_account(
            session, tenant_id=tenant_id, account_id=account_id, limit=OPEN_ORDERS_SHOWN
        )
        count = await count_open_goods_outs_of_account(
            session, tenant_id=tenant_id, account_id=account_id
        )
    if not orders:
        return f"Account {account_code} has no open orders."
    answer = [f"Account {account_code} has {count} open order{'s' if count != 1 else ''}:"]
    answer.extend(
        f"  {order.reference or '(no reference)'} (id {order.id}): {order.status.label}, due "
        f"{_day(order.expected_date_of_dispatch)}"
        for order in orders
    )
    if count > len(orders):
        answer.append(f"  and {count - len(orders)} more")
    return "\n".join(answer)


READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, open_world_hint=False)


def register(server: MCPServer) -> None:
    for tool in (product_stock, order_status, receipt_status, open_orders):
        server.add_tool(tool, annotations=READ_ONLY, structured_output=False)
