from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from clarus.core.db import Database
from tests.catalog import factories as catalog
from tests.inbound.factories import document, stockholding
from tests.support import ApiClientFactory, Caller, refused


async def a_receipt(caller: Caller) -> int:
    stock = await stockholding(caller)
    body = document(
        "goods_in_receipts",
        {"account_id": stock.account_id, "warehouse_id": stock.warehouse_id},
    )
    response = await caller.post("/api/goods_in_receipts", body)
    assert response.status_code == 200, response.text
    receipt_id: int = response.json()["data"]["id"]
    return receipt_id


def labels_body(**attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "goods_in_receipts", "attributes": attributes}}


async def test_a_named_storage_unit_is_printed(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    receipt_id = await a_receipt(caller)
    unit_type = await catalog.storage_unit_type(caller)
    unit = await catalog.created(
        caller,
        "/api/storage_units",
        "storage_units",
        storage_unit_type_id=int(unit_type["id"]),
        reference="PLT-0001",
    )
    response = await caller.post(
        f"/api/goods_in_receipts/{receipt_id}/storage_unit_labels",
        labels_body(storage_unit_id=unit["id"]),
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == 1
    assert "PLT-0001" in pages[0].extract_text()


async def test_a_receipt_with_nothing_received_has_no_labels_to_print(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    receipt_id = await a_receipt(caller)
    path = f"/api/goods_in_receipts/{receipt_id}/storage_unit_labels"
    assert await refused(caller, db, "POST", path) == [
        ("invalid_value", "/data/attributes/storage_unit_id")
    ]
    assert await refused(caller, db, "POST", path, labels_body(cloud_print=True)) == [
        ("cloud_print_unavailable", "/data/attributes/cloud_print")
    ]
    assert await refused(caller, db, "POST", path, labels_body(storage_unit_id=987654)) == [
        ("reference_not_found", "/data/attributes/storage_unit_id")
    ]


async def test_another_tenants_receipt_is_not_found(clients: ApiClientFactory) -> None:
    owner, stranger = await clients.new(), await clients.new()
    receipt_id = await a_receipt(owner)
    response = await stranger.post(f"/api/goods_in_receipts/{receipt_id}/storage_unit_labels", None)
    assert response.status_code == 404
