"""Reads of master data that other code needs: which accounts work in which warehouses, which
reason codes are given to which accounts, what a warehouse checks at loading."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Exists, exists, func, literal, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.queries import ColumnTest
from clarus.masterdata.tables import (
    account_warehouses,
    accounts,
    locations,
    reason_code_accounts,
    reason_codes,
    warehouses,
)

_WAREHOUSE_LINKS = select(account_warehouses.c.account_id).where(
    account_warehouses.c.tenant_id == accounts.c.tenant_id
)


def accounts_in_warehouses(warehouse_id: ColumnTest) -> ColumnElement[bool]:
    """Accounts linked (`account_warehouses`) to a warehouse whose id passes the test."""
    return accounts.c.id.in_(
        _WAREHOUSE_LINKS.where(*warehouse_id(account_warehouses.c.warehouse_id))
    )


def accounts_in_no_warehouse() -> ColumnElement[bool]:
    """Accounts linked to no warehouse."""
    return accounts.c.id.not_in(_WAREHOUSE_LINKS)


def _reason_code_assignments() -> Exists:
    return exists().where(reason_code_accounts.c.reason_code_id == reason_codes.c.id)


def reason_codes_assigned(account_id: ColumnTest) -> ColumnElement[bool]:
    """Reason codes assigned to an account whose id passes the test."""
    assigned: ColumnElement[bool] = _reason_code_assignments().where(
        *account_id(reason_code_accounts.c.account_id)
    )
    return assigned


def reason_codes_assigned_to_none() -> ColumnElement[bool]:
    """Reason codes assigned to no account."""
    return ~_reason_code_assignments()


@dataclass(frozen=True, slots=True)
class Choice:
    """A record a person picks from a list: its id and the code they know it by."""

    id: int
    code: str


async def accounts_and_warehouses(
    session: AsyncSession, *, tenant_id: int
) -> tuple[list[Choice], list[Choice]]:
    """The tenant's accounts and warehouses by code, for a list's filters: one statement."""
    statement = union_all(
        select(literal("account").label("kind"), accounts.c.id, accounts.c.code).where(
            accounts.c.tenant_id == tenant_id
        ),
        select(literal("warehouse").label("kind"), warehouses.c.id, warehouses.c.code).where(
            warehouses.c.tenant_id == tenant_id
        ),
    ).order_by("kind", "code")
    account_choices: list[Choice] = []
    warehouse_choices: list[Choice] = []
    for row_kind, record_id, code in await session.execute(statement):
        (account_choices if row_kind == "account" else warehouse_choices).append(
            Choice(record_id, code)
        )
    return account_choices, warehouse_choices


async def location_id_scanned(
    session: AsyncSession, *, tenant_id: int, warehouse_id: int | None, scan: str
) -> int | None:
    """The warehouse's location whose code or barcode is `scan` (a code first, then the
    oldest), else None; any of the tenant's warehouses' when `warehouse_id` is None."""
    statement = (
        select(locations.c.id)
        .where(
            locations.c.tenant_id == tenant_id,
            or_(locations.c.code == scan, locations.c.barcode == scan),
        )
        .order_by((locations.c.code == scan).desc(), locations.c.id)
        .limit(1)
    )
    if warehouse_id is not None:
        statement = statement.where(locations.c.warehouse_id == warehouse_id)
    return (await session.execute(statement)).scalar_one_or_none()


@dataclass(frozen=True, slots=True)
class ReasonChoice:
    id: int
    code: str
    name: str


async def active_reason_codes(
    session: AsyncSession, *, tenant_id: int, reason_type: str
) -> list[ReasonChoice]:
    """The tenant's active reason codes of `reason_type`, by code."""
    statement = (
        select(reason_codes.c.id, reason_codes.c.code, reason_codes.c.name)
        .where(
            reason_codes.c.tenant_id == tenant_id,
            reason_codes.c.reason_type == reason_type,
            reason_codes.c.active,
        )
        .order_by(reason_codes.c.code)
    )
    return [ReasonChoice(row.id, row.code, row.name) for row in await session.execute(statement)]


async def loading_validation(session: AsyncSession, *, warehouse_id: int) -> str:
    """What a warehouse checks when stock is loaded: `none`, `delivery_address` or
    `sales_order` (its `loading_validation_setting`)."""
    statement = select(warehouses.c.loading_validation_setting).where(
        warehouses.c.id == warehouse_id
    )
    setting: str = (await session.execute(statement)).scalar_one()
    return setting


async def account_id_with_code(session: AsyncSession, *, tenant_id: int, code: str) -> int | None:
    """The id of the tenant's account whose code is `code` (in any case), or None."""
    statement = select(accounts.c.id).where(
        accounts.c.tenant_id == tenant_id, func.lower(accounts.c.code) == code.lower()
    )
    return (await session.execute(statement.limit(1))).scalar_one_or_none()
