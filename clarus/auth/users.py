"""User administration over the API: create, change and delete a tenant's users.

A password hash never leaves this module: records returned and emitted leave it out.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.auth.app_sessions import end_sessions_of_user
from clarus.auth.roles import default_role_id
from clarus.auth.schemas import UserAttributes
from clarus.auth.tables import api_clients, oauth_tokens, roles, users
from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.events import emit
from clarus.core.records import (
    RowDict,
    delete_returning,
    id_of,
    insert_returning,
    update_returning,
)
from clarus.core.references import Reference, ensure_references_exist, sent_id
from clarus.core.schemas import InputModel

SECRET_COLUMNS = frozenset({"password_hash"})
EVENT_NAME = "user"


def public_record(record: RowDict) -> RowDict:
    return {name: value for name, value in record.items() if name not in SECRET_COLUMNS}


async def _ensure_email_free(
    session: AsyncSession, *, tenant_id: int, email: str, excluding_id: int | None = None
) -> None:
    """Emails are unique in a tenant ignoring case: `Ann@x.com` and `ann@x.com` are one person."""
    statement = select(users.c.id).where(
        users.c.tenant_id == tenant_id, func.lower(users.c.email) == email.lower()
    )
    if excluding_id is not None:
        statement = statement.where(users.c.id != excluding_id)
    existing_id = (await session.execute(statement.limit(1))).scalar_one_or_none()
    if existing_id is not None:
        raise ClarusError.of(
            ErrorKind.CODE_TAKEN,
            f"The email {email!r} is already used by user {existing_id}.",
            path="/email",
            existing_id=existing_id,
        )


async def _check(
    session: AsyncSession,
    *,
    tenant_id: int,
    values: Mapping[str, object],
    user_id: int | None = None,
) -> None:
    email = values.get("email")
    if isinstance(email, str):
        await _ensure_email_free(session, tenant_id=tenant_id, email=email, excluding_id=user_id)
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[Reference(roles, sent_id(values.get("role_id")), "/role_id")],
    )


async def _emit(session: AsyncSession, *, tenant_id: int, event: str, record: RowDict) -> None:
    await emit(
        session,
        tenant_id=tenant_id,
        resource_name=EVENT_NAME,
        event=event,
        record_id=id_of(record),
        payload=record,
    )


async def create_user(
    *, session: AsyncSession, tenant_id: int, attributes: UserAttributes
) -> RowDict:
    values = attributes.model_dump(exclude_none=True)
    await _check(session, tenant_id=tenant_id, values=values)
    if "role_id" not in values:
        values["role_id"] = await default_role_id(session, tenant_id=tenant_id)
    record = public_record(
        await insert_returning(session, users, tenant_id=tenant_id, values=values)
    )
    await _emit(session, tenant_id=tenant_id, event="created", record=record)
    return record


def _refuse_locking_out(
    acting_user_id: int, user_id: int, action: str, path: str | None = None
) -> None:
    if user_id == acting_user_id:
        raise ClarusError.of(
            ErrorKind.RECORD_IN_USE,
            f"user {user_id} is the user this request acts as; it cannot {action} itself.",
            path=path,
        )


async def update_user(
    *,
    session: AsyncSession,
    tenant_id: int,
    acting_user_id: int,
    user_id: int,
    attributes: InputModel,
) -> RowDict:
    """Change what was sent. Deactivating a user revokes its tokens and ends its operator app
    sessions (both stop working at once);
    a caller cannot deactivate the user it acts as."""
    changes = attributes.changes()
    if "is_active" in changes and changes["is_active"] is None:
        changes["is_active"] = True
    if changes.get("is_active") is False:
        _refuse_locking_out(acting_user_id, user_id, "deactivate", path="/is_active")
    await _check(session, tenant_id=tenant_id, values=changes, user_id=user_id)
    if "role_id" in changes and changes["role_id"] is None:
        changes["role_id"] = await default_role_id(session, tenant_id=tenant_id)
    record = public_record(
        await update_returning(
            session,
            users,
            tenant_id=tenant_id,
            record_id=user_id,
            values=changes,
            resource=EVENT_NAME,
        )
    )
    if changes.get("is_active") is False:
        await revoke_tokens_of_user(session, user_id=user_id)
        await end_sessions_of_user(session, user_id=user_id)
    await _emit(session, tenant_id=tenant_id, event="updated", record=record)
    return record


async def revoke_tokens_of_user(session: AsyncSession, *, user_id: int) -> None:
    await session.execute(
        update(oauth_tokens)
        .where(oauth_tokens.c.user_id == user_id, oauth_tokens.c.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


async def _ensure_no_live_client_acts_as(
    session: AsyncSession, *, tenant_id: int, user_id: int
) -> None:
    statement = select(api_clients.c.id).where(
        api_clients.c.tenant_id == tenant_id,
        api_clients.c.user_id == user_id,
        api_clients.c.revoked_at.is_(None),
    )
    client_ids = list((await session.execute(statement.order_by(api_clients.c.id))).scalars())
    if client_ids:
        raise ClarusError.of(
            ErrorKind.RECORD_IN_USE,
            f"user {user_id} is the API user of {len(client_ids)} API client(s) that are not"
            " revoked; revoke them first (`clarus client revoke`).",
            resource="api_clients",
            ids=client_ids,
            count=len(client_ids),
        )


async def delete_user(
    *, session: AsyncSession, tenant_id: int, acting_user_id: int, user_id: int
) -> None:
    """Delete a user, with its tokens and any revoked API clients that acted as it.

    Refused for the user this request acts as, and for the API user of a client that still
    works: deleting it would silently delete that integration's credentials.
    """
    _refuse_locking_out(acting_user_id, user_id, "delete")
    await _ensure_no_live_client_acts_as(session, tenant_id=tenant_id, user_id=user_id)
    record = await delete_returning(
        session,
        users,
        tenant_id=tenant_id,
        record_id=user_id,
        resource=EVENT_NAME,
    )
    await _emit(session, tenant_id=tenant_id, event="deleted", record=public_record(record))
