"""Writes of barcode formats. Services never commit: the caller owns the transaction.

Exactly one format of a tenant is the default once it has any: the first one made is, whatever
it asks; making another the default takes the flag from the old one; the default cannot be
unset directly (make another the default) nor deleted while other formats remain.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.catalog.tables import barcode_formats
from clarus.core import crud
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, fetch_record
from clarus.core.schemas import InputModel

IS_DEFAULT = "is_default"
_NAME = "barcode_format"


async def _ensure_not_the_default(session: AsyncSession, tenant_id: int, record_id: int) -> None:
    record = await fetch_record(
        session,
        barcode_formats,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=_NAME,
    )
    if record[IS_DEFAULT] and await _count(session, tenant_id) > 1:
        raise ClarusError.of(
            ErrorKind.DEFAULT_BARCODE_FORMAT_REQUIRED,
            f"barcode format {record_id} is the default: make another format the default"
            " before deleting it.",
        )


BARCODE_FORMATS = crud.RecordKind(
    barcode_formats, event_name=_NAME, ensure_deletable=_ensure_not_the_default
)


async def create_barcode_format(
    session: AsyncSession, kind: crud.RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    values = attributes.model_dump(exclude_none=True)
    is_first = await _count(session, tenant_id) == 0
    values[IS_DEFAULT] = is_first or bool(values.get(IS_DEFAULT))
    await crud.check_record(session, kind, tenant_id=tenant_id, values=values)
    if values[IS_DEFAULT] and not is_first:
        await _unset_default(session, tenant_id)
    return await crud.insert_checked_record(session, kind, tenant_id=tenant_id, values=values)


async def update_barcode_format(
    session: AsyncSession,
    kind: crud.RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    """`is_default: true` makes this the default; `false` (or null) on the default is refused,
    on another format changes nothing."""
    changes = attributes.changes()
    stored = await fetch_record(
        session,
        barcode_formats,
        tenant_id=tenant_id,
        record_id=record_id,
        resource=_NAME,
        lock=True,
    )
    if IS_DEFAULT in changes:
        wanted = bool(changes.pop(IS_DEFAULT))
        if stored[IS_DEFAULT] and not wanted:
            raise ClarusError.of(
                ErrorKind.DEFAULT_BARCODE_FORMAT_REQUIRED,
                path=f"/{IS_DEFAULT}",
            )
        if wanted and not stored[IS_DEFAULT]:
            await crud.check_record(
                session, kind, tenant_id=tenant_id, values=changes, record_id=record_id
            )
            await _unset_default(session, tenant_id)
            changes[IS_DEFAULT] = True
    return await crud.change_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, changes=changes
    )


BARCODE_FORMAT_WRITES = crud.RecordWrites(
    create=create_barcode_format, update=update_barcode_format
)


async def _count(session: AsyncSession, tenant_id: int) -> int:
    statement = select(func.count()).where(barcode_formats.c.tenant_id == tenant_id)
    return int((await session.execute(statement)).scalar_one())


async def _unset_default(session: AsyncSession, tenant_id: int) -> None:
    await crud.change_records(
        session,
        BARCODE_FORMATS,
        tenant_id=tenant_id,
        where=barcode_formats.c.is_default.is_(True),
        values={IS_DEFAULT: False},
    )
