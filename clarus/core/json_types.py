"""The types of JSON documents as Python sees them after `json.loads` (or before `json.dumps`):
for request and response bodies, webhook payloads and OpenAPI fragments whose shape is the
wire's rather than a record's."""

from __future__ import annotations

from typing import TypeAlias

JSONScalar: TypeAlias = str | int | float | bool | None
JSONValue: TypeAlias = "JSONScalar | list[JSONValue] | dict[str, JSONValue]"
JSONObject: TypeAlias = dict[str, JSONValue]
JSONArray: TypeAlias = list[JSONValue]
