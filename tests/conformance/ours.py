"""Our own OpenAPI document, resolved the same way as the reference spec."""

from __future__ import annotations

from functools import cache
from typing import Any

from clarus.api.application import create_app
from clarus.core.settings import Settings
from tests.conformance.spec import Operation


@cache
def our_document() -> dict[str, Any]:
    """Building the document touches no database, so a throwaway app will do."""
    document: dict[str, Any] = create_app(Settings(database_url="sqlite://")).openapi()
    return document


def our_resolve(node: Any) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = our_document()
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            return our_resolve(target)
        return {key: our_resolve(value) for key, value in node.items()}
    if isinstance(node, list):
        return [our_resolve(value) for value in node]
    return node


def our_operation(operation: Operation) -> dict[str, Any] | None:
    item = our_document()["paths"].get(operation.path, {})
    found = item.get(operation.method.lower())
    return found if isinstance(found, dict) else None


def our_attributes_schema(operation: Operation) -> dict[str, Any] | None:
    found = our_operation(operation)
    if found is None:
        return None
    content = found.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return None
    body = our_resolve(content["schema"])
    attributes = body.get("properties", {}).get("data", {}).get("properties", {}).get("attributes")
    return attributes if isinstance(attributes, dict) else None


def enum_of(schema: dict[str, Any]) -> set[Any] | None:
    """The allowed values of a property, looking through `anyOf` with null and `const`."""
    if "enum" in schema:
        return {value for value in schema["enum"] if value is not None}
    if "const" in schema:
        return {schema["const"]}
    for option in schema.get("anyOf", []):
        values = enum_of(option)
        if values is not None:
            return values
    return None
