"""Pickface products: a product assigned to a pickface location, with how Clarus replenishes it.

The location must be one whose `is_pickface` is true (the Clarus knowledge base: enable the
location as a pickface first, then assign it to a product), and a product is assigned to a
location once (`record_exists`, naming the assignment it has). Services never commit: the caller
owns the transaction.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import pickface_products, products
from clarus.core import crud
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import RowDict
from clarus.core.references import Reference, missing_references, reference_not_found
from clarus.core.schemas import InputModel
from clarus.masterdata.tables import locations

PICKFACE_PRODUCTS = crud.RecordKind(
    pickface_products,
    event_name="pickface_product",
    unique_code=False,
    unique_keys=(crud.UniqueKey(("product_id", "location_id"), field="location_id"),),
    references={"product_id": products, "location_id": locations},
)
LOCATION_GROUPS = "location_groups"
"""Not a resource yet: the Groups issue adds the table and lets `location_group_id` name one."""

_LOCATION = "/location_id"
_LOCATION_GROUP = "/location_group_id"


async def create_pickface_product(
    session: AsyncSession, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    """Assign a product to a pickface location.

    `location_group_id` is accepted by the contract but location groups do not exist yet, so no
    id can name one: it is refused with the `reference_not_found` any unknown id gets (together
    with the product's, when that is unknown too).
    """
    values = attributes.model_dump(exclude_none=True)
    _ensure_consistent(values)
    if "location_group_id" in values:
        await _refuse_location_group(
            session,
            tenant_id=tenant_id,
            product_id=values["product_id"],
            location_group_id=values["location_group_id"],
        )
    kind = PICKFACE_PRODUCTS
    await crud.check_record(session, kind, tenant_id=tenant_id, values=values)
    await _ensure_pickface(session, tenant_id=tenant_id, location_id=values["location_id"])
    return await crud.insert_checked_record(session, kind, tenant_id=tenant_id, values=values)


def _ensure_consistent(values: Mapping[str, object]) -> None:
    """Exactly one of `location_id` and `location_group_id`; `trigger_min` <= `trigger_max`."""
    problems: list[Problem] = []
    has_location, has_group = "location_id" in values, "location_group_id" in values
    if not has_location and not has_group:
        problems.append(
            Problem(
                ErrorKind.MISSING_FIELD,
                "location_id: send location_id or location_group_id.",
                _LOCATION,
            )
        )
    elif has_location and has_group:
        problems.append(
            Problem(
                ErrorKind.INVALID_VALUE,
                "location_group_id: send location_id or location_group_id, not both.",
                _LOCATION_GROUP,
            )
        )
    trigger_min, trigger_max = values.get("trigger_min"), values.get("trigger_max")
    if isinstance(trigger_min, int) and isinstance(trigger_max, int) and trigger_min > trigger_max:
        problems.append(
            Problem(
                ErrorKind.INVALID_VALUE,
                f"trigger_max: {trigger_max} is below trigger_min {trigger_min}.",
                "/trigger_max",
            )
        )
    if problems:
        raise ClarusError(*problems)


async def _refuse_location_group(
    session: AsyncSession, *, tenant_id: int, product_id: int, location_group_id: int
) -> None:
    product = Reference(products, product_id, "/product_id")
    problems = await missing_references(session, tenant_id=tenant_id, references=[product])
    problems.append(reference_not_found(LOCATION_GROUPS, location_group_id, _LOCATION_GROUP))
    raise ClarusError(*problems)


async def _ensure_pickface(session: AsyncSession, *, tenant_id: int, location_id: int) -> None:
    """The location (known to exist in the tenant) is a pickface."""
    statement = select(locations.c.is_pickface).where(
        locations.c.tenant_id == tenant_id, locations.c.id == location_id
    )
    if not (await session.execute(statement)).scalar_one():
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE,
            f"location_id: location {location_id} is not a pickface; set its is_pickface first.",
            path=_LOCATION,
            location_id=location_id,
        )
