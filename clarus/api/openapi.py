"""The OpenAPI document: our request bodies in components, and both security schemes required
together on every protected operation."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from clarus.api.rest.envelope import documented_models
from clarus.core.json_types import JSONObject

REF_TEMPLATE = "#/components/schemas/{model}"


OAUTH_SCHEME = "BearerAuth"


def _merge_security(operation: JSONObject) -> None:
    """One requirement with both schemes (they apply together); scopes belong to OAuth only."""
    requirements = operation.get("security")
    if not isinstance(requirements, list) or not requirements:
        return
    merged: JSONObject = {}
    for requirement in requirements:
        assert isinstance(requirement, dict)
        for name, scopes in requirement.items():
            kept = merged.setdefault(name, [])
            if name == OAUTH_SCHEME:
                assert isinstance(kept, list)
                assert isinstance(scopes, list)
                kept.extend(scope for scope in scopes if scope not in kept)
    operation["security"] = [merged]


NOT_FOUND: JSONObject = {"description": "No record of the tenant has this id"}
TOO_LARGE: JSONObject = {"description": "The request body is larger than the server accepts"}


def _responses(operation: JSONObject) -> JSONObject:
    """The operation's `responses` object, made empty when it has none."""
    responses = operation.setdefault("responses", {})
    assert isinstance(responses, dict)
    return responses


def _document_not_found(path: str, operation: JSONObject) -> None:
    """An operation on one record (an `{id}` in its path) answers 404 when the tenant has no
    such record; FastAPI cannot know that from the route."""
    if "{" in path:
        _responses(operation).setdefault("404", NOT_FOUND)


def _document_too_large(operation: JSONObject) -> None:
    """Every body is limited (`max_body_bytes`): a larger one is 413 before any route runs."""
    if "requestBody" in operation:
        _responses(operation).setdefault("413", TOO_LARGE)


def install_openapi(app: FastAPI) -> None:
    def build() -> JSONObject:
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
