from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping

from sqlalchemy import Column, Table, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind, NotFound, Problem
from clarus.core.events import emit
from clarus.core.records import RowDict, id_of
from clarus.core.references import Reference, ensure_references_exist, sent_id
from clarus.masterdata.addresses import replace_address
from clarus.masterdata.tables import addresses, order_types
from clarus.tenancy.errors import invalid_subdomain, subdomain_taken
from clarus.tenancy.models import Tenant
from clarus.tenancy.schemas import SubdomainAddressAttributes, SubdomainUpdateAttributes
from clarus.tenancy.tables import tenants

_SUBDOMAIN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")

TenantSetup = Callable[[AsyncSession, int], Awaitable[None]]
"""`(session, tenant_id)`: what a domain above tenancy makes for every new tenant."""
TENANT_SETUP: list[TenantSetup] = []
"""Filled by the domains above tenancy when they are imported (auth: the default role)."""


def is_valid_subdomain(subdomain: str) -> bool:
    return _SUBDOMAIN.fullmatch(subdomain) is not None


async def find_by_subdomain(session: AsyncSession, subdomain: str) -> Tenant | None:
    if not is_valid_subdomain(subdomain):
        return None
    return (
        await session.execute(select(Tenant).where(Tenant.subdomain == subdomain))
    ).scalar_one_or_none()


async def create_tenant(*, session: AsyncSession, subdomain: str, company_name: str) -> Tenant:
    """A new tenant, with what every registered `TENANT_SETUP` makes for it (its default role)."""
    if not is_valid_subdomain(subdomain):
        raise invalid_subdomain(subdomain)
    if await find_by_subdomain(session, subdomain) is not None:
        raise subdomain_taken(subdomain)
    tenant_id = (
        await session.execute(
            insert(tenants)
            .values(subdomain=subdomain, company_name=company_name)
            .returning(tenants.c.id)
        )
    ).scalar_one()
    for setup in TENANT_SETUP:
        await setup(session, tenant_id)
    tenant = await session.get(Tenant, tenant_id)
    assert tenant is not None
    return tenant


OPERATOR_ONLY = ("is_active", "is_internal", "subscription_rf_implementations_active_limit")
"""Set by the platform operator, not by a tenant: a tenant may send them only unchanged (a
tenant that deactivated itself could never undo it)."""
NOT_YET_REFERENCEABLE = {
    "currency_id": "currencies",
    "tax_rate_id": "tax_rates",
    "load_drop_manifest_template_id": "templates",
}
"""References to resources Clarus does not have yet: only null is accepted until they exist."""
EVENT_NAME = "subdomain"


def _operator_only_problems(
    changes: Mapping[str, object], current: Mapping[str, object]
) -> list[Problem]:
    return [
        Problem(
            ErrorKind.INVALID_VALUE,
            f"{name}: only the platform operator can change this.",
            f"/{name}",
        )
        for name in OPERATOR_ONLY
        if name in changes and changes[name] != current[name]
    ]


def _unknown_reference_problems(changes: Mapping[str, object]) -> list[Problem]:
    return [
        Problem(
            ErrorKind.REFERENCE_NOT_FOUND,
            f"{resource} {changes[name]} does not exist.",
            f"/{name}",
            {"resource": resource, "id": changes[name]},
        )
        for name, resource in NOT_YET_REFERENCEABLE.items()
        if changes.get(name) is not None
    ]


async def _check_subdomain_changes(
    session: AsyncSession,
    *,
    tenant_id: int,
    changes: Mapping[str, object],
    current: Mapping[str, object],
) -> None:
    """Every problem at once: operator-only attributes, and references."""
    problems = _operator_only_problems(changes, current) + _unknown_reference_problems(changes)
    try:
        await ensure_references_exist(
            session,
            tenant_id=tenant_id,
            references=[
                Reference(
                    order_types,
                    sent_id(changes.get("default_order_type_id")),
                    "/default_order_type_id",
                ),
                Reference(
                    _referenced_table(tenants.c.default_role_id),
                    sent_id(changes.get("default_role_id")),
                    "/default_role_id",
                ),
            ],
        )
    except ClarusError as error:
        problems += error.problems
    if problems:
        raise ClarusError(*problems)


def _referenced_table(column: Column[int]) -> Table:
    """The table a tenant column's foreign key names, for a reference to a record of a domain
    above tenancy (the default role), which tenancy cannot import."""
    (foreign_key,) = column.foreign_keys
    return foreign_key.column.table


async def _set_address(
    session: AsyncSession,
    *,
    tenant_id: int,
    address_id: int | None,
    attributes: SubdomainAddressAttributes | None,
) -> int | None:
    """The company address is replaced whole by the one sent; `address: null` removes it."""
    if attributes is not None:
        address = await replace_address(
            session, tenant_id=tenant_id, address_id=address_id, attributes=attributes
        )
        return id_of(address)
    if address_id is not None:
        await session.execute(delete(addresses).where(addresses.c.id == address_id))
    return None


async def subdomain_record(session: AsyncSession, tenant: Mapping[str, object]) -> RowDict:
    """The subdomain as the API shows it: its company address nested, not as an id."""
    record = {name: value for name, value in tenant.items() if name != "address_id"}
    record["address"] = None
    if tenant["address_id"] is not None:
        columns = [addresses.c[name] for name in SubdomainAddressAttributes.model_fields]
        row = (
            await session.execute(select(*columns).where(addresses.c.id == tenant["address_id"]))
        ).one()
        record["address"] = dict(row._mapping)
    return record


async def update_subdomain(
    *,
    session: AsyncSession,
    tenant_id: int,
    subdomain_id: int,
    attributes: SubdomainUpdateAttributes,
) -> RowDict:
    """Change the caller's own tenant; any other subdomain is 404, exactly like a missing one."""
    if subdomain_id != tenant_id:
        raise NotFound(EVENT_NAME, subdomain_id)
    changes = attributes.changes()
    statement = select(tenants).where(tenants.c.id == tenant_id)
    current = dict((await session.execute(statement)).mappings().one())
    await _check_subdomain_changes(session, tenant_id=tenant_id, changes=changes, current=current)
    if "address" in changes:
        del changes["address"]
        changes["address_id"] = await _set_address(
            session,
            tenant_id=tenant_id,
            address_id=current["address_id"],
            attributes=attributes.address,
        )
    change = (
        update(tenants)
        .where(tenants.c.id == tenant_id)
        .values(updated_at=utcnow(), **changes)
        .returning(*tenants.c)
    )
    tenant = dict((await session.execute(change)).mappings().one())
    record = await subdomain_record(session, tenant)
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=EVENT_NAME,
        event="updated",
        record_id=tenant_id,
        payload=record,
    )
    return record
