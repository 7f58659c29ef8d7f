"""Every REST operation `clarus-api.json` documents for an implemented tag is served with the
same method, path and operation id."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.support import SPEC_PATH

IMPLEMENTED_TAGS = {
    "Accounts",
    "Customers",
    "Delivery Addresses",
    "Addresses",
    "Suppliers",
    "Carriers",
    "Carriers: Services",
}


def _operations(paths: dict[str, dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {
        (method, path, operation.get("operationId"))
        for path, methods in paths.items()
        for method, operation in methods.items()
        if path.startswith("/api/") and IMPLEMENTED_TAGS & set(operation.get("tags", []))  # type: ignore[call-overload]
    }


async def test_documented_operations_are_served(http: httpx.AsyncClient) -> None:
    if not SPEC_PATH.exists():
        pytest.skip(f"reference spec not found at {SPEC_PATH} (set CLARUS_REFERENCE_SPEC)")
    documented = _operations(json.loads(SPEC_PATH.read_text())["paths"])
    served = _operations((await http.get("/openapi.json")).json()["paths"])
    assert documented
    assert documented <= served
