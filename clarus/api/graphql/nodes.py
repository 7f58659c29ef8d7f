"""Field sets many node types share, mirroring the column sets of `clarus.core.models`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TypeVar

import strawberry
from strawberry.types.field import StrawberryField

from clarus.api.graphql.scalars import ISO8601DateTime

DerivedT = TypeVar("DerivedT")


@dataclass(frozen=True)
class DerivedField:
    """A node field worked out from one of its columns by a pure function."""

    column: str
    derive: Callable[[object], object]


DERIVED_FIELDS: dict[Callable[..., object], DerivedField] = {}
"""The resolvers `derived_field` made and what each reads: the compiled executor calls
`derive` on the column itself (`compiled.py`)."""


COLUMN_ALIASES: dict[Callable[..., object], str] = {}
"""The resolvers `column_alias` made and the column each answers."""

OWN_ROW_FIELDS: set[Callable[..., object]] = set()
"""The resolvers `own_row_field` made: the compiled executor answers their selection from the
node's own row."""


def column_alias(
    column: str, graphql_type: object, description: str | None = None
) -> StrawberryField:
    """A node field answering another column (the documented name of one we name otherwise)."""

    def resolve(self: SimpleNamespace) -> object:
        return getattr(self, column)

    COLUMN_ALIASES[resolve] = column
    return strawberry.field(resolve, graphql_type=graphql_type, description=description)


def derived_field(
    derive: Callable[[object], DerivedT],
    column: str,
    graphql_type: object,
    description: str | None = None,
) -> StrawberryField:
    """A node field answering `derive(column)` (an object of plain fields, such as a status
    by its id, or a scalar); `derive` is given the column's value, null included."""

    def resolve(self: SimpleNamespace) -> DerivedT:
        return derive(getattr(self, column))

    DERIVED_FIELDS[resolve] = DerivedField(column, derive)
    return strawberry.field(resolve, graphql_type=graphql_type, description=description)


def own_row_field(graphql_type: object, description: str | None = None) -> StrawberryField:
    """A node field answering an object read from the node's own row (a user's membership and
    the user, which share one row)."""

    def resolve(self: SimpleNamespace) -> SimpleNamespace:
        return self

    OWN_ROW_FIELDS.add(resolve)
    return strawberry.field(resolve, graphql_type=graphql_type, description=description)


@strawberry.type
class ExternalReferencesNode:
    external_system_reference1: str | None
    external_system_reference2: str | None
    external_system_reference3: str | None


@strawberry.type
class CustomStringsNode:
    string1: str | None
    string2: str | None
    string3: str | None
    string4: str | None
    string5: str | None


@strawberry.type
class CustomFieldsNode(CustomStringsNode):
    integer1: int | None
    integer2: int | None
    integer3: int | None
    integer4: int | None
    integer5: int | None
    datetime1: ISO8601DateTime | None
    datetime2: ISO8601DateTime | None
    datetime3: ISO8601DateTime | None
    datetime4: ISO8601DateTime | None
    datetime5: ISO8601DateTime | None
    boolean1: bool | None
    boolean2: bool | None
    boolean3: bool | None
    boolean4: bool | None
    boolean5: bool | None


@strawberry.type
class TimestampsNode:
    created_at: ISO8601DateTime
    updated_at: ISO8601DateTime
