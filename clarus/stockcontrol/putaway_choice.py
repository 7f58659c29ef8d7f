"""Where a put-away should go: the first location of the warehouse once its candidates are
sorted by the account's put-away rules, in position order, then by code ascending (the default
rule every account has, in the knowledge base) and id.

A candidate is an active location of the task's warehouse other than the one the stock is in,
not a goods in or goods out bay, and not full: a location with `max_storage_units` holds at
most that many storage units (a stock record on none counts as one). A product in an active
group used for products and for locations goes to that group's locations only.

The rules sort by: `code`; `walk_sequence` (the location's, as GraphQL names `pick_sequence`);
`remaining_height` (Clarus records no heights: the storage units a location has room for,
unknown without `max_storage_units`); `pickface_proximity` (how far, in walk sequence, from the
nearest pickface of the product in the warehouse). An unknown value sorts last either way.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import pickface_products
from clarus.inventory.tables import stocks
from clarus.masterdata.tables import location_types, locations
from clarus.stockcontrol.tables import groups, location_groups, product_groups, putaway_rules

BAY_TYPE_CODES = ("GIBAY", "GOBAY")
"""The location types goods arrive in and leave from (`inbound.destinations`,
`outbound.picking`): never a put-away's destination."""
DEFAULT_RULE = ("code", "asc")


def _storage_units_held() -> ColumnElement[int]:
    held = select(
        func.count(func.distinct(func.coalesce(stocks.c.storage_unit_id, -stocks.c.id)))
    ).where(stocks.c.location_id == locations.c.id, stocks.c.quantity > 0)
    return held.scalar_subquery()


def _room() -> ColumnElement[int]:
    """Storage units the location has room for (null: no limit is known)."""
    return locations.c.max_storage_units - _storage_units_held()


def _pickface_distance(tenant_id: int, product_id: int) -> ColumnElement[int]:
    pickface = locations.alias("pickface")
    distance = (
        select(func.min(func.abs(locations.c.pick_sequence - pickface.c.pick_sequence)))
        .select_from(pickface_products)
        .join(pickface, pickface.c.id == pickface_products.c.location_id)
        .where(
            pickface_products.c.tenant_id == tenant_id,
            pickface_products.c.product_id == product_id,
            pickface.c.warehouse_id == locations.c.warehouse_id,
        )
    )
    return distance.scalar_subquery()


def _sort_value(
    rule: str, tenant_id: int, product_id: int
) -> ColumnElement[int] | ColumnElement[str]:
    if rule == "walk_sequence":
        return locations.c.pick_sequence
    if rule == "remaining_height":
        return _room()
    if rule == "pickface_proximity":
        return _pickface_distance(tenant_id, product_id)
    return locations.c.code


def _order(
    rules: list[tuple[str, str]], tenant_id: int, product_id: int
) -> list[ColumnElement[bool] | ColumnElement[int] | ColumnElement[str]]:
    order: list[ColumnElement[bool] | ColumnElement[int] | ColumnElement[str]] = []
    for rule, direction in [*rules, DEFAULT_RULE]:
        value = _sort_value(rule, tenant_id, product_id)
        order += [value.is_(None), value.desc() if direction == "desc" else value.asc()]
    return order


async def _rules_of(
    session: AsyncSession, tenant_id: int, account_id: int
) -> list[tuple[str, str]]:
    statement = (
        select(putaway_rules.c.rule, putaway_rules.c.direction)
        .where(putaway_rules.c.tenant_id == tenant_id, putaway_rules.c.account_id == account_id)
        .order_by(putaway_rules.c.position, putaway_rules.c.id)
    )
    return [(row.rule, row.direction) for row in await session.execute(statement)]


async def _groups_of(session: AsyncSession, tenant_id: int, product_id: int) -> list[int]:
    """The active groups of the product that are used for locations too."""
    statement = (
        select(groups.c.id)
        .join(product_groups, product_groups.c.group_id == groups.c.id)
        .where(
            groups.c.tenant_id == tenant_id,
            groups.c.is_active.is_(True),
            groups.c.use_for_products.is_(True),
            groups.c.use_for_locations.is_(True),
            product_groups.c.product_id == product_id,
        )
    )
    return [int(group_id) for group_id in (await session.execute(statement)).scalars()]


def _candidates(tenant_id: int, warehouse_id: int, from_location_id: int | None) -> Select[int]:
    room = _room()
    return (
        select(locations.c.id)
        .join(location_types, location_types.c.id == locations.c.location_type_id)
        .where(
            locations.c.tenant_id == tenant_id,
            locations.c.warehouse_id == warehouse_id,
            locations.c.is_active.is_(True),
            location_types.c.code.not_in(BAY_TYPE_CODES),
            locations.c.id != from_location_id if from_location_id is not None else true(),
            or_(room.is_(None), room > 0),
        )
    )


async def suggested_location(
    session: AsyncSession,
    *,
    tenant_id: int,
    account_id: int,
    warehouse_id: int,
    product_id: int,
    from_location_id: int | None,
) -> int | None:
    """Where the put-away of the product from `from_location_id` should go; None when the
    account has no put-away rules and the product no group with locations (the operator
    chooses), or when no location qualifies."""
    rules = await _rules_of(session, tenant_id, account_id)
    group_ids = await _groups_of(session, tenant_id, product_id)
    if not rules and not group_ids:
        return None
    statement = _candidates(tenant_id, warehouse_id, from_location_id)
    if group_ids:
        in_groups = select(location_groups.c.location_id).where(
            location_groups.c.group_id.in_(group_ids)
        )
        statement = statement.where(locations.c.id.in_(in_groups))
    statement = statement.order_by(*_order(rules, tenant_id, product_id), locations.c.id)
    location_id = (await session.execute(statement.limit(1))).scalar_one_or_none()
    return None if location_id is None else int(location_id)
