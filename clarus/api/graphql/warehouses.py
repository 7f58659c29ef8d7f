from __future__ import annotations

import strawberry

from clarus.api.graphql.nodes import ExternalReferencesNode
from clarus.api.graphql.scalars import ISO8601DateTime


@strawberry.type(name="Warehouse")
class WarehouseNode(ExternalReferencesNode):
    """A warehouse as other records show it (`storage_unit { warehouse { id code name } }`)."""

    id: strawberry.ID
    code: str
    name: str
    is_active: bool
    timezone: str | None
    created_at: ISO8601DateTime
    updated_at: ISO8601DateTime
