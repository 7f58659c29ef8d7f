"""The attributes stock control's writes answer with, for the OpenAPI document."""

from __future__ import annotations

from pydantic import BaseModel

from clarus.masterdata.records import RecordTimestamps
from clarus.stockcontrol.schemas import PutawayRuleKind, SortDirection

# Groups, put-away rules and warehouse routes (s-rules).


class GroupRecord(RecordTimestamps):
    name: str
    is_active: bool
    use_for_products: bool
    use_for_locations: bool


class ProductGroupRecord(RecordTimestamps):
    group_id: int
    product_id: int


class LocationGroupRecord(RecordTimestamps):
    group_id: int
    location_id: int


class LocationGroupEntry(BaseModel):
    id: int
    type: str
    attributes: LocationGroupRecord


class LocationGroupsDocument(BaseModel):
    """`POST /api/groups/{group_id}/location_groups`: one entry per location sent."""

    data: list[LocationGroupEntry]


class PutawayRuleRecord(RecordTimestamps):
    account_id: int
    rule: PutawayRuleKind
    direction: SortDirection
    position: int


class WarehouseRouteRecord(RecordTimestamps):
    product_id: int
    warehouse_id: int | None
    account_id: int | None
    customer_id: int | None
    position: int
