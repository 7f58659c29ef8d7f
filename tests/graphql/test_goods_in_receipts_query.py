"""`goods_in_receipts { all }`: receipts made through REST, read back through GraphQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from clarus.core.db import Database
from clarus.inbound.tables import goods_in_receipt_lines, goods_in_receipts
from tests.graphql.lists import documented_example, field_names, listed, pages, statements_for_page
from tests.graphql.orders import created_id, two_of_each
from tests.inbound.factories import added
from tests.support import ApiClientFactory, Caller, without_cost

ROOT, FILTER_TYPE = "goods_in_receipts", "InboundGoodFilterType"
Seed = dict[str, Any]


def expected(product_id: str, quantity: float) -> dict[str, Any]:
    return added(product_id=int(product_id), expected_quantity=quantity)


async def seeded(clients: ApiClientFactory) -> tuple[Caller, Seed]:
    """Three receipts: two for ACME into WH1 (one from a supplier, with lines and an address),
    one for another account into another warehouse."""
    caller = await clients.new()
    supplier = (await caller.create("suppliers", code="SUP", name="Widgets Ltd"))["data"]
    seed: Seed = {**await two_of_each(caller), "supplier": str(supplier["id"])}
    seed["GIR-001"] = await created_id(
        caller,
        "goods_in_receipts",
        account_id=int(seed["account"]),
        warehouse_id=int(seed["warehouse"]),
        supplier_id=int(seed["supplier"]),
        reference="GIR-001",
        expected_date_of_arrival="2026-03-10T09:30:00+01:00",
        external_system_reference1="PO-7781",
        notes="Two pallets",
        lines_changes=[expected(seed["widget"], 100), expected(seed["bolt"], 2.5)],
        address={"name": "Goods In", "address_1": "1 Dock Road", "postcode": "M1 1AA"},
    )
    seed["GIR-002"] = await created_id(
        caller,
        "goods_in_receipts",
        account_id=int(seed["account"]),
        warehouse_id=int(seed["warehouse"]),
        reference="GIR-002",
        expected_date_of_arrival="2026-03-12T00:00:00Z",
    )
    seed["ASN-BETA"] = await created_id(
        caller,
        "goods_in_receipts",
        account_id=int(seed["other_account"]),
        warehouse_id=int(seed["other_warehouse"]),
        reference="ASN-BETA",
        external_system_reference1="PO-9000",
    )
    return caller, seed


async def test_the_documented_example_query_returns_what_was_created(
    clients: ApiClientFactory,
) -> None:
    caller, seed = await seeded(clients)
    example = documented_example("ListGoodsInReceipts")
    receiving = await caller.graphql(example["query"], example["variables"])
    assert without_cost(receiving) == {"data": {ROOT: {"all": {"edges": []}}}}

    result = await caller.graphql(
        example["query"], {"filter": {"reference": {"eq": "GIR-001"}, "status": {"eq": "pending"}}}
    )
    assert without_cost(result) == {
        "data": {
            ROOT: {
                "all": {
                    "edges": [
                        {
                            "node": {
                                "id": seed["GIR-001"],
                                "reference": "GIR-001",
                                "status": "pending",
                                "receipt_type": "standard",
                                "expected_date_of_receipt": "2026-03-10T08:30:00Z",
                                "actual_date_of_receipt": None,
                                "notes": "Two pallets",
                                "account": {
                                    "id": seed["account"],
                                    "code": "ACME",
                                    "name": "Acme Corporation",
                                },
                                "warehouse": {
                                    "id": seed["warehouse"],
                                    "code": "WH1",
                                    "name": "Main Warehouse",
                                },
                            }
                        }
                    ]
                }
            }
        }
    }


async def test_a_receipt_with_its_supplier_address_and_lines(clients: ApiClientFactory) -> None:
    caller, seed = await seeded(clients)
    result = await caller.graphql(
        "query($filter: InboundGoodFilterType) { goods_in_receipts { all(filter: $filter) {"
        " edges { node { expected_date_of_arrival actual_date_of_arrival"
        " external_system_reference1 account_id warehouse_id supplier_id"
        " supplier { code name } address { name address_1 postcode }"
        " lines { goods_in_receipt_id expected_quantity received_quantity product { code } }"
        " created_at } } } } }",
        {"filter": {"external_system_reference1": {"eq": "PO-7781"}}},
    )
    assert "errors" not in result, result
    [edge] = result["data"][ROOT]["all"]["edges"]
    node = edge["node"]
    assert node["created_at"].endswith("Z")
    del node["created_at"]
    assert node == {
        "expected_date_of_arrival": "2026-03-10T08:30:00Z",
        "actual_date_of_arrival": None,
        "external_system_reference1": "PO-7781",
        "account_id": seed["account"],
        "warehouse_id": seed["warehouse"],
        "supplier_id": seed["supplier"],
        "supplier": {"code": "SUP", "name": "Widgets Ltd"},
        "address": {"name": "Goods In", "address_1": "1 Dock Road", "postcode": "M1 1AA"},
        "lines": [
            {
                "goods_in_receipt_id": seed["GIR-001"],
                "expected_quantity": 100.0,
                "received_quantity": 0.0,
                "product": {"code": "WIDGET-RED-500"},
            },
            {
                "goods_in_receipt_id": seed["GIR-001"],
                "expected_quantity": 2.5,
                "received_quantity": 0.0,
                "product": {"code": "BOLT"},
            },
        ],
    }


async def test_a_receipt_without_lines_supplier_or_address(clients: ApiClientFactory) -> None:
    caller, _ = await seeded(clients)
    result = await caller.graphql(
        '{ goods_in_receipts { all(filter: {reference: {eq: "GIR-002"}}) {'
        " edges { node { supplier { id } address { id } lines { id } } } } } }"
    )
    assert result["data"][ROOT]["all"]["edges"] == [
        {"node": {"supplier": None, "address": None, "lines": []}}
    ]


async def test_every_column_is_a_field_and_arrival_has_its_documented_name_too(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    receipt_fields = await field_names(caller, "GoodsInReceipt")
    line_fields = await field_names(caller, "GoodsInReceiptLine")
    assert receipt_fields - set(goods_in_receipts.c.keys()) == {
        "expected_date_of_receipt",
        "actual_date_of_receipt",
        "account",
        "warehouse",
        "supplier",
        "address",
        "lines",
    }
    assert set(goods_in_receipts.c.keys()) - receipt_fields == {"tenant_id"}
    assert set(goods_in_receipt_lines.c.keys()) - line_fields == {"tenant_id"}


FilterOf = Callable[[Seed], dict[str, Any]]


@pytest.mark.parametrize(
    ("filter_of", "expected"),
    [
        (lambda seed: {"reference": {"eq": "GIR-002"}}, ["GIR-002"]),
        (lambda seed: {"reference": {"ilike": "gir"}}, ["GIR-001", "GIR-002"]),
        (lambda seed: {"reference": {"in": ["ASN-BETA", "NOPE"]}}, ["ASN-BETA"]),
        (lambda seed: {"reference": {"eq": "GIR-003"}}, []),
        (lambda seed: {"status": {"eq": "pending"}}, ["GIR-001", "GIR-002", "ASN-BETA"]),
        (lambda seed: {"status": {"in": ["received", "completed"]}}, []),
        (lambda seed: {"account_id": {"eq": seed["other_account"]}}, ["ASN-BETA"]),
        (lambda seed: {"warehouse_id": {"in": [seed["warehouse"]]}}, ["GIR-001", "GIR-002"]),
        (lambda seed: {"supplier_id": {"filled": True}}, ["GIR-001"]),
        (lambda seed: {"supplier_id": {"eq": seed["supplier"]}}, ["GIR-001"]),
        (lambda seed: {"id": {"eq": seed["GIR-002"]}}, ["GIR-002"]),
        (lambda seed: {"external_system_reference1": {"eq": "PO-9000"}}, ["ASN-BETA"]),
        (
            lambda seed: {"expected_date_of_receipt": {"from": "2026-03-11T00:00:00Z"}},
            ["GIR-002"],
        ),
        (
            lambda seed: {"expected_date_of_receipt": {"eq": "2026-03-10T09:30:00+01:00"}},
            ["GIR-001"],
        ),
        (
            lambda seed: {
                "expected_date_of_receipt": {
                    "between": ["2026-03-01T00:00:00Z", "2026-03-10T08:29:59Z"]
                }
            },
            [],
        ),
        (lambda seed: {"created_at": {"to": "2000-01-01T00:00:00Z"}}, []),
        (
            lambda seed: {"updated_at": {"from": "2000-01-01T00:00:00Z"}},
            ["GIR-001", "GIR-002", "ASN-BETA"],
        ),
    ],
    ids=lambda value: "" if callable(value) else json.dumps(value),
)
async def test_filters(clients: ApiClientFactory, filter_of: FilterOf, expected: list[str]) -> None:
    caller, seed = await seeded(clients)
    found = await listed(caller, ROOT, FILTER_TYPE, filter_of(seed), "reference")
    assert found == expected


async def test_found_by_reference_and_by_external_reference(clients: ApiClientFactory) -> None:
    caller, seed = await seeded(clients)
    by_reference = await listed(caller, ROOT, FILTER_TYPE, {"reference": {"eq": "ASN-BETA"}})
    by_external = await listed(
        caller, ROOT, FILTER_TYPE, {"external_system_reference1": {"eq": "PO-7781"}}
    )
    assert (by_reference, by_external) == ([seed["ASN-BETA"]], [seed["GIR-001"]])


async def test_pages_follow_the_cursor(clients: ApiClientFactory) -> None:
    caller, seed = await seeded(clients)
    assert await pages(caller, ROOT, first=2) == [
        {"nodes": [seed["GIR-001"], seed["GIR-002"]], "total_count": 3, "has_next_page": True},
        {"nodes": [seed["ASN-BETA"]], "total_count": 3, "has_next_page": False},
    ]


async def test_another_tenants_receipts_are_invisible(clients: ApiClientFactory) -> None:
    _, seed = await seeded(clients)
    stranger = await clients.new()
    assert await listed(stranger, ROOT, FILTER_TYPE, {}) == []
    assert await listed(stranger, ROOT, FILTER_TYPE, {"id": {"eq": seed["GIR-001"]}}) == []


NESTED = (
    "query($first: Int) { goods_in_receipts { all(first: $first) { total_count edges { node {"
    " id account { code } warehouse { code } supplier { code } address { postcode }"
    " lines { expected_quantity product { code } } } } } } }"
)


async def test_a_page_of_receipts_costs_the_same_statements_whatever_its_size(
    clients: ApiClientFactory, db: Database
) -> None:
    caller, seed = await seeded(clients)
    for index in range(4):
        await created_id(
            caller,
            "goods_in_receipts",
            account_id=int(seed["account"]),
            warehouse_id=int(seed["warehouse"]),
            supplier_id=int(seed["supplier"]),
            reference=f"MORE-{index}",
            lines_changes=[expected(seed["widget"], 1), expected(seed["bolt"], 2)],
            address={"postcode": "M1"},
        )

    few = await statements_for_page(caller, db, NESTED, ROOT, first=1)
    assert await statements_for_page(caller, db, NESTED, ROOT, first=7) == few
