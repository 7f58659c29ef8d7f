"""The OpenAPI document: our request bodies in components, and both security schemes required
together on every protected operation."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from clarus.api.rest.envelope import documented_models

REF_TEMPLATE = "#/components/schemas/{model}"


OAUTH_SCHEME = "BearerAuth"


def _merge_security(operation: dict[str, Any]) -> None:
    """One requirement with both schemes (they apply together); scopes belong to OAuth only."""
    requirements = operation.get("security")
    if not requirements:
        return
    merged: dict[str, list[str]] = {}
    for requirement in requirements:
        for name, scopes in requirement.items():
            merged.setdefault(name, [])
            if name == OAUTH_SCHEME:
                merged[name].extend(scope for scope in scopes if scope not in merged[name])
    operation["security"] = [merged]


NOT_FOUND = {"description": "No record of the tenant has this id"}
TOO_LARGE = {"description": "The request body is larger than the server accepts"}


def _document_not_found(path: str, operation: dict[str, Any]) -> None:
    """An operation on one record (an `{id}` in its path) answers 404 when the tenant has no
    such record; FastAPI cannot know that from the route."""
    if "{" in path:
        operation.setdefault("responses", {}).setdefault("404", NOT_FOUND)


def _document_too_large(operation: dict[str, Any]) -> None:
    """Every body is limited (`max_body_bytes`): a larger one is 413 before any route runs."""
    if "requestBody" in operation:
        operation.setdefault("responses", {}).setdefault("413", TOO_LARGE)


def install_openapi(app: FastAPI) -> None:
    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
        )
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        for name, model in documented_models.items():
            schema = model.model_json_schema(ref_template=REF_TEMPLATE)
            schemas.update(schema.pop("$defs", {}))
            schemas[name] = schema
        for path, path_item in document.get("paths", {}).items():
            for operation in path_item.values():
                _merge_security(operation)
                _document_not_found(path, operation)
                _document_too_large(operation)
        app.openapi_schema = document
        return document

    app.openapi = build  # type: ignore[method-assign]
