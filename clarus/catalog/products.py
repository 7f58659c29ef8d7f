"""Writes of products. Services never commit: the caller owns the transaction.

A product is deleted like any record (`clarus.core.crud`): refused while rows of other tables
need it through a foreign key that does not cascade. Its storage units and account assignments
go with it, unless something needs them in turn (a receipt line naming the storage unit). Stock,
when the inventory issue adds it, points at its product without cascading, and so holds a product
with stock back; a rule that needs more than a reference (say, only stock with a quantity) goes in
the kind's `ensure_deletable`. Its alternative codes go with it.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.alternative_codes import delete_codes_of
from clarus.catalog.product_storage_units import add_default_storage_units
from clarus.catalog.queries import PRODUCT
from clarus.catalog.tables import products, stock_unit_types
from clarus.core import crud
from clarus.core.records import RowDict, id_of
from clarus.core.schemas import InputModel

PRODUCTS = crud.RecordKind(
    products,
    event_name="product",
    references={"stock_unit_type_id": stock_unit_types},
    flag_defaults={
        "stop": False,
        "assemble_on_pick": False,
        "require_dimensions_on_receipt": False,
        "non_hazardous_for_transport": False,
        "product_type": "single",
        "serial_number_tracking_setting": "no_tracking",
        "unit_quantity_conversion_strategy": "none",
    },
)


async def create_product(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    """Create a product together with its storage units (see `add_default_storage_units`)."""
    record = await crud.create_record(session, kind, tenant_id=tenant_id, attributes=attributes)
    await add_default_storage_units(session, tenant_id=tenant_id, product_id=id_of(record))
    return record


async def delete_product(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    """Delete a product and its alternative codes."""
    await crud.delete_record(session, kind, tenant_id=tenant_id, record_id=record_id)
    await delete_codes_of(session, tenant_id=tenant_id, parent_type=PRODUCT, parent_ids=[record_id])


async def delete_products(
    session: AsyncSession, *, tenant_id: int, record_ids: Collection[int]
) -> None:
    """All or nothing (`crud.delete_records`), their alternative codes with them."""
    await crud.delete_records(session, PRODUCTS, tenant_id=tenant_id, record_ids=record_ids)
    await delete_codes_of(session, tenant_id=tenant_id, parent_type=PRODUCT, parent_ids=record_ids)


PRODUCT_WRITES = crud.RecordWrites(create=create_product, delete=delete_product)
