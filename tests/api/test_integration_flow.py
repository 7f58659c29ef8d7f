"""The integration of the Clarus guide, end to end through HTTP only: what an upstream system
does first (push a product, a pre-receipt and a sales order, keep the ids, find them again)."""

from __future__ import annotations

from typing import Any

from tests.support import ApiClientFactory, Caller

STORAGE_UNITS = """
query($filter: ProductStorageUnitFilterType) { product_storage_units { all(filter: $filter) {
  edges { node { id priority storage_unit_type { code } } } } } }"""
RECEIPTS = """
query($filter: InboundGoodFilterType) { goods_in_receipts { all(filter: $filter) {
  edges { node { id reference status external_system_reference1
    lines { id product_id product_storage_unit_id expected_quantity } } } } } }"""
ORDERS = """
query($filter: GoodsOutsFilterType) { goods_outs { all(filter: $filter) {
  edges { node { id reference external_system_reference1 goods_out_status { code }
    address { name country_code } lines { id product_id order_quantity } } } } } }"""


async def post(caller: Caller, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await caller.post(path, body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def nodes(caller: Caller, query: str, root: str, filter_: dict[str, Any]) -> list[Any]:
    result = await caller.graphql(query, {"filter": filter_})
    assert "errors" not in result, result
    return [edge["node"] for edge in result["data"][root]["all"]["edges"]]


def of(resource_type: str, attributes: dict[str, Any]) -> dict[str, Any]:
    return {"data": {"type": resource_type, "attributes": attributes}}


async def test_product_receipt_and_sales_order_are_found_again(
    clients: ApiClientFactory,
) -> None:
    caller = await clients.new()
    account = await post(caller, "/api/accounts", of("accounts", {"code": "ACME", "name": "Acme"}))
    warehouse = await post(
        caller, "/api/warehouses", of("warehouses", {"code": "WH1", "name": "Main"})
    )
    each = await post(
        caller, "/api/stock_unit_types", of("stock_unit_types", {"code": "EA", "name": "Each"})
    )
    await post(
        caller,
        "/api/storage_unit_types",
        of("storage_unit_types", {"code": "PALLET", "name": "Pallet", "sequence_id": 1}),
    )
    product = await post(
        caller,
        "/api/products",
        of(
            "products",
            {
                "code": "WIDGET-RED",
                "description": "Red widget",
                "stock_unit_type_id": int(each["id"]),
                "external_system_reference1": "SHOP-SKU-1",
            },
        ),
    )
    product_id = int(product["id"])

    [storage_unit] = await nodes(
        caller,
        STORAGE_UNITS,
        "product_storage_units",
        {"product_id": {"eq": str(product_id)}, "priority": {"eq": 0}},
    )
    assert storage_unit["storage_unit_type"]["code"] == "PALLET"

    receipt = await post(
        caller,
        "/api/goods_in_receipts",
        of(
            "goods_in_receipts",
            {
                "account_id": int(account["id"]),
                "warehouse_id": int(warehouse["id"]),
                "reference": "PO-2026-001",
                "external_system_reference1": "ERP-PO-77",
                "expected_date_of_arrival": "2026-12-01T09:00:00+00:00",
                "lines_changes": [
                    {
                        "type": "ADD",
                        "attributes": {
                            "product_id": product_id,
                            "expected_quantity": 240,
                            "product_storage_unit_id": int(storage_unit["id"]),
                        },
                    }
                ],
            },
        ),
    )
    order_body = of(
        "goods_outs",
        {
            "goods_out_type": "sales_order",
            "account_id": int(account["id"]),
            "warehouse_id": int(warehouse["id"]),
            "reference": "SO-2026-001",
            "external_system_reference1": "SHOP-ORDER-1001",
            "expected_date_of_dispatch": "2026-12-02T17:00:00+01:00",
            "lines_changes": [
                {"type": "ADD", "attributes": {"product_id": product_id, "order_quantity": 3}}
            ],
        },
    )
    order_body["data"]["relationships"] = {
        "address": {
            "data": {
                "type": "addresses",
                "attributes": {
                    "name": "Jane Doe",
                    "address_1": "1 Rue de Rivoli",
                    "address_3": "Paris",
                    "postcode": "75001",
                    "country_code": "FR",
                },
            }
        }
    }
    order = await post(caller, "/api/goods_outs", order_body)
    receipt_id, order_id = receipt["id"], order["id"]

    for filter_ in (
        {"external_system_reference1": {"eq": "ERP-PO-77"}},
        {"reference": {"eq": "PO-2026-001"}},
    ):
        [found] = await nodes(caller, RECEIPTS, "goods_in_receipts", filter_)
        assert found["id"] == str(receipt_id)
        assert (found["reference"], found["status"]) == ("PO-2026-001", "pending")
        [line] = found["lines"]
        assert line["product_storage_unit_id"] == storage_unit["id"]
        assert line["expected_quantity"] == 240.0

    for filter_ in (
        {"external_system_reference1": {"eq": "SHOP-ORDER-1001"}},
        {"reference": {"eq": "SO-2026-001"}},
    ):
        [found] = await nodes(caller, ORDERS, "goods_outs", filter_)
        assert found["id"] == str(order_id)
        assert found["goods_out_status"] == {"code": "PENDING"}
        assert found["address"] == {"name": "Jane Doe", "country_code": "FR"}
        assert [line["order_quantity"] for line in found["lines"]] == [3.0]
