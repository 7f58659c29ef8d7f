"""Stock control's Core tables, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of
from clarus.stockcontrol.models import (
    Group,
    LocationGroup,
    ProductGroup,
    PutawayRule,
    StockCheck,
    StockCheckAttempt,
    StockCheckRecord,
    WarehouseRoute,
)

groups = table_of(Group)
product_groups = table_of(ProductGroup)
location_groups = table_of(LocationGroup)
putaway_rules = table_of(PutawayRule)
warehouse_routes = table_of(WarehouseRoute)

stock_checks = table_of(StockCheck)
stock_check_records = table_of(StockCheckRecord)
stock_check_attempts = table_of(StockCheckAttempt)
