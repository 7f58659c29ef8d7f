"""What the domains' typed rows (`<domain>/rows.py`) share: the column groups many tables carry,
and the one way a row's `shape=` function is built from its `TypedDict`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from operator import itemgetter
from typing import TypedDict, TypeVar, cast

from sqlalchemy import RowMapping, Table

RowT = TypeVar("RowT", bound=Mapping[str, object])


class CustomFields(TypedDict):
    """The contract's twenty custom fields of a record."""

    integer1: int | None
    integer2: int | None
    integer3: int | None
    integer4: int | None
    integer5: int | None
    datetime1: dt.datetime | None
    datetime2: dt.datetime | None
    datetime3: dt.datetime | None
    datetime4: dt.datetime | None
    datetime5: dt.datetime | None
    boolean1: bool | None
    boolean2: bool | None
    boolean3: bool | None
    boolean4: bool | None
    boolean5: bool | None
    string1: str | None
    string2: str | None
    string3: str | None
    string4: str | None
    string5: str | None


class ExternalReferences(TypedDict):
    """A record's references in the systems that send it."""

    external_system_reference1: str | None
    external_system_reference2: str | None
    external_system_reference3: str | None


def row_shape(row_type: type[RowT], table: Table) -> Callable[[RowMapping], RowT]:
    """The function building a `row_type` from a row of `table` (`shape=` of the reads in
    `core.records`): its keys, each a column of `table`, in the table's column order (so a
    record shows its values in the order it always has, whatever bases the type has)."""
    keys = set(row_type.__annotations__)
    columns = [column.key for column in table.c]
    unknown = keys.difference(columns)
    if unknown:
        raise ValueError(f"{row_type.__name__} names no column of {table.name}: {sorted(unknown)}")
    names = tuple(name for name in columns if name in keys)
    read = itemgetter(*names)

    def shaped(row: RowMapping) -> RowT:
        values = read(row) if len(names) > 1 else (read(row),)
        return cast(RowT, dict(zip(names, values, strict=True)))

    return shaped
