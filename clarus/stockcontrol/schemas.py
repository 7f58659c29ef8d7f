"""Stock control's input models."""

from __future__ import annotations

from typing import Annotated, Literal

from annotated_types import MaxLen, MinLen

from clarus.core.fields import NonNegativeInteger, RecordId, Text
from clarus.core.schemas import InputModel, Omittable

# Groups, put-away rules and warehouse routes (s-rules).

PutawayRuleKind = Literal["code", "walk_sequence", "remaining_height", "pickface_proximity"]
"""What a put-away rule sorts candidate locations by (`stockcontrol.putaway_choice`)."""
SortDirection = Literal["asc", "desc"]
MAX_LOCATIONS_AT_ONCE = 500


class GroupUpdateAttributes(InputModel):
    """A group (ours: the contract documents no create). `name` is unique in the tenant; a group
    takes products only when `use_for_products`, locations only when `use_for_locations`."""

    name: Omittable[Annotated[Text, MaxLen(100)]] = None
    is_active: bool | None = None
    use_for_products: bool | None = None
    use_for_locations: bool | None = None


class GroupAttributes(GroupUpdateAttributes):
    """A group (ours: the contract documents no create). `name` is unique in the tenant; a group
    takes products only when `use_for_products`, locations only when `use_for_locations`."""

    name: Annotated[Text, MaxLen(100)]


class ProductGroupAttributes(InputModel):
    """`POST /api/groups/{group_id}/product_groups`: `group_id` must be the path's."""

    group_id: RecordId
    product_id: RecordId


class LocationGroupAttributes(InputModel):
    """`POST /api/groups/{group_id}/location_groups`: `group_id` must be the path's; one of
    `location_id` and `location_ids` (up to 500)."""

    group_id: RecordId
    location_id: RecordId | None = None
    location_ids: Annotated[list[RecordId], MinLen(1), MaxLen(MAX_LOCATIONS_AT_ONCE)] | None = None


class PutawayRuleAttributes(InputModel):
    """One sort key of an account's put-away. `position` (1 is first; 0 is read as 1, past the
    end as last) places it; left out, it goes last."""

    account_id: RecordId
    rule: PutawayRuleKind
    direction: SortDirection
    position: NonNegativeInteger | None = None


class PutawayRuleUpdateAttributes(InputModel):
    """`account_id` cannot change: sent, it must be the rule's own (`read_only_attribute`)."""

    account_id: RecordId | None = None
    rule: PutawayRuleKind | None = None
    direction: SortDirection | None = None
    position: NonNegativeInteger | None = None


class PositionRequest(InputModel):
    """`PATCH /api/putaway_rules/{id}/position`, `/api/warehouse_routes/{id}/position`: the bare
    body `{"position": n}`."""

    position: NonNegativeInteger


class WarehouseRouteUpdateAttributes(InputModel):
    """A product's place in the pick walk, for picks in `warehouse_id`, of `account_id`, for
    `customer_id` (each: any when left out). `position` places it; left out, it goes last."""

    product_id: Omittable[RecordId] = None
    warehouse_id: RecordId | None = None
    account_id: RecordId | None = None
    customer_id: RecordId | None = None
    position: NonNegativeInteger | None = None


class WarehouseRouteAttributes(WarehouseRouteUpdateAttributes):
    """A product's place in the pick walk, for picks in `warehouse_id`, of `account_id`, for
    `customer_id` (each: any when left out). `position` places it; left out, it goes last."""

    product_id: RecordId
