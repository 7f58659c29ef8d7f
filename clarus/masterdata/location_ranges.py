"""Location ranges: many locations from zone/aisle/column/row/slot ranges in one request.

A range runs over numbers (`01`..`12`, padded to the width of its start) or letters (`A`..`C`,
then `AA`.. like spreadsheet columns, in the case of its start). The locations are the cartesian
product of the ranges given; each one's code is the prefix followed by its components. Either
every location is created or none is: the whole request is checked before one set-based insert.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from clarus.core.crud import emit_changes
from clarus.core.db import utcnow
from clarus.core.errors import ClarusError, ErrorKind, Problem
from clarus.core.records import RowDict
from clarus.core.references import Reference, ensure_references_exist
from clarus.masterdata.models import LOCATION_CODE_LENGTH
from clarus.masterdata.schemas import LocationRangeAttributes
from clarus.masterdata.service import LOCATIONS
from clarus.masterdata.tables import location_types, locations, warehouses

MAX_LOCATIONS_PER_RANGE = 10_000
_DIGITS = re.compile(r"[0-9]+")
_UPPER = re.compile(r"[A-Z]+")
_LOWER = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Axis:
    """One dimension's range, as the integers `first..last` and how each one is written."""

    dimension: str
    first: int
    last: int
    render: Callable[[int], str]

    @property
    def size(self) -> int:
        return self.last - self.first + 1

    def values(self) -> Iterator[str]:
        return (self.render(number) for number in range(self.first, self.last + 1))


def _padded(number: int, *, width: int) -> str:
    return str(number).zfill(width)


def _letters_to_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _number_to_letters(number: int, *, lower: bool) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters.lower() if lower else letters


def _axis(dimension: str, start: str, end: str) -> Axis | Problem:
    if _DIGITS.fullmatch(start) and _DIGITS.fullmatch(end):
        return Axis(dimension, int(start), int(end), functools.partial(_padded, width=len(start)))
    for letters in (_UPPER, _LOWER):
        if letters.fullmatch(start) and letters.fullmatch(end):
            return Axis(
                dimension,
                _letters_to_number(start),
                _letters_to_number(end),
                functools.partial(_number_to_letters, lower=letters is _LOWER),
            )
    return Problem(
        ErrorKind.INVALID_VALUE,
        f"range_{dimension}: {start!r}..{end!r} must both be numbers or both be letters"
        " of the same case.",
        f"/range_end_{dimension}",
    )


def _sent_ranges(attributes: LocationRangeAttributes) -> dict[str, tuple[str | None, str | None]]:
    """Each dimension's `range_start_*` and `range_end_*`, in the order codes are made of."""
    return {
        "zone": (attributes.range_start_zone, attributes.range_end_zone),
        "aisle": (attributes.range_start_aisle, attributes.range_end_aisle),
        "column": (attributes.range_start_column, attributes.range_end_column),
        "row": (attributes.range_start_row, attributes.range_end_row),
        "slot": (attributes.range_start_slot, attributes.range_end_slot),
    }


def _axes(attributes: LocationRangeAttributes) -> list[Axis]:
    axes: list[Axis] = []
    problems: list[Problem] = []
    for dimension, (start, end) in _sent_ranges(attributes).items():
        if start is None and end is None:
            continue
        if start is None or end is None:
            missing = "start" if start is None else "end"
            problems.append(
                Problem(
                    ErrorKind.MISSING_FIELD,
                    f"range_{missing}_{dimension}: a range needs both its start and its end.",
                    f"/range_{missing}_{dimension}",
                )
            )
            continue
        axis = _axis(dimension, start, end)
        if isinstance(axis, Problem):
            problems.append(axis)
        elif axis.first > axis.last:
            problems.append(
                Problem(
                    ErrorKind.INVALID_VALUE,
                    f"range_end_{dimension}: {end!r} comes before the start {start!r}.",
                    f"/range_end_{dimension}",
                )
            )
        else:
            axes.append(axis)
    if problems:
        raise ClarusError(*problems)
    if not axes:
        raise ClarusError.of(
            ErrorKind.MISSING_FIELD,
            "At least one range_start_*/range_end_* pair is required.",
            path="",
        )
    return axes


def _ensure_size_allowed(axes: list[Axis]) -> None:
    count = math.prod(axis.size for axis in axes)
    if count > MAX_LOCATIONS_PER_RANGE:
        raise ClarusError.of(
            ErrorKind.OUT_OF_RANGE,
            f"The ranges make {count} locations; at most {MAX_LOCATIONS_PER_RANGE} per request.",
            path="",
            count=count,
            max_count=MAX_LOCATIONS_PER_RANGE,
        )


def _generated(prefix: str, axes: list[Axis]) -> list[dict[str, str]]:
    """One dict per location: its code and its components by dimension."""
    locations_wanted: list[dict[str, str]] = []
    for components in itertools.product(*(list(axis.values()) for axis in axes)):
        by_dimension = {axis.dimension: value for axis, value in zip(axes, components, strict=True)}
        locations_wanted.append({"code": prefix + "".join(components), **by_dimension})
    return locations_wanted


def _ensure_codes_valid(wanted: list[dict[str, str]]) -> None:
    codes = [location["code"] for location in wanted]
    longest = max(codes, key=len)
    if len(longest) > LOCATION_CODE_LENGTH:
        raise ClarusError.of(
            ErrorKind.TOO_LONG,
            f"The code {longest!r} would be longer than {LOCATION_CODE_LENGTH} characters.",
            path="",
            max_length=LOCATION_CODE_LENGTH,
        )
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise ClarusError.of(
                ErrorKind.INVALID_VALUE,
                f"The ranges make the code {code!r} more than once.",
                path="",
                code=code,
            )
        seen.add(code)


async def _ensure_codes_free(
    session: AsyncSession, *, tenant_id: int, warehouse_id: int, codes: list[str]
) -> None:
    statement = (
        select(locations.c.code)
        .where(
            locations.c.tenant_id == tenant_id,
            locations.c.warehouse_id == warehouse_id,
            locations.c.code.in_(codes),
        )
        .order_by(locations.c.code)
    )
    taken = list((await session.execute(statement)).scalars())
    if taken:
        shown = ", ".join(taken[:10]) + (", ..." if len(taken) > 10 else "")
        raise ClarusError.of(
            ErrorKind.CODE_TAKEN,
            f"{len(taken)} of the codes already exist in warehouse {warehouse_id}: {shown}.",
            path="",
            existing_codes=taken[:100],
            existing_count=len(taken),
        )


def _row(attributes: LocationRangeAttributes, location: dict[str, str]) -> dict[str, object]:
    now = utcnow()
    return {
        **location,
        "warehouse_id": attributes.warehouse_id,
        "location_type_id": attributes.location_type_id,
        "description": attributes.description,
        "is_active": True if attributes.active is None else attributes.active,
        "is_pickface": bool(attributes.is_pickface),
        "max_storage_units": attributes.max_storage_units,
        "created_at": now,
        "updated_at": now,
    }


async def create_location_range(
    session: AsyncSession, *, tenant_id: int, attributes: LocationRangeAttributes
) -> list[RowDict]:
    axes = _axes(attributes)
    _ensure_size_allowed(axes)
    wanted = _generated(attributes.prefix or "", axes)
    _ensure_codes_valid(wanted)
    await ensure_references_exist(
        session,
        tenant_id=tenant_id,
        references=[
            Reference(warehouses, attributes.warehouse_id, "/warehouse_id"),
            Reference(location_types, attributes.location_type_id, "/location_type_id"),
        ],
    )
    await _ensure_codes_free(
        session,
        tenant_id=tenant_id,
        warehouse_id=attributes.warehouse_id,
        codes=[location["code"] for location in wanted],
    )
    rows = [{"tenant_id": tenant_id, **_row(attributes, location)} for location in wanted]
    result = await session.execute(insert(locations).returning(*locations.c), rows)
    created = [dict(row) for row in result.mappings()]
    await emit_changes(session, LOCATIONS, tenant_id=tenant_id, event="created", records=created)
    return created
