"""The office lists: each shows the signed-in tenant's rows only, filters them, pages through
them by keyset in a number of statements that grows with neither the page size nor the data,
and exports the filtered list as RFC 4180 CSV with formula-like text defused."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from clarus.core.db import Database
from clarus.core.listing import NEWEST_FIRST
from clarus.core.pagination import encode_key_cursor
from tests.api.app.support import AppUser, browser, new_app_user, signed_in
from tests.api.app.test_dashboard import held_stock, order
from tests.catalog.factories import product, stock_unit_type
from tests.inbound.receiving import Dock, dock, new_receipt
from tests.support import ApiClientFactory, Caller, statements_run

ROW = re.compile(r"<tr>\s*(<td.*?)</tr>", re.DOTALL)
CELL = re.compile(r"<td[^>]*>(?:<a [^>]*>)?([^<]*)")
DUE = dt.datetime(2026, 12, 9, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


def rows_of(html: str) -> list[list[str]]:
    return [CELL.findall(row) for row in ROW.findall(html)]


async def list_page(http: httpx.AsyncClient, user: AppUser, path: str, **query: str) -> str:
    response = await http.get(f"{user.root}/office/{path}", params=query)
    assert response.status_code == 200, response.text
    return response.text


async def exported(http: httpx.AsyncClient, user: AppUser, path: str, **query: str) -> str:
    response = await http.get(f"{user.root}/office/{path}/export.csv", params=query)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["content-disposition"]
    return response.content.decode("utf-8")


async def products(caller: Caller, *codes_and_descriptions: tuple[str, str]) -> None:
    unit_type = int((await stock_unit_type(caller))["id"])
    for code, description in codes_and_descriptions:
        await product(caller, code=code, description=description, stock_unit_type_id=unit_type)


async def seeded_tenant(clients: ApiClientFactory, db: Database) -> tuple[AppUser, Dock]:
    user = await new_app_user(clients, db)
    where = await dock(user.caller)
    await order(user.caller, where, DUE)
    await order(user.caller, where, DUE + dt.timedelta(days=3), goods_out_status_id=1)
    receipt = await new_receipt(user.caller, where, {"expected_quantity": 4}, reference="PO-1")
    received = await user.caller.post(f"/api/goods_in_receipts/{receipt['id']}/receive", None)
    assert received.status_code == 200, received.text
    await held_stock(user.caller, where, 3)
    return user, where


async def test_the_order_list_shows_filters_and_leaves_out_another_tenant(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user, where = await seeded_tenant(clients, db)
    other, other_where = await seeded_tenant(clients, db)
    await signed_in(http_browser, user)
    rows = rows_of(await list_page(http_browser, user, "orders"))
    assert [row[2:6] for row in rows] == [
        ["Draft", rows[0][3], rows[0][4], "2026-12-12 10:00"],
        ["Pending", rows[0][3], rows[0][4], "2026-12-09 10:00"],
    ]
    assert int(rows[0][0]) > int(rows[1][0]), "newest first"
    drafts = rows_of(await list_page(http_browser, user, "orders", status="DRAFT"))
    assert [row[2] for row in drafts] == ["Draft"]
    due = rows_of(
        await list_page(http_browser, user, "orders", **{"from": "2026-12-09", "to": "2026-12-09"})
    )
    assert [row[2] for row in due] == ["Pending"]
    searched = rows_of(await list_page(http_browser, user, "orders", q=rows[1][1].lower()))
    assert [row[0] for row in searched] == [rows[1][0]]
    mine = rows_of(
        await list_page(http_browser, user, "orders", account=str(where.stock.account_id))
    )
    assert len(mine) == 2
    foreign = await list_page(
        http_browser, user, "orders", account=str(other_where.stock.account_id)
    )
    missing = await list_page(http_browser, user, "orders", account="999999999")
    assert rows_of(foreign) == rows_of(missing) == []
    assert "Nothing matches these filters." in foreign
    assert other.subdomain not in foreign


async def test_each_list_shows_the_tenants_records(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user, _where = await seeded_tenant(clients, db)
    await seeded_tenant(clients, db)
    await signed_in(http_browser, user)
    receipts = rows_of(await list_page(http_browser, user, "receipts"))
    assert [row[1:3] for row in receipts] == [["PO-1", "Received"]]
    products = rows_of(await list_page(http_browser, user, "products"))
    assert len(products) == 1
    by_product = rows_of(await list_page(http_browser, user, "stock"))
    assert [row[2:] for row in by_product] == [["3", "0", "1"]]
    held = rows_of(await list_page(http_browser, user, "stock", status="available"))
    assert held == []
    by_location = rows_of(await list_page(http_browser, user, "stock/locations"))
    assert [row[0] for row in by_location] == ["A-01-01"]
    tasks = rows_of(await list_page(http_browser, user, "tasks"))
    assert [row[1:3] for row in tasks] == [["Receive", "Waiting"]]
    movements = rows_of(await list_page(http_browser, user, "transactions"))
    assert [row[1] for row in movements] == ["Hold", "Adjustment up"]


async def test_pages_follow_one_another_and_a_cursor_of_another_tenant_is_refused(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    other = await new_app_user(clients, db)
    await products(user.caller, *((f"P{number:02}", f"Product {number}") for number in range(27)))
    await signed_in(http_browser, user)
    first = await list_page(http_browser, user, "products", rows="25")
    codes = [row[1] for row in rows_of(first)]
    found = re.search(r'<a href="\?([^"]+)" rel="next">', first)
    assert found is not None
    second_url = found.group(1).replace("&amp;", "&")
    second = await http_browser.get(f"{user.root}/office/products?{second_url}")
    codes += [row[1] for row in rows_of(second.text)]
    assert codes == [f"P{number:02}" for number in reversed(range(27))]
    assert 'rel="next"' not in second.text
    foreign = encode_key_cursor(other.caller.tenant_id, [10**6], order=NEWEST_FIRST)
    for cursor in (foreign, "not-a-cursor"):
        refused = await list_page(http_browser, user, "products", after=cursor)
        assert "This page link is out of date." in refused
        assert rows_of(refused) == []


async def test_a_bad_filter_is_shown_beside_its_field(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user, _where = await seeded_tenant(clients, db)
    await signed_in(http_browser, user)
    html = await list_page(
        http_browser, user, "orders", **{"from": "12/09/2026", "to": "2026-12-01"}
    )
    assert 'id="from" name="from" type="date" value="12/09/2026" aria-invalid="true"' in html
    assert '<p class="field-error" id="from-error">Enter a date as YYYY-MM-DD' in html
    assert rows_of(html) == []
    backwards = await list_page(
        http_browser, user, "orders", **{"from": "2026-12-09", "to": "2026-12-01"}
    )
    assert "The last day comes before the first." in backwards
    export = await http_browser.get(f"{user.root}/office/orders/export.csv?account=x")
    assert export.status_code == 422


async def test_the_export_is_the_filtered_list_as_csv_with_formulas_defused(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    await products(
        user.caller,
        ("SAFE", 'Boxes, "large"\nsecond line'),
        ("=CMD", '=HYPERLINK("http://evil")'),
        ("OTHER", "-2+3"),
    )
    await signed_in(http_browser, user)
    text = await exported(http_browser, user, "products", q="o")
    assert "\r\n" in text
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert records[0] == ["Id", "Code", "Description", "Barcode", "Status", "Created (UTC)"]
    assert [record[1:3] for record in records[1:]] == [
        ["OTHER", "'-2+3"],
        ["SAFE", 'Boxes, "large"\nsecond line'],
    ]
    assert records[1][5].endswith("Z")
    everything = await exported(http_browser, user, "products")
    assert "'=CMD" in everything
    assert "'=HYPERLINK" in everything


async def test_a_list_costs_the_same_statements_whatever_its_size(
    app: FastAPI, http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user, where = await seeded_tenant(clients, db)
    app_db: Database = app.state.db
    await signed_in(http_browser, user)
    with statements_run(app_db) as few:
        await list_page(http_browser, user, "orders", rows="25")
    for day in range(4):
        await order(user.caller, where, DUE + dt.timedelta(days=day, hours=1))
    with statements_run(app_db) as many:
        await list_page(http_browser, user, "orders", rows="200")
    assert len(many) == len(few)
    selects = [statement for statement in many if statement.lstrip().startswith("SELECT")]
    assert len(selects) == 3, "the session's user, the filter choices and the page"


async def test_a_role_without_reading_cannot_open_a_list(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    operator = await new_app_user(clients, db, permissions=("write",))
    await signed_in(http_browser, operator)
    for path in ("orders", "orders/export.csv", "stock/locations"):
        response = await http_browser.get(f"{operator.root}/office/{path}")
        assert response.status_code == 403
