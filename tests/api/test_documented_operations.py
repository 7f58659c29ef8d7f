"""Every REST operation of the implemented tags is served at the documented path and method,
under the documented operation id, answering in the documented shape."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support import reference_spec

IMPLEMENTED_TAGS = {"Warehouses", "Sites", "Location Types", "Locations", "Account Warehouses"}


def documented_operations() -> list[tuple[str, str, str]]:
    spec = reference_spec()
    return sorted(
        (path, method, operation["operationId"])
        for path, operations in spec["paths"].items()
        if path.startswith("/api/")
        for method, operation in operations.items()
        if set(operation.get("tags", ())) & IMPLEMENTED_TAGS
    )


async def test_every_documented_operation_is_served(http: httpx.AsyncClient) -> None:
    ours = (await http.get("/openapi.json")).json()["paths"]
    served = {
        (path, method, operation["operationId"])
        for path, operations in ours.items()
        for method, operation in operations.items()
    }
    documented = documented_operations()
    assert len(documented) == 16
    assert [operation for operation in documented if operation not in served] == []


def _document_data(document: dict[str, Any], path: str) -> dict[str, Any]:
    schemas = document["components"]["schemas"]
    response = document["paths"][path]["post"]["responses"]["200"]
    reference = response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    data_reference = schemas[reference]["properties"]["data"]["$ref"].rsplit("/", 1)[1]
    data: dict[str, Any] = schemas[data_reference]
    return data


@pytest.mark.parametrize(
    ("path", "id_type", "parts"),
    [
        ("/api/warehouses", "integer", {"id", "type", "attributes"}),
        ("/api/locations", "integer", {"id", "type", "attributes"}),
        ("/api/sites", "string", {"id", "type", "attributes"}),
        ("/api/location_types", "string", {"id", "type", "attributes"}),
        ("/api/account_warehouses", "string", {"id", "type", "relationships"}),
    ],
)
async def test_responses_are_documented_in_their_shape(
    http: httpx.AsyncClient, path: str, id_type: str, parts: set[str]
) -> None:
    document = (await http.get("/openapi.json")).json()
    data = _document_data(document, path)
    assert set(data["properties"]) == parts
    assert data["properties"]["id"]["type"] == id_type
