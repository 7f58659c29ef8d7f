"""Warehouse routes: the tenant's pick walk as one ordered list of products (`positions`), each
route for picks in a warehouse, of an account, for a customer, or any of them where left out;
`pick_order` sorts picks by it. A route is made at its `position` (ours; last when left out),
moved by one, and the routes after a deleted one move up. Services never commit."""

from __future__ import annotations

from clarus.catalog.tables import products
from clarus.core import crud
from clarus.masterdata.tables import accounts, customers, warehouses
from clarus.stockcontrol import positions
from clarus.stockcontrol.tables import warehouse_routes

WAREHOUSE_ROUTES = crud.RecordKind(
    warehouse_routes,
    event_name="warehouse_route",
    unique_code=False,
    references={
        "product_id": products,
        "warehouse_id": warehouses,
        "account_id": accounts,
        "customer_id": customers,
    },
)
WAREHOUSE_ROUTE_LIST = positions.OrderedKind(WAREHOUSE_ROUTES)
WAREHOUSE_ROUTE_WRITES = positions.ordered_writes(WAREHOUSE_ROUTE_LIST)
