"""The outbound Core tables, for set-based statements."""

from __future__ import annotations

from clarus.core.db import table_of
from clarus.outbound.models import (
    Allocation,
    GoodsOut,
    GoodsOutLine,
    GoodsOutPickList,
    PickProcessingRequest,
)

goods_outs = table_of(GoodsOut)
goods_out_lines = table_of(GoodsOutLine)
allocations = table_of(Allocation)
goods_out_pick_lists = table_of(GoodsOutPickList)
pick_processing_requests = table_of(PickProcessingRequest)
