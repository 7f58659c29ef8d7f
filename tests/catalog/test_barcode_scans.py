"""`POST /api/barcode_formats/parse` (ours): a scan read into its product and fields."""

from __future__ import annotations

from typing import Any

import pytest

from clarus.core.db import Database
from tests.catalog import factories
from tests.catalog.codes import alternative_code, barcode_format, scan_body
from tests.support import ApiClientFactory, Caller, refused_errors, row_counts

PARSE = "/api/barcode_formats/parse"
GTIN = "05901234123457"
"""A GTIN-13 (`5901234123457`) written as GTIN-14, with its check digit 7."""
GS = "\x1d"


async def parsed(caller: Caller, scan: str, **attributes: Any) -> dict[str, Any]:
    response = await caller.post(PARSE, scan_body(scan, **attributes))
    assert response.status_code == 200, response.text
    assert response.json()["data"]["type"] == "barcode_scans"
    result: dict[str, Any] = response.json()["data"]["attributes"]
    return result


async def test_a_gs1_128_scan_names_its_product_by_an_alternative_code(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    await factories.product(caller, code="OTHER")
    product = await factories.product(caller, code="WIDGET-1")
    await alternative_code(caller, int(product["id"]), GTIN)
    scan = f"]C101{GTIN}10LOT-42{GS}15270331"
    before = await row_counts(db, caller.tenant_id)
    result = await parsed(caller, scan)
    assert result == {
        "scan": scan,
        "barcode_format_id": None,
        "reading": "gs1",
        "product_id": product["id"],
        "product_code": "WIDGET-1",
        "gtin": GTIN,
        "content_gtin": None,
        "batch": "LOT-42",
        "serial": None,
        "production_date": None,
        "packaging_date": None,
        "best_before": "2027-03-31",
        "sell_by": None,
        "expiry_date": None,
        "quantity": None,
        "net_weight_kg": None,
        "elements": [
            {"ai": "01", "title": "GTIN", "value": GTIN, "position": 3},
            {"ai": "10", "title": "BATCH/LOT", "value": "LOT-42", "position": 19},
            {"ai": "15", "title": "BEST BEFORE or BEST BY", "value": "270331", "position": 28},
        ],
    }
    assert await row_counts(db, caller.tenant_id) == before


async def test_every_field_of_a_long_scan_and_its_human_readable_form(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    product = await factories.product(caller, barcode="5901234123457")
    scan = f"01{GTIN}1126010117000100{GS}3102001250" + f"10B7{GS}21SN-9{GS}3712"
    result = await parsed(caller, scan)
    assert {name: result[name] for name in FIELDS} == {
        "product_id": product["id"],
        "gtin": GTIN,
        "batch": "B7",
        "serial": "SN-9",
        "production_date": "2026-01-01",
        "expiry_date": "2000-01-31",
        "quantity": 12,
        "net_weight_kg": 12.5,
    }
    readable = await parsed(caller, f"(01){GTIN}(10)B7(17)280229(37)3")
    assert (readable["product_id"], readable["batch"], readable["expiry_date"]) == (
        product["id"],
        "B7",
        "2028-02-29",
    )
    assert readable["quantity"] == 3


FIELDS = (
    "product_id",
    "gtin",
    "batch",
    "serial",
    "production_date",
    "expiry_date",
    "quantity",
    "net_weight_kg",
)


@pytest.mark.parametrize(
    ("scan", "position"),
    [
        pytest.param(f"]C101{GTIN[:-1]}8", 5, id="wrong GTIN check digit"),
        pytest.param(f"]C101{GTIN}15271332", 19, id="month 13"),
        pytest.param(f"01{GTIN}10{'A' * 21}", 38, id="batch longer than 20"),
        pytest.param(f"01{GTIN}x", 16, id="no AI"),
        pytest.param("(01)123", 0, id="short GTIN in brackets"),
        pytest.param(f"(01){GTIN}10ABC", 18, id="bracket missing"),
        pytest.param("]C1", 3, id="nothing after the symbology identifier"),
        pytest.param(f"01{GTIN}10A{GS}10B", 20, id="batch repeated with another value"),
    ],
)
async def test_a_malformed_scan_is_422_naming_the_position(
    clients: ApiClientFactory, db: Database, scan: str, position: int
) -> None:
    caller = await clients.new()
    [error] = await refused_errors(caller, db, "POST", PARSE, scan_body(scan))
    assert (error["code"], error["symbol"]) == (1251, "malformed_barcode")
    assert error["context"] == {"pointer": "/data/attributes/scan", "position": position}
    assert f"at character {position}" in error["details"]


async def test_a_plain_code_is_read_whole_unless_the_format_is_gs1(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    product = await factories.product(caller)
    await alternative_code(caller, int(product["id"]), "CUST-SKU-9")
    plain = await parsed(caller, "CUST-SKU-9")
    assert (plain["reading"], plain["product_id"], plain["gtin"]) == ("code", product["id"], None)
    assert plain["elements"] == []
    unknown = await parsed(caller, "NOT-A-CODE")
    assert (unknown["reading"], unknown["product_id"]) == ("code", None)
    by_gtin_13 = await parsed(caller, "5901234123457")
    assert by_gtin_13["product_id"] is None
    gs1 = await barcode_format(caller, code="GS1-128", name="GS1-128")
    errors = (await caller.post(PARSE, scan_body("CUST-SKU-9"))).json()["errors"]
    assert [(e["symbol"], e["context"]["position"]) for e in errors] == [("malformed_barcode", 0)]
    named = await caller.post(PARSE, scan_body("CUST-SKU-9", barcode_format_id=gs1["id"] + 1000))
    assert named.json()["errors"][0]["symbol"] == "reference_not_found"
    ean = await barcode_format(caller, code="EAN13", name="EAN-13")
    read = await parsed(caller, "CUST-SKU-9", barcode_format_id=ean["id"])
    assert (read["barcode_format_id"], read["product_id"]) == (ean["id"], product["id"])


async def test_a_gtin_finds_a_product_stored_under_a_shorter_form(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    upc = await factories.product(caller, case_barcode="012345678905")
    result = await parsed(caller, "]C10100012345678905")
    assert (result["product_id"], result["gtin"]) == (upc["id"], "00012345678905")


async def test_a_code_two_products_share_needs_the_account(
    clients: ApiClientFactory, db: Database
) -> None:
    caller = await clients.new()
    first_account, second_account = await caller.create_account(), await caller.create_account()
    first, second = await factories.product(caller), await factories.product(caller)
    for product, account in ((first, first_account), (second, second_account)):
        await alternative_code(
            caller, int(product["id"]), "SKU-1", owner_type="Account", owner_id=account["id"]
        )
    [error] = await refused_errors(caller, db, "POST", PARSE, scan_body("SKU-1"))
    assert (error["code"], error["symbol"]) == (1252, "ambiguous_product_code")
    assert error["context"] == {
        "pointer": "/data/attributes/scan",
        "product_ids": [first["id"], second["id"]],
    }
    result = await parsed(caller, "SKU-1", account_id=second_account["id"])
    assert result["product_id"] == second["id"]


async def test_another_tenants_codes_and_records_are_not_seen(
    clients: ApiClientFactory, db: Database
) -> None:
    owner, stranger = await clients.new(), await clients.new()
    product = await factories.product(owner)
    await alternative_code(owner, int(product["id"]), GTIN)
    fmt = await barcode_format(owner, code="EAN13")
    assert (await parsed(stranger, f"01{GTIN}"))["product_id"] is None
    account = await owner.create_account()
    for attribute, value in (("barcode_format_id", fmt["id"]), ("account_id", account["id"])):
        [error] = await refused_errors(
            stranger, db, "POST", PARSE, scan_body(f"01{GTIN}", **{attribute: value})
        )
        assert (error["symbol"], error["context"]["pointer"]) == (
            "reference_not_found",
            f"/data/attributes/{attribute}",
        )


@pytest.mark.parametrize(
    ("body", "symbol", "pointer"),
    [
        (scan_body(""), "blank_value", "/data/attributes/scan"),
        (scan_body("A" * 501), "too_long", "/data/attributes/scan"),
        (
            {"data": {"type": "barcode_scans", "attributes": {}}},
            "missing_field",
            "/data/attributes/scan",
        ),
        (scan_body("X", colour="red"), "unknown_attribute", "/data/attributes/colour"),
        (
            {"data": {"type": "products", "attributes": {"scan": "X"}}},
            "invalid_resource_type",
            "/data/type",
        ),
    ],
)
async def test_invalid_input_is_refused(
    clients: ApiClientFactory, db: Database, body: Any, symbol: str, pointer: str
) -> None:
    caller = await clients.new()
    errors = await refused_errors(caller, db, "POST", PARSE, body)
    assert (errors[0]["symbol"], errors[0]["context"]["pointer"]) == (symbol, pointer)
