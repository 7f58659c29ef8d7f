"""Receipts and orders made through REST for the GraphQL tests to read back, and what they
point at."""

from __future__ import annotations

from typing import Any

from tests.catalog import factories
from tests.inbound.factories import document
from tests.support import Caller


async def created_id(
    caller: Caller, resource_type: str, address: dict[str, Any] | None = None, **attributes: Any
) -> str:
    """`POST /api/<resource_type>` (with an inline `address`); the new id as GraphQL shows it."""
    response = await caller.post(
        f"/api/{resource_type}", document(resource_type, attributes, address)
    )
    assert response.status_code == 200, response.text
    return str(response.json()["data"]["id"])


async def two_of_each(caller: Caller) -> dict[str, str]:
    """Ids, as GraphQL shows them, of accounts ACME ("account") and BETA ("other_account"),
    warehouses WH1 ("warehouse") and WH2 ("other_warehouse"), and products WIDGET-RED-500
    ("widget") and BOLT ("bolt")."""
    records = {
        "account": await caller.create_account(code="ACME", name="Acme Corporation"),
        "other_account": await caller.create_account(code="BETA", name="Beta"),
        "warehouse": await caller.create_warehouse(code="WH1", name="Main Warehouse"),
        "other_warehouse": await caller.create_warehouse(code="WH2", name="Overflow"),
        "widget": await factories.product(caller, code="WIDGET-RED-500"),
        "bolt": await factories.product(caller, code="BOLT"),
    }
    return {name: str(record["id"]) for name, record in records.items()}
