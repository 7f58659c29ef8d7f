"""Custom carrier types (the carriers Clarus plays itself) and their tracking numbers.

A carrier with a `custom_carrier_type_id` is a custom carrier: submitting one of its shipments
takes the next values of the carrier's own sequence (`carrier_tracking_sequences`, one row per
carrier) and writes them through the type's `tracking_number_pattern`."""

from __future__ import annotations

import re
from collections.abc import Mapping

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.crud import RecordKind, RecordWrites, create_record, update_record
from clarus.core.errors import ClarusError, ErrorKind
from clarus.core.records import RowDict, fetch_record
from clarus.core.schemas import InputModel
from clarus.masterdata.tables import carriers
from clarus.shipping.rows import CustomCarrierTypeRow, custom_carrier_type_row
from clarus.shipping.schemas import PrintParams
from clarus.shipping.tables import carrier_tracking_sequences, custom_carrier_types

DEFAULT_TRACKING_NUMBER_PATTERN = "{carrier_code}{sequence:010d}"
_PATTERN = re.compile(r"(?:[^{}]|\{carrier_code\}|\{sequence(?::0[1-9]\d?d)?\})*")
_SEQUENCE = re.compile(r"\{sequence(?::0[1-9]\d?d)?\}")

CUSTOM_CARRIER_TYPES = RecordKind(
    custom_carrier_types,
    event_name="custom_carrier_type",
    dependents=(carriers.c.custom_carrier_type_id,),
)


def check_tracking_pattern(values: Mapping[str, object]) -> None:
    pattern = values.get("tracking_number_pattern")
    if not isinstance(pattern, str):
        return
    printable = pattern.isascii() and pattern.isprintable()
    if not printable or _PATTERN.fullmatch(pattern) is None or _SEQUENCE.search(pattern) is None:
        raise ClarusError.of(ErrorKind.INVALID_TRACKING_PATTERN, path="/tracking_number_pattern")


async def create_custom_carrier_type(
    session: AsyncSession, kind: RecordKind, /, *, tenant_id: int, attributes: InputModel
) -> RowDict:
    check_tracking_pattern(attributes.changes())
    return await create_record(session, kind, tenant_id=tenant_id, attributes=attributes)


async def update_custom_carrier_type(
    session: AsyncSession,
    kind: RecordKind,
    /,
    *,
    tenant_id: int,
    record_id: int,
    attributes: InputModel,
) -> RowDict:
    """`print_params` sent change the stored ones key by key (a `page_width` alone keeps the
    margins)."""
    changes = attributes.changes()
    check_tracking_pattern(changes)
    sent_params = changes.get("print_params")
    if isinstance(sent_params, Mapping):
        current = await fetch_record(
            session,
            custom_carrier_types,
            tenant_id=tenant_id,
            record_id=record_id,
            resource=kind.event_name,
            lock=True,
            shape=custom_carrier_type_row,
        )
        stored = current["print_params"] if isinstance(current["print_params"], Mapping) else {}
        merged = {**stored, **sent_params}
        attributes = attributes.model_copy(update={"print_params": PrintParams(**merged)})
    return await update_record(
        session, kind, tenant_id=tenant_id, record_id=record_id, attributes=attributes
    )


CUSTOM_CARRIER_TYPE_WRITES = RecordWrites(
    create=create_custom_carrier_type, update=update_custom_carrier_type
)


def tracking_number(pattern: str | None, *, carrier_code: str, sequence: int) -> str:
    """`pattern` was checked on write: only `{carrier_code}` and `{sequence[:0Nd]}` fields."""
    return (pattern or DEFAULT_TRACKING_NUMBER_PATTERN).format(
        carrier_code=carrier_code, sequence=sequence
    )


async def take_sequence_values(
    session: AsyncSession, *, tenant_id: int, carrier_id: int, count: int
) -> range:
    """The next `count` values of the carrier's sequence. The carrier's row is locked first, so
    two transactions never take the same values; a rolled-back transaction gives its values
    back, so the numbers stored have no gaps."""
    await fetch_record(
        session,
        carriers,
        tenant_id=tenant_id,
        record_id=carrier_id,
        resource="carrier",
        lock=True,
    )
    sequences = carrier_tracking_sequences
    statement = (
        update(sequences)
        .where(sequences.c.carrier_id == carrier_id, sequences.c.tenant_id == tenant_id)
        .values(last_value=sequences.c.last_value + count)
        .returning(sequences.c.last_value)
    )
    last = (await session.execute(statement)).scalar_one_or_none()
    if last is None:
        last = count
        await session.execute(
            insert(sequences).values(tenant_id=tenant_id, carrier_id=carrier_id, last_value=last)
        )
    return range(last - count + 1, last + 1)


async def custom_carrier_type_of(
    session: AsyncSession, *, tenant_id: int, custom_carrier_type_id: int | None
) -> CustomCarrierTypeRow | None:
    if custom_carrier_type_id is None:
        return None
    statement = select(custom_carrier_types).where(
        custom_carrier_types.c.id == custom_carrier_type_id,
        custom_carrier_types.c.tenant_id == tenant_id,
    )
    row = (await session.execute(statement)).mappings().one_or_none()
    return None if row is None else custom_carrier_type_row(row)
