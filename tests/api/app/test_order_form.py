"""The office form that creates an order: made by the service REST calls, what it refuses shown
beside the field it names, nothing written then, and a post without its token refused."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from clarus.core.db import Database
from clarus.outbound.tables import goods_outs
from tests.api.app.support import AppUser, browser, form_token, new_app_user, signed_in
from tests.catalog.factories import product
from tests.inbound.receiving import Dock, dock
from tests.support import ApiClientFactory


@pytest.fixture
async def http_browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


async def product_code(user: AppUser, _where: Dock) -> str:
    created = await product(user.caller)
    return str(created["attributes"]["code"])


async def orders_of(db: Database, tenant_id: int) -> int:
    async with db.read_session() as session:
        statement = select(func.count()).where(goods_outs.c.tenant_id == tenant_id)
        return int((await session.execute(statement)).scalar_one())


async def post_form(
    http: httpx.AsyncClient, user: AppUser, fields: dict[str, str], *, token: bool = True
) -> httpx.Response:
    page = await http.get(f"{user.root}/office/orders/new")
    assert page.status_code == 200, page.text
    data = {**fields, **({"csrf_token": form_token(page)} if token else {})}
    return await http.post(f"{user.root}/office/orders/new", data=data)


def field_error(html: str, name: str) -> str:
    found = re.search(rf'<p class="field-error" id="{name}-error">([^<]*)</p>', html)
    assert found is not None, html
    return found.group(1)


async def test_the_form_creates_an_order_and_shows_it(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    where = await dock(user.caller)
    code = await product_code(user, where)
    await signed_in(http_browser, user)
    listed = await http_browser.get(f"{user.root}/office/orders")
    assert f'href="{user.root}/office/orders/new">New order</a>' in listed.text
    created = await post_form(
        http_browser,
        user,
        {
            "account": str(where.stock.account_id),
            "warehouse": str(where.stock.warehouse_id),
            "reference": "WEB-1",
            "due": "2026-12-09T10:00",
            "line-0-product": code,
            "line-0-quantity": "3",
        },
    )
    assert created.status_code == 303, created.text
    page = await http_browser.get(created.headers["location"])
    assert "<h1>Order WEB-1</h1>" in page.text
    assert "2026-12-09 10:00" in page.text
    assert f"<td>{code}</td>" in page.text
    assert await orders_of(db, user.caller.tenant_id) == 1


async def test_bad_input_is_shown_beside_its_field_and_nothing_is_written(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    where = await dock(user.caller)
    code = await product_code(user, where)
    other = await new_app_user(clients, db)
    other_where = await dock(other.caller)
    await signed_in(http_browser, user)
    missing = await post_form(
        http_browser,
        user,
        {"due": "tomorrow", "line-1-product": "NO-SUCH", "line-1-quantity": "2"},
    )
    assert missing.status_code == 422
    assert "Nothing was saved." in missing.text
    assert field_error(missing.text, "line-1-product") == "No product has the code NO-SUCH."
    assert "required" in field_error(missing.text, "account")
    assert "required" in field_error(missing.text, "reference")
    assert field_error(missing.text, "due").startswith("expected_date_of_dispatch:")
    assert 'value="NO-SUCH" aria-invalid="true"' in missing.text
    quantity = await post_form(
        http_browser,
        user,
        {
            "account": str(where.stock.account_id),
            "reference": "WEB-2",
            "due": "2026-12-09T10:00",
            "line-0-product": code,
            "line-0-quantity": "-1",
        },
    )
    assert quantity.status_code == 422
    assert "order_quantity" in field_error(quantity.text, "line-0-quantity")
    foreign = await post_form(
        http_browser,
        user,
        {
            "account": str(other_where.stock.account_id),
            "reference": "WEB-3",
            "due": "2026-12-09T10:00",
            "line-0-product": code,
            "line-0-quantity": "1",
        },
    )
    absent = await post_form(
        http_browser,
        user,
        {
            "account": "999999999",
            "reference": "WEB-3",
            "due": "2026-12-09T10:00",
            "line-0-product": code,
            "line-0-quantity": "1",
        },
    )
    assert foreign.status_code == absent.status_code == 422
    assert field_error(foreign.text, "account").replace(
        str(other_where.stock.account_id), "N"
    ) == field_error(absent.text, "account").replace("999999999", "N")
    assert await orders_of(db, user.caller.tenant_id) == 0


async def test_a_form_posted_without_its_token_is_refused(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    user = await new_app_user(clients, db)
    where = await dock(user.caller)
    await signed_in(http_browser, user)
    refused = await post_form(
        http_browser,
        user,
        {
            "account": str(where.stock.account_id),
            "reference": "WEB-4",
            "due": "2026-12-09T10:00",
        },
        token=False,
    )
    assert refused.status_code == 403
    assert await orders_of(db, user.caller.tenant_id) == 0


async def test_a_reader_may_not_open_the_form(
    http_browser: httpx.AsyncClient, clients: ApiClientFactory, db: Database
) -> None:
    reader = await new_app_user(clients, db, permissions=("read",))
    await signed_in(http_browser, reader)
    assert (await http_browser.get(f"{reader.root}/office/orders/new")).status_code == 403
    listed = await http_browser.get(f"{reader.root}/office/orders")
    assert "/office/orders/new" not in listed.text
