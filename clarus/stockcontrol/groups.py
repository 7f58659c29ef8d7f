"""Groups of products and of locations, and their members.

The contract documents no create for a group, only its list and the operations that add and
remove members, so a group is a record of its own, made through `POST /api/groups` (ours, with
update and delete). A product joins a group used for products, a location one used for
locations (`group_not_for_products`, `group_not_for_locations`); adding a member a group has
already answers the membership it has. Services never commit.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products
from clarus.core import crud
from clarus.core.errors import ClarusError, ErrorKind, NotFound
from clarus.core.records import RowDict, fetch_record, id_of
from clarus.core.references import Reference, ensure_references_exist
from clarus.masterdata.tables import locations
from clarus.stockcontrol.schemas import LocationGroupAttributes, ProductGroupAttributes
from clarus.stockcontrol.tables import groups, location_groups, product_groups

GROUPS = crud.RecordKind(
    groups,
    event_name="group",
    natural_key="name",
    flag_defaults={"is_active": True, "use_for_products": False, "use_for_locations": False},
)
PRODUCT_GROUPS = crud.RecordKind(product_groups, event_name="product_group", unique_code=False)
LOCATION_GROUPS = crud.RecordKind(location_groups, event_name="location_group", unique_code=False)


async def _group(
    session: AsyncSession, *, tenant_id: int, group_id: int, sent_group_id: int | None = None
) -> RowDict:
    """The path's group (404 when the tenant has none); the body's `group_id` must be it."""
    group = await fetch_record(
        session,
        groups,
        tenant_id=tenant_id,
        record_id=group_id,
        resource=GROUPS.event_name,
    )
    if sent_group_id is not None and sent_group_id != group_id:
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE,
            f"group_id {sent_group_id} is not the group of the path, {group_id}.",
            path="/group_id",
        )
    return group


async def add_product(
    session: AsyncSession, *, tenant_id: int, group_id: int, attributes: ProductGroupAttributes
) -> RowDict:
    """The product in the group (its membership, new or as it was)."""
    group = await _group(
        session, tenant_id=tenant_id, group_id=group_id, sent_group_id=attributes.group_id
    )
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[Reference(products, attributes.product_id, "/product_id")],
    )
    if not group["use_for_products"]:
        raise ClarusError.of(ErrorKind.GROUP_NOT_FOR_PRODUCTS, path="/group_id", group_id=group_id)
    [membership] = await _members_added(
        session, PRODUCT_GROUPS, "product_id", tenant_id, group_id, [attributes.product_id]
    )
    return membership


async def add_locations(
    session: AsyncSession, *, tenant_id: int, group_id: int, attributes: LocationGroupAttributes
) -> list[RowDict]:
    """The locations in the group (their memberships, new or as they were), in the order
    sent: `location_id`, then `location_ids`."""
    group = await _group(
        session, tenant_id=tenant_id, group_id=group_id, sent_group_id=attributes.group_id
    )
    references = [Reference(locations, attributes.location_id, "/location_id")]
    references += [
        Reference(locations, location_id, f"/location_ids/{index}")
        for index, location_id in enumerate(attributes.location_ids or [])
    ]
    if all(reference.record_id is None for reference in references):
        raise ClarusError.of(
            ErrorKind.MISSING_FIELD, "Send location_id or location_ids.", path="/location_ids"
        )
    await ensure_references_exist(session, tenant_id=tenant_id, references=references)
    if not group["use_for_locations"]:
        raise ClarusError.of(ErrorKind.GROUP_NOT_FOR_LOCATIONS, path="/group_id", group_id=group_id)
    wanted = [reference.record_id for reference in references if reference.record_id is not None]
    return await _members_added(
        session, LOCATION_GROUPS, "location_id", tenant_id, group_id, list(dict.fromkeys(wanted))
    )


async def _members_added(
    session: AsyncSession,
    kind: crud.RecordKind,
    column: str,
    tenant_id: int,
    group_id: int,
    member_ids: Sequence[int],
) -> list[RowDict]:
    existing = await _memberships(session, kind, column, tenant_id, group_id, member_ids)
    for member_id in member_ids:
        if member_id not in existing:
            existing[member_id] = await crud.insert_checked_record(
                session, kind, tenant_id=tenant_id, values={"group_id": group_id, column: member_id}
            )
    return [existing[member_id] for member_id in member_ids]


async def _memberships(
    session: AsyncSession,
    kind: crud.RecordKind,
    column: str,
    tenant_id: int,
    group_id: int,
    member_ids: Sequence[int],
) -> dict[int, RowDict]:
    table = kind.table
    statement = select(table).where(
        table.c.tenant_id == tenant_id,
        table.c.group_id == group_id,
        table.c[column].in_(member_ids),
    )
    rows = (await session.execute(statement.with_for_update())).mappings()
    return {int(row[column]): dict(row) for row in rows}


async def remove_product(
    session: AsyncSession, *, tenant_id: int, group_id: int, product_id: int
) -> None:
    """Take the product out of the group (404 when it is not in it)."""
    await _remove(session, PRODUCT_GROUPS, "product_id", tenant_id, group_id, product_id)


async def remove_location(
    session: AsyncSession, *, tenant_id: int, group_id: int, location_id: int
) -> None:
    """Take the location out of the group (404 when it is not in it)."""
    await _remove(session, LOCATION_GROUPS, "location_id", tenant_id, group_id, location_id)


async def _remove(
    session: AsyncSession,
    kind: crud.RecordKind,
    column: str,
    tenant_id: int,
    group_id: int,
    member_id: int,
) -> None:
    await _group(session, tenant_id=tenant_id, group_id=group_id)
    found = await _memberships(session, kind, column, tenant_id, group_id, [member_id])
    if member_id not in found:
        raise NotFound(kind.event_name, member_id)
    await crud.delete_record(session, kind, tenant_id=tenant_id, record_id=id_of(found[member_id]))
