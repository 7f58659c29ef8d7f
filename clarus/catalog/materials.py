"""Writes of product materials: the component lines of a bill-of-materials product. Services
never commit: the caller owns the transaction.

The parent comes from the path and must be a `bill_of_materials` product; a component appears
once per parent, and a product is never a component of itself, directly or through components
that are bills of materials themselves. The lines go with their parent; a product that is a
component of another cannot be deleted (`record_in_use`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import product_materials, products
from clarus.core import crud
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import RowDict, fetch_record
from clarus.core.references import Reference, missing_references
from clarus.core.schemas import InputModel

BILL_OF_MATERIALS = "bill_of_materials"
CHILD = "child_product_id"
PRODUCT_MATERIALS = crud.RecordKind(
    product_materials,
    event_name="product_material",
    unique_code=False,
    references={CHILD: products},
)


async def create_product_material(
    session: AsyncSession, *, tenant_id: int, product_id: int, attributes: InputModel
) -> RowDict:
    values = {**attributes.model_dump(), "parent_product_id": product_id}
    await _ensure_bill_of_materials(
        session, tenant_id=tenant_id, product_id=product_id, child_id=values[CHILD]
    )
    await _check_component(session, tenant_id=tenant_id, values=values)
    return await crud.insert_record(session, PRODUCT_MATERIALS, tenant_id=tenant_id, values=values)


async def update_product_material(
    session: AsyncSession,
    *,
    tenant_id: int,
    product_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    await _fetch_material(session, tenant_id=tenant_id, product_id=product_id, record_id=record_id)
    changes = attributes.changes()
    if CHILD in changes:
        values = {**changes, "parent_product_id": product_id}
        await _check_component(session, tenant_id=tenant_id, values=values, record_id=record_id)
    return await crud.change_record(
        session, PRODUCT_MATERIALS, tenant_id=tenant_id, record_id=record_id, changes=changes
    )


async def delete_product_material(
    session: AsyncSession, *, tenant_id: int, product_id: int, record_id: int
) -> None:
    await _fetch_material(session, tenant_id=tenant_id, product_id=product_id, record_id=record_id)
    await crud.delete_record(session, PRODUCT_MATERIALS, tenant_id=tenant_id, record_id=record_id)


async def _fetch_material(
    session: AsyncSession, *, tenant_id: int, product_id: int, record_id: int
) -> RowDict:
    """The material, which must be a line of the product named in the path (else 404)."""
    return await fetch_record(
        session,
        product_materials,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=PRODUCT_MATERIALS.event_name,
        where=product_materials.c.parent_product_id == product_id,
        lock=True,
    )


async def _ensure_bill_of_materials(
    session: AsyncSession, *, tenant_id: int, product_id: int, child_id: int
) -> None:
    """The parent (404 when missing) is a bill of materials; a missing child is reported with
    it."""
    product = await fetch_record(
        session,
        products,
        tenant_id=tenant_id,
        record_id=product_id,
        resource="product",
    )
    problems = await missing_references(
        session, tenant_id=tenant_id, references=[Reference(products, child_id, f"/{CHILD}")]
    )
    if product["product_type"] != BILL_OF_MATERIALS:
        problems.insert(
            0,
            Problem(
                ErrorKind.NOT_BILL_OF_MATERIALS,
                f"product {product_id} is a {product['product_type']} product, not a"
                f" {BILL_OF_MATERIALS} one.",
                context={"product_type": product["product_type"]},
            ),
        )
    if problems:
        raise ClarusError(*problems)


async def _check_component(
    session: AsyncSession,
    *,
    tenant_id: int,
    values: Mapping[str, Any],
    record_id: int | None = None,
) -> None:
    """The child exists, is not already a line of the parent, and does not contain it."""
    await crud.check_record(
        session, PRODUCT_MATERIALS, tenant_id=tenant_id, values=values, record_id=record_id
    )
    parent_id, child_id = values["parent_product_id"], values[CHILD]
    if parent_id in await _product_and_components(session, child_id):
        raise ClarusError.of(
            ErrorKind.MATERIAL_CYCLE,
            f"product {parent_id} is product {child_id} or one of its materials.",
            path=f"/{CHILD}",
        )
    existing = select(product_materials.c.id).where(
        product_materials.c.parent_product_id == parent_id,
        product_materials.c.child_product_id == child_id,
    )
    if record_id is not None:
        existing = existing.where(product_materials.c.id != record_id)
    existing_id = (await session.execute(existing)).scalar_one_or_none()
    if existing_id is not None:
        raise ClarusError.of(
            ErrorKind.RECORD_EXISTS,
            f"product {child_id} is already a material of this product (record {existing_id}).",
            path=f"/{CHILD}",
            existing_id=existing_id,
        )


async def _product_and_components(session: AsyncSession, product_id: int) -> set[int]:
    """The product and every product in it, through any depth of materials (one query a
    level; the child exists in the caller's tenant, so its components do too)."""
    found = {product_id}
    level = {product_id}
    while level:
        statement = select(product_materials.c.child_product_id).where(
            product_materials.c.parent_product_id.in_(level)
        )
        children = set((await session.execute(statement)).scalars())
        level = children - found
        found |= children
    return found
