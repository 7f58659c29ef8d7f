"""Writes of products. Services never commit: the caller owns the transaction."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.product_storage_units import add_default_storage_units
from clarus.catalog.tables import products, stock_unit_types
from clarus.core import crud
from clarus.core.errors import ClarusError, ErrorKind, NotFound
from clarus.core.events import emit
from clarus.core.records import Record
from clarus.core.references import ensure_not_referenced
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
    session: AsyncSession, *, tenant_id: int, attributes: InputModel
) -> Record:
    """Create a product together with its storage units (see `add_default_storage_units`)."""
    record = await crud.create_record(session, PRODUCTS, tenant_id=tenant_id, attributes=attributes)
    await add_default_storage_units(session, tenant_id=tenant_id, product_id=record["id"])
    return record


async def ensure_products_deletable(
    session: AsyncSession, *, tenant_id: int, product_ids: Collection[int]
) -> None:
    """Refuse to delete products still in use (`record_in_use`).

    A product is in use while rows of other tables need it through a foreign key that does not
    cascade. Its storage units and account assignments go with it, unless something needs them
    in turn (a receipt line naming the storage unit). Stock, when the inventory issue adds it,
    points at its product without cascading, and so holds a product with stock back; a rule
    that needs more than a reference (say, only stock with a quantity) belongs here.
    """
    await ensure_not_referenced(session, products, tenant_id=tenant_id, record_ids=product_ids)


async def delete_product(session: AsyncSession, *, tenant_id: int, record_id: int) -> None:
    await ensure_products_deletable(session, tenant_id=tenant_id, product_ids=[record_id])
    deleted = await _delete(session, tenant_id=tenant_id, product_ids=[record_id])
    if not deleted:
        raise NotFound(PRODUCTS.event_name, record_id)


async def delete_products(
    session: AsyncSession, *, tenant_id: int, product_ids: Collection[int]
) -> None:
    """Delete several products, all or none: every id must be one of the tenant's products."""
    if not product_ids:
        raise ClarusError.of(ErrorKind.EMPTY_IDS_PROVIDED, parameter="ids")
    wanted = set(product_ids)
    found = set(
        (
            await session.execute(
                select(products.c.id).where(
                    products.c.tenant_id == tenant_id, products.c.id.in_(wanted)
                )
            )
        ).scalars()
    )
    if missing := sorted(wanted - found):
        raise ClarusError.of(
            ErrorKind.INVALID_IDS_PROVIDED,
            f"No products with the ids {', '.join(map(str, missing))}.",
            parameter="ids",
            ids=missing,
        )
    await ensure_products_deletable(session, tenant_id=tenant_id, product_ids=wanted)
    await _delete(session, tenant_id=tenant_id, product_ids=wanted)


async def _delete(
    session: AsyncSession, *, tenant_id: int, product_ids: Collection[int]
) -> list[int]:
    statement = (
        delete(products)
        .where(products.c.tenant_id == tenant_id, products.c.id.in_(product_ids))
        .returning(*products.c)
    )
    deleted = (await session.execute(statement)).mappings().all()
    for record in deleted:
        await emit(
            session,
            tenant_id=tenant_id,
            resource_name=PRODUCTS.event_name,
            event="deleted",
            record_id=record["id"],
            payload=dict(record),
        )
    return [record["id"] for record in deleted]
