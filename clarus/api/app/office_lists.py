"""The office lists: orders, receipts, products, stock by product and by location, tasks and
stock movements, each a page and a CSV export of what its filters leave (`listing.py`)."""

from __future__ import annotations

from fastapi import APIRouter

from clarus.api.app.listing import Column, FilterField, OfficeList, add_list_routes
from clarus.api.app.messages import Translator
from clarus.api.app.permissions import (
    NEW_ORDER,
    NEW_PRODUCT,
    NEW_RECEIPT,
    ORDERS,
    PRODUCTS,
    RECEIPTS,
    STOCK_BY_LOCATION,
    STOCK_BY_PRODUCT,
    TASKS,
    TRANSACTIONS,
)
from clarus.catalog.queries import ProductListRow, product_page
from clarus.inbound.queries import ReceiptListRow, receipt_page
from clarus.inbound.statuses import ReceiptStatus
from clarus.inventory.queries import (
    LocationStockRow,
    ProductStockRow,
    TransactionListRow,
    location_stock_page,
    product_stock_page,
    transaction_page,
)
from clarus.inventory.statuses import Movement, StockStatus
from clarus.outbound.queries import GoodsOutListRow, goods_out_page
from clarus.outbound.statuses import GoodsOutStatus
from clarus.tasks.queries import TaskListRow, task_page
from clarus.tasks.statuses import TaskStatus


def _movement(category: str, t: Translator) -> str:
    """A movement's name; a category this version does not know is shown as stored."""
    return t(f"movement.{category}") if category in set(Movement) else category


def _order_link(row: GoodsOutListRow, root: str) -> str:
    return f"{root}/office/orders/{row.id}"


def _receipt_link(row: ReceiptListRow, root: str) -> str:
    return f"{root}/office/receipts/{row.id}"


def _product_link(row: ProductListRow, root: str) -> str:
    return f"{root}/office/products/{row.id}"


router = APIRouter(prefix="/app/{subdomain}", include_in_schema=False)
EVERY_FILTER = frozenset(FilterField)
STOCK_FILTERS = frozenset({FilterField.STATUS, FilterField.ACCOUNT, FilterField.WAREHOUSE})

ORDER_LIST: OfficeList[GoodsOutListRow] = OfficeList(
    page=ORDERS,
    fetch=goods_out_page,
    create_page=NEW_ORDER,
    file_name="orders",
    filters=EVERY_FILTER,
    statuses=tuple((status.code, f"order_status.{status.code}") for status in GoodsOutStatus),
    dates_key="list.due_to_dispatch",
    columns=(
        Column("list.id", lambda row, t: row.id, is_number=True, link=_order_link),
        Column("list.reference", lambda row, t: row.reference, link=_order_link),
        Column("list.status", lambda row, t: t(f"order_status.{row.status.code}")),
        Column("list.account", lambda row, t: row.account_code),
        Column("list.warehouse", lambda row, t: row.warehouse_code),
        Column("list.due_to_dispatch", lambda row, t: row.expected_date_of_dispatch),
        Column("list.created", lambda row, t: row.created_at),
    ),
)
RECEIPT_LIST: OfficeList[ReceiptListRow] = OfficeList(
    page=RECEIPTS,
    fetch=receipt_page,
    create_page=NEW_RECEIPT,
    file_name="receipts",
    filters=EVERY_FILTER,
    statuses=tuple((status.value, f"receipt_status.{status.value}") for status in ReceiptStatus),
    dates_key="list.expected_arrival",
    columns=(
        Column("list.id", lambda row, t: row.id, is_number=True, link=_receipt_link),
        Column("list.reference", lambda row, t: row.reference, link=_receipt_link),
        Column("list.status", lambda row, t: t(f"receipt_status.{row.status.value}")),
        Column("list.account", lambda row, t: row.account_code),
        Column("list.warehouse", lambda row, t: row.warehouse_code),
        Column("list.supplier", lambda row, t: row.supplier_name),
        Column("list.expected_arrival", lambda row, t: row.expected_date_of_arrival),
        Column("list.created", lambda row, t: row.created_at),
    ),
)
PRODUCT_LIST: OfficeList[ProductListRow] = OfficeList(
    page=PRODUCTS,
    fetch=product_page,
    create_page=NEW_PRODUCT,
    file_name="products",
    filters=frozenset({FilterField.STATUS, FilterField.ACCOUNT}),
    statuses=(("active", "product_status.active"), ("obsolete", "product_status.obsolete")),
    columns=(
        Column("list.id", lambda row, t: row.id, is_number=True, link=_product_link),
        Column("list.code", lambda row, t: row.code, link=_product_link),
        Column("list.description", lambda row, t: row.description),
        Column("list.barcode", lambda row, t: row.barcode),
        Column(
            "list.status",
            lambda row, t: t(
                "product_status.obsolete" if row.is_obsolete else "product_status.active"
            ),
        ),
        Column("list.created", lambda row, t: row.created_at),
    ),
)
STOCK_STATUSES = tuple((status.value, f"stock_status.{status.value}") for status in StockStatus)
PRODUCT_STOCK_LIST: OfficeList[ProductStockRow] = OfficeList(
    page=STOCK_BY_PRODUCT,
    fetch=product_stock_page,
    file_name="stock-by-product",
    filters=STOCK_FILTERS,
    statuses=STOCK_STATUSES,
    columns=(
        Column("list.product", lambda row, t: row.product_code),
        Column("list.description", lambda row, t: row.description),
        Column("list.quantity", lambda row, t: row.quantity, is_number=True),
        Column("list.allocated", lambda row, t: row.allocated_quantity, is_number=True),
        Column("list.locations", lambda row, t: row.locations, is_number=True),
    ),
)
LOCATION_STOCK_LIST: OfficeList[LocationStockRow] = OfficeList(
    page=STOCK_BY_LOCATION,
    fetch=location_stock_page,
    file_name="stock-by-location",
    filters=STOCK_FILTERS,
    statuses=STOCK_STATUSES,
    columns=(
        Column("list.location", lambda row, t: row.location_code),
        Column("list.product", lambda row, t: row.product_code),
        Column("list.quantity", lambda row, t: row.quantity, is_number=True),
        Column("list.allocated", lambda row, t: row.allocated_quantity, is_number=True),
    ),
)
TASK_LIST: OfficeList[TaskListRow] = OfficeList(
    page=TASKS,
    fetch=task_page,
    file_name="tasks",
    filters=EVERY_FILTER,
    statuses=tuple((status.value, f"task_status.{status.value}") for status in TaskStatus),
    dates_key="list.created",
    columns=(
        Column("list.id", lambda row, t: row.id, is_number=True),
        Column("list.task_type", lambda row, t: t(f"task_type.{row.task_type.value}")),
        Column("list.status", lambda row, t: t(f"task_status.{row.status.value}")),
        Column("list.product", lambda row, t: row.product_code),
        Column("list.from_location", lambda row, t: row.location_from_code),
        Column("list.to_location", lambda row, t: row.location_to_code),
        Column("list.quantity", lambda row, t: row.quantity, is_number=True),
        Column("list.created", lambda row, t: row.created_at),
    ),
)
TRANSACTION_LIST: OfficeList[TransactionListRow] = OfficeList(
    page=TRANSACTIONS,
    fetch=transaction_page,
    file_name="transactions",
    filters=EVERY_FILTER,
    statuses=tuple((movement.value, f"movement.{movement.value}") for movement in Movement),
    dates_key="list.created",
    columns=(
        Column("list.id", lambda row, t: row.id, is_number=True),
        Column("list.movement", lambda row, t: _movement(row.category, t)),
        Column("list.product", lambda row, t: row.product_code),
        Column("list.quantity", lambda row, t: row.quantity, is_number=True),
        Column("list.from_location", lambda row, t: row.location_from_code),
        Column("list.to_location", lambda row, t: row.location_to_code),
        Column("list.description", lambda row, t: row.description),
        Column("list.created", lambda row, t: row.created_at),
    ),
)

add_list_routes(router, ORDER_LIST)
add_list_routes(router, RECEIPT_LIST)
add_list_routes(router, PRODUCT_LIST)
add_list_routes(router, PRODUCT_STOCK_LIST)
add_list_routes(router, LOCATION_STOCK_LIST)
add_list_routes(router, TASK_LIST)
add_list_routes(router, TRANSACTION_LIST)
