"""The demo tenant's warehouse (`clarus demo`, `clarus serve --demo`): on top of the tenant,
client and user of `clarus.simulation.demo`, a stock unit type, a storage unit type, storage
locations and a few products with stock, so that a newcomer's first product, receipt and order
succeed. Made idempotently: what exists is left as it is. `reset_demo` removes the demo tenant
with everything in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Table, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.products import PRODUCTS, create_product
from clarus.catalog.schemas import (
    ProductAttributes,
    StockUnitTypeAttributes,
    StorageUnitTypeAttributes,
)
from clarus.catalog.service import STOCK_UNIT_TYPES, STORAGE_UNIT_TYPES, create_storage_unit_type
from clarus.catalog.tables import products, stock_unit_types, storage_unit_types
from clarus.core import crud
from clarus.core.records import id_of, insert_returning
from clarus.inventory.schemas import PositiveAdjustmentAttributes
from clarus.inventory.service import adjust_up
from clarus.masterdata.tables import accounts, locations, warehouses
from clarus.simulation.demo import DEMO_ACCOUNT_CODE, DEMO_SUBDOMAIN, DEMO_WAREHOUSE_CODE
from clarus.simulation.service import STORAGE, ensure_location_type, warehouse_places
from clarus.tenancy import service as tenancy_service
from clarus.tenancy.models import Tenant
from clarus.tenancy.tables import tenants

STOCK_UNIT_TYPE = StockUnitTypeAttributes(code="EACH", name="Each")
STORAGE_UNIT_TYPE = StorageUnitTypeAttributes(code="PALLET", name="Pallet", sequence_id=1)
STORAGE_LOCATIONS = ("A-01-01", "A-01-02")
"""Shelves beside the simulator's own locations (`SIM-GOODS-IN`, `SIM-STORAGE`,
`SIM-GOODS-OUT`)."""


@dataclass(frozen=True)
class DemoProduct:
    code: str
    description: str
    location_code: str
    quantity: int


DEMO_PRODUCTS = (
    DemoProduct("WIDGET-RED", "Red widget", "A-01-01", 100),
    DemoProduct("WIDGET-BLUE", "Blue widget", "A-01-02", 50),
    DemoProduct("GADGET", "Gadget", "SIM-STORAGE", 20),
)


@dataclass(frozen=True)
class DemoWarehouse:
    """The ids a newcomer's first requests name."""

    account_id: int
    warehouse_id: int
    stock_unit_type_id: int
    storage_unit_type_id: int


async def _id_of(session: AsyncSession, table: Table, *, tenant_id: int, code: str) -> int | None:
    statement = select(table.c.id).where(table.c.tenant_id == tenant_id, table.c.code == code)
    found = (await session.execute(statement.limit(1))).scalar_one_or_none()
    return None if found is None else int(found)


async def _required_id(session: AsyncSession, table: Table, *, tenant_id: int, code: str) -> int:
    found = await _id_of(session, table, tenant_id=tenant_id, code=code)
    assert found is not None, f"the demo tenant has no {table.name} {code}"
    return found


async def _unit_types(session: AsyncSession, tenant_id: int) -> tuple[int, int]:
    stock_unit_type_id = await _id_of(
        session, stock_unit_types, tenant_id=tenant_id, code=STOCK_UNIT_TYPE.code
    )
    if stock_unit_type_id is None:
        created = await crud.create_record(
            session, STOCK_UNIT_TYPES, tenant_id=tenant_id, attributes=STOCK_UNIT_TYPE
        )
        stock_unit_type_id = id_of(created)
    storage_unit_type_id = await _id_of(
        session, storage_unit_types, tenant_id=tenant_id, code=STORAGE_UNIT_TYPE.code
    )
    if storage_unit_type_id is None:
        created = await create_storage_unit_type(
            session, STORAGE_UNIT_TYPES, tenant_id=tenant_id, attributes=STORAGE_UNIT_TYPE
        )
        storage_unit_type_id = id_of(created)
    return stock_unit_type_id, storage_unit_type_id


async def _locations(session: AsyncSession, *, tenant_id: int, warehouse_id: int) -> None:
    await warehouse_places(session, tenant_id=tenant_id, warehouse_id=warehouse_id)
    type_id = await ensure_location_type(session, tenant_id=tenant_id, code=STORAGE, name="Storage")
    for code in STORAGE_LOCATIONS:
        if await _id_of(session, locations, tenant_id=tenant_id, code=code) is None:
            await insert_returning(
                session,
                locations,
                tenant_id=tenant_id,
                values={"warehouse_id": warehouse_id, "location_type_id": type_id, "code": code},
            )


async def _stocked_product(
    session: AsyncSession,
    demo: DemoProduct,
    *,
    tenant_id: int,
    user_id: int,
    warehouse: DemoWarehouse,
) -> None:
    """The product, and its stock when it is new (stock moved since is left as it is)."""
    if await _id_of(session, products, tenant_id=tenant_id, code=demo.code) is not None:
        return
    attributes = ProductAttributes(
        code=demo.code,
        description=demo.description,
        stock_unit_type_id=warehouse.stock_unit_type_id,
    )
    product = await create_product(session, PRODUCTS, tenant_id=tenant_id, attributes=attributes)
    location_id = await _required_id(
        session, locations, tenant_id=tenant_id, code=demo.location_code
    )
    await adjust_up(
        session,
        tenant_id=tenant_id,
        user_id=user_id,
        attributes=PositiveAdjustmentAttributes(
            product_id=product["id"],
            account_id=warehouse.account_id,
            location_id=location_id,
            quantity=Decimal(demo.quantity),
        ),
    )


async def ensure_demo_warehouse(
    *, session: AsyncSession, tenant_id: int, user_id: int
) -> DemoWarehouse:
    """What is missing of the demo warehouse, made as `user_id`; the ids to call it with."""
    warehouse_id = await _required_id(
        session, warehouses, tenant_id=tenant_id, code=DEMO_WAREHOUSE_CODE
    )
    account_id = await _required_id(session, accounts, tenant_id=tenant_id, code=DEMO_ACCOUNT_CODE)
    stock_unit_type_id, storage_unit_type_id = await _unit_types(session, tenant_id)
    warehouse = DemoWarehouse(account_id, warehouse_id, stock_unit_type_id, storage_unit_type_id)
    await _locations(session, tenant_id=tenant_id, warehouse_id=warehouse_id)
    for demo in DEMO_PRODUCTS:
        await _stocked_product(
            session, demo, tenant_id=tenant_id, user_id=user_id, warehouse=warehouse
        )
    return warehouse


async def reset_demo(*, session: AsyncSession, tables: Sequence[Table]) -> bool:
    """Delete the demo tenant and every row of it in `tables` (every table, in dependency order:
    `clarus.registry`'s metadata, which this package sits beside); whether there was one."""
    tenant = await tenancy_service.find_by_subdomain(session, DEMO_SUBDOMAIN)
    if tenant is None:
        return False
    tenant_id = tenant.id
    await session.execute(
        update(tenants)
        .where(tenants.c.id == tenant_id)
        .values(address_id=None, default_order_type_id=None, default_role_id=None)
    )
    for table in reversed(tables):
        if table.name != Tenant.__tablename__ and "tenant_id" in table.c:
            await session.execute(delete(table).where(table.c.tenant_id == tenant_id))
    session.expunge_all()
    await session.execute(delete(tenants).where(tenants.c.id == tenant_id))
    return True
