"""Writes of master data. Services never commit: the caller owns the transaction."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.crud import (
    DeleteCheck,
    RecordKind,
    RecordWrites,
    UniqueKey,
    change_records,
    create_record,
    delete_record,
    delete_records_where,
    update_record,
)
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, fetch_record
from clarus.core.schemas import InputModel
from clarus.masterdata.addresses import (
    DELIVERY_ADDRESSES,
    create_with_address,
    delete_with_address,
    update_with_address,
)
from clarus.masterdata.tables import (
    account_warehouses,
    accounts,
    addresses,
    carrier_services,
    carriers,
    customers,
    location_types,
    locations,
    order_types,
    reason_codes,
    sites,
    suppliers,
    warehouses,
)

ACCOUNTS = RecordKind(
    accounts,
    event_name="account",
    flag_defaults={"is_active": True, "is_short_pickable": False, "pick_rule": "fifo"},
)
SITES = RecordKind(
    sites,
    event_name="site",
    dependents=(warehouses.c.site_id,),
    flag_defaults={"default": False},
)
WAREHOUSES = RecordKind(
    warehouses,
    event_name="warehouse",
    references={"site_id": sites},
    dependents=(locations.c.warehouse_id,),
    flag_defaults={"is_active": True},
)
WAREHOUSE_WRITES = RecordWrites(
    create=create_with_address, update=update_with_address, delete=delete_with_address
)
"""A warehouse's address is sent as `relationships.address`; it reaches the writes as the
`address` attribute."""
LOCATION_TYPES = RecordKind(
    location_types, event_name="location_type", dependents=(locations.c.location_type_id,)
)
LOCATIONS = RecordKind(
    locations,
    event_name="location",
    unique_code=False,
    unique_keys=(UniqueKey(("warehouse_id", "code"), ErrorKind.CODE_TAKEN, "code"),),
    references={"warehouse_id": warehouses, "location_type_id": location_types},
    flag_defaults={
        "is_pickface": False,
        "is_active": True,
        "available_in_booking_diary": False,
        "booking_slots": 1,
    },
)
ACCOUNT_WAREHOUSES = RecordKind(
    account_warehouses,
    event_name="account_warehouse",
    unique_code=False,
    unique_keys=(UniqueKey(("account_id", "warehouse_id")),),
    references={"account_id": accounts, "warehouse_id": warehouses},
)


ORDER_TYPE_USES: list[DeleteCheck] = []
"""What keeps an order type from being deleted, registered by the domains above master data
that point at one (tenancy: the tenant's `default_order_type_id`)."""


async def ensure_order_type_deletable(
    session: AsyncSession, tenant_id: int, order_type_id: int
) -> None:
    """An order type still in use cannot be deleted: every registered use may refuse it."""
    for ensure_unused in ORDER_TYPE_USES:
        await ensure_unused(session, tenant_id, order_type_id)


ORDER_TYPES = RecordKind(
    order_types,
    event_name="order_type",
    ensure_deletable=ensure_order_type_deletable,
)
REASON_CODES = RecordKind(
    reason_codes,
    event_name="reason_code",
    flag_defaults={"active": True, "generic": False},
)
CUSTOMERS = RecordKind(customers, event_name="customer")
SUPPLIERS = RecordKind(suppliers, event_name="supplier", flag_defaults={"active": True})
CARRIER_REFERENCES: dict[str, Table] = {}
"""Attributes of a carrier naming records of a higher package (`custom_carrier_type_id`:
shipping's custom carrier types), filled by that package's `registrations`."""
CARRIERS = RecordKind(
    carriers,
    event_name="carrier",
    flag_defaults={"active": True},
    secret_columns=frozenset({"carrier_authentication"}),
    references=CARRIER_REFERENCES,
)
CARRIER_SERVICES = RecordKind(
    carrier_services, event_name="carrier_service", references={"carrier_id": carriers}
)


def shelf_life_in_order(values: Mapping[str, object]) -> None:
    minimum, maximum = values.get("shelf_life_min"), values.get("shelf_life_max")
    if isinstance(minimum, int) and isinstance(maximum, int) and minimum > maximum:
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE,
            f"shelf_life_max ({maximum}) is less than shelf_life_min ({minimum}).",
            path="/shelf_life_max",
        )


async def create_customer(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    return await create_with_address(
        session, kind, tenant_id=tenant_id, attributes=attributes, rule=shelf_life_in_order
    )


async def update_customer(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    return await update_with_address(
        session,
        kind,
        tenant_id=tenant_id,
        record_id=record_id,
        attributes=attributes,
        rule=shelf_life_in_order,
    )


async def delete_customer(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    """Delete a customer; its delivery addresses stay, no longer linked to it."""
    await change_records(
        session,
        DELIVERY_ADDRESSES,
        tenant_id=tenant_id,
        where=addresses.c.customer_id == record_id,
        values={"customer_id": None},
    )
    await delete_with_address(session, kind, tenant_id=tenant_id, record_id=record_id)


CUSTOMER_WRITES = RecordWrites(
    create=create_customer, update=update_customer, delete=delete_customer
)
SUPPLIER_WRITES = RecordWrites(
    create=create_with_address, update=update_with_address, delete=delete_with_address
)


async def delete_carrier(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, record_id: int
) -> None:
    """Delete a carrier with its services (they belong to it)."""
    await delete_records_where(
        session,
        CARRIER_SERVICES,
        tenant_id=tenant_id,
        where=carrier_services.c.carrier_id == record_id,
    )
    await delete_record(session, kind, tenant_id=tenant_id, record_id=record_id)


CARRIER_WRITES = RecordWrites(delete=delete_carrier)


async def create_carrier_service(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    changes = attributes.changes()
    if changes["is_default"]:
        await _take_default(session, tenant_id=tenant_id, carrier_id=changes["carrier_id"])
    return await create_record(session, kind, tenant_id=tenant_id, attributes=attributes)


async def update_carrier_service(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    """A service that is (or becomes) the default takes the flag from its carrier's others."""
    changes = attributes.changes()
    if changes.get("is_default") is not False and {"is_default", "carrier_id"} & changes.keys():
        current = await fetch_record(
            session,
            kind.table,
            tenant_id=tenant_id,
            record_id=record_id,
            resource=kind.event_name,
        )
        after = {**current, **changes}
        if after["is_default"]:
            await _take_default(
                session, tenant_id=tenant_id, carrier_id=after["carrier_id"], service_id=record_id
            )
    return await update_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, attributes=attributes
    )


async def _take_default(
    session: AsyncSession, *, tenant_id: int, carrier_id: int, service_id: int | None = None
) -> None:
    where = (carrier_services.c.carrier_id == carrier_id) & carrier_services.c.is_default
    if service_id is not None:
        where &= carrier_services.c.id != service_id
    await change_records(
        session, CARRIER_SERVICES, tenant_id=tenant_id, where=where, values={"is_default": False}
    )


CARRIER_SERVICE_WRITES = RecordWrites(create=create_carrier_service, update=update_carrier_service)
