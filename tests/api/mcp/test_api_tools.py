"""The discover → inspect → execute tools through the SDK's client, against a real server:
finding, reading and changing an order as the signed-in user, datasets and CSV links bound to
their user, and what a read-only user is refused."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count

import httpx
import pytest

from tests.api.mcp.test_server import client_credentials_token, connected, mcp_address, text_of
from tests.serving import DemoServer

references = count(1)


@dataclass(frozen=True)
class Users:
    writer: str
    """An MCP token of the demo client's user (read, write, admin)."""
    reader: str
    """An MCP token of a read-only client's user (read)."""
    api: httpx.Client
    """The demo client on the REST and GraphQL API (read, write, admin)."""


def _read_only_client(served: DemoServer) -> tuple[str, str]:
    command = [sys.executable, "-m", "clarus.cli.main", "client", "create", "--tenant", "demo"]
    command += ["--name", "Reader", "--scopes", "read", "--json"]
    done = subprocess.run(
        command, cwd=served.directory, env=served.env, capture_output=True, text=True, check=True
    )
    created = json.loads(done.stdout)
    return created["client_id"], created["client_secret"]


def _token(served: DemoServer, client: tuple[str, str]) -> str:
    form = {
        "grant_type": "client_credentials",
        "client_id": client[0],
        "client_secret": client[1],
        "resource": mcp_address(served),
    }
    response = httpx.post(f"{served.base_url}/oauth/token", data=form)
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


@pytest.fixture(scope="module")
def users(served: DemoServer) -> Iterator[Users]:
    api_token = client_credentials_token(served, resource=None)
    headers = {"Authorization": f"Bearer {api_token}", "X-Clarus-Subdomain": "demo"}
    with httpx.Client(base_url=served.base_url, headers=headers) as api:
        yield Users(
            writer=client_credentials_token(served, resource=mcp_address(served)),
            reader=_token(served, _read_only_client(served)),
            api=api,
        )


def _id_of(api: httpx.Client, root: str, code: str) -> int:
    query = (
        f'{{ {root} {{ all(filter: {{code: {{eq: "{code}"}}}}) {{ edges {{ node {{ id }} }} }} }}'
        " }"
    )
    response = api.post("/graphql", json={"query": query})
    assert response.status_code == 200, response.text
    return int(response.json()["data"][root]["all"]["edges"][0]["node"]["id"])


def _new_order(api: httpx.Client) -> tuple[int, str]:
    reference = f"SO-MCP-{next(references):04d}"
    attributes = {
        "reference": reference,
        "account_id": _id_of(api, "accounts", "DEMO"),
        "warehouse_id": _id_of(api, "warehouses", "MAIN"),
        "expected_date_of_dispatch": "2026-12-31T12:00:00Z",
        "lines_changes": [
            {
                "type": "ADD",
                "attributes": {
                    "product_id": _id_of(api, "products", "WIDGET-RED"),
                    "order_quantity": 5,
                },
            }
        ],
    }
    response = api.post(
        "/api/goods_outs", json={"data": {"type": "goods_outs", "attributes": attributes}}
    )
    assert response.status_code in (200, 201), response.text
    return int(response.json()["data"]["id"]), reference


def _status_query(reference: str) -> str:
    return (
        f'{{ goods_outs {{ all(filter: {{reference: {{eq: "{reference}"}}}}) {{ edges {{ node '
        "{ id reference goods_out_status { code } } } } } }"
    )


async def test_api_discover_finds_the_goods_out_query_for_sales_order_status(
    served: DemoServer, users: Users
) -> None:
    async with connected(served, users.writer) as client:
        found = await client.call_tool("api_discover", {"request": "sales order status"})
    operations = json.loads(text_of(found))["operations"]
    assert operations[0] == {
        "kind": "graphql",
        "name": "goods_outs",
        "summary": "Goods outs (orders), with their status and lines",
        "score": operations[0]["score"],
        "inspect_with": "graphql_details",
    }
    names = [operation["name"] for operation in operations]
    assert "PATCH /api/goods_outs/{id}" in names


async def test_graphql_query_answers_the_status_of_an_order_by_reference(
    served: DemoServer, users: Users
) -> None:
    order_id, reference = _new_order(users.api)
    async with connected(served, users.writer) as client:
        answered = await client.call_tool("graphql_query", {"query": _status_query(reference)})
    answer = json.loads(text_of(answered))
    assert answer["rows"] == 1
    assert answer["sample"] == [
        {"id": str(order_id), "reference": reference, "goods_out_status": {"code": "PENDING"}}
    ]
    assert answer["dataset"].startswith("ds_")


async def _status_of(served: DemoServer, token: str, reference: str) -> str:
    async with connected(served, token) as client:
        answered = await client.call_tool("graphql_query", {"query": _status_query(reference)})
    code: str = json.loads(text_of(answered))["sample"][0]["goods_out_status"]["code"]
    return code


HOLD = {"data": {"type": "goods_outs", "attributes": {"goods_out_status_id": 1}}}
"""On hold: back to a draft, which is never allocated until released."""


async def test_rest_query_puts_an_order_on_hold_as_a_writer_and_logs_the_write(
    served: DemoServer, users: Users
) -> None:
    order_id, reference = _new_order(users.api)
    async with connected(served, users.writer) as client:
        answered = await client.call_tool(
            "rest_query", {"method": "PATCH", "path": f"/api/goods_outs/{order_id}", "body": HOLD}
        )
    assert answered.is_error is False
    answer = json.loads(text_of(answered))
    assert answer["status"] == 200
    assert answer["body"]["data"]["attributes"]["goods_out_status_id"] == 1
    assert await _status_of(served, users.writer, reference) == "DRAFT"
    logged = users.api.post(
        "/graphql",
        json={
            "query": "{ assistant_writes { all(first: 100) { edges { node { tool method path"
            " record_ids status_code } } } } }"
        },
    ).json()
    writes = [edge["node"] for edge in logged["data"]["assistant_writes"]["all"]["edges"]]
    assert {
        "tool": "rest_query",
        "method": "PATCH",
        "path": f"/api/goods_outs/{order_id}",
        "record_ids": [str(order_id)],
        "status_code": 200,
    } in writes


async def test_rest_query_is_refused_to_a_read_only_user(served: DemoServer, users: Users) -> None:
    order_id, reference = _new_order(users.api)
    async with connected(served, users.reader) as client:
        answered = await client.call_tool(
            "rest_query", {"method": "PATCH", "path": f"/api/goods_outs/{order_id}", "body": HOLD}
        )
    assert answered.is_error is True
    refusal = json.loads(text_of(answered).removeprefix("Error executing tool rest_query: "))
    assert refusal["status"] == 403
    assert refusal["body"]["errors"][0]["symbol"] == "insufficient_scope"
    assert await _status_of(served, users.writer, reference) == "PENDING"


async def test_graphql_query_refuses_a_mutation(served: DemoServer, users: Users) -> None:
    async with connected(served, users.writer) as client:
        answered = await client.call_tool(
            "graphql_query", {"query": "mutation { cancel_goods_out(id: 1) { id } }"}
        )
    assert answered.is_error is True
    assert text_of(answered) == (
        "Error executing tool graphql_query: graphql_query only reads: a mutation is refused."
        " Change records with rest_query (rest_details shows the operation)."
    )


PRODUCTS = (
    '{ products { all(filter: {code: {eq: "WIDGET-RED"}}) { edges { node { code description } }'
    " } } }"
)


async def test_a_csv_link_downloads_only_for_the_user_it_was_made_for(
    served: DemoServer, users: Users
) -> None:
    async with connected(served, users.writer) as client:
        queried = json.loads(text_of(await client.call_tool("graphql_query", {"query": PRODUCTS})))
        made = await client.call_tool(
            "create_csv_file", {"reference": queried["dataset"], "file_name": "widgets"}
        )
    link = json.loads(text_of(made))["link"]
    assert link.startswith(f"{served.base_url}/mcp/demo/files/")
    async with httpx.AsyncClient() as http:
        mine = await http.get(link, headers={"Authorization": f"Bearer {users.writer}"})
        theirs = await http.get(link, headers={"Authorization": f"Bearer {users.reader}"})
        nobody = await http.get(link)
    assert mine.status_code == 200
    assert mine.headers["content-type"] == "text/csv; charset=utf-8"
    assert mine.headers["content-disposition"] == 'attachment; filename="widgets.csv"'
    assert mine.content == "\ufeffcode,description\r\nWIDGET-RED,Red widget\r\n".encode()
    assert (theirs.status_code, nobody.status_code) == (404, 401)


async def test_another_users_dataset_is_answered_as_missing(
    served: DemoServer, users: Users
) -> None:
    async with connected(served, users.writer) as client:
        queried = json.loads(text_of(await client.call_tool("graphql_query", {"query": PRODUCTS})))
        own = await client.call_tool(
            "retrieve_dataset", {"reference": queried["dataset"], "fields": ["code"]}
        )
    async with connected(served, users.reader) as client:
        theirs = await client.call_tool("retrieve_dataset", {"reference": queried["dataset"]})
    assert json.loads(text_of(own))["items"] == [{"code": "WIDGET-RED"}]
    assert theirs.is_error is True
    assert text_of(theirs) == (
        "Error executing tool retrieve_dataset: No dataset has the reference "
        f"{queried['dataset']!r} (a dataset lasts an hour and only its maker may read it)."
    )


COSTLY = (
    "{ "
    + " ".join(
        f"o{index}: goods_outs {{ all(first: 500) {{ edges {{ node {{ lines {{ id product"
        " { id } } } } } }"
        for index in range(5)
    )
    + " }"
)
"""Five pages of 500 orders, each with lines and their products: 52,510 by the cost rules,
over the limit of 50,000; 10,510 with each page cut to 100."""


async def test_graphql_query_caps_first_at_100_and_honours_the_cost_limit(
    served: DemoServer, users: Users
) -> None:
    async with connected(served, users.writer) as client:
        capped = await client.call_tool("graphql_query", {"query": COSTLY})
        costly = await client.call_tool("graphql_query", {"query": COSTLY, "limit": 500})
    assert capped.is_error is False
    assert costly.is_error is True
    assert '"code":"QUERY_TOO_COSTLY","cost":52510,"limit":50000' in text_of(costly)
