"""What one operation takes and answers, read from the GraphQL schema and the OpenAPI document:
for `graphql_details`, `graphql_type` and `rest_details`."""

from __future__ import annotations

from fastapi import FastAPI
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLObjectType,
    get_named_type,
)

from clarus.api.graphql.schema import schema
from clarus.api.mcp.catalogue import HTTP_METHODS, connection_field, node_type
from clarus.core.json_types import JSONObject, JSONValue

REF_DEPTH = 4
"""How deep `$ref`s of a body schema are followed before they are left as references."""
PAGINATION = (
    "Relay: `first` (at most 100 a page through graphql_query unless a limit is given) and "
    "`after` (the `pageInfo { endCursor }` of the page before); `pageInfo { hasNextPage "
    "endCursor }` and `total_count` on the connection."
)


def graphql_details(name: str) -> JSONObject | None:
    """The arguments, filters, sort and node fields of the query `name` (`goods_outs`)."""
    connection = connection_field(name)
    if connection is None:
        return None
    arguments: JSONObject = {
        argument_name: str(argument.type) for argument_name, argument in connection.args.items()
    }
    filter_argument = connection.args.get("filter")
    filter_type = get_named_type(filter_argument.type) if filter_argument is not None else None
    node = node_type(connection)
    return {
        "query": name,
        "shape": f"{{ {name} {{ all(filter: ..., first: ..., after: ...) {{ edges {{ node "
        "{ ...fields } } pageInfo { hasNextPage endCursor } } } }",
        "arguments": arguments,
        "filter": _fields_of(filter_type) if filter_type is not None else {},
        "node_type": node.name if node is not None else None,
        "fields": _fields_of(node) if node is not None else {},
        "pagination": PAGINATION,
    }


def graphql_type(name: str) -> JSONObject | None:
    """The fields of an object or input type, or the values of an enum."""
    found = schema._schema.type_map.get(name)
    if isinstance(found, GraphQLEnumType):
        return {"type": name, "kind": "enum", "values": list(found.values)}
    if isinstance(found, GraphQLObjectType | GraphQLInputObjectType):
        kind = "input" if isinstance(found, GraphQLInputObjectType) else "object"
        return {"type": name, "kind": kind, "fields": _fields_of(found)}
    return None


def _fields_of(found: object) -> JSONObject:
    fields = getattr(found, "fields", {})
    return {
        field_name: str(field.type) + (f" - {field.description}" if field.description else "")
        for field_name, field in fields.items()
    }


def rest_details(app: FastAPI, operation: str) -> JSONObject | None:
    """An operation named `METHOD /api/path` or by its operationId: parameters and body."""
    document = app.openapi()
    for path, method, found in _rest_operations(document):
        if operation.strip() in (f"{method.upper()} {path}", found.get("operationId")):
            return {
                "operation": f"{method.upper()} {path}",
                "summary": found.get("summary"),
                "description": found.get("description"),
                "scopes": found.get("security"),
                "parameters": found.get("parameters", []),
                "body": _resolved(found.get("requestBody"), document, REF_DEPTH),
            }
    return None


def _rest_operations(document: JSONObject) -> list[tuple[str, str, JSONObject]]:
    paths = document.get("paths")
    found: list[tuple[str, str, JSONObject]] = []
    if isinstance(paths, dict):
        for path, item in paths.items():
            if isinstance(item, dict) and path.startswith("/api/"):
                found.extend(
                    (path, method, operation)
                    for method in HTTP_METHODS
                    if isinstance(operation := item.get(method), dict)
                )
    return found


def _resolved(value: JSONValue | None, document: JSONObject, depth: int) -> JSONValue | None:
    """`value` with its `$ref`s to `#/components/schemas/...` put in place, `depth` deep."""
    if isinstance(value, list):
        return [_resolved(item, document, depth) for item in value]
    if not isinstance(value, dict):
        return value
    reference = value.get("$ref")
    if isinstance(reference, str) and depth > 0:
        return _resolved(_component(document, reference), document, depth - 1)
    return {key: _resolved(item, document, depth) for key, item in value.items()}


def _component(document: JSONObject, reference: str) -> JSONValue | None:
    found: JSONValue | None = document
    for part in reference.removeprefix("#/").split("/"):
        found = found.get(part) if isinstance(found, dict) else None
    return found
