"""Writes of master data. Services never commit: the caller owns the transaction."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.db import table_of
from clarus.core.events import emit
from clarus.core.records import (
    Record,
    delete_returning,
    ensure_code_free,
    insert_returning,
    update_returning,
)
from clarus.core.schemas import InputModel
from clarus.masterdata.models import Account
from clarus.masterdata.schemas import AccountAttributes

accounts = table_of(Account)
ACCOUNT_EVENTS = "account"
_CODE_POINTER = "/data/attributes/code"
_FLAG_DEFAULTS = {"is_active": True, "is_short_pickable": False}
"""Non-null flags: an explicit null puts them back to their default."""


async def create_account(
    *, session: AsyncSession, tenant_id: int, attributes: AccountAttributes
) -> Record:
    await ensure_code_free(
        session, accounts, tenant_id=tenant_id, code=attributes.code, pointer=_CODE_POINTER
    )
    values = attributes.model_dump(exclude_none=True)
    account = await insert_returning(session, accounts, tenant_id=tenant_id, values=values)
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=ACCOUNT_EVENTS,
        event="created",
        record_id=account["id"],
        payload=account,
    )
    return account


async def update_account(
    *, session: AsyncSession, tenant_id: int, account_id: int, attributes: InputModel
) -> Record:
    changes = attributes.changes()
    if "code" in changes:
        await ensure_code_free(
            session,
            accounts,
            tenant_id=tenant_id,
            code=changes["code"],
            pointer=_CODE_POINTER,
            excluding_id=account_id,
        )
    for flag, default in _FLAG_DEFAULTS.items():
        if flag in changes and changes[flag] is None:
            changes[flag] = default
    account = await update_returning(
        session,
        accounts,
        tenant_id=tenant_id,
        record_id=account_id,
        values=changes,
        resource="account",
    )
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=ACCOUNT_EVENTS,
        event="updated",
        record_id=account_id,
        payload=account,
    )
    return account


async def delete_account(*, session: AsyncSession, tenant_id: int, account_id: int) -> None:
    """Delete an account. Once stock and orders exist, accounts holding them are refused here."""
    account = await delete_returning(
        session, accounts, tenant_id=tenant_id, record_id=account_id, resource="account"
    )
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=ACCOUNT_EVENTS,
        event="deleted",
        record_id=account_id,
        payload=account,
    )
