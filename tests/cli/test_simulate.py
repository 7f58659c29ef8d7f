"""`clarus simulate receive` and `clarus simulate fulfil` on a sandbox tenant."""

from __future__ import annotations

from typing import Any

import httpx

from tests.cli.test_cli import clarus, create_client, create_tenant, printed_json, with_api


def _create(
    database_url: str, subdomain: str, token: str, steps: list[tuple[str, Any]]
) -> list[Any]:
    """POST each (path, attributes-or-callable-of-earlier-ids) and return the created ids."""

    async def work(http: httpx.AsyncClient) -> list[Any]:
        headers = {"Authorization": f"Bearer {token}", "X-Clarus-Subdomain": subdomain}
        ids: list[Any] = []
        for path, attributes in steps:
            body_attributes = attributes(ids) if callable(attributes) else attributes
            resource_type = path.rsplit("/", 1)[-1]
            response = await http.post(
                path,
                json={"data": {"type": resource_type, "attributes": body_attributes}},
                headers=headers,
            )
            assert response.status_code == 200, response.text
            ids.append(int(response.json()["data"]["id"]))
        return ids

    return with_api(database_url, work)


def _token(database_url: str, client: dict[str, Any]) -> str:
    async def work(http: httpx.AsyncClient) -> str:
        response = await http.post(
            "/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(client["client_id"], client["client_secret"]),
        )
        token: str = response.json()["access_token"]
        return token

    return with_api(database_url, work)


def test_simulate_receives_and_fulfils(database_url: str) -> None:
    subdomain = create_tenant(database_url)
    token = _token(database_url, create_client(database_url, subdomain))
    account, warehouse, _unit_type, product = _create(
        database_url,
        subdomain,
        token,
        [
            ("/api/accounts", {"code": "SIM", "name": "Sim"}),
            ("/api/warehouses", {"code": "SIMW", "name": "Sim"}),
            ("/api/stock_unit_types", {"code": "EA", "name": "Each"}),
            ("/api/products", lambda ids: {"description": "Widget", "stock_unit_type_id": ids[2]}),
        ],
    )
    line = {"type": "ADD", "attributes": {"product_id": product, "expected_quantity": 5}}
    [receipt] = _create(
        database_url,
        subdomain,
        token,
        [
            (
                "/api/goods_in_receipts",
                {"account_id": account, "warehouse_id": warehouse, "lines_changes": [line]},
            )
        ],
    )
    received = clarus(
        database_url, "simulate", "receive", str(receipt), "--tenant", subdomain, "--json"
    )
    assert printed_json(received) == {"id": receipt, "status": "completed"}
    order_line = {"type": "ADD", "attributes": {"product_id": product, "order_quantity": 2}}
    [order] = _create(
        database_url,
        subdomain,
        token,
        [
            (
                "/api/goods_outs",
                {
                    "account_id": account,
                    "warehouse_id": warehouse,
                    "reference": "SIM-1",
                    "expected_date_of_dispatch": "2026-12-01T10:00:00Z",
                    "lines_changes": [order_line],
                },
            )
        ],
    )
    fulfilled = clarus(
        database_url, "simulate", "fulfil", str(order), "--tenant", subdomain, "--json"
    )
    assert printed_json(fulfilled) == {"id": order, "goods_out_status": "COMPLETED"}
    missing = clarus(database_url, "simulate", "fulfil", "987654", "--tenant", subdomain)
    assert missing.exit_code == 1
