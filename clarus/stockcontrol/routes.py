"""Warehouse routes: the tenant's pick walk as an ordered list of products (`positions`), each
for picks in a warehouse, of an account, for a customer, or any of them where left out;
`pick_order` sorts picks by it. Services never commit."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import products
from clarus.core import crud
from clarus.core.records import Record
from clarus.core.schemas import InputModel
from clarus.masterdata.tables import accounts, customers, warehouses
from clarus.stockcontrol import positions
from clarus.stockcontrol.tables import warehouse_routes


async def create_warehouse_route(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> Record:
    """The route at its `position` (ours; last when left out)."""
    values = attributes.model_dump(exclude_none=True)
    position = values.pop("position", None)
    await crud.check_record(session, kind, tenant_id=tenant_id, values=values)
    return await positions.insert_at(
        session, WAREHOUSE_ROUTE_LIST, tenant_id=tenant_id, values=values, position=position
    )


async def update_warehouse_route(
    session: AsyncSession,
    kind: crud.RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> Record:
    """Change the product and scope; a `position` moves the route as the position endpoint
    does."""
    changes = kind.changes_of(attributes)
    record = await positions.locked_member(
        session, WAREHOUSE_ROUTE_LIST, tenant_id=tenant_id, record_id=record_id
    )
    position = changes.pop("position", None)
    if changes:
        record = await crud.change_record(
            session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
        )
    if position is None:
        return record
    return await positions.move(
        session, WAREHOUSE_ROUTE_LIST, tenant_id=tenant_id, record_id=record_id, position=position
    )


async def delete_warehouse_route(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    """The routes after it move up."""
    await positions.delete_member(
        session, WAREHOUSE_ROUTE_LIST, tenant_id=tenant_id, record_id=record_id
    )


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
WAREHOUSE_ROUTE_WRITES = crud.RecordWrites(
    create=create_warehouse_route, update=update_warehouse_route, delete=delete_warehouse_route
)
