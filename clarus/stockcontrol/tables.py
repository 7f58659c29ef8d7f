"""Stock control's Core tables, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of

# Groups, put-away rules and warehouse routes (s-rules).
from clarus.stockcontrol.models import (
    Group,
    LocationGroup,
    ProductGroup,
    PutawayRule,
    WarehouseRoute,
)

groups = table_of(Group)
product_groups = table_of(ProductGroup)
location_groups = table_of(LocationGroup)
putaway_rules = table_of(PutawayRule)
warehouse_routes = table_of(WarehouseRoute)
