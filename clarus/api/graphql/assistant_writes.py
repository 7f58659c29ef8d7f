"""`assistant_writes` (ours): the log of the writes AI assistants made through the MCP
server's `rest_query`, as the user they acted for. For tokens with the `admin` scope."""

from __future__ import annotations

import strawberry

from clarus.api.graphql.filters import DatetimeInputType, IdInputType, StringInputType
from clarus.api.graphql.lists import list_field
from clarus.api.graphql.nodes import column_alias
from clarus.api.graphql.scalars import ISO8601DateTime
from clarus.auth.scopes import Scope
from clarus.auth.tables import assistant_writes


@strawberry.type(name="AssistantWrite")
class AssistantWriteNode:
    id: strawberry.ID
    user_id: strawberry.ID = strawberry.field(description="The user the assistant acted for")
    api_client_id: strawberry.ID = strawberry.field(description="The assistant's API client")
    tool: str = strawberry.field(description="The MCP tool that wrote (rest_query)")
    method: str
    path: str = strawberry.field(description="The API path called, e.g. /api/goods_outs/12")
    record_ids: list[str] = strawberry.field(
        description="The records the write named in its path or answered with"
    )
    status_code: int = strawberry.field(description="The HTTP status the API answered")
    created_at: ISO8601DateTime
    updated_at = column_alias(
        "created_at", ISO8601DateTime, "A logged write never changes: its created_at"
    )


@strawberry.input
class AssistantWriteFilterType:
    id: IdInputType | None = None
    user_id: IdInputType | None = None
    api_client_id: IdInputType | None = None
    tool: StringInputType | None = None
    method: StringInputType | None = None
    path: StringInputType | None = None
    created_at: DatetimeInputType | None = None


ADMIN_ONLY = (Scope.ADMIN.value, "The log of assistants' writes needs the admin scope.")


@strawberry.type
class AssistantWriteQueries:
    all = list_field(
        AssistantWriteNode,
        AssistantWriteFilterType,
        assistant_writes,
        required_scope=ADMIN_ONLY,
        updated_at="created_at",
        description="Writes made by AI assistants as users, oldest first",
    )
