"""The file an automation action parameter carries (a template body, an import file): uploaded
as the raw request body, one per parameter, replaced by the next upload. Services never commit."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.errors import ClarusError, ErrorKind, NotFound
from clarus.core.fields import DEFAULT_TEXT_MAX_LENGTH
from clarus.core.records import RowDict, fetch_record, insert_returning
from clarus.webhooks.tables import (
    automation_action_parameter_attachments,
    automation_action_parameters,
)

PARAMETER = "automation_action_parameter"
SHOWN_ATTACHMENT = ("filename", "content_type", "byte_size", "created_at")


@dataclass(frozen=True, slots=True)
class Upload:
    filename: str | None
    """Required."""
    content_type: str
    content: bytes


async def attach(
    session: AsyncSession, *, tenant_id: int, parameter_id: int, upload: Upload
) -> RowDict:
    """The parameter with its new attachment (any earlier one is replaced)."""
    await _parameter(session, tenant_id, parameter_id)
    _ensure_acceptable(upload)
    await session.execute(
        delete(automation_action_parameter_attachments).where(_of_parameter(parameter_id))
    )
    row = await insert_returning(
        session,
        automation_action_parameter_attachments,
        tenant_id=tenant_id,
        values={
            "automation_action_parameter_id": parameter_id,
            "filename": upload.filename,
            "content_type": upload.content_type,
            "byte_size": len(upload.content),
            "content": upload.content,
        },
    )
    return {"id": parameter_id, "attachment": {name: row[name] for name in SHOWN_ATTACHMENT}}


async def detach(session: AsyncSession, *, tenant_id: int, parameter_id: int) -> None:
    """Remove the parameter's attachment; 404 when it has none."""
    await _parameter(session, tenant_id, parameter_id)
    removed = await session.execute(
        delete(automation_action_parameter_attachments)
        .where(_of_parameter(parameter_id))
        .returning(automation_action_parameter_attachments.c.id)
    )
    if removed.first() is None:
        raise NotFound("attachment of automation_action_parameter", parameter_id)


def _of_parameter(parameter_id: int) -> ColumnElement[bool]:
    return automation_action_parameter_attachments.c.automation_action_parameter_id == parameter_id


async def _parameter(session: AsyncSession, tenant_id: int, parameter_id: int) -> RowDict:
    return await fetch_record(
        session,
        automation_action_parameters,
        tenant_id=tenant_id,
        record_id=parameter_id,
        resource=PARAMETER,
        lock=True,
    )


def _ensure_acceptable(upload: Upload) -> None:
    if not upload.filename:
        raise ClarusError.of(
            ErrorKind.MISSING_HEADER,
            'Name the file: Content-Disposition: attachment; filename="body.html".',
            path="/filename",
        )
    if not upload.content:
        raise ClarusError.of(
            ErrorKind.MISSING_FIELD, "The request body (the file) is empty.", path="/content"
        )
    _ensure_storable("filename", upload.filename)
    _ensure_storable("content_type", upload.content_type)


def _ensure_storable(name: str, value: str) -> None:
    """A text column holds at most 255 characters of UTF-8 without NUL (PostgreSQL refuses
    NUL; `filename*=unicode_escape''%5Cud800` decodes to a lone surrogate UTF-8 cannot hold)."""
    if len(value) > DEFAULT_TEXT_MAX_LENGTH:
        raise ClarusError.of(
            ErrorKind.TOO_LONG,
            f"{name}: at most {DEFAULT_TEXT_MAX_LENGTH} characters",
            path=f"/{name}",
            max_length=DEFAULT_TEXT_MAX_LENGTH,
        )
    if "\x00" in value or not _is_utf8(value):
        raise ClarusError.of(
            ErrorKind.INVALID_VALUE,
            f"{name}: must be UTF-8 text without NUL characters",
            path=f"/{name}",
        )


def _is_utf8(value: str) -> bool:
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return True
