from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import (
    BooleanInputType,
    DatetimeInputType,
    IdInputType,
    StringInputType,
)
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.nodes import TimestampsNode
from clarus.catalog.tables import barcode_formats


@strawberry.type(name="BarcodeFormat")
class BarcodeFormatNode(TimestampsNode):
    id: strawberry.ID
    code: str
    name: str
    is_default: bool


@strawberry.input
class BarcodeFormatFilterType:
    id: IdInputType | None = None
    code: StringInputType | None = None
    name: StringInputType | None = None
    is_default: BooleanInputType | None = None
    created_at: DatetimeInputType | None = None
    updated_at: DatetimeInputType | None = None


@strawberry.type
class BarcodeFormatQueries:
    all = list_field(BarcodeFormatNode, BarcodeFormatFilterType, barcode_formats)
