"""Alternative code types, alternative codes and barcode formats made through the REST API."""

from __future__ import annotations

from typing import Any

from tests.catalog.factories import created
from tests.support import Caller, unique_code


async def code_type(caller: Caller, **attributes: Any) -> Any:
    defaults = {"code": unique_code("EAN"), "name": "EAN-13 Barcode"}
    return await created(
        caller,
        "/api/alternative_code_types",
        "alternative_code_types",
        **{**defaults, **attributes},
    )


async def alternative_code(caller: Caller, product_id: int, code: str, **attributes: Any) -> Any:
    """A code of the product, of a new type unless `alternative_code_type_id` is given."""
    if "alternative_code_type_id" not in attributes:
        attributes["alternative_code_type_id"] = int((await code_type(caller))["id"])
    values = {
        "code": code,
        "name": "Alternative",
        "alternative_codeable_type": "Product",
        "alternative_codeable_id": product_id,
        **attributes,
    }
    return await created(caller, "/api/alternative_codes", "alternative_codes", **values)


async def barcode_format(caller: Caller, **attributes: Any) -> dict[str, Any]:
    defaults = {"code": unique_code("F"), "name": "Format"}
    response = await caller.post(
        "/api/barcode_formats",
        {"data": {"type": "barcode_formats", "attributes": {**defaults, **attributes}}},
    )
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def scan_body(scan: str, **attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "barcode_scans", "attributes": {"scan": scan, **attributes}}}
