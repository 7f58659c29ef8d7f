from __future__ import annotations

import io
import re
from typing import Any

import httpx
import pytest
from barcode.codex import Code128
from pypdf import PdfReader

from clarus.core.db import Database
from tests.catalog import factories
from tests.catalog.factories import body
from tests.support import ApiClientFactory, Caller, assert_refused, row_counts

_BARS = re.compile(r"1+")


def label_body(**attributes: Any) -> dict[str, Any]:
    return body("storage_units", **attributes)


async def storage_unit(caller: Caller, **attributes: Any) -> int:
    type_id = int((await factories.storage_unit_type(caller))["id"])
    created = await factories.created(
        caller, "/api/storage_units", "storage_units", storage_unit_type_id=type_id, **attributes
    )
    return int(created["id"])


def path_of(storage_unit_id: int) -> str:
    return f"/api/storage_units/{storage_unit_id}/pick_label"


def pages_of(response: httpx.Response) -> list[str]:
    """The text of each page of a PDF response."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def bars_drawn(response: httpx.Response) -> list[int]:
    """How many filled rectangles each page draws: the barcode's bars."""
    reader = PdfReader(io.BytesIO(response.content))
    return [page.get_contents().get_data().count(b" re") for page in reader.pages]  # type: ignore[union-attr]


def code128_bars(code: str) -> int:
    return len(_BARS.findall("".join(Code128(code).build())))


async def test_without_a_body_one_label_is_answered_as_a_pdf(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    storage_unit_id = await storage_unit(caller, reference="PLT-2024-001", barcode="B-1")
    before = await row_counts(db, caller.tenant_id)
    response = await caller.http.post(path_of(storage_unit_id), headers=caller.headers())
    assert pages_of(response) == ["STORAGE UNIT\nPLT-2024-001"]
    assert bars_drawn(response) == [code128_bars("PLT-2024-001")]
    assert response.headers["content-disposition"] == (
        f'inline; filename="pick-label-{storage_unit_id}.pdf"'
    )
    assert await row_counts(db, caller.tenant_id) == before


async def test_one_page_per_copy_with_the_task(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    storage_unit_id = await storage_unit(caller, reference="pallet/7 b")
    response = await caller.post(path_of(storage_unit_id), label_body(quantity=3, task_id=789))
    assert pages_of(response) == ["STORAGE UNIT\npallet/7 b\nTASK 789"] * 3
    assert bars_drawn(response) == [code128_bars("pallet/7 b")] * 3


async def test_the_most_copies_at_once(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    storage_unit_id = await storage_unit(caller, reference="R1")
    response = await caller.post(path_of(storage_unit_id), label_body(quantity=100))
    assert len(pages_of(response)) == 100


async def test_printer_id_without_cloud_print_is_not_used(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    storage_unit_id = await storage_unit(caller, reference="R1")
    response = await caller.post(
        path_of(storage_unit_id), label_body(cloud_print=False, printer_id=1, quantity=2)
    )
    assert pages_of(response) == ["STORAGE UNIT\nR1"] * 2


async def test_a_body_without_attributes_prints_one_label(clients: ApiClientFactory) -> None:
    caller = await clients.new()
    storage_unit_id = await storage_unit(caller, reference="R1")
    response = await caller.post(path_of(storage_unit_id), {"data": {"type": "storage_units"}})
    assert pages_of(response) == ["STORAGE UNIT\nR1"]


@pytest.mark.parametrize(
    ("attributes", "shown"),
    [({"barcode": "BC-9"}, "BC-9"), ({}, None)],
    ids=["barcode", "id"],
)
async def test_without_a_reference_the_label_shows_the_barcode_else_the_id(
    clients: ApiClientFactory, attributes: dict[str, Any], shown: str | None
) -> None:
    caller = await clients.new()
    storage_unit_id = await storage_unit(caller, **attributes)
    code = shown or str(storage_unit_id)
    response = await caller.post(path_of(storage_unit_id), label_body())
    assert pages_of(response) == [f"STORAGE UNIT\n{code}"]
    assert bars_drawn(response) == [code128_bars(code)]


async def test_a_retry_with_an_idempotency_key_prints_again(clients: ApiClientFactory) -> None:
    """Labels write nothing, so the key is not remembered and no JSON replay stands in for the
    PDF."""
    caller = await clients.new()
    storage_unit_id = await storage_unit(caller, reference="R1")
    for _ in range(2):
        response = await caller.post(
            path_of(storage_unit_id), label_body(quantity=2), **{"Idempotency-Key": "label-1"}
        )
        assert "idempotent-replayed" not in response.headers
        assert len(pages_of(response)) == 2


async def test_cloud_print_is_refused_until_printers_exist(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    storage_unit_id = await storage_unit(caller, reference="R1")
    [error] = await assert_refused(
        caller,
        db,
        "POST",
        path_of(storage_unit_id),
        label_body(cloud_print=True, printer_id=1, quantity=2, task_id=789),
        symbol="cloud_print_unavailable",
        pointer="/data/attributes/cloud_print",
    )
    assert error["code"] == 1018


async def test_a_reference_a_barcode_cannot_carry_is_refused(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    storage_unit_id = await storage_unit(caller, reference="Palette-Ü")
    [error] = await assert_refused(
        caller, db, "POST", path_of(storage_unit_id), None, symbol="invalid_value", pointer=None
    )
    assert error["context"] == {"storage_unit_id": storage_unit_id, "attribute": "reference"}


async def test_another_tenants_or_a_missing_storage_unit_is_not_found(
    clients: ApiClientFactory,
) -> None:
    caller, other = await clients.new(), await clients.new()
    theirs = await storage_unit(other, reference="R1")
    for storage_unit_id in (theirs, 999_999_999):
        response = await caller.post(path_of(storage_unit_id), label_body())
        assert response.status_code == 404, response.text
        [error] = response.json()["errors"]
        assert (error["symbol"], error["context"]) == (
            "record_not_found",
            {"resource": "storage_unit", "id": storage_unit_id},
        )


async def test_a_read_only_token_is_forbidden(clients: ApiClientFactory) -> None:
    caller = await clients.new(scopes=("read",))
    response = await caller.post(path_of(1), label_body())
    assert response.status_code == 403


REFUSED: list[tuple[str, Any, str, str]] = [
    ("zero copies", label_body(quantity=0), "out_of_range", "/data/attributes/quantity"),
    ("too many copies", label_body(quantity=101), "out_of_range", "/data/attributes/quantity"),
    ("string copies", label_body(quantity="2"), "invalid_type", "/data/attributes/quantity"),
    ("zero task", label_body(task_id=0), "out_of_range", "/data/attributes/task_id"),
    ("string printer", label_body(printer_id="1"), "invalid_type", "/data/attributes/printer_id"),
    ("string flag", label_body(cloud_print="no"), "invalid_type", "/data/attributes/cloud_print"),
    ("unknown attribute", label_body(copies=2), "unknown_attribute", "/data/attributes/copies"),
    (
        "wrong type",
        {"data": {"type": "labels", "attributes": {}}},
        "invalid_resource_type",
        "/data/type",
    ),
    ("no data", {}, "missing_field", "/data"),
]


@pytest.mark.parametrize(
    ("case", "payload", "symbol", "pointer"), REFUSED, ids=[c[0] for c in REFUSED]
)
async def test_invalid_input_is_refused_and_writes_nothing(
    clients: ApiClientFactory, db: Database, case: str, payload: Any, symbol: str, pointer: str
) -> None:
    caller = await clients.new()
    storage_unit_id = await storage_unit(caller, reference="R1")
    await assert_refused(
        caller, db, "POST", path_of(storage_unit_id), payload, symbol=symbol, pointer=pointer
    )
