"""Every REST operation `clarus-api.json` documents for an implemented tag is served with the
same method, path and operation id."""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

import httpx
import pytest

from tests.support import SPEC_PATH

SHIPPING_TAGS = (
    "Packages",
    "Shipments",
    "Loads",
    "Load Drops",
    "Trailers",
    "Trailer Types",
    "Collection Addresses",
    "Custom Carrier Types",
    "Bookings",
    "Crossdocks",
)
"""Issue 16's ten tags: 43 operations, 36 REST and 7 GraphQL lists."""
IMPLEMENTED_TAGS = {
    "Accounts",
    "Warehouses",
    "Sites",
    "Location Types",
    "Locations",
    "Account Warehouses",
    "Customers",
    "Delivery Addresses",
    "Addresses",
    "Suppliers",
    "Carriers",
    "Carriers: Services",
    *SHIPPING_TAGS,
}


def _operations(
    paths: dict[str, dict[str, Any]], tags: Collection[str] = IMPLEMENTED_TAGS
) -> set[tuple[str, str, str]]:
    return {
        (method, path, operation.get("operationId"))
        for path, methods in paths.items()
        for method, operation in methods.items()
        if path.startswith("/api/") and set(tags) & set(operation.get("tags", []))  # type: ignore[call-overload]
    }


async def test_documented_operations_are_served(http: httpx.AsyncClient) -> None:
    if not SPEC_PATH.exists():
        pytest.skip(f"reference spec not found at {SPEC_PATH} (set CLARUS_REFERENCE_SPEC)")
    documented = _operations(json.loads(SPEC_PATH.read_text())["paths"])
    served = _operations((await http.get("/openapi.json")).json()["paths"])
    assert documented
    assert documented <= served
    assert len(_operations(json.loads(SPEC_PATH.read_text())["paths"], SHIPPING_TAGS)) == 36


def test_the_shipping_tags_graphql_lists_are_served() -> None:
    """Each `/graphql#List*` operation of the shipping tags reads a root our schema has."""
    if not SPEC_PATH.exists():
        pytest.skip(f"reference spec not found at {SPEC_PATH} (set CLARUS_REFERENCE_SPEC)")
    from tests.conformance.graphql_lists import implemented, list_operations

    shipping = {
        listed.name
        for listed in list_operations()
        if set(SHIPPING_TAGS) & set(listed.operation.raw.get("tags", []))
    }
    assert shipping == {
        "listBookings",
        "listCrossdocks",
        "listLoads",
        "listPackages",
        "listShipments",
        "listTrailerTypes",
        "listTrailers",
    }
    assert shipping <= {listed.name for listed in implemented()}
