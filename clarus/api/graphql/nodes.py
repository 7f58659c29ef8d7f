"""Field sets many node types share, mirroring the column sets of `clarus.core.models`."""

from __future__ import annotations

import strawberry

from clarus.api.graphql.scalars import ISO8601DateTime


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
