"""Reads of master data that a list filters on: which accounts work in which warehouses, and
which reason codes are given to which accounts."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Exists, exists, select

from clarus.core.queries import ColumnTest
from clarus.masterdata.tables import (
    account_warehouses,
    accounts,
    reason_code_accounts,
    reason_codes,
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
