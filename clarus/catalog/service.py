"""Writes of unit types, storage units and account assignments. Services never commit: the
caller owns the transaction."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.product_storage_units import remove_storage_units_of_type
from clarus.catalog.tables import (
    account_products,
    products,
    stock_unit_types,
    storage_unit_type_dimensions,
    storage_unit_types,
    storage_units,
)
from clarus.core import crud
from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, fetch_record, id_of, rows_changed
from clarus.core.references import ensure_not_in_use
from clarus.core.schemas import InputModel
from clarus.masterdata.tables import accounts, locations, warehouses

STOCK_UNIT_TYPES = crud.RecordKind(stock_unit_types, event_name="stock_unit_type")
STORAGE_UNIT_TYPES = crud.RecordKind(
    storage_unit_types,
    event_name="storage_unit_type",
    flag_defaults={
        "is_pickable": False,
        "has_check_digit": False,
        "inherits_dimensions_from_item": False,
        "leaves_warehouse": False,
    },
)
STORAGE_UNITS = crud.RecordKind(
    storage_units,
    event_name="storage_unit",
    natural_key="reference",
    natural_key_taken=ErrorKind.REFERENCE_TAKEN,
    references={
        "storage_unit_type_id": storage_unit_types,
        "warehouse_id": warehouses,
        "location_id": locations,
    },
)
ACCOUNT_PRODUCTS = crud.RecordKind(
    account_products,
    event_name="account_product",
    unique_code=False,
    references={"account_id": accounts},
)
DIMENSIONS = "dimensions"


async def create_storage_unit_type(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    values = attributes.model_dump(exclude_none=True, exclude={DIMENSIONS})
    values.setdefault("unit_name", values["name"])
    record = await crud.insert_record(session, kind, tenant_id=tenant_id, values=values)
    dimensions = attributes.model_dump(exclude_unset=True).get(DIMENSIONS)
    if dimensions:
        await _save_dimensions(
            session, tenant_id=tenant_id, type_id=id_of(record), values=dimensions
        )
    return record


async def update_storage_unit_type(
    session: AsyncSession,
    kind: crud.RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    """Change what was sent; `dimensions` change field by field (null clears them), and a
    `unit_name` set to null falls back on the name."""
    changes = kind.changes_of(attributes)
    sent_dimensions = DIMENSIONS in changes
    dimensions = changes.pop(DIMENSIONS, None)
    if "unit_name" in changes and changes["unit_name"] is None:
        changes["unit_name"] = changes.get("name") or storage_unit_types.c.name
    record = await crud.change_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
    )
    if sent_dimensions and dimensions is None:
        await session.execute(
            delete(storage_unit_type_dimensions).where(
                storage_unit_type_dimensions.c.storage_unit_type_id == record_id
            )
        )
    elif dimensions:
        await _save_dimensions(session, tenant_id=tenant_id, type_id=record_id, values=dimensions)
    return record


async def delete_storage_unit_type(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    """Products' storage units on the type go with it; storage units of the type hold it back,
    checked before anything is removed."""
    await ensure_not_in_use(session, kind.table, tenant_id=tenant_id, record_ids=[record_id])
    await remove_storage_units_of_type(session, tenant_id=tenant_id, storage_unit_type_id=record_id)
    await crud.delete_record(session, kind, tenant_id=tenant_id, record_id=record_id)


STORAGE_UNIT_TYPE_WRITES = crud.RecordWrites(
    create=create_storage_unit_type,
    update=update_storage_unit_type,
    delete=delete_storage_unit_type,
)


async def _save_dimensions(
    session: AsyncSession, *, tenant_id: int, type_id: int, values: Mapping[str, object]
) -> None:
    """Update the fields sent, or insert the row if the type has none yet. The type's row is
    already locked by its own write, so two requests cannot both insert."""
    table = storage_unit_type_dimensions
    now = utcnow()
    changed = await rows_changed(
        session,
        update(table)
        .where(table.c.storage_unit_type_id == type_id)
        .values(updated_at=now, **values),
    )
    if changed == 0:
        await session.execute(
            insert(table).values(
                tenant_id=tenant_id,
                storage_unit_type_id=type_id,
                created_at=now,
                updated_at=now,
                **values,
            )
        )


async def create_account_product(
    session: AsyncSession, *, tenant_id: int, product_id: int, attributes: InputModel
) -> RowDict:
    """Assign a product to an account; the same pair twice is refused with the existing id."""
    await fetch_record(
        session,
        products,
        tenant_id=tenant_id,
        record_id=product_id,
        resource="product",
    )
    values = {**attributes.model_dump(), "product_id": product_id}
    existing_id = (
        await session.execute(
            select(account_products.c.id).where(
                account_products.c.tenant_id == tenant_id,
                account_products.c.product_id == product_id,
                account_products.c.account_id == values["account_id"],
            )
        )
    ).scalar_one_or_none()
    if existing_id is not None:
        raise ClarusError.of(
            ErrorKind.RECORD_EXISTS,
            f"The product is already assigned to this account (record {existing_id}).",
            path="/account_id",
            existing_id=existing_id,
        )
    return await crud.insert_record(session, ACCOUNT_PRODUCTS, tenant_id=tenant_id, values=values)


async def delete_account_product(
    session: AsyncSession, *, tenant_id: int, product_id: int, record_id: int
) -> None:
    """Delete an assignment, which must belong to the product named in the path."""
    await fetch_record(
        session,
        account_products,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=ACCOUNT_PRODUCTS.event_name,
        where=account_products.c.product_id == product_id,
    )
    await crud.delete_record(session, ACCOUNT_PRODUCTS, tenant_id=tenant_id, record_id=record_id)
