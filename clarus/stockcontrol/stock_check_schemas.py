"""What the stock check requests carry, as `clarus-api.json` documents them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from annotated_types import Ge
from pydantic import Field

from clarus.core.fields import DecimalNumber, RecordId, Text, Timestamp
from clarus.core.schemas import InputModel

MAX_RESOLVED_AT_ONCE = 1000
PhysicalCount = Annotated[DecimalNumber, Ge(0)]


class StockCheckAttributes(InputModel):
    """`POST /api/stock_checks`."""

    location_id: RecordId
    expected_completion_date: Timestamp


class StockCheckAttemptAttributes(InputModel):
    """`POST /api/stock_checks/{id}/record_attempt`: a blind count of one stock group (the
    product with its batch and dates; a field left out is a group without it)."""

    product_id: RecordId
    physical_count: PhysicalCount
    batch: Text | None = None
    sell_by_date: dt.date | None = None
    best_before_date: dt.date | None = None


class StockCheckResolveRequest(InputModel):
    """`POST /api/stock_checks/resolve`: a bare body (no `data` envelope)."""

    stock_check_record_ids: Annotated[
        list[RecordId], Field(min_length=1, max_length=MAX_RESOLVED_AT_ONCE)
    ]
    reason_code_id: RecordId
